from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "safepassage.intake"
    label = "intake"
    verbose_name = "intake"

    def ready(self) -> None:
        from safepassage.intake import attachments, services
        from safepassage.safecopy.services import register_reader
        from safepassage.vault.retention import register_purger

        # Messages nobody acted on leave with `safepassage retention purge`.
        register_purger(services.purge)
        # The safe-copy worker reads intake files it was handed the key of.
        register_reader("intake", attachments.read_with_file_key)
