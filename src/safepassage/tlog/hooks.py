"""The log's place in issuing, revoking and verifying attestations (registered in apps.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from safepassage.tlog import leaf
from safepassage.vetting import hooks as vetting_hooks

if TYPE_CHECKING:
    from safepassage.tlog.services import LogStatus

# The log's services are imported when first used, not at start-up: every process registers
# these hooks, few of them append or verify.


def register() -> None:
    vetting_hooks.attestation_issued.connect(issued, dispatch_uid="tlog-attestation-issued")
    vetting_hooks.attestation_revoked.connect(revoked, dispatch_uid="tlog-attestation-revoked")
    vetting_hooks.dossier_signed.connect(dossier_signed, dispatch_uid="tlog-dossier-signed")
    vetting_hooks.register_verification_note(verification_note)


def issued(sender: Any, *, signed_file: bytes, day: date, **kwargs: Any) -> None:
    from safepassage.tlog import services

    services.append(leaf.ATTESTATION, day, signed_file)


def revoked(sender: Any, *, signed_file: bytes, day: date, **kwargs: Any) -> None:
    from safepassage.tlog import services

    services.append(leaf.ATTESTATION_REVOCATION, day, signed_file)


def dossier_signed(sender: Any, *, signed_file: bytes, day: date, **kwargs: Any) -> None:
    from safepassage.tlog import services

    services.append(leaf.DOSSIER, day, signed_file)


def signed_file_of(raw: bytes) -> bytes:
    """The signed JSON file: the file itself, or the one attached to a PDF attestation."""
    if not raw.startswith(b"%PDF-"):
        return raw
    from safepassage.vetting import pdf

    files, _subject = pdf._attached_json(raw)
    return next(iter(files.values())) if len(files) == 1 else b""


def verification_note(raw: bytes) -> list[vetting_hooks.VerificationNote]:
    from safepassage.tlog import services

    status = services.status_of(signed_file_of(raw))
    return [(_("Public transparency log"), describe(status))]


def describe(status: LogStatus) -> list[str]:
    """The log's answer in plain sentences: where the file is logged, or that it is not."""
    if not status.logged:
        return [
            _(
                "Not logged: the SHA-256 of this file (%(digest)s) is not in the organisation's "
                "public log. Every attestation the organisation issues is logged when it is "
                "issued; one that is not was signed outside that process, or before the log "
                "was started."
            )
            % {"digest": status.digest}
        ]
    lines = []
    for entry in status.entries:
        values = {"index": entry.index, "size": status.size, "day": entry.day.isoformat()}
        revocation = entry.kind == leaf.ATTESTATION_REVOCATION
        if status.size and revocation:
            text = _(
                "Revocation logged at index %(index)d in checkpoint of size %(size)d (%(day)s)."
            )
        elif status.size:
            text = _("Logged at index %(index)d in checkpoint of size %(size)d (issued %(day)s).")
        elif revocation:
            text = _("Revocation logged at index %(index)d; no signed checkpoint covers it yet.")
        else:
            text = _("Logged at index %(index)d; no signed checkpoint covers it yet.")
        lines.append(text % values)
    if not status.size:
        return lines
    if status.proofs_verify:
        lines.append(_("The inclusion proof verifies against that checkpoint's root."))
    else:
        lines.append(_("The inclusion proof does NOT verify: the log is damaged."))
    lines.append(
        _("Cosigned by %(count)d of the %(known)d known witnesses%(names)s.")
        % {
            "count": len(status.cosigned_by),
            "known": len(status.witnesses),
            "names": f" ({', '.join(status.cosigned_by)})" if status.cosigned_by else "",
        }
    )
    lines.append(
        _("Check it with any tlog client: log %(origin)s, key %(vkey)s.")
        % {"origin": status.origin, "vkey": _log_vkey()}
    )
    return lines


def _log_vkey() -> str:
    from safepassage.tlog import services

    return services.log_vkey()
