"""Read simple CSV lists (a wanted list, a partner's list): name, birth date, unit, source."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from .dates import DateError, parse_date
from .model import PERSON, Entity, ParseError

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 10_000

# Header spellings accepted for each column.
COLUMNS = {
    "name": ("name", "full_name", "fullname", "фио", "имя"),
    "birth_date": ("birth_date", "birthdate", "born", "date_of_birth", "dob", "дата рождения"),
    "unit": ("unit", "military_unit", "в/ч", "часть"),
    "source": ("source", "источник"),
    "id": ("id", "identifier"),
}


def _header(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        label = cell.strip().lower()
        for column, spellings in COLUMNS.items():
            if label in spellings and column not in found:
                found[column] = position
    return found


def _sniff(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


def parse_csv_list(
    lines: Iterable[bytes],
    on_progress: Progress | None = None,
    *,
    source: str = "",
    delimiter: str | None = None,
) -> Iterator[Entity | ParseError]:
    """Stream the people of a CSV list opened in binary mode, one person per line."""
    columns: dict[str, int] | None = None
    done = 0
    number = 0
    for number, raw in enumerate(lines, start=1):
        done += len(raw)
        if on_progress is not None and number % PROGRESS_EVERY == 0:
            on_progress(number, done)
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield ParseError(
                number, f"not UTF-8 (wrong encoding?): {error.reason}", repr(raw[:120])
            )
            continue
        if not text.strip():
            continue
        if delimiter is None:
            delimiter = _sniff(text)
        try:
            cells = next(csv.reader([text], delimiter=delimiter))
        except csv.Error as error:  # a field longer than the csv module's limit, for example
            yield ParseError(number, f"unreadable CSV line: {error}", text[:120])
            continue
        if columns is None:
            columns = _header(cells)
            if "name" not in columns:
                yield ParseError(number, "the header has no name column", text[:120])
                return
            continue
        if len(cells) <= max(columns.values()):
            yield ParseError(
                number, f"expected at least {max(columns.values()) + 1} columns", text[:120]
            )
            continue
        yield from _row(cells, columns, number, source, text)
    if on_progress is not None:
        on_progress(number, done)


def _row(
    cells: list[str], columns: dict[str, int], number: int, source: str, text: str
) -> Iterator[Entity | ParseError]:
    def cell(column: str) -> str:
        return cells[columns[column]].strip() if column in columns else ""

    name = cell("name")
    if not name:
        yield ParseError(number, "empty name", text[:120])
        return
    entity = Entity(
        id=cell("id") or f"{source or 'csv'}:{number}",
        schema=PERSON,
        caption=name,
        names=[name],
        source=cell("source") or source,
        datasets=[source] if source else [],
        line=number,
    )
    if born := cell("birth_date"):
        try:
            entity.birth_dates.append(parse_date(born))
        except DateError as error:
            yield ParseError(number, f"birth date {error}", born)
    if unit := cell("unit"):
        entity.units.append(unit)
    yield entity
