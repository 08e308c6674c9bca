"""The public log (entries, tiles, signed checkpoints), its witnesses and their cosignatures, the
partners' logs this instance witnesses, and the logs it monitors.

Nothing here is personal: an entry is a kind, a day and the SHA-256 of a signed file.
"""

from __future__ import annotations

from django.db import models


class LogEntry(models.Model):
    """One leaf of the public log; its bytes are `tlog.leaf.Leaf(kind, day, digest).encode()`."""

    index = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=40)
    day = models.DateField()
    digest = models.CharField(max_length=64, db_index=True)  # SHA-256 of the signed file, hex

    class Meta:
        ordering = ["index"]
        verbose_name_plural = "log entries"

    def __str__(self) -> str:
        return f"log entry {self.index} ({self.kind})"


class LogHead(models.Model):
    """The single row every append locks: the log's size."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"log head at {self.size}"


class LogTile(models.Model):
    """256 hashes (or fewer, for the rightmost tile) of one level of the tree."""

    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hashes = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "index"], name="tlog_tile_unique"),
        ]

    def __str__(self) -> str:
        return f"tile {self.level}/{self.index}"


class SignedCheckpoint(models.Model):
    """A checkpoint the log signed (c2sp.org/tlog-checkpoint); the latest is the one served."""

    size = models.BigIntegerField(unique=True)
    root = models.BinaryField(max_length=32)
    note = models.TextField()
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint at {self.size}"


class Witness(models.Model):
    """A witness this organisation asks to cosign its checkpoints (c2sp.org/tlog-witness)."""

    name = models.CharField(max_length=200, unique=True)
    vkey = models.CharField(max_length=300)
    url = models.CharField(max_length=500)  # the submission prefix
    # The size the witness last cosigned, as far as this log knows (the "old" of the next request).
    last_size = models.BigIntegerField(default=0)
    last_contact = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"witness {self.name}"


class Cosignature(models.Model):
    """A witness's cosignature/v1 line over one of our checkpoints."""

    witness = models.ForeignKey(Witness, on_delete=models.CASCADE, related_name="cosignatures")
    size = models.BigIntegerField()
    root = models.BinaryField(max_length=32)
    timestamp = models.BigIntegerField()
    line = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["witness", "size"], name="tlog_cosignature_unique"),
        ]

    def __str__(self) -> str:
        return f"cosignature at {self.size}"


class WitnessedLog(models.Model):
    """A partner's log this instance witnesses: its key and the last checkpoint cosigned.

    Kept in the database, so a restart never forgets what was cosigned.
    """

    origin = models.CharField(max_length=200, unique=True)
    vkey = models.CharField(max_length=300)
    size = models.BigIntegerField(default=0)
    root = models.BinaryField(max_length=32, default=b"")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"witnessed log {self.origin}"


class WitnessConflict(models.Model):
    """A correctly signed checkpoint contradicting one this witness cosigned: evidence."""

    origin = models.CharField(max_length=200)
    received_at = models.DateTimeField()
    old_size = models.BigIntegerField()
    cosigned_size = models.BigIntegerField()
    reason = models.CharField(max_length=200)
    request = models.TextField()

    def __str__(self) -> str:
        return f"conflict on {self.origin}"


class MonitoredLog(models.Model):
    """Another organisation's log this instance follows, and what it has verified of it."""

    url = models.CharField(max_length=500, unique=True)
    vkey = models.CharField(max_length=300)
    size = models.BigIntegerField(default=0)
    root = models.BinaryField(max_length=32, default=b"")
    frontier = models.BinaryField(default=b"")
    checkpoint = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The first misbehaviour seen, kept until an operator forgets the log; checks stop meanwhile.
    problem = models.TextField(blank=True)
    evidence = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"monitored log {self.url}"
