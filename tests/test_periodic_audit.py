"""The periodic jobs write their audit entries in the transaction that does the work: a case
shredded at the end of its retention, and a batch of alerts, are audited with it or not at all."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from safepassage.audit.models import AuditEntry
from safepassage.cases import seed, services
from safepassage.cases.models import Case
from safepassage.testing import make_organisation, make_staff
from safepassage.vault import retention
from safepassage.vault.models import KeyRing

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def expired_case():
    seed.load(apps)
    staff = make_staff(make_organisation())
    access = services.create_case(
        staff, "Иван Петров", retention_date=date.today() + timedelta(days=1)
    )
    return access.case


def test_a_shredded_case_is_audited_with_its_shredding(expired_case):
    later = expired_case.retention_date + timedelta(days=40)
    call_command("retention", "purge", "--today", later.isoformat(), stdout=StringIO())
    assert not Case.objects.filter(pk=expired_case.pk).exists()
    entry = AuditEntry.objects.get(action="retention.shredded")
    assert json.loads(entry.details)["object"] == expired_case.pk
    assert json.loads(entry.details)["scope"] == "case"


def test_when_the_audit_entry_fails_nothing_is_shredded(expired_case):
    def failing(action, details):
        raise RuntimeError("the log refused the entry")

    later = expired_case.retention_date + timedelta(days=40)
    with pytest.raises(RuntimeError):
        retention.purge(later, failing)
    assert Case.objects.filter(pk=expired_case.pk).exists()
    assert KeyRing.objects.filter(scope="case", object_id=expired_case.pk).exists()


def test_each_batch_of_alerts_is_audited(expired_case):
    call_command("alerts", "--no-email", stdout=StringIO())
    batch = AuditEntry.objects.get(action="alerts.batch_computed")
    assert json.loads(batch.details)["cases"] == 1
    assert AuditEntry.objects.filter(action="alerts.staff_notified").exists()
