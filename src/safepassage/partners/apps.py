from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def _case_panel(access: Any) -> Any:
    from safepassage.partners.views_case import case_panel

    return case_panel(access)


def _access_panel(access: Any) -> Any:
    from safepassage.partners.views_case import access_panel

    return access_panel(access)


class PartnersConfig(AppConfig):
    name = "safepassage.partners"
    label = "partners"
    verbose_name = "partners"

    def ready(self) -> None:
        # The pages themselves are imported on first use: start-up stays as quick as before.
        from safepassage.cases.present import register_access_panel, register_panel

        register_panel(_case_panel)
        register_access_panel(_access_panel)
