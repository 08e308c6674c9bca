"""Two organisations, two instances (data folders, key folders, databases): a case goes from
this test's instance to a second one by file and by HTTPS on loopback, and its receipt comes
back. The second instance is only ever driven through its own commands and its own server."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
import trustme

from safepassage.cases import transfer
from safepassage.partners import channel, handover, inbox, services
from safepassage.partners import scope as scopes
from safepassage.partners.models import Handover
from safepassage.partners.tests.cases import full_case
from safepassage.partners.tests.conftest import CANARY
from safepassage.partners.tests.instance import Instance
from safepassage.testing import PASSWORD
from safepassage.vault.keys import organisation_signer

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
PASSPHRASE = "export passphrase for the check 1917"
AGE = shutil.which("age") or "/usr/bin/age"


@pytest.fixture(scope="module")
def beta(tmp_path_factory: Any) -> Any:
    instance = Instance(tmp_path_factory.mktemp("beta"), "Beta Legal")
    try:
        instance.setup()
        yield instance
    finally:
        instance.drop()


def _as(instance: Instance, *args: str) -> str:
    return instance.run("partners", "--as", instance.staff["coordinator"], *args, password=PASSWORD)


def _exchange_cards(beta: Instance, coordinator: Any, tmp_path: Path) -> Any:
    """Each side adds the other's card and types the words it hears from the other."""
    ours = tmp_path / "alpha.card"
    ours.write_bytes(services.our_card(coordinator.organisation_id).to_json())
    added = _as(beta, "add", str(ours))
    assert "unverified" in added
    words = " ".join(services.our_words(coordinator.organisation_id))
    _as(beta, "verify", organisation_signer(coordinator.organisation_id).key_id, "--words", words)
    theirs = tmp_path / "beta.card"
    beta.run("partners", "card", "--out", str(theirs))
    partner, _outcome = services.add_partner(coordinator, theirs.read_bytes())
    return services.verify_partner(coordinator, partner, beta.run("partners", "words").strip())


def _their_case(beta: Instance, reference: str, tmp_path: Path) -> dict[str, Any]:
    """The receiving case, decrypted, as the second instance's own export holds it."""
    out = tmp_path / f"{reference}.spbundle"
    env_passphrase = {"SAFEPASSAGE_BUNDLE_PASSPHRASE": PASSPHRASE}
    beta.env.update(env_passphrase)
    try:
        beta.run(
            "cases_export",
            "--as",
            beta.staff["coordinator"],
            "--case",
            reference,
            "--out",
            str(out),
            password=PASSWORD,
        )
    finally:
        beta.env.pop("SAFEPASSAGE_BUNDLE_PASSPHRASE")
    with out.open("rb") as source:
        document = transfer.read_bundle(source, PASSPHRASE)
    case: dict[str, Any] = document["cases"][0]
    return case


def _sealed_rows(item: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        name: sorted((row["sealed"] for row in rows), key=json.dumps)
        for name, rows in item["rows"].items()
        if rows
    }


def _matches_scope(theirs: dict[str, Any], access: Any, scope: scopes.Scope) -> None:
    sent = scopes.scoped_document(access, scope)
    assert _sealed_rows(theirs) == _sealed_rows(sent)
    assert theirs["sealed"] == sent["sealed"]
    assert CANARY not in json.dumps(theirs, ensure_ascii=False)


def _identity(beta: Instance, tmp_path: Path) -> Path:
    """Beta's own age identity, as its staff could take it out of their key folder."""
    printed = beta.run(
        "shell",
        "-c",
        "from safepassage.partners import services; "
        "print(services.identities(services.organisation().pk)[0])",
    )
    path = tmp_path / "beta-identity.txt"
    path.write_text(printed.strip().splitlines()[-1] + "\n")
    return path


SCOPE_SECTIONS = ["identity", "service", "files"]


def test_a_case_goes_by_file_and_its_receipt_comes_back(rules, coordinator, beta, tmp_path):
    partner = _exchange_cards(beta, coordinator, tmp_path)
    access, ids = full_case(coordinator)
    services.record_consent(access, partner, [*SCOPE_SECTIONS, "legal"], "in_writing")
    scope = scopes.Scope(SCOPE_SECTIONS, [ids["spouse"]], [ids["chosen_file"]])
    bundle = tmp_path / "bundle.age"
    sent = handover.send_to_file(access, partner, scope, bundle)

    # The standard age tool opens it with the partner's identity; the canary is not inside.
    opened = subprocess.run(
        [AGE, "-d", "-i", str(_identity(beta, tmp_path)), str(bundle)],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(opened)) as archive:
        assert archive.getnames() == ["manifest.json", "manifest.sig", "case.json", "files/001.txt"]
    assert CANARY.encode() not in opened
    assert "Мария Петрова".encode() in opened

    received = _as(
        beta,
        "receive",
        str(bundle),
        "--assign",
        beta.staff["caseworker"],
        "--receipt-out",
        str(tmp_path / "receipt.age"),
    )
    reference = received.split("imported as case ")[1].split()[0]
    theirs = _their_case(beta, reference, tmp_path)
    _matches_scope(theirs, access, scope)
    assert CANARY.encode() not in beta.raw_database()

    handover_row = inbox.receive(tmp_path / "receipt.age")
    assert handover_row.pk == sent.handover.pk
    done = Handover.objects.get(pk=sent.handover.pk)
    assert done.receipt_verified_at is not None
    assert done.receipt_counts["person"] == 2
    assert done.receipt_counts["files"] == 1

    # The same file again is refused there, and nothing more is imported.
    again = _as_failing(beta, "receive", str(bundle))
    assert "already received" in again


def _as_failing(instance: Instance, *args: str) -> str:
    return instance.run(
        "partners", "--as", instance.staff["coordinator"], *args, password=PASSWORD, check=False
    )


def test_a_case_goes_by_https_and_the_receipt_is_fetched(
    rules, coordinator, beta, tmp_path, monkeypatch
):
    authority = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # our client trusts this test authority
    base = beta.serve_https(authority.issue_cert("127.0.0.1"))
    try:
        _as(beta, "set-inbox", f"{base}/partners/inbox/")
        partner = _exchange_cards(beta, coordinator, tmp_path)
        assert partner.inbox_url == f"{base}/partners/inbox/"
        access, ids = full_case(coordinator)
        services.record_consent(access, partner, SCOPE_SECTIONS, "message")
        scope = scopes.Scope(SCOPE_SECTIONS, [], [ids["chosen_file"]])
        sent = handover.send_to_inbox(access, partner, scope)
        message_id = sent.handover.message.message_id

        assert channel.fetch_receipts() == (1, 0)  # sealed in their inbox, not imported yet
        listed = beta.run("partners", "inbox")
        assert message_id in listed
        imported = _as(beta, "import", message_id[:8])
        reference = imported.split("imported as case ")[1].split()[0]

        assert channel.fetch_receipts() == (1, 1)
        done = Handover.objects.get(pk=sent.handover.pk)
        assert done.receipt_verified_at is not None
        assert done.message.via == "https"
        _matches_scope(_their_case(beta, reference, tmp_path), access, scope)
        assert CANARY.encode() not in beta.raw_database()
    finally:
        beta.stop()
