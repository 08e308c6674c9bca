from django.apps import AppConfig


class VaultProbeConfig(AppConfig):
    """A test-only kind of protected object, to exercise the vault without the case app."""

    name = "tests.vaultprobe"
    label = "vaultprobe"

    def ready(self) -> None:
        from safepassage.vault import objects
        from tests.vaultprobe.models import Probe, ProbeNote

        def reencrypt(old, new):
            from safepassage.vault.fields import reencrypt_rows

            reencrypt_rows(old, new, Probe.objects.filter(pk=old.object_id))
            reencrypt_rows(old, new, ProbeNote.objects.filter(probe_id=old.object_id))

        def delete(object_id):
            Probe.objects.filter(pk=object_id).delete()

        objects.register_scope("probe", reencrypt, delete)
