from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class OpsConfig(AppConfig):
    name = "safepassage.ops"
    label = "ops"
    verbose_name = "operations"

    def ready(self) -> None:
        # A development instance makes its own folders on first use (SQLite needs its folder
        # before the first connection; WhiteNoise warns about a missing static folder). In
        # production nothing is created here: the install makes them, owned and locked down,
        # and the settings refuse to start without them.
        if not settings.PRODUCTION:
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True, mode=0o700)
