from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "safepassage.vetting"
    label = "vetting"
    verbose_name = "vetting"

    def ready(self) -> None:
        """The vetting app's plug-ins into the parts below it, all here."""
        from safepassage.cases import present, stages
        from safepassage.cases import services as cases
        from safepassage.vault import objects
        from safepassage.vetting import services, views

        # Its two kinds of protected object: re-encrypted at rotation, deleted when shredded.
        objects.register_scope("vetting", services.reencrypt_vetting, services.delete_vetting)
        objects.register_scope("evidence", services.reencrypt_evidence, services.delete_evidence)
        # Someone taken off a case loses the vetting and evidence keys too.
        cases.register_revoker(services.revoke_vetting_keys)
        # Advocacy needs a positive final decision.
        stages.register_guard(stages.ADVOCACY, services.advocacy_guard)
        # The vetting summary on the case page.
        present.register_panel(views.case_panel)
