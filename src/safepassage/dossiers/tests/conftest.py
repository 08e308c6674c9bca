"""A case of a man and his wife, with a legal adviser assigned: the dossier's usual start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.apps import apps

from safepassage.cases import seed as case_seed
from safepassage.cases import services as cases
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import (
    CriminalCase,
    DocumentHeld,
    Person,
    PersonKind,
    PressureEvent,
    ServicePeriod,
    Stay,
)
from safepassage.core.roles import Role
from safepassage.dossiers import seed
from safepassage.dossiers.models import Authority
from safepassage.vault.session import VaultSession

# One canary per field that must not leave unless ticked, and per field never sent at all.
CANARIES = {
    "confidential": "CANARY-CONFIDENTIAL-7Q",
    "pressure_notes": "CANARY-PRESSURE-NOTE-3K",
    "document_notes": "CANARY-DOCUMENT-NOTE-9F",
    "summary": "CANARY-SUMMARY-2M",
    "contact_handle": "CANARY-HANDLE-5T",
    "manner_of_leaving": "CANARY-ROUTE-8W",
    "stay_note": "CANARY-TRANSIT-ADDRESS-4H",
    "stay_basis": "CANARY-STAY-BASIS-6P",
    "case_note": "CANARY-NOTE-1D",
    "relative": "CANARY-MOTHER-IN-RUSSIA",
    "task": "CANARY-HELPER-DRIVER-0X",
}


def vault_of(staff: Any) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


@dataclass
class Family:
    access: CaseAccess  # opened by the legal adviser
    adviser: Any
    coordinator: Any
    man: Person
    wife: Person
    mother: Person

    @property
    def reference(self) -> str:
        return self.access.case.reference

    def authority(self, code: str) -> Authority:
        return Authority.objects.get(code=code)


def make_family(coordinator: Any, adviser: Any, *, with_passport: bool = True) -> Family:
    case_seed.load(apps)
    seed.load(apps)
    access = cases.create_case(
        coordinator,
        "Иван Петров",
        country="KZ",
        contact_channel="signal",
        contact_handle=CANARIES["contact_handle"],
        summary=CANARIES["summary"],
    )
    cases.assign(access, adviser, "legal")
    man = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
    spellings = (
        [{"spelling": "IVAN PETROV", "document": "foreign_passport"}] if with_passport else []
    )
    cases.save_row(
        access,
        man,
        {
            "latin_spellings": spellings,
            "birth_date": "1990-05-17",
            "citizenships": ["RU"],
            "confidential": CANARIES["confidential"],
        },
    )
    wife = cases.save_row(
        access,
        Person(case=access.case, kind=PersonKind.SPOUSE, position=1),
        {
            "name_cyrillic": "Мария Петрова",
            "latin_spellings": [{"spelling": "MARIIA PETROVA", "document": "foreign_passport"}],
            "birth_date": "1992",
        },
    )
    mother = cases.save_row(
        access,
        Person(case=access.case, kind=PersonKind.OTHER, position=2),
        {"name_cyrillic": CANARIES["relative"]},
    )
    cases.save_case_fields(
        access,
        {
            "wanted_level": "federal",
            "manner_of_leaving": CANARIES["manner_of_leaving"],
            "risk_flags": ["family_pressure"],
        },
    )
    cases.save_row(
        access,
        ServicePeriod(case=access.case),
        {"category": "mobilised", "unit_number": "в/ч 12345", "started_on": date(2022, 10, 1)},
    )
    cases.save_row(
        access,
        CriminalCase(case=access.case),
        {"article": "338", "part": "2", "status": "opened", "opened_on": date(2023, 3, 1)},
    )
    cases.save_row(
        access,
        PressureEvent(case=access.case),
        {"kind": "search", "occurred_on": date(2023, 4, 2), "note": CANARIES["pressure_notes"]},
    )
    cases.save_row(
        access,
        DocumentHeld(case=access.case),
        {"doc_type": "military_id", "state": "held", "note": CANARIES["document_notes"]},
        plain={"person": man.pk},
    )
    cases.save_row(
        access,
        Stay(case=access.case),
        {
            "country": "KZ",
            "entered_on": date(2026, 10, 1),
            "note": CANARIES["stay_note"],
            "basis": CANARIES["stay_basis"],
        },
        plain={"person": man.pk},
    )
    from safepassage.cases.models import Note, Task

    cases.save_row(access, Note(case=access.case), {"text": CANARIES["case_note"]})
    cases.save_row(access, Task(case=access.case), {"title": CANARIES["task"]})
    opened = open_case(adviser, access.case.reference, vault_of(adviser))
    return Family(opened, adviser, coordinator, man, wife, mother)


@pytest.fixture
def adviser(make_staff: Any) -> Any:
    return make_staff(Role.LEGAL)


@pytest.fixture
def family(coordinator: Any, adviser: Any) -> Family:
    return make_family(coordinator, adviser)
