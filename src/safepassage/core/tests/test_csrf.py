"""Form posts carry `Origin: null` under no-referrer; only same-origin ones are accepted."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _post(**headers):
    client = Client(enforce_csrf_checks=True)
    client.get("/signin/")
    token = client.cookies["sp_csrf"].value
    return client.post(
        "/signin/",
        {"email": "a@example.org", "password": "x", "csrfmiddlewaretoken": token},
        secure=True,
        **headers,
    )


def test_null_origin_from_the_same_origin_is_accepted():
    response = _post(HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 200


def test_null_origin_from_another_site_is_refused():
    assert _post(HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site").status_code == 403


def test_null_origin_without_fetch_metadata_is_refused():
    assert _post(HTTP_ORIGIN="null").status_code == 403


def test_foreign_origin_is_refused():
    response = _post(HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403


def test_check_fails_when_the_csrf_middleware_is_removed(settings):
    from safepassage.core.checks import csrf_middleware

    assert csrf_middleware(None) == []
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("NoReferrerCsrfMiddleware")
    ]
    assert [error.id for error in csrf_middleware(None)] == ["safepassage.E001"]
