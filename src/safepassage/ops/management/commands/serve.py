"""safepassage serve: the application behind a real WSGI server (waitress), with static files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safepassage.safecopy.worker import start_converter


class Command(BaseCommand):
    help = (
        "Serve safepassage with waitress (not the development server); static files are served "
        "by the application itself. In production, static files are collected first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-converter",
            action="store_true",
            help="do not start the safe-copy worker beside the server (run "
            "`safepassage safecopies work` as its own service instead)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from safepassage.wsgi import application

        host, sep, port = options["bind"].rpartition(":")
        if not sep or not port.isdigit():
            raise CommandError("--bind must look like HOST:PORT, for example 127.0.0.1:8000")
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"safepassage serving on http://{options['bind']}/ (Ctrl-C stops)")
        if not options["no_converter"]:
            start_converter()  # its own process; it stops when this one does
        proxy: dict[str, Any] = {}
        if settings.PRODUCTION and not settings.ONION:
            # Behind the reverse proxy on this machine (docs/operations.md), the one header
            # waitress keeps from it says the visitor came over HTTPS; without it every request
            # would be redirected to HTTPS again. No address header is ever trusted.
            proxy = {"trusted_proxy": "127.0.0.1", "trusted_proxy_headers": {"x-forwarded-proto"}}
        serve(
            application,
            host=host.strip("[]"),
            port=int(port),
            threads=options["threads"],
            ident="safepassage",
            # Behind a reverse proxy only the proxy's address would be seen; we drop it anyway.
            clear_untrusted_proxy_headers=True,
            max_request_body_size=settings.REQUEST_MAX_BYTES,
            **proxy,
        )
