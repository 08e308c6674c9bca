"""Public releases: prepare, preview, publish (frozen and signed with the organisation's key),
verify; and the yearly privacy budget. Each write is audited in its own transaction."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.accounts.models import Organisation
from safepassage.audit.services import record
from safepassage.crypto.signing import SignatureError, canonical_json, verify
from safepassage.reports import disclosure, figures, privacy
from safepassage.reports.disclosure import Table
from safepassage.reports.figures import TABLE_KEYS, Period, PeriodError
from safepassage.reports.models import (
    LedgerEntry,
    Method,
    PrivacyBudget,
    Release,
    ReleaseStatus,
)
from safepassage.reports.sources import Scope
from safepassage.vault.keys import organisation_signer, published_signing_keys
from safepassage.vetting.attest import envelope

DEFAULT_YEARLY_EPSILON = Decimal("2")
KIND = "safepassage-figures-release"


class ReleaseError(Exception):
    """A release the rules do not allow; the message is shown as it is."""


@dataclass
class Preview:
    release: Release
    tables: dict[str, dict[str, Any]]  # what would be published (threshold) or the exact counts
    problems: list[str] = field(default_factory=list)
    budget: dict[str, Decimal] = field(default_factory=dict)


# -- preparing ------------------------------------------------------------------------------------


@transaction.atomic
def prepare(
    staff: Any,
    *,
    title: str,
    first: str,
    last: str,
    tables: list[str],
    method: str = Method.THRESHOLD,
    threshold: int = 10,
    rounding: int = 5,
    epsilon: str | Decimal | None = None,
    release: Release | None = None,
) -> Release:
    """A draft release (new, or `release` changed); published releases are frozen."""
    if release is not None and release.status == ReleaseStatus.PUBLISHED:
        raise ReleaseError(_("This release is published and frozen: prepare a new one instead."))
    title = " ".join(title.split())
    if not title or len(title) > 200:
        raise ReleaseError(_("Title: give a title of at most 200 characters."))
    try:
        period = Period.of_months(first, last)
        period.check(allow_current=False)
    except PeriodError as exc:
        raise ReleaseError(_("Period: %(reason)s") % {"reason": exc}) from None
    chosen = [key for key in TABLE_KEYS if key in set(tables)]
    if not chosen or len(chosen) != len(set(tables)):
        raise ReleaseError(_("Tables: choose at least one of the listed tables."))
    if method not in Method.values:
        raise ReleaseError(_("Method: choose threshold or differential privacy."))
    if not 2 <= threshold <= 100:
        raise ReleaseError(_("Threshold: give a whole number from 2 to 100."))
    if rounding not in (1, 5, 10):
        raise ReleaseError(_("Rounding: choose 1 (none), 5 or 10."))
    spend = _epsilon(epsilon) if method == Method.PRIVACY else None
    row = release or Release(organisation_id=staff.organisation_id, created_by=staff)
    row.title, row.period_start, row.period_end, row.tables = (
        title,
        period.start,
        period.end,
        chosen,
    )
    row.method, row.threshold, row.rounding, row.epsilon = method, threshold, rounding, spend
    row.counts = {}
    row.save()
    record(
        "reports.release_prepared",
        actor=staff,
        target_type="release",
        target_ref=row.public_id,
        details={"method": method, "tables": chosen},
    )
    return row


def _epsilon(value: str | Decimal | None) -> Decimal:
    """The privacy loss as typed, with a decimal point or a decimal comma (0.5 or 0,5)."""
    try:
        spend = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ReleaseError(_("Epsilon: give a positive number such as 0.5.")) from None
    if not spend.is_finite() or spend <= 0 or spend > 10:
        raise ReleaseError(_("Epsilon: give a positive number no larger than 10."))
    return spend


# -- computing ------------------------------------------------------------------------------------


def exact_counts(release: Release) -> dict[str, Table]:
    """The release's tables as counted now from the recorded events."""
    scope = Scope(release.organisation_id, release.period_start, release.period_end)
    found = figures.compute(scope).tables()
    tables = {key: found[key] for key in release.tables}
    if release.method == Method.PRIVACY:
        tables = {key: privacy.releasable(table) for key, table in tables.items()}
    return tables


def _overlapping(release: Release) -> list[Release]:
    return list(
        Release.objects.filter(
            organisation_id=release.organisation_id,
            status=ReleaseStatus.PUBLISHED,
            method=Method.THRESHOLD,
            period_start__lte=release.period_end,
            period_end__gte=release.period_start,
        ).exclude(pk=release.pk)
    )


