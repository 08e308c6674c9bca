"""The command line: the same rules, gate and audit as the web pages."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safepassage.audit.models import AuditEntry
from safepassage.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", PASSWORD)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("cases", *args, stdout=out)
    return out.getvalue()


def test_create_list_stage_and_assign(rules, caseworker, coordinator, vetter):
    created = _run("--as", caseworker.email, "create", "Алексей Смирнов", "--country", "KZ")
    reference = created.split()[-1]
    listed = json.loads(_run("--as", caseworker.email, "list", "--json"))
    assert listed == [
        {
            "reference": reference,
            "name": "Алексей Смирнов",
            "stage": "first_contact",
            "country": "KZ",
        }
    ]
    _run("--as", caseworker.email, "stage", reference, "consultation", "--why", "called")
    assert "consultation" in _run("--as", caseworker.email, "list")
    _run("--as", coordinator.email, "assign", reference, vetter.email, "--role", "vetter")
    assert reference in _run("--as", vetter.email, "list")
    assert AuditEntry.objects.filter(action="case.assigned", target_ref=reference).exists()


def test_staff_not_assigned_cannot_reach_a_case(rules, caseworker, make_staff):
    reference = _run("--as", caseworker.email, "create", "Алексей Смирнов").split()[-1]
    outsider = make_staff()
    with pytest.raises(CommandError, match="no such case"):
        _run("--as", outsider.email, "stage", reference, "consultation")
    assert reference not in _run("--as", outsider.email, "list")


def test_wrong_password_is_refused(rules, caseworker, monkeypatch):
    monkeypatch.setenv("SAFEPASSAGE_PASSWORD", "not the password")
    with pytest.raises(CommandError, match="wrong password"):
        _run("--as", caseworker.email, "list")


def test_role_without_the_permission_is_refused(rules, auditor):
    with pytest.raises(CommandError, match="may not"):
        _run("--as", auditor.email, "create", "Алексей Смирнов")


def test_the_name_may_come_from_standard_input_instead_of_the_command_line(rules, caseworker):
    """Typed at a prompt or piped in, a name stays out of shell history and the process list."""
    from safepassage.cases.models import Case

    out = io.StringIO()
    call_command(
        "cases",
        "--as",
        caseworker.email,
        "create",
        stdin=io.StringIO("Алексей Смирнов\n"),
        stdout=out,
    )
    reference = out.getvalue().split()[-1]
    assert Case.objects.filter(reference=reference).exists()
    listed = _run("--as", caseworker.email, "list", "--json")
    assert "Алексей Смирнов" in json.loads(listed)[0].values()
    with pytest.raises(CommandError, match="the name is empty"):
        call_command("cases", "--as", caseworker.email, "create", "-", stdin=io.StringIO("\n"))
    assert Case.objects.count() == 1
