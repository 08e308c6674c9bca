"""What an instance holds, and whether every sealed thing in it opens.

With the key folder alone it can check that every object's shred key is there (or was destroyed
on purpose), that every key copy's outer layer opens, that every server-readable field, every
attestation and the audit log open and verify, and that every stored file is present at its
size. With the organisation recovery key as well, it opens every object key, every encrypted
field, every file (to its last authenticated chunk), and every intake message and attachment.

Nothing here writes. The problems it lists name models, row ids and fields, never a value.
Used by `safepassage inventory`, by the backup drill (`safepassage backup verify`) and by the
release upgrade test, which also asks for a digest of each plaintext (`collect`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, SealedBox

from safepassage.crypto import aead, stream
from safepassage.crypto.keyfolder import KeyFolderError
from safepassage.vault import fields, files, objects, storage
from safepassage.vault.fields import SealedModel, encrypted_fields
from safepassage.vault.models import EncryptedFile, KeyRing, KeyWrapper, OrganisationKeyring

MAX_PROBLEMS = 50


@dataclass
class Inventory:
    rows: dict[str, int] = field(default_factory=dict)
    objects: int = 0
    objects_shredded: int = 0
    objects_opened: int = 0
    key_copies: int = 0
    key_copies_opened: int = 0
    values: int = 0
    values_opened: int = 0
    files: int = 0
    files_present: int = 0
    files_opened: int = 0
    intake_messages: int = 0
    intake_messages_opened: int = 0
    intake_files: int = 0
    intake_files_opened: int = 0
    attestations: int = 0
    attestations_verified: int = 0
    audit_entries: int = 0
    audit_verified: bool = False
    with_recovery_key: bool = False
    problems: list[str] = field(default_factory=list)
    # "label:pk:field" -> SHA-256 of the plaintext, only when asked for.
    digests: dict[str, str] = field(default_factory=dict)

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append("… and more")

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}

    def lines(self) -> list[str]:
        opened = " (with the recovery key)" if self.with_recovery_key else ""
        return [
            f"rows: {sum(self.rows.values())} in {len(self.rows)} tables",
            f"protected objects: {self.objects} ({self.objects_shredded} shredded, "
            f"{self.objects_opened} opened{opened})",
            f"key copies: {self.key_copies}, outer layer opened: {self.key_copies_opened}",
            f"encrypted values: {self.values}, opened: {self.values_opened}",
            f"stored files: {self.files}, present: {self.files_present}, opened: "
            f"{self.files_opened}",
            f"intake messages: {self.intake_messages}, opened: {self.intake_messages_opened}; "
            f"intake files: {self.intake_files}, opened: {self.intake_files_opened}",
            f"attestations: {self.attestations}, signature verified: {self.attestations_verified}",
            f"audit log: {self.audit_entries} entries, "
            f"{'verifies' if self.audit_verified else 'DOES NOT VERIFY'}",
        ]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _our_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("safepassage.")]


class _Keys:
    """Object keys opened once each (with the recovery key), and which objects are shredded."""

    def __init__(self, inventory: Inventory, recovery: bytes | None) -> None:
        self.inventory = inventory
        self.recovery = recovery
        self.rings = {(r.scope, r.object_id): r for r in KeyRing.objects.all()}
        self.shredded: set[int] = set()
        self.opened: dict[int, objects.ObjectKey] = {}
        for ring in self.rings.values():
            inventory.objects += 1
            try:
                shred = objects._shred_key(ring)
            except objects.Shredded:
                self.shredded.add(ring.pk)
                inventory.objects_shredded += 1
                continue
            self._check_copies(ring, shred)
            if recovery is not None:
                try:
                    self.opened[ring.pk] = objects.open_with_recovery(ring, recovery)
                    inventory.objects_opened += 1
                except (objects.NoAccess, CryptoError, aead.DecryptionError):
                    inventory.problem(
                        f"{ring.scope} {ring.object_id}: the recovery copy does not open"
                    )

    def _check_copies(self, ring: KeyRing, shred: bytes) -> None:
        for wrapper in KeyWrapper.objects.filter(ring=ring):
            self.inventory.key_copies += 1
            aad = objects._wrapper_aad(ring, wrapper.version, wrapper.staff_id)
            try:
                aead.decrypt(shred, bytes(wrapper.sealed), aad)
                self.inventory.key_copies_opened += 1
            except aead.DecryptionError:
                self.inventory.problem(
                    f"{ring.scope} {ring.object_id}: key copy {wrapper.pk} does not open with its "
                    "shred key (wrong or damaged key folder)"
                )


def _sealed_rows(inventory: Inventory, keys: _Keys, collect: bool) -> None:
    workflow = fields.WorkflowReader()
    for model in _our_models():
        if not issubclass(model, SealedModel):
            continue
        sealed = encrypted_fields(model)
        for row in model.objects.all():  # type: ignore[attr-defined]
            ring = keys.rings.get((row.vault_scope, row.vault_object_id()))
            label = f"{model._meta.label_lower}:{row.pk}"
            if ring is None:
                inventory.problem(f"{label}: its object has no key")
                continue
            if ring.pk in keys.shredded:
                continue
            for column in sealed:
                if getattr(row, column.name) is None:
                    continue
                inventory.values += 1
                try:
                    if column.server_readable:
                        value = workflow.read(ring, row, column.name)
                    elif ring.pk in keys.opened:
                        value = fields.read(keys.opened[ring.pk], row, column.name)
                    else:
                        continue
                except (aead.DecryptionError, KeyFolderError, ValueError) as exc:
                    inventory.problem(f"{label}.{column.name}: {type(exc).__name__}")
                    continue
                inventory.values_opened += 1
                if collect:
                    inventory.digests[f"{label}:{column.name}"] = _digest(str(value).encode())


def _stored_files(inventory: Inventory, keys: _Keys, collect: bool) -> None:
    for row in EncryptedFile.objects.select_related("ring"):
        inventory.files += 1
        path = storage.stored_path(row.id)
        if not path.is_file():
            inventory.problem(f"file {row.id}: missing from the data folder")
            continue
        inventory.files_present += 1
        key = keys.opened.get(row.ring_id)
        if key is None:
            continue
        try:
            digest = hashlib.sha256()
            for chunk in files.read_chunks(key, row):
                digest.update(chunk)
            files.meta_of(key, row)
        except (aead.DecryptionError, stream.StreamError, OSError) as exc:
            inventory.problem(f"file {row.id}: {type(exc).__name__}")
            continue
        inventory.files_opened += 1
        if collect:
            inventory.digests[f"file:{row.id}"] = digest.hexdigest()


def _intake(inventory: Inventory, recovery: bytes | None, collect: bool) -> None:
    from safepassage.intake import attachments, services
    from safepassage.intake.models import Attachment, Direction, Message

    private: bytes | None = None
    keyring = OrganisationKeyring.objects.order_by("pk").first()
    if recovery is not None and keyring is not None and keyring.intake_secret_for_recovery:
        try:
            private = SealedBox(PrivateKey(recovery)).decrypt(
                bytes(keyring.intake_secret_for_recovery)
            )
        except CryptoError:
            inventory.problem("the intake key's recovery copy does not open")
    for message in Message.objects.all():
        inventory.intake_messages += 1
        if private is None:
            continue
        sealed = message.sealed if message.direction == Direction.IN else message.sealed_for_intake
        try:
            payload = services.open_sealed(private, bytes(sealed or b""))
        except (ValueError, CryptoError):
            inventory.problem(f"intake message {message.pk}: does not open with the intake key")
            continue
        inventory.intake_messages_opened += 1
        if collect:
            inventory.digests[f"intake.message:{message.pk}"] = _digest(
                str(payload.get("text", "")).encode()
            )
    for attachment in Attachment.objects.all():
        inventory.intake_files += 1
        if not attachments.stored_path(attachment.id).is_file():
            inventory.problem(f"intake file {attachment.id}: missing from the data folder")
            continue
        if private is None:
            continue
        try:
            digest = hashlib.sha256()
            for chunk in attachments.read_chunks(attachment, private):
                digest.update(chunk)
        except (CryptoError, stream.StreamError, OSError) as exc:
            inventory.problem(f"intake file {attachment.id}: {type(exc).__name__}")
            continue
        inventory.intake_files_opened += 1
        if collect:
            inventory.digests[f"intake.file:{attachment.id}"] = digest.hexdigest()


def _attestations(inventory: Inventory, collect: bool) -> None:
    from django.utils import timezone

    from safepassage.vetting import attest, issuing
    from safepassage.vetting.models import Attestation

    trusted = issuing.trusted_keys_here()
    revoked = issuing.revoked_here()
    for row in Attestation.objects.all():
        inventory.attestations += 1
        try:
            raw = issuing.signed_json(row)
        except (aead.DecryptionError, KeyFolderError):
            inventory.problem(f"attestation {row.id}: its sealed copy does not open")
            continue
        verdict = attest.verify_document(
            raw, today=timezone.localdate(), trusted_keys=trusted, revoked=revoked
        )
        if verdict.statement is None:  # expired or revoked still verify their signature
            inventory.problem(f"attestation {row.id}: {verdict.reason}")
            continue
        inventory.attestations_verified += 1
        if collect:
            inventory.digests[f"attestation:{row.id}"] = _digest(raw)


def take(recovery: bytes | None = None, collect: bool = False) -> Inventory:
    """The inventory of this instance; `recovery` is the organisation recovery key (32 bytes)."""
    from safepassage.audit import services as audit

    inventory = Inventory(with_recovery_key=recovery is not None)
    inventory.rows = {
        m._meta.label_lower: m.objects.count()  # type: ignore[attr-defined]
        for m in _our_models()
    }
    if recovery is not None:
        keyring = OrganisationKeyring.objects.order_by("pk").first()
        if keyring is not None and bytes(PrivateKey(recovery).public_key) != bytes(
            keyring.recovery_public
        ):
            inventory.problem("the recovery key given is not this organisation's")
            recovery = None
            inventory.with_recovery_key = False
    try:
        keys = _Keys(inventory, recovery)
    except KeyFolderError as exc:
        inventory.problem(f"the key folder: {exc}")
        return inventory
    _sealed_rows(inventory, keys, collect)
    _stored_files(inventory, keys, collect)
    _intake(inventory, recovery, collect)
    _attestations(inventory, collect)
    report = audit.verify()
    inventory.audit_entries = report.entries
    inventory.audit_verified = report.ok
    for problem in report.problems[:5]:
        inventory.problem(f"audit log: {problem}")
    return inventory
