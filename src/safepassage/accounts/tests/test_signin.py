"""S7: sign-in with password and second factor, throttled per account, sessions that expire."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from safepassage.accounts.models import RecoveryCodes, Staff
from safepassage.audit.models import AuditEntry
from safepassage.testing import PASSWORD, current_code, signin_through_forms, verified_client

pytestmark = pytest.mark.django_db


def _password_step(client: Client, staff: Staff, password: str = PASSWORD):
    return client.post("/signin/", {"email": staff.email, "password": password})


def test_password_then_code_signs_in(caseworker):
    client = Client()
    response = _password_step(client, caseworker)
    assert response.status_code == 302
    assert response["Location"] == "/signin/second-factor/"
    # Between the two steps nothing but the second-factor page is open.
    assert client.get("/account/").status_code == 302
    response = client.post("/signin/second-factor/", {"code": current_code(caseworker)})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert AuditEntry.objects.filter(action="signin.succeeded", actor_id=caseworker.pk).exists()


def test_wrong_password_and_unknown_email_get_the_same_answer(caseworker):
    wrong = Client().post("/signin/", {"email": caseworker.email, "password": "not it at all"})
    unknown = Client().post("/signin/", {"email": "nobody@example.org", "password": "whatever12"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["error"] == unknown.context["error"]


def test_session_id_rotates_at_signin(caseworker):
    client = Client()
    client.get("/signin/")
    client.cookies["sp_session"] = "x" * 32  # a fixed id planted before sign-in
    _password_step(client, caseworker)
    after_password = client.cookies["sp_session"].value
    assert after_password != "x" * 32
    client.post("/signin/second-factor/", {"code": current_code(caseworker)})
    assert client.cookies["sp_session"].value not in {"x" * 32, after_password}


def test_totp_code_is_refused_when_used_twice(caseworker):
    code = current_code(caseworker)
    first = Client()
    _password_step(first, caseworker)
    assert first.post("/signin/second-factor/", {"code": code}).status_code == 302
    second = Client()
    _password_step(second, caseworker)
    response = second.post("/signin/second-factor/", {"code": code})
    assert response.status_code == 200
    assert "only once" in response.context["error"]
    assert second.get("/account/").status_code == 302


def test_recovery_code_works_once(caseworker):
    device = RecoveryCodes(user=caseworker, name="r", confirmed=True)
    codes = device.generate()
    device.save()
    client = Client()
    _password_step(client, caseworker)
    assert client.post("/signin/second-factor/", {"code": codes[0]}).status_code == 302
    again = Client()
    _password_step(again, caseworker)
    assert again.post("/signin/second-factor/", {"code": codes[0]}).status_code == 200
    assert RecoveryCodes.objects.get(pk=device.pk).remaining() == RecoveryCodes.CODE_COUNT - 1


def _fail(staff: Staff, times: int) -> None:
    start = timezone.now()
    for i in range(times):
        # Step past each growing delay so that every attempt is really tried.
        with time_machine.travel(start + timedelta(seconds=120 * i), tick=False):
            Client().post("/signin/", {"email": staff.email, "password": "wrong password!"})


def test_failures_grow_a_delay_for_that_account(caseworker):
    client = Client()
    for _ in range(settings.SIGNIN_DELAY_AFTER):
        client.post("/signin/", {"email": caseworker.email, "password": "wrong password!"})
    response = _password_step(client, caseworker)  # right password, but inside the delay
    assert response.status_code == 200
    assert "Wait" in response.context["error"]


def test_lockout_of_one_account_leaves_another_on_the_same_address_free(make_staff):
    a, b = make_staff(), make_staff()
    _fail(a, settings.SIGNIN_LOCKOUT_AFTER)
    a.refresh_from_db()
    assert a.locked_until is not None
    # Both come from the same address (behind Tor, everyone does).
    locked = Client(REMOTE_ADDR="10.0.0.1")
    response = _password_step(locked, a)
    assert response.status_code == 200
    assert "locked" in response.context["error"]
    free = Client(REMOTE_ADDR="10.0.0.1")
    assert signin_through_forms(free, b).status_code == 302
    assert free.get("/account/").status_code == 200
    assert AuditEntry.objects.filter(action="signin.locked", target_ref=str(a.pk)).exists()


def test_lockout_ends_after_its_time(caseworker):
    _fail(caseworker, settings.SIGNIN_LOCKOUT_AFTER)
    caseworker.refresh_from_db()
    later = caseworker.locked_until + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        client = Client()
        assert signin_through_forms(client, caseworker).status_code == 302


def test_coordinator_unlocks_an_account(coordinator, caseworker):
    _fail(caseworker, settings.SIGNIN_LOCKOUT_AFTER)
    client = verified_client(coordinator)
    assert client.post(f"/staff/{caseworker.pk}/unlock/").status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.locked_until is None
    assert signin_through_forms(Client(), caseworker).status_code == 302


def test_wrong_second_factor_codes_count_toward_lockout(caseworker):
    client = Client()
    _password_step(client, caseworker)
    start = timezone.now()
    for i in range(settings.SIGNIN_LOCKOUT_AFTER):
        with time_machine.travel(start + timedelta(seconds=120 * i), tick=False):
            client.post("/signin/second-factor/", {"code": "000000"})
    caseworker.refresh_from_db()
    assert caseworker.locked_until is not None


def test_idle_session_expires_after_thirty_minutes(caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = verified_client(caseworker)
        assert client.get("/account/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/account/").status_code == 200  # activity resets the idle clock
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get("/account/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get("/account/")
        assert response.status_code == 302
        assert response["Location"].startswith("/signin/")


def test_session_ends_after_twelve_hours_even_when_active(caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = verified_client(caseworker)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/account/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/account/").status_code == 302


def test_dangerous_action_asks_again_after_ten_minutes(coordinator, caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = verified_client(coordinator)
        assert client.get("/staff/invite/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        response = client.get("/staff/invite/")
        assert response.status_code == 302
        assert response["Location"].startswith("/reauth/")
        response = client.post(
            "/reauth/?next=/staff/invite/",
            {"password": PASSWORD, "code": current_code(coordinator)},
        )
        assert response["Location"] == "/staff/invite/"
        assert client.get("/staff/invite/").status_code == 200


def test_sign_out_everywhere_ends_every_session(caseworker):
    phone, laptop = verified_client(caseworker), verified_client(caseworker)
    assert phone.get("/account/").status_code == laptop.get("/account/").status_code == 200
    phone.post("/signout/everywhere/")
    assert laptop.get("/account/").status_code == 302
    assert phone.get("/account/").status_code == 302


def test_deactivated_staff_cannot_sign_in(coordinator, caseworker):
    client = verified_client(coordinator)
    client.post(f"/staff/{caseworker.pk}/deactivate/")
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    response = _password_step(Client(), caseworker)
    assert response.status_code == 200


def test_first_signin_enrols_an_authenticator(make_staff):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    newcomer = make_staff(totp=False)
    client = Client()
    response = _password_step(client, newcomer)
    assert response["Location"] == "/signin/enrol/"
    page = client.get("/signin/enrol/")
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    assert client.post("/signin/enrol/", {"code": "123456"}).status_code == 200  # wrong code
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/signin/enrol/", {"code": code})
    assert response.status_code == 200
    assert len(response.context["codes"]) == RecoveryCodes.CODE_COUNT
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/account/").status_code == 200
    assert AuditEntry.objects.filter(action="second_factor.enrolled", actor_id=newcomer.pk).exists()


def test_production_hasher_is_argon2id_with_64_mib_and_3_passes():
    from safepassage.accounts.hashers import Argon2idHasher

    hasher = Argon2idHasher()
    encoded = hasher.encode("a password of some length", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    params = hasher.decode(encoded)
    assert params["memory_cost"] >= 64 * 1024
    assert params["time_cost"] >= 3
    assert hasher.verify("a password of some length", encoded)
    from safepassage import settings as production

    assert production.PASSWORD_HASHERS == ["safepassage.accounts.hashers.Argon2idHasher"]


def test_the_way_back_after_sign_in_never_keeps_a_query_string(caseworker, coordinator):
    """What was searched for must not reach the sign-in page's `next` and the session row."""
    from safepassage.accounts.models import StaffSession

    anonymous = Client()
    response = anonymous.get("/cases/", {"name": "Петров", "stage": "transit"})
    assert response["Location"] == "/signin/?next=%2Fcases%2F"
    anonymous.post(
        response["Location"], {"email": caseworker.email, "password": PASSWORD}
    )  # the second factor is never given: the half-made session stays in the table
    decoded = [row.get_decoded() for row in StaffSession.objects.all()]
    assert any(d.get("signin_next") == "/cases/" for d in decoded)
    assert not any("Петров" in repr(d) for d in decoded)

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = verified_client(coordinator)
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        response = client.get("/staff/invite/", {"email": "someone@example.org"})
        assert response["Location"] == "/reauth/?next=%2Fstaff%2Finvite%2F"


def test_retention_purge_removes_ended_sessions_and_keeps_live_ones(caseworker, coordinator):
    import io

    from django.core.management import call_command

    from safepassage.accounts.models import StaffSession

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _password_step(Client(), caseworker)  # abandoned before the second factor
    out = io.StringIO()
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        live = verified_client(coordinator)
        assert StaffSession.objects.count() == 2
        call_command("retention", "purge", stdout=out)
        assert "1 staff sessions ended" in out.getvalue()
        assert list(StaffSession.objects.values_list("staff_id", flat=True)) == [coordinator.pk]
        assert live.get("/account/").status_code == 200
