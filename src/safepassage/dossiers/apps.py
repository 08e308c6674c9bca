from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def _case_panel(access: Any) -> Any:
    from safepassage.dossiers.views import case_panel

    return case_panel(access)


class DossiersConfig(AppConfig):
    name = "safepassage.dossiers"
    label = "dossiers"
    verbose_name = "dossiers"

    def ready(self) -> None:
        from safepassage.cases import alerts
        from safepassage.dossiers import services
        from safepassage.vault import objects

        # Its rows are case rows: re-sealed when the case key is replaced.
        objects.register_reencrypter("case", services.reencrypt_rows)
        # Deadlines of submissions appear on Today beside the stay clocks.
        alerts.register_source(services.deadline_dates)
        from safepassage.cases.present import register_panel

        register_panel(_case_panel)
