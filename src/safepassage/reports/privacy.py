"""Differential privacy for releases, through OpenDP: discrete Laplace noise on every cell, the
privacy loss each table spends read from OpenDP's own privacy map."""

from __future__ import annotations

import math
from decimal import ROUND_UP, Decimal

import opendp.prelude as dp

from safepassage.reports.disclosure import Table

dp.enable_features("contrib")

# Events a man has at most once (a case's first contact, its milestones, its vetting decision):
# one man then changes at most one cell of each row by one, so a table's sensitivity is its
# number of rows. Consultations and closings can repeat and are never released this way.
ONCE_PER_MAN = {
    "first_contact",
    "left_russia",
    "reached_transit",
    "vetting_decided",
    "dossier_submitted",
    "arrived",
    "status_granted",
}
MECHANISM = f"discrete Laplace, OpenDP {dp.__version__}"


def releasable(table: Table) -> Table:
    """The table with only the rows a man appears in at most once."""
    rows = [r for r in table.rows if r in ONCE_PER_MAN]
    cells = {k: v for k, v in table.cells.items() if k[0] in rows}
    return Table(table.key, rows, table.columns, cells)


def _measurement(sensitivity: int, epsilon: float) -> dp.Measurement:
    scale = sensitivity / epsilon
    return dp.m.make_laplace(
        dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int), scale=scale
    )


def cost(table: Table, epsilon: float) -> Decimal:
    """What releasing the table with this share of epsilon spends, by OpenDP's map (rounded up)."""
    if not table.rows:
        return Decimal(0)
    sensitivity = len(table.rows)
    spent = _measurement(sensitivity, epsilon).map(sensitivity)  # type: ignore[no-untyped-call] # opendp leaves map untyped
    return Decimal(str(spent)).quantize(Decimal("0.000001"), rounding=ROUND_UP)


def noisy(table: Table, epsilon: float) -> Table:
    """The table with noise drawn once for each cell; negative counts shown as 0."""
    keys = [(r, c) for r in table.rows for c in table.columns]
    if not keys:
        return table
    values = _measurement(len(table.rows), epsilon)([table.value(r, c) for r, c in keys])
    return Table(
        table.key,
        table.rows,
        table.columns,
        {k: max(0, int(v)) for k, v in zip(keys, values, strict=True)},
    )


def split(epsilon: Decimal, tables: int) -> float:
    """Each table's share of the release's epsilon."""
    return math.nextafter(float(epsilon) / max(tables, 1), 0.0)
