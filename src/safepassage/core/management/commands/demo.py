"""safepassage demo: a demo organisation, one staff member per role, and their sign-in details."""

from __future__ import annotations

import io
import json
import secrets
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import services
from safepassage.accounts.models import Organisation, Staff
from safepassage.accounts.roles import Role
from safepassage.crypto.keyfolder import write_private

DEMO_NAME = "Demo organisation (invented data)"
DOMAIN = "demo.example"


def credentials_path() -> Path:
    # Demo sign-in details live beside the keys, never in the database or its backups.
    return Path(settings.KEY_DIR) / "demo-signin.json"


def _password() -> str:
    words = [
        "river",
        "lantern",
        "orchard",
        "harbour",
        "meadow",
        "summit",
        "willow",
        "falcon",
        "cobalt",
        "ember",
        "glacier",
        "juniper",
        "marble",
        "nectar",
        "pepper",
        "quartz",
    ]
    return "-".join(secrets.choice(words) for _ in range(4)) + f"-{secrets.randbelow(100):02d}"


class Command(BaseCommand):
    help = (
        "Create (once) a demo organisation with one staff member per role and print their "
        "sign-in details: password and authenticator secret (otpauth URI and QR code). Running "
        "it again changes nothing and prints the same details. Invented data only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--codes",
            action="store_true",
            help="print the current six-digit code of each demo account",
        )
        parser.add_argument("--no-qr", action="store_true", help="leave out the terminal QR codes")

    def handle(self, *args: Any, **options: Any) -> None:
        path = credentials_path()
        if Organisation.objects.filter(name=DEMO_NAME).exists() and path.exists():
            accounts = json.loads(path.read_text(encoding="utf-8"))
        else:
            accounts = self._create()
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private(path, json.dumps(accounts, indent=2).encode("utf-8"))
        if options["codes"]:
            for account in accounts:
                code = TOTP(bytes.fromhex(account["totp_hex"])).token()
                self.stdout.write(f"{account['email']}: {code:06d}")
            return
        self._print(accounts, qr=not options["no_qr"])

    @transaction.atomic
    def _create(self) -> list[dict[str, str]]:
        organisation, _keys = services.create_organisation(
            DEMO_NAME, ["Kazakhstan desk", "Vetting"]
        )
        accounts = []
        for role in Role:
            email = f"{role.value}@{DOMAIN}"
            password = _password()
            staff = Staff(
                email=email,
                display_name=f"Demo {role.label}",
                organisation=organisation,
                role=role.value,
            )
            staff.set_password(password)
            staff.save()
            device = TOTPDevice.objects.create(
                user=staff, name="demo authenticator", confirmed=True
            )
            accounts.append(
                {
                    "role": str(role.label),
                    "email": email,
                    "password": password,
                    "totp_hex": device.key,
                    "otpauth": device.config_url,
                }
            )
        return accounts

    def _print(self, accounts: list[dict[str, str]], qr: bool) -> None:
        self.stdout.write(
            "Demo sign-in details (invented organisation; do not use for real cases):"
        )
        for account in accounts:
            self.stdout.write("")
            self.stdout.write(f"  {account['role']}")
            self.stdout.write(f"    email:    {account['email']}")
            self.stdout.write(f"    password: {account['password']}")
            self.stdout.write(
                f"    second factor (add to an authenticator app): {account['otpauth']}"
            )
            if qr and account["role"] == str(Role.COORDINATOR.label):
                picture = io.StringIO()
                segno.make(account["otpauth"], error="l").terminal(out=picture, compact=True)
                self.stdout.write(picture.getvalue())
        self.stdout.write("")
        self.stdout.write(
            "No authenticator app at hand? `safepassage demo --codes` prints the current codes."
        )
