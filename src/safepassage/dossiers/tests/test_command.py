"""`safepassage dossiers build` and `verify`: the same service as the page, and a verdict that
fails for a changed file."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.dossiers.models import Dossier
from safepassage.testing import PASSWORD
from safepassage.vault import files

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("dossiers", *args, stdout=out)
    return out.getvalue()


def test_build_then_verify_from_the_command_line(family, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    row = files.store_bytes(family.access.key, b"%PDF-1.4\nannex\n%%EOF\n", "a.pdf", "pdf")
    listed = run("annexes", family.reference, "--as", family.adviser.email)
    assert f"file:{row.pk}" in listed
    out = tmp_path / "dossier.pdf"
    said = run(
        "build",
        family.reference,
        "--as",
        family.adviser.email,
        "--authority",
        "fr-visa-asile",
        "--person",
        str(family.man.pk),
        "--person",
        str(family.wife.pk),
        "--annex",
        f"file:{row.pk}",
        "--out",
        str(out),
    )
    dossier = Dossier.objects.get()
    assert dossier.pdf_sha256 in said
    verdict = run("verify", str(out))
    assert "VALID" in verdict
    assert "annex-01.pdf: SHA-256 matches" in verdict
    assert "Public transparency log: Logged at index" in verdict
    raw = out.read_bytes()
    position = raw.index(b"annex\n%%EOF") + 1
    (tmp_path / "changed.pdf").write_bytes(
        raw[:position] + bytes([raw[position] ^ 1]) + raw[position + 1 :]
    )
    with pytest.raises(CommandError):
        run("verify", str(tmp_path / "changed.pdf"))


def test_an_outsider_cannot_build_a_dossier_of_a_case_not_theirs(
    family, make_staff, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)
    outsider = make_staff("legal")
    with pytest.raises(CommandError, match="no case"):
        run(
            "build",
            family.reference,
            "--as",
            outsider.email,
            "--authority",
            "fr-visa-asile",
            "--out",
            str(tmp_path / "x.pdf"),
        )
    assert not Dossier.objects.exists()


def test_verify_needs_only_the_public_key_and_the_certificate(family, tmp_path: Path):
    from safepassage.dossiers import building
    from safepassage.dossiers.tests.conftest import vault_of
    from safepassage.vault.keys import organisation_signer
    from safepassage.vetting import pdf as vetting_pdf

    built = building.build(
        family.access,
        family.authority("fr-visa-asile"),
        people=[family.man.pk],
        vault=vault_of(family.adviser),
    )
    path = tmp_path / "d.pdf"
    path.write_bytes(built.pdf.getvalue())
    pem, _private = vetting_pdf.signing_material(family.access.case.organisation_id)
    (tmp_path / "org.pem").write_bytes(pem)
    public = organisation_signer(family.access.case.organisation_id).public.hex()
    assert "VALID" in run(
        "verify", str(path), "--public-key", public, "--certificate", str(tmp_path / "org.pem")
    )
    other = "00" * 32
    with pytest.raises(CommandError):
        run("verify", str(path), "--public-key", other, "--certificate", str(tmp_path / "org.pem"))
