from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "safepassage.screening"
    label = "screening"
    verbose_name = "screening"

    def ready(self) -> None:
        from safepassage.screening import services

        services.register()
