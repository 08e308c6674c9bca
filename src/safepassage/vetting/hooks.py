"""Plug-ins that apps above vetting register in their `AppConfig.ready`, so vetting imports none
of them: signals sent inside the issuing and revoking transactions, and notes the verification
page and `safepassage attest verify` show under the verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

# Sent inside the transaction that issues (or revokes) an attestation, with `signed_file` (the
# exact bytes of the signed JSON file) and `day` (the issue or revocation date). A receiver that
# raises rolls the issue or revocation back.
attestation_issued = Signal()
attestation_revoked = Signal()
# Sent inside the transaction that makes a dossier version, with the same two arguments (the
# dossier's signed JSON file and the day): other kinds of signed documents log the same way.
dossier_signed = Signal()

# A note: a title and its lines, in the reader's language.
VerificationNote = tuple[str, list[str]]
_notes: list[Callable[[bytes], list[VerificationNote]]] = []


def register_verification_note(note: Callable[[bytes], list[VerificationNote]]) -> None:
    """`note(raw)` gets the checked file (PDF or JSON) once its signature has verified."""
    if note not in _notes:
        _notes.append(note)


def verification_notes(raw: bytes) -> list[VerificationNote]:
    return [entry for note in _notes for entry in note(raw)]


# Lines other apps add under the exclusion checklist (what partners know of the case, for
# example): `note(case)` returns sentences in the reader's language.
_checklist_notes: list[Callable[[Any], list[str]]] = []


def register_checklist_note(note: Callable[[Any], list[str]]) -> None:
    if note not in _checklist_notes:
        _checklist_notes.append(note)


def checklist_notes(case: Any) -> list[str]:
    return [line for note in _checklist_notes for line in note(case)]
