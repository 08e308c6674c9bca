from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "safepassage.audit"
    label = "audit"
    verbose_name = "audit log"
