"""Many cases with realistic histories, written straight into the readable columns reports use
(no keys, no client data): for release tests and bench/reports.py. Each man's path follows the
stage machine, with gaps of days to weeks, and stops (closed, with a reason) at random."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from safepassage.cases import stages
from safepassage.cases.models import Case, Milestone, StageChange
from safepassage.intake.models import Conversation
from safepassage.vetting.models import Vetting

TRANSIT = ["KZ", "AM", "GE", "KG", "TR", "MN"]
STATES = ["FR", "DE", "LT", "NL", "ES"]
CATEGORIES = ["mobilised", "contract", "conscript", "officer", "reservist", ""]
REASONS = ["withdrawn", "lost_contact", "returned", "detained", "refused"]
# (stage, chance of reaching it from the one before, days it takes at most)
PATH = [
    (stages.CONSULTATION, 0.9, 10),
    (stages.EXIT_PLANNING, 0.7, 30),
    (stages.TRANSIT, 0.8, 45),
    (stages.VETTING, 0.8, 40),
    (stages.ADVOCACY, 0.85, 60),
    (stages.TRAVEL, 0.6, 200),
    (stages.ASYLUM, 0.95, 30),
    (stages.AFTER_ARRIVAL, 0.7, 300),
]
BATCH = 2000


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randrange(8, 20), rng.randrange(60))))


def make_cases(
    organisation: Any, staff: Any, count: int, start: date, days: int, seed: int = 17
) -> int:
    """`count` cases opened over `days` days from `start`; returns how many rows were written."""
    from django.apps import apps

    from safepassage.cases import seed as reference

    reference.load(apps)  # the countries, gone after a test that empties the database
    rng = random.Random(seed)
    written = 0
    for first in range(0, count, BATCH):
        written += _batch(organisation, staff, min(BATCH, count - first), start, days, rng)
    return written


def _batch(
    organisation: Any, staff: Any, count: int, start: date, days: int, rng: random.Random
) -> int:
    today = timezone.localdate()
    cases = [
        Case(
            reference=f"B{rng.getrandbits(60):015X}"[:16],
            organisation=organisation,
            created_by=staff,
            retention_date=today + timedelta(days=3650),
            created_at=_aware(start + timedelta(days=rng.randrange(days)), rng),
            service_category=rng.choice(CATEGORIES),
        )
        for _ in range(count)
    ]
    Case.objects.bulk_create(cases)
    changes: list[StageChange] = []
    milestones: list[Milestone] = []
    vettings: list[Vetting] = []
    threads: list[Conversation] = []
    for case in cases:
        at = case.created_at
        current = stages.FIRST_CONTACT
        country = None
        if rng.random() < 0.6:
            threads.append(_thread(case, at.date(), rng))
        for stage, chance, longest in PATH:
            if stage == stages.EXIT_PLANNING and rng.random() > chance:
                continue  # he had already left: consultation straight to transit
            step = at + timedelta(days=rng.randrange(1, longest + 1), hours=rng.randrange(5))
            if step.date() >= today:
                break
            if rng.random() > chance:
                if rng.random() < 0.5:
                    reason = rng.choice(REASONS)
                    changes.append(_change(case, current, stages.CLOSED, step, reason))
                    current = stages.CLOSED
                break
            changes.append(_change(case, current, stage, step))
            if stage == stages.TRANSIT:
                country = rng.choice(TRANSIT)
                milestones.append(Milestone(case=case, kind="left_russia", day=step.date()))
                milestones.append(
                    Milestone(
                        case=case, kind="reached_transit", day=step.date(), country_id=country
                    )
                )
            elif stage == stages.VETTING:
                outcome = (
                    "no_indication" if rng.random() < 0.9 else rng.choice(["concerns", "excluded"])
                )
                decided = step + timedelta(days=rng.randrange(5, 30))
                if decided.date() < today:
                    vettings.append(Vetting(case=case, outcome=outcome, decided_at=decided))
            elif stage == stages.ASYLUM:
                country = rng.choice(STATES)
                milestones.append(
                    Milestone(case=case, kind="arrived", day=step.date(), country_id=country)
                )
            current, at = stage, step
        case.stage, case.country_id, case.stage_changed_at = current, country, at
    Case.objects.bulk_update(cases, ["stage", "country", "stage_changed_at"], batch_size=BATCH)
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    Vetting.objects.bulk_create(vettings, batch_size=BATCH)
    Conversation.objects.bulk_create(threads, batch_size=BATCH)
    return len(cases) + len(changes) + len(milestones) + len(vettings) + len(threads)


def _change(case: Case, current: str, target: str, at: datetime, reason: str = "") -> StageChange:
    return StageChange(
        case=case, from_stage=current, to_stage=target, reason=reason, by=case.created_by, at=at
    )


def _thread(case: Case, day: date, rng: random.Random) -> Conversation:
    return Conversation(
        lookup_id=f"{rng.getrandbits(128):032x}",
        person_public=b"\0" * 32,
        status="case",
        started_on=day,
        last_on=day,
        case=case,
    )
