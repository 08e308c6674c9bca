"""WSGI entry point served by `safepassage serve` (waitress) or any WSGI server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.utils.http import parse_header_parameters

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safepassage.settings")
django_application = get_wsgi_application()

StartResponse = Callable[..., Any]
BAD_REQUEST = b"Bad request: the Content-Type header cannot be read.\n"


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """Django builds the request before its own error handling starts, and a Content-Type with
    a parameter in an unknown encoding (`charset*=klingon''x`) makes that raise: answer 400."""
    try:
        parse_header_parameters(environ.get("CONTENT_TYPE", ""))
    except ValueError:
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(BAD_REQUEST))),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "no-store"),
            ],
        )
        return [BAD_REQUEST]
    return django_application(environ, start_response)
