"""The safe copy of a stored file: a queue entry while it is made, then its record.

A safe copy is a new file (a PDF of page pictures with a text layer, or a PNG) made in the
sandbox from the original's pixels. Its own key is sealed under the original's file key, so
whoever may open the original may open its copy, key rotations of the case or evidence item need
not touch it, and shredding the object makes both unreadable at once. While the copy is being
made, the original's file key is also sealed under a key of this job alone in the key folder
(`jobs/<id>.key`), destroyed when the job ends.

What stays readable, and why: the state, the reason it stopped (a code), the number of pages and
whether text was recognised (the page says so before anyone opens the file), times and sizes.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("Waiting to be made")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Made")
    STOPPED = "stopped", _("Stopped at a limit")
    FAILED = "failed", _("Could not be converted")


class SafeCopy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The original: a file of the vault (a case file, evidence) or an intake attachment.
    original = models.OneToOneField(
        "vault.EncryptedFile",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="safe_copy",
    )
    intake_original = models.UUIDField(null=True, blank=True, unique=True)
    kind = models.CharField(max_length=8)  # the original's kind, as identified at upload
    sealed_key = models.BinaryField()
    job_sealed = models.BinaryField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    reason = models.CharField(max_length=16, blank=True)
    pages = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    text_recognised = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    stored_size = models.PositiveBigIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(original__isnull=False, intake_original__isnull=True)
                | models.Q(original__isnull=True, intake_original__isnull=False),
                name="safecopy_one_original",
            )
        ]
        indexes = [models.Index(fields=["state", "queued_at"], name="safecopy_queue_idx")]

    def __str__(self) -> str:
        return f"safe copy {self.id}"

    @property
    def source(self) -> str:
        return "vault" if self.original_id is not None else "intake"

    @property
    def source_id(self) -> uuid.UUID:
        found = self.original_id or self.intake_original
        assert found is not None  # noqa: S101 - the check constraint guarantees one
        return found

    @property
    def output_kind(self) -> str:
        return "png" if self.kind in ("jpeg", "png", "webp", "heic") else "pdf"
