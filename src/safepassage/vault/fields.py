"""The one field type for client data, and the helpers that read and write it.

An `EncryptedField` stores only ciphertext: XChaCha20-Poly1305 under the key of the object the
row belongs to (its case, its evidence item), with associated data binding the object, the key
version, the model and the field, so a ciphertext copied to another row, field or case does not
open. Values are read and written through an opened `ObjectKey`:

    name = sealed.read(key, person, "name_cyrillic")
    sealed.write(key, person, "name_cyrillic", "Иван")

Fields marked `server_readable=True` hold workflow data the server needs without anyone signed in
(a date a reminder depends on). They are sealed under the object's workflow key, derived from
the server key and the object's shred key, so they too die with the object. Every such field is
listed in docs/threat-model.md.
"""

from __future__ import annotations

import json
import struct
import uuid
from datetime import date
from typing import Any

from django.db import models

from safepassage.crypto import aead
from safepassage.vault.keys import key_folder, workflow_key
from safepassage.vault.models import KeyRing
from safepassage.vault.objects import ObjectKey, _shred_key

KINDS = ("text", "date", "json")
_VERSION = struct.Struct(">I")


class EncryptedField(models.BinaryField):  # type: ignore[type-arg] # bytes in, bytes out
    """Ciphertext of one client value; never readable without the object's key."""

    def __init__(
        self, *args: Any, kind: str = "text", server_readable: bool = False, **kwargs: Any
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self.server_readable = server_readable
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        if self.server_readable:
            kwargs["server_readable"] = True
        kwargs.pop("editable", None)
        return name, path, args, kwargs


class SealedModel(models.Model):
    """A model whose rows belong to one protected object and carry EncryptedFields.

    Subclasses name the scope of their object and say how to find its id.
    """

    vault_scope: str = ""
    # Bound into every ciphertext of the row, so values cannot be swapped between rows either.
    seal_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        abstract = True

    def vault_object_id(self) -> int:
        raise NotImplementedError


def encrypted_fields(model: type[models.Model]) -> list[EncryptedField]:
    return [f for f in model._meta.get_fields() if isinstance(f, EncryptedField)]


def _encode(kind: str, value: Any) -> bytes:
    if kind == "text":
        return str(value).encode("utf-8")
    if kind == "date":
        if not isinstance(value, date):
            raise TypeError("a date field needs a date")
        return value.isoformat().encode("ascii")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _decode(kind: str, raw: bytes) -> Any:
    if kind == "text":
        return raw.decode("utf-8")
    if kind == "date":
        return date.fromisoformat(raw.decode("ascii"))
    return json.loads(raw)


def _context(instance: models.Model, field: EncryptedField) -> tuple[str, str, str]:
    # The row's seal id exists before the row is saved, so values can be sealed before an insert.
    return (instance._meta.label_lower, field.name, str(getattr(instance, "seal_id", "")))


def _field(instance: models.Model, name: str) -> EncryptedField:
    field = instance._meta.get_field(name)
    if not isinstance(field, EncryptedField):
        raise TypeError(f"{instance._meta.label}.{name} is not an encrypted field")
    return field


def _check_owner(key: ObjectKey, instance: models.Model) -> None:
    if not isinstance(instance, SealedModel):
        raise TypeError(f"{instance._meta.label} does not belong to a protected object")
    if instance.vault_scope != key.scope or instance.vault_object_id() != key.object_id:
        raise aead.DecryptionError("this row belongs to another object")


def write(key: ObjectKey, instance: models.Model, name: str, value: Any) -> None:
    """Seal `value` into the field (None clears it). The caller saves the row."""
    field = _field(instance, name)
    _check_owner(key, instance)
    if value is None or value == "":
        setattr(instance, name, None)
        return
    plaintext = _encode(field.kind, value)
    if field.server_readable:
        sealed = _workflow_seal(key.ring, instance, field, plaintext)
    else:
        sealed = _VERSION.pack(key.version) + key.encrypt(plaintext, *_context(instance, field))
    setattr(instance, name, sealed)


def read(key: ObjectKey, instance: models.Model, name: str) -> Any:
    """The field's value, or None; raises aead.DecryptionError on damage or a moved ciphertext."""
    field = _field(instance, name)
    _check_owner(key, instance)
    if field.server_readable:
        return WorkflowReader().read(key.ring, instance, name)
    raw = getattr(instance, name)
    if raw is None:
        return None
    raw = bytes(raw)
    if len(raw) < _VERSION.size:
        raise aead.DecryptionError("not a sealed value")
    (version,) = _VERSION.unpack_from(raw)
    if version != key.version:
        raise aead.DecryptionError(f"sealed under key version {version}, not {key.version}")
    return _decode(field.kind, key.decrypt(raw[_VERSION.size :], *_context(instance, field)))


def read_all(key: ObjectKey, instance: models.Model) -> dict[str, Any]:
    return {f.name: read(key, instance, f.name) for f in encrypted_fields(type(instance))}


def _workflow_aad(ring: KeyRing, instance: models.Model, field: EncryptedField) -> bytes:
    return aead.associated_data("workflow", ring.scope, ring.object_id, *_context(instance, field))


def _workflow_seal(
    ring: KeyRing, instance: models.Model, field: EncryptedField, plaintext: bytes
) -> bytes:
    key = workflow_key(_shred_key(ring))
    return aead.encrypt(key, plaintext, _workflow_aad(ring, instance, field))


def _server_field(instance: models.Model, name: str) -> EncryptedField:
    field = _field(instance, name)
    if not field.server_readable:
        raise PermissionError(f"{instance._meta.label}.{name} is readable by staff only")
    return field


class WorkflowReader:
    """Reads the server-readable fields of many rows (a timer's batch), deriving each object's
    workflow key once. Keep one only as long as the batch: it holds those keys in memory."""

    def __init__(self) -> None:
        self._server_key: bytes | None = None
        self._keys: dict[tuple[str, int], bytes] = {}

    def _key(self, ring: KeyRing) -> bytes:
        known = self._keys.get((ring.scope, ring.object_id))
        if known is None:
            if self._server_key is None:
                self._server_key = key_folder().server_key()
            known = workflow_key(_shred_key(ring), self._server_key)
            self._keys[(ring.scope, ring.object_id)] = known
        return known

    def read(self, ring: KeyRing, instance: models.Model, name: str) -> Any:
        field = _server_field(instance, name)
        raw = getattr(instance, name)
        if raw is None:
            return None
        aad = _workflow_aad(ring, instance, field)
        return _decode(field.kind, aead.decrypt(self._key(ring), bytes(raw), aad))


def server_read(ring: KeyRing, instance: models.Model, name: str) -> Any:
    """Read a server-readable (workflow) field without anyone signed in."""
    return WorkflowReader().read(ring, instance, name)


def server_write(ring: KeyRing, instance: models.Model, name: str, value: Any) -> None:
    """Write a server-readable field without anyone signed in (a timer, an import)."""
    field = _server_field(instance, name)
    if value is None or value == "":
        setattr(instance, name, None)
        return
    setattr(instance, name, _workflow_seal(ring, instance, field, _encode(field.kind, value)))


def reencrypt_rows(old: ObjectKey, new: ObjectKey, rows: Any) -> int:
    """Re-seal every staff-only field of the rows under the new key version (key rotation)."""
    count = 0
    for instance in rows:
        names = [f.name for f in encrypted_fields(type(instance)) if not f.server_readable]
        for name in names:
            write(new, instance, name, read(old, instance, name))
        if names:
            instance.save(update_fields=names)
            count += 1
    return count
