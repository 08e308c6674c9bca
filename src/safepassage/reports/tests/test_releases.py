"""Releases: threshold and suppression that no one can undo, differencing refused, the privacy
ledger adds up and the budget holds, bad input refused with nothing published, signed files."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from safepassage.reports import disclosure, services
from safepassage.reports.disclosure import FEWER, HIDDEN, Table
from safepassage.reports.models import LedgerEntry, Release, ReleaseStatus
from safepassage.reports.services import ReleaseError
from safepassage.reports.tests.bulk import make_cases

pytestmark = pytest.mark.django_db


# -- an attacker who knows the published table and its totals -------------------------------------


def recover(published: dict[str, Any], threshold: int) -> list[tuple[int, int, int]]:
    """Every hidden cell whose value the published row and its total pin to one value, found by
    trying every combination of values (rows, column, value)."""
    recovered = []
    for i, (values, total) in enumerate(zip(published["cells"], published["totals"], strict=True)):
        hidden = [j for j, v in enumerate(values) if v in (FEWER, HIDDEN)]
        if not hidden or not isinstance(total, int):
            continue  # a hidden total leaves only the bounds of each cell: never one value
        rest = total - sum(v for v in values if isinstance(v, int))
        ranges = [range(1, threshold) if values[j] == FEWER else range(1, rest + 1) for j in hidden]
        possible: list[set[int]] = [set() for _ in hidden]
        for combo in itertools.product(*ranges[:-1]):
            last = rest - sum(combo)
            if last in ranges[-1]:
                for k, value in enumerate((*combo, last)):
                    possible[k].add(value)
        for k, j in enumerate(hidden):
            if len(possible[k]) == 1:
                recovered.append((i, j, next(iter(possible[k]))))
    return recovered


def random_table(rng: random.Random) -> Table:
    rows = [f"r{i}" for i in range(rng.randint(1, 3))]
    columns = [f"c{j}" for j in range(rng.randint(1, 4))]
    cells = {
        (r, c): rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 12, 14]) for r in rows for c in columns
    }
    return Table("t", rows, columns, cells)


def test_no_suppressed_cell_can_be_recovered_from_a_table_and_its_totals():
    rng = random.Random(17)
    checked = 0
    for _ in range(400):
        table = random_table(rng)
        published = disclosure.protect(table, threshold=5, rounding=1).as_dict()
        assert recover(published, 5) == [], (table.cells, published)
        checked += sum(v in (FEWER, HIDDEN) for row in published["cells"] for v in row)
    assert checked > 300  # the tables did hide cells


def test_the_attacker_finds_a_cell_left_alone_in_its_row():
    """The check can fail: with primary suppression only, the total gives the cell away."""
    table = Table("t", ["r"], ["a", "b"], {("r", "a"): 12, ("r", "b"): 3})
    naive = disclosure.Protected(table, 10, 1, marks={("r", "b"): FEWER})
    assert recover(naive.as_dict(), 10) == [(0, 1, 3)]
    assert recover(disclosure.protect(table, 10, 1).as_dict(), 10) == []


def test_two_small_cells_that_sum_to_their_minimum_are_protected():
    table = Table("t", ["r"], ["a", "b", "c"], {("r", "a"): 15, ("r", "b"): 1, ("r", "c"): 1})
    published = disclosure.protect(table, 10, 1).as_dict()
    assert published["cells"][0][0] == HIDDEN
    assert recover(published, 10) == []


def test_rounding_goes_to_the_nearest_multiple():
    assert [disclosure.round_to(v, 5) for v in (10, 12, 13, 17, 0)] == [10, 10, 15, 15, 0]


# -- releases of real figures -------------------------------------------------------------------


@pytest.fixture
def history(organisation: Any, coordinator: Any) -> None:
    make_cases(organisation, coordinator, 600, date(2024, 1, 1), 365)


def release(coordinator: Any, **kwargs: Any) -> Release:
    values: dict[str, Any] = {
        "title": "Year 2024",
        "first": "2024-01",
        "last": "2024-12",
        "tables": ["events_by_month", "transit_countries", "protecting_states"],
    }
    values.update(kwargs)
    return services.prepare(coordinator, **values)


def test_a_threshold_release_is_published_signed_and_verifies(history, coordinator):
    draft = release(coordinator)
    preview = services.preview(draft, coordinator)
    assert preview.problems == []
    published = services.publish(draft, coordinator)
    statement = services.verify_document(services.document_of(published))
    assert statement["method"] == {"name": "threshold", "threshold": 10, "rounding": 5}
    assert statement["period"] == {"from": "2024-01", "to": "2024-12"}
    table = statement["tables"]["transit_countries"]
    assert all(v in (FEWER, HIDDEN) or v % 5 == 0 for v in table["cells"][0])
    assert recover(table, 10) == []


def test_a_changed_byte_of_a_published_release_fails_verification(history, coordinator):
    draft = release(coordinator)
    services.preview(draft, coordinator)
    raw = services.document_of(services.publish(draft, coordinator))
    tampered = raw.replace(b'"Year 2024"', b'"Year 2025"')
    with pytest.raises(ReleaseError, match="does not verify"):
        services.verify_document(tampered)


def test_publication_freezes_the_release(history, coordinator):
    draft = release(coordinator)
    services.preview(draft, coordinator)
    published = services.publish(draft, coordinator)
    document = services.document_of(published)
    with pytest.raises(ReleaseError, match="frozen"):
        release(coordinator, release=published, title="Changed")
    with pytest.raises(ReleaseError, match="frozen"):
        services.publish(published, coordinator)
    published.refresh_from_db()
    assert services.document_of(published) == document
    assert published.title == "Year 2024"


def test_the_same_table_later_with_one_more_man_is_refused(history, organisation, coordinator):
    first = release(coordinator, tables=["transit_countries"])
    services.preview(first, coordinator)
    services.publish(first, coordinator)
    # A week later one more man's arrival in Kazakhstan in 2024 is recorded.
    from safepassage.cases.models import Case, Milestone

    late = Case.objects.filter(organisation=organisation).exclude(
        milestones__kind="reached_transit"
    )[0]
    Milestone.objects.create(
        case=late, kind="reached_transit", day=date(2024, 6, 3), country_id="KZ"
    )
    second = release(coordinator, tables=["transit_countries"], title="Year 2024 again")
    preview = services.preview(second, coordinator)
    assert any("differs by fewer than 10" in p for p in preview.problems)
    with pytest.raises(ReleaseError, match="differs by fewer than 10"):
        services.publish(second, coordinator)
    assert Release.objects.get(pk=second.pk).status == ReleaseStatus.DRAFT


def test_the_same_total_in_another_table_later_is_refused(history, organisation, coordinator):
    first = release(coordinator, tables=["transit_countries"])
    services.preview(first, coordinator)
    services.publish(first, coordinator)
    from safepassage.cases.models import Case, Milestone

    late = Case.objects.filter(organisation=organisation).exclude(
        milestones__kind="reached_transit"
    )[0]
    Milestone.objects.create(case=late, kind="reached_transit", day=date(2024, 6, 3))
    second = release(coordinator, tables=["service_categories"], title="By category")
    problems = services.preview(second, coordinator).problems
    assert any("the total of reached_transit differs by fewer than 10" in p for p in problems)


def test_figures_that_change_after_the_preview_are_not_published(
    history, organisation, coordinator
):
    draft = release(coordinator, tables=["transit_countries"])
    services.preview(draft, coordinator)
    from safepassage.cases.models import Case, Milestone

    late = Case.objects.filter(organisation=organisation).exclude(
        milestones__kind="reached_transit"
    )[0]
    Milestone.objects.create(
        case=late, kind="reached_transit", day=date(2024, 6, 3), country_id="KZ"
    )
    with pytest.raises(ReleaseError, match="changed since the preview"):
        services.publish(draft, coordinator)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"first": "2023-01", "last": "2023-02"}, "Nothing was recorded"),
        ({"first": "2999-01", "last": "2999-02"}, "future"),
        ({"first": "2024-06", "last": "2024-02"}, "ends before it starts"),
        ({"first": "June", "last": "2024-02"}, "YYYY-MM"),
        ({"tables": []}, "Tables"),
        ({"tables": ["names"]}, "Tables"),
        ({"title": "  "}, "Title"),
        ({"threshold": 1}, "Threshold"),
        ({"method": "privacy", "epsilon": "-1"}, "Epsilon"),
        ({"method": "privacy", "epsilon": "lots"}, "Epsilon"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_published(
    history, coordinator, values, message
):
    def attempt() -> None:
        draft = release(coordinator, **values)
        services.preview(draft, coordinator)
        services.publish(draft, coordinator)

    with pytest.raises(ReleaseError, match=message):
        attempt()
    assert not Release.objects.filter(status=ReleaseStatus.PUBLISHED).exists()


def test_a_cut_so_fine_that_every_cell_is_suppressed_is_refused(history, coordinator):
    draft = release(
        coordinator, first="2024-03", last="2024-03", tables=["closed_by_reason"], threshold=100
    )
    assert any("Every cell" in p for p in services.preview(draft, coordinator).problems)
    with pytest.raises(ReleaseError, match="Every cell"):
        services.publish(draft, coordinator)
    assert Release.objects.get(pk=draft.pk).document is None


def test_the_current_month_cannot_be_released(coordinator):
    today = date.today()
    with pytest.raises(ReleaseError, match="not ended"):
        release(coordinator, first=f"{today:%Y-%m}", last=f"{today:%Y-%m}")


# -- differential privacy -----------------------------------------------------------------------


def dp_release(coordinator: Any, epsilon: str, title: str = "Noisy") -> Release:
    return release(
        coordinator,
        method="privacy",
        epsilon=epsilon,
        title=title,
        tables=["events_by_month", "protecting_states"],
    )


def test_the_privacy_ledger_adds_up_and_the_budget_is_shown(history, coordinator):
    services.set_budget(coordinator, date.today().year, "2")
    spent: list[Decimal] = []
    for n, epsilon in enumerate(["0.5", "0,75"]):  # a decimal comma as French users type it
        draft = dp_release(coordinator, epsilon, title=f"Noisy {n}")
        preview = services.preview(draft, coordinator)
        assert preview.budget["budget"] == Decimal(2)
        assert preview.budget["spent"] == sum(spent, Decimal(0))
        spent.append(preview.budget["cost"])
        services.publish(draft, coordinator)
    ledger = list(LedgerEntry.objects.values_list("epsilon", flat=True))
    assert ledger == spent
    assert abs(sum(ledger) - Decimal("1.25")) < Decimal("0.0001")
    budget = services.budget_of(coordinator.organisation_id, date.today().year)
    assert budget["spent"] == sum(ledger)
    assert budget["left"] == Decimal(2) - sum(ledger)


def test_a_release_over_the_budget_is_refused_and_spends_nothing(history, coordinator):
    services.set_budget(coordinator, date.today().year, "1")
    first = dp_release(coordinator, "0.75")
    services.preview(first, coordinator)
    services.publish(first, coordinator)
    second = dp_release(coordinator, "0.5", title="Too much")
    preview = services.preview(second, coordinator)
    assert any("budget" in p for p in preview.problems)
    with pytest.raises(ReleaseError, match="budget"):
        services.publish(second, coordinator)
    assert LedgerEntry.objects.count() == 1
    assert Release.objects.get(pk=second.pk).status == ReleaseStatus.DRAFT


def test_a_private_release_publishes_noisy_counts_of_once_per_man_events(history, coordinator):
    draft = dp_release(coordinator, "1")
    services.preview(draft, coordinator)
    statement = json.loads(services.document_of(services.publish(draft, coordinator)))["statement"]
    assert statement["method"]["name"] == "differential_privacy"
    rows = statement["tables"]["events_by_month"]["rows"]
    assert "consultation" not in rows
    assert "closed" not in rows
    assert "first_contact" in rows


def test_repeatable_events_cannot_be_released_with_privacy(history, coordinator):
    draft = release(coordinator, method="privacy", epsilon="1", tables=["closed_by_reason"])
    assert any("more than once" in p for p in services.preview(draft, coordinator).problems)
