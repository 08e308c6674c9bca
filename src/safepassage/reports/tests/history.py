"""Cases with known histories, made through the case services on the days the history gives,
and the raw events they should produce, for tests to count independently of the reports."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import time_machine
from django.utils import timezone

from safepassage.cases import services as cases
from safepassage.cases.models import Case, ServicePeriod
from safepassage.intake.models import Conversation
from safepassage.vetting.models import Vetting

_lookup = itertools.count()


@dataclass
class Story:
    """One man's path: (day, step) pairs, steps such as "open", "move transit", "country KZ",
    "category mobilised", "vetting no_indication", "close safe", "intake" (he wrote first)."""

    steps: list[tuple[date, str]]
    owner: str = "caseworker"
    case: Case | None = None
    # The events the story should count as, written out by hand: (event, month, country,
    # category, reason).
    events: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def play(story: Story, staff: dict[str, Any]) -> Story:
    """Run the story through the services, each step on its own day."""
    owner = staff[story.owner]
    access: Any = None
    conversation: Conversation | None = None
    for day, step in story.steps:
        word, _, rest = step.partition(" ")
        with time_machine.travel(at_noon(day), tick=False):
            if word == "intake":
                conversation = Conversation.objects.create(
                    lookup_id=f"lookup-{next(_lookup)}",
                    person_public=b"\0" * 32,
                    started_on=day,
                    last_on=day,
                )
            elif word == "open":
                access = cases.create_case(owner, "Иван Петров")
                if conversation is not None:
                    Conversation.objects.filter(pk=conversation.pk).update(case=access.case)
            elif word == "move":
                target, _, reason = rest.partition(" ")
                cases.move_stage(access, target, reason=reason)
            elif word == "country":
                case = access.case
                cases.save_case_settings(access, rest, None, case.retention_date)
            elif word == "category":
                cases.save_row(access, ServicePeriod(case=access.case), {"category": rest})
            elif word == "vetting":
                Vetting.objects.update_or_create(
                    case=access.case, defaults={"outcome": rest, "decided_at": timezone.now()}
                )
            else:
                raise ValueError(step)
    story.case = access.case if access is not None else None
    return story
