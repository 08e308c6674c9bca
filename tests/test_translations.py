"""Every staff-facing string is translated into Russian and French, and the catalogues compile."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "safepassage"
LANGUAGES = ["ru", "fr"]


def _po(language: str) -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_marked_string(language, extracted):
    missing = extracted - _msgids(_po(language))
    assert not missing, f"not in the {language} catalogue (run makemessages): {sorted(missing)[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_left_untranslated_or_fuzzy(language):
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(_po(language))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.strip() == "", f"{language} {flag}:\n{out[:600]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(_po(language))], check=True)
    committed = _po(language).with_suffix(".mo")
    assert committed.read_bytes() == fresh.read_bytes(), "run `make messages`"


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
