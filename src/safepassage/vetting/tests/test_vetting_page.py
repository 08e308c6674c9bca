"""The vetting record's page as assistive technology reads it: one id per field although several
forms share field names, no list of terms without a term, links that say which interview."""

from __future__ import annotations

import pytest
from tests.markup import Page

from safepassage.audit.models import AuditEntry
from safepassage.core.roles import Role
from safepassage.testing import verified_client
from safepassage.vault.models import KeyRing
from safepassage.vetting.models import Vetting
from safepassage.vetting.tests.conftest import open_as, ready_to_conclude

pytestmark = pytest.mark.django_db


def _page(team, vetter) -> str:
    open_as(team, vetter)
    response = verified_client(vetter).get(f"/cases/{team['reference']}/vetting/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_checklist_is_a_sentence_not_a_broken_list(team):
    html = _page(team, team["vetters"][0])
    checklist = html.split("<h2>Exclusion checklist</h2>", 1)[1].split("</section>", 1)[0]
    assert "Nothing answered yet." in checklist
    assert "<dl" not in checklist.split("<form", 1)[0]
    assert "<dd" not in checklist


def test_every_field_of_the_vetting_page_has_its_own_id(team):
    vetter = team["vetters"][0]
    ready_to_conclude(team, vetter)
    page = Page(_page(team, vetter))
    assert page.duplicate_ids() == []
    assert page.dangling_references() == []
    assert {"id_checklist_reasoning", "id_conclusion_reasoning"} <= set(page.ids)


def test_links_to_add_a_claim_say_which_interview(team):
    first, second = team["vetters"][0], team["vetters"][1]
    ready_to_conclude(team, first)
    html = _page(team, first)
    links = [part.split("</a>", 1)[0] for part in html.split("Add a claim from this interview")[1:]]
    assert len(links) == 2
    assert first.display_name in links[0] + links[1]
    assert second.display_name in links[0] + links[1]


def test_looking_at_a_case_never_vetted_starts_nothing_until_a_vetter_starts_it(team):
    vetter = team["vetters"][0]
    client = verified_client(vetter)
    base = f"/cases/{team['reference']}/vetting/"
    page = client.get(base)
    assert page.status_code == 200
    assert "Start the vetting record" in page.content.decode()
    assert client.get(base + "evidence/new/").status_code == 404
    assert not Vetting.objects.exists()
    assert not KeyRing.objects.filter(scope="vetting").exists()
    assert client.get(base + "start/").status_code == 405

    assert client.post(base + "start/").status_code == 302
    record = Vetting.objects.get()
    ring = KeyRing.objects.get(scope="vetting", object_id=record.pk)
    assert AuditEntry.objects.filter(action="vetting.started").count() == 1
    assert "Start the vetting record" not in client.get(base).content.decode()
    # A second start finds the record made by the first.
    assert verified_client(team["vetters"][1]).post(base + "start/").status_code == 302
    assert Vetting.objects.count() == 1
    assert KeyRing.objects.filter(scope="vetting").get() == ring


def test_staff_who_are_not_vetters_cannot_start_a_record(team, make_staff):

    team["other_vetter"] = make_staff(Role.VETTER)
    url = f"/cases/{team['reference']}/vetting/start/"
    # The caseworker may not vet at all; a vetter of another case does not learn this one exists.
    assert verified_client(team["caseworker"]).post(url).status_code == 403
    assert verified_client(team["other_vetter"]).post(url).status_code == 404
    assert not Vetting.objects.exists()
