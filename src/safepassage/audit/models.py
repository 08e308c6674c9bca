"""The append-only audit log, its head, and its signed checkpoints."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    """One recorded action. Details never hold a client's name, contact or place (see services)."""

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=32, blank=True)
    target_ref = models.CharField(max_length=64, blank=True, db_index=True)
    details = models.TextField(blank=True)
    leaf_hash = models.BinaryField(max_length=32)
    root_hash = models.BinaryField(max_length=32)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_ref"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditHead(models.Model):
    """The single row every append locks: the log's size and the frontier of its Merkle tree."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)
    frontier = models.BinaryField(default=b"")

    def __str__(self) -> str:
        return f"audit head at {self.size}"


class AuditCheckpoint(models.Model):
    """A signed statement of the log's size and root; exported copies let partners witness it."""

    size = models.BigIntegerField()
    root = models.BinaryField(max_length=32)
    signed_at = models.CharField(max_length=40)
    key_id = models.CharField(max_length=16)
    public_key = models.BinaryField(max_length=32)
    signature = models.BinaryField(max_length=64)

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint at {self.size}"
