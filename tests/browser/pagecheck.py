"""Every page a browser test loads is checked by two tools nobody here wrote: axe-core
(accessibility, WCAG 2.0 and 2.1 A/AA) and the Nu Html Checker (HTML).

The live server keeps every HTML document it sends to a browser navigating to it (`Sec-Fetch-Dest:
document`), through `record_pages`, a middleware of the test settings that does nothing outside
browser tests. Reading the pages there, rather than in the browser, cannot race a test that
navigates on at once, and sees pages browsed with JavaScript off. After each test the pages it
loaded are replayed, from what was kept, into one checking page with JavaScript on (axe needs it),
its style sheets fetched from the live server, and axe runs there. The HTML itself goes to the Nu
Html Checker in one run per test session, because its Java start-up costs seconds.

Both tools come from the npm registry (package.json, installed by `make test` with `npm ci`);
Java is Debian's `default-jre-headless` (scripts/setup-system).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')

# Links and buttons that carry the same words must do the same thing: a list of "Edit" or
# "Remove" buttons must each say what they act on (WCAG 2.4.4, 2.4.6). Buttons are told apart by
# where their form goes and what it sends (its form token aside); links by where they lead.
SAME_NAME_DIFFERENT_ACTION = """() => {
  const actions = new Map();
  const controls = document.querySelectorAll('a[href], button, input[type=submit]');
  for (const el of controls) {
    if (el.closest('[hidden]')) continue;
    const name = (el.getAttribute('aria-label') || el.textContent || el.value || '')
      .replace(/\\s+/g, ' ').trim();
    let action;
    if (el.tagName === 'A') {
      action = el.href;
    } else if (el.form) {
      const sent = new URLSearchParams(new FormData(el.form));
      sent.delete('csrfmiddlewaretoken');
      if (el.name) sent.append(el.name, el.value);
      action = el.form.action + ' ' + sent.toString();
    } else {
      continue;
    }
    if (!name) continue;
    if (!actions.has(name)) actions.set(name, new Map());
    actions.get(name).set(action, el.outerHTML.slice(0, 240));
  }
  return [...actions].filter(([, by]) => by.size > 1).map(([name, by]) => [name, [...by.values()]]);
}"""


@dataclass(frozen=True)
class Known:
    """A finding on a page being reworked under another point of the same issue: left to that
    work, named here page by page and rule by rule, and removed when the page is fixed."""

    page: str  # a regular expression matched against the page's path
    tool: str  # "axe" or "vnu"
    rule: str  # axe's rule id, the Nu Html Checker's message, or the repeated name
    why: str


# Nothing else is ignored. Each entry names one page and one rule; remove it once the page passes.
KNOWN: tuple[Known, ...] = ()


@dataclass
class Document:
    """One HTML document a browser test loaded."""

    url: str
    method: str
    status: int
    html: bytes
    test: str

    @property
    def page(self) -> str:
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def label(self) -> str:
        return f"{self.method} {self.page} ({self.status}, loaded by {self.test})"


@dataclass(frozen=True)
class Finding:
    document: Document
    tool: str
    rule: str
    impact: str
    where: str
    message: str

    def known(self) -> Known | None:
        for entry in KNOWN:
            if (
                entry.tool == self.tool
                and self.rule == entry.rule
                and re.search(entry.page, urlsplit(self.document.url).path)
            ):
                return entry
        return None

    def __str__(self) -> str:
        impact = f" [{self.impact}]" if self.impact else ""
        return (
            f"{self.document.label()}\n    {self.tool} {self.rule}{impact}: {self.message}\n"
            f"    at {self.where}"
        )


def report(findings: list[Finding], what: str) -> str:
    lines = [f"{len(findings)} {what}:"]
    lines += [str(f) for f in findings]
    return "\n".join(lines)


class Recorder:
    """The HTML documents the live server sent to browsers since the last look."""

    def __init__(self) -> None:
        self.active = False
        self.test = "(no test)"
        self._lock = threading.Lock()
        self._documents: list[Document] = []

    def keep(self, document: Document) -> None:
        with self._lock:
            self._documents.append(document)

    def take(self) -> list[Document]:
        with self._lock:
            documents, self._documents = self._documents, []
        return documents


RECORDER = Recorder()


def record_pages(get_response: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Test-settings middleware: keeps each page a browser test navigates to."""

    def middleware(request: Any) -> Any:
        response = get_response(request)
        if (
            RECORDER.active
            and request.headers.get("Sec-Fetch-Dest") == "document"
            and not response.streaming
            and not 300 <= response.status_code < 400  # a redirect has no page of its own
            and response.get("Content-Type", "").startswith("text/html")
        ):
            RECORDER.keep(
                Document(
                    request.build_absolute_uri(),
                    request.method,
                    response.status_code,
                    bytes(response.content),
                    RECORDER.test,
                )
            )
        return response

    return middleware


