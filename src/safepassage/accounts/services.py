"""Staff actions: sign-in, second factor, invitations, roles, sessions. Each write is audited in
the transaction that makes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import throttle
from safepassage.accounts.models import (
    Invitation,
    Organisation,
    Passkey,
    RecoveryCodes,
    Staff,
    StaffSession,
    Team,
)
from safepassage.audit.services import record
from safepassage.core.roles import Perm, Role, permissions_of
from safepassage.vault import intake, staffkeys
from safepassage.vault.keys import NewOrganisationKeys, create_organisation_keys
from safepassage.vault.models import StaffKey
from safepassage.vault.staffkeys import NewStaffKey

INVITATION_DAYS = 7


class ActionRefused(Exception):
    """A staff action that the rules do not allow; the message is shown to the user."""


@dataclass(frozen=True)
class PasswordCheck:
    staff: Staff | None
    error: str | None


def _staff_by_email(email: str) -> Staff | None:
    return Staff.objects.filter(email__iexact=email.strip()).first()


def check_password(email: str, password: str) -> PasswordCheck:
    """First sign-in step. Throttled per account; the wrong and the unknown look alike."""
    now = timezone.now()
    staff = _staff_by_email(email)
    if staff is None or not staff.is_active:
        make_password(password)  # spend the same time as a real check
        return PasswordCheck(None, _("The email or the password is wrong."))
    refused = throttle.refusal(staff, now)
    if refused:
        return PasswordCheck(None, refusal_message(refused, now))
    if not staff.check_password(password):
        throttle.record_failure(staff, now, "password")
        return PasswordCheck(None, _("The email or the password is wrong."))
    return PasswordCheck(staff, None)


def unlock_staff_key(staff: Staff, password: str) -> bytes | None:
    """The staff member's private key, opened with the password just checked."""
    key = StaffKey.objects.filter(staff=staff).first()
    if key is None:
        return None
    try:
        return staffkeys.unlock(key, password)
    except staffkeys.WrongSecret:
        # The password hash matched but the key did not open: the two have drifted apart.
        record("vault.unlock_failed", actor=staff, target_type="staff", target_ref=staff.pk)
        return None


