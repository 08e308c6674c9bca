"""Alerts with a frozen clock: lead times, overdue check-ins, notifications without client data."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from safepassage.cases import alerts, services
from safepassage.cases.models import (
    Alert,
    AlertKind,
    DocumentHeld,
    Notification,
    ProtectionTrack,
    Stay,
)

pytestmark = pytest.mark.django_db

START = date(2026, 3, 1)


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False):
        yield


def _stay(access, entered: date) -> None:
    services.save_row(access, Stay(case=access.case), {"country": "KZ", "entered_on": entered})


def _kinds(staff, today: date) -> set[str]:
    alerts.compute(today)
    return set(Alert.objects.filter(staff=staff).values_list("kind", flat=True))


def test_stay_alert_appears_at_the_largest_lead_time(frozen, caseworker, case_of):
    access = case_of(caseworker)
    _stay(access, START)  # lawful until 29 May 2026 (90 days)
    last_day = START + timedelta(days=89)
    assert AlertKind.STAY not in _kinds(caseworker, last_day - timedelta(days=31))
    assert AlertKind.STAY in _kinds(caseworker, last_day - timedelta(days=30))
    assert Alert.objects.get(staff=caseworker, kind=AlertKind.STAY).due_on == last_day


def test_overdue_stay_stays_alerted(frozen, caseworker, case_of):
    access = case_of(caseworker)
    _stay(access, START)
    assert AlertKind.STAY in _kinds(caseworker, START + timedelta(days=120))


def test_document_and_appeal_clocks(frozen, caseworker, case_of):
    access = case_of(caseworker)
    services.save_row(
        access,
        DocumentHeld(case=access.case),
        {"doc_type": "foreign_passport", "state": "held", "expires_on": START + timedelta(days=50)},
    )
    services.save_row(
        access,
        ProtectionTrack(case=access.case),
        {"destination": "FR", "appeal_deadline": START + timedelta(days=10)},
    )
    kinds = _kinds(caseworker, START - timedelta(days=5))
    assert AlertKind.DOCUMENT in kinds  # 55 days ahead, lead time 60
    assert AlertKind.APPEAL not in kinds  # 15 days ahead, lead time 14
    assert AlertKind.APPEAL in _kinds(caseworker, START - timedelta(days=4))


def test_welfare_check_in_becomes_overdue(frozen, caseworker, case_of):
    access = case_of(caseworker)
    services.save_case_settings(access, "KZ", 7, access.case.retention_date)
    with time_machine.travel(START + timedelta(days=3), tick=False):
        services.check_in(access, "fine")
    assert AlertKind.WELFARE not in _kinds(caseworker, START + timedelta(days=5))
    welfare = _kinds(caseworker, START + timedelta(days=10))
    assert AlertKind.WELFARE in welfare
    assert Alert.objects.get(kind=AlertKind.WELFARE).due_on == START + timedelta(days=10)


def test_closed_cases_raise_no_alerts(frozen, caseworker, case_of):
    access = case_of(caseworker)
    _stay(access, START)
    services.move_stage(access, "closed", reason="safe")
    assert _kinds(caseworker, START + timedelta(days=85)) == set()


def test_vetters_are_not_alerted_about_stays(frozen, caseworker, vetter, case_of):
    access = case_of(caseworker)
    services.assign(access, vetter, "vetter")
    _stay(access, START)
    assert _kinds(vetter, START + timedelta(days=85)) == set()


def test_notifications_carry_a_count_and_nothing_else(frozen, caseworker, case_of, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for name in ("Иван Петров", "Олег Смирнов"):
        _stay(case_of(caseworker, name=name), START)
    out = io.StringIO()
    with time_machine.travel(START + timedelta(days=80), tick=False):
        call_command("alerts", stdout=out)
    note = Notification.objects.get(staff=caseworker)
    assert note.cases_needing_attention == 2
    assert [m.body for m in mail.outbox] == ["2 of your cases need attention."]
    assert mail.outbox[0].to == [caseworker.email]
    for message in mail.outbox:
        for forbidden in ("Иван", "Петров", "Олег", "SP-", "KZ", "stay"):
            assert forbidden not in f"{message.body} {message.subject}"
    assert "2 alerts" in out.getvalue()
