"""A case with something in every section: what is in scope carries a plain marker, what is not
carries the canary, so a test can tell what went."""

from __future__ import annotations

from datetime import date
from typing import Any

from safepassage.cases import services
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import (
    CriminalCase,
    Note,
    Person,
    PersonKind,
    PressureEvent,
    ServicePeriod,
)
from safepassage.partners.tests.conftest import CANARY
from safepassage.vault import files


def full_case(staff: Any) -> tuple[CaseAccess, dict[str, Any]]:
    """The case, and the ids of its spouse (to choose) and child (left out) and two files."""
    access = services.create_case(staff, "Иван Петров", country="KZ", contact_handle=CANARY)
    services.save_case_fields(
        access,
        {
            "left_on": date(2024, 1, 5),
            "wanted_level": "federal",
            "summary": f"summary {CANARY}",
        },
    )
    principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    services.save_row(
        access,
        principal,
        {
            "birth_date": "1990-05",
            "latin_spellings": [{"spelling": "Ivan Petrov"}],
            "confidential": CANARY,
        },
    )
    spouse = services.save_row(
        access,
        Person(case=access.case, kind=PersonKind.SPOUSE, position=1),
        {"name_cyrillic": "Мария Петрова"},
    )
    child = services.save_row(
        access,
        Person(case=access.case, kind=PersonKind.CHILD, position=2),
        {"name_cyrillic": f"child {CANARY}"},
    )
    services.save_row(
        access, ServicePeriod(case=access.case), {"unit_name": "в/ч 12345", "rank": "рядовой"}
    )
    services.save_row(access, CriminalCase(case=access.case), {"article": "338", "part": "2"})
    services.save_row(access, PressureEvent(case=access.case), {"note": f"pressure {CANARY}"})
    services.save_row(access, Note(case=access.case, by=staff), {"text": f"note {CANARY}"})
    chosen = files.store_bytes(access.key, "повестка: scan".encode(), "summons.txt", "text")
    left_out = files.store_bytes(access.key, f"file {CANARY}".encode(), "other.txt", "text")
    return access, {
        "spouse": spouse.pk,
        "child": child.pk,
        "chosen_file": chosen.id.hex,
        "other_file": left_out.id.hex,
    }


def everything_in(parts: dict[str, bytes]) -> bytes:
    return b"\n".join(parts.values())