def refusal_message(refused: throttle.Refusal, now: datetime) -> str:
    if refused.locked:
        return _(
            "This account is locked after repeated failed sign-ins. A coordinator can unlock it; "
            "otherwise try again in %(minutes)d minutes."
        ) % {"minutes": max(1, refused.seconds_left(now) // 60)}
    return _("Too many failed attempts. Wait %(seconds)d seconds and try again.") % {
        "seconds": refused.seconds_left(now)
    }


def has_second_factor(staff: Staff) -> bool:
    return bool(
        TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
        or Passkey.objects.filter(user=staff, confirmed=True).exists()
    )


@dataclass(frozen=True)
class SecondFactorCheck:
    device: TOTPDevice | RecoveryCodes | Passkey | None
    error: str | None


def check_second_factor(staff: Staff, code: str, complete: bool = True) -> SecondFactorCheck:
    """Second sign-in step: a TOTP code (each usable once) or a recovery code."""
    now = timezone.now()
    refused = throttle.refusal(staff, now)
    if refused:
        return SecondFactorCheck(None, refusal_message(refused, now))
    code = code.strip().replace(" ", "")
    device: TOTPDevice | RecoveryCodes | None = None
    with transaction.atomic():
        # Locked, so two requests with the same code cannot both pass before either records it.
        for totp in TOTPDevice.objects.select_for_update().filter(user=staff, confirmed=True):
            if code.isdigit() and totp.verify_token(code):
                device = totp
                break
    if device is None:
        recovery = RecoveryCodes.objects.filter(user=staff, confirmed=True).first()
        if recovery is not None and recovery.verify_token(code):
            device = recovery
    if device is None:
        throttle.record_failure(staff, now, "second_factor")
        return SecondFactorCheck(None, _("That code is not valid. Codes can be used only once."))
    if complete:
        complete_signin(staff, "recovery_code" if isinstance(device, RecoveryCodes) else "totp")
    return SecondFactorCheck(device, None)


def complete_signin(staff: Staff, method: str) -> None:
    with transaction.atomic():
        throttle.reset(staff)
        record(
            "signin.succeeded",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
            details={"method": method},
        )


# -- enrolment ---------------------------------------------------------------------------------


def start_totp_enrolment(staff: Staff) -> TOTPDevice:
    """A new, unconfirmed authenticator; replaces any earlier unconfirmed one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=staff, confirmed=False).delete()
        device: TOTPDevice = TOTPDevice.objects.create(
            user=staff, name="authenticator app", confirmed=False
        )
    return device


def confirm_totp(staff: Staff, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a first code; returns fresh recovery codes, or None."""
    if device.user_id != staff.pk or device.confirmed:
        return None
    if not code.strip().isdigit() or not device.verify_token(code.strip()):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(staff)
        record(
            "second_factor.enrolled",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
            details={"method": "totp"},
        )
    return codes


def _new_recovery_codes(staff: Staff) -> list[str]:
    RecoveryCodes.objects.filter(user=staff).delete()
    device = RecoveryCodes(user=staff, name="recovery codes", confirmed=True)
    codes = device.generate()
    device.save()
    return codes


def regenerate_recovery_codes(staff: Staff) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(staff)
        record(
            "second_factor.recovery_codes_renewed",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
        )
    return codes


def remove_device(staff: Staff, device: TOTPDevice | Passkey) -> None:
    if device.user_id != staff.pk:
        raise ActionRefused(_("That device is not yours."))
    with transaction.atomic():
        others = (
            TOTPDevice.objects.filter(user=staff, confirmed=True).exclude(pk=device.pk).count()
            if isinstance(device, TOTPDevice)
            else TOTPDevice.objects.filter(user=staff, confirmed=True).count()
        ) + (
            Passkey.objects.filter(user=staff, confirmed=True).exclude(pk=device.pk).count()
            if isinstance(device, Passkey)
            else Passkey.objects.filter(user=staff, confirmed=True).count()
        )
        if others == 0:
            raise ActionRefused(_("You cannot remove your only second factor."))
        method = "passkey" if isinstance(device, Passkey) else "totp"
        device.delete()
        record(
            "second_factor.removed",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
            details={"method": method},
        )


# -- invitations and staff management ---------------------------------------------------------


def invite(
    coordinator: Staff | None,
    email: str,
    role: str,
    team: Team | None,
    intake_private: bytes | None = None,
) -> tuple[Invitation, str]:
    """Create a one-time invitation; the link is shown once to the coordinator.

    With `intake_private` (the inviter holds the intake key and the role has the intake duty)
    the key travels with the invitation, sealed under its token.
    """
    email = email.strip().lower()
    if role not in Role.values:
        raise ActionRefused(_("Unknown role."))
    if Staff.objects.filter(email__iexact=email).exists():
        raise ActionRefused(_("A staff member with this email already exists."))
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        organisation = (
            coordinator.organisation if coordinator else Organisation.objects.order_by("pk").first()
        )
        if organisation is None:
            raise ActionRefused(_("There is no organisation to invite to yet."))
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            team=team,
            token_hash=token_hash,
            created_by=coordinator,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        if intake_private is not None and Perm.TRIAGE_INTAKE in permissions_of(role):
            invitation.sealed_intake_key = intake.seal_for_invitation(
                intake_private, token, invitation.pk
            )
            invitation.save(update_fields=["sealed_intake_key"])
        record(
            "staff.invited",
            actor=coordinator,
            target_type="invitation",
            target_ref=invitation.pk,
            details={"role": role},
        )
    return invitation, token


def accept_invitation(
    invitation: Invitation, token: str, display_name: str, password: str
) -> tuple[Staff, NewStaffKey]:
    """Create the staff member and their key pair; refuses a used, revoked or expired invitation.

    The caller shows the recovery words of the new key once.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable():
            raise ActionRefused(_("This invitation is no longer valid. Ask for a new one."))
        if Staff.objects.filter(email__iexact=locked.email).exists():
            raise ActionRefused(_("A staff member with this email already exists."))
        staff = Staff(
            email=locked.email,
            display_name=display_name.strip(),
            organisation=locked.organisation,
            team=locked.team,
            role=locked.role,
        )
        validate_password(password, staff)
        staff.set_password(password)
        staff.save()
        new_key = staffkeys.create_staff_key(staff.pk, password)
        if locked.sealed_intake_key:
            intake.grant_intake_key(
                intake.open_from_invitation(bytes(locked.sealed_intake_key), token, locked.pk),
                staff.pk,
            )
        locked.used_at = timezone.now()
        locked.sealed_intake_key = None
        locked.save(update_fields=["used_at", "sealed_intake_key"])
        record(
            "staff.joined",
            actor=staff,
            target_type="invitation",
            target_ref=locked.pk,
            details={"role": staff.role, "intake_key": intake.holds_intake_key(staff.pk)},
        )
    return staff, new_key


def revoke_invitation(coordinator: Staff, invitation: Invitation) -> None:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            "staff.invitation_revoked",
            actor=coordinator,
            target_type="invitation",
            target_ref=invitation.pk,
        )


# What a change of role means for what a staff member holds (case keys, assignments) is said by
# the parts above this one, which register here (see cases/apps.py): accounts imports none.
RoleChange = Callable[[Staff, str, str], None]
_role_changes: list[RoleChange] = []


def register_role_change(hook: RoleChange) -> None:
    if hook not in _role_changes:
        _role_changes.append(hook)


def _lock_coordinators(staff: Staff) -> bool:
    """Inside a transaction: lock the organisation's active coordinators and say whether
    `staff` is the last one (two coordinators cannot demote each other at the same moment)."""
    coordinators = list(
        Staff.objects.select_for_update()
        .filter(organisation_id=staff.organisation_id, role=Role.COORDINATOR, is_active=True)
        .values_list("pk", flat=True)
    )
    return staff.role == Role.COORDINATOR and coordinators == [staff.pk]


def change_role(coordinator: Staff, staff: Staff, role: str) -> None:
    """Give a staff member another role. Whatever the old role held that the new one may not
    (the auditor reads no case; a coordinator's own hold on cases) is taken away in the same
    transaction."""
    if role not in Role.values:
        raise ActionRefused(_("Unknown role."))
    with transaction.atomic():
        locked = Staff.objects.select_for_update().get(pk=staff.pk)
        if role == locked.role:
            return
        if _lock_coordinators(locked):
            raise ActionRefused(_("The organisation needs at least one active coordinator."))
        old = locked.role
        locked.role = role
        locked.save(update_fields=["role"])
        for hook in _role_changes:
            hook(locked, old, role)
        # A role without the intake duty keeps no copy of the intake key.
        dropped = Perm.TRIAGE_INTAKE not in permissions_of(role) and intake.revoke_intake_key(
            locked.pk
        )
        record(
            "staff.role_changed",
            actor=coordinator,
            target_type="staff",
            target_ref=staff.pk,
            details={"from": old, "to": role, "intake_key_revoked": dropped},
        )
    staff.role = role


def unlock(coordinator: Staff, staff: Staff) -> None:
    with transaction.atomic():
        throttle.reset(staff)
        record("signin.unlocked", actor=coordinator, target_type="staff", target_ref=staff.pk)


def deactivate(coordinator: Staff, staff: Staff) -> None:
    if staff.pk == coordinator.pk:
        raise ActionRefused(_("You cannot deactivate yourself."))
    with transaction.atomic():
        if _lock_coordinators(Staff.objects.select_for_update().get(pk=staff.pk)):
            raise ActionRefused(_("The organisation needs at least one active coordinator."))
        staff.is_active = False
        staff.save(update_fields=["is_active"])
        StaffSession.objects.filter(staff=staff).delete()
        record("staff.deactivated", actor=coordinator, target_type="staff", target_ref=staff.pk)


def reset_second_factor(coordinator: Staff, staff: Staff) -> None:
    """Remove every second factor; the staff member enrols again at the next sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=staff).delete()
        Passkey.objects.filter(user=staff).delete()
        RecoveryCodes.objects.filter(user=staff).delete()
        StaffSession.objects.filter(staff=staff).delete()
        record("second_factor.reset", actor=coordinator, target_type="staff", target_ref=staff.pk)


def change_password(staff: Staff, new_password: str, private_key: bytes) -> None:
    """New password; the staff key is re-sealed under it (the unlocked key is needed)."""
    validate_password(new_password, staff)
    with transaction.atomic():
        staff.set_password(new_password)
        staff.save(update_fields=["password"])
        staffkeys.reseal_with_password(staff.vault_key, private_key, new_password)
        record("staff.password_changed", actor=staff, target_type="staff", target_ref=staff.pk)


def recover_access(email: str, recovery_words: str, code: str, new_password: str) -> Staff:
    """Forgotten password: the staff recovery key and a second factor set a new password.

    Every case stays readable, because the staff key is opened with the recovery key and sealed
    again under the new password. Other sessions end. Throttled like a sign-in.
    """
    now = timezone.now()
    staff = _staff_by_email(email)
    wrong = _("The email, the recovery key or the code is wrong.")
    if staff is None or not staff.is_active:
        raise ActionRefused(wrong)
    refused = throttle.refusal(staff, now)
    if refused:
        raise ActionRefused(refusal_message(refused, now))
    try:
        private = staffkeys.unlock_with_recovery(staff.vault_key, recovery_words)
    except (staffkeys.WrongSecret, Staff.vault_key.RelatedObjectDoesNotExist):
        throttle.record_failure(staff, now, "recovery_key")
        raise ActionRefused(wrong) from None
    if check_second_factor(staff, code, complete=False).device is None:
        raise ActionRefused(wrong)
    validate_password(new_password, staff)
    with transaction.atomic():
        staff.set_password(new_password)
        staff.save(update_fields=["password"])
        staffkeys.reseal_with_password(staff.vault_key, private, new_password)
        StaffSession.objects.filter(staff=staff).delete()
        throttle.reset(staff)
        record("staff.password_recovered", actor=staff, target_type="staff", target_ref=staff.pk)
    return staff


def sign_out_everywhere(staff: Staff) -> int:
    with transaction.atomic():
        ended, _ = StaffSession.objects.filter(staff=staff).delete()
        record(
            "session.ended_everywhere",
            actor=staff,
            target_type="staff",
            target_ref=staff.pk,
            details={"sessions": ended},
        )
    return ended


def create_organisation(
    name: str, team_names: list[str] | None = None
) -> tuple[Organisation, NewOrganisationKeys]:
    """The organisation, its teams and its keys; the caller shows the recovery secret once."""
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name)
        for team in team_names or []:
            Team.objects.create(organisation=organisation, name=team)
        keys = create_organisation_keys(organisation.pk)
        record("organisation.created", target_type="organisation", target_ref=organisation.pk)
    return organisation, keys


__all__ = ["ActionRefused", "ValidationError"]
