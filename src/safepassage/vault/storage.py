"""Where the encrypted files lie on disk, and their deletion with their rows. Below both the
files (`files.py`) and the object keys (`objects.py`), which shreds them."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from safepassage.vault.models import EncryptedFile


def stored_path(file_id: uuid.UUID) -> Path:
    return Path(settings.FILES_DIR) / file_id.hex[:2] / f"{file_id.hex}.bin"


def delete_stored_files(rows: QuerySet[EncryptedFile]) -> None:
    """Delete the rows now and their files once the deletion is committed."""
    paths = [stored_path(file_id) for file_id in rows.values_list("id", flat=True)]
    rows.delete()

    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    transaction.on_commit(unlink)
