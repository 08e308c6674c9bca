from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safepassage.accounts"
    label = "accounts"
    verbose_name = "staff accounts"
