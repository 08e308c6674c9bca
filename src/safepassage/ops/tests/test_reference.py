"""Reference data reaches an existing install only through `safepassage reference`, which shows
each change first: new items are added, items still as a release shipped them are updated, and
items changed here are kept unless named."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.audit.models import AuditEntry
from safepassage.cases.models import Country, StayRule
from safepassage.intake.models import OutreachPage
from safepassage.ops import reference

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("reference", *args, stdout=out)
    return out.getvalue()


def test_an_install_of_this_release_has_nothing_to_change():
    assert reference.plan() == []
    assert "0 to write, 0 kept; nothing written" in _run("show")


@pytest.fixture
def next_release(monkeypatch):
    """What a later release ships: Kazakhstan's window changed, a new country, a new outreach
    text."""
    items = reference.shipped()
    items["stay_rule:KZ"] = {**items["stay_rule:KZ"], "max_days_in_window": 60}
    items["stay_rule:AM"] = {**items["stay_rule:AM"], "notes": "New notes for Armenia."}
    items["country:AQ"] = {"name_en": "Antarctica", "name_ru": "Антарктида",
                           "name_fr": "Antarctique", "transit": False}  # fmt: skip
    items["outreach:options.en"] = {**items["outreach:options.en"], "title": "Your options now"}
    monkeypatch.setattr(reference, "shipped", lambda root=reference.PACKAGE: items)
    # An organisation changed Armenia's rule and its English options page itself.
    StayRule.objects.filter(country_id="AM").update(notes="Our own notes.")
    OutreachPage.objects.filter(slug="options", language="en").update(title="Our own title")
    return items


def test_show_lists_each_change_and_writes_nothing(next_release):
    entries = AuditEntry.objects.count()
    text = _run("show")
    assert "stay_rule:KZ: changed in the release: will be updated [max_days_in_window]" in text
    assert "country:AQ: new: will be added" in text
    assert "stay_rule:AM: changed here: kept (name it with --overwrite to replace) [notes]" in text
    assert "outreach:options.en: changed here: kept" in text
    assert "2 to write, 2 kept; nothing written" in text
    assert StayRule.objects.get(country_id="KZ").max_days_in_window == 90
    assert not Country.objects.filter(code="AQ").exists()
    assert AuditEntry.objects.count() == entries


def test_apply_updates_untouched_items_and_keeps_local_changes(next_release):
    text = _run("apply")
    assert "reference data applied: 2 written, 2 kept" in text
    assert StayRule.objects.get(country_id="KZ").max_days_in_window == 60
    assert Country.objects.get(code="AQ").name_ru == "Антарктида"
    assert StayRule.objects.get(country_id="AM").notes == "Our own notes."
    assert OutreachPage.objects.get(slug="options", language="en").title == "Our own title"
    entry = AuditEntry.objects.get(action="reference.applied")
    assert entry.details == '{"add":1,"update":1}'
    assert "0 to write, 2 kept" in _run("show")


def test_overwrite_replaces_a_named_local_change(next_release):
    _run("apply", "--overwrite", "stay_rule:AM")
    assert StayRule.objects.get(country_id="AM").notes == "New notes for Armenia."
    assert OutreachPage.objects.get(slug="options", language="en").title == "Our own title"


def test_an_unknown_item_is_refused_before_anything_is_written(next_release):
    with pytest.raises(CommandError, match="not a reference item of this release: stay_rule:ZZ"):
        _run("apply", "--overwrite", "stay_rule:ZZ")
    assert StayRule.objects.get(country_id="KZ").max_days_in_window == 90
