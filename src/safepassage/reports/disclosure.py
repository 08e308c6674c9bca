"""Tables of counts and their disclosure control, without Django: threshold with complementary
suppression and rounding, the check that no hidden cell can be worked out from what is shown,
and the check that two releases of one table do not reveal a small cell by their difference.

A table has rows (events) and columns (months, countries, ...), and each row's total is
published with it. Zeros are shown: a hidden cell is therefore known to be at least 1, and a
"fewer than N" cell at most N - 1; the checks below take both bounds into account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HIDDEN = "hidden"  # suppressed so that another cell cannot be worked out
FEWER = "fewer"  # below the threshold


@dataclass
class Table:
    key: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]

    def value(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def total(self, row: str) -> int:
        return sum(self.value(row, c) for c in self.columns)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "columns": self.columns,
            "cells": [[self.value(r, c) for c in self.columns] for r in self.rows],
            "totals": [self.total(r) for r in self.rows],
        }

    @classmethod
    def from_dict(cls, key: str, data: dict[str, Any]) -> Table:
        rows, columns = list(data["rows"]), list(data["columns"])
        cells = {
            (r, c): int(data["cells"][i][j])
            for i, r in enumerate(rows)
            for j, c in enumerate(columns)
        }
        return cls(key, rows, columns, cells)


@dataclass
class Protected:
    """A table as published: each shown value, or a mark saying why it is not shown."""

    table: Table
    threshold: int
    rounding: int
    marks: dict[tuple[str, str], str] = field(default_factory=dict)
    hidden_totals: set[str] = field(default_factory=set)

    def shown(self, row: str, column: str) -> int | str:
        mark = self.marks.get((row, column))
        return mark if mark else round_to(self.table.value(row, column), self.rounding)

    def shown_total(self, row: str) -> int | str:
        if row in self.hidden_totals:
            return FEWER
        return round_to(self.table.total(row), self.rounding)

    def fully_suppressed(self) -> bool:
        """Nothing but zeros and marks would be shown."""
        return all(
            self.marks.get((r, c)) or self.table.value(r, c) == 0
            for r in self.table.rows
            for c in self.table.columns
        )

    def as_dict(self) -> dict[str, Any]:
        t = self.table
        return {
            "rows": t.rows,
            "columns": t.columns,
            "cells": [[self.shown(r, c) for c in t.columns] for r in t.rows],
            "totals": [self.shown_total(r) for r in t.rows],
        }


def round_to(value: int, base: int) -> int:
    """To the nearest multiple of the base (halves up); a base of 1 leaves the value as it is."""
    if base <= 1:
        return value
    return ((value + base // 2) // base) * base


def bounds(protected: Protected, row: str) -> tuple[dict[str, tuple[int, int | None]], int | None]:
    """What someone who sees the published row knows of each hidden cell before using the
    total: (low, high or None for no limit), and the sum of the hidden cells if the total is
    shown (unrounded: the strongest attacker)."""
    t = protected.table
    known: dict[str, tuple[int, int | None]] = {}
    for column in t.columns:
        mark = protected.marks.get((row, column))
        if mark == FEWER:
            known[column] = (1, protected.threshold - 1)
        elif mark == HIDDEN:
            known[column] = (1, None)
    if row in protected.hidden_totals:
        return known, None
    shown = sum(t.value(row, c) for c in t.columns if c not in known)
    return known, t.total(row) - shown


def intervals(protected: Protected, row: str) -> dict[str, tuple[int, int | None]]:
    """The narrowest range each hidden cell of a row can be narrowed to from the published row
    and its total."""
    known, rest = bounds(protected, row)
    if rest is None:
        return known
    out: dict[str, tuple[int, int | None]] = {}
    for column, (low, high) in known.items():
        others = [b for c, b in known.items() if c != column]
        others_low = sum(b[0] for b in others)
        others_high = None if any(b[1] is None for b in others) else sum(b[1] or 0 for b in others)
        new_low = low if others_high is None else max(low, rest - others_high)
        new_high = rest - others_low if high is None else min(high, rest - others_low)
        out[column] = (new_low, new_high)
    return out


def _exposed(protected: Protected, row: str) -> bool:
    return any(
        high is not None and high - low < 1 for low, high in intervals(protected, row).values()
    )


def protect(table: Table, threshold: int = 10, rounding: int = 5) -> Protected:
    """Hide every cell below the threshold, then more cells (the smallest first), or the row's
    total, until no hidden cell of any row can be worked out to one value."""
    if threshold < 2:
        raise ValueError("the threshold must be at least 2")
    protected = Protected(table, threshold, rounding)
    for row in table.rows:
        for column in table.columns:
            if 0 < table.value(row, column) < threshold:
                protected.marks[(row, column)] = FEWER
        if 0 < table.total(row) < threshold:
            protected.hidden_totals.add(row)
        while _exposed(protected, row):
            candidates = sorted(
                (table.value(row, c), c)
                for c in table.columns
                if (row, c) not in protected.marks and table.value(row, c) > 0
            )
            if not candidates:
                protected.hidden_totals.add(row)
                break
            protected.marks[(row, candidates[0][1])] = HIDDEN
    return protected


def differences(new: Table, old: Table, threshold: int) -> list[tuple[str, str, int]]:
    """Cells (and totals, as column "total") where two releases of the same table differ by
    more than nothing and less than the threshold: their difference would be a small cell."""
    found = []
    for row in new.rows:
        if row not in old.rows:
            continue
        pairs = [(c, new.value(row, c), old.value(row, c)) for c in new.columns]
        pairs.append(("total", new.total(row), old.total(row)))
        for column, a, b in pairs:
            if 0 < abs(a - b) < threshold:
                found.append((row, column, abs(a - b)))
    return found