def problems_of(release: Release, tables: dict[str, Table]) -> list[str]:
    """Why the release may not be published, in words for the coordinator; empty when it may."""
    problems = []
    if release.method == Method.PRIVACY:
        for key, table in tables.items():
            if not table.rows:
                problems.append(
                    _(
                        "The table “%(table)s” counts events a man can have more than once; "
                        "publish it with the threshold method."
                    )
                    % {"table": key}
                )
    if not any(table.total(row) for table in tables.values() for row in table.rows):
        problems.append(_("Nothing was recorded in this period: there is nothing to publish."))
    if problems or release.method == Method.PRIVACY:
        return problems
    for key, table in tables.items():
        if disclosure.protect(table, release.threshold, release.rounding).fully_suppressed():
            problems.append(
                _(
                    "Every cell of the table “%(table)s” would be suppressed: choose a longer "
                    "period or leave the table out."
                )
                % {"table": key}
            )
    for earlier in _overlapping(release):
        # An event's total is the same in every table of a release: compare across tables too.
        old_totals = _event_totals(Table.from_dict(k, v) for k, v in earlier.counts.items())
        new_totals = _event_totals(tables.values())
        small = [
            e
            for e in set(old_totals) & set(new_totals)
            if 0 < abs(old_totals[e] - new_totals[e]) < release.threshold
        ]
        if small:
            problems.append(
                _(
                    "Compared with the published release “%(title)s”, the total of %(events)s "
                    "differs by fewer than %(n)s: the difference would single out a few people."
                )
                % {
                    "title": earlier.title,
                    "events": ", ".join(sorted(small)),
                    "n": release.threshold,
                }
            )
        for key, table in tables.items():
            old = earlier.counts.get(key)
            if old is None:
                continue
            found = disclosure.differences(table, Table.from_dict(key, old), release.threshold)
            if found:
                problems.append(
                    _(
                        "Compared with the published release “%(title)s”, the table “%(table)s” "
                        "differs by fewer than %(n)s in %(cells)s cell(s): the difference would "
                        "single out a few people. Choose a period that does not overlap it, or "
                        "wait until the difference is larger."
                    )
                    % {
                        "title": earlier.title,
                        "table": key,
                        "n": release.threshold,
                        "cells": len(found),
                    }
                )
    return problems


def _event_totals(tables: Any) -> dict[str, int]:
    return {row: table.total(row) for table in tables for row in table.rows}


def budget_of(organisation_id: int, year: int) -> dict[str, Decimal]:
    """The year's budget, what published releases spent, and what is left."""
    row = PrivacyBudget.objects.filter(organisation_id=organisation_id, year=year).first()
    total = row.epsilon if row is not None else DEFAULT_YEARLY_EPSILON
    spent = LedgerEntry.objects.filter(organisation_id=organisation_id, year=year).aggregate(
        s=Sum("epsilon")
    )["s"] or Decimal(0)
    return {"budget": total, "spent": spent, "left": total - spent}


def privacy_cost(release: Release, tables: dict[str, Table]) -> Decimal:
    share = privacy.split(release.epsilon or Decimal(0), len(tables))
    return sum((privacy.cost(t, share) for t in tables.values()), Decimal(0))


@transaction.atomic
def preview(release: Release, staff: Any) -> Preview:
    """What would be published, and what stops it; the exact counts are kept so that publishing
    refuses if they change in between."""
    tables = exact_counts(release)
    problems = problems_of(release, tables)
    shown: dict[str, dict[str, Any]]
    result = Preview(release, {}, problems)
    if release.method == Method.PRIVACY:
        shown = {key: table.as_dict() for key, table in tables.items()}
        year = timezone.localdate().year
        result.budget = {
            **budget_of(release.organisation_id, year),
            "cost": privacy_cost(release, tables),
        }
        if result.budget["cost"] > result.budget["left"]:
            problems.append(_over_budget(result.budget))
    else:
        shown = {
            key: disclosure.protect(t, release.threshold, release.rounding).as_dict()
            for key, t in tables.items()
        }
    result.tables = shown
    if release.status == ReleaseStatus.DRAFT:
        release.counts = {key: table.as_dict() for key, table in tables.items()}
        release.save(update_fields=["counts"])
    return result


def _over_budget(budget: dict[str, Decimal]) -> str:
    return _(
        "This release would spend %(cost)s of privacy loss, and only %(left)s of this year's "
        "budget of %(budget)s is left."
    ) % {k: f"{v.normalize():f}" for k, v in budget.items()}


