"""Database-backed sessions that record their staff member (for "sign out everywhere")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> Any:
        # By its name, not by an import: the model names this store in turn.
        return apps.get_model("accounts", "StaffSession")

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance: Any = super().create_model_instance(data)
        raw = data.get("_auth_user_id")
        instance.staff_id = int(raw) if raw is not None else None
        return instance


def purge_ended(today: date) -> dict[str, int]:
    """Expired session rows, including ones abandoned between password and second factor; run
    by `safepassage retention purge` (the session table should hold only live sessions)."""
    deleted, _ = (
        apps.get_model("accounts", "StaffSession")
        .objects.filter(expire_date__lt=timezone.now())
        .delete()
    )
    return {"staff sessions ended": deleted}
