"""Security headers on every kind of page, clean errors, bad requests, and the deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import path

from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db


def _assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "http:" not in csp
    assert "https:" not in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_headers_on_a_public_page():
    _assert_security_headers(Client().get("/signin/"))


def test_headers_on_a_staff_page(caseworker):
    _assert_security_headers(verified_client(caseworker).get("/account/"))


def test_headers_on_a_redirect():
    _assert_security_headers(Client().get("/account/"))


def test_headers_on_not_found_and_forbidden(caseworker):
    _assert_security_headers(Client().get("/no/such/page/"))
    _assert_security_headers(verified_client(caseworker).get("/audit/"))


def test_headers_on_a_json_answer(caseworker):
    client = verified_client(caseworker)
    _assert_security_headers(client.post("/account/passkeys/options/"))


def test_static_files_are_served_by_the_application():
    response = Client().get("/static/core/site.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unknown_url_is_404_without_a_trace():
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    # A mistyped public address leaves nothing behind either: no cookie of any kind.
    assert not response.cookies
    body = response.content.decode()
    assert "Traceback" not in body
    assert "urlpatterns" not in body


def _boom(request):
    raise RuntimeError("secret internals 8c1f")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_shows_no_internals():
    from safepassage.core.access import public

    public(_boom)
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "8c1f" not in body
    assert "Traceback" not in body
    assert "RuntimeError" not in body


def test_oversized_request_is_400_and_changes_nothing(caseworker):
    from safepassage.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    response = Client().generic(
        "POST",
        "/signin/",
        b"x" * 16,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 400
    assert AuditEntry.objects.count() == before


def test_malformed_content_length_is_400():
    response = Client().generic("POST", "/signin/", b"a=b", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_too_many_form_fields_is_400():
    body = "&".join(f"f{i}=x" for i in range(2000))
    response = Client().post("/signin/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_client_address_never_reaches_the_application(caseworker):
    seen = {}

    from django.test import RequestFactory

    from safepassage.core.middleware import forget_client_address

    def view(request):
        seen.update(request.META)
        from django.http import HttpResponse

        return HttpResponse()

    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        HTTP_X_REAL_IP="198.51.100.10",
        HTTP_FORWARDED="for=198.51.100.11",
    )
    forget_client_address(view)(request)
    values = " ".join(str(v) for v in seen.values())
    for address in ("203.0.113.77", "198.51.100.9", "198.51.100.10", "198.51.100.11"):
        assert address not in values


def test_deploy_check_passes_with_production_settings(tmp_path: Path):
    for folder in ("data", "keys"):  # production wants its folders made by the install
        (tmp_path / folder).mkdir(mode=0o700)
    secret = tmp_path / "secret_key"
    secret.write_text("s" * 20 + "-production-secret-for-the-check-" + "t" * 20)
    secret.chmod(0o600)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safepassage.settings",
        "SAFEPASSAGE_PRODUCTION": "1",
        "SECRET_KEY_FILE": str(secret),
        "ALLOWED_HOSTS": "safepassage.example.org",
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "safepassage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key_file(tmp_path: Path):
    for folder in ("data", "keys"):
        (tmp_path / folder).mkdir(mode=0o700)
    env = {
        **os.environ,
        "SAFEPASSAGE_PRODUCTION": "1",
        "ALLOWED_HOSTS": "safepassage.example.org",
        "SAFEPASSAGE_DATA_DIR": str(tmp_path / "data"),
        "SAFEPASSAGE_KEY_DIR": str(tmp_path / "keys"),
    }
    env.pop("SECRET_KEY_FILE", None)
    env["DJANGO_SETTINGS_MODULE"] = "safepassage.settings"
    result = subprocess.run(
        [sys.executable, "-m", "safepassage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY_FILE must be set" in result.stderr


@pytest.mark.parametrize(
    ("url", "staff"),
    [
        ("/signin/", False),  # public, takes no file at all
        ("/write/", False),  # intake, a file under a field it does not read
        ("/follow-up/", False),
        ("/screening/lists/", True),  # a form refused for a missing name
    ],
)
def test_an_upload_nobody_kept_leaves_no_file_behind(vetter, settings, url, staff):
    """Every upload is sealed to disk as it arrives; whatever a view did not keep is removed when
    the response is done, so refused or stray uploads cannot fill the disk."""
    import io

    client = verified_client(vetter) if staff else Client()
    stray = io.BytesIO(b"x" * 100_000)
    stray.name = "stray.txt"
    client.post(url, {"unexpected": stray, "name": ""})
    incoming = Path(settings.FILES_DIR) / "incoming"
    assert incoming.is_dir()  # the upload was received and sealed there first
    assert list(incoming.glob("*.part")) == []


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset*=klingon''%41",
        "multipart/form-data; boundary*=klingon''%41",
    ],
)
def test_an_unreadable_content_type_is_400_before_the_framework_sees_it(content_type, monkeypatch):
    """Django builds the request outside its own error handling; the WSGI entry point answers."""
    import io

    from safepassage import wsgi

    passed_on: list[str] = []
    monkeypatch.setattr(
        wsgi, "django_application", lambda environ, start: passed_on.append(environ["CONTENT_TYPE"])
    )
    answers: list[str] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> None:
        answers.append(status)

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/write/", "wsgi.input": io.BytesIO(b"")}
    body = b"".join(wsgi.application({**environ, "CONTENT_TYPE": content_type}, start_response))
    assert answers == ["400 Bad Request"]
    assert b"Content-Type" in body
    assert passed_on == []
    readable = content_type.split(";")[0] + "; charset=utf-8"
    wsgi.application({**environ, "CONTENT_TYPE": readable}, start_response)
    assert passed_on == [readable]


def test_error_pages_carry_their_title(caseworker):
    page = verified_client(caseworker).get("/audit/").content.decode()
    assert "<title>Not for your role · safepassage</title>" in page
    missing = Client().get("/no-such-page/").content.decode()
    assert "<title>Not found · safepassage</title>" in missing


def test_staff_pages_name_an_icon_of_their_own(caseworker):
    """Without one, every browser asks for /favicon.ico and gets the 404 page."""
    page = verified_client(caseworker).get("/account/").content.decode()
    assert '<link rel="icon" href="/static/intake/icon.png">' in page
    assert Client().get("/static/intake/icon.png").status_code == 200


def test_a_page_a_role_may_not_use_says_who_may_and_the_way_there(caseworker, coordinator):
    page = verified_client(caseworker).get("/audit/").content.decode()
    assert "This page is for: Coordinator, Auditor." in page
    assert "You are signed in as: Caseworker." in page
    assert f"A coordinator can change your role: {coordinator.display_name}." in page
    assert "Ask a coordinator" not in page


def test_a_coordinator_opening_a_vetting_record_is_shown_the_way_there(coordinator):
    from safepassage.cases.services import create_case

    reference = create_case(coordinator, "Иван Петров").case.reference
    response = verified_client(coordinator).get(f"/cases/{reference}/vetting/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This page is for: Vetter." in page
    assert f'href="/cases/{reference}/access/"' in page  # give the case to a vetter there
    assert 'href="/staff/"' in page  # or make someone a vetter
    assert "A coordinator can change your role" not in page
