"""Screening a case: every name of every person against every list, every service period
against the incident records; results sealed with the case, reviewed one by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases.gate import CaseAccess, open_case
from safepassage.cases.models import Case, Person, ServicePeriod
from safepassage.screening import engine, lists
from safepassage.screening.models import (
    CaseScreening,
    IncidentList,
    Review,
    ScreeningResult,
    WatchList,
)
from safepassage.vault import fields
from safepassage.vault.objects import ObjectKey
from safepassage.vault.session import VaultSession

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

RESULTS_PER_NAME = 5
# A candidate scoring below this shares almost nothing with the name: it is not kept, so nobody
# is asked to review it (a 0.000 "result" in the review queue looks like a check that was made).
REVIEW_FLOOR = 0.5


class ScreeningError(Exception):
    """A screening action the rules do not allow."""


def reencrypt_results(old: ObjectKey, new: ObjectKey) -> None:
    """Screening results are sealed under the case key: they follow it at rotation."""
    fields.reencrypt_rows(old, new, ScreeningResult.objects.filter(case_id=old.object_id))


@dataclass(frozen=True)
class ScreenedPerson:
    position: int
    names: list[str]
    birth: engine.PartialDate | None
    units: tuple[str, ...]


def _people(access: CaseAccess) -> list[ScreenedPerson]:
    key = access.key
    units: list[str] = []
    for period in ServicePeriod.objects.filter(case=access.case):
        units += [
            v
            for v in (
                fields.read(key, period, "unit_number"),
                fields.read(key, period, "unit_name"),
            )
            if v
        ]
    out = []
    for position, person in enumerate(Person.objects.filter(case=access.case)):
        names = [fields.read(key, person, "name_cyrillic") or ""]
        names += [s.get("spelling", "") for s in fields.read(key, person, "latin_spellings") or []]
        names += fields.read(key, person, "aliases") or []
        birth_text = fields.read(key, person, "birth_date")
        try:
            birth = engine.parse_date(birth_text) if birth_text else None
        except engine.DateError:
            birth = None
        principal = person.kind == "principal"
        out.append(
            ScreenedPerson(
                position,
                [n for n in dict.fromkeys(names) if n.strip()],
                birth,
                tuple(units) if principal else (),
            )
        )
    return out


def _periods(access: CaseAccess) -> list[engine.ServicePeriod]:
    key = access.key
    out = []
    today = timezone.localdate()
    for period in ServicePeriod.objects.filter(case=access.case):
        start = fields.read(key, period, "started_on")
        if start is None:
            continue
        number = fields.read(key, period, "unit_number")
        out.append(
            engine.ServicePeriod(
                start=start,
                end=fields.read(key, period, "ended_on") or today,
                unit_name=fields.read(key, period, "unit_name") or "",
                unit_number=int(number) if number and number.isdigit() else None,
                region=fields.read(key, period, "region") or "",
            )
        )
    return out


@dataclass(frozen=True)
class Screened:
    results: int
    alerts: int
    overlaps: int


def screen_case(access: CaseAccess) -> Screened:
    """Screen the case now; earlier reviews of the same entry are kept.

    Nothing of the case's names stays in the engine's memos afterwards (see engine.memory).
    """
    with engine.forgetting(), transaction.atomic():
        return _screen_case(access)


def _screen_case(access: CaseAccess) -> Screened:
    key = access.key
    reviewed = {}
    for old in ScreeningResult.objects.filter(case=access.case):
        if old.reviewed_at:
            identity = (
                fields.read(key, old, "source"),
                fields.read(key, old, "entity"),
                fields.read(key, old, "person"),
            )
            reviewed[identity] = old
    ScreeningResult.objects.filter(case=access.case, reviewed_at__isnull=True).delete()
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    versions = {}
    searched = lists.current_lists()
    for watch_list, index in searched:
        versions[str(watch_list.pk)] = watch_list.version
        source = f"{watch_list.name} v{watch_list.version}"
        for person in _people(access):
            for name in person.names:
                query = engine.Query(name, person.birth, person.units)
                for result in index.search(query, limit=RESULTS_PER_NAME):
                    if result.score < REVIEW_FLOOR and not result.alert:
                        continue
                    identity = (source, result.entity_id, str(person.position))
                    best = found.get(identity)
                    if best is None or result.score > best["score"]:
                        found[identity] = {
                            "score": result.score,
                            "alert": result.alert,
                            "caption": result.caption,
                            "name": name,
                            "explanation": result.explanation,
                        }
    overlaps = 0
    incidents = lists.all_incidents()
    for overlap in engine.cross_check(_periods(access), [item for _name, item in incidents]):
        list_name = next(n for n, i in incidents if i.id == overlap.incident.id)
        identity = (list_name, overlap.incident.id, "service")
        found[identity] = {
            "score": 1.0 if overlap.kind == "unit" else 0.5,
            "alert": overlap.kind == "unit",
            "caption": overlap.incident.title,
            "name": "",
            "explanation": overlap.to_json(),
            "incident": True,
        }
        overlaps += 1
    alerts = 0
    for identity, hit in found.items():
        if identity in reviewed:
            continue
        row = ScreeningResult(case=access.case, kind="incident" if hit.get("incident") else "list")
        values = {
            "source": identity[0],
            "entity": identity[1],
            "person": identity[2],
            "caption": hit["caption"],
            "score": f"{hit['score']:.3f}",
            "alert": "yes" if hit["alert"] else "no",
            "explanation": {**hit["explanation"], "query_name": hit["name"]},
        }
        for name, value in values.items():
            fields.write(key, row, name, value)
        row.save()
        alerts += hit["alert"]
    CaseScreening.objects.update_or_create(
        case=access.case,
        defaults={
            "screened_at": timezone.now(),
            "versions": versions,
            "lists": [_list_record(watch_list) for watch_list, _index in searched],
            "incident_lists": [_incident_record(row) for row in IncidentList.objects.all()],
            "pending_since": None,
        },
    )
    record(
        "screening.case_screened",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"results": len(found), "alerts": alerts, "overlaps": overlaps},
    )
    return Screened(len(found), alerts, overlaps)


def _list_record(watch_list: WatchList) -> dict[str, Any]:
    imported = watch_list.imported_at
    return {
        "name": watch_list.name,
        "version": watch_list.version,
        "entries": watch_list.entity_count,
        "imported_on": timezone.localdate(imported).isoformat() if imported else None,
        "sample": watch_list.is_sample,
    }


def _incident_record(incident_list: IncidentList) -> dict[str, Any]:
    return {
        "name": incident_list.name,
        "records": incident_list.records.count(),
        "sample": incident_list.is_sample,
    }


@dataclass(frozen=True)
class SearchedList:
    """A list as it was when searched, and whether it could count as a real screening."""

    name: str
    version: int | None
    entries: int
    imported_on: date | None
    sample: bool
    out_of_date: bool


def searched(records: list[dict[str, Any]], on: date) -> list[SearchedList]:
    """Lists recorded by a screening (or in use now), each judged as of the day `on`."""
    oldest = on - timedelta(days=settings.SCREENING_LIST_MAX_AGE_DAYS)
    out = []
    for item in records:
        imported = item.get("imported_on")
        day = date.fromisoformat(imported) if imported else None
        out.append(
            SearchedList(
                name=item["name"],
                version=item.get("version"),
                entries=int(item.get("entries", item.get("records", 0))),
                imported_on=day,
                sample=bool(item.get("sample")),
                out_of_date=day is not None and day < oldest,
            )
        )
    return out


def lists_in_use() -> list[SearchedList]:
    """The watch lists a check made now searches."""
    return searched(
        [_list_record(watch_list) for watch_list, _index in lists.current_lists()],
        timezone.localdate(),
    )


def real_lists(found: list[SearchedList]) -> list[SearchedList]:
    """The lists that make a screening a screening: real data, not out of date."""
    return [item for item in found if not item.sample and not item.out_of_date]


@transaction.atomic
def review(access: CaseAccess, result: ScreeningResult, verdict: str, reason: str) -> None:
    if result.case_id != access.case.pk:
        raise ScreeningError(_("This result belongs to another case."))
    if verdict not in Review.values:
        raise ScreeningError(_("Choose match, no match or unsure."))
    if not reason.strip():
        raise ScreeningError(_("A review needs its reason."))
    fields.write(access.key, result, "review", verdict)
    fields.write(access.key, result, "review_reason", reason)
    result.reviewed_by = access.staff
    result.reviewed_at = timezone.now()
    result.save()
    record(
        "screening.reviewed",
        actor=access.staff,
        target_type="case",
        target_ref=access.case.reference,
        details={"result": result.pk, "verdict": verdict},
    )


def shown_results(access: CaseAccess) -> list[dict[str, Any]]:
    key = access.key
    rows = []
    for result in ScreeningResult.objects.filter(case=access.case):
        values = fields.read_all(key, result)
        review = values.get("review")
        rows.append(
            {
                "row": result,
                **values,
                "score_value": float(values.get("score") or 0),
                "review_label": Review(review).label if review in Review.values else review,
            }
        )
    rows.sort(key=lambda r: (r["review"] is not None, r["alert"] != "yes", -r["score_value"]))
    return rows


def quick_screen(
    name: str, born: str | None = None, units: tuple[str, ...] = (), limit: int = 10
) -> list[tuple[str, engine.Result]]:
    """Screen one name against every list (the command line and the screening page)."""
    birth = engine.parse_date(born) if born else None
    out = []
    with engine.forgetting():
        for watch_list, index in lists.current_lists():
            for result in index.search(engine.Query(name, birth, units), limit=limit):
                out.append((watch_list.name, result))
    out.sort(key=lambda item: -item[1].score)
    return out


def rescreen_pending(staff: Staff, vault: VaultSession | None, batch: int = 25) -> int:
    """Screen again, a batch at a time, this staff member's cases waiting since a list changed;
    a case he can no longer open is left to whoever can."""
    done = 0
    for case_id in pending_for(staff)[:batch]:
        reference = Case.objects.filter(pk=case_id).values_list("reference", flat=True).first()
        if reference is None:
            continue
        try:
            access = open_case(staff, reference, vault, "screened")
        except Http404:
            continue
        screen_case(access)
        done += 1
    return done


def pending_for(staff: Staff) -> list[int]:
    """Cases of this staff member waiting to be screened again after a list changed."""
    return list(
        CaseScreening.objects.filter(
            pending_since__isnull=False, case__assignments__staff=staff
        ).values_list("case_id", flat=True)
    )
