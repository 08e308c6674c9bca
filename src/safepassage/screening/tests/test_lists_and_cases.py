"""Lists imported and replaced, a name screened from the command line, a case screened through
its gate with results sealed, reviewed, and flagged when his unit meets a documented incident."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.audit.models import AuditEntry
from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.cases.models import Person, ServicePeriod
from safepassage.screening import lists, services
from safepassage.screening.models import CaseScreening, ScreeningResult, WatchList
from safepassage.testing import verified_client
from safepassage.vault import fields

pytestmark = pytest.mark.django_db


def _person(
    entity_id: str, name: str, born: str = "", first: str = "", father: str = "", last: str = ""
) -> str:
    props: dict[str, list[str]] = {"name": [name]}
    if born:
        props["birthDate"] = [born]
    for key, value in (("firstName", first), ("fatherName", father), ("lastName", last)):
        if value:
            props[key] = [value]
    return json.dumps(
        {
            "id": entity_id,
            "schema": "Person",
            "caption": name,
            "properties": props,
            "datasets": ["test_sanctions"],
        },
        ensure_ascii=False,
    )


def _ftm(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


SANCTIONS = _ftm(
    _person(
        "p-1",
        "Khrushchev Aleksandr Sergeevich",
        "1980-03-14",
        "Aleksandr",
        "Sergeevich",
        "Khrushchev",
    ),
    _person("p-2", "Ivanov Pyotr Nikolaevich", "1975"),
    json.dumps(
        {
            "id": "u-1",
            "schema": "Organization",
            "caption": "Military unit 51460",
            "properties": {"name": ["Military unit 51460"]},
        }
    ),
)


def _import(data: bytes, name: str = "Test sanctions", **kwargs):
    return lists.import_list([data], name, **kwargs)


def test_an_ftm_list_is_imported_and_searched(organisation):
    summary = _import(SANCTIONS)
    assert (summary.version, summary.entities, summary.added) == (1, 3, 3)
    found = services.quick_screen("Александр Сергеевич Хрущёв", "1980-03-14")
    assert found[0][1].entity_id == "p-1"
    assert found[0][1].alert


def test_a_bad_line_is_reported_by_number_and_changes_nothing(organisation):
    _import(SANCTIONS)
    broken = (
        SANCTIONS
        + b'{"id": "p-9", "schema": "Person", "properties": \n'
        + _ftm(json.dumps({"id": "x", "schema": "Spaceship", "properties": {}}))
    )
    with pytest.raises(lists.ImportRefused) as refused:
        _import(broken)
    assert any(e.startswith("line 4:") for e in refused.value.errors)
    assert any(e.startswith("line 5:") and "Spaceship" in e for e in refused.value.errors)
    watch_list = WatchList.objects.get()
    assert (watch_list.version, watch_list.entity_count) == (1, 3)
    assert services.quick_screen("Ivanov Pyotr")[0][1].entity_id == "p-2"


def test_bad_lines_may_be_skipped_explicitly_and_each_is_reported(organisation):
    summary = _import(SANCTIONS + b"not json at all\n", accept_errors=True)
    assert summary.entities == 3
    assert summary.skipped == ["line 4: broken JSON: Expecting value at column 1"]


def test_a_wrong_encoding_is_refused(organisation):
    with pytest.raises(lists.ImportRefused) as refused:
        _import(_person("p-1", "Хрущёв").encode("utf-8").decode("utf-8").encode("cp1251") + b"\n")
    assert "UTF-8" in refused.value.errors[0]


def test_reimport_applies_the_changes(organisation):
    _import(SANCTIONS)
    newer = _ftm(
        _person("p-1", "Khrushchev Aleksandr Sergeevich", "1980-03-14"),
        _person("p-3", "Sidorov Oleg", "1990"),
    )
    summary = _import(newer)
    assert (summary.version, summary.added, summary.removed) == (2, 1, 2)
    assert all(r.entity_id != "p-2" for _, r in services.quick_screen("Ivanov Pyotr Nikolaevich"))
    old_folder = WatchList.objects.get().folder(1)
    assert not old_folder.exists()


def test_a_csv_list_is_imported(organisation):
    csv = "name,birth date,unit,source\nСоколов Андрей Викторович,1988-04,99999,Wanted list\n"
    summary = lists.import_list([csv.encode()], "Wanted", "csv")
    assert summary.entities == 1
    assert services.quick_screen("Andrei Sokolov", units=("99999",))[0][1].alert


def test_screen_command_prints_json_with_id_score_alert_and_explanation(organisation):
    _import(SANCTIONS)
    out = io.StringIO()
    call_command("screen", "Хрущёв Александр", "--born", "1980", "--json", stdout=out)
    first = json.loads(out.getvalue())[0]
    assert first["id"] == "p-1"
    assert isinstance(first["score"], float)
    assert first["alert"] is True
    assert first["explanation"]


def test_screen_command_reads_the_name_from_standard_input(organisation):
    _import(SANCTIONS)
    out = io.StringIO()
    typed = io.StringIO("Хрущёв Александр\n")
    call_command("screen", "-", "--born", "1980", "--json", stdin=typed, stdout=out)
    assert json.loads(out.getvalue())[0]["id"] == "p-1"
    with pytest.raises(CommandError, match="the name is empty"):
        call_command("screen", stdin=io.StringIO(""), stdout=io.StringIO())


def test_lists_command_refuses_a_missing_file_and_reports_status(organisation, tmp_path: Path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("lists", "import", str(tmp_path / "none.jsonl"))
    path = tmp_path / "sanctions.jsonl"
    path.write_bytes(SANCTIONS)
    out = io.StringIO()
    call_command("lists", "import", str(path), "--name", "EU", stdout=out)
    assert "3 entries" in out.getvalue()
    call_command("lists", "status", stdout=out)
    assert "EU:" in out.getvalue()


@pytest.fixture
def screened_case(organisation, caseworker):
    seed.load(apps)
    _import(SANCTIONS)
    lists.load_sample_incidents()
    access = case_services.create_case(caseworker, "Хрущёв Александр Сергеевич", country="KZ")
    case_services.save_row(
        access, Person.objects.get(case=access.case), {"birth_date": "1980-03-14"}
    )
    case_services.save_row(
        access,
        ServicePeriod(case=access.case),
        {
            "unit_number": "51460",
            "unit_name": "64th Separate Motor Rifle Brigade",
            "region": "Kyiv region",
            "started_on": date(2021, 6, 1),
            "ended_on": date(2022, 9, 1),
        },
    )
    return access


def test_a_case_is_screened_with_results_sealed_under_its_key(screened_case):
    outcome = services.screen_case(screened_case)
    assert outcome.alerts >= 1
    assert outcome.overlaps >= 1
    rows = ScreeningResult.objects.filter(case=screened_case.case)
    entities = {fields.read(screened_case.key, r, "entity") for r in rows}
    assert "p-1" in entities
    assert all(b"p-1" not in bytes(r.entity) for r in rows)  # only ciphertext is stored
    entry = AuditEntry.objects.get(action="screening.case_screened")
    assert "Хрущёв" not in entry.details


def test_service_meeting_an_incident_is_flagged_with_its_sources(screened_case):
    services.screen_case(screened_case)
    incidents = [r for r in services.shown_results(screened_case) if r["row"].kind == "incident"]
    assert incidents
    explanation = incidents[0]["explanation"]
    assert explanation["kind"] == "unit"
    assert explanation["sources"]


def test_the_case_screening_page_explains_each_result_in_words(screened_case, caseworker):
    services.screen_case(screened_case)
    result = next(r for r in services.shown_results(screened_case) if r["entity"] == "p-1")
    services.review(screened_case, result["row"], "unsure", "needs the birth place")
    page = (
        verified_client(caseworker)
        .get(f"/cases/{screened_case.case.reference}/screening/")
        .content.decode()
    )
    assert "<td>Khrushchev</td>" in page
    assert "How they match" in page
    assert "His unit is named in this incident" in page
    assert "<strong>Unsure</strong>: needs the birth place" in page
    assert "{&#x27;" not in page


def test_a_review_is_kept_when_the_case_is_screened_again(screened_case):
    services.screen_case(screened_case)
    result = next(r for r in services.shown_results(screened_case) if r["entity"] == "p-1")
    services.review(screened_case, result["row"], "no_match", "different birth place")
    services.screen_case(screened_case)
    kept = [r for r in services.shown_results(screened_case) if r["entity"] == "p-1"]
    assert [(r["review"], r["review_reason"]) for r in kept] == [
        ("no_match", "different birth place")
    ]


def test_a_new_list_version_queues_screened_cases(screened_case, caseworker):
    services.screen_case(screened_case)
    assert services.pending_for(caseworker) == []
    _import(SANCTIONS + _ftm(_person("p-5", "Orlov Dmitrii")))
    assert services.pending_for(caseworker) == [screened_case.case.pk]
    response = verified_client(caseworker).post("/screening/pending/")
    assert response.status_code == 302
    assert CaseScreening.objects.get().pending_since is None


def test_staff_not_assigned_cannot_screen_the_case(screened_case, make_staff):
    outsider = make_staff()
    url = f"/cases/{screened_case.case.reference}/screening/"
    assert verified_client(outsider).get(url).status_code == 404
    assert verified_client(outsider).post(url).status_code == 404
