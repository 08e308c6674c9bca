from django.apps import AppConfig


class SafeCopyConfig(AppConfig):
    name = "safepassage.safecopy"
    label = "safecopy"
    verbose_name = "safe copies"

    def ready(self) -> None:
        from safepassage.cases.present import register_panel
        from safepassage.safecopy import services
        from safepassage.safecopy.views import case_panel
        from safepassage.vault import files
        from safepassage.vault.retention import register_purger

        services.register_reader("vault", files.read_with_file_key)
        register_purger(services.purge)
        register_panel(case_panel)
