"""The vetting record's page as assistive technology reads it: one id per field although several
forms share field names, no list of terms without a term, links that say which interview."""

from __future__ import annotations

import pytest
from tests.markup import Page

from safepassage.testing import verified_client
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
