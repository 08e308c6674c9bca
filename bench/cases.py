"""Case pages and the alert timer at 100,000 cases, seeded through the vault.

    .venv/bin/python bench/cases.py [--cases 100000] [--db sqlite|postgres|both]

Each database runs in its own child process on a scratch instance. The cases are invented but
stored exactly as the application stores them: a random key per case sealed to each holder's
public key and to the organisation recovery key, then under the case's shred key in the key
folder; every filled field encrypted under the case key (or, for the dates the timer reads, under
the case's workflow key); the audit entries the service functions would have written.

Page times go through Django's test client signed in as a caseworker with 500 cases, so they
include the middleware, the session, the gate, the vault and the templates. The detail page is
also timed against cases sealed with a no-op cipher in the same run, requests alternating, and
`detail_overhead_vs_noop` is (encrypted - no-op) / no-op of the medians (the vault's goal: at
most 0.25).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import emit, peak_rss_mb, percentile, postgres_reachable, run_child, scratch_instance

BENCH_CASES = 500  # cases of the staff member whose pages are timed
BATCH = 500  # cases written per transaction while seeding
WARMUP = 5
REQUESTS = 60  # timed requests per page

# -- invented people ------------------------------------------------------------------------------

FIRST = [
    ("Алексей", "Aleksei"),
    ("Андрей", "Andrei"),
    ("Артём", "Artem"),
    ("Борис", "Boris"),
    ("Вадим", "Vadim"),
    ("Виктор", "Viktor"),
    ("Владислав", "Vladislav"),
    ("Глеб", "Gleb"),
    ("Григорий", "Grigorii"),
    ("Денис", "Denis"),
    ("Дмитрий", "Dmitrii"),
    ("Евгений", "Evgenii"),
    ("Егор", "Egor"),
    ("Иван", "Ivan"),
    ("Игорь", "Igor"),
    ("Илья", "Ilia"),
    ("Кирилл", "Kirill"),
    ("Константин", "Konstantin"),
    ("Леонид", "Leonid"),
    ("Максим", "Maksim"),
    ("Михаил", "Mikhail"),
    ("Никита", "Nikita"),
    ("Олег", "Oleg"),
    ("Павел", "Pavel"),
    ("Роман", "Roman"),
    ("Руслан", "Ruslan"),
    ("Сергей", "Sergei"),
    ("Станислав", "Stanislav"),
    ("Тимофей", "Timofei"),
    ("Юрий", "Iurii"),
]
PATRONYMIC = [
    ("Александрович", "Aleksandrovich"),
    ("Алексеевич", "Alekseevich"),
    ("Андреевич", "Andreevich"),
    ("Борисович", "Borisovich"),
    ("Викторович", "Viktorovich"),
    ("Владимирович", "Vladimirovich"),
    ("Геннадьевич", "Gennadevich"),
    ("Дмитриевич", "Dmitrievich"),
    ("Евгеньевич", "Evgenevich"),
    ("Иванович", "Ivanovich"),
    ("Игоревич", "Igorevich"),
    ("Михайлович", "Mikhailovich"),
    ("Николаевич", "Nikolaevich"),
    ("Олегович", "Olegovich"),
    ("Павлович", "Pavlovich"),
    ("Петрович", "Petrovich"),
    ("Сергеевич", "Sergeevich"),
    ("Юрьевич", "Iurevich"),
]
SURNAME = [
    ("Абрамов", "Abramov"),
    ("Белов", "Belov"),
    ("Васильев", "Vasilev"),
    ("Волков", "Volkov"),
    ("Воробьёв", "Vorobev"),
    ("Гаврилов", "Gavrilov"),
    ("Голубев", "Golubev"),
    ("Григорьев", "Grigorev"),
    ("Егоров", "Egorov"),
    ("Жуков", "Zhukov"),
    ("Зайцев", "Zaitsev"),
    ("Ильин", "Ilin"),
    ("Казаков", "Kazakov"),
    ("Киселёв", "Kiselev"),
    ("Ковалёв", "Kovalev"),
    ("Комаров", "Komarov"),
    ("Кузнецов", "Kuznetsov"),
    ("Лебедев", "Lebedev"),
    ("Макаров", "Makarov"),
    ("Медведев", "Medvedev"),
    ("Морозов", "Morozov"),
    ("Никитин", "Nikitin"),
    ("Новиков", "Novikov"),
    ("Орлов", "Orlov"),
    ("Павлов", "Pavlov"),
    ("Попов", "Popov"),
    ("Романов", "Romanov"),
    ("Семёнов", "Semenov"),
    ("Смирнов", "Smirnov"),
    ("Соколов", "Sokolov"),
    ("Степанов", "Stepanov"),
    ("Тарасов", "Tarasov"),
    ("Титов", "Titov"),
    ("Фёдоров", "Fedorov"),
    ("Филиппов", "Filippov"),
    ("Фролов", "Frolov"),
    ("Чернов", "Chernov"),
    ("Шубин", "Shubin"),
    ("Щербаков", "Shcherbakov"),
    ("Яковлев", "Iakovlev"),
]
# Transit countries with stay rules, weighted roughly as cases arrive, and how long stays run.
TRANSIT = [("KZ", 35, 95), ("AM", 20, 190), ("GE", 20, 380), ("KG", 10, 60), ("TR", 10, 65)]
TRANSIT += [("MN", 5, 35)]
NOTES = [
    "Called him; he is well and waiting for news from the consulate.",
    "He asked how long he may stay; explained the rule and the date shown here.",
    "Sent the list of documents the lawyer needs before the appointment.",
    "He has found work for a few weeks; asked him to keep his registration current.",
    "His family was visited again; he wants to wait before telling them anything.",
    "Reminded him to renew his foreign passport while he still can.",
]
SUMMARIES = [
    "Mobilised; left before his unit was sent forward.",
    "Contract soldier; refused to sign a new contract and left.",
    "Conscript; left after being told he would be transferred.",
    "Reservist; received a summons and left the same week.",
]


@dataclass(frozen=True)
class Invented:
    """Everything a seeded case holds, derived from its index alone (so a no-op copy of a case
    has exactly the same shape)."""

    index: int
    name_cyrillic: str
    name_latin: str
    birth_date: str
    country: str
    entered_on: date
    registered_until: date | None
    left_russia: date
    passport_expires: date
    retention: date
    moves: list[tuple[str, str, str]]  # (from, to, reason)
    notes: list[str]
    checkin_interval: int | None
    summary: str
    wanted_level: str


def invent(index: int, today: date) -> Invented:
    from safepassage.cases import stages

    rng = random.Random(index)
    first, patronymic, surname = rng.choice(FIRST), rng.choice(PATRONYMIC), rng.choice(SURNAME)
    country, _weight, longest = rng.choices(TRANSIT, weights=[t[1] for t in TRANSIT])[0]
    entered = today - timedelta(days=rng.randint(0, longest))
    registered = None
    if country == "KG" and rng.random() < 0.7:
        registered = entered + timedelta(days=rng.randint(30, 360))
    moves = [
        (stages.FIRST_CONTACT, stages.CONSULTATION, ""),
        (stages.CONSULTATION, stages.TRANSIT, ""),
    ]
    draw = rng.random()
    if draw < 0.15:
        moves.append((stages.TRANSIT, stages.VETTING, ""))
    elif draw < 0.20:
        moves.append((stages.TRANSIT, stages.PAUSED, ""))
    elif draw < 0.25:
        moves.append((stages.TRANSIT, stages.CLOSED, "safe"))
    return Invented(
        index=index,
        name_cyrillic=f"{first[0]} {patronymic[0]} {surname[0]}",
        name_latin=f"{first[1]} {surname[1]}".upper(),
        birth_date=f"{rng.randint(1970, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        country=country,
        entered_on=entered,
        registered_until=registered,
        left_russia=entered - timedelta(days=rng.randint(0, 20)),
        passport_expires=today + timedelta(days=rng.randint(-60, 3000)),
        retention=today + timedelta(days=5 * 365 + rng.randint(-300, 300)),
        moves=moves,
        notes=rng.sample(NOTES, rng.choice([1, 2, 3])) if rng.random() < 0.3 else [],
        checkin_interval=rng.choice([7, 14, 30]) if rng.random() < 0.25 else None,
        summary=rng.choice(SUMMARIES),
        wanted_level=rng.choice(["none", "federal", "unknown", "interstate"]),
    )


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
    from safepassage.accounts.roles import Role
    from safepassage.accounts.services import create_organisation
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


# -- timing pages ----------------------------------------------------------------------------------


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


def get_ms(client: Any, url: str, expect: str | None = None) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    if expect is not None:
        assert expect in response.content.decode(), f"{url} does not show {expect!r}"
    return elapsed


def timed(client: Any, urls: list[str]) -> list[float]:
    for url in urls[:WARMUP]:
        get_ms(client, url)
    return [get_ms(client, url) for url in urls[WARMUP:]]


def queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_ms(client, url)
    return len(captured.captured_queries)


def emit_times(name: str, samples: list[float]) -> None:
    emit(f"{name}_p50_ms", f"{percentile(samples, 50):.1f}")
    emit(f"{name}_p95_ms", f"{percentile(samples, 95):.1f}")


def part_run(database: str, count: int, other_staff: int) -> None:
    with scratch_instance(database):
        scratch = Path(os.environ["SAFEPASSAGE_KEY_DIR"]).parent
        try:
            run(database, count, other_staff)
        finally:
            # 100,000 shred keys are left in the key folder otherwise.
            shutil.rmtree(scratch, ignore_errors=True)


def run(db: str, count: int, other_staff: int) -> None:
    from django.db import connection
    from django.urls import get_resolver
    from django.utils import timezone

    from safepassage.cases import alerts
    from safepassage.cases.models import Alert, Case, Person
    from safepassage.testing import verified_client
    from safepassage.vault import fields, objects

    # Every page's code is imported now, before the long seeding, so a broken import fails fast.
    get_resolver().url_patterns  # noqa: B018
    today = timezone.localdate()
    start = time.perf_counter()
    actors = make_actors(other_staff)
    plan, bench_indices = plan_for(count, actors)
    seeder = Seeder(actors, today)
    seeder.seed(plan, None)
    if connection.vendor == "postgresql":
        # In a deployment autovacuum keeps the planner's statistics current; a bulk load
        # outruns it (and a test server may run without it), so analyse once, as it would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    emit(f"seed_seconds_{db}", f"{time.perf_counter() - start:.0f}")
    emit(f"seeded_cases_{db}", Case.objects.count())

    # What is stored opens as the application opens it: a recovery copy of the first case.
    first = Case.objects.order_by("pk").first()
    assert first is not None
    key = objects.open_with_recovery(objects.ring_of("case", first.pk), actors.recovery_secret)
    principal = Person.objects.filter(case=first).first()
    assert principal is not None
    story = invent(0, today)
    assert fields.read(key, principal, "name_cyrillic") == story.name_cyrillic
    assert story.name_cyrillic.encode() not in bytes(principal.name_cyrillic or b"")

    # The first run creates every alert; the timer's usual run replaces them, which is the one
    # the goal is about.
    start = time.perf_counter()
    alerts.compute(today)
    emit(f"alerts_first_run_seconds_{db}", f"{time.perf_counter() - start:.1f}")
    start = time.perf_counter()
    summary = alerts.compute(today)
    emit(f"alerts_run_seconds_{db}", f"{time.perf_counter() - start:.1f}")
    emit(f"alerts_{db}", summary.alerts)
    emit(f"bench_staff_alerts_{db}", Alert.objects.filter(staff=actors.bench).count())

    # Other work on the machine shows in the page times; the load says how much there was.
    emit(f"load_average_1m_{db}", f"{os.getloadavg()[0]:.1f}")
    client = verified_client(actors.bench)
    urls = ["/today/"] * (WARMUP + REQUESTS)
    emit(f"today_queries_{db}", queries(client, urls[0]))
    emit_times(f"today_{db}", timed(client, urls))

    pages = -(-len(bench_indices) // 50)
    urls = [f"/cases/?page={1 + i % pages}" for i in range(WARMUP + REQUESTS)]
    emit(f"case_list_queries_{db}", queries(client, urls[0]))
    emit_times(f"case_list_{db}", timed(client, urls))

    # Detail pages: the timed caseworker's cases, and no-op copies of the very same invented
    # cases held by another caseworker, requested in turn so both see the same conditions.
    sample = bench_indices[: WARMUP + REQUESTS]
    references = dict(
        Case.objects.filter(assignments__staff=actors.bench)
        .order_by("pk")
        .values_list("pk", "reference")
    )
    real_refs = [references[pk] for pk in sorted(references)][: len(sample)]
    with noop_cipher():
        seeder.seed([(index, actors.noop) for index in sample], None)
        noop_client = verified_client(actors.noop)
    noop_refs = list(
        Case.objects.filter(assignments__staff=actors.noop)
        .order_by("pk")
        .values_list("reference", flat=True)
    )
    emit(f"case_detail_queries_{db}", queries(client, f"/cases/{real_refs[0]}/"))
    real: list[float] = []
    plain: list[float] = []
    for number, (index, real_ref, noop_ref) in enumerate(
        zip(sample, real_refs, noop_refs, strict=True)
    ):
        name = invent(index, today).name_cyrillic
        real_ms = get_ms(client, f"/cases/{real_ref}/", expect=name)
        with noop_cipher():
            noop_ms = get_ms(noop_client, f"/cases/{noop_ref}/", expect=name)
        if number >= WARMUP:
            real.append(real_ms)
            plain.append(noop_ms)
    emit_times(f"case_detail_{db}", real)
    emit_times(f"case_detail_noop_{db}", plain)
    real_p50, plain_p50 = percentile(real, 50), percentile(plain, 50)
    emit(f"detail_overhead_vs_noop_{db}", f"{(real_p50 - plain_p50) / plain_p50:.2f}")
    emit(f"load_average_1m_end_{db}", f"{os.getloadavg()[0]:.1f}")
    emit(f"peak_rss_mb_{db}", f"{peak_rss_mb():.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["run"])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--staff", type=int, default=100, help="caseworkers besides the timed one")
    args = parser.parse_args()
    if args.part == "run":
        part_run(args.db, args.cases, args.staff)
        return
    sizes = ["--cases", str(args.cases), "--staff", str(args.staff)]
    emit(
        "seed_note",
        f"{args.staff + 3} staff (1 coordinator holds every case); shred keys written without "
        "fsync while seeding only; PostgreSQL analysed once after seeding, as autovacuum would",
    )
    if args.db in ("sqlite", "both"):
        for line in run_child(__file__, "--part", "run", "--db", "sqlite", *sizes):
            print(line, flush=True)
    if args.db in ("postgres", "both"):
        if postgres_reachable():
            for line in run_child(__file__, "--part", "run", "--db", "postgres", *sizes):
                print(line, flush=True)
        else:
            emit("seed_seconds_postgres", "unavailable (PostgreSQL not reachable)")


if __name__ == "__main__":
    main()
