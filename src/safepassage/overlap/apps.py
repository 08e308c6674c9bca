from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def _case_panel(access: Any) -> Any:
    from safepassage.overlap.views import case_panel

    return case_panel(access)


def _checklist_note(case: Any) -> list[str]:
    from safepassage.overlap.services import checklist_notes

    return checklist_notes(case)


class OverlapConfig(AppConfig):
    name = "safepassage.overlap"
    label = "overlap"
    verbose_name = "overlap"

    def ready(self) -> None:
        from safepassage.cases.present import register_panel
        from safepassage.overlap import services
        from safepassage.partners.inbox import register_kind
        from safepassage.vetting.hooks import register_checklist_note

        register_panel(_case_panel)
        register_checklist_note(_checklist_note)
        register_kind(services.REQUEST, services.take_request)
        register_kind(services.REPLY, services.take_reply)
        register_kind(services.RESULT, services.take_result)
