"""Retention: threads nobody acted on (and abuse) leave after 30 days with their files; answered
threads stay longer, threads linked to a case stay with the case."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.intake import attachments
from safepassage.intake.models import Attachment, Conversation, FollowUpSession, Status
from safepassage.intake.tests.conftest import codename_of, send, upload
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db(transaction=True)


def _age(conversation: Conversation, days: int) -> None:
    day = timezone.localdate() - timedelta(days=days)
    Conversation.objects.filter(pk=conversation.pk).update(started_on=day, last_on=day)


def _purge(days_ahead: int = 0) -> str:
    out = io.StringIO()
    today = timezone.localdate() + timedelta(days=days_ahead)
    call_command("retention", "purge", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_unanswered_threads_and_their_files_leave_after_thirty_days(organisation, triager):
    send(files=[upload("a.txt", b"doc")])
    old = Conversation.objects.get()
    path = attachments.stored_path(Attachment.objects.get().id)
    _age(old, 31)
    send()  # a recent one stays
    summary = _purge()
    assert "1 intake threads deleted" in summary
    assert "1 intake files deleted" in summary
    assert not Conversation.objects.filter(pk=old.pk).exists()
    assert Conversation.objects.count() == 1
    assert not path.exists()
    entry = AuditEntry.objects.filter(action="retention.purged").order_by("-seq")[0]
    assert "intake_threads_deleted" in entry.details


def test_thirty_days_are_kept_in_full(organisation):
    send()
    _age(Conversation.objects.get(), 30)
    _purge()
    assert Conversation.objects.count() == 1


def test_an_answered_thread_stays_past_thirty_days(organisation, triager):
    send()
    thread = Conversation.objects.get()
    verified_client(triager).post(f"/intake/triage/{thread.pk}/reply/", {"text": "ok"})
    _age(thread, 100)
    _purge()
    assert Conversation.objects.filter(pk=thread.pk).exists()
    _age(thread, 366)
    _purge()
    assert not Conversation.objects.filter(pk=thread.pk).exists()


def test_abuse_leaves_after_thirty_days_even_when_answered(organisation, triager):
    send()
    thread = Conversation.objects.get()
    client = verified_client(triager)
    client.post(f"/intake/triage/{thread.pk}/reply/", {"text": "ok"})
    client.post(f"/intake/triage/{thread.pk}/abuse/")
    assert Conversation.objects.get().status == Status.ABUSE
    _age(thread, 31)
    _purge()
    assert not Conversation.objects.exists()


def test_a_thread_linked_to_a_case_stays_with_the_case(organisation, triager):
    from safepassage.cases import services as case_services

    case = case_services.create_case(triager, "Пётр").case
    send()
    thread = Conversation.objects.get()
    verified_client(triager).post(
        f"/intake/triage/{thread.pk}/attach/", {"reference": case.reference, "note": ""}
    )
    _age(thread, 400)
    _purge()
    assert Conversation.objects.filter(pk=thread.pk).exists()


def test_ended_follow_up_sessions_are_removed(organisation):
    from django.test import Client

    name = codename_of(send())
    Client().post("/follow-up/", {"codename": name}, HTTP_SEC_FETCH_SITE="same-origin")
    assert FollowUpSession.objects.count() == 1
    FollowUpSession.objects.update(idle_until=timezone.now() - timedelta(minutes=1))
    _purge()
    assert FollowUpSession.objects.count() == 0


def test_files_left_by_a_deleted_case_are_removed(organisation, triager):
    import os

    from safepassage.cases import services as case_services
    from safepassage.cases.gate import open_case
    from safepassage.vault.session import VaultSession

    access = case_services.create_case(triager, "Пётр")
    send()
    thread = Conversation.objects.get()
    verified_client(triager).post(
        f"/intake/triage/{thread.pk}/attach/", {"reference": access.case.reference, "note": ""}
    )
    # a later file in the linked thread stays under the intake key
    send(files=[upload("later.txt", b"later")])
    later = Attachment.objects.get()
    later.message.conversation = thread
    later.message.save()
    path = attachments.stored_path(later.id)
    opened = open_case(
        triager, access.case.reference, VaultSession(triager.pk, triager._test_private_key)
    )
    case_services.delete_case(opened)
    assert not Conversation.objects.filter(pk=thread.pk).exists()
    assert path.exists()
    old = (timezone.now() - timedelta(days=3)).timestamp()
    os.utime(path, (old, old))
    _purge()
    assert not path.exists()
