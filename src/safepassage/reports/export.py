"""Tables as CSV (one line per cell: table, row, column, value, by code) and as XLSX (one sheet
per table, with names in the reader's language)."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl  # type: ignore[import-untyped] # openpyxl ships no type information

from safepassage.reports import labels
from safepassage.reports.disclosure import FEWER, HIDDEN


def _cell(value: Any) -> Any:
    """A spreadsheet never reads a name as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _text(value: Any, threshold: int | None) -> Any:
    if value == FEWER:
        return f"<{threshold}" if threshold else "<"
    if value == HIDDEN:
        return "hidden"
    return value


def to_csv(tables: dict[str, dict[str, Any]], threshold: int | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value"])
    for key, table in tables.items():
        for row, values, total in zip(table["rows"], table["cells"], table["totals"], strict=True):
            for column, value in zip(table["columns"], values, strict=True):
                writer.writerow([key, row, column, _text(value, threshold)])
            writer.writerow([key, row, "total", _text(total, threshold)])
    return out.getvalue().encode("utf-8")


def to_xlsx(tables: dict[str, dict[str, Any]], threshold: int | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for key, table in tables.items():
        sheet = book.create_sheet(key[:31])
        sheet.append([labels.title(key)])
        sheet.append(["", *(_cell(labels.column(key, c)) for c in table["columns"]), "total"])
        for row, values, total in zip(table["rows"], table["cells"], table["totals"], strict=True):
            sheet.append(
                [labels.event(row), *(_text(v, threshold) for v in values), _text(total, threshold)]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
