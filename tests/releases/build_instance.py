"""Make the small instance a release fixture keeps, with the code of that release.

Run by scripts/release-fixture in a process whose settings point at a fresh, migrated instance
(and whose PYTHONPATH may put an older release's code first). It uses only what release 0.1.0
already had: services, the vault, and Django's test client through the front door. It prints a
manifest (JSON) of what it made, with a digest of every plaintext taken by ops/inventory.py of
the tree this file belongs to, loaded by its path so it also runs against older code.

Everything here is invented; the keys and the recovery words written with it open nothing but
this fixture.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import django

django.setup()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from safepassage.accounts import services as account_services  # noqa: E402
from safepassage.cases import services as case_services  # noqa: E402
from safepassage.cases.demo import create_sample_cases  # noqa: E402
from safepassage.cases.gate import open_case  # noqa: E402
from safepassage.cases.models import Person, PersonKind  # noqa: E402
from safepassage.core.roles import Role  # noqa: E402
from safepassage.crypto.words import bytes_to_words  # noqa: E402
from safepassage.intake.models import Conversation  # noqa: E402
from safepassage.testing import PASSWORD, make_staff, verified_client  # noqa: E402
from safepassage.vault import intake  # noqa: E402
from safepassage.vault.session import VaultSession  # noqa: E402
from safepassage.vetting import issuing  # noqa: E402
from safepassage.vetting import services as vetting  # noqa: E402
from safepassage.vetting.models import ChecklistItem  # noqa: E402

INVENTORY = Path(__file__).resolve().parents[2] / "src" / "safepassage" / "ops" / "inventory.py"
SAME: dict[str, Any] = {"HTTP_SEC_FETCH_SITE": "same-origin"}
REPLY = "Мы получили ваше сообщение и поможем. We will help you."


def _png(colour: tuple[int, int, int]) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    out.seek(0)
    out.name = "scan.png"
    return out


def _vault(staff: Any) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


def _vetted_case(caseworker: Any, vetters: list[Any], coordinator: Any) -> tuple[str, str]:
    """A case vetted by four eyes, with evidence holding a file, and an attestation."""
    access = case_services.create_case(caseworker, "Пётр Иванович Фикстуров", country="KZ")
    principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    case_services.save_row(
        access,
        principal,
        {"latin_spellings": [{"spelling": "Petr Fikstrov", "document": "foreign_passport"}]},
    )
    for vetter in vetters:
        case_services.assign(access, vetter, "vetter")
    reference = access.case.reference
    # Since 0.2 a GET no longer starts a vetting record: it is started on purpose.
    start: dict[str, Any] = (
        {"start": True} if "start" in inspect.signature(vetting.open_vetting).parameters else {}
    )
    first, second = (vetting.open_vetting(v, reference, _vault(v), **start) for v in vetters)
    for va in (first, second):
        vetting.add_interview(va, timezone.localdate() - timedelta(days=2), "Held in person.")
        vetting.declare_interests(va, False, "")
    for item in (ChecklistItem.UNIT_PRESENCE, ChecklistItem.ROLE_RANK):
        vetting.answer_checklist(first, item, "no_concern", "Checked against the records.")
    response = verified_client(vetters[0]).post(
        f"/cases/{reference}/vetting/evidence/new/",
        {
            "kind": "document_copy",
            "title": "Military ID, pages 1-4",
            "description": "Scanned during the second interview.",
            "retention_date": (timezone.localdate() + timedelta(days=3 * 365)).isoformat(),
            "file": _png((20, 120, 60)),
        },
    )
    assert response.status_code == 302, response.content[:500]
    first = vetting.open_vetting(vetters[0], reference, _vault(vetters[0]))
    second = vetting.open_vetting(vetters[1], reference, _vault(vetters[1]))
    vetting.conclude(first, "no_indication", "high", "Consistent across interviews.")
    vetting.conclude(second, "no_indication", "medium", "Nothing found against him.")
    vetting.decide(vetting.open_vetting(vetters[0], reference, _vault(vetters[0])), "Agreed.")
    record = first.vetting.__class__.objects.get(pk=first.vetting.pk)
    # The statement is made from the records, as a coordinator issues it.
    attestation, _json, _pdf = issuing.issue(
        open_case(coordinator, reference, _vault(coordinator), "attested"),
        record,
        recipient="Consulate (invented)",
        language="fr",
        include_name=False,
        valid_days=3650,
        warnings_confirmed=True,
    )
    return reference, str(attestation.id)


def _intake_thread(triager: Any) -> str:
    """A first message with a photo, and a reply he reads with his codename."""
    response = Client().post(
        "/en/write/",
        {
            "who": "self",
            "situation": "mobilised",
            "country": "KZ",
            "urgency": "days",
            "reply_via": "site",
            "handle": "",
            "text": "Меня мобилизовали, я в Казахстане (invented fixture text).",
            "files": [_png((200, 30, 30))],
        },
        **SAME,
    )
    assert response.status_code == 200, response.content[:500]
    codename = " ".join(re.findall(r"<li>([a-z]+)</li>", response.content.decode()))
    pk = Conversation.objects.order_by("-pk").first().pk  # type: ignore[union-attr]
    replied = verified_client(triager).post(f"/intake/triage/{pk}/reply/", {"text": REPLY})
    assert replied.status_code == 302, replied.content[:500]
    return codename


def _digests(recovery: bytes) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("fixture_inventory", INVENTORY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    found = module.take(recovery, collect=True)
    assert found.ok, found.problems
    return {
        "digests": found.digests,
        "counts": {
            k: v
            for k, v in found.as_dict().items()
            if isinstance(v, int) and not isinstance(v, bool)
        },
    }


def main() -> None:
    organisation, keys = account_services.create_organisation(
        "Fixture organisation (invented)", ["Desk", "Vetting"]
    )
    coordinator = make_staff(organisation, Role.COORDINATOR, email="coordinator@fixture.example")
    caseworker = make_staff(organisation, Role.CASEWORKER, email="caseworker@fixture.example")
    vetters = [
        make_staff(organisation, Role.VETTER, email=f"vetter{i}@fixture.example") for i in (1, 2)
    ]
    legal = make_staff(organisation, Role.LEGAL, email="legal@fixture.example")
    for staff in (coordinator, caseworker):
        intake.grant_intake_key(keys.intake_secret, staff.pk)
    sample = create_sample_cases(caseworker, vetters[:1], legal)
    reference, attestation = _vetted_case(caseworker, vetters, coordinator)
    codename = _intake_thread(caseworker)
    manifest = {
        "made_on": date.today().isoformat(),
        "organisation_recovery_key": " ".join(bytes_to_words(keys.recovery_secret)),
        "staff_password": PASSWORD,
        "staff": [s.email for s in (coordinator, caseworker, *vetters, legal)],
        "cases": [*sample, reference],
        "attestations": [attestation],
        "codename": codename,
        "reply": REPLY,
        **_digests(keys.recovery_secret),
    }
    json.dump(manifest, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
