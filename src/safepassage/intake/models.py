"""Anonymous first contact: threads found by a codename, messages sealed on arrival.

What the database holds readable, and why (see docs/threat-model.md): the lookup id and public key
derived from each codename (needed to find a thread and to seal replies to its owner), the day of
each message (no time), a status, counts, and the link to a case once staff made one. Every text,
choice and file the person sent is sealed (SealedBox) to the organisation's intake key; replies to
his own public key. There is no column for an address, a time of day or a device.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

STAFF = settings.AUTH_USER_MODEL


class Status(models.TextChoices):
    NEW = "new", _("New")
    READ = "read", _("Read")
    ANSWERED = "answered", _("Answered")
    CASE = "case", _("Linked to a case")
    ABUSE = "abuse", _("Abuse")


class Conversation(models.Model):
    """One person's thread: everything he sent and every reply, under one codename."""

    # Argon2id of the codename (hex); the person's key pair comes from a separate derivation.
    lookup_id = models.CharField(max_length=64, unique=True)
    person_public = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    # The person wrote and nobody has opened the thread since.
    unread = models.BooleanField(default=True)
    # He said he is in danger now: the queue shows such threads first, before anyone opens them.
    urgent = models.BooleanField(default=False)
    started_on = models.DateField()
    last_on = models.DateField()
    # Set when staff answer or link the thread to a case: it then leaves the short retention.
    acted_on = models.DateField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["unread", "last_on"], name="intake_conv_unread_idx"),
            models.Index(fields=["last_on"], name="intake_conv_last_idx"),
        ]

    def __str__(self) -> str:
        return f"intake thread {self.pk}"


class Direction(models.TextChoices):
    IN = "in", _("From the person")
    OUT = "out", _("Reply")


class Message(models.Model):
    """One message of a thread, sealed at once.

    From the person: `sealed` is a SealedBox to the intake key. A reply: `sealed` is a SealedBox to
    the person's own public key and `sealed_for_intake` the copy other triage staff read.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    day = models.DateField()
    sealed = models.BinaryField()
    sealed_for_intake = models.BinaryField(null=True, blank=True)
    author = models.ForeignKey(STAFF, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"intake message {self.pk}"


class Attachment(models.Model):
    """A file sent with a message: a secretstream file under its own key, sealed to intake."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    sealed_file_key = models.BinaryField()
    sealed_meta = models.BinaryField()
    stored_size = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"intake attachment {self.id}"


class FollowUpSession(models.Model):
    """A person reading his thread: the key from his codename, sealed under a cookie secret.

    The row names no thread: which one it opens is inside the sealed part, so a copy of the table
    shows only that some session exists until a given time.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    sealed = models.BinaryField()
    idle_until = models.DateTimeField()
    ends_at = models.DateTimeField()

    def __str__(self) -> str:
        return "follow-up session"


class RateCounter(models.Model):
    """A counter per rule and fixed window ("submit:global", "codename:<lookup>:login")."""

    key = models.CharField(max_length=120, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class OutreachPage(models.Model):
    """A public information page, written in Markdown per language by coordinators."""

    slug = models.SlugField(max_length=40)
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="outreach_slug_language")
        ]

    def __str__(self) -> str:
        return f"{self.slug} ({self.language})"
