"""What the operations part keeps: the last run of each periodic job.

One row per job, so `safepassage doctor` can tell a timer that stopped from one that runs. The
rows name a job and times, and a short error text written by our own commands (never client
data: the commands' errors name files, settings and counts).
"""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    job = models.CharField(max_length=40, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")
    last_summary = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"job {self.job}"

    @property
    def failing(self) -> bool:
        """The last run failed (no success since)."""
        return self.last_failed_at is not None and (
            self.last_ok_at is None or self.last_failed_at > self.last_ok_at
        )
