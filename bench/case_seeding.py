"""Seeding of the case benchmark: the staff who hold the cases and the writer that stores
invented cases exactly as the application does, in batches."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from unittest import mock

from invented_cases import TRANSIT, Invented, invent

BENCH_CASES = 500  # cases of the staff member whose pages are timed
BATCH = 500  # cases written per transaction while seeding

# -- the people who hold the cases -------------------------------------------------------------


@dataclass
class Actors:
    organisation: Any
    recovery_secret: bytes
    bench: Any  # the caseworker whose pages are timed
    coordinator: Any  # every case is sealed to the coordinators, as create_case does
    others: list[Any]
    noop: Any  # holds the cases sealed with the no-op cipher
    publics: dict[int, bytes] = field(default_factory=dict)


def make_actors(other_staff: int) -> Actors:
    from safepassage.accounts.services import create_organisation
    from safepassage.core.roles import Role
    from safepassage.testing import make_staff
    from safepassage.vault.models import StaffKey

    organisation, keys = create_organisation("Bench organisation", ["Desk"])
    actors = Actors(
        organisation=organisation,
        recovery_secret=keys.recovery_secret,
        bench=make_staff(organisation),
        coordinator=make_staff(organisation, role=Role.COORDINATOR),
        others=[make_staff(organisation) for _ in range(other_staff)],
        noop=make_staff(organisation),
    )
    actors.publics = {k.staff_id: bytes(k.public) for k in StaffKey.objects.all()}
    return actors


# -- seeding -------------------------------------------------------------------------------------


@contextmanager
def seeding_shortcuts() -> Iterator[dict[tuple[str, str], bytes]]:
    """While seeding only: shred keys are written without fsync, and a shred key just created is
    served from memory instead of being read back from the key folder for each wrapper and
    workflow field. The bytes written are the same; only durability and re-reads are skipped."""
    from safepassage.crypto import keyfolder
    from safepassage.vault import fields, keys, objects

    created: dict[tuple[str, str], bytes] = {}
    write_private = keyfolder.write_private
    read_shred_key = objects._shred_key
    server_key = keys.key_folder().server_key()

    def write_without_fsync(
        path: Path, data: bytes, exclusive: bool = False, durable: bool = True
    ) -> None:
        write_private(path, data, exclusive=exclusive, durable=False)

    def shred_key(ring: Any) -> bytes:
        return created.get((ring.period, objects._shred_name(ring))) or read_shred_key(ring)

    def workflow_key(shred: bytes) -> bytes:
        from nacl.encoding import RawEncoder
        from nacl.hash import blake2b

        # keys.workflow_key, with the server key read once instead of once per field.
        return blake2b(shred, key=server_key, person=b"sp-workflow", encoder=RawEncoder)

    assert workflow_key(b"\1" * 32) == keys.workflow_key(b"\1" * 32)
    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(keyfolder, "write_private", write_without_fsync))
        stack.enter_context(mock.patch.object(objects, "_shred_key", shred_key))
        stack.enter_context(mock.patch.object(fields, "_shred_key", shred_key))
        stack.enter_context(mock.patch.object(fields, "workflow_key", workflow_key))
        yield created


class _PlainBox:
    """SealedBox without the sealing: what goes in comes out."""

    def __init__(self, key: object) -> None:
        self.key = key

    def encrypt(self, plaintext: bytes) -> bytes:
        return bytes(plaintext)

    def decrypt(self, ciphertext: bytes) -> bytes:
        return bytes(ciphertext)


def _plain_encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    return bytes(plaintext)


def _plain_decrypt(key: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    return bytes(ciphertext)


@contextmanager
def noop_cipher() -> Iterator[None]:
    """Field, wrapper and session encryption replaced by pass-through: the baseline."""
    from safepassage.crypto import aead
    from safepassage.vault import objects

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(aead, "encrypt", _plain_encrypt))
        stack.enter_context(mock.patch.object(aead, "decrypt", _plain_decrypt))
        stack.enter_context(mock.patch.object(objects, "SealedBox", _PlainBox))
        yield


class Seeder:
    """Writes invented cases in batches: rows, keys, wrappers, shred keys and audit entries."""

    def __init__(self, actors: Actors, today: date) -> None:
        from safepassage.cases import clock, services
        from safepassage.cases.models import Case

        self.actors = actors
        self.today = today
        self.next_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.references: set[str] = set(Case.objects.values_list("reference", flat=True))
        self.rules: dict[str, clock.Rule | None] = {
            code: services.rule_for(code) for code, _w, _l in TRANSIT
        }
        self.rng = random.Random(2024)

    def reference(self) -> str:
        from safepassage.cases.services import _ALPHABET

        while True:
            body = "".join(self.rng.choice(_ALPHABET) for _ in range(8))
            reference = f"SP-{body[:4]}-{body[4:]}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def seed(self, plan: list[tuple[int, Any]], progress: Callable[[int], None] | None) -> None:
        """`plan` lists (index of the invented case, caseworker holding it)."""
        from django.core.management.color import no_style
        from django.db import connection

        from safepassage.cases.models import Case

        with seeding_shortcuts() as created:
            for start in range(0, len(plan), BATCH):
                self._batch(plan[start : start + BATCH], created)
                created.clear()
                if progress:
                    progress(start + len(plan[start : start + BATCH]))
        # Case ids were given explicitly (a case's fields are sealed to its id before the
        # insert); move the id sequence past them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Case]):
                cursor.execute(statement)

    def _batch(self, plan: list[tuple[int, Any]], created: dict[tuple[str, str], bytes]) -> None:
        from django.db import transaction

        from safepassage.audit.services import Event, record_many
        from safepassage.cases import clock
        from safepassage.cases.models import (
            Assignment,
            Case,
            CaseRole,
            CheckIn,
            DocumentHeld,
            Note,
            Person,
            PersonKind,
            StageChange,
            Stay,
        )
        from safepassage.crypto import aead
        from safepassage.vault import fields, objects
        from safepassage.vault.keys import key_folder, recovery_public_key
        from safepassage.vault.models import KeyRing, KeyWrapper

        folder = key_folder()
        coordinator = self.actors.coordinator
        now = datetime.now(UTC)
        cases, rings, wrappers, assignments = [], [], [], []
        people, stays, documents, changes, notes, checkins = [], [], [], [], [], []
        events: list[Event] = []
        opened: dict[int, objects.ObjectKey] = {}
        invented: dict[int, Invented] = {}
        for index, holder in plan:
            story = invent(index, self.today)
            case_id = self.next_id
            self.next_id += 1
            invented[case_id] = story
            created_at = datetime.combine(story.entered_on, clock_time(12), UTC)
            last = story.moves[-1]
            case = Case(
                pk=case_id,
                reference=self.reference(),
                organisation_id=holder.organisation_id,
                stage=last[1],
                resume_to=last[0] if last[1] == "paused" else "",
                closed_reason=last[2],
                country_id=story.country,
                retention_date=story.retention,
                checkin_interval_days=story.checkin_interval,
                created_by=holder,
                created_at=created_at,
                stage_changed_at=created_at + timedelta(days=len(story.moves)),
            )
            # objects.create, in bulk: the ring, its shred key, the key sealed to each holder.
            ring = KeyRing(
                scope="case", object_id=case_id, period=objects.period_of(story.retention)
            )
            name = objects._shred_name(ring)
            created[(ring.period, name)] = folder.create_shred_key(ring.period, name)
            key = objects.ObjectKey(ring, 1, aead.new_key())
            opened[case_id] = key
            rings.append(ring)
            for staff_id in (None, holder.pk, coordinator.pk):
                public = (
                    recovery_public_key() if staff_id is None else self.actors.publics[staff_id]
                )
                wrappers.append(
                    KeyWrapper(
                        ring=ring,
                        version=1,
                        staff_id=staff_id,
                        sealed=objects._wrap(ring, 1, staff_id, public, key.key),
                    )
                )
            assignments.append(
                Assignment(
                    case_id=case_id, staff=holder, role=CaseRole.CASEWORKER, assigned_by=holder
                )
            )
            assignments.append(
                Assignment(
                    case_id=case_id,
                    staff=coordinator,
                    role=CaseRole.COORDINATOR,
                    assigned_by=holder,
                )
            )
            fields.write(key, case, "contact_channel", "signal")
            fields.write(key, case, "contact_handle", f"@invented{index}")
            fields.write(key, case, "summary", story.summary)
            fields.write(key, case, "consent", {"given": True, "purpose": "casework"})
            fields.write(key, case, "left_on", story.left_russia)
            fields.write(key, case, "wanted_level", story.wanted_level)
            cases.append(case)
            principal = Person(case_id=case_id, kind=PersonKind.PRINCIPAL)
            fields.write(key, principal, "name_cyrillic", story.name_cyrillic)
            fields.write(
                key,
                principal,
                "latin_spellings",
                [{"spelling": story.name_latin, "document": "foreign_passport"}],
            )
            fields.write(key, principal, "birth_date", story.birth_date)
            fields.write(key, principal, "citizenships", ["RU"])
            fields.write(key, principal, "languages", ["Russian"])
            people.append(principal)
            stay = Stay(case_id=case_id)
            fields.write(key, stay, "country", story.country)
            fields.write(key, stay, "entered_on", story.entered_on)
            fields.write(key, stay, "registered_until", story.registered_until)
            fields.write(key, stay, "basis", "visa-free entry")
            rule = self.rules[story.country]
            until = None
            if rule is not None:
                # services.refresh_stay_clock for a first stay in the country.
                until = clock.legal_until(
                    rule, [], clock.Visit(story.entered_on), story.registered_until
                )
            fields.server_write(ring, stay, "legal_until", until)
            stays.append(stay)
            at = created_at
            for source, target, reason in story.moves:
                at += timedelta(days=1)
                change = StageChange(
                    case_id=case_id,
                    from_stage=source,
                    to_stage=target,
                    reason=reason,
                    by=holder,
                    at=at,
                )
                fields.write(key, change, "why", "agreed with him on a call")
                changes.append(change)
            for number, text in enumerate(story.notes):
                note = Note(case_id=case_id, by=holder, at=at + timedelta(hours=number + 1))
                fields.write(key, note, "text", text)
                notes.append(note)
            if story.checkin_interval:
                checkin = CheckIn(
                    case_id=case_id,
                    by=holder,
                    at=now - timedelta(days=(index % (story.checkin_interval + 5))),
                )
                fields.write(key, checkin, "note", "he is well")
                checkins.append(checkin)

        with transaction.atomic():
            Case.objects.bulk_create(cases)
            KeyRing.objects.bulk_create(rings)
            KeyWrapper.objects.bulk_create(wrappers)
            Assignment.objects.bulk_create(assignments)
            Person.objects.bulk_create(people)
            for person in people:
                # The document belongs to the principal, so it needs his row id first.
                story = invented[person.case_id]
                key = opened[person.case_id]
                document = DocumentHeld(case_id=person.case_id, person_id=person.pk)
                fields.write(key, document, "doc_type", "foreign_passport")
                fields.write(key, document, "state", "held")
                fields.write(key, document, "expires_on", story.passport_expires)
                documents.append(document)
            DocumentHeld.objects.bulk_create(documents)
            Stay.objects.bulk_create(stays)
            StageChange.objects.bulk_create(changes)
            Note.objects.bulk_create(notes)
            CheckIn.objects.bulk_create(checkins)
            events = self._events(cases, people, stays, documents, changes, notes, checkins)
            for start in range(0, len(events), 1000):
                record_many(events[start : start + 1000])

    def _events(self, cases: list[Any], *rows: list[Any]) -> list[Any]:
        """The audit entries create_case, save_row, move_stage and check_in write."""
        from safepassage.audit.services import Event

        people, stays, documents, changes, notes, checkins = rows
        by_id = {c.pk: c for c in cases}
        events = []
        for case in cases:
            staff = case.created_by
            events.append(
                Event("case.created", staff, "case", case.reference, {"stage": "first_contact"})
            )
            events.append(
                Event(
                    "case.changed",
                    staff,
                    "case",
                    case.reference,
                    {"fields": ["consent", "left_on", "summary", "wanted_level"]},
                )
            )
            if case.checkin_interval_days:
                events.append(
                    Event(
                        "case.settings_changed",
                        staff,
                        "case",
                        case.reference,
                        {
                            "country": case.country_id.lower(),
                            "checkin_interval_days": case.checkin_interval_days,
                        },
                    )
                )
        for label, rows_of, names in (
            ("person_changed", people, ["birth_date", "citizenships", "languages"]),
            ("stay_added", stays, ["basis", "country", "entered_on", "registered_until"]),
            ("documentheld_added", documents, ["doc_type", "expires_on", "state"]),
            ("note_added", notes, ["text"]),
        ):
            for row in rows_of:
                case = by_id[row.case_id]
                events.append(
                    Event(
                        f"case.{label}",
                        case.created_by,
                        "case",
                        case.reference,
                        {"row": row.pk, "fields": names},
                    )
                )
        for change in changes:
            case = by_id[change.case_id]
            events.append(
                Event(
                    "case.stage_changed",
                    case.created_by,
                    "case",
                    case.reference,
                    {
                        "from": change.from_stage,
                        "to": change.to_stage,
                        "reason": change.reason or None,
                    },
                )
            )
        for checkin in checkins:
            case = by_id[checkin.case_id]
            events.append(Event("case.checked_in", case.created_by, "case", case.reference))
        return events


def plan_for(count: int, actors: Actors) -> tuple[list[tuple[int, Any]], list[int]]:
    """Who holds each invented case: the timed caseworker holds evenly spread cases, the other
    caseworkers the rest in turn. Returns the plan and the timed caseworker's case indices."""
    mine = min(BENCH_CASES, count // 2)
    step = count // mine
    bench_indices = [i * step for i in range(mine)]
    chosen = set(bench_indices)
    plan: list[tuple[int, Any]] = []
    turn = 0
    for index in range(count):
        if index in chosen:
            plan.append((index, actors.bench))
        else:
            plan.append((index, actors.others[turn % len(actors.others)]))
            turn += 1
    return plan, bench_indices
