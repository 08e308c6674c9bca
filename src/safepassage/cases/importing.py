"""Spreadsheet import, the part that needs no database: read, map columns, check every row.

Organisations leaving spreadsheets bring CSV (UTF-8, comma or semicolon) or XLSX files. The file
is hostile input: size, rows, columns and the unpacked size of an XLSX are limited, and every
refusal says why. A table is checked as a whole before anything is written (see
`cases.transfer.import_table`), so a dry run and the import apply the very same rules. The
reference lists (countries, articles) and today's date are passed in, which keeps this module
free of the ORM and easy to test.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

import openpyxl  # type: ignore[import-untyped] # openpyxl ships no type information
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safepassage.cases import hygiene, stages
from safepassage.cases.validators import not_future, retention_in_future

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
# An XLSX is a ZIP: a small file can unpack to gigabytes. Refuse before openpyxl parses it.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
TEXT_MAX = 4000  # the case forms' limit for long text
LINE_MAX = 200  # and for one-line values

IGNORE = ""


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why and is shown as it is."""


@dataclass(frozen=True)
class Table:
    """A spreadsheet's first sheet: column names and the rows below, each with its row number."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]

    def to_json(self) -> dict[str, Any]:
        return {"headers": self.headers, "rows": [[n, cells] for n, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(list(data["headers"]), [(int(n), list(cells)) for n, cells in data["rows"]])


# -- the fields a column can fill, and the header names that suggest them ------------------------

TARGETS: dict[str, Any] = {
    "principal_name": gettext_lazy("Name (Cyrillic)"),
    "latin_name": gettext_lazy("Latin spelling of the name"),
    "birth_date": gettext_lazy("Date of birth (full or partial)"),
    "citizenship": gettext_lazy("Citizenships (country codes)"),
    "country": gettext_lazy("Where he is now (country code)"),
    "stage": gettext_lazy("Stage"),
    "summary": gettext_lazy("Summary"),
    "contact_channel": gettext_lazy("Contact channel"),
    "contact_handle": gettext_lazy("Handle on that channel"),
    "service_category": gettext_lazy("Service category"),
    "unit_name": gettext_lazy("Unit name"),
    "unit_number": gettext_lazy("Unit number (в/ч)"),
    "rank": gettext_lazy("Rank"),
    "region": gettext_lazy("Region of service"),
    "left_on": gettext_lazy("Left the unit or Russia on"),
    "article": gettext_lazy("Criminal Code article"),
    "stay_country": gettext_lazy("Stay: country (code)"),
    "stay_entered_on": gettext_lazy("Stay: entered on"),
    "stay_left_on": gettext_lazy("Stay: left on"),
    "retention_date": gettext_lazy("Keep the case until"),
}
# Header names (English, Russian) that suggest each field; compared without case or punctuation.
HEADER_WORDS: dict[str, str] = {
    "principal_name": "name|full name|principal name|name cyrillic|фио|ф и о|имя|"
    "фамилия имя отчество|имя кириллицей",
    "latin_name": "latin name|name latin|latin spelling|latin|transliteration|name in passport|"
    "латиница|имя латиницей|фио латиницей",
    "birth_date": "birth date|date of birth|dob|born|birth|дата рождения|д р|год рождения",
    "citizenship": "citizenship|citizenships|nationality|гражданство",
    "country": "country|current country|where now|location|страна|текущая страна|где сейчас|"
    "местонахождение",
    "stage": "stage|этап|стадия",
    "summary": "summary|description|comment|comments|notes|описание|краткое описание|комментарий|"
    "суть",
    "contact_channel": "channel|contact channel|канал|канал связи",
    "contact_handle": "handle|contact|contact handle|контакт|ник",
    "service_category": "category|service category|категория|категория службы|тип службы",
    "unit_name": "unit|unit name|часть|подразделение|название части",
    "unit_number": "unit number|military unit number|в ч|номер части|номер в ч",
    "rank": "rank|звание",
    "region": "region|регион|область",
    "left_on": "left on|date left|left|left unit|дата ухода|ушел|дата оставления части",
    "article": "article|criminal article|статья|статья ук|статья ук рф",
    "stay_country": "stay country|transit country|страна пребывания|страна транзита",
    "stay_entered_on": "entered on|entry date|date of entry|entered|дата въезда|въезд",
    "stay_left_on": "exit date|date of exit|left country|дата выезда|выезд",
    "retention_date": "retention|retention date|keep until|хранить до|срок хранения",
}

CATEGORY_WORDS = {
    "conscript": ("conscript", "призывник", "срочник", "срочная служба"),
    "mobilised": ("mobilised", "mobilized", "мобилизованный", "мобилизован"),
    "contract": ("contract", "contract soldier", "контрактник", "контракт"),
    "officer": ("officer", "офицер"),
    "reservist": ("reservist", "резервист", "запас"),
    "pmc": ("pmc", "private military company", "чвк"),
}
CHANNEL_WORDS = {
    "site": ("site", "web", "website", "сайт"),
    "signal": ("signal", "сигнал"),
    "other": ("other", "другое"),
}
STAGE_WORDS = {
    stages.FIRST_CONTACT: ("first contact", "первый контакт"),
    stages.CONSULTATION: ("consultation", "консультация"),
    stages.EXIT_PLANNING: ("exit planning", "планирование выезда"),
    stages.TRANSIT: ("transit", "transit stay", "транзит"),
    stages.VETTING: ("vetting", "проверка"),
}
# Entering advocacy needs a positive vetting decision recorded here, which an imported row
# cannot carry; such cases come in at vetting and move on once vetted.
IMPORTABLE_STAGES = tuple(STAGE_WORDS)


def _norm(text: str) -> str:
    """A header or word as compared: case, ё, punctuation and spacing do not matter."""
    text = text.casefold().replace("ё", "е").replace("_", " ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _split_words(words: str) -> set[str]:
    return {_norm(w) for w in words.split("|")}


def _lookup(words: dict[str, tuple[str, ...]], value: str) -> str | None:
    wanted = _norm(value)
    for code, spellings in words.items():
        if wanted == _norm(code) or wanted in {_norm(s) for s in spellings}:
            return code
    return None


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field, from header names in English or Russian; each field used once."""
    guesses: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        name = _norm(header)
        for key, spellings in HEADER_WORDS.items():
            if key not in taken and (name == _norm(key) or name in _split_words(spellings)):
                guesses[index] = key
                taken.add(key)
                break
    return guesses


