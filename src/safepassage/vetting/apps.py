from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "safepassage.vetting"
    label = "vetting"
    verbose_name = "vetting"

    def ready(self) -> None:
        from safepassage.vetting import services

        services.register()
