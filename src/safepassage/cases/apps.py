from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safepassage.cases"
    label = "cases"
    verbose_name = "cases"

    def ready(self) -> None:
        from safepassage.accounts import services as accounts
        from safepassage.cases import services

        services.register_with_vault()
        accounts.register_role_change(services.on_role_change)
