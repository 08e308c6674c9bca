"""The coordinator's pages and the panels on a matched case, through the front door."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from safepassage.cases import services as case_services
from safepassage.cases.models import Person, PersonKind
from safepassage.overlap import protocol
from safepassage.overlap import services as overlap
from safepassage.overlap.models import Match, Run, Side, State
from safepassage.screening import engine
from safepassage.screening.engine import memory
from safepassage.testing import verified_client
from safepassage.vetting.hooks import checklist_notes

pytestmark = pytest.mark.django_db


def _case(staff: Any, name: str = "Жуков Евгений Петрович", birth: str = "1990-05-17") -> Any:
    access = case_services.create_case(staff, name)
    principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    case_services.save_row(access, principal, {"birth_date": birth})
    return access


def _run_row(coordinator: Any, partner: Any, side: str, state: str) -> Run:
    return Run.objects.create(
        organisation_id=coordinator.organisation_id,
        partner=partner,
        side=side,
        run_id=("a" if side == Side.INITIATOR else "b") * 32,
        mode="count",
        state=state,
    )


def _done_run(coordinator: Any, partner: Any, case: Any) -> Match:
    run = _run_row(coordinator, partner, Side.INITIATOR, State.DONE)
    return Match.objects.create(run=run, case=case, partner=partner)


def test_coordinator_starts_a_run_from_the_page(rules, coordinator, partner):
    _case(coordinator)
    client = verified_client(coordinator)
    assert partner.name in client.get(reverse("overlap:home")).content.decode()
    response = client.post(reverse("overlap:start"), {"partner": partner.pk, "mode": "count"})
    run = Run.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{run.pk}/")
    assert run.state == State.SENT
    assert run.our_size > 0
    assert run.started_by == coordinator
    page = client.get(reverse("overlap:run", args=[run.pk])).content.decode()
    assert reverse("overlap:message", args=[run.pk]) in page
    message = client.get(reverse("overlap:message", args=[run.pk]))
    assert message.status_code == 200
    assert message.content.startswith(b"age-encryption.org/v1")
    assert "Евгений".encode() not in message.content


def test_no_name_is_left_in_the_screening_engines_memory_after_a_run_starts(
    rules, coordinator, partner
):
    _case(coordinator, "Зимин Аркадий Львович")
    engine.forget()
    client = verified_client(coordinator)
    client.post(reverse("overlap:start"), {"partner": partner.pk, "mode": "count"})
    assert Run.objects.get().our_size > 0
    assert {id(m): m.cache_info().currsize for m in memory.MEMOS if m.cache_info().currsize} == {}


def test_starting_a_run_asks_for_a_fresh_sign_in(rules, coordinator, partner):
    response = verified_client(coordinator, fresh=False).post(
        reverse("overlap:start"), {"partner": partner.pk, "mode": "count"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/reauth/")
    assert not Run.objects.exists()


def test_a_bad_mode_is_refused_with_its_field_named(rules, coordinator, partner):
    client = verified_client(coordinator)
    response = client.post(
        reverse("overlap:start"), {"partner": partner.pk, "mode": "everything"}, follow=True
    )
    assert "not one of the available choices" in response.content.decode()
    assert not Run.objects.exists()


def test_caseworker_cannot_see_or_start_runs(rules, caseworker, partner):
    client = verified_client(caseworker)
    assert client.get(reverse("overlap:home")).status_code == 403
    assert client.post(reverse("overlap:start"), {"partner": partner.pk}).status_code == 403
    assert not Run.objects.exists()


def test_a_matched_case_shows_the_partner_and_the_outcome_can_be_marked_asked(
    rules, coordinator, partner
):
    access = _case(coordinator)
    match = _done_run(coordinator, partner, access.case)
    client = verified_client(coordinator)
    page = client.get(reverse("cases:detail", args=[access.case.reference])).content.decode()
    assert "A partner also knows someone matching this case" in page
    assert partner.name in page
    assert "Outcome not asked yet." in checklist_notes(access.case)[0]
    client.post(reverse("overlap:asked", args=[access.case.reference, match.pk]))
    match.refresh_from_db()
    assert match.asked_at is not None
    assert match.asked_by == coordinator
    assert "Outcome asked on" in checklist_notes(access.case)[0]
    assert partner.name in checklist_notes(access.case)[0]


def test_a_case_without_a_match_shows_no_panel(rules, coordinator, partner):
    access = _case(coordinator)
    page = verified_client(coordinator).get(reverse("cases:detail", args=[access.case.reference]))
    assert "A partner also knows someone" not in page.content.decode()
    assert checklist_notes(access.case) == []


def test_an_outsider_cannot_mark_another_teams_match(rules, coordinator, make_staff, partner):
    access = _case(coordinator)
    match = _done_run(coordinator, partner, access.case)
    outsider = make_staff()
    response = verified_client(outsider).post(
        reverse("overlap:asked", args=[access.case.reference, match.pk])
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.asked_at is None


def test_the_vetting_page_lists_what_partners_know(rules, coordinator, partner, make_staff):
    access = _case(coordinator)
    _done_run(coordinator, partner, access.case)
    vetter = make_staff("vetter")
    case_services.assign(access, vetter, "vetter")
    client = verified_client(vetter)
    client.post(reverse("vetting:start", args=[access.case.reference]))
    page = client.get(reverse("vetting:home", args=[access.case.reference]))
    assert f"Known to partner {partner.name}" in page.content.decode()


def test_declining_destroys_the_request(rules, coordinator, partner):
    run = _run_row(coordinator, partner, Side.RESPONDER, State.ASKED)
    overlap._seal(run, {"request": ""})
    run.save()
    verified_client(coordinator).post(reverse("overlap:decline", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == State.DECLINED
    assert run.sealed is None


def test_consent_refuses_a_set_far_larger_than_ours_and_ends_the_run(rules, coordinator, partner):
    _case(coordinator)
    run = _run_row(coordinator, partner, Side.RESPONDER, State.ASKED)
    points = protocol.blind(protocol.new_secret(), [f"n{i}" for i in range(2100)])
    overlap._seal(run, {"request": overlap._b64(protocol.pack(points))})
    run.save()
    response = verified_client(coordinator).post(
        reverse("overlap:consent", args=[run.pk]), follow=True
    )
    assert "far larger than ours" in response.content.decode()
    run.refresh_from_db()
    assert run.state == State.DECLINED
    assert run.sealed is None
    assert not run.outgoing


def test_a_run_left_waiting_past_a_messages_life_expires_with_its_key(
    rules, coordinator, partner, settings, django_capture_on_commit_callbacks
):
    run = _run_row(coordinator, partner, Side.INITIATOR, State.SENT)
    overlap._seal(run, {"secret": ""})
    run.started_at = timezone.now() - timedelta(days=overlap.MESSAGE_DAYS + 1)
    run.save()
    key = Path(settings.KEY_DIR) / "jobs" / f"{run.job_name}.key"
    assert key.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert overlap.end_expired() == 1
    run.refresh_from_db()
    assert run.state == State.EXPIRED
    assert run.sealed is None
    assert not key.exists()
    fresh = _run_row(coordinator, partner, Side.RESPONDER, State.ASKED)
    assert overlap.end_expired() == 0
    fresh.refresh_from_db()
    assert fresh.state == State.ASKED


def test_without_a_verified_partner_the_page_says_where_to_add_one(rules, coordinator):
    page = verified_client(coordinator).get(reverse("overlap:home")).content.decode()
    assert "No verified partner yet" in page
    assert reverse("partners:home") in page
    assert reverse("overlap:start") not in page