# -- publishing -----------------------------------------------------------------------------------


@transaction.atomic
def publish(release: Release, staff: Any) -> Release:
    """Freeze, sign and publish the release as previewed; nothing is published on refusal."""
    row = Release.objects.select_for_update().get(pk=release.pk)
    if row.status == ReleaseStatus.PUBLISHED:
        raise ReleaseError(_("This release is published and frozen: prepare a new one instead."))
    if not row.counts:
        raise ReleaseError(_("Preview the release before publishing it."))
    tables = exact_counts(row)
    if {k: t.as_dict() for k, t in tables.items()} != row.counts:
        raise ReleaseError(
            _("The figures changed since the preview: preview the release again, then publish.")
        )
    problems = problems_of(row, tables)
    if problems:
        raise ReleaseError(" ".join(problems))
    year = timezone.localdate().year
    if row.method == Method.PRIVACY:
        # One release at a time spends the year's budget.
        list(Organisation.objects.select_for_update().filter(pk=row.organisation_id))
        cost = privacy_cost(row, tables)
        budget = {**budget_of(row.organisation_id, year), "cost": cost}
        if cost > budget["left"]:
            raise ReleaseError(_over_budget(budget))
        share = privacy.split(row.epsilon or Decimal(0), len(tables))
        published = {key: privacy.noisy(t, share).as_dict() for key, t in tables.items()}
        LedgerEntry.objects.create(
            organisation_id=row.organisation_id, release=row, year=year, epsilon=cost
        )
    else:
        published = {
            key: disclosure.protect(t, row.threshold, row.rounding).as_dict()
            for key, t in tables.items()
        }
    signer = organisation_signer(row.organisation_id)
    statement = _statement(row, published, timezone.localdate())
    row.document = dumps(envelope(statement, signer))
    row.key_id = signer.key_id
    row.status = ReleaseStatus.PUBLISHED
    row.published_by = staff
    row.published_at = timezone.now()
    row.save(update_fields=["document", "key_id", "status", "published_by", "published_at"])
    record(
        "reports.release_published",
        actor=staff,
        target_type="release",
        target_ref=row.public_id,
        details={"method": row.method, "tables": row.tables, "key_id": signer.key_id},
    )
    return row


def _statement(row: Release, tables: dict[str, Any], day: date) -> dict[str, Any]:
    if row.method == Method.PRIVACY:
        method: dict[str, Any] = {
            "name": "differential_privacy",
            "epsilon": f"{(row.epsilon or Decimal(0)).normalize():f}",
            "mechanism": privacy.MECHANISM,
        }
    else:
        method = {"name": "threshold", "threshold": row.threshold, "rounding": row.rounding}
    return {
        "kind": KIND,
        "organisation": Organisation.objects.get(pk=row.organisation_id).name,
        "release": row.public_id,
        "title": row.title,
        # No day anywhere: months only.
        "period": {"from": f"{row.period_start:%Y-%m}", "to": f"{row.period_end:%Y-%m}"},
        "published": f"{day:%Y-%m}",
        "method": method,
        "tables": tables,
    }


def document_of(release: Release) -> bytes:
    """The signed file of a published release, byte for byte as published."""
    if release.status != ReleaseStatus.PUBLISHED or release.document is None:
        raise ReleaseError(_("This release is not published."))
    return bytes(release.document)


def dumps(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def verify_document(raw: bytes, trusted: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The statement of a signed release file, if a trusted key signed exactly it."""
    try:
        document = json.loads(raw)
        statement = document["statement"]
        key = (trusted if trusted is not None else published_signing_keys())[document["key_id"]]
        verify(key, canonical_json(statement), base64.b64decode(document["signature"]))
    except (ValueError, KeyError, TypeError, SignatureError) as exc:
        raise ReleaseError(_("The release file does not verify: %(why)s") % {"why": exc}) from None
    if statement.get("kind") != KIND:
        raise ReleaseError(_("This file is not a release of figures."))
    return dict(statement)


@transaction.atomic
def set_budget(staff: Any, year: int, epsilon: str) -> PrivacyBudget:
    spend = _epsilon(epsilon)
    row, _created = PrivacyBudget.objects.update_or_create(
        organisation_id=staff.organisation_id, year=year, defaults={"epsilon": spend}
    )
    record(
        "reports.budget_set",
        actor=staff,
        target_type="organisation",
        target_ref=str(staff.organisation_id),
        details={"year": year, "epsilon": f"{spend.normalize():f}"},
    )
    return row
