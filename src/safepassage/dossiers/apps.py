from __future__ import annotations

from django.apps import AppConfig


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
