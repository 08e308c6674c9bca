from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safepassage.cases"
    label = "cases"
    verbose_name = "cases"

    def ready(self) -> None:
        from safepassage.cases import services

        services.register_with_vault()
