"""Forms take what people type, mistakes can be undone, each person has his own stay clock, and
the case page opens with a summary. Everything through the pages, as a caseworker would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import services
from safepassage.cases.models import (
    Case,
    CriminalCase,
    DocumentHeld,
    Note,
    Notification,
    Person,
    PersonKind,
    PressureEvent,
    ProtectionTrack,
    ServicePeriod,
    Stay,
    Task,
)
from safepassage.testing import verified_client
from safepassage.vault import fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker, case_of):
    return case_of(caseworker)


@pytest.fixture
def client(caseworker):
    return verified_client(caseworker)


def principal(case) -> Person:
    return Person.objects.get(case=case.case, kind=PersonKind.PRINCIPAL)


def add(client, case, kind: str, data: dict[str, Any]) -> Any:
    return client.post(reverse("cases:row_new", args=[case.case.reference, kind]), data)


# -- 1. forms take what people type ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Казахстан", "Kazakhstan", "kazakhstan ", "KZ", "Kazakh"])
def test_the_country_he_is_in_is_taken_by_its_name_in_any_language(client, typed):
    response = client.post(reverse("cases:create"), {"principal_name": "Олег", "country": typed})
    assert response.status_code == 302
    assert Case.objects.get().country_id == "KZ"


def test_a_country_not_on_the_list_is_refused_naming_what_was_typed(client):
    response = client.post(reverse("cases:create"), {"principal_name": "Олег", "country": "Narnia"})
    assert response.status_code == 200
    assert "“Narnia” is not a country on the list" in response.content.decode()
    assert not Case.objects.exists()


def test_country_names_are_offered_in_the_readers_language_without_javascript(client):
    client.post("/language/", {"language": "ru", "next": "/"})
    page = client.get(reverse("cases:create")).content.decode()
    assert 'list="id_country-countries"' in page
    assert '<datalist id="id_country-countries">' in page
    assert '<option value="Казахстан"></option>' in page


@pytest.mark.parametrize(("first", "second"), [("Россия", "Украина"), ("Russie", "Ukraine")])
def test_citizenships_are_typed_by_name(client, case, first, second):
    data = {"kind": "spouse", "name_cyrillic": "Мария", "citizenship": first}
    data["second_citizenship"] = second
    assert add(client, case, "person", data).status_code == 302
    spouse = Person.objects.get(case=case.case, kind=PersonKind.SPOUSE)
    assert fields.read(case.key, spouse, "citizenships") == ["RU", "UA"]


def test_a_latin_spelling_is_two_fields_with_the_document_a_choice(client, case):
    data = {
        "kind": "spouse",
        "name_cyrillic": "Мария",
        "spelling_1": "MARIIA PETROVA",
        "document_1": "foreign_passport",
        "spelling_2": "Maria Petrova",
        "document_2": "visa",
    }
    assert add(client, case, "person", data).status_code == 302
    spouse = Person.objects.get(case=case.case, kind=PersonKind.SPOUSE)
    assert fields.read(case.key, spouse, "latin_spellings") == [
        {"spelling": "MARIIA PETROVA", "document": "foreign_passport"},
        {"spelling": "Maria Petrova", "document": "visa"},
    ]
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    assert "MARIIA PETROVA (Foreign passport); Maria Petrova (Visa)" in page


def test_a_spelling_without_its_document_is_refused_and_nothing_saved(client, case):
    data = {"kind": "spouse", "name_cyrillic": "Мария", "spelling_1": "MARIIA PETROVA"}
    response = add(client, case, "person", data)
    assert "document_1" in response.context["form"].errors
    assert Person.objects.filter(case=case.case).count() == 1


def test_every_field_says_what_it_wants_before_anything_is_sent(client, case):
    page = client.get(reverse("cases:row_new", args=[case.case.reference, "person"])).content
    text = page.decode()
    for hint in (
        "As much as is known: 1990, 1990-05 or 1990-05-17.",
        "Type its name in any language, or choose it.",
        "As written in a document, letter for letter.",
        "A case has one principal: the man who asked for help.",
    ):
        assert hint in text
    assert "one per line: spelling | document" not in text


# -- 2. mistakes can be undone -------------------------------------------------------------------


def test_who_a_person_is_has_no_default(client, case):
    form = client.get(reverse("cases:row_new", args=[case.case.reference, "person"])).context[
        "form"
    ]
    assert form["kind"].value() in (None, "")
    response = add(client, case, "person", {"name_cyrillic": "Мария"})
    assert "Choose who this person is." in response.content.decode()
    assert Person.objects.filter(case=case.case).count() == 1


def test_a_second_principal_is_refused_unless_it_replaces_the_first(client, case):
    data = {"kind": "principal", "name_cyrillic": "Пётр Иванов"}
    refused = add(client, case, "person", data)
    assert "kind" in refused.context["form"].errors
    assert Person.objects.filter(case=case.case).count() == 1
    assert add(client, case, "person", {**data, "replace_principal": "on"}).status_code == 302
    kinds = {
        fields.read(case.key, p, "name_cyrillic"): p.kind
        for p in Person.objects.filter(case=case.case)
    }
    assert kinds == {"Пётр Иванов": PersonKind.PRINCIPAL, "Иван Петров": PersonKind.OTHER}
    assert AuditEntry.objects.filter(action="case.principal_changed").count() == 1
    listing = client.get(reverse("cases:list")).content.decode()
    assert "Пётр Иванов" in listing


def test_the_principal_cannot_be_removed_or_stop_being_one(client, case):
    himself = principal(case)
    url = reverse("cases:row_delete", args=[case.case.reference, "person", himself.pk])
    assert "cannot be removed" in client.get(url).content.decode()
    client.post(url)
    assert Person.objects.filter(pk=himself.pk).exists()
    with pytest.raises(services.CaseError):
        services.save_row(case, himself, {}, plain={"kind": PersonKind.CHILD})


def _rows(case, person):
    return {
        "person": person,
        "stay": services.save_row(
            case,
            Stay(case=case.case),
            {"country": "KZ", "entered_on": timezone.localdate()},
            plain={"person": person.pk},
        ),
        "service": services.save_row(case, ServicePeriod(case=case.case), {"rank": "Private"}),
        "criminal": services.save_row(case, CriminalCase(case=case.case), {"article": "338"}),
        "document": services.save_row(
            case, DocumentHeld(case=case.case), {"doc_type": "visa"}, plain={"person": person.pk}
        ),
        "task": services.save_row(case, Task(case=case.case), {"title": "call"}),
        "pressure": services.save_row(case, PressureEvent(case=case.case), {"kind": "search"}),
        "protection": services.save_row(case, ProtectionTrack(case=case.case), {"route": ""}),
        "note": services.save_row(case, Note(case=case.case), {"text": "x"}),
    }


@pytest.mark.parametrize(
    "kind",
    ["stay", "service", "criminal", "document", "task", "pressure", "protection", "note", "person"],
)
def test_every_kind_of_row_can_be_removed_after_a_page_that_names_it(client, case, kind):
    wife = services.save_row(
        case, Person(case=case.case), {"name_cyrillic": "Мария"}, plain={"kind": "spouse"}
    )
    rows = _rows(case, wife)
    row = rows[kind]
    url = reverse("cases:row_delete", args=[case.case.reference, kind, row.pk])
    assert client.get(url).status_code == 200
    assert type(row).objects.filter(pk=row.pk).exists()  # a look changes nothing
    assert client.post(url).status_code == 302
    assert not type(row).objects.filter(pk=row.pk).exists()
    entry = AuditEntry.objects.get(action=f"case.{row._meta.model_name}_deleted")
    assert str(row.pk) in entry.details
    if kind == "person":  # her stay and her document went with her
        assert not Stay.objects.filter(pk=rows["stay"].pk).exists()
        assert not DocumentHeld.objects.filter(pk=rows["document"].pk).exists()


def test_the_case_page_names_what_each_edit_and_remove_acts_on(client, case):
    services.save_row(
        case,
        Stay(case=case.case),
        {"country": "KZ", "entered_on": timezone.localdate()},
        plain={"person": principal(case).pk},
    )
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    assert '<span class="visually-hidden"> stay: Kazakhstan · ' in page
    assert '<span class="visually-hidden"> person: Иван Петров</span>' in page


# -- 3. stays belong to people --------------------------------------------------------------------


def _stay(client, case, person, days_ago: int):
    entered = (timezone.localdate() - timedelta(days=days_ago)).isoformat()
    data = {"country": "Казахстан", "entered_on": entered, "person": person.pk}
    assert add(client, case, "stay", data).status_code == 302


def test_each_person_has_his_own_clock_and_alert_on_today(client, case):
    wife = services.save_row(
        case, Person(case=case.case), {"name_cyrillic": "Мария"}, plain={"kind": "spouse"}
    )
    _stay(client, case, principal(case), 85)  # Kazakhstan: 90 days in 180, 5 days left
    _stay(client, case, wife, 70)  # she came later: 20 days left
    clocks = {
        stay.person_id: fields.read(case.key, stay, "legal_until")
        for stay in Stay.objects.filter(case=case.case)
    }
    today = timezone.localdate()
    assert clocks == {principal(case).pk: today + timedelta(days=4), wife.pk: today + timedelta(19)}
    page = client.get(reverse("cases:today")).content.decode()
    assert "2 alerts." in page
    assert "Legal stay runs out · Мария</td>" in page


def test_the_stay_says_which_rule_computed_its_end(client, case):
    _stay(client, case, principal(case), 10)
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    assert "Rule for Kazakhstan: at most 90 days in any 180" in page


def test_the_case_warns_when_its_country_is_not_that_of_his_current_stay(client, case):
    services.save_case_settings(case, "AM", None, case.case.retention_date)
    _stay(client, case, principal(case), 10)
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    assert "The case says he is in Armenia, but his current stay is in Kazakhstan." in page


# -- 5. the count on Today is the count of its rows ------------------------------------------------


def test_today_counts_the_alerts_it_shows_and_a_look_changes_nothing(client, case, caseworker):
    Notification.objects.create(staff=caseworker, cases_needing_attention=7)  # an old count
    _stay(client, case, principal(case), 85)
    page = client.get(reverse("cases:today")).content.decode()
    assert "1 alert." in page
    assert "7 of your cases" not in page  # the hourly count is not shown as the page's count
    assert Notification.objects.get().read_at is None  # a GET writes nothing


# -- 8. the case page reads as a page -----------------------------------------------------------


def test_the_case_page_opens_with_a_summary_and_folding_sections(client, case):
    _stay(client, case, principal(case), 85)
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    summary = page.split('<section class="summary"')[1].split("</section>")[0]
    for words in ("Who", "Иван Петров", "Where", "Next deadline", "Legal stay runs out", "Stage"):
        assert words in summary
    assert page.count('<details class="section"') >= 10
    assert "Latin spellings, one per line" not in page


# -- 7. words, not codes ------------------------------------------------------------------------


def test_the_access_log_is_in_words_and_groups_repeated_views(coordinator, case):
    client = verified_client(coordinator)
    detail = reverse("cases:detail", args=[case.case.reference])
    for _ in range(3):
        client.get(detail)
    page = client.get(reverse("cases:access", args=[case.case.reference])).content.decode()
    log = page.split("Access log")[1]
    assert "Opened the case (3 times)" in log
    assert "case.viewed" not in log
    assert "<code>" not in log


def test_a_note_is_read_in_its_own_language_and_the_warning_box_names_its_confirmation(
    client, case
):
    services.save_row(case, Note(case=case.case), {"text": "Он сейчас в Алматы, всё хорошо."})
    page = client.get(reverse("cases:detail", args=[case.case.reference])).content.decode()
    assert '<p lang="ru">Он сейчас в Алматы, всё хорошо.</p>' in page
    url = reverse("cases:row_new", args=[case.case.reference, "note"])
    warned = client.post(url, {"text": "he lives at ул. Абая, д. 15"}).content.decode()
    assert 'id="must-not-hold"' in warned
    assert 'aria-describedby="must-not-hold"' in warned
