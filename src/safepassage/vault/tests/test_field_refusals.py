"""Encrypted fields refuse values of the wrong kind, rows of another object and damaged
ciphertext; a server-readable field can be cleared without anyone signed in."""

from __future__ import annotations

from datetime import date

import pytest
from tests.vaultprobe.models import Probe

from safepassage.crypto import aead
from safepassage.vault import fields, objects
from safepassage.vault.tests.test_keys import _probe

pytestmark = pytest.mark.django_db


def test_a_field_of_an_unknown_kind_cannot_be_declared():
    with pytest.raises(ValueError, match="unknown kind 'int'"):
        fields.EncryptedField(kind="int")


def test_a_date_field_refuses_text_and_keeps_its_value(caseworker):
    probe, key = _probe(caseworker)
    with pytest.raises(TypeError, match="needs a date"):
        fields.write(key, probe, "born", "1 April 1990")
    assert fields.read(key, probe, "born") == date(1990, 4, 1)


def test_a_plain_column_is_not_read_as_an_encrypted_field(caseworker):
    probe, key = _probe(caseworker)
    with pytest.raises(TypeError, match="is not an encrypted field"):
        fields.read(key, probe, "seal_id")


def test_a_key_does_not_write_into_another_objects_row(caseworker):
    _, key = _probe(caseworker)
    other, _ = _probe(caseworker)
    with pytest.raises(aead.DecryptionError, match="belongs to another object"):
        fields.write(key, other, "name", "Пётр")
    other.refresh_from_db()
    with pytest.raises(aead.DecryptionError, match="belongs to another object"):
        fields.read(key, other, "name")


def test_a_value_too_short_to_be_sealed_is_refused(caseworker):
    probe, key = _probe(caseworker)
    Probe.objects.filter(pk=probe.pk).update(name=b"\x00\x01")
    probe.refresh_from_db()
    with pytest.raises(aead.DecryptionError, match="not a sealed value"):
        fields.read(key, probe, "name")


def test_a_server_readable_field_is_cleared_without_anyone_signed_in(caseworker):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    fields.server_write(ring, probe, "remind_on", date(2028, 2, 2))
    assert fields.server_read(ring, probe, "remind_on") == date(2028, 2, 2)
    fields.server_write(ring, probe, "remind_on", None)
    probe.save()
    probe.refresh_from_db()
    assert fields.server_read(ring, probe, "remind_on") is None
