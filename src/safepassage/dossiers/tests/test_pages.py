"""The dossier pages through the front door: the adviser previews, builds, downloads, records a
submission and a refusal; coordinators keep the rules; others reach nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safepassage.cases.models import Alert, AlertKind, StayRule
from safepassage.dossiers.models import CoverTemplate, DeadlineRule, Dossier, Submission
from safepassage.dossiers.tests.conftest import CANARIES
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db


def build_data(family, action: str, **extra):
    return {
        "authority": "fr-visa-asile",
        "people": [str(family.man.pk), str(family.wife.pk)],
        "copy": "authority",
        "action": action,
        **extra,
    }


def test_the_adviser_previews_then_builds_then_downloads(family):
    client = verified_client(family.adviser)
    page = reverse("dossiers:case", args=[family.reference])
    preview = client.post(page, build_data(family, "preview"))
    assert preview.status_code == 200
    page_html = preview.content.decode()
    html = page_html[page_html.index('<section id="preview"') :]
    html = html[: html.index("</section>")]
    assert "IVAN PETROV" in html
    assert "MARIIA PETROVA" in html
    assert CANARIES["confidential"] not in html
    assert CANARIES["relative"] not in html
    assert not Dossier.objects.exists()  # a preview makes nothing
    built = client.post(page, build_data(family, "build"))
    assert built.status_code == 302
    dossier = Dossier.objects.get()
    download = client.get(reverse("dossiers:download", args=[family.reference, dossier.id]))
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]  # a streamed file
    assert body.startswith(b"%PDF-")
    assert dossier.pdf_sha256 in client.get(page).content.decode()


def test_an_outsider_gets_404_for_the_dossier_pages(family, make_staff):
    outsider = verified_client(make_staff("legal"))
    assert outsider.get(reverse("dossiers:case", args=[family.reference])).status_code == 404
    assert (
        outsider.post(
            reverse("dossiers:case", args=[family.reference]), build_data(family, "build")
        ).status_code
        == 404
    )
    assert not Dossier.objects.exists()


def test_a_refusal_shows_the_appeal_deadline_on_today(family):
    client = verified_client(family.adviser)
    refused_on = timezone.localdate() - timedelta(days=20)
    client.post(
        reverse("dossiers:submit", args=[family.reference]),
        {
            "sent-person": family.man.pk,
            "sent-authority": "fr-visa-asile",
            "sent-channel": "consulate, Almaty",
            "sent-sent_on": (refused_on - timedelta(days=30)).isoformat(),
            "sent-reference": "ALM-2026-0042",
        },
    )
    submission = Submission.objects.get()
    response = client.post(
        reverse("dossiers:event", args=[family.reference, submission.pk]),
        {
            f"e{submission.pk}-kind": "refused",
            f"e{submission.pk}-happened_on": refused_on.isoformat(),
        },
    )
    assert response.status_code == 302
    due = refused_on + timedelta(days=30)
    assert Alert.objects.filter(staff=family.adviser, kind=AlertKind.APPEAL, due_on=due).exists()
    assert due.isoformat() in client.get(reverse("cases:today")).content.decode()


def test_a_decision_before_the_submission_names_the_field_and_writes_nothing(family):
    client = verified_client(family.adviser)
    client.post(
        reverse("dossiers:submit", args=[family.reference]),
        {
            "sent-person": family.man.pk,
            "sent-authority": "fr-visa-asile",
            "sent-channel": "post",
            "sent-sent_on": "2026-02-01",
        },
    )
    submission = Submission.objects.get()
    response = client.post(
        reverse("dossiers:event", args=[family.reference, submission.pk]),
        {f"e{submission.pk}-kind": "refused", f"e{submission.pk}-happened_on": "2026-01-15"},
    )
    assert response.status_code == 400
    assert "before the date the request was sent" in response.content.decode()
    assert submission.events.count() == 1  # the submission itself


def test_a_coordinator_corrects_a_rule_and_an_adviser_may_not(family):
    rule = DeadlineRule.objects.get(authority__code="fr-visa-asile", code="crrv-after-refusal")
    url = reverse("dossiers:rule_edit", args=["fr-visa-asile", rule.pk])
    data = {
        "code": rule.code,
        "label": rule.label,
        "trigger": rule.trigger,
        "days": 45,
        "months": 0,
        "yields": "",
        "alert": rule.alert,
        "source": "Checked with counsel",
        "last_checked": date(2026, 12, 1).isoformat(),
        "notes": "",
    }
    assert verified_client(family.adviser).post(url, data).status_code == 403
    assert verified_client(family.coordinator).post(url, data).status_code == 302
    rule.refresh_from_db()
    assert (rule.days, rule.source) == (45, "Checked with counsel")


def test_a_cover_letter_with_script_is_refused_naming_the_field(family):
    client = verified_client(family.coordinator)
    response = client.post(
        reverse("dossiers:authority_edit", args=["fr-visa-asile"]),
        {"letter-language": "fr", "letter-text": "Bonjour <script>alert(1)</script>"},
    )
    assert response.status_code == 400
    assert "write it in Markdown only" in response.content.decode()
    assert (
        "alert(1)"
        not in CoverTemplate.objects.get(authority__code="fr-visa-asile", language="fr").text
    )


def test_a_stored_template_with_html_is_sanitised_in_the_dossier(family):
    CoverTemplate.objects.filter(authority__code="unhcr-referral", language="en").update(
        text='Hello <img src=x onerror="alert(2)"> [click](javascript:alert(3)) **{reference}**'
    )
    from safepassage.dossiers import building
    from safepassage.dossiers.tests.conftest import vault_of

    built = building.build(
        family.access,
        family.authority("unhcr-referral"),
        people=[family.man.pk],
        vault=vault_of(family.adviser),
    )
    assert b"onerror" not in built.json_bytes
    assert b"javascript" not in built.json_bytes
    assert family.reference.encode() in built.json_bytes


def test_a_coordinator_edits_a_stay_rule_and_the_stays_are_counted_again(family):
    url = reverse("dossiers:stay_rule_edit", args=["KZ"])
    response = verified_client(family.coordinator).post(
        url,
        {"max_days_per_entry": 30, "window_days": "", "max_days_in_window": "", "source": "test"},
    )
    assert response.status_code == 302
    rule = StayRule.objects.get(country_id="KZ")
    assert (rule.max_days_per_entry, rule.window_days) == (30, None)
    assert verified_client(family.adviser).post(url, {}).status_code == 403
