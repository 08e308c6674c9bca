"""Export bundles: every field of every section survives the round trip, and a wrong passphrase,
a damaged, truncated or foreign file is refused with a clear message and nothing written."""

from __future__ import annotations

import io
import json
import struct
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import services, transfer
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import (
    Case,
    CheckIn,
    DocumentHeld,
    Note,
    Person,
    PersonKind,
    StageChange,
    Stay,
    Task,
)
from safepassage.cases.tests.conftest import vault_of
from safepassage.testing import PASSWORD, verified_client
from safepassage.vault import fields

pytestmark = pytest.mark.django_db

PASSPHRASE = "long enough passphrase 1917"


def _sample(model: type[Any], f: fields.EncryptedField) -> Any:
    special = {
        (Person, "latin_spellings"): [{"spelling": "Ivan Petrov", "document": "visa"}],
        (Person, "birth_date"): "1990-05",
        (Stay, "country"): "KZ",
        (Stay, "entered_on"): date(2024, 1, 2),
        (Stay, "left_on"): date(2024, 2, 1),
        (Stay, "registered_until"): date(2024, 3, 1),
    }
    if (model, f.name) in special:
        return special[(model, f.name)]
    if f.kind == "date":
        return date(2023, 4, 5)
    if f.kind == "json":
        return {"given": True, "purpose": "визa"} if f.name == "consent" else ["a", "б"]
    if f.kind == "int":
        return 7
    return f"{model._meta.model_name}.{f.name}: текст"


def _full_case(staff: Any) -> CaseAccess:
    """A case with a row in every section and a value in every encrypted field."""
    access = services.create_case(staff, "Иван Петров", country="KZ")
    case_values = {f.name: _sample(Case, f) for f in fields.encrypted_fields(Case)}
    services.save_case_fields(access, case_values)
    services.save_case_settings(access, "KZ", 14, access.case.retention_date)
    services.move_stage(access, "consultation", "called back")
    principal = Person.objects.get(case=access.case)
    services.save_row(
        access,
        principal,
        {f.name: _sample(Person, f) for f in fields.encrypted_fields(Person)},
    )
    spouse = Person(case=access.case, kind=PersonKind.SPOUSE, position=1)
    plain: dict[type[Any], dict[str, Any]] = {
        StageChange: {"from_stage": "consultation", "to_stage": "paused", "by": staff},
        Task: {"assignee": staff, "done_at": timezone.now()},
        CheckIn: {"by": staff},
        Note: {"by": staff, "confirmed_warnings": ["phone_number"]},
        DocumentHeld: {"person": spouse},
    }
    for model in services.CASE_ROWS:
        row = spouse if model is Person else model(case=access.case)
        for name, value in plain.get(model, {}).items():
            setattr(row, name, value)
        values = {f.name: _sample(model, f) for f in fields.encrypted_fields(model)}
        services.save_row(access, row, values)
    return access


def _snapshot(access: CaseAccess) -> dict[str, Any]:
    """What the case holds, decrypted, without what names this instance (ids, staff)."""
    case = Case.objects.get(pk=access.case.pk)
    people = {p.pk: p.position for p in Person.objects.filter(case=case)}
    out: dict[str, Any] = {
        "case": fields.read_all(access.key, case),
        "case_plain": {
            name: getattr(case, "country_id" if name == "country" else name)
            for name in transfer._CASE_PLAIN
        },
    }
    for model in services.CASE_ROWS:
        rows = []
        for row in model.objects.filter(case=case).order_by("pk"):  # type: ignore[attr-defined]
            plain = {}
            for f in transfer._plain_fields(model):
                value = getattr(row, f.attname)
                if f.is_relation and f.related_model is not Person:
                    continue  # staff links do not travel (see the test below)
                plain[f.name] = people.get(value) if f.is_relation else value
            rows.append((fields.read_all(access.key, row), plain))
        out[str(model._meta.model_name)] = rows
    return out


