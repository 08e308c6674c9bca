"""safepassage demo: a demo organisation, one staff member per role, and their sign-in details."""

from __future__ import annotations

import io
import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safepassage.accounts import services
from safepassage.accounts.models import Organisation, Staff
from safepassage.audit.services import record
from safepassage.cases.demo import VETTING_SAMPLE, create_sample_cases
from safepassage.core.roles import Perm, Role, permissions_of
from safepassage.crypto.keyfolder import write_private
from safepassage.crypto.words import bytes_to_words
from safepassage.screening import lists
from safepassage.vault import intake, staffkeys
from safepassage.vetting.demo import ready_for_decision

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

DEMO_NAME = "Demo organisation (invented data)"
DOMAIN = "demo.example"


def screening_sample(staff: Staff) -> None:
    """The shipped sample incidents and a small invented watch list for screening to find."""
    lists.load_sample_incidents(staff)
    people = [
        ("demo-1", "Belov Maksim Igorevich", "1993-02-11"),
        ("demo-2", "Volkov Sergei Petrovich", "1979"),
        ("demo-3", "Karimov Ruslan", "1990-07"),
    ]
    lines = [
        json.dumps(
            {
                "id": pid,
                "schema": "Person",
                "caption": name,
                "properties": {"name": [name], "birthDate": [born]},
                "datasets": ["demo"],
            }
        )
        for pid, name, born in people
    ]
    lists.import_list(
        [("\n".join(lines) + "\n").encode()], "Demo watch list (invented)", staff=staff, sample=True
    )


def credentials_path() -> Path:
    # Demo sign-in details live beside the keys, never in the database or its backups.
    return Path(settings.KEY_DIR) / "demo-signin.json"


def keep_dev_secret_key() -> None:
    """Outside production, keep this process's secret key in the key folder, so the server
    started next uses the same one (settings read it but never write it)."""
    path = Path(settings.DEV_SECRET_KEY_PATH)
    if settings.PRODUCTION or os.environ.get("SECRET_KEY_FILE") or path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, settings.SECRET_KEY.encode("utf-8"), exclusive=True)


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
        exists = Organisation.objects.filter(name=DEMO_NAME).exists()
        if exists and not path.exists():
            raise CommandError(
                f"the demo organisation exists but its sign-in details ({path}) are gone; "
                "start from an empty data folder to make a new demo"
            )
        keep_dev_secret_key()
        if exists:
            details = json.loads(path.read_text(encoding="utf-8"))
        else:
            details = self._create()
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private(path, json.dumps(details, indent=2).encode("utf-8"))
        accounts = details["staff"]
        if options["codes"]:
            for account in accounts:
                code = TOTP(bytes.fromhex(account["totp_hex"])).token()
                self.stdout.write(f"{account['email']}: {code:06d}")
            return
        self._print(accounts, qr=not options["no_qr"])

    @transaction.atomic
    def _create(self) -> dict[str, Any]:
        organisation, keys = services.create_organisation(DEMO_NAME, ["Kazakhstan desk", "Vetting"])
        accounts = []
        private_keys = {}
        # One account per role, and a second vetter: a decision takes four eyes.
        for role, email, name in [
            *((role, f"{role.value}@{DOMAIN}", f"Demo {role.label}") for role in Role),
            (Role.VETTER, f"vetter2@{DOMAIN}", "Demo Vetter (second)"),
        ]:
            password = _password()
            staff = Staff(email=email, display_name=name, organisation=organisation, role=role)
            staff.set_password(password)
            staff.save()
            new_key = staffkeys.create_staff_key(staff.pk, password)
            private_keys[staff.pk] = new_key.private
            if Perm.TRIAGE_INTAKE in permissions_of(role):
                intake.grant_intake_key(keys.intake_secret, staff.pk)
            device = TOTPDevice.objects.create(
                user=staff, name="demo authenticator", confirmed=True
            )
            record(
                "staff.created",
                target_type="staff",
                target_ref=staff.pk,
                details={"role": role.value, "by": "demo"},
            )
            accounts.append(
                {
                    "role": name.removeprefix("Demo "),
                    "email": email,
                    "password": password,
                    "totp_hex": device.key,
                    "otpauth": device.config_url,
                    "recovery_key": " ".join(new_key.recovery_words),
                }
            )
        staff_of = Staff.objects.filter(organisation=organisation).order_by("pk")
        by_role = {s.role: s for s in reversed(staff_of)}  # the first of each role
        vetters = list(staff_of.filter(role=Role.VETTER))
        caseworker = by_role[Role.CASEWORKER]
        screening_sample(caseworker)
        references = create_sample_cases(caseworker, vetters, by_role[Role.LEGAL])
        ready_for_decision(references[VETTING_SAMPLE], [(v, private_keys[v.pk]) for v in vetters])
        return {
            "organisation_recovery_key": " ".join(bytes_to_words(keys.recovery_secret)),
            "staff": accounts,
            "sample_cases": references,
        }

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
            if qr and account["email"] == f"{Role.COORDINATOR.value}@{DOMAIN}":
                picture = io.StringIO()
                segno.make(account["otpauth"], error="l").terminal(out=picture, compact=True)
                self.stdout.write(picture.getvalue())
        self.stdout.write("")
        self.stdout.write(
            "No authenticator app at hand? `safepassage demo --codes` prints the current codes."
        )
        self.stdout.write(f"The demo's recovery keys are kept in {credentials_path()}.")
