from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safepassage.core"
    label = "core"
    verbose_name = "safepassage core"

    def ready(self) -> None:
        from safepassage.core import checks  # noqa: F401 - registers the checks
