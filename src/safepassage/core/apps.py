from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safepassage.core"
    label = "core"
    verbose_name = "safepassage core"
