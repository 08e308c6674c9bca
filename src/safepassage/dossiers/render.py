"""The dossier as a PDF in its reader's language, and its cover letter (Markdown, sanitised).

The text is typeset with fpdf2 into a small PDF; the annexes and the signed JSON are then
streamed into it as attachments (`attach`) and the whole is signed PAdES in place under the
organisation's certificate (`vetting.pdf`), so the annexes are never held in memory twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from typing import Any

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints
import nh3
from fpdf import FPDF

from safepassage.dossiers.labels import Words
from safepassage.vetting import pdf as vetting_pdf

# A cover letter is prose: paragraphs, emphasis, lists, headings. No link, image, table or HTML.
TAGS = {"p", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "br", "blockquote"}
HTML_TAG = re.compile(r"<\s*[/!?A-Za-z]")
PLACEHOLDERS = ("reference", "organisation", "authority")


def has_html(text: str) -> bool:
    return bool(HTML_TAG.search(text))


def cover_html(template: str, values: Mapping[str, str]) -> str:
    """The letter as sanitised HTML: Markdown first, then nh3 with a short list of tags. The
    values are filled in after sanitising, escaped, so a value cannot add markup either."""
    html = str(markdown.markdown(template, output_format="html"))
    clean = nh3.clean(html, tags=TAGS, attributes={}, url_schemes=set(), link_rel=None)
    for name in PLACEHOLDERS:
        clean = clean.replace("{" + name + "}", nh3.clean_text(values.get(name, "")))
    return clean


def cover_text(html: str) -> str:
    """The sanitised letter as plain paragraphs, for the PDF and the JSON."""
    text = re.sub(r"</(p|h2|h3|h4|li|blockquote)>|<br\s*/?>", "\n", html)
    text = re.sub(r"<li>", "• ", text)
    # Tags first, then entities: an escaped "<" in the letter stays a character of its text.
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def attachment_name(dossier_id: str) -> str:
    return f"dossier-{dossier_id}.json"


class _Writer:
    def __init__(self, language: str, title: str, subject: str, author: str) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(18, 16, 18)
        self.pdf.set_auto_page_break(auto=True, margin=16)
        self.pdf.add_font(vetting_pdf.FONT_FAMILY, "", str(vetting_pdf.font_path()))
        self.pdf.set_title(title)
        self.pdf.set_subject(subject)
        self.pdf.set_author(author)
        self.pdf.set_creator("safepassage")
        self.pdf.set_lang(language)
        self.pdf.add_page()

    def line(self, text: str, size: float = 10, gap: float = 1.2) -> None:
        self.pdf.set_font(vetting_pdf.FONT_FAMILY, size=size)
        self.pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, text: str) -> None:
        self.pdf.ln(2)
        self.line(text, 12.5, 2)

    def field(self, label: str, value: object) -> None:
        self.line(f"{label}: {value}", 9.5, 0.8)


def _value(w: Words, value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(w.code(v) for v in value)
    return w.code(value)


def _people(out: _Writer, w: Words, content: dict[str, Any]) -> None:
    out.heading(w["identity"])
    for person in content["people"]:
        out.line(w.code(person["kind"]).capitalize(), 10.5, 0.8)
        out.field(w["passport_spelling"], person["passport_spelling"] or w["no_passport_spelling"])
        out.field(w["cyrillic"], person["cyrillic"] or "—")
        out.field(w["born"], person["birth_date"] or "—")
        out.field(w["citizenship"], ", ".join(person["citizenships"]) or "—")
        if person.get("confidential"):
            out.field(w["confidential"], person["confidential"])
    if content.get("summary"):
        out.field(w["summary"], content["summary"])


def _rows(out: _Writer, w: Words, heading: str, empty: str, rows: list[dict[str, Any]]) -> None:
    out.heading(w[heading])
    if not rows:
        out.line(w[empty], 9.5)
    for row in rows:
        parts = [
            w.day(v) if k.endswith("_on") and v else _value(w, v)
            for k, v in row.items()
            if k != "person" and v not in (None, "")
        ]
        out.line("• " + "; ".join(parts), 9.5, 0.8)


def _vetting(out: _Writer, w: Words, vetting: dict[str, Any]) -> None:
    out.heading(w["vetting"])
    screening = vetting["screening"]
    if not vetting["recorded"]:
        out.line(w["no_vetting"], 9.5)
    else:
        out.field(w["vetting"], _value(w, vetting["outcome"]))
        interviews = vetting["interviews"]
        out.field(
            w["interviews"],
            f"{interviews['held']} ({w['interviewers']}: {interviews['interviewers']})",
        )
        if vetting["not_examined"]:
            out.field(w["not_examined"], ", ".join(w.code(c) for c in vetting["not_examined"]))
    if screening["ran_on"] is None:
        out.line(w["never_screened"], 9.5)
    else:
        out.field(w["screened_on"], w.day(screening["ran_on"]))
        if not screening["done"]:
            out.line(w["screened_not_real"], 9.5)
        if screening["unreviewed"]:
            out.line(f"{screening['unreviewed']} {w['unreviewed']}", 9.5)
    attestation = vetting.get("attestation")
    out.field(w["attestation"], attestation["id"] if attestation else w["no_attestation"])


def typeset(document: Mapping[str, Any], certificate_fingerprint: str) -> bytes:
    """The unsigned PDF of a signed dossier document, without attachments."""
    statement = document["statement"]
    content = statement["content"]
    w = Words(statement["language"])
    out = _Writer(
        statement["language"],
        f"{w['title']} {statement['case']}",
        statement["id"],
        statement["issuer"]["organisation"],
    )
    out.line(f"{w['title']} — {statement['case']}", 16, 1)
    if statement["copy"] == "applicant":
        out.line(w["applicant_copy"], 11, 1)
    out.line(statement["issuer"]["organisation"], 11, 1)
    out.field(w["to"], statement["authority"]["name"])
    out.field(w["issued"], w.day(statement["issued_on"]))
    out.heading(w["cover"])
    for paragraph in statement["cover_letter"].splitlines():
        out.line(paragraph, 10, 1.5)
    _people(out, w, content)
    if "service" in content:
        _rows(out, w, "service", "no_service", content["service"])
    if "criminal" in content:
        criminal = content["criminal"]
        _rows(out, w, "criminal", "no_criminal", criminal["cases"])
        out.field(w["wanted"], _value(w, criminal["wanted_level"]))
        out.field(w["travel_ban"], _value(w, criminal["travel_ban"]))
        out.field(w["passport_withdrawn"], _value(w, criminal["passport_withdrawn"]))
    if "pressure" in content:
        _rows(out, w, "pressure", "no_pressure", content["pressure"])
    if "documents" in content:
        _rows(out, w, "documents", "no_documents", content["documents"])
    if "transit" in content:
        transit = content["transit"]
        out.heading(w["transit"])
        out.field(w["transit_country"], transit["country"] or "—")
        out.field(w["risks"], _value(w, transit["risks"]) if transit["risks"] else w["no_risks"])
        for stay in transit["stays"]:
            out.field(w["legal_stay_until"], w.day(stay["legal_until"]))
    if "vetting" in content:
        _vetting(out, w, content["vetting"])
    if "evidence" in content:
        out.heading(w["evidence"])
        if not content["evidence"]:
            out.line(w["no_evidence"], 9.5)
        for item in content["evidence"]:
            if item["open"]:
                when = w.day(item["captured_on"] or item["added_on"])
                title = item["title"] or w.code(item["kind"])
                text = f"{title}; {when}; SHA-256 {item['sha256'] or '—'}"
            else:
                text = f"{w.code(item['kind'])}; {w.day(item['added_on'])}; {w['held_by_vetters']}"
            out.line("• " + text, 9, 0.8)
    out.heading(w["annexes"])
    if not statement["annexes"]:
        out.line(w["no_annexes"], 9.5)
    for annex in statement["annexes"]:
        out.line(
            f"• {annex['file']}: {annex['title']} ({annex['size']} B)\n  SHA-256 {annex['sha256']}",
            8.5,
            0.8,
        )
    out.heading(w["identifiers"])
    out.field(w["dossier_id"], statement["id"])
    out.field(w["key_id"], document["key_id"])
    out.field(w["certificate"], certificate_fingerprint)
    out.field(w["signed_json"], attachment_name(statement["id"]))
    out.line(w["verify_note"], 8.5)
    return bytes(out.pdf.output())
