"""Building a dossier: what it says, what it never says, its signatures and its annexes, read
with tools we did not write (pdfsig, pdfdetach, qpdf through pikepdf)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from safepassage.audit.models import AuditEntry
from safepassage.dossiers import building
from safepassage.dossiers.models import Dossier
from safepassage.dossiers.services import DossierError
from safepassage.dossiers.tests.conftest import CANARIES, make_family, vault_of
from safepassage.dossiers.tests.helpers import absent, pdf_views, run, text_of, write
from safepassage.safecopy import services as safecopy
from safepassage.vault import files

pytestmark = pytest.mark.django_db

PDF_ANNEX = b"%PDF-1.4\n" + b"annexe de test " * 2000 + b"\n%%EOF\n"
PNG_ANNEX = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def add_file(family, data: bytes, name: str, kind: str):
    return files.store_bytes(family.access.key, data, name, kind)


def build(family, code="fr-visa-asile", **options):
    options.setdefault("people", [family.man.pk, family.wife.pk])
    return building.build(
        family.access, family.authority(code), vault=vault_of(family.adviser), **options
    )


def pdf_bytes(built) -> bytes:
    return bytes(built.pdf.getvalue())


def views_of(built, folder: Path) -> list[bytes]:
    raw = pdf_bytes(built)
    return [*pdf_views(raw), text_of(raw, folder).encode(), built.json_bytes]


def test_no_redacted_field_reaches_the_pdf_its_streams_its_attachments_or_the_json(
    family, tmp_path: Path
):
    row = add_file(family, PDF_ANNEX, "statement.pdf", "pdf")
    views = views_of(build(family, annexes=[f"file:{row.pk}"]), tmp_path)
    for name, canary in CANARIES.items():
        assert absent(canary, views), name
    # Each ticked kind does appear once ticked, in the PDF's text and in the JSON: the search
    # above would find them.
    ticked = build(family, ticks=["confidential", "pressure_notes", "document_notes", "summary"])
    text = text_of(pdf_bytes(ticked), tmp_path)
    for name in ("confidential", "pressure_notes", "document_notes", "summary"):
        assert CANARIES[name] in text, name
        assert CANARIES[name].encode() in ticked.json_bytes, name
    views = views_of(ticked, tmp_path)
    for name in ("contact_handle", "manner_of_leaving", "stay_note", "relative", "task"):
        assert absent(CANARIES[name], views), name


def test_pdfsig_finds_the_dossier_valid_and_a_one_byte_change_invalid(family, tmp_path: Path):
    row = add_file(family, PDF_ANNEX, "statement.pdf", "pdf")
    raw = pdf_bytes(build(family, annexes=[f"file:{row.pk}"]))
    good = run("pdfsig", str(write(tmp_path, "good.pdf", raw)))
    assert "Signature Validation: Signature is Valid." in good
    position = raw.index(b"annexe de test") + 3
    changed = raw[:position] + bytes([raw[position] ^ 1]) + raw[position + 1 :]
    bad = run("pdfsig", str(write(tmp_path, "bad.pdf", changed)))
    assert "Signature Validation: Signature is Valid." not in bad
    assert "Digest Mismatch" in bad
    assert building.verify(raw).valid
    assert not building.verify(changed).valid


def test_pdfdetach_lists_and_extracts_every_annex_with_the_sha256_of_the_index(
    family, tmp_path: Path
):
    first = add_file(family, PDF_ANNEX, "statement.pdf", "pdf")
    second = add_file(family, PNG_ANNEX, "photo.png", "png")
    built = build(family, annexes=[f"file:{first.pk}", f"file:{second.pk}"])
    path = write(tmp_path, "dossier.pdf", pdf_bytes(built))
    listing = run("pdfdetach", "-list", str(path))
    statement = json.loads(built.json_bytes)["statement"]
    assert "3 embedded files" in listing
    out = tmp_path / "out"
    out.mkdir()
    run("pdfdetach", "-saveall", "-o", str(out), str(path))
    for entry in statement["annexes"]:
        assert entry["file"] in listing
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    assert [e["sha256"] for e in statement["annexes"]] == [
        hashlib.sha256(PDF_ANNEX).hexdigest(),
        hashlib.sha256(PNG_ANNEX).hexdigest(),
    ]


def test_a_case_never_screened_says_so(family, tmp_path: Path):
    built = build(family)
    vetting = json.loads(built.json_bytes)["statement"]["content"]["vetting"]
    assert vetting["screening"]["ran_on"] is None
    text = run("pdftotext", "-enc", "UTF-8", str(write(tmp_path, "d.pdf", pdf_bytes(built))), "-")
    assert "Ce dossier n'a jamais été comparé à une liste de surveillance." in " ".join(
        text.split()
    )


def test_a_german_authority_gets_a_german_dossier(family, tmp_path: Path):
    built = build(family, "de-22-aufenthg")
    assert json.loads(built.json_bytes)["statement"]["language"] == "de"
    text = " ".join(
        run(
            "pdftotext", "-enc", "UTF-8", str(write(tmp_path, "d.pdf", pdf_bytes(built))), "-"
        ).split()
    )
    assert "Name laut Reisepass: IVAN PETROV" in text
    assert "Dieser Fall wurde nie mit einer Beobachtungsliste abgeglichen." in text


def test_the_mans_copy_is_in_russian(family, tmp_path: Path):
    built = build(family, copy="applicant")
    text = " ".join(
        run(
            "pdftotext", "-enc", "UTF-8", str(write(tmp_path, "d.pdf", pdf_bytes(built))), "-"
        ).split()
    )
    assert "Экземпляр заявителя" in text


def test_no_passport_spelling_is_said_plainly_never_transliterated(
    coordinator, adviser, tmp_path: Path
):
    family = make_family(coordinator, adviser, with_passport=False)
    built = build(family, "unhcr-referral", people=[family.man.pk])
    person = json.loads(built.json_bytes)["statement"]["content"]["people"][0]
    assert person["passport_spelling"] is None
    assert "no passport spelling recorded" in text_of(pdf_bytes(built), tmp_path)
    assert b"Ivan" not in built.json_bytes


def test_each_version_is_sealed_in_the_vault_and_audited(family):
    first = build(family)
    second = build(family)
    assert (first.dossier.version, second.dossier.version) == (1, 2)
    sealed = b"".join(building.pdf_chunks(family.access, second.dossier))
    assert sealed == pdf_bytes(second)
    assert hashlib.sha256(sealed).hexdigest() == second.dossier.pdf_sha256
    entry = AuditEntry.objects.filter(action="dossiers.built").last()
    assert entry is not None
    assert json.loads(entry.details)["pdf_sha256"] == second.dossier.pdf_sha256


def test_an_annex_that_is_not_what_it_claims_is_refused_and_nothing_is_written(family):
    row = add_file(family, b"MZ\x90\x00 not a pdf at all" * 10, "letter.pdf", "pdf")
    with pytest.raises(DossierError) as refused:
        build(family, annexes=[f"file:{row.pk}"])
    assert refused.value.field == "annexes"
    assert not Dossier.objects.exists()


def test_an_oversized_annex_set_is_refused(family, settings):
    settings.DOSSIER_MAX_ANNEX_BYTES = len(PDF_ANNEX) + 10
    rows = [add_file(family, PDF_ANNEX, f"s{n}.pdf", "pdf") for n in range(2)]
    with pytest.raises(DossierError) as refused:
        build(family, annexes=[f"file:{row.pk}" for row in rows])
    assert refused.value.field == "annexes"
    assert not Dossier.objects.exists()


def test_the_applicant_himself_must_be_included(family):
    with pytest.raises(DossierError) as refused:
        build(family, people=[family.wife.pk])
    assert refused.value.field == "people"


def test_a_file_of_another_case_cannot_be_attached(family, coordinator, adviser):
    other = make_family(coordinator, adviser)
    row = add_file(other, PDF_ANNEX, "theirs.pdf", "pdf")
    with pytest.raises(DossierError):
        build(family, annexes=[f"file:{row.pk}"])
    assert safecopy is not None


def test_the_evidence_index_shows_titles_only_to_whoever_holds_the_evidence_key(family, make_staff):
    from datetime import date, timedelta

    from safepassage.cases import services as cases
    from safepassage.cases.gate import open_case
    from safepassage.vetting import services as vetting

    vetter = make_staff("vetter")
    cases.assign(family.access, vetter, "vetter")
    va = vetting.open_vetting(vetter, family.reference, vault_of(vetter), start=True)
    vetting.add_evidence(
        va,
        "osint",
        {"title": "Unit 12345 not at Bucha", "content_hash": "ab" * 32},
        date.today() + timedelta(days=365),
    )
    index = json.loads(build(family).json_bytes)["statement"]["content"]["evidence"]
    assert [(e["kind"], e["open"]) for e in index] == [("osint", False)]
    assert "title" not in index[0]
    as_vetter = open_case(vetter, family.reference, vault_of(vetter))
    built = building.build(
        as_vetter, family.authority("fr-visa-asile"), people=[family.man.pk], vault=vault_of(vetter)
    )
    [entry] = json.loads(built.json_bytes)["statement"]["content"]["evidence"]
    assert (entry["title"], entry["sha256"]) == ("Unit 12345 not at Bucha", "ab" * 32)


def test_each_version_is_in_the_public_transparency_log(family):
    from safepassage.tlog import services as tlog

    built = build(family)
    status = tlog.status_of(built.json_bytes)
    assert [entry.kind for entry in status.entries] == ["dossier"]


def test_every_word_of_a_dossier_exists_in_all_four_languages():
    from safepassage.dossiers import labels

    for language in labels.LANGUAGES:
        words = labels.Words(language)
        for key in labels.every_key():
            assert words[key] if key in labels._WORDS else words.code(key), (language, key)


def test_the_cover_letter_fills_in_values_as_text_not_markup():
    from safepassage.dossiers import render

    html = render.cover_html(
        "Dear {authority},\n\n**{organisation}**",
        {"organisation": "A & B <i>Aid</i>", "authority": "X"},
    )
    assert "<i>" not in html
    assert render.cover_text(html) == "Dear X,\nA & B <i>Aid</i>"
