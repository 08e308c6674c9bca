"""The team's dashboard: charts drawn on the server, tables, exports, and the same figures from
the command line."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import openpyxl  # type: ignore[import-untyped] # openpyxl ships no type information
import pytest
from django.core.management import call_command

from safepassage.core.roles import Role
from safepassage.reports import rollup
from safepassage.reports.tests.conftest import HALF_YEAR
from safepassage.testing import PASSWORD, verified_client

QUERY = "?first=2025-01&last=2025-06"
pytestmark = pytest.mark.django_db


def test_a_coordinator_sees_charts_and_tables_for_the_period(played, coordinator):
    response = verified_client(coordinator).get("/figures/" + QUERY)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<img class="chart" src="/figures/chart/events_by_month.svg?first=2025-01' in page
    assert "<script" not in page
    assert "Reached a transit country" in page
    # No case reference reaches the page.
    assert all(story.case.reference not in page for story in played if story.case)


def test_a_chart_is_an_svg_without_script_under_its_own_policy(played, coordinator):
    response = verified_client(coordinator).get("/figures/chart/transit_countries.svg" + QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    body = response.content
    assert body.startswith(b"<?xml")
    assert b"<svg" in body
    assert b"<script" not in body
    assert b"Kazakhstan" in body


def test_an_unknown_chart_is_404(coordinator):
    response = verified_client(coordinator).get("/figures/chart/nothing.svg" + QUERY)
    assert response.status_code == 404


def test_a_caseworker_sees_only_his_own_cases(played, caseworker, coordinator):
    page = verified_client(caseworker).get("/figures/" + QUERY).content.decode()
    assert "Counted from the recorded events of the cases assigned to you." in page
    mine = rollup.for_staff(caseworker, HALF_YEAR).as_dict()["totals"]
    everyone = rollup.for_staff(coordinator, HALF_YEAR).as_dict()["totals"]
    assert mine["first_contact"] == 2
    assert everyone["first_contact"] == 4


@pytest.mark.parametrize("role", [Role.VETTER, Role.LEGAL, Role.AUDITOR])
def test_roles_without_reports_get_403(make_staff, role):
    assert verified_client(make_staff(role)).get("/figures/").status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?first=2025-13&last=2025-14", "YYYY-MM"),
        ("?first=2025-05&last=2025-01", "ends before it starts"),
        ("?first=2999-01&last=2999-02", "in the future"),
        ("?first=&last=2025-01", "This field is required"),
    ],
)
def test_a_bad_period_is_answered_400_with_the_reason(coordinator, query, message):
    response = verified_client(coordinator).get("/figures/" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_csv_export_holds_the_figures(played, coordinator):
    response = verified_client(coordinator).get("/figures/export.csv" + QUERY)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    found = rollup.for_staff(coordinator, HALF_YEAR)
    transit = {r["column"]: int(r["value"]) for r in rows if r["table"] == "transit_countries"}
    assert transit == {**found.transit_countries(), "total": found.total("reached_transit")}


def test_xlsx_export_opens_with_a_sheet_per_table(played, coordinator):
    response = verified_client(coordinator).get("/figures/export.xlsx" + QUERY)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "events_by_month" in book.sheetnames
    assert "closed_by_reason" in book.sheetnames
    sheet = book["closed_by_reason"]
    assert [c.value for c in sheet[3]] == ["Cases closed", 1, 1, 2]


def test_the_command_line_shows_the_same_figures(played, coordinator, monkeypatch, capsys):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    call_command(
        "reports",
        "--as",
        coordinator.email,
        "show",
        "--from",
        "2025-01",
        "--to",
        "2025-06",
        "--json",
    )
    shown: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert shown == json.loads(json.dumps(rollup.for_staff(coordinator, HALF_YEAR).as_dict()))
