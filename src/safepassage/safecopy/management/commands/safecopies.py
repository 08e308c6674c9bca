"""safepassage safecopies: the worker that makes safe copies, and the queue's state."""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.db.models import Count

from safepassage.safecopy import services
from safepassage.safecopy.models import SafeCopy, State
from safepassage.safeview.sandbox import sandbox_status


def _make(copy: SafeCopy) -> str:
    try:
        return services.make(copy)
    except Exception as exc:  # a fault of ours must not stop the worker, nor repeat forever
        services.give_up(copy, exc)
        return State.FAILED
    finally:
        connection.close()  # each conversion thread has its own connection


class Command(BaseCommand):
    help = (
        "Make the safe copies waiting in the queue, each in the sandbox, at most --jobs at once "
        "(SAFEPASSAGE_CONVERT_WORKERS). `work` keeps running and polls the queue; `work --once` "
        "stops when it is empty; `status` counts the queue by state."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["work", "status"])
        parser.add_argument("--once", action="store_true", help="stop when the queue is empty")
        parser.add_argument("--jobs", type=int, default=settings.SAFECOPY_WORKERS)
        parser.add_argument("--poll", type=float, default=2.0, help="seconds between looks")
        parser.add_argument(
            "--parent", type=int, default=0, help="stop when this process (the server) ends"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            self._status()
            return
        jobs = options["jobs"]
        if jobs < 1:
            raise CommandError("--jobs must be at least 1")
        status = sandbox_status()
        self.stdout.write(f"sandbox: {status.summary}")
        if not status.isolated:
            self.stderr.write(f"warning: conversions are not isolated ({status.detail})")
        done: dict[str, int] = {}
        running: list[Future[str]] = []
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="safecopy") as pool:
            while True:
                for future in [f for f in running if f.done()]:
                    running.remove(future)
                    state = future.result()
                    done[state] = done.get(state, 0) + 1
                    self.stdout.write(f"safe copy {state} ({sum(done.values())} so far)")
                copy = services.claim() if len(running) < jobs else None
                if copy is not None:
                    running.append(pool.submit(_make, copy))
                    continue
                if options["once"] and not running:
                    break
                if options["parent"] and os.getppid() != options["parent"]:
                    self.stdout.write("the server has stopped; the worker stops too")
                    break
                close_old_connections()
                time.sleep(options["poll"] if not running else 0.2)
        summary = ", ".join(f"{count} {state}" for state, count in sorted(done.items()))
        self.stdout.write(f"safe copies: {summary or 'none waiting'}")

    def _status(self) -> None:
        counts = dict(
            SafeCopy.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
        )
        self.stdout.write(f"sandbox: {sandbox_status().summary}")
        for state, label in State.choices:
            self.stdout.write(f"{label}: {counts.get(state, 0)}")
