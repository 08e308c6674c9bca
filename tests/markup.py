"""Reading a rendered page as assistive technology links it up: ids, labels, and what each field
is described by. For view tests; the browser tests run axe and the Nu Html Checker on top."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.labelled: set[str] = set()  # ids named by a <label for>
        self.elements: dict[str, dict[str, str]] = {}  # attributes of each element with an id
        self.texts: dict[str, list[str]] = {}
        self.referring: list[dict[str, str]] = []  # elements with aria-describedby/labelledby
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element_id = values.get("id")
        if element_id:
            self.ids[element_id] += 1
            self.elements.setdefault(element_id, {"tag": tag, **values})
            self.texts.setdefault(element_id, [])
        if "aria-describedby" in values or "aria-labelledby" in values:
            self.referring.append({"tag": tag, **values})
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"])
        if tag not in VOID:
            self._open.append((tag, element_id))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for _tag, element_id in self._open:
            if element_id:
                self.texts[element_id].append(data)

    def text(self, element_id: str) -> str:
        return " ".join("".join(self.texts.get(element_id, [])).split())

    def duplicate_ids(self) -> list[str]:
        return [i for i, n in self.ids.items() if n > 1]

    def dangling_references(self) -> list[str]:
        """Ids named by aria-describedby or aria-labelledby that are not on the page."""
        named = [
            reference
            for attrs in self.referring
            for name in ("aria-describedby", "aria-labelledby")
            for reference in attrs.get(name, "").split()
        ]
        return [reference for reference in named if reference not in self.ids]

    def description(self, element_id: str) -> str:
        """The text a screen reader reads as the element's description."""
        references = self.elements[element_id].get("aria-describedby", "").split()
        return " ".join(self.text(reference) for reference in references)
