"""Helpers for the test suite: named actors and signed-in clients (imported by conftest.py)."""

from __future__ import annotations

import itertools
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import services
from safepassage.accounts.middleware import mark_fresh, mark_signed_in
from safepassage.accounts.models import Organisation, Staff
from safepassage.core.roles import Role
from safepassage.vault import session as vault_session
from safepassage.vault import staffkeys

PASSWORD = "correct horse battery staple 42"  # noqa: S105 - a test fixture
_numbers = itertools.count(1)


def make_organisation(name: str = "Test organisation") -> Organisation:
    organisation, _keys = services.create_organisation(name, ["Desk"])
    return organisation


def make_staff(
    organisation: Organisation,
    role: str = Role.CASEWORKER,
    email: str | None = None,
    password: str = PASSWORD,
    totp: bool = True,
) -> Staff:
    number = next(_numbers)
    staff = Staff(
        email=email or f"{role}{number}@example.org",
        display_name=f"{Role(role).label} {number}",
        organisation=organisation,
        role=role,
    )
    staff.set_password(password)
    staff.save()
    new_key = staffkeys.create_staff_key(staff.pk, password)
    staff._test_private_key = new_key.private  # type: ignore[attr-defined]
    staff._test_recovery_words = new_key.recovery_words  # type: ignore[attr-defined]
    if totp:
        TOTPDevice.objects.create(user=staff, name="test", confirmed=True)
    return staff


def totp_device(staff: Staff) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.get(user=staff, confirmed=True)
    return device


def current_code(staff: Staff, offset_steps: int = 0) -> str:
    device = totp_device(staff)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():06d}"


def verified_client(staff: Staff, fresh: bool = True, **client_kwargs: Any) -> Client:
    """A client signed in with both factors, without going through the forms.

    Tests of the sign-in flow itself use the forms; everything else starts here.
    """
    client = Client(**client_kwargs)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(staff).persistent_id

    class _Request:
        pass

    request: Any = _Request()
    request.session = session
    request.user = staff
    mark_signed_in(request)
    if fresh:
        mark_fresh(request)
    private = getattr(staff, "_test_private_key", None)
    if private is None:
        private = staffkeys.unlock(staff.vault_key, PASSWORD)
    vault_session.remember(request, staff.pk, private)
    session.save()
    client.cookies[vault_session.COOKIE] = request._vault_cookie
    return client


def signin_through_forms(client: Client, staff: Staff, password: str = PASSWORD) -> Any:
    """Sign in as a person would: the password form, then the code form."""
    client.post("/signin/", {"email": staff.email, "password": password})
    return client.post("/signin/second-factor/", {"code": current_code(staff)})


def ftm_lines(*people: tuple[str, str]) -> list[bytes]:
    """A watch list in FollowTheMoney JSON lines, as chunks for `lists.import_list`: one person
    per (id, name)."""
    import json

    lines = [
        json.dumps({"id": pid, "schema": "Person", "properties": {"name": [name]}})
        for pid, name in people
    ]
    return [("\n".join(lines) + "\n").encode()]