def _counts() -> tuple[int, int]:
    return Case.objects.count(), AuditEntry.objects.count()


def _bundle(staff: Any, references: list[str]) -> bytes:
    content, _count = transfer.export_cases(staff, vault_of(staff), references, PASSPHRASE)
    return content


def test_round_trip_restores_every_field_of_every_section(rules, coordinator):
    source = _full_case(coordinator)
    before = _snapshot(source)
    for model in services.CASE_ROWS:
        rows = before[str(model._meta.model_name)]
        assert rows, f"the test case has no {model.__name__} row"
        for values, _plain in rows:
            if model is not Person or _plain["kind"] == PersonKind.PRINCIPAL:
                assert all(v is not None for v in values.values()), model.__name__
    assert all(v is not None for v in before["case"].values())

    created = transfer.import_bundle(
        coordinator, io.BytesIO(_bundle(coordinator, [source.case.reference])), PASSPHRASE
    )

    assert len(created) == 1
    assert created[0] != source.case.reference
    imported = open_case(coordinator, created[0], vault_of(coordinator))
    after = _snapshot(imported)
    assert after == before
    assert imported.key.key != source.key.key
    entry = AuditEntry.objects.get(action="case.imported")
    assert '"source":"bundle"' in entry.details.replace(" ", "")


def test_staff_links_become_the_importer_or_nobody(rules, coordinator, make_staff):
    source = _full_case(coordinator)
    importer = make_staff("coordinator")
    data = _bundle(coordinator, [source.case.reference])
    (reference,) = transfer.import_bundle(importer, io.BytesIO(data), PASSPHRASE)
    case = Case.objects.get(reference=reference)
    assert {c.by_id for c in CheckIn.objects.filter(case=case)} == {importer.pk}
    assert {n.by_id for n in Note.objects.filter(case=case)} == {importer.pk}
    assert [t.assignee_id for t in Task.objects.filter(case=case)] == [None]
    assert case.created_by_id == importer.pk


def test_a_case_past_vetting_comes_back_at_vetting(rules, coordinator):
    """Vetting decisions do not travel: the importing organisation vets again."""
    access = services.create_case(coordinator, "Иван Петров")
    Case.objects.filter(pk=access.case.pk).update(stage="advocacy")
    data = _bundle(coordinator, [access.case.reference])
    (reference,) = transfer.import_bundle(coordinator, io.BytesIO(data), PASSPHRASE)
    assert Case.objects.get(reference=reference).stage == "vetting"


def test_a_selection_exports_only_the_chosen_cases(rules, coordinator):
    first = services.create_case(coordinator, "Первый")
    services.create_case(coordinator, "Второй")
    created = transfer.import_bundle(
        coordinator, io.BytesIO(_bundle(coordinator, [first.case.reference])), PASSPHRASE
    )
    assert len(created) == 1


def test_the_header_states_argon2id_costs_of_at_least_64_mib_and_3_passes(rules, coordinator):
    access = services.create_case(coordinator, "Иван")
    data = _bundle(coordinator, [access.case.reference])
    assert data.startswith(transfer.MAGIC)
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    assert header["version"] == 1
    assert header["kdf"]["name"] == "argon2id13"
    assert header["kdf"]["memlimit"] >= 64 * 1024 * 1024
    assert header["kdf"]["opslimit"] >= 3
    assert "Иван".encode() not in data


def _refused(staff: Any, data: bytes, message: str, passphrase: str = PASSPHRASE) -> None:
    before = _counts()
    with pytest.raises(transfer.BundleError, match=message):
        transfer.import_bundle(staff, io.BytesIO(data), passphrase)
    assert _counts() == before


def test_a_wrong_passphrase_is_refused_and_nothing_written(rules, coordinator):
    data = _bundle(coordinator, [services.create_case(coordinator, "Иван").case.reference])
    _refused(coordinator, data, "passphrase does not open", "another passphrase entirely")


