"""Which of our rows stand for which of a partner's: used when a case is imported (the links
kept for later updates) and when an update is applied."""

from __future__ import annotations

from typing import Any

from django.db import models

from safepassage.cases import services as case_services
from safepassage.cases.gate import CaseAccess
from safepassage.cases.models import Person, PersonKind
from safepassage.partners import envelope


def model_of(model_name: str) -> type[models.Model]:
    for model in case_services.CASE_ROWS:
        if model._meta.model_name == model_name:
            return model
    raise envelope.MessageError("bad_content", f"unknown section {model_name}")


def local_rows(access: CaseAccess, model_name: str, rows: list[Any]) -> list[models.Model]:
    """Our rows of a case just imported, in the order of the bundle's rows."""
    ours = list(model_of(model_name)._default_manager.filter(case=access.case).order_by("pk"))
    if model_name != "person":
        return ours
    # The principal exists before the other rows (it is made with the case).
    principal = [p for p in ours if isinstance(p, Person) and p.kind == PersonKind.PRINCIPAL]
    others = [p for p in ours if p not in principal]
    out: list[models.Model] = []
    for entry in rows:
        is_principal = (entry.get("plain") or {}).get("kind") == PersonKind.PRINCIPAL
        pool = principal if is_principal else others
        if pool:
            out.append(pool.pop(0))
    return out
