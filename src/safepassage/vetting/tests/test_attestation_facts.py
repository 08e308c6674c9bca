"""An attestation states only what was recorded: the screening run and the lists it searched,
interviews held, conclusions, evidence, the passport spelling. Each test sets up records and
reads the signed statement (or its PDF) back, so a fact taken from anywhere else fails it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from safepassage.cases import services as case_services
from safepassage.cases.gate import open_case
from safepassage.cases.models import Person, PersonKind
from safepassage.screening import lists
from safepassage.screening import services as screening
from safepassage.screening.models import ScreeningResult
from safepassage.testing import ftm_lines, verified_client
from safepassage.vault import fields
from safepassage.vetting import issuing
from safepassage.vetting import services as vetting
from safepassage.vetting.models import Attestation, Outcome
from safepassage.vetting.tests.conftest import open_as, ready_to_conclude, vault_of
from safepassage.vetting.tests.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def decide(team: dict[str, Any]) -> None:
    """Two interviews by two vetters, two agreeing conclusions, the decision."""
    a, b = team["vetters"][0], team["vetters"][1]
    ready_to_conclude(team, a, b)
    vetting.conclude(open_as(team, a), Outcome.NO_INDICATION, "high", "consistent")
    vetting.conclude(open_as(team, b), Outcome.NO_INDICATION, "high", "consistent too")
    vetting.decide(open_as(team, b), "two agree")


def issue(team: dict[str, Any], **options: Any) -> dict[str, Any]:
    return issue_both(team, **options)[0]


def issue_both(team: dict[str, Any], **options: Any) -> tuple[dict[str, Any], bytes]:
    """The signed statement and the PDF of an attestation issued on the case's records."""
    access = open_as_coordinator(team)
    values: dict[str, Any] = {
        "recipient": "Consulat général de France",
        "language": "fr",
        "include_name": False,
        "valid_days": 90,
        "warnings_confirmed": True,
    }
    values.update(options)
    _row, raw, pdf_bytes = issuing.issue(access, access.case.vetting, **values)
    return dict(json.loads(raw)["statement"]), pdf_bytes


def open_as_coordinator(team: dict[str, Any]) -> Any:
    coordinator = team["coordinator"]
    return open_case(coordinator, team["reference"], vault_of(coordinator), "attested")


def screen(team: dict[str, Any]) -> None:
    screening.screen_case(open_as_coordinator(team))


def test_a_checklist_answer_about_screening_does_not_make_the_case_screened(team, tmp_path):
    """The defect this guards against: "screening: done" taken from a vetter's answer."""
    va = open_as(team, team["vetters"][0])
    vetting.answer_checklist(va, "screening_reviewed", "no_concern", "I looked at the lists")
    decide(team)
    statement, pdf_bytes = issue_both(team)
    assert statement["method"]["screening"]["done"] is False
    assert statement["method"]["screening"]["ran_on"] is None
    assert "screening_reviewed" in statement["examined"]  # what the vetter examined, as such
    text = pdf_text(pdf_bytes, tmp_path)
    assert "Screening against watch lists: not done: the case was never screened." in text


def test_interviews_conclusions_and_evidence_are_counted_from_the_records(team):
    va = open_as(team, team["vetters"][0])
    vetting.add_evidence(va, "osint", {"title": "unit photo"}, date.today() + timedelta(days=900))
    vetting.add_evidence(va, "osint", {"title": "post"}, date.today() + timedelta(days=900))
    vetting.add_evidence(va, "document_copy", {"title": "ID"}, date.today() + timedelta(days=900))
    decide(team)
    method = issue(team)["method"]
    assert method["interviews"] == {"held": 2, "interviewers": 2}
    assert method["assessors"] == 2
    assert method["evidence"] == {"items": 3, "kinds": {"document_copy": 1, "osint": 2}}


def test_screening_against_the_demo_list_alone_is_not_a_screening(team, tmp_path):
    lists.import_list(ftm_lines(("d-1", "Belov Maksim")), "Demo watch list (invented)", sample=True)
    screen(team)
    decide(team)
    access = open_as_coordinator(team)
    draft = issuing.draft(
        access, access.case.vetting, recipient="X", language="en", include_name=False, valid_days=9
    )
    found = draft.statement["method"]["screening"]
    assert found["done"] is False
    assert found["ran_on"] == timezone.localdate().isoformat()
    assert [(item["name"], item["sample"]) for item in found["lists"]] == [
        ("Demo watch list (invented)", True)
    ]
    assert any("only against sample or out-of-date lists" in w for w in draft.warnings)


