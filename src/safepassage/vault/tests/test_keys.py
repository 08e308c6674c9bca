"""Staff keys, object keys and access: only holders open, revoked staff do not, rotation works."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from tests.vaultprobe.models import Probe, ProbeNote

from safepassage.core.roles import Role
from safepassage.crypto import aead, words
from safepassage.crypto.kdf import KdfParams
from safepassage.testing import PASSWORD, current_code
from safepassage.vault import fields, objects, staffkeys
from safepassage.vault.models import KeyWrapper, StaffKey
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db

RETENTION = date(2031, 5, 20)


def _session(staff) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


def _probe(*holders) -> tuple[Probe, objects.ObjectKey]:
    probe = Probe.objects.create()
    key = objects.create("probe", probe.pk, RETENTION, [h.pk for h in holders])
    fields.write(key, probe, "name", "Иван Петров")
    fields.write(key, probe, "born", date(1990, 4, 1))
    fields.write(key, probe, "details", {"unit": "в/ч 12345"})
    fields.write(key, probe, "remind_on", date(2027, 1, 5))
    probe.save()
    return probe, key


def _open(probe: Probe, staff) -> objects.ObjectKey:
    return objects.open_with(objects.ring_of("probe", probe.pk), _session(staff))


def test_holder_reads_every_kind_of_field(caseworker):
    probe, _ = _probe(caseworker)
    probe.refresh_from_db()
    key = _open(probe, caseworker)
    assert fields.read_all(key, probe) == {
        "name": "Иван Петров",
        "born": date(1990, 4, 1),
        "details": {"unit": "в/ч 12345"},
        "remind_on": date(2027, 1, 5),
    }


def test_staff_never_granted_cannot_open_even_with_the_database(caseworker, make_staff):
    probe, _ = _probe(caseworker)
    outsider = make_staff(Role.CASEWORKER)
    with pytest.raises(objects.NoAccess):
        _open(probe, outsider)
    # Direct database access: every wrapper there, tried with the outsider's private key.
    ring = objects.ring_of("probe", probe.pk)
    for wrapper in KeyWrapper.objects.filter(ring=ring):
        with pytest.raises(objects.NoAccess):
            objects._unwrap(ring, wrapper, outsider._test_private_key)


def test_revoked_staff_cannot_open(caseworker, vetter):
    probe, key = _probe(caseworker)
    assert objects.grant(key, vetter.pk)
    assert _open(probe, vetter).key == key.key
    objects.revoke(key.ring, vetter.pk)
    with pytest.raises(objects.NoAccess):
        _open(probe, vetter)


def test_rotation_locks_out_a_copied_old_key(caseworker, vetter):
    probe, key = _probe(caseworker, vetter)
    note = ProbeNote(probe=probe)
    fields.write(key, note, "text", "met at the border")
    note.save()
    stolen = _open(probe, vetter)  # the vetter kept a copy of the key
    objects.revoke(key.ring, vetter.pk)
    fresh = objects.rotate(key)
    assert fresh.version == 2
    probe.refresh_from_db()
    note.refresh_from_db()
    assert fields.read(fresh, probe, "name") == "Иван Петров"
    assert fields.read(fresh, note, "text") == "met at the border"
    with pytest.raises(aead.DecryptionError):
        fields.read(stolen, probe, "name")
    # The remaining holder opens the new version; the revoked one holds nothing.
    assert _open(probe, caseworker).key == fresh.key
    with pytest.raises(objects.NoAccess):
        _open(probe, vetter)


def test_ciphertext_moved_to_another_object_does_not_open(caseworker):
    one, _key_one = _probe(caseworker)
    other, key_other = _probe(caseworker)
    other.name = one.name
    other.save()
    with pytest.raises(aead.DecryptionError):
        fields.read(key_other, other, "name")


def test_ciphertext_moved_to_another_field_does_not_open(caseworker):
    probe, key = _probe(caseworker)
    note = ProbeNote(probe=probe)
    note.text = probe.name
    with pytest.raises(aead.DecryptionError):
        fields.read(key, note, "text")
    fields.write(key, probe, "details", "x")
    probe.details = probe.name
    with pytest.raises(aead.DecryptionError):
        fields.read(key, probe, "details")


def test_ciphertext_swapped_between_rows_does_not_open(caseworker):
    probe, key = _probe(caseworker)
    first, second = ProbeNote(probe=probe), ProbeNote(probe=probe)
    fields.write(key, first, "text", "first")
    fields.write(key, second, "text", "second")
    first.text, second.text = second.text, first.text
    with pytest.raises(aead.DecryptionError):
        fields.read(key, first, "text")


def test_flipped_bit_in_a_stored_field_is_detected(caseworker):
    probe, key = _probe(caseworker)
    damaged = bytearray(probe.name)
    damaged[10] ^= 0x40
    probe.name = bytes(damaged)
    with pytest.raises(aead.DecryptionError):
        fields.read(key, probe, "name")


def test_server_reads_workflow_fields_but_not_client_fields(caseworker):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    assert fields.server_read(ring, probe, "remind_on") == date(2027, 1, 5)
    with pytest.raises(PermissionError):
        fields.server_read(ring, probe, "name")


def test_one_workflow_reader_keeps_each_objects_key_apart(caseworker):
    first, _ = _probe(caseworker)
    second, second_key = _probe(caseworker)
    fields.write(second_key, second, "remind_on", date(2028, 2, 6))
    reader = fields.WorkflowReader()
    first_ring, second_ring = (
        objects.ring_of("probe", first.pk),
        objects.ring_of("probe", second.pk),
    )
    assert reader.read(first_ring, first, "remind_on") == date(2027, 1, 5)
    assert reader.read(second_ring, second, "remind_on") == date(2028, 2, 6)
    # The first object's key, already derived, does not open the second object's value.
    second.remind_on = first.remind_on
    with pytest.raises(aead.DecryptionError):
        reader.read(second_ring, second, "remind_on")
    with pytest.raises(PermissionError):
        reader.read(first_ring, first, "name")


def test_shredded_object_opens_for_nobody(caseworker, django_capture_on_commit_callbacks):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    wrapper = KeyWrapper.objects.get(ring=ring, staff=caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        objects.shred(ring)
    assert not Probe.objects.filter(pk=probe.pk).exists()
    # Even the wrapper a thief copied before the deletion no longer opens.
    with pytest.raises(objects.Shredded):
        objects._unwrap(ring, wrapper, caseworker._test_private_key)


def test_a_creation_that_rolled_back_does_not_block_the_next_one(caseworker, make_staff):
    """The shred key a rolled-back creation wrote stays in the key folder; SQLite hands the same
    object id out again, and the next creation must replace that key, not fail on it."""
    from django.db import transaction

    keyless = make_staff()
    keyless.vault_key.delete()
    created: list[Probe] = []

    def create_and_fail() -> None:
        with transaction.atomic():
            created.append(Probe.objects.create())
            objects.create("probe", created[0].pk, RETENTION, [caseworker.pk, keyless.pk])

    with pytest.raises(objects.NoAccess):
        create_and_fail()
    probe = created[0]
    assert not Probe.objects.filter(pk=probe.pk).exists()
    again = Probe.objects.create(pk=probe.pk)
    key = objects.create("probe", again.pk, RETENTION, [caseworker.pk])
    fields.write(key, again, "name", "Иван Петров")
    again.save()
    assert fields.read(_open(again, caseworker), again, "name") == "Иван Петров"


def test_recovery_key_opens_every_object(caseworker, organisation):
    from nacl.public import PrivateKey

    from safepassage.vault import keys
    from safepassage.vault.models import OrganisationKeyring

    # The test organisation's recovery secret is not kept; put in one whose secret we know.
    recovery = PrivateKey.generate()
    OrganisationKeyring.objects.update(recovery_public=bytes(recovery.public_key))
    keys._recovery_cache.clear()
    other, other_key = _probe(caseworker)
    opened = objects.open_with_recovery(objects.ring_of("probe", other.pk), bytes(recovery))
    assert opened.key == other_key.key


def test_wrong_password_does_not_open_the_staff_key(caseworker):
    with pytest.raises(staffkeys.WrongSecret):
        staffkeys.unlock(caseworker.vault_key, "not the password at all")
    assert staffkeys.unlock(caseworker.vault_key, PASSWORD) == caseworker._test_private_key


def test_staff_keys_are_derived_with_at_least_64_mib_and_3_passes(caseworker, settings):
    from safepassage import settings as production

    assert production.VAULT_KDF_MEMLIMIT >= 64 * 1024 * 1024
    assert production.VAULT_KDF_OPSLIMIT >= 3
    settings.VAULT_KDF_OPSLIMIT = production.VAULT_KDF_OPSLIMIT
    settings.VAULT_KDF_MEMLIMIT = production.VAULT_KDF_MEMLIMIT
    StaffKey.objects.filter(staff=caseworker).delete()
    new = staffkeys.create_staff_key(caseworker.pk, PASSWORD)
    stored = StaffKey.objects.get(staff=caseworker)
    assert stored.kdf_memlimit >= 64 * 1024 * 1024
    assert stored.kdf_opslimit >= 3
    derived = KdfParams(stored.kdf_opslimit, stored.kdf_memlimit)
    assert staffkeys.unlock(stored, PASSWORD) == new.private
    assert len(derived.derive(PASSWORD, bytes(stored.password_salt))) == 32


def test_password_change_reseals_the_key(caseworker):
    from safepassage.accounts import services

    services.change_password(caseworker, "a brand new passphrase 99", caseworker._test_private_key)
    caseworker.vault_key.refresh_from_db()
    with pytest.raises(staffkeys.WrongSecret):
        staffkeys.unlock(caseworker.vault_key, PASSWORD)
    assert (
        staffkeys.unlock(caseworker.vault_key, "a brand new passphrase 99")
        == caseworker._test_private_key
    )


def test_recovery_key_sets_a_new_password_without_losing_access(caseworker):
    probe, key = _probe(caseworker)
    response = Client().post(
        "/signin/recover/",
        {
            "email": caseworker.email,
            "recovery_key": " ".join(caseworker._test_recovery_words),
            "code": current_code(caseworker),
            "password1": "remembered at last 2027",
            "password2": "remembered at last 2027",
        },
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password("remembered at last 2027")
    private = staffkeys.unlock(caseworker.vault_key, "remembered at last 2027")
    opened = objects.open_with(
        objects.ring_of("probe", probe.pk), VaultSession(caseworker.pk, private)
    )
    assert opened.key == key.key


def test_wrong_recovery_key_changes_nothing(caseworker):
    other_words = words.bytes_to_words(b"\x07" * 32)
    response = Client().post(
        "/signin/recover/",
        {
            "email": caseworker.email,
            "recovery_key": " ".join(other_words),
            "code": current_code(caseworker),
            "password1": "remembered at last 2027",
            "password2": "remembered at last 2027",
        },
    )
    assert response.status_code == 200
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)
