"""Runs of shared-case discovery with a partner, and the cases they found.

No row holds a name or a token. A run keeps, while it waits for the other side, its secret
scalar and which of our cases each position of the set stands for: sealed under a key of that
run alone in the key folder (a job key named by a hash of partner, side and run id), destroyed
with the sealed state when the run ends, so neither a later copy of the database nor of the key
folder can open it. The
blinded points a partner sent (useless without its scalar) are kept the same way until our
coordinator consents or declines. A match names our case by its reference and the partner.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STAFF = settings.AUTH_USER_MODEL


class Side(models.TextChoices):
    INITIATOR = "initiator", _("We asked")
    RESPONDER = "responder", _("They asked")


class Mode(models.TextChoices):
    COUNT = "count", _("They learn which of their cases match; we learn the count")
    MUTUAL = "mutual", _("Each side learns which of its own cases match")


class State(models.TextChoices):
    SENT = "sent", _("Waiting for the partner's answer")
    ASKED = "asked", _("Waiting for our coordinator's consent")
    ANSWERED = "answered", _("Answered; waiting for the partner's result")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired without an answer")


class Run(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="overlap_runs"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    run_id = models.CharField(max_length=32)
    mode = models.CharField(max_length=8, choices=Mode.choices)
    state = models.CharField(max_length=10, choices=State.choices)
    # Sizes: our tokens, people and cases in the run; theirs as their set and message say.
    our_size = models.PositiveIntegerField(default=0)
    our_people = models.PositiveIntegerField(default=0)
    our_cases = models.PositiveIntegerField(default=0)
    their_size = models.PositiveIntegerField(default=0)
    their_people = models.PositiveIntegerField(default=0)
    their_cases = models.PositiveIntegerField(default=0)
    # What the run found: our matched cases, or (in count mode) the count the partner reported.
    matched_cases = models.PositiveIntegerField(null=True, blank=True)
    their_count = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(STAFF, null=True, on_delete=models.SET_NULL, related_name="+")
    consented_at = models.DateTimeField(null=True, blank=True)
    consented_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # The run's state under its own job key while it waits; emptied when it ends.
    sealed = models.BinaryField(null=True, blank=True)
    # The message for the partner that is ours to send next (age-encrypted to the partner).
    outgoing = models.BinaryField(null=True, blank=True)
    outgoing_kind = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "side", "run_id"], name="overlap_run_once")
        ]

    def __str__(self) -> str:
        return f"overlap {self.side} {self.run_id[:8]}"

    @property
    def job_name(self) -> str:
        """The name of the run's key in the key folder (jobs are named by 32 hex digits)."""
        named = f"overlap|{self.partner_id}|{self.side}|{self.run_id}"
        return hashlib.sha256(named.encode()).hexdigest()[:32]


class Match(models.Model):
    """One of our cases, found to be known to the partner of a run."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="matches")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    # How many of the case's tokens matched (more: several people, or several spellings).
    tokens = models.PositiveSmallIntegerField(default=1)
    found_at = models.DateTimeField(default=timezone.now)
    asked_at = models.DateTimeField(null=True, blank=True)
    asked_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["run", "case"], name="overlap_match_once")]

    def __str__(self) -> str:
        return f"match {self.case_id} {self.partner_id}"
