"""The demo's vetting sample: a case whose two vetters have interviewed the man and concluded,
so that a newcomer can make the final decision and issue an attestation in minutes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from safepassage.vault.session import VaultSession
from safepassage.vetting import services
from safepassage.vetting.models import Outcome


def ready_for_decision(reference: str, vetters: list[tuple[Any, bytes]]) -> None:
    """Two interviews, declarations, a checklist answer and two agreeing conclusions, by the
    two vetters given with their private keys (the demo has them at creation only)."""
    today = timezone.localdate()
    for number, (vetter, private) in enumerate(vetters):
        session = VaultSession(vetter.pk, private)
        va = services.open_vetting(vetter, reference, session, start=number == 0)
        services.add_interview(
            va,
            today - timedelta(days=10 - 3 * number),
            "Invented: account of service and of leaving, consistent with the documents.",
        )
        services.declare_interests(va, False, "")
        if number == 0:
            services.answer_checklist(
                va, "role_rank", "no_concern", "Invented: a sergeant in an artillery battery."
            )
    for vetter, private in vetters:
        va = services.open_vetting(vetter, reference, VaultSession(vetter.pk, private))
        services.conclude(
            va, Outcome.NO_INDICATION, "medium", "Invented: nothing points to excludable conduct."
        )
