"""Talking to other logs and witnesses over HTTP (framework-free), through a replaceable transport.

The default transport is the standard library's; tests give one that routes to the test client.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from safepassage.tlog.tiles import TileError, tile_path

# Larger than any tile, bundle or checkpoint a log serves.
MAX_RESPONSE = 2 * 1024 * 1024
TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = ""


Transport = Callable[[str, str, bytes | None, dict[str, str]], Response]


def urllib_transport(
    method: str, url: str, body: bytes | None, headers: dict[str, str]
) -> Response:
    # Imported here: urllib.request pulls in ssl and email, which most processes never need.
    import urllib.error
    import urllib.request

    if not url.startswith(("https://", "http://")):
        raise ValueError("only http and https addresses are fetched")
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return Response(
                answer.status, answer.read(MAX_RESPONSE + 1), answer.headers.get_content_type()
            )
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read(MAX_RESPONSE + 1), error.headers.get_content_type())


class FetchError(RuntimeError):
    """The remote answered with an error or could not be reached."""


class LogClient:
    """Reads a tiled log at `prefix` (…/checkpoint, …/tile/…)."""

    def __init__(self, prefix: str, transport: Transport | None = None) -> None:
        self.prefix = prefix.rstrip("/")
        self.transport = transport or urllib_transport

    def get(self, path: str) -> bytes:
        try:
            answer = self.transport("GET", f"{self.prefix}/{path}", None, {})
        except (OSError, ValueError) as exc:
            raise FetchError(f"{path}: {exc}") from None
        if answer.status != 200:
            raise FetchError(f"{path}: the log answered {answer.status}")
        if len(answer.body) > MAX_RESPONSE:
            raise FetchError(f"{path}: the answer is too large")
        return answer.body

    def checkpoint(self) -> bytes:
        return self.get("checkpoint")

    def tile(self, level: int, index: int, width: int) -> bytes:
        return self.get(tile_path(level, index, width))

    def bundle(self, index: int, width: int) -> bytes:
        return self.get(tile_path("entries", index, width))


def post(url: str, body: bytes, transport: Transport | None = None) -> Response:
    try:
        return (transport or urllib_transport)("POST", url, body, {})
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: {exc}") from None


__all__ = ["FetchError", "LogClient", "Response", "TileError", "Transport", "post"]
