"""Case pages through the front door: need to know at every URL, the gate everywhere, warnings,
and bad input that changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.cases import services
from safepassage.cases.models import Case, Note, Person, PersonKind, Stay, Task
from safepassage.core.roles import Role
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db


def _case_patterns() -> list[URLPattern]:
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "cases":
            return [
                p
                for p in entry.url_patterns
                if isinstance(p, URLPattern) and "reference" in p.pattern.converters
            ]
    raise AssertionError("no cases URLs")


CASE_URLS = sorted(str(p.name) for p in _case_patterns())


@pytest.fixture
def world(coordinator, caseworker, make_staff, case_of):
    access = case_of(caseworker)
    note = services.save_row(access, Note(case=access.case, by=caseworker), {"text": "first"})
    task = services.save_row(access, Task(case=access.case), {"title": "call back"})
    outsider = make_staff(Role.CASEWORKER)
    return {
        "access": access,
        "note": note,
        "task": task,
        "outsider": outsider,
        "coordinator": coordinator,
        "caseworker": caseworker,
    }


def principal_of(world) -> Person:
    return Person.objects.get(case=world["access"].case, kind=PersonKind.PRINCIPAL)


def _url(name: str, world) -> str:
    kwargs = {"reference": world["access"].case.reference}
    pattern = next(p for p in _case_patterns() if p.name == name)
    if "kind" in pattern.pattern.converters:
        kwargs["kind"] = "note"
    if "pk" in pattern.pattern.converters:
        kwargs["pk"] = world["task"].pk if "task" in name else world["note"].pk
    if "staff_pk" in pattern.pattern.converters:
        kwargs["staff_pk"] = world["coordinator"].pk
    return reverse(f"cases:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", CASE_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.COORDINATOR, Role.VETTER])
def test_staff_not_assigned_get_404_at_every_case_url(name, method, role, world, make_staff):
    """Refused before anything of the case is read: 404 for the case, or 403/405 for a role or
    method the view never accepts, whatever the case."""
    from safepassage.cases import views
    from safepassage.core.access import permission_of
    from safepassage.core.roles import permissions_of

    outsider = make_staff(role)  # joined after the case was made: holds no key to it
    response = getattr(verified_client(outsider), method)(_url(name, world))
    view = getattr(views, next(p for p in _case_patterns() if p.name == name).callback.__name__)
    allowed_role = permission_of(view) in permissions_of(role)
    expected = {404, 405} if allowed_role else {403}
    assert response.status_code in expected, f"{name} answered {response.status_code}"


@pytest.mark.parametrize("name", CASE_URLS)
def test_every_case_url_goes_through_the_gate(name, world, monkeypatch):
    """With the gate shut, even the case's own caseworker gets nothing from any case URL."""
    from safepassage.cases import views

    calls = []

    def shut(*args, **kwargs):
        calls.append(args)
        raise Http404

    monkeypatch.setattr(views, "open_case", shut)
    client = verified_client(world["coordinator"])
    for method in ("get", "post"):
        response = getattr(client, method)(_url(name, world))
        assert response.status_code in {404, 405}
    assert calls, f"{name} never called the gate"


@pytest.mark.parametrize("name", ["detail", "edit", "access", "row_new", "row_edit"])
def test_assigned_staff_reach_the_case_pages(name, world):
    response = verified_client(world["caseworker"]).get(_url(name, world))
    assert response.status_code == 200


def test_the_case_page_names_stages_and_codes_in_words(world):
    access = world["access"]
    services.move_stage(access, "consultation", "first call")
    services.save_case_fields(access, {"wanted_level": "federal", "risk_flags": ["detained"]})
    page = verified_client(world["caseworker"]).get(_url("detail", world)).content.decode()
    assert "First contact → Consultation" in page
    assert "Federal" in page
    assert "Detained" in page
    assert "first_contact" not in page


def test_case_pages_are_not_cached(world):
    response = verified_client(world["caseworker"]).get(_url("detail", world))
    assert response["Cache-Control"] == "no-store"


