"""Public pages of a release: read from the frozen signed file, in three languages, with JSON
and CSV; no case reference, name or day; a draft is not public; the coordinator's pages."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from safepassage.reports import services
from safepassage.reports.models import Release
from safepassage.reports.tests.bulk import make_cases
from safepassage.testing import PASSWORD, verified_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", "Период"), ("en", "How these figures protect"), ("fr", "Période")],
)
def test_the_public_page_shows_the_release_in_each_language(published, language, words):
    response = Client().get(f"/published-figures/{published.public_id}/{language}/")
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert not response.cookies
    page = response.content.decode()
    assert f'<img class="chart" src="/published-figures/{published.public_id}/{language}/' in page
    if language == "en":  # the catalogues of the other languages are filled in after merging
        assert words in page


def test_public_pages_carry_no_case_reference_no_name_no_day(published, organisation):
    from safepassage.cases.models import Case

    references = set(Case.objects.values_list("reference", flat=True))
    client = Client()
    bodies = [
        client.get(f"/published-figures/{published.public_id}/en/").content.decode(),
        client.get(f"/published-figures/{published.public_id}.json").content.decode(),
        client.get(f"/published-figures/{published.public_id}.csv").content.decode(),
        client.get("/published-figures/").content.decode(),
    ]
    for body in bodies:
        assert not any(reference in body for reference in references)
        assert "Иван" not in body
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", body), "a full date on a public page"


def test_the_public_json_is_the_signed_file_and_the_csv_its_tables(published):
    client = Client()
    raw = client.get(f"/published-figures/{published.public_id}.json").content
    statement = services.verify_document(raw)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/published-figures/{published.public_id}.csv").content.decode()
            )
        )
    )
    transit = statement["tables"]["transit_countries"]
    from_csv = [
        r["value"] for r in rows if r["table"] == "transit_countries" and r["column"] != "total"
    ]
    assert from_csv == [
        str(v) if isinstance(v, int) else ("<10" if v == "fewer" else "hidden")
        for v in transit["cells"][0]
    ]


def test_the_public_page_is_not_computed_live(published, organisation, coordinator):
    """New events after publication change nothing the public sees."""
    before = Client().get(f"/published-figures/{published.public_id}.json").content
    make_cases(organisation, coordinator, 50, date(2024, 3, 1), 30, seed=99)
    assert Client().get(f"/published-figures/{published.public_id}.json").content == before


def test_a_draft_is_not_public(organisation, coordinator):
    make_cases(organisation, coordinator, 50, date(2024, 1, 1), 365)
    draft = services.prepare(
        coordinator, title="d", first="2024-01", last="2024-12", tables=["events_by_month"]
    )
    assert Client().get(f"/published-figures/{draft.public_id}/en/").status_code == 404
    assert Client().get(f"/published-figures/{draft.public_id}.json").status_code == 404


def test_the_public_chart_is_drawn_from_the_frozen_tables(published):
    response = Client().get(f"/published-figures/{published.public_id}/fr/transit_countries.svg")
    assert response.status_code == 200
    assert b"<script" not in response.content


def test_a_coordinator_prepares_previews_and_publishes_through_the_pages(organisation, coordinator):
    make_cases(organisation, coordinator, 400, date(2024, 1, 1), 365)
    client = verified_client(coordinator)
    response = client.post(
        "/figures/releases/",
        {
            "title": "Web",
            "first": "2024-01",
            "last": "2024-12",
            "tables": ["transit_countries"],
            "method": "threshold",
            "threshold": "10",
            "rounding": "5",
            "epsilon": "",
        },
    )
    assert response.status_code == 302
    row = Release.objects.get(title="Web")
    preview = client.get(f"/figures/releases/{row.public_id}/")
    assert "Publish, sign and freeze" in preview.content.decode()
    response = client.post(f"/figures/releases/{row.public_id}/publish/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "published"


def test_the_form_names_the_field_of_bad_input(organisation, coordinator):
    client = verified_client(coordinator)
    response = client.post(
        "/figures/releases/",
        {
            "title": "Web",
            "first": "2999-01",
            "last": "2999-02",
            "tables": ["transit_countries"],
            "method": "threshold",
            "threshold": "10",
            "rounding": "5",
        },
    )
    assert response.status_code == 400
    assert "Period: The period is in the future" in response.content.decode()
    assert not Release.objects.exists()


def test_a_caseworker_cannot_reach_releases(caseworker):
    assert verified_client(caseworker).get("/figures/releases/").status_code == 403


def test_the_command_line_prepares_publishes_and_verifies(
    organisation, coordinator, monkeypatch, capsys, tmp_path
):
    make_cases(organisation, coordinator, 400, date(2024, 1, 1), 365)
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    call_command(
        "reports",
        "--as",
        coordinator.email,
        "prepare",
        "--title",
        "CLI",
        "--from",
        "2024-01",
        "--to",
        "2024-12",
        "--tables",
        "transit_countries",
    )
    row = Release.objects.get(title="CLI")
    call_command("reports", "--as", coordinator.email, "preview", row.public_id)
    assert "ready to publish" in capsys.readouterr().out
    call_command("reports", "--as", coordinator.email, "publish", row.public_id)
    row.refresh_from_db()
    path = tmp_path / "release.json"
    path.write_bytes(services.document_of(row))
    call_command("reports", "verify", str(path))
    assert "signed release" in capsys.readouterr().out
    assert json.loads(path.read_bytes())["statement"]["title"] == "CLI"
