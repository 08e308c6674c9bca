from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "safepassage.screening"
    label = "screening"
    verbose_name = "screening"

    def ready(self) -> None:
        """The screening app's plug-ins, all here."""
        from safepassage.screening import services
        from safepassage.vault import objects

        # Results sealed under a case key follow it when it is replaced.
        objects.register_reencrypter("case", services.reencrypt_results)
