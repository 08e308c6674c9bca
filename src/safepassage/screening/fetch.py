"""Keeping screening lists fresh: download a configured list, check it, import it as a version.

The sources are described in a TOML file named by SAFEPASSAGE_LIST_SOURCES:

    [[source]]
    name = "OpenSanctions Russia"            # the list's name in `safepassage lists status`
    url = "https://…/entities.ftm.json"
    sha256_url = "https://…/entities.ftm.json.sha256"   # or sha256 = "<64 hex digits>"
    max_bytes = 2_000_000_000                # refuse anything larger (default 1 GiB)
    min_bytes = 1000                         # refuse anything smaller (default 1)
    max_age_days = 8                         # doctor warns when the list is older
    format = "ftm"                           # optional: ftm or csv (detected otherwise)

A download is written to a private temporary file in the data folder, its size and SHA-256
checked (a truncated or swapped file fails here), and only then imported; the importer refuses a
file that is not a list, so the previous version stays in force whatever goes wrong. Only
https:// is fetched, except from this machine itself (http://127.0.0.1, for a local mirror).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import tempfile
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from safepassage.screening import lists
from safepassage.screening.models import ListKind, WatchList

DEFAULT_MAX_BYTES = 1 << 30
TIMEOUT_SECONDS = 60
CHUNK = 1 << 20
HEX64 = re.compile(r"^[0-9a-f]{64}$")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
KEYS = {"name", "url", "sha256", "sha256_url", "max_bytes", "min_bytes", "max_age_days", "format"}


class FetchRefused(Exception):
    """The sources file, the download or the file itself is not acceptable; nothing changed."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    sha256: str = ""
    sha256_url: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    min_bytes: int = 1
    max_age_days: int = 8
    format: str | None = None


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str):
        raise FetchRefused(f"{where}: must be a URL")
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url
    raise FetchRefused(f"{where}: only https:// addresses are fetched (got {url!r})")


