"""Deadline clocks: computed from the authority's rules, changed when a rule is corrected, and
raised on Today at the lead time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from safepassage.cases import alerts
from safepassage.cases.models import Alert, AlertKind, ProtectionTrack
from safepassage.dossiers import deadlines, services
from safepassage.dossiers.models import Deadline, DeadlineRule, Event
from safepassage.vault import fields

pytestmark = pytest.mark.django_db


def test_months_keep_the_day_and_fall_back_to_the_last_of_the_month():
    assert deadlines.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert deadlines.add_months(date(2026, 3, 15), 2) == date(2026, 5, 15)
    assert deadlines.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_a_yielded_event_starts_the_rules_that_follow_it():
    rules = [
        deadlines.Rule("silence", "s", "submitted", months=2, yields="implicit_refusal"),
        deadlines.Rule("crrv", "c", "implicit_refusal", days=30),
    ]
    found = {d.rule.code: d.due_on for d in deadlines.clocks(rules, "submitted", date(2026, 1, 10))}
    assert found == {"silence": date(2026, 3, 10), "crrv": date(2026, 4, 9)}


def open_deadlines(family):
    rows = Deadline.objects.filter(case=family.access.case, closed=False)
    return {
        row.rule.code if row.rule else fields.read(family.access.key, row, "label"): fields.read(
            family.access.key, row, "due_on"
        )
        for row in rows
    }


def test_a_french_refusal_gives_the_crrv_deadline_then_the_implicit_refusal_date(family):
    consulate = family.authority("fr-visa-asile")
    submission = services.submit(
        family.access, family.man, consulate, channel="consulate, Almaty", sent_on=date(2026, 1, 15)
    )
    assert open_deadlines(family)["consulate-silence"] == date(2026, 3, 15)
    services.record_event(family.access, submission, Event.REFUSED, date(2026, 3, 2))
    assert open_deadlines(family) == {"crrv-after-refusal": date(2026, 4, 1)}
    track = ProtectionTrack.objects.get(case=family.access.case)
    assert fields.read(family.access.key, track, "decision") == "refused"
    services.record_event(family.access, submission, Event.APPEAL_FILED, date(2026, 3, 20))
    assert open_deadlines(family) == {
        "crrv-silence": date(2026, 5, 20),  # the CRRV's silence is a rejection on this day
        "nantes-court": date(2026, 7, 20),  # and the court must be seized two months later
    }


def test_correcting_a_rule_changes_the_clocks_still_running(family, coordinator):
    consulate = family.authority("fr-visa-asile")
    today = timezone.localdate()
    submission = services.submit(
        family.access, family.man, consulate, channel="post", sent_on=today
    )
    services.record_event(family.access, submission, Event.REFUSED, today)
    assert open_deadlines(family)["crrv-after-refusal"] == today + timedelta(days=30)
    rule = DeadlineRule.objects.get(authority=consulate, code="crrv-after-refusal")
    services.save_rule(coordinator, rule, {"days": 60})
    assert open_deadlines(family)["crrv-after-refusal"] == today + timedelta(days=60)


def test_the_appeal_alert_appears_on_today_at_the_lead_time_and_not_before(family):
    consulate = family.authority("fr-visa-asile")
    lead = alerts.lead_days()[AlertKind.APPEAL]
    refused_on = timezone.localdate() - timedelta(days=10)
    submission = services.submit(
        family.access, family.wife, consulate, channel="post", sent_on=refused_on
    )
    services.record_event(family.access, submission, Event.REFUSED, refused_on)
    due = refused_on + timedelta(days=30)
    adviser_alerts = Alert.objects.filter(staff=family.adviser, kind=AlertKind.APPEAL)
    alerts.compute(due - timedelta(days=lead + 1))
    assert not adviser_alerts.exists()
    alerts.compute(due - timedelta(days=lead))
    alert = adviser_alerts.get()
    assert (alert.due_on, alert.person_id) == (due, family.wife.pk)


def test_a_decision_dated_before_the_submission_is_refused_and_nothing_is_written(family):
    consulate = family.authority("fr-visa-asile")
    submission = services.submit(
        family.access, family.man, consulate, channel="post", sent_on=date(2026, 2, 1)
    )
    before = Deadline.objects.count()
    with pytest.raises(services.DossierError) as refused:
        services.record_event(family.access, submission, Event.REFUSED, date(2026, 1, 31))
    assert refused.value.field == "happened_on"
    assert Deadline.objects.count() == before


def test_a_reference_with_control_characters_is_refused(family):
    consulate = family.authority("fr-visa-asile")
    with pytest.raises(services.DossierError) as refused:
        services.submit(
            family.access,
            family.man,
            consulate,
            channel="post",
            sent_on=date(2026, 2, 1),
            reference="FRA\u202e2026\x07",
        )
    assert refused.value.field == "reference"


def test_a_visa_granted_to_the_man_moves_the_case_to_travel_through_the_guards(family):
    from safepassage.cases.models import Case

    consulate = family.authority("fr-visa-asile")
    submission = services.submit(
        family.access, family.man, consulate, channel="post", sent_on=date(2026, 2, 1)
    )
    # From the first contact the stage machine has no move to travel: said, not forced.
    _event, problems = services.record_event(
        family.access, submission, Event.GRANTED, date(2026, 3, 1), {"visa_type": "D asile"}
    )
    assert problems
    assert Case.objects.get(pk=family.access.case.pk).stage == "first_contact"
    track = ProtectionTrack.objects.get(case=family.access.case)
    assert fields.read(family.access.key, track, "decision") == "granted"
    Case.objects.filter(pk=family.access.case.pk).update(stage="advocacy")
    family.access.case.stage = "advocacy"
    services.record_event(family.access, submission, Event.APPEAL_GRANTED, date(2026, 3, 5))
    assert Case.objects.get(pk=family.access.case.pk).stage == "travel"


def test_a_decision_about_the_wife_leaves_the_case_stage_alone(family):
    from safepassage.cases.models import Case

    Case.objects.filter(pk=family.access.case.pk).update(stage="advocacy")
    family.access.case.stage = "advocacy"
    consulate = family.authority("fr-visa-asile")
    submission = services.submit(
        family.access, family.wife, consulate, channel="post", sent_on=date(2026, 2, 1)
    )
    services.record_event(family.access, submission, Event.GRANTED, date(2026, 3, 1))
    assert Case.objects.get(pk=family.access.case.pk).stage == "advocacy"
