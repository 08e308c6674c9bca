"""Case actions: creation, need to know, stages, stay clocks, deletion."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import services, stages
from safepassage.cases.gate import open_case
from safepassage.cases.models import Assignment, Case, Person, Stay
from safepassage.cases.tests.conftest import vault_of
from safepassage.vault import fields, objects
from safepassage.vault.models import KeyWrapper

pytestmark = pytest.mark.django_db


def test_creator_and_coordinators_hold_a_new_case(caseworker, coordinator, case_of):
    access = case_of(caseworker)
    holders = set(objects.holders(access.key.ring))
    assert holders == {caseworker.pk, coordinator.pk}
    assert (
        set(Assignment.objects.filter(case=access.case).values_list("staff_id", flat=True))
        == holders
    )
    principal = Person.objects.get(case=access.case)
    assert fields.read(access.key, principal, "name_cyrillic") == "Иван Петров"


def test_gate_gives_404_to_staff_not_assigned(caseworker, make_staff, case_of):
    access = case_of(caseworker)
    outsider = make_staff()
    with pytest.raises(Http404):
        open_case(outsider, access.case.reference, vault_of(outsider))


def test_gate_needs_the_key_copy_as_well_as_the_assignment(caseworker, make_staff, case_of):
    access = case_of(caseworker)
    intruder = make_staff()
    # An assignment row written behind the application's back gives no key.
    Assignment.objects.create(
        case=access.case, staff=intruder, role="caseworker", assigned_by=caseworker
    )
    with pytest.raises(Http404):
        open_case(intruder, access.case.reference, vault_of(intruder))


def test_gate_refuses_another_staff_members_unlocked_key(caseworker, make_staff, case_of):
    access = case_of(caseworker)
    other = make_staff()
    with pytest.raises(Http404):
        open_case(other, access.case.reference, vault_of(caseworker))


def test_every_opening_is_audited(caseworker, case_of):
    access = case_of(caseworker)
    before = AuditEntry.objects.filter(action="case.viewed").count()
    open_case(caseworker, access.case.reference, vault_of(caseworker))
    assert (
        AuditEntry.objects.filter(
            action="case.viewed", target_ref=access.case.reference, actor_id=caseworker.pk
        ).count()
        == before + 1
    )


def test_assigning_grants_and_unassigning_revokes(caseworker, vetter, case_of):
    access = case_of(caseworker)
    services.assign(access, vetter, "vetter")
    assert open_case(vetter, access.case.reference, vault_of(vetter)).key.key == access.key.key
    services.unassign(access, vetter)
    with pytest.raises(Http404):
        open_case(vetter, access.case.reference, vault_of(vetter))
    assert not KeyWrapper.objects.filter(ring=access.key.ring, staff=vetter).exists()


def test_unassigning_takes_the_case_off_the_staff_members_today_page(
    caseworker, make_staff, case_of
):
    from safepassage.cases.models import Alert, AlertKind
    from safepassage.testing import verified_client

    colleague = make_staff()
    access = case_of(caseworker)
    services.assign(access, colleague, "caseworker")
    soon = timezone.localdate() + timedelta(days=3)
    for staff in (caseworker, colleague):
        Alert.objects.create(case=access.case, staff=staff, kind=AlertKind.TASK, due_on=soon)
    client = verified_client(colleague)
    assert access.case.reference in client.get("/today/").content.decode()
    services.unassign(access, colleague)
    assert access.case.reference not in client.get("/today/").content.decode()
    assert Alert.objects.filter(case=access.case, staff=caseworker).exists()


def test_unassigning_with_rotation_re_encrypts_the_case(caseworker, vetter, case_of):
    access = case_of(caseworker)
    services.assign(access, vetter, "vetter")
    old_key = access.key
    rotated = services.unassign(access, vetter, rotate=True)
    assert rotated.key.version == 2
    principal = Person.objects.get(case=access.case)
    assert fields.read(rotated.key, principal, "name_cyrillic") == "Иван Петров"
    with pytest.raises(Exception):  # noqa: B017, PT011 - any failure to open is the point
        fields.read(old_key, principal, "name_cyrillic")


def test_advocacy_refused_without_a_positive_vetting_decision(caseworker, case_of):
    access = case_of(caseworker)
    for target in (stages.CONSULTATION, stages.TRANSIT, stages.VETTING):
        services.move_stage(access, target, "ok")
    with pytest.raises(services.CaseError):
        services.move_stage(access, stages.ADVOCACY)
    assert Case.objects.get(pk=access.case.pk).stage == stages.VETTING


def test_stage_changes_are_recorded_with_who_when_and_why(caseworker, case_of):
    access = case_of(caseworker)
    change = services.move_stage(access, stages.CONSULTATION, "first call held")
    assert change.by == caseworker
    assert fields.read(access.key, change, "why") == "first call held"
    entry = AuditEntry.objects.filter(action="case.stage_changed").last()
    assert entry is not None
    assert entry.target_ref == access.case.reference
    assert "consultation" in entry.details
    assert "first call" not in entry.details


def test_a_reason_code_is_kept_only_when_closing(caseworker, case_of):
    access = case_of(caseworker)
    paused = services.move_stage(access, stages.PAUSED, reason="safe")
    assert paused.reason == ""
    assert Case.objects.get(pk=access.case.pk).closed_reason == ""
    with pytest.raises(services.CaseError, match="must be one of"):
        services.move_stage(access, stages.FIRST_CONTACT, reason="moscow")
    assert Case.objects.get(pk=access.case.pk).stage == stages.PAUSED
    services.move_stage(access, stages.FIRST_CONTACT)
    closed = services.move_stage(access, stages.CLOSED, reason="safe")
    assert closed.reason == "safe"
    assert Case.objects.get(pk=access.case.pk).closed_reason == "safe"


def test_pause_resumes_where_it_was(caseworker, case_of):
    access = case_of(caseworker)
    services.move_stage(access, stages.CONSULTATION)
    services.move_stage(access, stages.PAUSED, "lost contact for a while")
    with pytest.raises(services.CaseError):
        services.move_stage(access, stages.TRANSIT)
    services.move_stage(access, stages.CONSULTATION)
    assert Case.objects.get(pk=access.case.pk).stage == stages.CONSULTATION


def test_stay_clock_is_computed_from_the_rules_on_save(caseworker, case_of):
    access = case_of(caseworker)
    entered = timezone.localdate() - timedelta(days=10)
    stay = services.save_row(
        access, Stay(case=access.case), {"country": "KZ", "entered_on": entered}
    )
    assert fields.read(access.key, stay, "legal_until") == entered + timedelta(days=89)


def test_overlapping_stays_are_refused_and_nothing_is_saved(caseworker, case_of):
    access = case_of(caseworker)
    services.save_row(
        access,
        Stay(case=access.case),
        {"country": "KZ", "entered_on": date(2025, 1, 1), "left_on": date(2025, 2, 1)},
    )
    with pytest.raises(services.CaseError):
        services.save_row(
            access, Stay(case=access.case), {"country": "KZ", "entered_on": date(2025, 1, 20)}
        )
    assert Stay.objects.filter(case=access.case).count() == 1


def test_deleting_a_case_shreds_it(caseworker, case_of, django_capture_on_commit_callbacks):
    access = case_of(caseworker)
    reference = access.case.reference
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_case(access)
    assert not Case.objects.filter(reference=reference).exists()
    with pytest.raises(objects.NoAccess):
        objects.ring_of("case", access.case.pk)
    assert AuditEntry.objects.filter(action="case.deleted", target_ref=reference).exists()
