"""Triage: staff who hold the intake key open, answer, mark and turn messages into cases; other
staff open nothing; every action is audited; files move under the case key."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from PIL import Image

from safepassage.audit.models import AuditEntry
from safepassage.cases import seed
from safepassage.cases.gate import open_case
from safepassage.cases.models import Case, Note
from safepassage.core.roles import Role
from safepassage.intake import attachments
from safepassage.intake.models import Attachment, Conversation, Status
from safepassage.intake.tests.conftest import jpeg_with_gps, send, upload
from safepassage.safecopy.tests.conftest import run_queue
from safepassage.testing import verified_client
from safepassage.vault import fields, files
from safepassage.vault.models import EncryptedFile
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db


def _thread(**kwargs) -> Conversation:
    send(**kwargs)
    return Conversation.objects.order_by("-pk")[0]


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def test_triage_staff_open_a_message_and_the_opening_is_audited(organisation, triager):
    thread = _thread(text="Текст-канарейка 4471")
    page = verified_client(triager).get(f"/intake/triage/{thread.pk}/")
    assert page.status_code == 200
    assert "Текст-канарейка 4471" in page.content.decode()
    entry = AuditEntry.objects.get(action="intake.opened")
    assert entry.actor_id == triager.pk
    assert entry.target_ref == str(thread.pk)


def test_opening_a_thread_leaves_it_waiting_until_it_is_marked_read(organisation, triager):
    thread = _thread(text="Помогите")
    client = verified_client(triager)
    assert client.get(f"/intake/triage/{thread.pk}/").status_code == 200
    thread.refresh_from_db()
    assert (thread.status, thread.unread) == (Status.NEW, True)
    assert client.get(f"/intake/triage/{thread.pk}/read/").status_code == 405
    response = client.post(f"/intake/triage/{thread.pk}/read/")
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.status, thread.unread) == (Status.READ, False)
    assert AuditEntry.objects.filter(action="intake.marked_read").count() == 1


def test_the_queue_shows_no_content(organisation, triager):
    _thread(text="Текст-канарейка 5582", files=[upload("a.txt", b"x")])
    page = verified_client(triager).get("/intake/triage/").content.decode()
    assert "5582" not in page
    assert "#" in page


def test_a_person_in_danger_now_comes_first_in_the_queue_before_anyone_opens_it(
    organisation, triager
):
    calm = _thread(text="Можно подождать", urgency="weeks")
    urgent = _thread(text="Опасность", urgency="now")
    later = _thread(text="В течение дней", urgency="days")
    assert [calm.urgent, urgent.urgent, later.urgent] == [False, True, False]
    page = verified_client(triager).get("/intake/triage/")
    shown = [t.pk for t in page.context["page"]]
    assert shown[0] == urgent.pk
    assert page.content.decode().count("in danger now") == 1
    assert "Опасность" not in page.content.decode()


def test_staff_with_the_duty_but_without_the_key_open_nothing(organisation, make_staff):
    thread = _thread(text="Текст-канарейка 6693")
    keyless = make_staff(Role.CASEWORKER)
    client = verified_client(keyless)
    queue = client.get("/intake/triage/")
    assert queue.status_code == 200
    assert "do not hold the intake key" in queue.content.decode()
    for path in ("", "reply/", "case/", "attach/"):
        response = (client.post if path == "reply/" else client.get)(
            f"/intake/triage/{thread.pk}/{path}", {"text": "x"} if path == "reply/" else None
        )
        assert response.status_code == 404, path
        assert "6693" not in response.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="intake.").exists()


@pytest.mark.parametrize("role", [Role.VETTER, Role.LEGAL, Role.AUDITOR])
def test_roles_without_the_intake_duty_are_refused(organisation, make_staff, grant, role):
    thread = _thread()
    staff = grant(make_staff(role))  # even holding the key, the role does not triage
    response = verified_client(staff).get(f"/intake/triage/{thread.pk}/")
    assert response.status_code == 403


def test_a_reply_is_sealed_and_audited(organisation, triager):
    thread = _thread()
    response = verified_client(triager).post(
        f"/intake/triage/{thread.pk}/reply/", {"text": "Ответ-канарейка 7714"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == Status.ANSWERED
    assert thread.acted_on is not None
    reply = thread.messages.get(direction="out")
    assert b"7714" not in bytes(reply.sealed)
    assert b"7714" not in bytes(reply.sealed_for_intake or b"")
    assert "intake.replied" in _actions()
    # a colleague who holds the intake key reads the thread, replies included
    colleague_page = verified_client(triager).get(f"/intake/triage/{thread.pk}/")
    assert "Ответ-канарейка 7714" in colleague_page.content.decode()


def test_marking_as_abuse_is_audited(organisation, triager):
    thread = _thread()
    verified_client(triager).post(f"/intake/triage/{thread.pk}/abuse/")
    thread.refresh_from_db()
    assert thread.status == Status.ABUSE
    assert "intake.marked_abuse" in _actions()


def test_the_attachment_opens_for_triage_staff_without_its_location(organisation, triager):
    _thread(files=[upload("IMG_0001.jpg", jpeg_with_gps())])
    thread = Conversation.objects.get()
    row = Attachment.objects.get()
    run_queue()  # staff open the safe copy: a PNG redrawn from the photo's pixels
    response = verified_client(triager).get(f"/intake/triage/{thread.pk}/files/{row.id}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "IMG_0001" not in response["Content-Disposition"]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]  # a streamed file
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif().get_ifd(0x8825)
    assert "intake.file_opened" in _actions()


def _vault(staff) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


def test_a_message_becomes_a_case_prefilled_with_what_he_gave(organisation, triager):
    seed.load(apps)
    thread = _thread(
        text="Мобилизован в сентябре, сейчас в Казахстане",
        country="KZ",
        reply_via="signal",
        handle="@ivan_example",
        files=[upload("photo.jpg", jpeg_with_gps()), upload("note.txt", b"list of documents")],
    )
    client = verified_client(triager)
    form = client.get(f"/intake/triage/{thread.pk}/case/").content.decode()
    assert 'name="country" value="Kazakhstan"' in form  # prefilled by name
    assert "@ivan_example" in form
    assert "Мобилизован в сентябре" in form
    response = client.post(
        f"/intake/triage/{thread.pk}/case/",
        {
            "principal_name": "Иван",
            "country": "KZ",
            "contact_channel": "signal",
            "contact_handle": "@ivan_example",
            "summary": "From intake",
            "retention_date": "2031-01-01",
            "first_note": "Мобилизован в сентябре, сейчас в Казахстане",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.reference}/"
    thread.refresh_from_db()
    assert thread.case_id == case.pk
    assert thread.status == Status.CASE
    access = open_case(triager, case.reference, _vault(triager), audit=False)
    assert fields.read(access.key, case, "contact_channel") == "signal"
    note = Note.objects.get(case=case)
    assert "Казахстане" in fields.read(access.key, note, "text")
    # the files now live under the case key, and no longer under the intake key
    assert Attachment.objects.count() == 0
    kinds = sorted(files.meta_of(access.key, r).kind for r in EncryptedFile.objects.all())
    assert kinds == ["jpeg", "text"]
    assert "intake.turned_into_case" in _actions()


def test_a_message_is_attached_to_one_of_his_own_cases_only(organisation, triager, make_staff):
    from safepassage.cases import services as case_services

    mine = case_services.create_case(triager, "Пётр").case
    someone = make_staff(Role.CASEWORKER)
    theirs = case_services.create_case(someone, "Чужой").case
    thread = _thread(text="Это Пётр, пишу снова", files=[upload("a.txt", b"doc")])
    client = verified_client(triager)
    page = client.get(f"/intake/triage/{thread.pk}/attach/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
    refused = client.post(
        f"/intake/triage/{thread.pk}/attach/", {"reference": theirs.reference, "note": "x"}
    )
    assert refused.status_code == 200  # not one of the choices
    thread.refresh_from_db()
    assert thread.case_id is None
    done = client.post(
        f"/intake/triage/{thread.pk}/attach/",
        {"reference": mine.reference, "note": "Это Пётр, пишу снова"},
    )
    assert done.status_code == 302
    thread.refresh_from_db()
    assert thread.case_id == mine.pk
    assert EncryptedFile.objects.filter(ring__object_id=mine.pk).count() == 1
    assert "intake.attached_to_case" in _actions()


def test_a_thread_linked_to_a_case_opens_only_for_staff_on_the_case(
    organisation, triager, make_staff, grant
):
    from safepassage.cases import services as case_services

    case = case_services.create_case(triager, "Пётр").case
    thread = _thread()
    verified_client(triager).post(
        f"/intake/triage/{thread.pk}/attach/", {"reference": case.reference, "note": ""}
    )
    other_triager = grant(make_staff(Role.CASEWORKER))
    assert verified_client(other_triager).get(f"/intake/triage/{thread.pk}/").status_code == 404
    assert verified_client(triager).get(f"/intake/triage/{thread.pk}/").status_code == 200


def test_must_not_hold_warnings_stop_the_case_until_confirmed(organisation, triager):
    seed.load(apps)
    thread = _thread()
    data = {
        "principal_name": "Иван",
        "country": "",
        "contact_channel": "site",
        "contact_handle": "",
        "summary": "",
        "retention_date": "2031-01-01",
        "first_note": "Пересечём границу у посёлка, координаты 43.2381, 76.9452",
    }
    client = verified_client(triager)
    first = client.post(f"/intake/triage/{thread.pk}/case/", data)
    assert first.status_code == 200
    assert "must not hold" in first.content.decode()
    assert Case.objects.count() == 0
    confirmed = client.post(f"/intake/triage/{thread.pk}/case/", {**data, "confirm_warnings": "on"})
    assert confirmed.status_code == 302
    assert Case.objects.count() == 1


def test_the_intake_files_go_once_the_case_holds_them(
    organisation, triager, django_capture_on_commit_callbacks
):
    from safepassage.cases import services as case_services

    thread = _thread(files=[upload("a.txt", b"doc")])
    path = attachments.stored_path(Attachment.objects.get().id)
    assert path.exists()
    case = case_services.create_case(triager, "Пётр").case
    with django_capture_on_commit_callbacks(execute=True):
        verified_client(triager).post(
            f"/intake/triage/{thread.pk}/attach/", {"reference": case.reference, "note": ""}
        )
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_the_language_a_man_wrote_in_is_named_in_words(organisation, triager):
    thread = _thread(text="Помогите, пожалуйста")  # sent from the Russian pages
    page = verified_client(triager).get(f"/intake/triage/{thread.pk}/").content.decode()
    assert "<dt>Written in</dt><dd>Russian</dd>" in page
