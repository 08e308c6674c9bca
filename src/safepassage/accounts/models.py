"""Organisations, teams, staff, invitations, server-side sessions and second-factor devices."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from safepassage.core.roles import Role


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class StaffManager(BaseUserManager["Staff"]):
    def get_by_natural_key(self, username: str | None) -> Staff:
        return self.get(email__iexact=username)


class Staff(AbstractBaseUser):
    """A staff member of the organisation; the only kind of account the system has."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=120)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    language = models.CharField(max_length=8, blank=True)
    # Per-account throttling (never per address: behind Tor every visitor shares one).
    failed_signins = models.PositiveIntegerField(default=0)
    last_failed_signin = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    objects = StaffManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.display_name or self.email


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Invitation(models.Model):
    """A one-time link by which a coordinator lets a new staff member join; stored hashed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    # Null for the first coordinator's invitation, made by `safepassage setup`.
    created_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The intake key for an invitee with the intake duty, sealed under the invitation token.
    sealed_intake_key = models.BinaryField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return cls.objects.filter(token_hash=_hash_token(token)).first()

    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and timezone.now() < self.expires_at


class StaffSession(AbstractBaseSession):
    """A server-side session that knows its staff member, so all of them can be ended at once."""

    staff = models.ForeignKey(Staff, null=True, on_delete=models.CASCADE, db_index=True)

    @classmethod
    def get_session_store_class(cls) -> Any:
        from safepassage.accounts.sessions import SessionStore

        return SessionStore


def _hash_code(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode("ascii", "ignore")).hexdigest()


class RecoveryCodes(Device):
    """One-time recovery codes, stored as hashes (each code carries 80 random bits)."""

    code_hashes = models.JSONField(default=list)

    CODE_COUNT = 10

    def generate(self) -> list[str]:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        codes = [
            "".join(secrets.choice(alphabet) for _ in range(16)) for _ in range(self.CODE_COUNT)
        ]
        self.code_hashes = [_hash_code(code) for code in codes]
        return [f"{c[:4]}-{c[4:8]}-{c[8:12]}-{c[12:]}" for c in codes]

    def verify_token(self, token: Any) -> bool:
        digest = _hash_code(str(token))
        updated = RecoveryCodes.objects.filter(pk=self.pk).first()
        if updated is None or digest not in updated.code_hashes:
            return False
        remaining = [h for h in updated.code_hashes if h != digest]
        # The update only succeeds if nobody used a code in between: each code works once.
        changed = RecoveryCodes.objects.filter(pk=self.pk, code_hashes=updated.code_hashes).update(
            code_hashes=remaining
        )
        if changed:
            self.code_hashes = remaining
        return bool(changed)

    def remaining(self) -> int:
        return len(self.code_hashes)


class Passkey(Device):
    """A WebAuthn credential registered with user verification required."""

    credential_id = models.BinaryField(unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def verify_token(self, token: Any) -> bool:
        # Passkeys are verified by the WebAuthn ceremony (accounts.passkeys), never by a typed code.
        return False
