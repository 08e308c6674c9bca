"""The date rules have one home: forms, the spreadsheet import and the services all refuse a
retention date that is not after today with the same words, whichever door the date comes in by."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safepassage.cases import validators
from safepassage.cases.services import CaseError, create_case
from safepassage.vetting.forms import EvidenceForm

pytestmark = pytest.mark.django_db


def test_a_retention_date_of_today_is_refused_and_tomorrow_taken():
    today = date(2026, 5, 1)
    with pytest.raises(ValidationError, match="must be in the future"):
        validators.retention_in_future(today, today=today)
    assert validators.retention_in_future(today + timedelta(days=1), today=today) == date(
        2026, 5, 2
    )


def test_a_rule_raises_the_error_its_caller_speaks():
    with pytest.raises(CaseError, match="must be in the future"):
        validators.retention_in_future(date(2000, 1, 1), fail=CaseError)
    with pytest.raises(KeyError):
        validators.not_future(date(2999, 1, 1), "later", fail=KeyError)
    assert validators.not_future(None, "never raised") is None


def test_the_service_refuses_a_past_retention_date(caseworker):
    with pytest.raises(CaseError, match="must be in the future"):
        create_case(caseworker, "Иван", retention_date=timezone.localdate())


def test_the_evidence_form_refuses_a_past_retention_date():
    form = EvidenceForm(
        data={"kind": "document_copy", "title": "Order", "retention_date": "2001-01-01"}
    )
    assert not form.is_valid()
    assert "must be in the future" in str(form.errors["retention_date"])
