from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "safepassage.vault"
    label = "vault"
    verbose_name = "vault"

    def ready(self) -> None:
        """The vault's plug-ins, in one place: files follow their object's key at rotation."""
        from safepassage.vault import files, objects

        objects.register_reencrypter(objects.EVERY_SCOPE, files.reseal_file_keys)
