"""Spreadsheet import: all or nothing unless a partial import is chosen, every problem named by
row, hostile files refused with a clear message, and the table between the steps sealed."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import openpyxl  # type: ignore[import-untyped] # openpyxl ships no type information
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import importing, spreadsheet
from safepassage.cases.gate import open_case
from safepassage.cases.models import Case, CriminalCase, ImportDraft, Person, ServicePeriod, Stay
from safepassage.cases.tests.conftest import vault_of
from safepassage.testing import PASSWORD, verified_client
from safepassage.vault import fields

pytestmark = pytest.mark.django_db

HEADERS = ["ФИО", "Latin name", "Date of birth", "Страна", "Статья", "Stay country", "Entered on"]
GOOD = ["Иван Петров", "Ivan Petrov", "1990-05", "KZ", "ст. 337 ч. 5", "KZ", "2024-01-10"]
GOOD_2 = ["Пётр Сидоров", "", "12.03.1988", "AM", "338", "", ""]


def _csv(rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _counts() -> tuple[int, int, int]:
    return Case.objects.count(), AuditEntry.objects.count(), Person.objects.count()


def _table(*rows: list[str]) -> importing.Table:
    return importing.parse(_csv([HEADERS, *rows]))


def _mapping() -> dict[int, str]:
    return importing.guess_mapping(HEADERS)


# -- reading files -------------------------------------------------------------------------------


def test_headers_in_english_and_russian_suggest_the_fields():
    assert importing.guess_mapping(
        ["ФИО", "Latin name", "Дата рождения", "в/ч", "Звание", "Something else", "Stage"]
    ) == {
        0: "principal_name",
        1: "latin_name",
        2: "birth_date",
        3: "unit_number",
        4: "rank",
        6: "stage",
    }


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (";", False)])
def test_csv_parses_with_or_without_bom_and_either_delimiter(delimiter, bom):
    table = importing.parse(_csv([HEADERS, GOOD], delimiter, bom))
    assert table.headers == HEADERS
    assert table.rows == [(2, GOOD)]


def test_xlsx_parses_with_real_dates_and_numbers():
    table = importing.parse(
        _xlsx([["Name", "Birth date", "Unit number"], ["Иван", date(1990, 5, 17), 12345]])
    )
    assert table.headers == ["Name", "Birth date", "Unit number"]
    assert table.rows == [(2, ["Иван", "1990-05-17", "12345"])]


def test_empty_trailing_columns_do_not_count_but_too_many_real_ones_do():
    wide = [["Name", *[""] * 100], ["Иван", *[""] * 100]]
    assert importing.parse(_csv(wide)).headers == ["Name"]
    with pytest.raises(importing.SpreadsheetError, match="more than 60 columns"):
        importing.parse(_csv([[f"c{n}" for n in range(61)], ["Иван"]]))


def test_blank_rows_are_skipped_but_keep_the_row_numbers():
    table = importing.parse(_csv([HEADERS, GOOD, [""] * len(HEADERS), GOOD_2]))
    assert [n for n, _cells in table.rows] == [2, 4]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "neither a CSV nor an XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file"),
        ("ФИО,Страна\nИван,KZ\n".encode("cp1251"), "not in UTF-8"),
        (b"\n\nIvan,KZ\n", "header row"),
        (b"1990-05-17,12345\nIvan,KZ\n", "header row"),
        (b"Name,Country\n", "no rows below the header"),
        (b"", "empty"),
        (b"PK\x03\x04" + b"broken" * 50, "damaged"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(importing.SpreadsheetError, match=message):
        importing.parse(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(importing.SpreadsheetError, match="neither a CSV nor an XLSX"):
        importing.parse(out.getvalue())


def test_too_many_rows_are_refused():
    rows = [["Name"], *([f"Иван {n}"] for n in range(importing.MAX_ROWS + 1))]
    with pytest.raises(importing.SpreadsheetError, match="more than 5000 rows"):
        importing.parse(_csv(rows))
    assert len(importing.parse(_csv(rows[:-1])).rows) == importing.MAX_ROWS


def test_too_large_a_file_is_refused():
    with pytest.raises(importing.SpreadsheetError, match="larger than 5 MB"):
        importing.parse(b"Name\n" + b"x" * importing.MAX_BYTES)


# -- checking rows -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "field", "message"),
    [
        ("ФИО", "", "principal_name", "name of the man seeking help is missing"),
        ("Date of birth", "2999-01-01", "birth_date", "must be in the past"),
        ("Date of birth", "1990-02-30", "birth_date", "does not exist"),
        ("Страна", "XX", "country", "Unknown country code: XX"),
        ("Статья", "ст. 105", "article", "Unknown article"),
        ("Stay country", "FR", "stay_country", "not one of the transit countries"),
        ("Entered on", "31.02.2024", "stay_entered_on", "is not a date"),
        ("Entered on", "0001-01-01", "stay_entered_on", "between 1900 and 2100"),
    ],
)
def test_each_impossible_value_is_named_by_row_and_field(rules, column, value, field, message):
    row = list(GOOD)
    row[HEADERS.index(column)] = value
    report = importing.check(_table(GOOD_2, row), _mapping(), spreadsheet.reference_data())
    assert [(p.row, p.field) for p in report.errors] == [(3, field)]
    assert message in report.errors[0].message
    assert [r.row for r in report.good] == [2]


def test_an_exit_before_the_entry_is_refused(rules):
    table = importing.parse(
        _csv(
            [
                ["Name", "Stay country", "Entered", "Exit date"],
                ["Иван", "KZ", "2024-03-01", "2024-02-01"],
            ]
        )
    )
    report = importing.check(
        table, importing.guess_mapping(table.headers), spreadsheet.reference_data()
    )
    assert [(p.row, p.field, p.message) for p in report.errors] == [
        (2, "stay_left_on", "The exit is dated before the entry.")
    ]


def test_oversized_text_is_refused(rules):
    table = importing.parse(_csv([["Name", "Summary"], ["Иван", "x" * 4001]]))
    report = importing.check(
        table, {0: "principal_name", 1: "summary"}, spreadsheet.reference_data()
    )
    assert [(p.row, p.field) for p in report.errors] == [(2, "summary")]
    assert "too long" in report.errors[0].message


def test_a_mapping_without_the_name_or_with_a_field_twice_is_refused(rules):
    table = _table(GOOD)
    ref = spreadsheet.reference_data()
    assert importing.check(table, {1: "latin_name"}, ref).errors[0].row == 0
    twice = importing.check(table, {0: "principal_name", 1: "principal_name"}, ref)
    assert "Two columns fill the same field" in twice.errors[0].message


def test_stages_past_vetting_cannot_be_imported(rules):
    table = importing.parse(_csv([["Name", "Stage"], ["Иван", "advocacy"], ["Пётр", "Транзит"]]))
    report = importing.check(table, {0: "principal_name", 1: "stage"}, spreadsheet.reference_data())
    assert [(p.row, p.field) for p in report.errors] == [(2, "stage")]
    assert report.good[0].stage == "transit"


# -- writing -------------------------------------------------------------------------------------


def test_a_bad_row_aborts_the_whole_import_and_names_the_row(rules, coordinator):
    bad = list(GOOD_2)
    bad[HEADERS.index("Страна")] = "ZZ"
    before = _counts()
    result = spreadsheet.import_table(coordinator, _table(GOOD, bad, GOOD), _mapping())
    assert not result.written
    assert result.held_back == "errors"
    assert result.report.bad_rows == [3]
    assert _counts() == before


def test_partial_import_writes_only_the_good_rows_when_chosen(rules, coordinator):
    bad = list(GOOD_2)
    bad[HEADERS.index("Date of birth")] = "2999"
    result = spreadsheet.import_table(
        coordinator, _table(GOOD, bad, GOOD_2), _mapping(), partial=True
    )
    assert result.written
    assert result.skipped_rows == [3]
    assert len(result.created) == 2
    assert Case.objects.filter(reference__in=result.created).count() == Case.objects.count() == 2
    entry = AuditEntry.objects.get(action="case.imported")
    assert '"cases":2' in entry.details.replace(" ", "")
    assert '"skipped":1' in entry.details.replace(" ", "")


def test_imported_values_are_sealed_under_the_new_case_key(rules, coordinator):
    result = spreadsheet.import_table(coordinator, _table(GOOD), _mapping())
    access = open_case(coordinator, result.created[0], vault_of(coordinator))
    person = Person.objects.get(case=access.case)
    assert fields.read(access.key, person, "name_cyrillic") == "Иван Петров"
    assert fields.read(access.key, person, "birth_date") == "1990-05"
    assert fields.read(access.key, person, "latin_spellings") == [
        {"spelling": "Ivan Petrov", "document": "other"}
    ]
    criminal = CriminalCase.objects.get(case=access.case)
    assert (
        fields.read(access.key, criminal, "article"),
        fields.read(access.key, criminal, "part"),
    ) == (
        "337",
        "5",
    )
    stay = Stay.objects.get(case=access.case)
    assert fields.read(access.key, stay, "entered_on") == date(2024, 1, 10)
    assert fields.read(access.key, stay, "legal_until") is not None  # the clock ran
    assert access.case.country_id == "KZ"
    assert b"Ivan Petrov" not in bytes(person.latin_spellings)
    assert not ServicePeriod.objects.filter(case=access.case).exists()


def test_must_not_hold_warnings_hold_the_import_until_confirmed(rules, coordinator):
    table = importing.parse(_csv([["Name", "Summary"], ["Иван", "живёт на ул. Абая 15"]]))
    mapping = {0: "principal_name", 1: "summary"}
    held = spreadsheet.import_table(coordinator, table, mapping)
    assert held.held_back == "warnings"
    assert Case.objects.count() == 0
    done = spreadsheet.import_table(coordinator, table, mapping, confirm_warnings=True)
    assert done.written
    assert "street_address" in AuditEntry.objects.get(action="case.imported").details


# -- the web pages -------------------------------------------------------------------------------


def _upload(client, data: bytes, name: str = "cases.csv"):
    return client.post(
        reverse("cases:import_upload"), {"file": SimpleUploadedFile(name, data)}, follow=False
    )


def test_the_web_flow_maps_checks_and_imports(rules, coordinator):
    client = verified_client(coordinator)
    response = _upload(client, _csv([HEADERS, GOOD, GOOD_2]))
    assert response.status_code == 302
    draft = ImportDraft.objects.get(staff=coordinator)
    url = reverse("cases:import_map", kwargs={"pk": draft.pk})
    page = client.get(url).content.decode()
    assert 'value="principal_name" selected' in page
    form = {f"col_{i}": key for i, key in _mapping().items()}
    checked = client.post(url, {**form, "action": "check"})
    assert "2 rows are ready to become cases" in checked.content.decode()
    assert Case.objects.count() == 0
    done = client.post(url, {**form, "action": "import"})
    assert done.status_code == 200
    assert Case.objects.count() == 2
    assert not ImportDraft.objects.exists()


def test_the_dry_run_page_lists_each_problem_with_its_row(rules, coordinator):
    client = verified_client(coordinator)
    bad = list(GOOD)
    bad[HEADERS.index("Date of birth")] = "2999-01-01"
    _upload(client, _csv([HEADERS, GOOD, GOOD_2, bad]))
    url = reverse("cases:import_map", kwargs={"pk": ImportDraft.objects.get().pk})
    form = {f"col_{i}": key for i, key in _mapping().items()}
    page = client.post(url, {**form, "action": "check"}).content.decode()
    assert "<td>4</td><td>Date of birth (full or partial)</td>" in page
    assert "A birth date must be in the past." in page
    assert "2 rows are ready to become cases" in page
    assert Case.objects.count() == 0


def test_the_web_import_does_not_assume_a_partial_import(rules, coordinator):
    client = verified_client(coordinator)
    bad = list(GOOD)
    bad[0] = ""
    _upload(client, _csv([HEADERS, GOOD, bad]))
    url = reverse("cases:import_map", kwargs={"pk": ImportDraft.objects.get().pk})
    form = {f"col_{i}": key for i, key in _mapping().items()}
    before = _counts()
    refused = client.post(url, {**form, "action": "import"}).content.decode()
    assert "Nothing was written" in refused
    assert _counts()[0] == before[0]
    client.post(url, {**form, "action": "import", "partial": "on"})
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "neither a CSV nor an XLSX"),
        ("Имя\nИван\n".encode("cp1251"), "not in UTF-8"),
        (b"Name\n" + b"x" * (importing.MAX_BYTES + 1), "larger than 5 MB"),
    ],
)
def test_a_refused_upload_writes_nothing(rules, coordinator, data, message):
    client = verified_client(coordinator)
    before = _counts()
    response = _upload(client, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before
    assert not ImportDraft.objects.exists()


def test_the_draft_in_the_database_holds_ciphertext_only(rules, coordinator, caseworker):
    canary = "КАНАРЕЙКА-Иванов-7731"
    client = verified_client(coordinator)
    _upload(client, _csv([["Name", "Summary"], [canary, "canary-summary-7731"]]))
    draft = ImportDraft.objects.get()
    sealed = bytes(ImportDraft.objects.values_list("sealed_table", flat=True).get())
    assert canary.encode() not in sealed
    assert b"canary-summary-7731" not in sealed
    assert b"7731" not in sealed
    # Only the importer's own key opens it.
    assert spreadsheet.open_draft(draft, vault_of(coordinator)).rows[0][1][0] == canary
    other = verified_client(caseworker)
    assert other.get(reverse("cases:import_map", kwargs={"pk": draft.pk})).status_code == 403


def test_another_importer_cannot_reach_a_draft(rules, coordinator, make_staff):
    verified_client(coordinator)
    _upload(verified_client(coordinator), _csv([["Name"], ["Иван"]]))
    draft = ImportDraft.objects.get()
    colleague = make_staff("coordinator")
    response = verified_client(colleague).get(reverse("cases:import_map", kwargs={"pk": draft.pk}))
    assert response.status_code == 404


def test_cancel_deletes_the_draft(rules, coordinator):
    client = verified_client(coordinator)
    _upload(client, _csv([["Name"], ["Иван"]]))
    draft = ImportDraft.objects.get()
    client.post(reverse("cases:import_cancel", kwargs={"pk": draft.pk}))
    assert not ImportDraft.objects.exists()
    assert Case.objects.count() == 0


# -- the command line ----------------------------------------------------------------------------


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "cases.xlsx"
    bad = list(GOOD_2)
    bad[HEADERS.index("Entered on")] = "2024-01-01"  # a stay date without its country
    path.write_bytes(_xlsx([HEADERS, GOOD, bad]))
    return path


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("cases_import", *args, stdout=out)
    return out.getvalue()


def test_command_dry_run_writes_nothing_and_lists_the_bad_row(
    rules, coordinator, sheet, monkeypatch
):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    before = _counts()
    with pytest.raises(CommandError, match="nothing was written"):
        _run(str(sheet), "--as", coordinator.email, "--dry-run")
    assert _counts() == before


def test_command_imports_the_good_rows_with_partial(rules, coordinator, sheet, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    out = _run(str(sheet), "--as", coordinator.email, "--partial", "--map", "Latin name=ignore")
    assert "row 3" in out
    assert "1 case imported" in out
    case = Case.objects.get()
    access = open_case(coordinator, case.reference, vault_of(coordinator))
    person = Person.objects.get(case=case)
    assert fields.read(access.key, person, "latin_spellings") is None


def test_command_refuses_staff_without_the_import_permission(rules, caseworker, sheet, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="may not"):
        _run(str(sheet), "--as", caseworker.email)
    assert Case.objects.count() == 0


def test_retention_dates_in_the_past_are_refused(rules):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    table = importing.parse(_csv([["Name", "Keep until"], ["Иван", yesterday]]))
    report = importing.check(
        table, importing.guess_mapping(table.headers), spreadsheet.reference_data()
    )
    assert [(p.row, p.field) for p in report.errors] == [(2, "retention_date")]
