"""The donor report: a published release as a PDF, in Russian, English and French (each on its
own pages, so one can be handed over alone), with a bar chart and a table per figure, the signed
release attached and the whole file signed (PAdES) under the organisation's certificate.
Drawn from the frozen statement only, never from live figures."""

from __future__ import annotations

import json
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from safepassage.reports import labels, services
from safepassage.reports.figures import in_order
from safepassage.reports.models import Release
from safepassage.vetting.pdf import FONT_FAMILY, font_path, sign_as_organisation

LANGUAGES = ["ru", "en", "fr"]
HEADINGS = FontFace(emphasis="", fill_color=(232, 236, 241))  # one font face only: no bold
COLOURS = [(29, 78, 216), (180, 83, 9), (4, 120, 87), (124, 58, 237), (190, 18, 60), (14, 116, 144)]


def report_of(release: Release) -> bytes:
    """The signed PDF of a published release."""
    raw = services.document_of(release)
    statement = json.loads(raw)["statement"]
    unsigned = render(statement, raw)
    return sign_as_organisation(
        unsigned,
        organisation_id=release.organisation_id,
        name=statement["organisation"],
        reason="Published figures",
    )


def render(statement: dict[str, Any], signed_file: bytes) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_font(FONT_FAMILY, "", str(font_path()))
    pdf.set_title(statement["title"])
    pdf.set_author(statement["organisation"])
    pdf.set_creator("safepassage")
    threshold = statement["method"].get("threshold")
    for language in LANGUAGES:
        with translation.override(language):
            pdf.add_page()
            pdf.set_lang(language)
            _write(pdf, statement["title"], 16, 2)
            period = f"{statement['period']['from']} – {statement['period']['to']}"
            _write(pdf, f"{statement['organisation']} · {_('Period')}: {period}", 10, 1)
            _write(pdf, f"{_('Published')}: {statement['published']}", 10, 3)
            _write(pdf, labels.method_text(statement["method"]), 9.5, 4)
            for key, table in in_order(statement["tables"]):
                _write(pdf, labels.title(key), 12, 2)
                _chart(pdf, key, table)
                _table(pdf, key, table, threshold)
                pdf.ln(4)
    pdf.embed_file(
        bytes=signed_file,
        basename=f"release-{statement['release']}.json",
        desc="Signed release (Ed25519)",
        mime_type="application/json",
    )
    return bytes(pdf.output())


def _write(pdf: FPDF, text: str, size: float, gap: float = 1.5) -> None:
    pdf.set_font(FONT_FAMILY, size=size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _chart(pdf: FPDF, key: str, table: dict[str, Any]) -> None:
    """Grouped bars: a group per column, a bar per row; a hidden value leaves a gap."""
    height, width = 48.0, pdf.epw
    if pdf.get_y() + height + 14 > pdf.h - pdf.b_margin:
        pdf.add_page()
    top, left = pdf.get_y(), pdf.l_margin
    numbers = [v for row in table["cells"] for v in row if isinstance(v, int)]
    highest = max([*numbers, 1])
    columns, rows = table["columns"], table["rows"]
    group = width / max(len(columns), 1)
    bar = max(min(group * 0.8 / max(len(rows), 1), 12.0), 0.6)
    pdf.set_draw_color(120, 120, 120)
    pdf.line(left, top + height, left + width, top + height)
    pdf.set_font(FONT_FAMILY, size=6.5)
    for j, column in enumerate(columns):
        x = left + j * group + group * 0.1
        for i, values in enumerate(table["cells"]):
            value = values[j]
            if isinstance(value, int) and value > 0:
                colour = COLOURS[i % len(COLOURS)]
                pdf.set_fill_color(*colour)
                size = height * value / highest
                pdf.rect(x + i * bar, top + height - size, bar, size, style="F")
        label = labels.column(key, column)
        pdf.set_xy(left + j * group, top + height + 0.5)
        pdf.cell(group, 3, label[: max(int(group / 1.3), 3)], align="C")
    pdf.set_xy(left, top + height + 4.5)
    for i, row in enumerate(rows):
        pdf.set_fill_color(*COLOURS[i % len(COLOURS)])
        pdf.rect(pdf.get_x(), pdf.get_y() + 0.6, 2.5, 2.5, style="F")
        pdf.set_x(pdf.get_x() + 3.5)
        text = labels.event(row)
        pdf.cell(pdf.get_string_width(text) + 5, 4, text)
    pdf.ln(7)


def _table(pdf: FPDF, key: str, table: dict[str, Any], threshold: int | None) -> None:
    pdf.set_font(FONT_FAMILY, size=7.5)
    pdf.set_fill_color(255, 255, 255)
    heading = ["", *(labels.column(key, c) for c in table["columns"]), _("Total")]
    body = [
        [
            labels.event(row),
            *(labels.shown(v, threshold) for v in values),
            labels.shown(total, threshold),
        ]
        for row, values, total in zip(table["rows"], table["cells"], table["totals"], strict=True)
    ]
    # Wide tables (many months or countries) are split into blocks of columns.
    per_block = 8
    for start in range(1, len(heading), per_block):
        span = [0, *range(start, min(start + per_block, len(heading)))]
        with pdf.table(
            text_align="LEFT", first_row_as_headings=True, headings_style=HEADINGS
        ) as grid:
            for line in [heading, *body]:
                row = grid.row()
                for index in span:
                    row.cell(str(line[index]))
        pdf.ln(2)