def _positive(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FetchRefused(f"{where}: must be a whole number of at least 1")
    return value


def _source(entry: Any, number: int, path: str) -> Source:
    where = f"{path}, source {number}"
    if not isinstance(entry, dict):
        raise FetchRefused(f"{where}: not a table")
    unknown = set(entry) - KEYS
    if unknown:
        raise FetchRefused(f"{where}: unknown keys {sorted(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        raise FetchRefused(f"{where}: name must be text of 1 to 120 characters")
    sha256 = str(entry.get("sha256", "")).lower()
    sha256_url = entry.get("sha256_url", "")
    if bool(sha256) == bool(sha256_url):
        raise FetchRefused(f"{where} ({name}): give exactly one of sha256 and sha256_url")
    if sha256 and not HEX64.match(sha256):
        raise FetchRefused(f"{where} ({name}): sha256 must be 64 hexadecimal digits")
    fmt = entry.get("format")
    if fmt is not None and fmt not in ListKind.values:
        raise FetchRefused(f"{where} ({name}): format must be one of {ListKind.values}")
    source = Source(
        name=name.strip(),
        url=_check_url(entry.get("url"), f"{where} ({name}) url"),
        sha256=sha256,
        sha256_url=_check_url(sha256_url, f"{where} ({name}) sha256_url") if sha256_url else "",
        max_bytes=_positive(entry.get("max_bytes", DEFAULT_MAX_BYTES), f"{where} max_bytes"),
        min_bytes=_positive(entry.get("min_bytes", 1), f"{where} min_bytes"),
        max_age_days=_positive(entry.get("max_age_days", 8), f"{where} max_age_days"),
        format=fmt,
    )
    if source.min_bytes > source.max_bytes:
        raise FetchRefused(f"{where} ({name}): min_bytes is larger than max_bytes")
    return source


def configured_sources() -> list[Source]:
    """The sources of SAFEPASSAGE_LIST_SOURCES; none when it is not set."""
    path = settings.LIST_SOURCES_FILE
    if not path:
        return []
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FetchRefused(
            f"SAFEPASSAGE_LIST_SOURCES: cannot read {path}: {exc.strerror}"
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FetchRefused(f"{path} is not valid TOML: {exc}") from None
    if set(data) - {"source"} or not isinstance(data.get("source", []), list):
        raise FetchRefused(f"{path}: expected only [[source]] tables")
    sources = [_source(entry, i, path) for i, entry in enumerate(data.get("source", []), 1)]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise FetchRefused(f"{path}: two sources have the same name")
    return sources


def _open(url: str) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "safepassage-lists"})  # noqa: S310 - scheme checked in _check_url
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS)  # noqa: S310 - same
    except urllib.error.HTTPError as exc:
        raise FetchRefused(f"{url}: the server answered {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchRefused(f"{url}: cannot be fetched ({exc})") from None


def expected_digest(source: Source) -> str:
    if source.sha256:
        return source.sha256
    with _open(source.sha256_url) as response:
        text = response.read(4096).decode("ascii", "replace")
    first = text.split()[0].lower() if text.split() else ""
    if not HEX64.match(first):
        raise FetchRefused(
            f"{source.sha256_url}: not a SHA-256 checksum file (64 hexadecimal digits first)"
        )
    return first


def _read(response: Any, source: Source) -> bytes:
    try:
        chunk: bytes = response.read(CHUNK)
    except (http.client.HTTPException, OSError) as exc:
        raise FetchRefused(
            f"{source.name}: truncated download, the connection broke off ({type(exc).__name__}); "
            "the list was not changed"
        ) from None
    return chunk


def download(source: Source, folder: Path) -> Path:
    """The checked download in a private file under `folder`; FetchRefused when it is not the
    file announced (size, checksum) — the partial file is removed."""
    digest = expected_digest(source)
    fd, name = tempfile.mkstemp(prefix=".list-", suffix=".part", dir=folder)
    path = Path(name)
    try:
        received = 0
        hashing = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, _open(source.url) as response:
            announced = response.headers.get("Content-Length")
            if announced is not None and announced.isdigit() and int(announced) > source.max_bytes:
                raise FetchRefused(
                    f"{source.name}: the server announces {announced} bytes, more than "
                    f"max_bytes ({source.max_bytes})"
                )
            while chunk := _read(response, source):
                received += len(chunk)
                if received > source.max_bytes:
                    raise FetchRefused(
                        f"{source.name}: larger than max_bytes ({source.max_bytes}); stopped"
                    )
                hashing.update(chunk)
                out.write(chunk)
        if announced is not None and announced.isdigit() and int(announced) != received:
            raise FetchRefused(
                f"{source.name}: truncated download ({received} of {announced} bytes)"
            )
        if received < source.min_bytes:
            raise FetchRefused(
                f"{source.name}: {received} bytes, fewer than min_bytes ({source.min_bytes})"
            )
        if hashing.hexdigest() != digest:
            raise FetchRefused(
                f"{source.name}: the file's SHA-256 is {hashing.hexdigest()}, the checksum says "
                f"{digest}: damaged, truncated or replaced; the list was not changed"
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True)
class Fetched:
    source: Source
    summary: str
    changed: bool


def fetch(source: Source) -> Fetched:
    """Download, check and import one source; an unchanged file is not imported again."""
    folder = Path(settings.DATA_DIR) / "screening"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = download(source, folder)
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in lists.file_chunks(handle):
                digest.update(chunk)
        current = WatchList.objects.filter(name=source.name).first()
        if current is not None and current.file_sha256 == digest.hexdigest():
            return Fetched(source, f"{source.name}: unchanged (version {current.version})", False)
        try:
            with path.open("rb") as handle:
                summary = lists.import_list(lists.file_chunks(handle), source.name, source.format)
        except lists.ImportRefused as exc:
            shown = "; ".join(exc.errors[:3])
            raise FetchRefused(
                f"{source.name}: the file is not a list this program reads ({exc}"
                f"{': ' + shown if shown else ''}); the previous version stays"
            ) from None
        return Fetched(source, summary.line(), True)
    finally:
        path.unlink(missing_ok=True)


def fetch_all(only: str | None = None) -> Iterator[Fetched | FetchRefused]:
    """Each source in turn; a failure of one does not stop the others."""
    sources = configured_sources()
    if only is not None:
        sources = [s for s in sources if s.name == only]
        if not sources:
            raise FetchRefused(f"no source named {only!r} in {settings.LIST_SOURCES_FILE}")
    for source in sources:
        try:
            yield fetch(source)
        except FetchRefused as exc:
            yield exc
