"""Birth dates known to a year, a month or a day, and how two of them bear on identity."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")
EARLIEST_YEAR = 1900


class DateError(ValueError):
    """A date that cannot be read or cannot be true."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def packed(self) -> int:
        """The date as one integer, YYYYMMDD with zeros for what is unknown."""
        return self.year * 10000 + self.month * 100 + self.day

    @classmethod
    def unpack(cls, value: int) -> PartialDate:
        """The inverse of `packed`."""
        return cls(value // 10000, value // 100 % 100, value % 100)


def parse_date(text: str, *, latest_year: int | None = None) -> PartialDate:
    """Read 1975, 1975-03, 1975-03-14, 14.03.1975 or 03.1975; refuse impossible dates."""
    value = text.strip()
    day = month = 0
    if m := _ISO.match(value):
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    elif m := _DOTTED.match(value):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _MONTH_YEAR.match(value):
        month, year = int(m[1]), int(m[2])
    else:
        raise DateError(f"not a date: {text!r}")
    latest = latest_year if latest_year is not None else dt.date.today().year
    if not EARLIEST_YEAR <= year <= latest:
        raise DateError(f"year out of range {EARLIEST_YEAR}-{latest}: {text!r}")
    if month and not 1 <= month <= 12:
        raise DateError(f"no such month: {text!r}")
    if day:
        try:
            dt.date(year, month, day)
        except ValueError as error:
            raise DateError(f"no such day: {text!r}") from error
    return PartialDate(year, month, day)


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """What a pair of birth dates says: a weight (positive agrees, negative contradicts)."""

    weight: float
    detail: str


# Matching birth dates add confidence in proportion to how much they pin down; a contradiction
# weighs more than an agreement because a shared birth year is common among namesakes.
AGREE_DAY, AGREE_MONTH, AGREE_YEAR = 0.10, 0.07, 0.05
OFF_BY_ONE_YEAR, OTHER_YEAR = -0.15, -0.40
OTHER_MONTH, OTHER_DAY, SWAPPED_DAY_MONTH = -0.25, -0.20, -0.05


def compare_dates(query: PartialDate, listed: PartialDate) -> DateEvidence:
    """Weigh one birth date of the query against one of a list entry."""
    if query.year != listed.year:
        gap = abs(query.year - listed.year)
        if gap == 1:
            return DateEvidence(OFF_BY_ONE_YEAR, f"born {query} vs {listed}: one year apart")
        return DateEvidence(OTHER_YEAR, f"born {query} vs {listed}: {gap} years apart")
    if not (query.month and listed.month):
        return DateEvidence(AGREE_YEAR, f"birth year {query.year} agrees")
    if query.month != listed.month:
        if query.day and listed.day and (query.day, query.month) == (listed.month, listed.day):
            return DateEvidence(
                SWAPPED_DAY_MONTH, f"born {query} vs {listed}: day and month swapped?"
            )
        return DateEvidence(OTHER_MONTH, f"born {query} vs {listed}: other month")
    if not (query.day and listed.day):
        return DateEvidence(AGREE_MONTH, f"birth month {query.year}-{query.month:02d} agrees")
    if query.day != listed.day:
        return DateEvidence(OTHER_DAY, f"born {query} vs {listed}: other day")
    return DateEvidence(AGREE_DAY, f"birth date {query} agrees")


def best_date_evidence(query: PartialDate, listed: list[PartialDate]) -> DateEvidence | None:
    """The most favourable reading when a list gives several birth dates (it often does)."""
    if not listed:
        return None
    return max((compare_dates(query, d) for d in listed), key=lambda e: e.weight)