def test_a_note_with_an_address_needs_confirmation(world):
    client = verified_client(world["caseworker"])
    url = reverse("cases:row_new", args=[world["access"].case.reference, "note"])
    before = Note.objects.count()
    empty = client.get(url).content.decode()
    assert 'type="checkbox" name="confirm_warnings"' not in empty  # nothing to confirm yet
    response = client.post(url, {"text": "he lives at ул. Абая, д. 15"})
    assert response.status_code == 200
    assert [(w.label, w.field) for w in response.context["warnings"]] == [
        ("Street address", "Note")
    ]
    assert 'type="checkbox" name="confirm_warnings"' in response.content.decode()
    assert Note.objects.count() == before
    response = client.post(url, {"text": "he lives at ул. Абая, д. 15", "confirm_warnings": "on"})
    assert response.status_code == 302
    assert Note.objects.count() == before + 1
    entry = AuditEntry.objects.get(action="case.warning_overridden")
    assert "street_address" in entry.details
    assert "Абая" not in entry.details


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("stay", {"country": "KZ", "entered_on": "2025-03-01", "left_on": "2025-02-01"}, "left_on"),
        ("stay", {"country": "XX", "entered_on": "2025-03-01"}, "country"),
        ("stay", {"country": "KZ", "entered_on": "0001-01-01"}, "entered_on"),
        ("stay", {"country": "KZ", "entered_on": "2025-03-01", "left_on": "9999-12-31"}, "left_on"),
        (
            "person",
            {"kind": "child", "name_cyrillic": "Маша", "birth_date": "2999-01-01"},
            "birth_date",
        ),
        (
            "person",
            {"kind": "child", "name_cyrillic": "Маша", "birth_date": "2020-02-30"},
            "birth_date",
        ),
        ("criminal", {"article": "999", "status": "opened"}, "article"),
        ("service", {"started_on": "2023-05-01", "ended_on": "2022-01-01"}, "ended_on"),
        ("note", {"text": "x" * 25_000}, "text"),
    ],
)
def test_impossible_input_names_the_field_and_saves_nothing(kind, data, field, world):
    client = verified_client(world["caseworker"])
    url = reverse("cases:row_new", args=[world["access"].case.reference, kind])
    counts = (Stay.objects.count(), Person.objects.count(), Note.objects.count())
    if kind == "stay":
        data = {**data, "person": str(principal_of(world).pk)}
    response = client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (Stay.objects.count(), Person.objects.count(), Note.objects.count()) == counts


def test_stay_near_its_end_shows_on_the_today_page(world):
    client = verified_client(world["caseworker"])
    entered = timezone.localdate() - timedelta(days=80)  # 90-day rule: ten days left
    url = reverse("cases:row_new", args=[world["access"].case.reference, "stay"])
    stay = {"country": "KZ", "entered_on": entered.isoformat(), "person": principal_of(world).pk}
    assert client.post(url, stay).status_code == 302
    page = client.get(reverse("cases:today")).content.decode()
    assert world["access"].case.reference in page
    assert (entered + timedelta(days=89)).isoformat() in page


def test_today_page_shows_the_soonest_alerts_and_says_how_many_more(world, case_of, monkeypatch):
    from safepassage.cases import views
    from safepassage.cases.models import Alert, AlertKind

    monkeypatch.setattr(views, "TODAY_ALERTS", 2)
    me = world["caseworker"]
    soon = timezone.localdate()
    cases = [world["access"].case, *(case_of(me, name=n).case for n in ("Олег Орлов", "Лев Львов"))]
    for days, case in zip((5, 1, 9), cases, strict=True):
        Alert.objects.create(
            case=case, staff=me, kind=AlertKind.TASK, due_on=soon + timedelta(days)
        )
    page = verified_client(me).get(reverse("cases:today")).content.decode()
    assert cases[1].reference in page
    assert "Олег Орлов" in page
    assert cases[0].reference in page
    assert "Иван Петров" in page
    assert cases[2].reference not in page
    assert "Лев Львов" not in page
    assert "The 2 soonest of 3 alerts are shown" in page
    assert "?alert=any" in page


def test_name_search_finds_only_ones_own_cases(world, case_of):
    own = world["access"]
    other = case_of(world["outsider"], name="Иван Сидоров")
    client = verified_client(world["caseworker"])
    page = client.post(reverse("cases:list"), {"name": "иван"}).content.decode()
    assert own.case.reference in page
    assert other.case.reference not in page
    assert "Иван Петров" in page


def test_a_name_in_the_address_is_ignored(world, case_of):
    """A name search is posted; one in the address would sit in browser history and proxy logs."""
    own = world["access"]
    petrov = case_of(world["caseworker"], name="Пётр Сидоров")
    client = verified_client(world["caseworker"])
    page = client.get(reverse("cases:list"), {"name": "иван"}).content.decode()
    assert own.case.reference in page
    assert petrov.case.reference in page
    posted = client.post(reverse("cases:list"), {"name": "иван"}).content.decode()
    assert petrov.case.reference not in posted


def test_pages_of_a_name_search_are_posted_with_the_search(world, case_of, monkeypatch):
    from safepassage.cases import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    me = world["caseworker"]
    second = case_of(me, name="Иван Иванов")
    client = verified_client(me)
    first_page = client.post(reverse("cases:list"), {"name": "иван"}).content.decode()
    assert 'name="page" value="2"' in first_page
    assert '<input type="hidden" name="name" value="иван">' in first_page
    assert "?name=" not in first_page
    second_page = client.post(reverse("cases:list"), {"name": "иван", "page": "2"})
    shown = {world["access"].case.reference, second.case.reference}
    first_ref = next(r for r in shown if r in first_page)
    assert (shown - {first_ref}).pop() in second_page.content.decode()


