"""Login by default and role checks, for every URL the application has (generated, not listed).

A new URL is covered the moment it is added: anonymous visitors are sent to sign-in unless the
view is on the explicit public list below, and a role without the view's permission gets 403 or
404, never 200.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from safepassage.core.access import access_of, permission_of
from safepassage.core.roles import Role, permissions_of
from safepassage.testing import PASSWORD, make_staff, verified_client

# The whole public surface of the application. Adding to it is a security decision.
PUBLIC = {
    "reports:public_releases",
    "reports:public_release",
    "reports:public_chart",
    "reports:public_json",
    "reports:public_csv",
    "reports:public_pdf",
    "accounts:signin",
    "accounts:accept_invitation",
    "accounts:recover",
    "core:language",
    # The anonymous intake (S3), each page in Russian at / and in English at /en/.
    "intake:ru:landing",
    "intake:ru:write",
    "intake:ru:follow_up",
    "intake:ru:thread",
    "intake:ru:leave",
    "intake:ru:page",
    "intake:ru:verify",
    "intake:en:landing",
    "intake:en:write",
    "intake:en:follow_up",
    "intake:en:thread",
    "intake:en:leave",
    "intake:en:page",
    "intake:en:verify",
    "verify:page",
    "verify:revocations",
    # "ok" or "not ok" for uptime monitors, nothing more.
    "ops:healthz",
    # The public transparency log (tiles, checkpoint) and the witness endpoint: nothing personal.
    "tlog:checkpoint",
    "tlog:tile",
    "tlog:add_checkpoint",
    # Partner servers post bundles and ask for receipts; each request is signed (partners.channel).
    "partners:inbox",
    "partners:inbox_receipt",
}
SIGNIN_STEP = {
    "accounts:second_factor",
    "accounts:enrol",
    "accounts:signout",
    "accounts:passkey_signin_options",
    "accounts:passkey_signin",
}
DUMMY = {"int": "987654", "string": "no-such-thing", "slug": "no-such-thing"}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _url(name: str) -> str:
    from django.urls import reverse

    pattern = dict(_walk(get_resolver().url_patterns))[name]
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        if kind == "uuid":
            kwargs[key] = "00000000-0000-4000-8000-000000000000"
        elif kind == "path":
            kwargs[key] = "no/such/thing"
        else:
            kwargs[key] = DUMMY[kind]
    return reverse(name, kwargs=kwargs)


ALL = sorted(dict(_walk(get_resolver().url_patterns)))
STAFF_ONLY = [name for name in ALL if name not in PUBLIC]


def _view(name: str) -> Any:
    return dict(_walk(get_resolver().url_patterns))[name].callback


def test_the_public_list_is_exactly_what_the_views_declare():
    declared = {name for name in ALL if access_of(_view(name)) == "public"}
    assert declared == PUBLIC
    assert {name for name in ALL if access_of(_view(name)) == "signin_step"} == SIGNIN_STEP


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_signin(name, method):
    response = getattr(Client(), method)(_url(name))
    assert response.status_code == 302, f"{name} answered {response.status_code} to anonymous"
    assert response["Location"].startswith("/signin/")


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_ONLY)
def test_half_signed_in_staff_reach_only_the_second_factor_pages(name, organisation):
    staff = make_staff(organisation, Role.COORDINATOR)
    client = Client()
    client.post("/signin/", {"email": staff.email, "password": PASSWORD})
    response = client.get(_url(name))
    if name in SIGNIN_STEP:
        assert response.status_code != 403
    else:
        assert response.status_code == 302
        assert response["Location"] == "/signin/second-factor/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", STAFF_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_role_without_the_permission_never_gets_200(name, role, method, organisation):
    permission = permission_of(_view(name))
    staff = make_staff(organisation, role)
    client = verified_client(staff)
    response = getattr(client, method)(_url(name))
    if permission is not None and permission not in permissions_of(role):
        assert response.status_code in {403, 404}, f"{role} reached {name}"
    else:
        # Allowed roles reach the view; with made-up identifiers it may answer 404 or 405.
        assert response.status_code in {200, 302, 400, 404, 405}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_without_an_account(name):
    response = Client().get(_url(name))
    assert response.status_code in {200, 302, 404, 405}
    if response.status_code == 302:
        assert not response["Location"].startswith("/signin/?next=")
