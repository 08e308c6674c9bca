"""Outreach pages: Markdown per language, written by coordinators, rendered through a sanitiser.

Rendering is Python-Markdown followed by nh3 (the Ammonia sanitiser) with a short list of tags.
Every link must stay on this site: a link to another host, a protocol-relative link or any
scheme is removed (its text stays as plain text), because a public page of this site must never
send a person elsewhere, whoever edited it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints
import nh3
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe

from safepassage.audit.services import record
from safepassage.intake.models import OutreachPage

if TYPE_CHECKING:
    from safepassage.accounts.models import Staff

SLUGS = ("options", "legal-risks", "staying-safe")
LANGUAGES = ("ru", "en")
DEFAULTS = Path(__file__).with_name("data") / "outreach"
TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@dataclass(frozen=True)
class Page:
    slug: str
    language: str
    title: str
    body: str


def _local_link(value: str) -> bool:
    """A path on this site ("/…" but not "//…") or an anchor on the same page. Browsers drop
    tabs and line breaks inside a URL ("/\t/host" becomes "//host"), so a link holding any
    whitespace or control character is refused."""
    value = value.strip()
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in value):
        return False
    if value.startswith("#"):
        return True
    return value.startswith("/") and not value.startswith("//") and "\\" not in value


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if _local_link(value) else None
    return value


def render(text: str) -> SafeString:
    """Markdown to HTML that holds no script, no style, no image and no link off this site."""
    html = str(markdown.markdown(text, extensions=["tables"], output_format="html"))
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}},
        attribute_filter=_keep_attribute,
        url_schemes=set(),
        link_rel=None,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def default(slug: str, language: str) -> Page:
    """The text shipped with the application (also what the first migration stores)."""
    raw = (DEFAULTS / f"{slug}.{language}.md").read_text(encoding="utf-8")
    first, _newline, body = raw.partition("\n")
    return Page(slug, language, first.lstrip("# ").strip(), body.strip() + "\n")


def page(slug: str, language: str) -> Page | None:
    """The page as coordinators last saved it, or the shipped text if it is not in the database."""
    if slug not in SLUGS or language not in LANGUAGES:
        return None
    row = OutreachPage.objects.filter(slug=slug, language=language).first()
    if row is None:
        return default(slug, language)
    return Page(slug, language, row.title, row.body)


@transaction.atomic
def save(staff: Staff, slug: str, language: str, title: str, body: str) -> None:
    """A coordinator's new text for one page in one language; audited."""
    if slug not in SLUGS or language not in LANGUAGES:
        raise ValueError(f"no outreach page {slug}.{language}")
    OutreachPage.objects.update_or_create(
        slug=slug,
        language=language,
        defaults={"title": title, "body": body, "updated_by": staff},
    )
    record(
        "intake.outreach_changed",
        actor=staff,
        target_type="outreach",
        target_ref=f"{slug}.{language}",
    )
