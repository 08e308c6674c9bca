"""With JavaScript off, a coordinator sees the dashboard's charts, and a visitor the public page
of a published release with its charts."""

from __future__ import annotations

from datetime import date

import pytest

from safepassage.core.roles import Role
from safepassage.reports import services
from safepassage.reports.tests.bulk import make_cases
from safepassage.testing import make_organisation, make_staff
from tests.browser.test_staff_flows import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _charts_seen(page, url: str) -> list[tuple[str, int, str]]:
    seen: list[tuple[str, int, str]] = []
    page.on(
        "response",
        lambda r: (
            seen.append((r.url, r.status, r.headers.get("content-type", "")))
            if r.url.split("?")[0].endswith(".svg")
            else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return seen


def test_charts_and_the_public_page_show_with_javascript_off(live_server, browser):
    organisation = make_organisation()
    coordinator = make_staff(organisation, Role.COORDINATOR)
    make_cases(organisation, coordinator, 400, date(2024, 1, 1), 365)
    base = live_server.url

    staff_context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = staff_context.new_page()
    _sign_in(page, base, coordinator)
    seen = _charts_seen(page, f"{base}/figures/?first=2024-01&last=2024-12")
    assert page.locator("h1").inner_text() == "Figures"
    charts = page.locator("img.chart")
    assert charts.count() >= 4
    assert len(seen) == charts.count()
    assert all(status == 200 and kind == "image/svg+xml" for _u, status, kind in seen)
    staff_context.close()

    draft = services.prepare(
        coordinator,
        title="2024",
        first="2024-01",
        last="2024-12",
        tables=["events_by_month", "transit_countries"],
    )
    services.preview(draft, coordinator)
    release = services.publish(draft, coordinator)

    visitor = browser.new_context(java_script_enabled=False, locale="ru-RU")
    page = visitor.new_page()
    seen = _charts_seen(page, f"{base}/published-figures/{release.public_id}/ru/")
    assert page.locator("h1").inner_text() == "2024"
    assert page.locator("img.chart").count() == 2
    assert [status for _u, status, _k in seen] == [200, 200]
    assert page.locator("table.figures").count() == 2
    assert visitor.cookies() == []
    visitor.close()
