"""Every staff-facing string is translated into Russian and French, every sentence of a signed
document into French, German and Russian, and the catalogues compile."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "safepassage"
LANGUAGES = ["ru", "fr"]
DOCUMENT_LANGUAGES = ["fr", "de", "ru"]
CATALOGUES = [(language, "django") for language in LANGUAGES] + [
    (language, "documents") for language in DOCUMENT_LANGUAGES
]


def _po(language: str, domain: str = "django") -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def _msgids(po: Path) -> set[str]:
    """msgids of a catalogue, through gettext's own parser (msgcat), ignoring the header."""
    out = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids = set()
    for line in out.splitlines():
        if line.startswith("msgid ") and line != 'msgid ""':
            ids.add(line[len("msgid ") :])
    return ids


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """The strings the code marks for translation today, extracted into a scratch copy."""
    scratch = tmp_path_factory.mktemp("extract") / "safepassage"
    shutil.copytree(PACKAGE, scratch, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safepassage.settings",
        "SAFEPASSAGE_DATA_DIR": str(scratch.parent / "data"),
        "SAFEPASSAGE_KEY_DIR": str(scratch.parent / "keys"),
    }
    subprocess.run(
        [sys.executable, "-m", "safepassage", "makemessages", "-l", "ru", "--no-location"],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return _msgids(scratch / "locale" / "ru" / "LC_MESSAGES" / "django.po")


@pytest.fixture(scope="module")
def extracted_document_sentences(tmp_path_factory) -> set[str]:
    """The sentences the document code marks today, extracted into a scratch copy."""
    scratch = tmp_path_factory.mktemp("documents") / "safepassage"
    shutil.copytree(PACKAGE, scratch, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [str(ROOT / "scripts" / "document-messages"), str(scratch)],
        capture_output=True,
        text=True,
        check=True,
    )
    return _msgids(scratch / "locale" / "fr" / "LC_MESSAGES" / "documents.po")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_marked_string(language, extracted):
    missing = extracted - _msgids(_po(language))
    assert not missing, f"not in the {language} catalogue (run makemessages): {sorted(missing)[:5]}"


@pytest.mark.parametrize("language", DOCUMENT_LANGUAGES)
def test_document_catalogue_holds_every_sentence(language, extracted_document_sentences):
    assert len(extracted_document_sentences) > 50  # the extraction found the document modules
    missing = extracted_document_sentences - _msgids(_po(language, "documents"))
    assert not missing, f"not in {language}/documents.po (scripts/document-messages): {missing}"


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_nothing_is_left_untranslated_or_fuzzy(language, domain):
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(_po(language, domain))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.strip() == "", f"{language} {domain} {flag}:\n{out[:600]}"


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_compiled_catalogue_is_up_to_date(language, domain, tmp_path):
    fresh = tmp_path / f"{domain}.mo"
    po = _po(language, domain)
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    assert po.with_suffix(".mo").read_bytes() == fresh.read_bytes(), "run `make messages`"


@pytest.mark.django_db
def test_pages_are_served_in_the_chosen_language():
    from django.test import Client

    client = Client()
    client.post("/language/", {"language": "ru", "next": "/signin/"})
    russian = client.get("/signin/").content.decode()
    client.post("/language/", {"language": "fr", "next": "/signin/"})
    french = client.get("/signin/").content.decode()
    english = Client().get("/signin/").content.decode()
    assert 'lang="ru"' in russian
    assert 'lang="fr"' in french
    assert 'lang="en"' in english
    assert len({russian, french, english}) == 3
