"""The intake key opens only for a holder; it travels in an invitation only with its token."""

from __future__ import annotations

import pytest

from safepassage.core.roles import Role
from safepassage.crypto import aead
from safepassage.vault import intake
from safepassage.vault.objects import NoAccess
from safepassage.vault.session import VaultSession

pytestmark = pytest.mark.django_db


def _session(staff) -> VaultSession:
    return VaultSession(staff.pk, staff._test_private_key)


@pytest.fixture
def holder(make_staff):
    # The organisation's intake private key is not kept by the fixtures: hand a known one out.
    staff = make_staff(Role.CASEWORKER)
    intake.grant_intake_key(b"k" * 32, staff.pk)
    return staff


def test_there_is_no_intake_key_before_the_organisation_exists(db):
    with pytest.raises(LookupError, match="no organisation keys"):
        intake.intake_public_key()


def test_the_holder_opens_the_intake_key(holder):
    assert intake.holds_intake_key(holder.pk)
    assert intake.open_intake_key(_session(holder)) == b"k" * 32


def test_no_unlocked_key_opens_no_intake_key(holder):
    with pytest.raises(NoAccess, match="no unlocked staff key"):
        intake.open_intake_key(None)


def test_staff_without_the_intake_key_open_nothing(holder, vetter):
    with pytest.raises(NoAccess, match="does not hold the intake key"):
        intake.open_intake_key(_session(vetter))


def test_a_copy_sealed_to_someone_else_does_not_open(holder, vetter):
    stolen = VaultSession(holder.pk, vetter._test_private_key)
    with pytest.raises(NoAccess, match="copy does not open"):
        intake.open_intake_key(stolen)


def test_staff_without_a_key_pair_cannot_be_given_the_intake_key(holder, make_staff):
    keyless = make_staff(Role.CASEWORKER)
    keyless.vault_key.delete()
    with pytest.raises(NoAccess, match="has no key pair yet"):
        intake.grant_intake_key(b"k" * 32, keyless.pk)
    assert not intake.holds_intake_key(keyless.pk)


def test_revoking_the_intake_key_removes_the_holders_copy(holder):
    assert intake.revoke_intake_key(holder.pk) is True
    assert not intake.holds_intake_key(holder.pk)
    assert intake.revoke_intake_key(holder.pk) is False


def test_the_intake_key_in_an_invitation_opens_only_with_its_token_and_invitation(db):
    sealed = intake.seal_for_invitation(b"k" * 32, "the-token", 5)
    assert intake.open_from_invitation(sealed, "the-token", 5) == b"k" * 32
    with pytest.raises(aead.DecryptionError):
        intake.open_from_invitation(sealed, "another-token", 5)
    with pytest.raises(aead.DecryptionError):
        intake.open_from_invitation(sealed, "the-token", 6)
