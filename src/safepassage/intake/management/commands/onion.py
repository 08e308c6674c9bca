"""safepassage onion torrc: the lines Tor needs to publish this site as an onion service."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def torrc(service_dir: str, bind: str) -> str:
    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise CommandError("--bind must look like HOST:PORT, for example 127.0.0.1:8000")
    return "\n".join(
        [
            "# safepassage as a Tor onion service (version 3). Append to /etc/tor/torrc, then",
            "# restart tor; the address is in the hostname file of the folder below.",
            f"HiddenServiceDir {service_dir.rstrip('/')}/",
            f"HiddenServicePort 80 {bind}",
            "# Floods of introductions are refused at the introduction points, before they cost",
            "# the server anything; one circuit may not open many streams at once.",
            "HiddenServiceEnableIntroDoSDefense 1",
            "# Under a flood, clients must solve a proof-of-work puzzle whose difficulty rises",
            "# with the load, so a flooder pays for every connection and people with Tor Browser",
            "# still get in (tor 0.4.8 or later; Debian 12 with its security updates has 0.4.9).",
            "HiddenServicePoWDefensesEnabled 1",
            "HiddenServiceMaxStreams 20",
            "HiddenServiceMaxStreamsCloseCircuit 1",
            "",
        ]
    )


class Command(BaseCommand):
    help = (
        "Print a torrc snippet that publishes this site as a Tor onion service: the service folder "
        "and port 80 mapped to the address `safepassage serve` listens on. Then set "
        "SAFEPASSAGE_ONION=1 and SAFEPASSAGE_ONION_ADDRESS (see docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["torrc"])
        parser.add_argument(
            "--dir",
            default="/var/lib/tor/safepassage",
            help="HiddenServiceDir: where tor keeps the service's keys (owned by tor, mode 0700)",
        )
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="the HOST:PORT of `safepassage serve`"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(torrc(options["dir"], options["bind"]), ending="")