def test_a_real_current_list_makes_it_done_and_names_the_list(team):
    lists.import_list(
        ftm_lines(("s-1", "Belov Maksim"), ("s-2", "Orlov Pavel")), "Sanctions (consolidated)"
    )
    screen(team)
    decide(team)
    found = issue(team)["method"]["screening"]
    assert found["done"] is True
    assert found["lists"] == [
        {
            "name": "Sanctions (consolidated)",
            "version": 1,
            "entries": 2,
            "imported_on": timezone.localdate().isoformat(),
            "sample": False,
            "out_of_date": False,
        }
    ]
    assert (found["possible_matches"], found["unreviewed"]) == (0, 0)


def test_a_list_out_of_date_when_searched_is_not_a_screening(team, settings):
    settings.SCREENING_LIST_MAX_AGE_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=45)):
        lists.import_list(ftm_lines(("s-1", "Belov Maksim")), "Old sanctions")
    screen(team)
    decide(team)
    found = issue(team)["method"]["screening"]
    assert found["done"] is False
    assert found["lists"][0]["out_of_date"] is True


def test_a_list_changed_after_screening_and_an_unreviewed_match_are_stated(team):
    lists.import_list(ftm_lines(("w-1", "Иван Петров")), "Wanted (regional)")
    screen(team)
    lists.import_list(
        ftm_lines(("w-1", "Иван Петров"), ("w-2", "Олег Сидоров")), "Wanted (regional)"
    )
    decide(team)
    access = open_as_coordinator(team)
    draft = issuing.draft(
        access, access.case.vetting, recipient="X", language="en", include_name=False, valid_days=9
    )
    found = draft.statement["method"]["screening"]
    assert found["lists_changed_since"] is True
    assert (found["possible_matches"], found["unreviewed"]) == (1, 1)
    result = next(
        r
        for r in ScreeningResult.objects.filter(case=access.case)
        if fields.read(access.key, r, "alert") == "yes"
    )
    screening.review(access, result, "no_match", "other birth date")
    found = issue(team)["method"]["screening"]
    assert (found["possible_matches"], found["unreviewed"]) == (1, 0)


def test_the_passport_spelling_is_the_one_recorded_from_his_passport(team):
    access = open_as_coordinator(team)
    principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    spellings = [
        {"spelling": "Ivan Petrov", "document": "visa"},
        {"spelling": "IVAN PETROV", "document": "foreign_passport"},
    ]
    case_services.save_row(access, principal, {"latin_spellings": spellings})
    decide(team)
    name = issue(team, include_name=True)["subject"]["name"]
    assert name == {
        "passport": "IVAN PETROV",
        "passport_document": "foreign_passport",
        "cyrillic": "Иван Петров",
    }
    case_services.save_row(access, principal, {"latin_spellings": spellings[:1]})
    name = issue(team, include_name=True)["subject"]["name"]
    assert name["passport"] is None  # a visa's spelling is not his passport's


def test_issuing_for_a_case_never_screened_warns_and_needs_confirmation(team):
    decide(team)
    client = verified_client(team["coordinator"])
    url = f"/cases/{team['reference']}/attestations/"
    page = client.get(url).content.decode()
    assert "never screened" in page
    form = {
        "recipient": "Bundesamt",
        "document_language": "de",
        "valid_days": "90",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert not Attestation.objects.exists()
    client.post(url, {**form, "confirm_warnings": "on"})
    row = Attestation.objects.get()
    statement = json.loads(issuing.signed_json(row))["statement"]
    assert statement["recipient"] == {"name": "Bundesamt", "language": "de"}


def test_a_german_attestation_is_in_german_then_english(team, tmp_path):
    decide(team)
    _statement, pdf_bytes = issue_both(
        team, recipient="Bundesministerium des Innern", language="de"
    )
    text = pdf_text(pdf_bytes, tmp_path)
    assert text.index("Deutsch") < text.index("English")
    assert "Überprüfungsbescheinigung — Verification attestation" in text
    assert "Keine Anhaltspunkte für Handlungen, die unter die Ausschlussklauseln fallen" in text
    assert "beruht auf 2 unabhängigen Beurteilungen." in text
    assert "Français" not in text
