"""Acting as a staff member on the command line: who, and their unlocked key."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import CommandError

from safepassage.core.roles import has_permission
from safepassage.vault import staffkeys
from safepassage.vault.session import VaultSession


def staff_session(email: str, permission: str | None = None) -> tuple[Any, VaultSession]:
    """The staff member named by `email`, with their key unlocked by their password.

    The password comes from SAFEPASSAGE_PASSWORD (scripts, tests) or a prompt. The second
    factor is not asked: the command line runs on the server, by someone who already holds it.
    """
    from safepassage.accounts.models import Staff

    staff = Staff.objects.filter(email__iexact=email, is_active=True).first()
    if staff is None:
        raise CommandError(f"no active staff member {email}")
    if permission and not has_permission(staff, permission):
        raise CommandError(f"{email} may not do this ({permission})")
    password = os.environ.get("SAFEPASSAGE_PASSWORD") or getpass.getpass(f"Password for {email}: ")
    if not staff.check_password(password):
        raise CommandError("wrong password")
    try:
        private = staffkeys.unlock(staff.vault_key, password)
    except (staffkeys.WrongSecret, Staff.vault_key.RelatedObjectDoesNotExist):
        raise CommandError("the staff key does not open with this password") from None
    return staff, VaultSession(staff.pk, private)
