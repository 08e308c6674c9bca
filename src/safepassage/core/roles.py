"""Roles and what each may do: the one place where permissions are defined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CASEWORKER = "caseworker", _("Caseworker")
    VETTER = "vetter", _("Vetter")
    LEGAL = "legal", _("Legal adviser")
    AUDITOR = "auditor", _("Auditor")


class Perm:
    """Permission names; a view states one with `@requires(Perm.X)`."""

    MANAGE_STAFF = "staff.manage"
    VIEW_AUDIT = "audit.view"
    CREATE_CASE = "cases.create"
    ASSIGN_CASE = "cases.assign"
    WORK_CASES = "cases.work"
    IMPORT_CASES = "cases.import"
    TRIAGE_INTAKE = "intake.triage"
    EDIT_OUTREACH = "intake.outreach"
    MANAGE_LISTS = "screening.lists"
    SCREEN = "screening.screen"
    VET = "vetting.vet"
    ATTEST = "vetting.attest"
    EDIT_RULES = "cases.rules"
    PARTNERS = "partners.exchange"
    DOSSIERS = "dossiers.build"
    VIEW_REPORTS = "reports.view"
    PUBLISH_REPORTS = "reports.publish"


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {
            Perm.MANAGE_STAFF,
            Perm.VIEW_AUDIT,
            Perm.CREATE_CASE,
            Perm.ASSIGN_CASE,
            Perm.WORK_CASES,
            Perm.IMPORT_CASES,
            Perm.TRIAGE_INTAKE,
            Perm.EDIT_OUTREACH,
            Perm.MANAGE_LISTS,
            Perm.SCREEN,
            Perm.ATTEST,
            Perm.EDIT_RULES,
            Perm.PARTNERS,
            Perm.DOSSIERS,
            Perm.VIEW_REPORTS,
            Perm.PUBLISH_REPORTS,
        }
    ),
    # A caseworker's figures count only the cases assigned to him (reports.figures.scope_for).
    Role.CASEWORKER: frozenset(
        {Perm.CREATE_CASE, Perm.WORK_CASES, Perm.TRIAGE_INTAKE, Perm.SCREEN, Perm.VIEW_REPORTS}
    ),
    Role.VETTER: frozenset({Perm.WORK_CASES, Perm.SCREEN, Perm.VET, Perm.MANAGE_LISTS}),
    Role.LEGAL: frozenset({Perm.WORK_CASES, Perm.DOSSIERS}),
    # The auditor reads the audit log and nothing else.
    Role.AUDITOR: frozenset({Perm.VIEW_AUDIT}),
}


def permissions_of(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())


def has_permission(user: Any, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return permission in permissions_of(user.role)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    permission: str | None


NAVIGATION: list[NavItem] = [
    NavItem("cases:today", _("Today"), Perm.WORK_CASES),
    NavItem("cases:list", _("Cases"), Perm.WORK_CASES),
    NavItem("intake:triage", _("Intake"), Perm.TRIAGE_INTAKE),
    NavItem("screening:home", _("Screening"), Perm.SCREEN),
    NavItem("partners:home", _("Partners"), Perm.PARTNERS),
    NavItem("overlap:home", _("Shared cases"), Perm.PARTNERS),
    NavItem("dossiers:authorities", _("Authorities"), Perm.DOSSIERS),
    NavItem("reports:dashboard", _("Figures"), Perm.VIEW_REPORTS),
    NavItem("accounts:staff_list", _("Staff"), Perm.MANAGE_STAFF),
    NavItem("audit:log", _("Audit log"), Perm.VIEW_AUDIT),
    NavItem("accounts:security", _("My account"), None),
]


def navigation_for(user: Any) -> list[NavItem]:
    return [
        item
        for item in NAVIGATION
        if item.permission is None or has_permission(user, item.permission)
    ]
