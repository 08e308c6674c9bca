"""safepassage vetting --as EMAIL evidence REFERENCE"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from safepassage.cases.cli import staff_session
from safepassage.core.roles import Perm
from safepassage.vault import fields, objects
from safepassage.vetting import services
from safepassage.vetting.models import Evidence


class Command(BaseCommand):
    help = (
        "Read a case's vetting record on the command line, as one of its vetters (--as EMAIL; "
        "password from SAFEPASSAGE_PASSWORD or a prompt). evidence: list the evidence items. "
        "Anyone who is not a vetter of the case is told there is no such case."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="email", required=True)
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("evidence").add_argument("reference")

    def handle(self, *args: Any, **options: Any) -> None:
        staff, vault = staff_session(options["email"], Perm.VET)
        try:
            va = services.open_vetting(staff, options["reference"], vault)
        except services.NotStarted:
            raise CommandError("the vetting record of this case has not been started") from None
        except Http404:
            raise CommandError("no such case among yours") from None
        for item in Evidence.objects.filter(vetting=va.vetting):
            try:
                title = fields.read(services.evidence_key(va, item), item, "title")
            except objects.NoAccess:
                title = "(not shared with you yet)"
            self.stdout.write(f"{item.pk}  {item.kind:<16} {item.added_at:%Y-%m-%d}  {title}")
