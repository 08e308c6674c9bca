"""Database-backed sessions that record their staff member (for "sign out everywhere")."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from safepassage.accounts.models import StaffSession

        return StaffSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance: Any = super().create_model_instance(data)
        raw = data.get("_auth_user_id")
        instance.staff_id = int(raw) if raw is not None else None
        return instance