def check_mapping(table: Table, mapping: dict[int, str]) -> list[str]:
    """What is wrong with a mapping as a whole (before any row is looked at)."""
    problems = []
    used: dict[str, int] = {}
    for index, key in sorted(mapping.items()):
        if key == IGNORE:
            continue
        if not 0 <= index < len(table.headers):
            problems.append(_("There is no column %(n)d.") % {"n": index + 1})
        elif key not in TARGETS:
            problems.append(_("Unknown field: %(field)s.") % {"field": key})
        elif key in used:
            problems.append(
                _("Two columns fill the same field: %(field)s.") % {"field": TARGETS[key]}
            )
        used[key] = index
    if "principal_name" not in used:
        problems.append(_("One column must hold the name of the man seeking help."))
    return problems


# -- reading files -------------------------------------------------------------------------------


def parse(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    """The first sheet of an XLSX or a CSV file, recognised by content, not by name."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        grid: Iterable[list[str]] = _xlsx_rows(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _("This is an old Excel file (.xls). Save it as XLSX or CSV (UTF-8) and try again.")
        )
    else:
        grid = _csv_rows(data)
    return _table(grid, max_rows)


def _table(grid: Iterable[list[str]], max_rows: int) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(grid, 1):
        while cells and not cells[-1]:
            cells.pop()  # formatting alone can stretch a sheet to thousands of empty columns
        if len(cells) > MAX_COLUMNS:
            raise SpreadsheetError(_("The file has more than %(n)d columns.") % {"n": MAX_COLUMNS})
        if headers is None:
            headers = cells
            if not any(headers) or all(_looks_like_data(h) for h in headers if h):
                raise SpreadsheetError(
                    _("The first row must hold the column names (a header row); it does not.")
                )
            continue
        if not any(cells):
            continue  # blank rows are skipped, but the numbering still counts them
        if len(rows) >= max_rows:
            raise SpreadsheetError(
                _("The file has more than %(n)d rows; split it into smaller files.")
                % {"n": max_rows}
            )
        rows.append((number, cells + [""] * (len(headers) - len(cells))))
    if headers is None:
        raise SpreadsheetError(_("The file is empty."))
    if not rows:
        raise SpreadsheetError(_("There are no rows below the header."))
    return Table(headers, rows)


def _looks_like_data(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s.,:/+-]+", text))


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    if b"\x00" in data:
        raise SpreadsheetError(_("This is neither a CSV nor an XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            yield [cell.strip() for cell in record]
    except csv.Error as exc:
        raise SpreadsheetError(
            _("Row %(n)d cannot be read as CSV: %(why)s") % {"n": reader.line_num, "why": exc}
        ) from None


def _xlsx_rows(data: bytes) -> Iterable[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SpreadsheetError(_("The file is damaged (an unreadable XLSX).")) from None
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError(_("This is neither a CSV nor an XLSX file."))
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(_("The spreadsheet unpacks to more than the import accepts."))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # openpyxl reports a malformed workbook through many exception types (zip, XML, key, value).
    except Exception:  # any failure to open means the same thing to the user
        raise SpreadsheetError(_("The file is damaged (an unreadable XLSX).")) from None
    try:
        sheet = book.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    except SpreadsheetError:
        raise
    except Exception:  # as above: a broken sheet, whatever openpyxl raised
        raise SpreadsheetError(_("The file is damaged (an unreadable XLSX).")) from None
    finally:
        book.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- checking rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """The editable reference data rows are checked against, and the day they are checked on."""

    countries: frozenset[str]
    transit_countries: frozenset[str]
    articles: frozenset[str]
    today: date


@dataclass(frozen=True)
class Problem:
    row: int
    field: str
    message: str

    @property
    def label(self) -> Any:
        return TARGETS.get(self.field, self.field)


@dataclass
class ImportRow:
    """One checked row, ready to become a case."""

    row: int
    principal_name: str
    case: dict[str, Any] = field(default_factory=dict)  # create_case keywords and case fields
    person: dict[str, Any] = field(default_factory=dict)
    service: dict[str, Any] = field(default_factory=dict)
    criminal: dict[str, Any] = field(default_factory=dict)
    stay: dict[str, Any] = field(default_factory=dict)
    stage: str = stages.FIRST_CONTACT
    warnings: list[str] = field(default_factory=list)  # kinds of must-not-hold findings


@dataclass
class Report:
    good: list[ImportRow]
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.errors})

    @property
    def warning_kinds(self) -> list[str]:
        return sorted({p.message for p in self.warnings})


class _RowError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ARTICLE = re.compile(
    r"^(?:ст\.?|статья|art\.?|article)?\s*(\d{3}(?:\.\d)?)\s*(?:,?\s*(?:ч\.?|часть|part|p\.)\s*(\d{1,2}))?$"
)


def _date(name: str, text: str) -> date:
    match = _DMY.match(text)
    iso = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else text[:10]
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        raise _RowError(
            name, _("%(value)s is not a date (write 2024-03-17 or 17.03.2024).") % {"value": text}
        ) from None
    if not 1900 <= day.year <= 2100:
        raise _RowError(name, _("Give a date between 1900 and 2100."))
    return day


def _partial_date(name: str, text: str, today: date) -> str:
    match = _DMY.match(text)
    if match:
        text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    if not _PARTIAL.match(text):
        raise _RowError(name, _("Write the date as 1990, 1990-05 or 1990-05-17."))
    parts = [int(p) for p in text.split("-")]
    try:
        full = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise _RowError(name, _("That date does not exist.")) from None
    if full > today or parts[0] < 1900:
        raise _RowError(name, _("A birth date must be in the past."))
    return text


def _line(name: str, text: str, limit: int = LINE_MAX) -> str:
    if len(text) > limit:
        raise _RowError(
            name,
            _("The text is too long (%(n)d characters, at most %(max)d).")
            % {"n": len(text), "max": limit},
        )
    return text


def _country(name: str, text: str, known: frozenset[str], message: str) -> str:
    code = text.strip().upper()
    if code not in known:
        raise _RowError(name, message % {"code": text})
    return code


def _not_future(name: str, value: date, today: date, message: str) -> date:
    return not_future(value, message, today=today, fail=partial(_RowError, name))


def _check_name(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    out.principal_name = _line("principal_name", values.get("principal_name", ""))
    if not out.principal_name:
        raise _RowError("principal_name", _("The name of the man seeking help is missing."))


def _check_person(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("latin_name"):
        spelling = _line("latin_name", values["latin_name"])
        out.person["latin_spellings"] = [{"spelling": spelling, "document": "other"}]
    if values.get("birth_date"):
        out.person["birth_date"] = _partial_date("birth_date", values["birth_date"], ref.today)
    if values.get("citizenship"):
        codes = [c for c in re.split(r"[\s,;/]+", values["citizenship"]) if c]
        out.person["citizenships"] = [
            _country("citizenship", c, ref.countries, _("Unknown country code: %(code)s."))
            for c in codes
        ]


def _check_where(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("country"):
        message = _("Unknown country code: %(code)s.")
        out.case["country"] = _country("country", values["country"], ref.countries, message)


def _check_stage(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("stage"):
        stage = _lookup(STAGE_WORDS, values["stage"])
        if stage is None:
            raise _RowError(
                "stage",
                _("A case can be imported at these stages only: %(stages)s.")
                % {"stages": ", ".join(IMPORTABLE_STAGES)},
            )
        out.stage = stage


def _check_texts(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("summary"):
        out.case["summary"] = _line("summary", values["summary"], TEXT_MAX)
    if values.get("contact_handle"):
        out.case["contact_handle"] = _line("contact_handle", values["contact_handle"])


def _check_channel(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("contact_channel"):
        channel = _lookup(CHANNEL_WORDS, values["contact_channel"])
        if channel is None:
            raise _RowError("contact_channel", _("The channel must be site, signal or other."))
        out.case["contact_channel"] = channel


def _check_left(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("left_on"):
        left = _date("left_on", values["left_on"])
        message = _("The date of leaving cannot be in the future.")
        out.case["left_on"] = _not_future("left_on", left, ref.today, message)


def _check_retention(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("retention_date"):
        keep = _date("retention_date", values["retention_date"])
        out.case["retention_date"] = retention_in_future(
            keep, today=ref.today, fail=partial(_RowError, "retention_date")
        )


def _check_service(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    if values.get("service_category"):
        category = _lookup(CATEGORY_WORDS, values["service_category"])
        if category is None:
            raise _RowError(
                "service_category",
                _("Unknown service category; use one of: %(words)s.")
                % {"words": ", ".join(CATEGORY_WORDS)},
            )
        out.service["category"] = category
    for key in ("unit_name", "rank", "region"):
        if values.get(key):
            out.service[key] = _line(key, values[key])
    if values.get("unit_number"):
        number = re.sub(r"^(в\s*/\s*ч|вч|unit)\.?\s*", "", values["unit_number"], flags=re.I)
        if not re.fullmatch(r"\d{4,6}", number):
            raise _RowError("unit_number", _("A unit number has 4 to 6 digits."))
        out.service["unit_number"] = number


def _check_article(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    text = values.get("article", "")
    if not text:
        return
    match = _ARTICLE.match(_norm_article(text))
    if match is None or match[1] not in ref.articles:
        raise _RowError(
            "article",
            _("Unknown article: %(value)s (known: %(known)s).")
            % {"value": text, "known": ", ".join(sorted(ref.articles))},
        )
    out.criminal["article"] = match[1]
    if match[2]:
        out.criminal["part"] = match[2]


def _norm_article(text: str) -> str:
    return " ".join(text.casefold().replace("ук рф", "").split())


def _check_stay(out: ImportRow, values: dict[str, str], ref: Reference) -> None:
    country, entered, left = (
        values.get("stay_country", ""),
        values.get("stay_entered_on", ""),
        values.get("stay_left_on", ""),
    )
    if not (country or entered or left):
        return
    if not country:
        raise _RowError("stay_country", _("A stay needs its country."))
    message = _("%(code)s is not one of the transit countries with stay rules.")
    out.stay["country"] = _country("stay_country", country, ref.transit_countries, message)
    if not entered:
        raise _RowError("stay_entered_on", _("A stay needs its date of entry."))
    entered_on = _date("stay_entered_on", entered)
    message = _("An entry cannot be in the future.")
    out.stay["entered_on"] = _not_future("stay_entered_on", entered_on, ref.today, message)
    if left:
        left_on = _date("stay_left_on", left)
        if left_on < entered_on:
            raise _RowError("stay_left_on", _("The exit is dated before the entry."))
        message = _("An exit cannot be in the future.")
        out.stay["left_on"] = _not_future("stay_left_on", left_on, ref.today, message)


_STEPS = (
    _check_name,
    _check_person,
    _check_where,
    _check_stage,
    _check_texts,
    _check_channel,
    _check_left,
    _check_retention,
    _check_service,
    _check_article,
    _check_stay,
)


def check_row(
    number: int, values: dict[str, str], ref: Reference
) -> tuple[ImportRow, list[Problem]]:
    """One row's values (by field) checked and converted, with every problem found in it."""
    out = ImportRow(number, "")
    problems = []
    for step in _STEPS:
        try:
            step(out, values, ref)
        except _RowError as exc:
            problems.append(Problem(number, exc.name, exc.message))
    return out, problems


def check(table: Table, mapping: dict[int, str], ref: Reference) -> Report:
    """Every row checked against the rules; problems are named by row number and field."""
    wrong = check_mapping(table, mapping)
    if wrong:
        return Report([], [Problem(0, "", p) for p in wrong], [])
    columns = {key: index for index, key in mapping.items() if key != IGNORE}
    report = Report([], [], [])
    for number, cells in table.rows:
        values = {key: cells[index].strip() for key, index in columns.items()}
        row, problems = check_row(number, values, ref)
        if problems:
            report.errors.extend(problems)
            continue
        for key in ("summary", "contact_handle"):
            for finding in hygiene.findings(values.get(key, "")):
                if finding.kind not in row.warnings:
                    row.warnings.append(finding.kind)
                    report.warnings.append(Problem(number, key, finding.kind))
        report.good.append(row)
    return report