@dataclass
class PageChecker:
    """Checks the pages the live server sent to the browser tests."""

    browser: Any
    folder: Path
    for_html_check: list[Document] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    pages_checked: int = 0
    _checking: Any = None
    _replaying: Document | None = None

    @staticmethod
    def missing_tools() -> str | None:
        if not AXE.exists() or not VNU.exists():
            return "axe-core and vnu-jar are missing: run `make checkers` (make test does)"
        if shutil.which("java") is None:
            return "Java is missing: run scripts/setup-system (make test does)"
        return None

    # -- axe ----------------------------------------------------------------------------------

    def _checking_page(self) -> Any:
        if self._checking is None:
            # Our own context, allowed to inject axe despite the page's CSP; the page comes from
            # what was kept, its style sheets and images from the live server, nothing else.
            context = self.browser.new_context(bypass_csp=True)
            context.add_init_script(path=str(AXE))  # sent to the browser once, not per page
            context.route("**/*", self._serve)
            self._checking = context.new_page()
        return self._checking

    def _serve(self, route: Any) -> None:
        request = route.request
        document = self._replaying
        if document is not None and request.url == document.url:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=document.html)
        elif urlsplit(request.url).path.startswith("/static/"):
            route.continue_()
        else:
            route.abort()

    def check_pending(self) -> list[Finding]:
        """Runs axe over each page loaded since the last call; keeps them for the HTML check."""
        documents = RECORDER.take()
        findings: list[Finding] = []
        for document in documents:
            key = hashlib.sha256(_CSRF.sub(b"", document.html)).hexdigest()
            if key in self.seen:
                continue  # the same page again (only its form token differs)
            self.seen.add(key)
            self.for_html_check.append(document)
            findings += self._axe(document)
        return findings

    def _axe(self, document: Document) -> list[Finding]:
        page = self._checking_page()
        self._replaying = document
        page.goto(document.url, wait_until="load")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        repeated = page.evaluate(SAME_NAME_DIFFERENT_ACTION)
        self._replaying = None
        self.pages_checked += 1
        findings = [
            Finding(
                document,
                "names",
                f"same-name-different-action: {name}",
                "",
                " | ".join(elements),
                f"{len(elements)} links or buttons with these words do different things",
            )
            for name, elements in repeated
        ]
        for violation in result["violations"]:
            if violation["impact"] not in FAILING_IMPACTS:
                continue
            for node in violation["nodes"]:
                findings.append(
                    Finding(
                        document,
                        "axe",
                        violation["id"],
                        violation["impact"],
                        f"{' '.join(map(str, node['target']))}: {node['html'][:240]}",
                        violation["help"],
                    )
                )
        return findings

    # -- the Nu Html Checker ------------------------------------------------------------------

    def check_html(self) -> list[Finding]:
        """One run of the Nu Html Checker over every page kept this session."""
        if not self.for_html_check:
            return []
        by_file: dict[str, Document] = {}
        for number, document in enumerate(self.for_html_check):
            path = self.folder / f"page-{number:04d}.html"
            path.write_bytes(document.html)
            by_file[path.resolve().as_uri()] = document
        ran = subprocess.run(
            [
                "java",
                # The checker needs a deep stack; compiling only with the quick compiler halves the
                # processor time of one short run.
                "-Xss4m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                str(VNU),
                "--errors-only",
                "--exit-zero-always",
                "--stdout",
                "--format",
                "json",
                *(str(self.folder / f"page-{n:04d}.html") for n in range(len(by_file))),
            ],
            capture_output=True,
            check=False,
        )
        if ran.returncode != 0 or not ran.stdout.strip():
            raise RuntimeError(f"the Nu Html Checker did not run: {ran.stderr.decode()[-2000:]}")
        findings = []
        for message in json.loads(ran.stdout)["messages"]:
            checked = by_file.get(_file_uri(message.get("url", "")))
            if checked is None or message.get("type") != "error":
                raise RuntimeError(f"unexpected answer from the Nu Html Checker: {message}")
            findings.append(
                Finding(
                    checked,
                    "vnu",
                    message["message"],
                    "",
                    f"line {message.get('lastLine', '?')}: {message.get('extract', '').strip()}",
                    "HTML error",
                )
            )
        return findings


def _file_uri(url: str) -> str:
    """The checker writes file:/path; Python writes file:///path."""
    return re.sub(r"^file:/+", "file:///", url)


def split_known(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings that fail the suite, and those listed in KNOWN."""
    failing = [f for f in findings if f.known() is None]
    return failing, [f for f in findings if f.known() is not None]
