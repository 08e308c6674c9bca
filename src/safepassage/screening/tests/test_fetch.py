"""`safepassage lists fetch` against a local HTTP server serving a prepared file: a good file is
imported as a new version, an unchanged one is not imported again, and a truncated, replaced,
oversized or malformed download, or a bad sources file, changes nothing and says why."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.screening import fetch
from safepassage.screening.models import WatchList

pytestmark = pytest.mark.django_db


def _ftm(*names: str) -> bytes:
    lines = [
        json.dumps({"id": f"p{i}", "schema": "Person", "properties": {"name": [name]}})
        for i, name in enumerate(names)
    ]
    return ("\n".join(lines) + "\n").encode()


GOOD = _ftm("Belov Maksim Igorevich", "Volkov Sergei Petrovich")


class Files:
    """What the local server answers, by path; `short` paths announce more than they send."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.short: set[str] = set()


@pytest.fixture
def server() -> Iterator[tuple[str, Files]]:
    files = Files()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = files.bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            extra = 1000 if self.path in files.short else 0
            self.send_header("Content-Length", str(len(body) + extra))
            self.end_headers()
            self.wfile.write(body)
            if extra:
                self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sources(settings, tmp_path: Path, text: str) -> None:
    path = tmp_path / "lists.toml"
    path.write_text(text)
    settings.LIST_SOURCES_FILE = str(path)


def _publish(files: Files, body: bytes, checksum: bytes | None = None) -> None:
    files.bodies["/list.json"] = body
    digest = hashlib.sha256(checksum if checksum is not None else body).hexdigest()
    files.bodies["/list.json.sha256"] = f"{digest}  list.json\n".encode()


@pytest.fixture
def configured(server, settings, tmp_path):
    base, files = server
    settings.DATA_DIR = tmp_path / "data"
    _sources(
        settings,
        tmp_path,
        f'[[source]]\nname = "Sanctions"\nurl = "{base}/list.json"\n'
        f'sha256_url = "{base}/list.json.sha256"\nmax_bytes = 100000\nmax_age_days = 3\n',
    )
    return files


def _fetch() -> str:
    out = StringIO()
    call_command("lists", "fetch", stdout=out, stderr=StringIO())
    return out.getvalue()


def _fetch_fails() -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("lists", "fetch", stdout=StringIO(), stderr=err)
    return f"{failure.value}\n{err.getvalue()}"


def test_a_checked_file_is_imported_as_a_new_version(configured):
    _publish(configured, GOOD)
    assert "Sanctions: version 1, 2 entries" in _fetch()
    _publish(configured, _ftm("Belov Maksim Igorevich", "Karimov Ruslan", "Zhukov Ivan"))
    assert "Sanctions: version 2, 3 entries" in _fetch()
    watch_list = WatchList.objects.get(name="Sanctions")
    assert watch_list.version == 2
    assert watch_list.imported_at is not None


def test_an_unchanged_file_is_not_imported_again(configured):
    _publish(configured, GOOD)
    _fetch()
    assert "Sanctions: unchanged (version 1)" in _fetch()
    assert WatchList.objects.get(name="Sanctions").version == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", "truncated download"),
        ("replaced", "the checksum says"),
        ("oversized", "max_bytes (100000)"),
        ("not_a_list", "not a list this program reads"),
        ("bad_checksum_file", "not a SHA-256 checksum file"),
        ("missing", "answered 404"),
    ],
)
def test_a_bad_download_changes_nothing_and_says_why(configured, damage, message):
    _publish(configured, GOOD)
    _fetch()
    before = WatchList.objects.get(name="Sanctions")
    if damage == "truncated":
        configured.short.add("/list.json")
    elif damage == "replaced":
        _publish(configured, _ftm("Someone Else"), checksum=GOOD)
    elif damage == "oversized":
        _publish(configured, GOOD + b" " * 100_000)
    elif damage == "not_a_list":
        _publish(configured, b"<html><body>Maintenance</body></html>\n")
    elif damage == "bad_checksum_file":
        configured.bodies["/list.json.sha256"] = b"<html>not found</html>"
    else:
        del configured.bodies["/list.json"]
    assert message in _fetch_fails()
    after = WatchList.objects.get(name="Sanctions")
    assert (after.version, after.file_sha256) == (before.version, before.file_sha256)
    leftovers = list((before.folder().parent.parent).glob(".list-*"))
    assert leftovers == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "A"\nurl = "http://lists.example.org/a"\nsha256 = "' + "0" * 64
         + '"\n', "only https://"),
        ('[[source]]\nname = "A"\nurl = "https://lists.example.org/a"\n', "exactly one of"),
        ('[[source]]\nname = "A"\nurl = "https://x.org/a"\nsha256 = "abc"\n', "64 hexadecimal"),
        ('[[source]]\nname = "A"\nurl = "https://x.org/a"\nsha256 = "' + "0" * 64
         + '"\nmax_bytes = -1\n', "max_bytes"),
        ('[[source]]\nname = "A"\nurl = "https://x.org/a"\nshaa = 1\n', "unknown keys"),
        ("[[source]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_sources_file_is_refused_naming_the_problem(settings, tmp_path, text, message):
    _sources(settings, tmp_path, text)
    with pytest.raises(fetch.FetchRefused, match=message):
        fetch.configured_sources()
    assert message in _fetch_fails()
    assert not WatchList.objects.exists()
