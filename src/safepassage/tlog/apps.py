from django.apps import AppConfig


class TlogConfig(AppConfig):
    name = "safepassage.tlog"
    label = "tlog"
    verbose_name = "transparency log"

    def ready(self) -> None:
        from safepassage.tlog import hooks

        hooks.register()
