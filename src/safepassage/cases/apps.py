from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safepassage.cases"
    label = "cases"
    verbose_name = "cases"

    def ready(self) -> None:
        """The case app's plug-ins into the parts below it, all here."""
        from safepassage.accounts import services as accounts
        from safepassage.cases import services
        from safepassage.vault import objects

        # A case is a protected object: re-encrypted at rotation, deleted when shredded.
        objects.register_scope("case", services.reencrypt_case, services.delete_case_rows)
        # A new role keeps only the cases it may hold.
        accounts.register_role_change(services.on_role_change)
