"""Shared by the log's tests: issuing through the front door, and a test-client transport."""

from __future__ import annotations

from typing import Any

from django.test import Client

from safepassage.tlog.client import Response
from safepassage.vetting import issuing
from safepassage.vetting.tests.test_attest import issue_one

PREFIX = "http://testserver/tlog"


def client_transport(client: Client | None = None) -> Any:
    """Routes the log client's requests to this instance through Django's test client."""
    http = client or Client()

    def transport(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        path = url.removeprefix("http://testserver")
        if method == "POST":
            answer = http.post(path, data=body or b"", content_type="text/plain")
        else:
            answer = http.get(path)
        kind = answer.get("Content-Type", "").split(";")[0]
        return Response(answer.status_code, answer.content, kind)

    return transport


def revoke(issued: Any, by: Any, reason: str = "new_evidence") -> None:
    """Revoke through the vetting app's service (the one place that names it)."""
    issuing.revoke(issued.attestation, by=by, reason=reason)


__all__ = ["PREFIX", "client_transport", "issue_one", "revoke"]
