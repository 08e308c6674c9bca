"""What the account services refuse, and what a change of role takes away: each refusal
changes nothing and says why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import services
from safepassage.accounts.models import Invitation, Organisation, Staff
from safepassage.audit.models import AuditEntry
from safepassage.core.roles import Role
from safepassage.testing import PASSWORD, current_code, verified_client
from safepassage.vault import intake
from safepassage.vault.objects import NoAccess
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db


def _words(staff: Staff) -> str:
    return " ".join(staff._test_recovery_words)  # type: ignore[attr-defined]


def _lock(staff: Staff) -> None:
    staff.locked_until = timezone.now() + timedelta(minutes=30)
    staff.save(update_fields=["locked_until"])


def test_a_caseworker_made_vetter_loses_his_copy_of_the_intake_key(coordinator, caseworker):
    intake.grant_intake_key(b"k" * 32, caseworker.pk)
    response = verified_client(coordinator).post(
        f"/staff/{caseworker.pk}/role/", {"role": Role.VETTER}
    )
    assert response.status_code == 302
    assert not intake.holds_intake_key(caseworker.pk)
    with pytest.raises(NoAccess):
        intake.open_intake_key(VaultSession(caseworker.pk, caseworker._test_private_key))
    entry = AuditEntry.objects.get(action="staff.role_changed")
    assert '"intake_key_revoked":true' in entry.details


def test_a_role_that_keeps_the_intake_duty_keeps_the_intake_key(coordinator, caseworker):
    intake.grant_intake_key(b"k" * 32, caseworker.pk)
    services.change_role(coordinator, caseworker, Role.COORDINATOR)
    assert intake.holds_intake_key(caseworker.pk)


def test_an_unknown_role_or_the_same_role_changes_nothing(coordinator, caseworker):
    with pytest.raises(services.ActionRefused, match="Unknown role"):
        services.change_role(coordinator, caseworker, "superuser")
    services.change_role(coordinator, caseworker, Role.CASEWORKER)
    assert not AuditEntry.objects.filter(action="staff.role_changed").exists()


def test_an_invitation_with_an_unknown_role_or_a_known_email_is_refused(coordinator, caseworker):
    with pytest.raises(services.ActionRefused, match="Unknown role"):
        services.invite(coordinator, "new@example.org", "superuser", None)
    with pytest.raises(services.ActionRefused, match="already exists"):
        services.invite(coordinator, f" {caseworker.email.upper()} ", Role.VETTER, None)
    assert not Invitation.objects.exists()


def test_no_invitation_before_there_is_an_organisation(db):
    assert not Organisation.objects.exists()
    with pytest.raises(services.ActionRefused, match="no organisation"):
        services.invite(None, "first@example.org", Role.COORDINATOR, None)


def test_a_used_invitation_cannot_be_used_again(coordinator):
    invitation, token = services.invite(coordinator, "new@example.org", Role.VETTER, None)
    services.accept_invitation(invitation, token, "Vera", PASSWORD)
    Staff.objects.filter(email="new@example.org").delete()
    with pytest.raises(services.ActionRefused, match="no longer valid"):
        services.accept_invitation(invitation, token, "Vera again", PASSWORD)
    assert not Staff.objects.filter(email="new@example.org").exists()


def test_an_invitation_for_an_email_taken_meanwhile_is_refused(coordinator, make_staff):
    invitation, token = services.invite(coordinator, "new@example.org", Role.VETTER, None)
    make_staff(Role.CASEWORKER, email="new@example.org")
    with pytest.raises(services.ActionRefused, match="already exists"):
        services.accept_invitation(invitation, token, "Vera", PASSWORD)


def test_a_key_that_no_longer_opens_with_the_password_is_audited_not_opened(caseworker):
    # The password hash changed without the key being resealed: the two have drifted apart.
    caseworker.set_password("another password entirely 77")
    caseworker.save()
    assert services.unlock_staff_key(caseworker, "another password entirely 77") is None
    assert AuditEntry.objects.filter(action="vault.unlock_failed").exists()


def test_staff_without_a_key_pair_unlock_nothing(caseworker):
    caseworker.vault_key.delete()
    assert services.unlock_staff_key(caseworker, PASSWORD) is None


def test_a_locked_account_is_refused_its_second_factor_even_with_a_right_code(caseworker):
    _lock(caseworker)
    check = services.check_second_factor(caseworker, current_code(caseworker))
    assert check.device is None
    assert "locked" in str(check.error)


def test_an_authenticator_is_confirmed_only_once_and_only_by_its_owner(caseworker, vetter):
    device = services.start_totp_enrolment(caseworker)
    assert services.confirm_totp(vetter, device, "123456") is None
    assert services.confirm_totp(caseworker, device, "not a code") is None
    device.refresh_from_db()
    assert not device.confirmed


def test_nobody_removes_another_staff_members_device(caseworker, vetter):
    device = TOTPDevice.objects.get(user=vetter)
    with pytest.raises(services.ActionRefused, match="not yours"):
        services.remove_device(caseworker, device)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_second_authenticator_can_be_removed_the_last_cannot(caseworker):
    first = TOTPDevice.objects.get(user=caseworker)
    second = TOTPDevice.objects.create(user=caseworker, name="spare", confirmed=True)
    services.remove_device(caseworker, second)
    assert not TOTPDevice.objects.filter(pk=second.pk).exists()
    assert AuditEntry.objects.filter(action="second_factor.removed").exists()
    with pytest.raises(services.ActionRefused, match="only second factor"):
        services.remove_device(caseworker, first)


def test_renewed_recovery_codes_replace_the_old_ones(caseworker):
    old = services.regenerate_recovery_codes(caseworker)
    new = services.regenerate_recovery_codes(caseworker)
    assert services.check_second_factor(caseworker, old[0], complete=False).device is None
    assert services.check_second_factor(caseworker, new[0], complete=False).device is not None
    assert AuditEntry.objects.filter(action="second_factor.recovery_codes_renewed").count() == 2


def test_the_last_active_coordinator_cannot_be_deactivated_by_another_staff_member(
    coordinator, make_staff
):
    # Only a coordinator may reach the page; the service itself still guards the last one.
    other = make_staff(Role.CASEWORKER)
    with pytest.raises(services.ActionRefused, match="at least one active coordinator"):
        services.deactivate(other, coordinator)
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_a_deactivated_account_cannot_recover_access(coordinator, caseworker):
    services.deactivate(coordinator, caseworker)
    with pytest.raises(services.ActionRefused, match="is wrong"):
        services.recover_access(
            caseworker.email, _words(caseworker), current_code(caseworker), "x" * 20
        )


def test_a_locked_account_cannot_recover_access(caseworker):
    _lock(caseworker)
    with pytest.raises(services.ActionRefused, match="locked"):
        services.recover_access(
            caseworker.email, _words(caseworker), current_code(caseworker), "x" * 20
        )


def test_recovery_needs_the_second_factor_too(caseworker):
    with pytest.raises(services.ActionRefused, match="is wrong"):
        services.recover_access(
            caseworker.email, _words(caseworker), "000000", "new password 12345 ok"
        )
    assert caseworker.__class__.objects.get(pk=caseworker.pk).check_password(PASSWORD)
