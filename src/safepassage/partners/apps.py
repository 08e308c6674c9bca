from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "safepassage.partners"
    label = "partners"
    verbose_name = "partners"

    def ready(self) -> None:
        from safepassage.partners import views

        views.register()