def test_creating_a_case_from_the_form(world):
    client = verified_client(world["caseworker"])
    response = client.post(
        reverse("cases:create"),
        {
            "principal_name": "Пётр Сидоров",
            "country": "AM",
            "contact_channel": "site",
        },
    )
    assert response.status_code == 302
    reference = response["Location"].rstrip("/").rsplit("/", 1)[1]
    page = client.get(response["Location"]).content.decode()
    assert reference in page
    assert AuditEntry.objects.filter(action="case.created", target_ref=reference).exists()


def test_coordinator_sees_the_access_log_others_do_not(world):
    url = _url("access", world)
    coordinator_page = verified_client(world["coordinator"]).get(url)
    caseworker_page = verified_client(world["caseworker"]).get(url)
    assert coordinator_page.context["log"]
    assert caseworker_page.context["log"] is None


def test_the_access_page_offers_no_auditor_and_presets_no_role(world, auditor, make_staff):
    import re

    vetter = make_staff(Role.VETTER)
    services.assign(world["access"], vetter, "vetter")
    page = verified_client(world["coordinator"]).get(
        reverse("cases:access", args=[world["access"].case.reference])
    )
    html = page.content.decode()
    offered = page.context["assign_form"].fields["staff"].choices
    assert auditor.pk not in [pk for pk, _label in offered]
    assert '<option value="" selected>—</option>' in html
    ids = re.findall(r'id="(id_unassign_[^"]+)"', html)
    assert len(ids) >= 2
    assert len(ids) == len(set(ids))  # each row's label ticks its own box


def test_the_auditor_cannot_be_given_a_case(world, auditor):
    with pytest.raises(services.CaseError, match="cannot be given the case"):
        services.assign(world["access"], auditor, "caseworker")
    assert not world["access"].case.assignments.filter(staff=auditor).exists()


def test_closing_without_a_reason_keeps_what_was_typed_and_says_what_is_missing(world):
    from safepassage.cases import stages

    client = verified_client(world["caseworker"])
    url = reverse("cases:stage", args=[world["access"].case.reference])
    response = client.post(url, {"target": stages.CLOSED, "why": "he stopped answering"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose why the case is closed." in page
    assert "he stopped answering" in page
    assert Case.objects.get(pk=world["access"].case.pk).stage != stages.CLOSED
    moved = client.post(url, {"target": stages.CLOSED, "reason": "lost_contact", "why": "gone"})
    assert moved.status_code == 302
    assert Case.objects.get(pk=world["access"].case.pk).stage == stages.CLOSED


def test_a_phone_number_in_the_contact_handle_is_what_it_is_for(world):
    client = verified_client(world["caseworker"])
    response = client.post(
        reverse("cases:create"),
        {
            "principal_name": "Пётр Сидоров",
            "contact_channel": "signal",
            "contact_handle": "+7 700 123 4567",
        },
    )
    assert response.status_code == 302
    flagged = client.post(
        reverse("cases:create"),
        {"principal_name": "Пётр Сидоров", "summary": "his brother: +7 700 123 4567"},
    )
    assert [(w.label, w.field) for w in flagged.context["warnings"]] == [
        ("Phone number", "Summary")
    ]


def test_countries_and_channels_are_named_in_the_readers_language(world):
    access = world["access"]
    services.save_case_fields(access, {"contact_channel": "signal"})
    Case.objects.filter(pk=access.case.pk).update(country_id="KZ")
    services.save_row(
        access, Stay(case=access.case), {"country": "KZ", "entered_on": timezone.localdate()}
    )
    client = verified_client(world["caseworker"])
    client.post("/language/", {"language": "ru", "next": "/"})
    page = client.get(reverse("cases:detail", args=[access.case.reference])).content.decode()
    assert page.count("Казахстан") >= 2  # the case header and the stay
    assert ">KZ<" not in page
    listed = client.get(reverse("cases:list")).content.decode()
    assert "<td>Казахстан</td>" in listed


def test_the_case_page_names_the_man_it_is_about(world):
    page = verified_client(world["caseworker"]).get(
        reverse("cases:detail", args=[world["access"].case.reference])
    )
    assert f"<h1>{world['access'].case.reference} · Иван Петров</h1>" in page.content.decode()


def test_dates_in_the_case_sections_are_written_one_way(world):
    services.save_row(
        world["access"],
        Stay(case=world["access"].case),
        {"country": "KZ", "entered_on": date(2024, 12, 30)},
    )
    page = verified_client(world["caseworker"]).get(
        reverse("cases:detail", args=[world["access"].case.reference])
    )
    html = page.content.decode()
    assert "2024-12-30" in html
    assert "Dec. 30, 2024" not in html


def test_the_case_list_costs_the_same_queries_for_more_cases(world, case_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    me = world["caseworker"]
    client = verified_client(me)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("cases:list")).status_code == 200
        return len(captured.captured_queries)

    for _ in range(2):
        Case.objects.filter(pk=case_of(me).case.pk).update(country_id="KZ")
    few = count()
    for _ in range(4):
        Case.objects.filter(pk=case_of(me).case.pk).update(country_id="AM")
    assert count() == few
