"""Staff management through its pages, as a coordinator and as a staff member would use them:
role changes and what they take away, the last coordinator, second factors, invitations and
passwords."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import services
from safepassage.accounts.models import Invitation, Staff, StaffSession
from safepassage.audit.models import AuditEntry
from safepassage.cases.models import Assignment
from safepassage.cases.services import assign, create_case
from safepassage.core.roles import Role
from safepassage.testing import PASSWORD, signin_through_forms, verified_client
from safepassage.vault import objects
from safepassage.vault.models import KeyRing
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db


def holds_key(staff: Any, case: Any) -> bool:
    ring = KeyRing.objects.get(scope="case", object_id=case.pk)
    try:
        objects.open_with(ring, VaultSession(staff.pk, staff._test_private_key))
    except objects.NoAccess:
        return False
    return True


def test_a_caseworker_made_auditor_loses_every_case_and_its_key(coordinator, caseworker):
    case = create_case(caseworker, "Иван Петров").case
    assert holds_key(caseworker, case)
    client = verified_client(coordinator)
    response = client.post(f"/staff/{caseworker.pk}/role/", {"role": Role.AUDITOR})
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.role == Role.AUDITOR
    assert not Assignment.objects.filter(staff=caseworker).exists()
    assert not holds_key(caseworker, case)
    entry = AuditEntry.objects.get(action="case.unassigned")
    assert "role_changed" in entry.details


def test_a_coordinator_made_caseworker_loses_the_cases_he_held_as_coordinator(make_staff):
    first = make_staff(Role.COORDINATOR)
    second = make_staff(Role.COORDINATOR)
    caseworker = make_staff(Role.CASEWORKER)
    held = create_case(caseworker, "Павел").case  # every coordinator holds it, as coordinator
    worked = create_case(caseworker, "Олег")
    assign(worked, second, "caseworker")  # on this one he works as caseworker too
    verified_client(first).post(f"/staff/{second.pk}/role/", {"role": Role.CASEWORKER})
    assert not holds_key(second, held)
    assert not Assignment.objects.filter(staff=second, case=held).exists()
    assert holds_key(second, worked.case)  # the case he works on stays his
    assert holds_key(first, held)  # the remaining coordinator keeps his


def test_the_last_coordinator_cannot_be_demoted_or_deactivated(coordinator, make_staff):
    client = verified_client(coordinator)
    client.post(f"/staff/{coordinator.pk}/role/", {"role": Role.CASEWORKER})
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    other = make_staff(Role.COORDINATOR)
    verified_client(other).post(f"/staff/{coordinator.pk}/role/", {"role": Role.VETTER})
    coordinator.refresh_from_db()
    assert coordinator.role == Role.VETTER  # another coordinator remained: allowed
    page = verified_client(other).post(f"/staff/{other.pk}/deactivate/", follow=True)
    assert "You cannot deactivate yourself." in page.content.decode()
    with pytest.raises(services.ActionRefused):
        services.change_role(other, other, Role.CASEWORKER)
    assert Staff.objects.get(pk=other.pk).role == Role.COORDINATOR


def test_a_role_change_needs_a_fresh_sign_in(coordinator, caseworker):
    client = verified_client(coordinator, fresh=False)
    response = client.post(f"/staff/{caseworker.pk}/role/", {"role": Role.AUDITOR})
    assert response.status_code == 302
    assert "/reauth/" in response["Location"]
    caseworker.refresh_from_db()
    assert caseworker.role == Role.CASEWORKER


def test_the_only_second_factor_cannot_be_removed(caseworker):
    device = TOTPDevice.objects.get(user=caseworker)
    client = verified_client(caseworker)
    page = client.post(f"/account/devices/totp/{device.pk}/remove/", follow=True)
    assert "You cannot remove your only second factor." in page.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_second_factor_reset_ends_his_sessions_and_he_enrols_again(coordinator, caseworker):
    member = Client()
    signin_through_forms(member, caseworker)
    assert StaffSession.objects.filter(staff=caseworker).exists()
    verified_client(coordinator).post(f"/staff/{caseworker.pk}/reset-second-factor/")
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not StaffSession.objects.filter(staff=caseworker).exists()
    assert member.get("/today/").status_code == 302  # signed out
    again = Client()
    again.post("/signin/", {"email": caseworker.email, "password": PASSWORD})
    assert (
        again.get("/signin/second-factor/", follow=True)
        .redirect_chain[-1][0]
        .endswith("/signin/enrol/")
    )


def test_a_revoked_invitation_cannot_be_used(coordinator):
    client = verified_client(coordinator)
    client.post("/staff/invite/", {"email": "new@example.org", "role": Role.CASEWORKER})
    invitation = Invitation.objects.get()
    token = services.invite(coordinator, "second@example.org", Role.VETTER, None)[1]
    second = Invitation.objects.get(email="second@example.org")
    client.post(f"/staff/invitations/{second.pk}/revoke/")
    page = Client().get(f"/invitation/{token}/")
    assert page.status_code == 404
    assert "This invitation is not valid" in page.content.decode()
    accepted = Client().post(
        f"/invitation/{token}/",
        {
            "display_name": "X",
            "password1": "a long passphrase 99",
            "password2": "a long passphrase 99",
        },
    )
    assert accepted.status_code == 404
    assert not Staff.objects.filter(email="second@example.org").exists()
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None  # only the one revoked


def test_a_new_password_signs_in_and_still_opens_his_cases(caseworker):
    case = create_case(caseworker, "Иван Петров").case
    client = verified_client(caseworker)
    new = "another long passphrase 2026"
    response = client.post("/account/password/", {"password1": new, "password2": new})
    assert response.status_code == 302
    assert not Client().login(email=caseworker.email, password=PASSWORD)
    fresh = Client()
    signin_through_forms(fresh, caseworker, password=new)
    page = fresh.get(f"/cases/{case.reference}/")
    assert page.status_code == 200
    assert "Иван Петров" in page.content.decode()
