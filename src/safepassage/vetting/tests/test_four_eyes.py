"""Four eyes: two independent conclusions, neither seeing the other first, no caseworker, no
conflict; a third vetter settles disagreement; new evidence reopens; advocacy waits for it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404

from safepassage.audit.models import AuditEntry
from safepassage.cases import services as case_services
from safepassage.cases import stages
from safepassage.cases.models import Case
from safepassage.vetting import services as vetting
from safepassage.vetting.models import Outcome, Vetting
from safepassage.vetting.tests.conftest import open_as, ready_to_conclude

pytestmark = pytest.mark.django_db

RETENTION = date.today() + timedelta(days=900)


def test_a_vetter_cannot_decide_alone(team):
    a, b, _ = team["vetters"]
    ready_to_conclude(team, a, b)
    vetting.conclude(open_as(team, a), Outcome.NO_INDICATION, "high", "consistent account")
    with pytest.raises(vetting.VettingError, match="2 independent conclusions"):
        vetting.decide(open_as(team, a), "looks fine")
    assert Vetting.objects.get().outcome == ""


def test_the_caseworker_cannot_act_as_vetter(team):
    caseworker = team["caseworker"]
    case_services.assign(team["case"], caseworker, "vetter")  # re-assigned as vetter
    open_as(team, team["vetters"][0])  # a vetter opens the record and shares it
    va = open_as(team, caseworker)
    vetting.declare_interests(va, False, "")
    with pytest.raises(vetting.VettingError, match="caseworker"):
        vetting.conclude(va, Outcome.NO_INDICATION, "high", "I know him well")


def test_a_vetter_does_not_see_the_other_conclusion_before_recording_his_own(team, client):
    a, b, _ = team["vetters"]
    ready_to_conclude(team, a, b)
    vetting.conclude(open_as(team, a), Outcome.CONCERNS, "medium", "a gap in March")
    assert vetting.visible_conclusions(open_as(team, b)) == []
    from safepassage.testing import verified_client

    page = verified_client(b).get(f"/cases/{team['reference']}/vetting/").content.decode()
    assert "a gap in March" not in page
    vetting.conclude(open_as(team, b), Outcome.CONCERNS, "high", "the gap is real")
    shown = vetting.visible_conclusions(open_as(team, b))
    assert {c.reasoning for c in shown} == {"a gap in March", "the gap is real"}
    page = verified_client(b).get(f"/cases/{team['reference']}/vetting/").content.decode()
    assert "<strong>Concerns</strong> (confidence: Medium)" in page  # words, not codes
    assert "concerns (medium)" not in page


def test_a_vetter_with_a_declared_conflict_is_refused(team):
    a = team["vetters"][0]
    va = open_as(team, a)
    vetting.declare_interests(va, True, "served in the same company")
    with pytest.raises(vetting.VettingError, match="conflict"):
        vetting.conclude(va, Outcome.NO_INDICATION, "high", "fine")


def test_concluding_needs_a_declaration_first(team):
    with pytest.raises(vetting.VettingError, match="Declare"):
        vetting.conclude(open_as(team, team["vetters"][0]), Outcome.NO_INDICATION, "high", "x")


def test_two_agreeing_vetters_decide(team):
    a, b, _ = team["vetters"]
    ready_to_conclude(team, a, b)
    vetting.conclude(open_as(team, a), Outcome.NO_INDICATION, "high", "consistent")
    vetting.conclude(open_as(team, b), Outcome.NO_INDICATION, "medium", "consistent too")
    assert vetting.decide(open_as(team, b), "both found nothing") == Outcome.NO_INDICATION
    row = Vetting.objects.get()
    assert (row.outcome, row.assessors, row.decided_by) == (Outcome.NO_INDICATION, 2, b)
    assert AuditEntry.objects.filter(action="vetting.decided").exists()


def test_disagreement_goes_to_a_third_vetter(team):
    a, b, c = team["vetters"]
    ready_to_conclude(team, a, b, c)
    vetting.conclude(open_as(team, a), Outcome.NO_INDICATION, "high", "fine")
    vetting.conclude(open_as(team, b), Outcome.CONCERNS, "medium", "a gap")
    with pytest.raises(vetting.VettingError, match="3 independent conclusions"):
        vetting.decide(open_as(team, a), "we disagree")
    vetting.conclude(open_as(team, c), Outcome.CONCERNS, "high", "the gap matters")
    assert vetting.decide(open_as(team, c), "two of three") == Outcome.CONCERNS


def test_one_interview_is_not_enough(team):
    a, b, _ = team["vetters"]
    vetting.add_interview(open_as(team, a), date.today(), "only one")
    for staff in (a, b):
        vetting.declare_interests(open_as(team, staff), False, "")
        vetting.conclude(open_as(team, staff), Outcome.NO_INDICATION, "high", "fine")
    with pytest.raises(vetting.VettingError, match="two interviews"):
        vetting.decide(open_as(team, a), "fine")


def test_new_evidence_reopens_a_decision(team):
    a, b, _ = team["vetters"]
    ready_to_conclude(team, a, b)
    for staff in (a, b):
        vetting.conclude(open_as(team, staff), Outcome.NO_INDICATION, "high", "fine")
    vetting.decide(open_as(team, a), "fine")
    vetting.add_evidence(open_as(team, b), "osint", {"title": "unit photo"}, RETENTION)
    row = Vetting.objects.get()
    assert (row.outcome, row.round) == ("", 2)
    # A new round: the earlier conclusions no longer count.
    with pytest.raises(vetting.VettingError):
        vetting.decide(open_as(team, a), "still fine")


def test_advocacy_needs_a_positive_final_decision(team):
    access = team["case"]
    for target in (stages.CONSULTATION, stages.TRANSIT, stages.VETTING):
        case_services.move_stage(access, target)
    a, b, _ = team["vetters"]
    ready_to_conclude(team, a, b)
    for staff in (a, b):
        vetting.conclude(open_as(team, staff), Outcome.CONCERNS, "high", "a gap")
    vetting.decide(open_as(team, a), "concerns")
    with pytest.raises(case_services.CaseError, match="vetting"):
        case_services.move_stage(access, stages.ADVOCACY)
    vetting.add_evidence(open_as(team, a), "document_copy", {"title": "service record"}, RETENTION)
    for staff in (a, b):
        vetting.conclude(open_as(team, staff), Outcome.NO_INDICATION, "high", "explained")
    vetting.decide(open_as(team, b), "the record explains the gap")
    case_services.move_stage(access, stages.ADVOCACY)
    assert Case.objects.get(pk=access.case.pk).stage == stages.ADVOCACY


def test_only_vetters_open_the_record(team):
    from safepassage.vetting.tests.conftest import vault_of

    with pytest.raises(Http404):
        vetting.open_vetting(team["caseworker"], team["reference"], vault_of(team["caseworker"]))
    with pytest.raises(Http404):
        vetting.open_vetting(team["coordinator"], team["reference"], vault_of(team["coordinator"]))


def test_a_declared_conflict_cannot_be_withdrawn_to_conclude(team):
    a = team["vetters"][0]
    vetting.declare_interests(open_as(team, a), True, "my cousin")
    with pytest.raises(vetting.VettingError, match="cannot be withdrawn"):
        vetting.declare_interests(open_as(team, a), False, "")
    with pytest.raises(vetting.VettingError, match="conflict"):
        vetting.conclude(open_as(team, a), Outcome.NO_INDICATION, "high", "fine")


def test_someone_who_was_the_caseworker_cannot_vet_after_a_change_of_role(team, make_staff):
    from safepassage.core.roles import Role

    former = make_staff(Role.VETTER)
    case_services.assign(team["case"], former, "caseworker")
    case_services.assign(team["case"], former, "vetter")  # the role on the case is overwritten
    open_as(team, team["vetters"][0])  # a vetter opens the record and shares it
    va = open_as(team, former)
    vetting.declare_interests(va, False, "")
    with pytest.raises(vetting.VettingError, match="caseworker"):
        vetting.conclude(va, Outcome.NO_INDICATION, "high", "I know the file")


def test_taking_a_vetter_off_the_case_removes_his_vetting_and_evidence_keys(team):
    from safepassage.vault import objects
    from safepassage.vetting.tests.conftest import vault_of

    a, b, _ = team["vetters"]
    item = vetting.add_evidence(open_as(team, a), "osint", {"title": "unit photo"}, RETENTION)
    record = Vetting.objects.get()
    for ring in (objects.ring_of("vetting", record.pk), objects.ring_of("evidence", item.pk)):
        assert b.pk in objects.holders(ring)
    case_services.unassign(team["case"], b, rotate=True)
    for ring in (objects.ring_of("vetting", record.pk), objects.ring_of("evidence", item.pk)):
        assert b.pk not in objects.holders(ring)
        with pytest.raises(objects.NoAccess):
            objects.open_with(ring, vault_of(b))
        assert objects.open_with(ring, vault_of(a)).key  # the others keep theirs


def test_replacing_the_key_on_removal_re_keys_the_record_when_a_vetter_next_opens_it(team):
    """The coordinator who removes a vetter holds no vetting key; the next vetter replaces them,
    so a wrapper of the removed vetter copied before his removal opens nothing afterwards."""
    from safepassage.crypto import aead
    from safepassage.vault import fields, objects
    from safepassage.vault.models import KeyWrapper
    from safepassage.vetting.tests.conftest import vault_of

    a, b, _ = team["vetters"]
    item = vetting.add_evidence(open_as(team, a), "osint", {"title": "unit photo"}, RETENTION)
    record = Vetting.objects.get()
    rings = [objects.ring_of("vetting", record.pk), objects.ring_of("evidence", item.pk)]
    stolen = [  # b keeps what his own key copies open, as someone who copied them would
        objects._unwrap(ring, KeyWrapper.objects.get(ring=ring, staff=b), b._test_private_key)
        for ring in rings
    ]
    case_services.unassign(team["case"], b, rotate=True)
    assert all(objects.ring_of(r.scope, r.object_id).rotation_due for r in rings)
    va = open_as(team, a)
    for ring in rings:
        fresh = objects.ring_of(ring.scope, ring.object_id)
        assert (fresh.version, fresh.rotation_due) == (2, False)
        assert objects.open_with(fresh, vault_of(a)).version == 2
    item.refresh_from_db()
    assert fields.read(vetting.evidence_key(va, item), item, "title") == "unit photo"
    with pytest.raises(aead.DecryptionError):
        fields.read(stolen[1], item, "title")
    assert AuditEntry.objects.filter(action="vetting.rekeyed").count() == 1


def test_checklist_answers_are_shown_by_name(team):
    from safepassage.testing import verified_client
    from safepassage.vetting.models import ChecklistItem

    a = team["vetters"][0]
    vetting.answer_checklist(open_as(team, a), ChecklistItem.values[0], "unclear", "no records yet")
    page = verified_client(a).get(f"/cases/{team['reference']}/vetting/").content.decode()
    assert "Unclear — no records yet" in page