@pytest.mark.parametrize("where", [-1, -40, 200])
def test_one_flipped_byte_is_refused_and_nothing_written(rules, coordinator, where):
    data = bytearray(_bundle(coordinator, [_full_case(coordinator).case.reference]))
    data[where] ^= 0x01
    _refused(coordinator, bytes(data), "damaged")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_file_is_refused_and_nothing_written(rules, coordinator, keep):
    data = _bundle(coordinator, [_full_case(coordinator).case.reference])
    _refused(coordinator, data[: int(len(data) * keep)], "damaged or truncated")


def test_another_format_version_is_refused(rules, coordinator):
    data = _bundle(coordinator, [services.create_case(coordinator, "Иван").case.reference])
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    header["version"] = 2
    raw = json.dumps(header).encode()
    forged = data[:8] + struct.pack(">I", len(raw)) + raw + data[12 + length :]
    _refused(coordinator, forged, "format version 2")


def test_a_file_that_is_no_bundle_is_refused(rules, coordinator):
    _refused(coordinator, "Name,Country\nИван,KZ\n".encode(), "not a safepassage export file")


def test_a_case_that_cannot_be_taken_stops_the_whole_import(rules, coordinator):
    good = transfer.case_document(services.create_case(coordinator, "Первый"))
    late = transfer.case_document(services.create_case(coordinator, "Второй"))
    late["plain"]["retention_date"] = (timezone.localdate() - timedelta(days=1)).isoformat()
    document = {"format": transfer.FORMAT, "version": 1, "exported_at": "", "cases": [good, late]}
    out = io.BytesIO()
    transfer.write_bundle(document, PASSPHRASE, out)
    _refused(coordinator, out.getvalue(), "Case 2 of the file")


@pytest.mark.parametrize("header", [b"[" * 100_000, b'{"version": 1, "kdf": {"opslimit": 1e400}}'])
def test_a_malformed_header_is_refused_as_damaged(rules, coordinator, header):
    forged = transfer.MAGIC + struct.pack(">I", len(header)) + header + b"rest"
    _refused(coordinator, forged, "damaged or truncated")


@pytest.mark.parametrize(
    "damage",
    [
        lambda case: case.update(plain=["x"]),
        lambda case: case["rows"].update(person=["x"]),
        lambda case: case["rows"]["person"][0].update(plain=["x"]),
        lambda case: case["plain"].update(stage="nonsense"),
    ],
)
def test_a_case_of_the_wrong_shape_stops_the_import_and_the_next_case_is_created(
    rules, coordinator, damage
):
    good = transfer.case_document(services.create_case(coordinator, "Первый"))
    bad = transfer.case_document(services.create_case(coordinator, "Второй"))
    damage(bad)
    document = {"format": transfer.FORMAT, "version": 1, "exported_at": "", "cases": [good, bad]}
    out = io.BytesIO()
    transfer.write_bundle(document, PASSPHRASE, out)
    _refused(coordinator, out.getvalue(), "Case 2 of the file")
    # What the refused import wrote in the key folder does not stand in the way of a new case.
    assert services.create_case(coordinator, "Третий").case.reference


def test_a_short_passphrase_is_refused(rules, coordinator):
    access = services.create_case(coordinator, "Иван")
    with pytest.raises(transfer.TransferError, match="at least 12 characters"):
        transfer.export_cases(coordinator, vault_of(coordinator), [access.case.reference], "short")


# -- the web pages -------------------------------------------------------------------------------


