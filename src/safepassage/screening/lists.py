"""Importing watch lists and incident records, and finding their indexes.

A list file is streamed: each line is parsed, a bad line is reported with its number, and the
index is built beside the current one. Only when everything went well does the list switch to
the new version, in one transaction; otherwise the previous version stays as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.screening import engine
from safepassage.screening.engine.incidents import SourceRef, UnitRef
from safepassage.screening.models import (
    CaseScreening,
    IncidentList,
    IncidentRecord,
    ListImport,
    ListKind,
    WatchList,
)

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

MAX_REPORTED_ERRORS = 200
Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """The file has bad lines (or is not a list at all); nothing was changed."""

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass
class ImportSummary:
    name: str
    version: int
    lines: int
    entities: int
    added: int
    removed: int
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        skipped = f", {len(self.skipped)} bad lines skipped" if self.skipped else ""
        return (
            f"{self.name}: version {self.version}, {self.entities} entries "
            f"({self.added} added, {self.removed} removed) from {self.lines} lines{skipped}"
        )


@dataclass
class UploadOutcome:
    line: str
    skipped: list[str]


def import_upload(incoming: Any, choices: dict[str, Any], staff: Staff) -> UploadOutcome:
    """A list or an incident file sent through the screening page, with the choices of its form
    (name, format, sample, accept_errors); the upload is discarded whatever happens."""
    try:
        chunks = incoming.plaintext_chunks()
        if choices["format"] == "incidents":
            count = import_incidents(
                b"".join(chunks), choices["name"], staff, sample=choices["sample"]
            )
            return UploadOutcome(_("%(n)d incidents imported.") % {"n": count}, [])
        summary = import_list(
            chunks,
            choices["name"],
            choices["format"] or None,
            staff,
            accept_errors=choices["accept_errors"],
            sample=choices["sample"],
        )
        return UploadOutcome(summary.line(), summary.skipped)
    finally:
        incoming.discard()


def detect_kind(first_bytes: bytes) -> str:
    """FollowTheMoney JSON lines start with an object; anything else is taken as CSV."""
    text = first_bytes.lstrip(b"\xef\xbb\xbf").lstrip()
    return ListKind.FTM if text.startswith(b"{") else ListKind.CSV


def _lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Lines of a byte stream that arrives in chunks (an upload, a file)."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line + b"\n"
    if pending:
        yield pending


class _Hashing:
    def __init__(self, chunks: Iterable[bytes]) -> None:
        self.chunks = chunks
        self.digest = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.digest.update(chunk)
            yield chunk


def file_chunks(handle: IO[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    while chunk := handle.read(size):
        yield chunk


def import_list(
    chunks: Iterable[bytes],
    name: str,
    kind: str | None = None,
    staff: Staff | None = None,
    accept_errors: bool = False,
    progress: Progress | None = None,
    sample: bool = False,
) -> ImportSummary:
    """Import (or re-import) a list under `name`; raises ImportRefused on bad lines unless they
    are explicitly accepted, in which case each skipped line is still reported. A `sample` list
    (invented or demonstration data) is marked so, wherever screening against it is reported."""
    hashing = _Hashing(chunks)
    stream = iter(_lines(hashing))
    first = next(stream, b"")
    kind = kind or detect_kind(first)
    if kind not in ListKind.values:
        raise ImportRefused(f"unknown list format {kind!r}", [])
    lines = _chain(first, stream)
    parser = engine.parse_ftm if kind == ListKind.FTM else engine.parse_csv_list
    builder = engine.IndexBuilder(source=name)
    errors: list[str] = []
    count = 0

    def on_progress(number: int, done: int) -> None:
        nonlocal count
        count = number
        if progress:
            progress(number, done)

    for item in parser(lines, on_progress, source=name):
        if isinstance(item, engine.ParseError):
            if len(errors) < MAX_REPORTED_ERRORS:
                errors.append(str(item))
            elif len(errors) == MAX_REPORTED_ERRORS:
                errors.append("… and more")
            continue
        builder.add(item)
    attempt = ListImport.objects.create(name=name, lines=count, errors=errors)
    if errors and not accept_errors:
        attempt.finished_at = timezone.now()
        attempt.save(update_fields=["finished_at"])
        raise ImportRefused(f"{len(errors)} bad lines: the list was not changed", errors)
    if builder.entity_count == 0:
        raise ImportRefused("the file holds no person or organisation", errors)
    index = builder.build()
    return _switch(
        name, kind, index, hashing.digest.hexdigest(), staff, attempt, count, errors, sample
    )


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _entity_ids(index: engine.Index) -> set[str]:
    return {index.entity_id(i) for i in range(index.entity_count)}


def _switch(
    name: str,
    kind: str,
    index: engine.Index,
    sha256: str,
    staff: Staff | None,
    attempt: ListImport,
    lines: int,
    errors: list[str],
    sample: bool,
) -> ImportSummary:
    watch_list, _created = WatchList.objects.get_or_create(name=name, defaults={"kind": kind})
    old_folder = watch_list.folder() if watch_list.version else None
    old_ids = _entity_ids(load_index(watch_list)) if old_folder and old_folder.exists() else set()
    new_version = watch_list.version + 1
    folder = watch_list.folder(new_version)
    if folder.exists():
        shutil.rmtree(folder)
    index.save(folder)
    new_ids = _entity_ids(index)
    try:
        with transaction.atomic():
            locked = WatchList.objects.select_for_update().get(pk=watch_list.pk)
            locked.kind = kind
            locked.version = new_version
            locked.entity_count = index.entity_count
            locked.file_sha256 = sha256
            locked.imported_at = timezone.now()
            locked.imported_by = staff
            locked.is_sample = sample
            locked.save()
            attempt.watch_list = locked
            attempt.succeeded = True
            attempt.finished_at = timezone.now()
            attempt.entities = index.entity_count
            attempt.added = len(new_ids - old_ids)
            attempt.removed = len(old_ids - new_ids)
            attempt.save()
            # Screened cases need screening again; names are sealed, so it waits for a vetter.
            CaseScreening.objects.filter(pending_since__isnull=True).exclude(
                case__stage="closed"
            ).update(pending_since=timezone.now())
            record(
                "screening.list_imported",
                actor=staff,
                target_type="list",
                target_ref=locked.pk,
                details={
                    "version": new_version,
                    "entities": index.entity_count,
                    "skipped": len(errors),
                },
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if old_folder:
        shutil.rmtree(old_folder, ignore_errors=True)
    _cache.clear()
    return ImportSummary(
        name, new_version, lines, index.entity_count, attempt.added, attempt.removed, errors
    )


_cache: dict[tuple[int, int, str], engine.Index] = {}


def load_index(watch_list: WatchList) -> engine.Index:
    """The list's current index (memory-mapped; kept per process). Keyed by the file's hash
    too: a list deleted and another made under the same id and version is another index."""
    key = (watch_list.pk, watch_list.version, watch_list.file_sha256)
    index = _cache.get(key)
    if index is None:
        index = _cache[key] = engine.Index.load(watch_list.folder())
    return index


def current_lists() -> list[tuple[WatchList, engine.Index]]:
    out = []
    for watch_list in WatchList.objects.filter(version__gt=0):
        try:
            out.append((watch_list, load_index(watch_list)))
        except (OSError, engine.IndexFormatError):
            continue  # index missing (a restore without re-import): status says so
    return out


# -- incidents -----------------------------------------------------------------------------------


def _incident_data(incident: engine.Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "title": incident.title,
        "region": incident.region,
        "settlement": incident.settlement,
        "start": incident.start.isoformat(),
        "end": incident.end.isoformat(),
        "notes": incident.notes,
        "units": [{"name": u.name, "number": u.number} for u in incident.units],
        "sources": [
            {"title": s.title, "url": s.url, "publisher": s.publisher, "date": s.date}
            for s in incident.sources
        ],
    }


def import_incidents(
    raw: bytes, name: str, staff: Staff | None = None, sample: bool = False
) -> int:
    """Replace an incident list (JSON or CSV) as a whole; refuses a file with bad records."""
    text = raw.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"[", b"{")):
        incidents, problems = engine.parse_incidents_json(raw)
    else:
        incidents, problems = [], []
        for item in engine.parse_incidents_csv(_lines([raw])):
            if isinstance(item, engine.ParseError):
                problems.append(item)
            else:
                incidents.append(item)
    if problems:
        raise ImportRefused(
            f"{len(problems)} bad records: nothing was changed",
            [str(p) for p in problems[:MAX_REPORTED_ERRORS]],
        )
    if not incidents:
        raise ImportRefused("the file holds no incident", [])
    with transaction.atomic():
        incident_list, _created = IncidentList.objects.get_or_create(name=name)
        incident_list.is_sample = sample
        incident_list.imported_at = timezone.now()
        incident_list.save()
        incident_list.records.all().delete()
        IncidentRecord.objects.bulk_create(
            IncidentRecord(incident_list=incident_list, data=_incident_data(i)) for i in incidents
        )
        record(
            "screening.incidents_imported",
            actor=staff,
            target_type="list",
            target_ref=incident_list.pk,
            details={"incidents": len(incidents)},
        )
    return len(incidents)


def all_incidents() -> list[tuple[str, engine.Incident]]:
    out = []
    for row in IncidentRecord.objects.select_related("incident_list"):
        data = row.data
        out.append(
            (
                row.incident_list.name,
                engine.Incident(
                    id=data["id"],
                    title=data["title"],
                    region=data["region"],
                    settlement=data["settlement"],
                    start=date.fromisoformat(data["start"]),
                    end=date.fromisoformat(data["end"]),
                    notes=data.get("notes", ""),
                    units=tuple(UnitRef(u["name"], u["number"]) for u in data["units"]),
                    sources=tuple(
                        SourceRef(s["title"], s["url"], s["publisher"], s["date"])
                        for s in data["sources"]
                    ),
                ),
            )
        )
    return out


def load_sample_incidents(staff: Staff | None = None) -> int:
    """The shipped sample incidents (a sample the organisation must maintain)."""
    raw = (
        resources.files("safepassage.screening")
        .joinpath("data", "incidents_sample.json")
        .read_bytes()
    )
    return import_incidents(
        raw, "Sample incidents (to be maintained by the organisation)", staff, sample=True
    )
