"""Keys over time: rotating the signing key keeps what the old one signed verifiable (the audit
log, attestations, the public page) while new signatures use the new key; the recovery key's
printable sheet carries codes that find a mistaken transcription; the key folder backs up as a
tar stream that doctor counts."""

from __future__ import annotations

import io
import subprocess
import tarfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from nacl.public import PrivateKey

from safepassage.accounts import services as account_services
from safepassage.audit import services as audit
from safepassage.core.roles import Role
from safepassage.crypto.words import bytes_to_words, word_list, words_to_bytes
from safepassage.ops.keysheet import fingerprint
from safepassage.ops.models import JobRun
from safepassage.testing import make_staff
from safepassage.vault.keys import organisation_signer
from safepassage.vault.models import OrganisationKeyring, RetiredSigningKey
from safepassage.vetting import attest, issuing
from safepassage.vetting.tests.test_attest import here, issue_one

pytestmark = pytest.mark.django_db(transaction=True)


def test_old_attestations_and_checkpoints_verify_after_a_rotation(coordinator):
    before = issue_one(coordinator)
    old_key = organisation_signer().key_id
    audit.create_checkpoint()
    out = StringIO()
    call_command("keys", "rotate-signing", "--reason", "routine", stdout=out)
    new_key = organisation_signer().key_id
    assert new_key != old_key
    assert f"{old_key} is retired" in out.getvalue()
    # What the old key signed still verifies, under the published old key.
    assert here(before.json).valid
    assert issuing.trusted_keys_here()[old_key] == bytes(
        RetiredSigningKey.objects.get(key_id=old_key).public
    )
    # New signatures use the new key; the log verifies across the rotation.
    after = issue_one(coordinator)
    assert after.statement["issuer"]["key_id"] == new_key
    assert here(after.json).valid
    audit.create_checkpoint()
    report = audit.verify()
    assert report.ok, report.problems
    assert report.checkpoints_checked >= 2
    # The public page shows both keys; the revocation list is signed by the new key.
    page = Client().get("/verify/attestation/").content.decode()
    assert old_key in page
    assert new_key in page
    revocations = Client().get("/verify/revocations.json").content
    assert attest.read_revocations(revocations, trusted_keys=issuing.trusted_keys_here())
    published = StringIO()
    call_command("keys", "published", stdout=published)
    assert f"current   {new_key}" in published.getvalue()
    assert f"retired   {old_key}" in published.getvalue()


def test_a_forged_attestation_is_still_refused_after_a_rotation(coordinator):
    from safepassage.vetting.tests.test_attest import other_signer

    call_command("keys", "rotate-signing", "--reason", "compromise", stdout=StringIO())
    issued = issue_one(coordinator)
    # A document signed by a key this organisation never published is refused.
    stranger = other_signer()
    statement = {**issued.statement, "issuer": {**issued.statement["issuer"],
                                                "key_id": stranger.key_id}}  # fmt: skip
    forged = attest.dumps(attest.sign(statement, signer=stranger))
    assert here(forged).reason == attest.Reason.UNKNOWN_KEY
    assert RetiredSigningKey.objects.get().reason == "compromise"


@pytest.fixture
def organisation_and_words(db):
    organisation, keys = account_services.create_organisation("Sheet organisation", ["Desk"])
    make_staff(organisation, Role.COORDINATOR)
    return organisation, bytes_to_words(keys.recovery_secret)


def test_the_printed_sheet_holds_the_key_and_its_row_codes(organisation_and_words, tmp_path):
    _organisation, words = organisation_and_words
    typed = tmp_path / "typed.txt"
    typed.write_text(" ".join(words))
    sheet = tmp_path / "sheet.pdf"
    call_command(
        "keys", "sheet", "--out", str(sheet), "--words-file", str(typed), stdout=StringIO()
    )
    assert oct(sheet.stat().st_mode & 0o777) == "0o600"
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    # What is printed is the key: its words open the organisation's recovery key.
    printed = [w for w in text.split() if w.isalpha() and w in set(words)]
    assert printed == words
    public = bytes(OrganisationKeyring.objects.get().recovery_public)
    assert bytes(PrivateKey(words_to_bytes(" ".join(printed), 32)).public_key) == public
    assert fingerprint(public) in text
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in text.splitlines() if "]" in line]
    assert len(codes) == 5

    out = StringIO()
    call_command("keys", "check-words", "--words-file", str(typed), stdout=out)
    assert "correct: these words are the recovery key" in out.getvalue()
    wrong = list(words)
    wrong[9] = next(w for w in word_list() if w != words[9])  # a mistake in the third row
    typed.write_text(" ".join(wrong))
    out = StringIO()
    with pytest.raises(CommandError, match="not this organisation's recovery key"):
        call_command("keys", "check-words", "--words-file", str(typed), stdout=out)
    shown = [line.rsplit("[", 1)[1].rstrip("]") for line in out.getvalue().splitlines()]
    assert [a == b for a, b in zip(shown, codes, strict=True)] == [True, True, False, True, True]


def test_setup_shows_the_row_codes_and_can_write_the_sheet(db, tmp_path):
    sheet = tmp_path / "sheet.pdf"
    out = StringIO()
    call_command(
        "setup", "--organisation", "New organisation", "--coordinator", "c@example.org",
        "--url", "https://cases.example.org", "--sheet", str(sheet), stdout=out,
    )  # fmt: skip
    rows = [line for line in out.getvalue().splitlines() if line.startswith("  ") and "[" in line]
    assert len(rows) == 5
    words = " ".join(" ".join(line.split()[1:5]) for line in rows)
    public = bytes(OrganisationKeyring.objects.get().recovery_public)
    assert bytes(PrivateKey(words_to_bytes(words, 32)).public_key) == public
    assert sheet.read_bytes().startswith(b"%PDF")


def test_the_key_folder_backs_up_as_a_tar_stream_and_doctor_counts_it(organisation, key_folder):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw)
    err = StringIO()
    call_command("keys", "backup", stdout=stream, stderr=err)
    stream.flush()
    with tarfile.open(fileobj=io.BytesIO(raw.getvalue())) as tar:
        names = tar.getnames()
        server = tar.extractfile("keys/server.key")
        assert server is not None
        assert server.read() == (key_folder / "server.key").read_bytes()
    assert not any(name.endswith(".lock") for name in names)
    assert JobRun.objects.get(job="key-backup").last_ok_at is not None