def test_export_downloads_an_encrypted_file_that_is_not_cached(rules, caseworker):
    access = services.create_case(caseworker, "Иван Петров")
    client = verified_client(caseworker)
    page = client.get(reverse("cases:export"), {"case": access.case.reference})
    assert page.status_code == 200
    assert "Иван Петров" in page.content.decode()
    response = client.post(
        reverse("cases:export"),
        {
            "cases": [access.case.reference],
            "passphrase": PASSPHRASE,
            "passphrase_again": PASSPHRASE,
        },
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(transfer.MAGIC)
    assert "Иван".encode() not in response.content


def test_a_staff_member_cannot_export_a_case_they_are_not_assigned_to(
    rules, caseworker, make_staff
):
    access = services.create_case(caseworker, "Иван Петров")
    outsider = verified_client(make_staff())
    reference = access.case.reference
    assert outsider.get(reverse("cases:export"), {"case": reference}).status_code == 404
    response = outsider.post(
        reverse("cases:export"),
        {"cases": [reference], "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE},
    )
    assert response.status_code == 404
    assert not response.content.startswith(transfer.MAGIC)


def test_the_bundle_page_imports_a_file(rules, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _bundle(coordinator, [services.create_case(coordinator, "Иван").case.reference])
    client = verified_client(coordinator)
    url = reverse("cases:import_bundle")
    wrong = client.post(
        url, {"file": SimpleUploadedFile("x.spbundle", data), "passphrase": "not the passphrase"}
    )
    assert wrong.status_code == 400
    assert "passphrase does not open" in wrong.content.decode()
    assert Case.objects.count() == 1
    right = client.post(
        url, {"file": SimpleUploadedFile("x.spbundle", data), "passphrase": PASSPHRASE}
    )
    assert right.status_code == 200
    assert Case.objects.count() == 2


def test_the_bundle_page_names_each_missing_field_and_imports_nothing(rules, coordinator):
    client = verified_client(coordinator)
    response = client.post(reverse("cases:import_bundle"), {"passphrase": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("This field is required.") == 2  # the file and the passphrase
    assert Case.objects.count() == 0


# -- the command line ----------------------------------------------------------------------------


def test_commands_export_and_import_a_bundle(rules, coordinator, tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    monkeypatch.setenv("SAFEPASSAGE_BUNDLE_PASSPHRASE", PASSPHRASE)
    access = _full_case(coordinator)
    target = tmp_path / "out.spbundle"
    out = io.StringIO()
    call_command(
        "cases_export", "--as", coordinator.email, "--case", access.case.reference,
        "--out", str(target), stdout=out,
    )  # fmt: skip
    assert "1 cases exported" in out.getvalue()
    assert target.stat().st_mode & 0o077 == 0
    with pytest.raises(CommandError, match="exists"):
        call_command("cases_export", "--as", coordinator.email, "--out", str(target))
    out = io.StringIO()
    call_command("cases_import_bundle", str(target), "--as", coordinator.email, stdout=out)
    reference = out.getvalue().split("case imported: ")[1].split()[0]
    imported = open_case(coordinator, reference, vault_of(coordinator))
    assert _snapshot(imported) == _snapshot(access)


def test_command_import_refuses_a_wrong_passphrase(rules, coordinator, tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    target = tmp_path / "out.spbundle"
    reference = services.create_case(coordinator, "Иван").case.reference
    target.write_bytes(_bundle(coordinator, [reference]))
    monkeypatch.setenv("SAFEPASSAGE_BUNDLE_PASSPHRASE", "a different passphrase")
    before = _counts()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("cases_import_bundle", str(target), "--as", coordinator.email)
    assert _counts() == before


def test_command_export_refuses_a_case_of_someone_else(
    rules, caseworker, make_staff, tmp_path, monkeypatch
):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    monkeypatch.setenv("SAFEPASSAGE_BUNDLE_PASSPHRASE", PASSPHRASE)
    reference = services.create_case(caseworker, "Иван").case.reference
    outsider = make_staff()
    with pytest.raises(CommandError, match="no such case"):
        call_command(
            "cases_export", "--as", outsider.email, "--case", reference,
            "--out", str(tmp_path / "x.spbundle"),
        )  # fmt: skip
    assert not (tmp_path / "x.spbundle").exists()
