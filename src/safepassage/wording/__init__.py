"""The wording of what the organisation signs for others (attestations, dossiers), in the
language of its reader, whatever language the staff member who issues it works in.

It has its own gettext domain, "documents" (`locale/<language>/LC_MESSAGES/documents.po`),
apart from the staff interface's catalogues: a document's languages are chosen by its recipient,
and every document sentence must exist in every language a document may be written in (a test
fails on a missing or untranslated one). Plain Python, no Django: a verifier can render it too.

Sentences are marked `wording.text("...")` and `wording.plural("...", "...", n)` with
`str.format` fields (`{org}`), so `scripts/document-messages` can extract them.
"""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

DOMAIN = "documents"
LOCALE = Path(__file__).resolve().parent.parent / "locale"
# The languages a document may be written in, each named in itself.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "de": "Deutsch", "ru": "Русский"}


class Wording:
    """Sentences of one document language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"documents are written in {sorted(LANGUAGES)}, not {language!r}")
        self.language = language
        self.name = LANGUAGES[language]
        self._catalogue: gettext.NullTranslations = (
            gettext.NullTranslations()
            if language == "en"
            else gettext.translation(DOMAIN, LOCALE, languages=[language])
        )

    def text(self, message: str, **values: object) -> str:
        return self._catalogue.gettext(message).format(**values)

    def plural(self, singular: str, plural: str, n: int, **values: object) -> str:
        return self._catalogue.ngettext(singular, plural, n).format(n=n, **values)

    def month(self, number: int) -> str:
        # Each month is marked once here so the extraction finds it; genitive where the
        # language says "5 марта".
        names = (
            self.text("January"),
            self.text("February"),
            self.text("March"),
            self.text("April"),
            self.text("May"),
            self.text("June"),
            self.text("July"),
            self.text("August"),
            self.text("September"),
            self.text("October"),
            self.text("November"),
            self.text("December"),
        )
        return names[number - 1]

    def day(self, value: date | str) -> str:
        """A date in words: 5 March 2026, 5 mars 2026, 5. März 2026, 5 марта 2026 г."""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        month = self.month(day.month)
        if day.day == 1:
            return self.text("1 {month} {year}", month=month, year=day.year)
        return self.text("{day} {month} {year}", day=day.day, month=month, year=day.year)

    def join(self, items: list[str]) -> str:
        """Items of a list in a sentence: "a; b; c" (French sets a space before ";")."""
        return self.text("; ").join(items)
