from django.db import models

from safepassage.vault.fields import EncryptedField, SealedModel


class Probe(SealedModel):
    vault_scope = "probe"

    name = EncryptedField()
    born = EncryptedField(kind="date")
    details = EncryptedField(kind="json")
    remind_on = EncryptedField(kind="date", server_readable=True)

    def vault_object_id(self) -> int:
        return self.pk


class ProbeNote(SealedModel):
    vault_scope = "probe"

    probe = models.ForeignKey(Probe, on_delete=models.CASCADE)
    text = EncryptedField()

    def vault_object_id(self) -> int:
        return self.probe_id
