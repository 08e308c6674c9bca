from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "safepassage.reports"
    label = "reports"
    verbose_name = "reports"

    def ready(self) -> None:
        # The sources register themselves on import. Reports sit above every app, so a new
        # kind of event (dossiers) is one more function in reports/sources.py.
        from safepassage.reports import sources  # noqa: F401
