"""Object keys open only for a holder with a working key, for the current version, from the
shred key filed under the object's retention month."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from tests.vaultprobe.models import Probe

from safepassage.vault import fields, objects
from safepassage.vault.keys import key_folder
from safepassage.vault.models import KeyWrapper
from safepassage.vault.session import VaultSession
from safepassage.vault.tests.test_keys import RETENTION, _probe, _session

pytestmark = pytest.mark.django_db


def test_no_unlocked_key_in_the_session_opens_nothing(caseworker):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    with pytest.raises(objects.NoAccess, match="no unlocked staff key"):
        objects.open_with(ring, None)
    assert objects.open_many("probe", [probe.pk], None) == {}


def test_an_object_without_a_key_ring_is_refused(db):
    with pytest.raises(objects.NoAccess, match="no key for probe 999"):
        objects.ring_of("probe", 999)


def test_a_damaged_private_key_opens_nothing(caseworker):
    probe, _ = _probe(caseworker)
    damaged = VaultSession(caseworker.pk, b"short")
    with pytest.raises(objects.NoAccess, match="does not open"):
        objects.open_with(objects.ring_of("probe", probe.pk), damaged)
    assert objects.open_many("probe", [probe.pk], damaged) == {}


def test_without_its_recovery_copy_the_recovery_key_opens_nothing(caseworker):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    KeyWrapper.objects.filter(ring=ring, staff=None).delete()
    with pytest.raises(objects.NoAccess, match="no recovery copy"):
        objects.open_with_recovery(ring, caseworker._test_private_key)


def test_open_many_opens_only_what_the_holder_may_open(caseworker, vetter):
    mine, mine_key = _probe(caseworker)
    theirs, _ = _probe(vetter)
    tampered, _ = _probe(caseworker)
    KeyWrapper.objects.filter(ring=objects.ring_of("probe", tampered.pk), staff=caseworker).update(
        sealed=b"\0" * 120
    )
    opened = objects.open_many("probe", [mine.pk, theirs.pk, tampered.pk], _session(caseworker))
    assert set(opened) == {mine.pk}
    assert opened[mine.pk].key == mine_key.key
    assert objects.open_many("probe", [], _session(caseworker)) == {}


def test_open_many_skips_a_copy_left_from_an_older_version(caseworker):
    probe, key = _probe(caseworker)
    fresh = objects.rotate(key)
    ring = objects.ring_of("probe", probe.pk)
    # A stale copy of version 1 put back in the database is not used.
    KeyWrapper.objects.filter(ring=ring, staff=caseworker).update(version=fresh.version - 1)
    assert objects.open_many("probe", [probe.pk], _session(caseworker)) == {}


def test_rotating_with_a_key_already_rotated_is_refused(caseworker):
    probe, key = _probe(caseworker)
    objects.rotate(key)
    with pytest.raises(objects.NoAccess, match="changed while it was being rotated"):
        objects.rotate(key)
    assert objects.ring_of("probe", probe.pk).version == 2


def _reads(probe: Probe, staff) -> str:
    opened = objects.open_with(objects.ring_of("probe", probe.pk), _session(staff))
    probe.refresh_from_db()
    value: str = fields.read(opened, probe, "name")
    return value


def test_a_new_retention_date_refiles_the_shred_key_once_committed(
    caseworker, django_capture_on_commit_callbacks
):
    probe, _ = _probe(caseworker)
    ring = objects.ring_of("probe", probe.pk)
    objects.set_retention(ring, date(2031, 5, 1))  # same month: nothing moves
    assert key_folder().periods() == ["2031-05"]
    with django_capture_on_commit_callbacks(execute=True):
        objects.set_retention(ring, date(2033, 1, 9))
    assert objects.ring_of("probe", probe.pk).period == "2033-01"
    # Ending the old month's retention no longer touches the object.
    assert key_folder().destroy_period("2031-05") == 0
    assert _reads(probe, caseworker) == "Иван Петров"


def test_a_retention_change_that_rolls_back_leaves_the_object_readable(caseworker):
    probe, _ = _probe(caseworker)

    def change_then_fail() -> None:
        with transaction.atomic():
            objects.set_retention(objects.ring_of("probe", probe.pk), date(2033, 1, 9))
            raise RuntimeError("a later step of the same change failed")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert objects.ring_of("probe", probe.pk).period == "2031-05"
    assert _reads(probe, caseworker) == "Иван Петров"


def test_a_scope_without_a_deleter_is_shredded_too(caseworker, django_capture_on_commit_callbacks):
    key = objects.create("orphan", 7, RETENTION, [caseworker.pk])
    with django_capture_on_commit_callbacks(execute=True):
        objects.shred(key.ring)
    with pytest.raises(objects.NoAccess):
        objects.ring_of("orphan", 7)
    assert key_folder().destroy_shred_key("2031-05", "orphan-7") is False
