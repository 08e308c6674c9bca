"""A real browser: Debian's Chromium driven by Playwright (never a browser downloaded by a tool)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.pagecheck import RECORDER, PageChecker, report, split_known

# Playwright's synchronous API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run scripts/setup-system (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def page_checker(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageChecker]:
    """At the end of the session, one run of the Nu Html Checker over every page the tests
    loaded."""
    missing = PageChecker.missing_tools()
    if missing:
        pytest.fail(missing)
    checker = PageChecker(browser, tmp_path_factory.mktemp("pages"))
    yield checker
    failing, _known = split_known(checker.check_html())
    if failing:
        pytest.fail(report(failing, "HTML errors found by the Nu Html Checker"), pytrace=False)


@pytest.fixture(autouse=True)
def checked_pages(request: pytest.FixtureRequest, page_checker: PageChecker) -> Iterator[None]:
    """Every page a browser test loads is checked with axe once the test is over, whatever the
    test itself asserted; nothing to remember in the test."""
    RECORDER.test, RECORDER.active = request.node.nodeid, True
    try:
        yield
    finally:
        RECORDER.active = False
    failing, _known = split_known(page_checker.check_pending())
    if failing:
        pytest.fail(report(failing, "accessibility violations found by axe"), pytrace=False)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(locale="en-GB")
    yield ctx
    ctx.close()


@pytest.fixture
def no_js_context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(java_script_enabled=False, locale="ru-RU")
    yield ctx
    ctx.close()
