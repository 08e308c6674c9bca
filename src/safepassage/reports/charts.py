"""Charts drawn on the server as SVG (pygal, no script): served as images from this origin, so
the pages need no JavaScript and the site's content security policy stays as it is."""

from __future__ import annotations

from typing import Any

import pygal  # type: ignore[import-untyped] # pygal ships no type information
from lxml import etree  # type: ignore[import-untyped] # pygal draws with lxml; no stubs
from pygal.style import Style  # type: ignore[import-untyped]

from safepassage.reports import labels

# The image's own policy: its styles are inside it; nothing else loads.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    font_family="sans-serif",
    colors=("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f"),
)
CONFIG: dict[str, Any] = {
    "js": [],  # pygal's tooltips are a script from another host: never
    "style": STYLE,
    "width": 720,
    "height": 360,
    "explicit_size": True,
    "legend_at_bottom": True,
    "print_values": False,
    "show_y_guides": True,
    "include_x_axis": True,
}


def _render(chart: Any) -> bytes:
    """The SVG without the script pygal always writes (its tooltips' configuration)."""
    tree = chart.render_tree()
    for script in [e for e in tree.iter() if str(e.tag).rsplit("}", 1)[-1] == "script"]:
        script.getparent().remove(script)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="utf-8"))


def _number(value: Any) -> int | None:
    """A shown value, or None for a cell that is suppressed (the chart leaves a gap)."""
    return value if isinstance(value, int) else None


def table_chart(key: str, table: dict[str, Any]) -> bytes:
    """One count table (rows of events over columns) as a bar chart, a line over months."""
    kind = pygal.Line if key == "events_by_month" else pygal.Bar
    chart = kind(title=labels.title(key), **CONFIG)
    columns = table["columns"]
    chart.x_labels = [labels.column(key, c) for c in columns]
    if key == "events_by_month" and len(columns) > 12:
        chart.x_labels_major_every = 3
        chart.show_minor_x_labels = False
    for row, values in zip(table["rows"], table["cells"], strict=True):
        chart.add(labels.event(row), [_number(v) for v in values])
    return _render(chart)


def median_chart(medians: dict[str, float | None]) -> bytes:
    chart = pygal.HorizontalBar(title=labels.title("median_days"), **CONFIG)
    chart.show_legend = False
    stages = [s for s, v in medians.items() if v is not None]
    chart.x_labels = [labels.stage(s) for s in stages]
    chart.add(labels.title("median_days"), [medians[s] for s in stages])
    return _render(chart)
