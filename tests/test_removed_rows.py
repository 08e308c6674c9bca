"""A removed row of a case leaves nothing behind in a copy of the database: SQLite overwrites the
deleted content (secure_delete) and PostgreSQL's dump no longer holds it."""

from __future__ import annotations

import pytest
from django.apps import apps

from safepassage.cases import seed, services
from safepassage.cases.models import Note
from safepassage.testing import make_organisation, make_staff
from tests.test_s1_canaries import _database_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_removed_notes_ciphertext_is_gone_from_a_copy_of_the_database():
    seed.load(apps)
    staff = make_staff(make_organisation())
    access = services.create_case(staff, "Иван Петров")
    note = services.save_row(access, Note(case=access.case, by=staff), {"text": "x" * 400})
    sealed = bytes(note.text)
    assert len(sealed) > 400
    probe = sealed[40:104]  # 64 bytes of ciphertext: found only if the row's bytes remain
    assert probe in _database_bytes() or probe.hex().encode() in _database_bytes()
    services.delete_row(access, note)
    blob = _database_bytes()
    assert probe not in blob
    assert probe.hex().encode() not in blob
