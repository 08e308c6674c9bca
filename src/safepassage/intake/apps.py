from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "safepassage.intake"
    label = "intake"
    verbose_name = "intake"

    def ready(self) -> None:
        from safepassage.intake import services
        from safepassage.vault.retention import register_purger

        # Messages nobody acted on leave with `safepassage retention purge`.
        register_purger(services.purge)
