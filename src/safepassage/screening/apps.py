from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "safepassage.screening"
    label = "screening"
    verbose_name = "screening"
