"""Canary values for every encrypted field, and builders that put them into real rows.

Every model with an EncryptedField must have a builder here; a test fails when one is missing,
so a new client field cannot escape the S1 tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from typing import Any

from django.apps import apps

from safepassage.vault import fields, objects

RUN = secrets.token_hex(4)


def text_canary(label: str) -> str:
    return f"CANARY-{label}-{RUN}"


# Distinct, unlikely dates; each is searched for in the forms a date could take.
DATE_CANARIES = [date(1917, 3, 8), date(1921, 7, 19), date(1933, 11, 23), date(1946, 5, 29)]


def canary_value(field: fields.EncryptedField, label: str, index: int) -> Any:
    if field.kind == "date":
        return DATE_CANARIES[index % len(DATE_CANARIES)]
    if field.kind == "int":
        return 9_100_000_000 + index
    if field.kind == "json":
        return {"canary": text_canary(label)}
    return text_canary(label)


def searchable(value: Any) -> list[str]:
    if isinstance(value, date):
        return [value.isoformat(), value.strftime("%Y%m%d"), value.strftime("%d.%m.%Y")]
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    return [str(value)]


def fill(key: objects.ObjectKey, instance: Any, placed: dict[str, Any]) -> None:
    """Write a canary into every encrypted field of the row (the caller saves)."""
    for index, field in enumerate(fields.encrypted_fields(type(instance))):
        label = f"{instance._meta.label_lower}.{field.name}"
        value = canary_value(field, label, index + len(placed))
        fields.write(key, instance, field.name, value)
        placed[label] = value


Builder = Callable[[Any, dict[str, Any]], None]
BUILDERS: dict[str, Builder] = {}


def builder(label: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        BUILDERS[label] = fn
        return fn

    return register


def encrypted_models() -> list[str]:
    return sorted(
        model._meta.label_lower for model in apps.get_models() if fields.encrypted_fields(model)
    )


@builder("vaultprobe.probe")
def _probe(staff: Any, placed: dict[str, Any]) -> None:
    from tests.vaultprobe.models import Probe, ProbeNote

    probe = Probe.objects.create()
    key = objects.create("probe", probe.pk, date(2032, 1, 1), [staff.pk])
    fill(key, probe, placed)
    probe.save()
    note = ProbeNote(probe=probe)
    fill(key, note, placed)
    note.save()
    from safepassage.vault.files import store_bytes

    file_canary = text_canary("file")
    store_bytes(key, f"statement: {file_canary}".encode(), "statement.txt", "text")
    placed["file"] = file_canary


BUILDERS["vaultprobe.probenote"] = lambda staff, placed: None  # built with its probe


@builder("cases.case")
def _case(staff: Any, placed: dict[str, Any]) -> None:
    """A case with one row of every kind, every encrypted field holding a canary."""
    from safepassage.cases import models, services

    access = services.create_case(staff, "placeholder")
    key = access.key
    fill(key, access.case, placed)
    access.case.save()
    principal = models.Person.objects.get(case=access.case)
    fill(key, principal, placed)
    principal.save()
    for model in services.CASE_ROWS:
        if model is models.Person:
            continue
        row = model(case=access.case)
        for attr in ("by", "assignee"):
            if hasattr(row, f"{attr}_id"):
                setattr(row, attr, staff)
        if isinstance(row, models.StageChange):
            row.from_stage, row.to_stage = "first_contact", "consultation"
        fill(key, row, placed)
        row.save()


for _label in (
    "cases.person",
    "cases.serviceperiod",
    "cases.criminalcase",
    "cases.pressureevent",
    "cases.documentheld",
    "cases.stay",
    "cases.protectiontrack",
    "cases.stagechange",
    "cases.task",
    "cases.checkin",
    "cases.note",
):
    BUILDERS[_label] = lambda staff, placed: None  # built with their case


@builder("vetting.vetting")
def _vetting(staff: Any, placed: dict[str, Any]) -> None:
    """A vetting record with a row of every kind and an evidence item with a file."""
    from safepassage.cases import models as case_models
    from safepassage.cases import services
    from safepassage.vault.files import store_bytes
    from safepassage.vetting import models

    access = services.create_case(staff, "placeholder")
    case_models.Assignment.objects.filter(case=access.case, staff=staff).update(role="vetter")
    vetting = models.Vetting.objects.create(case=access.case)
    key = objects.create("vetting", vetting.pk, date(2032, 1, 1), [staff.pk])
    fill(key, vetting, placed)
    vetting.save()
    evidence = models.Evidence.objects.create(
        vetting=vetting, kind="osint", retention_date=date(2032, 1, 1), added_by=staff
    )
    evidence_key = objects.create("evidence", evidence.pk, date(2032, 1, 1), [staff.pk])
    fill(evidence_key, evidence, placed)
    evidence.save()
    evidence_file = text_canary("evidence-file")
    store_bytes(evidence_key, f"statement: {evidence_file}".encode(), "e.txt", "text")
    placed["evidence-file"] = evidence_file
    interview = models.Interview(vetting=vetting, held_by=staff)
    fill(key, interview, placed)
    interview.save()
    rows = [
        models.Claim(vetting=vetting, interview=interview, topic="service"),
        models.ChecklistAnswer(vetting=vetting, item="role_rank", answered_by=staff),
        models.ConflictDeclaration(vetting=vetting, vetter=staff, has_conflict=False),
        models.Conclusion(vetting=vetting, vetter=staff, round=1),
    ]
    for row in rows:
        fill(key, row, placed)
        row.save()


for _label in (
    "vetting.evidence",
    "vetting.interview",
    "vetting.claim",
    "vetting.checklistanswer",
    "vetting.conflictdeclaration",
    "vetting.conclusion",
):
    BUILDERS[_label] = lambda staff, placed: None  # built with their vetting record


@builder("screening.screeningresult")
def _screening(staff: Any, placed: dict[str, Any]) -> None:
    from safepassage.cases import services
    from safepassage.screening.models import ScreeningResult

    access = services.create_case(staff, "placeholder")
    row = ScreeningResult(case=access.case, kind="list")
    fill(access.key, row, placed)
    row.save()


@builder("intake.message")
def _intake(staff: Any, placed: dict[str, Any]) -> None:
    """A sealed first message with a file, a reply and an open follow-up session.

    Intake blobs are SealedBox ciphertexts in BinaryFields, not EncryptedFields, so the S1 test
    does not reach this builder by itself: intake/tests/test_s1_intake.py calls it.
    """
    import base64
    import io
    import re

    from django.test import Client

    from safepassage.intake import codename, services
    from safepassage.intake.models import Conversation, Direction, Message
    from safepassage.vault.intake import intake_public_key

    text, handle, file_text = (text_canary(f"intake.{part}") for part in ("text", "handle", "file"))
    upload = io.BytesIO(f"statement: {file_text}".encode())
    upload.name = "statement.txt"
    client = Client()
    response = client.post(
        "/en/write/",
        {
            "who": "self",
            "situation": "mobilised",
            "urgency": "now",
            "reply_via": "signal",
            "handle": handle,
            "text": text,
            "files": [upload],
        },
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200, response.content[:500]
    name = " ".join(re.findall(r"<li>([a-z]+)</li>", response.content.decode()))
    conversation = Conversation.objects.get(
        lookup_id=codename.lookup_id(name, services.kdf_params())
    )
    reply = text_canary("intake.reply")
    Message.objects.create(
        conversation=conversation,
        direction=Direction.OUT,
        day=conversation.started_on,
        sealed=services._seal(bytes(conversation.person_public), {"text": reply}),
        sealed_for_intake=services._seal(intake_public_key(), {"text": reply}),
        author=staff,
    )
    client.post("/en/follow-up/", {"codename": name}, HTTP_SEC_FETCH_SITE="same-origin")
    private = bytes(codename.key_pair(name, services.kdf_params()))
    placed.update(
        {
            "intake.message.text": text,
            "intake.message.handle": handle,
            "intake.attachment.file": file_text,
            "intake.message.reply": reply,
            "intake.followupsession.key": base64.b64encode(private).decode(),
            "intake.codename": name,
        }
    )


BUILDERS["intake.attachment"] = lambda staff, placed: None  # built with its message
BUILDERS["intake.followupsession"] = lambda staff, placed: None  # built with its message


@builder("dossiers.dossier")
def _dossier(staff: Any, placed: dict[str, Any]) -> None:
    """A dossier version, a submission with an event and a deadline, canaries in each."""
    from safepassage.cases import services
    from safepassage.cases.models import Person
    from safepassage.dossiers import models
    from safepassage.vault.files import store_bytes

    access = services.create_case(staff, "placeholder")
    key = access.key
    authority, _created = models.Authority.objects.get_or_create(
        code="canary-authority", defaults={"name": "Authority", "languages": ["en"]}
    )
    stored = store_bytes(key, b"%PDF-1.4\n%%EOF\n", "dossier.pdf", "pdf")
    dossier = models.Dossier(
        case=access.case,
        authority=authority,
        language="en",
        version=1,
        made_by=staff,
        pdf_file=stored,
        pdf_sha256="0" * 64,
        json_sha256="0" * 64,
    )
    fill(key, dossier, placed)
    dossier.save()
    person = Person.objects.get(case=access.case)
    submission = models.Submission(case=access.case, person=person, authority=authority)
    fill(key, submission, placed)
    submission.save()
    event = models.SubmissionEvent(
        case=access.case, submission=submission, kind="refused", recorded_by=staff
    )
    fill(key, event, placed)
    event.save()
    deadline = models.Deadline(
        case=access.case, submission=submission, person=person, alert="appeal_deadline"
    )
    fill(key, deadline, placed)
    deadline.save()


for _label in ("dossiers.submission", "dossiers.submissionevent", "dossiers.deadline"):
    BUILDERS[_label] = lambda staff, placed: None  # built with their dossier
