"""A few sample cases of invented people, so a newcomer sees a populated system."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from safepassage.cases import alerts, services, stages
from safepassage.cases.models import (
    CriminalCase,
    DocumentHeld,
    Note,
    Person,
    PressureEvent,
    ProtectionTrack,
    ServicePeriod,
    Stay,
    Task,
)

# Where the vetting sample is: its two vetters can make the final decision (see vetting/demo.py).
VETTING_SAMPLE = 2


def create_sample_cases(caseworker: Any, vetters: list[Any], legal: Any) -> list[str]:
    """Six invented cases at different stages; returns their references."""
    today = timezone.localdate()
    made = []

    officer = services.create_case(
        caseworker,
        "Андрей Викторович Соколов",
        country="KZ",
        contact_channel="site",
        summary="Officer; deserted in spring, now in Kazakhstan without a foreign passport.",
    )
    officer_himself = Person.objects.get(case=officer.case)
    services.save_row(
        officer,
        officer_himself,
        {
            "latin_spellings": [{"spelling": "Andrei Sokolov", "document": "old_passport"}],
            "birth_date": "1988-04",
            "citizenships": ["RU"],
            "languages": ["Russian", "English"],
        },
    )
    services.save_row(
        officer,
        ServicePeriod(case=officer.case),
        {
            "category": "officer",
            "unit_name": "Motor rifle regiment (invented)",
            "unit_number": "99999",
            "rank": "Senior lieutenant",
            "speciality": "Logistics",
            "region": "Belgorod region",
            "started_on": today - timedelta(days=900),
            "ended_on": today - timedelta(days=120),
        },
    )
    services.save_row(
        officer,
        CriminalCase(case=officer.case),
        {
            "article": "338",
            "part": "3",
            "status": "opened",
            "opened_on": today - timedelta(days=90),
            "source": "Relatives were told by investigators",
        },
    )
    services.save_row(
        officer,
        PressureEvent(case=officer.case),
        {
            "kind": "questioning",
            "occurred_on": today - timedelta(days=60),
            "note": "His mother was questioned about where he is.",
        },
    )
    services.save_row(
        officer,
        DocumentHeld(case=officer.case, person=officer_himself),
        {
            "doc_type": "internal_passport",
            "state": "held",
        },
    )
    services.save_row(
        officer,
        Stay(case=officer.case, person=officer_himself),
        {
            "country": "KZ",
            "entered_on": today - timedelta(days=78),
            "basis": "visa-free entry",
        },
    )
    services.save_row(
        officer,
        Task(case=officer.case, assignee=caseworker),
        {
            "title": "Find a local lawyer before the stay runs out",
            "due_on": today + timedelta(days=5),
        },
    )
    for target in (stages.CONSULTATION, stages.TRANSIT):
        services.move_stage(officer, target, "sample")
    made.append(officer)

    mobilised = services.create_case(
        caseworker,
        "Дмитрий Сергеевич Орлов",
        country="AM",
        summary="Mobilised; asks about options after a summons.",
    )
    services.move_stage(mobilised, stages.CONSULTATION, "first call held")
    services.save_row(
        mobilised,
        Note(case=mobilised.case, by=caseworker),
        {
            "text": "Explained the options: deferral, alternative service, leaving. "
            "Call again on Friday.",
        },
    )
    made.append(mobilised)

    contract = services.create_case(caseworker, "Максим Игоревич Белов", country="GE")
    services.save_row(
        contract,
        Stay(case=contract.case, person=Person.objects.get(case=contract.case)),
        {
            "country": "GE",
            "entered_on": today - timedelta(days=200),
        },
    )
    services.save_row(
        contract,
        ServicePeriod(case=contract.case),
        {
            "category": "contract",
            "unit_name": "Artillery brigade (invented)",
            "unit_number": "88888",
            "rank": "Sergeant",
            "region": "Kherson region",
            "started_on": today - timedelta(days=700),
            "ended_on": today - timedelta(days=260),
        },
    )
    for target in (stages.CONSULTATION, stages.TRANSIT, stages.VETTING):
        services.move_stage(contract, target, "sample")
    for vetter in vetters:
        services.assign(contract, vetter, "vetter")
    made.append(contract)

    family = services.create_case(caseworker, "Руслан Маратович Ахметов", country="KG")
    people = [Person.objects.get(case=family.case)]
    for kind, name in (("spouse", "Алина Ахметова"), ("child", "Тимур Ахметов")):
        people.append(
            services.save_row(
                family,
                Person(case=family.case),
                {"name_cyrillic": name},
                plain={"kind": kind},
            )
        )
    # Each has his or her own clock: he registered; his wife and son came later and did not.
    for person, entered, registered in (
        (people[0], 20, 70),
        (people[1], 12, None),
        (people[2], 12, None),
    ):
        services.save_row(
            family,
            Stay(case=family.case, person=person),
            {
                "country": "KG",
                "entered_on": today - timedelta(days=entered),
                "registered_until": today + timedelta(days=registered) if registered else None,
            },
        )
    services.save_case_settings(family, "KG", 7, family.case.retention_date)
    services.move_stage(family, stages.CONSULTATION, "sample")
    made.append(family)

    asylum = services.create_case(caseworker, "Павел Андреевич Ильин", country="FR")
    for target in (stages.CONSULTATION, stages.TRANSIT, stages.VETTING):
        services.move_stage(asylum, target, "sample")
    services.save_row(
        asylum,
        ProtectionTrack(case=asylum.case),
        {
            "destination": "FR",
            "route": "asylum_visa",
            "filed_on": today - timedelta(days=300),
            "decision": "refused",
            "decision_on": today - timedelta(days=20),
            "appeal_deadline": today + timedelta(days=10),
        },
    )
    services.assign(asylum, legal, "legal")
    made.append(asylum)

    closed = services.create_case(caseworker, "Егор Олегович Титов", country="DE")
    services.move_stage(closed, stages.CONSULTATION, "sample")
    services.move_stage(closed, stages.CLOSED, "reached Germany", reason="safe")
    made.append(closed)

    alerts.compute(today)
    return [access.case.reference for access in made]
