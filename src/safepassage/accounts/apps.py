from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safepassage.accounts"
    label = "accounts"
    verbose_name = "staff accounts"

    def ready(self) -> None:
        from safepassage.accounts.sessions import purge_ended
        from safepassage.vault.retention import register_purger

        # Expired and abandoned sessions leave with `safepassage retention purge`.
        register_purger(purge_ended)
