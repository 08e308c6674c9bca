"""The stages of a case and the moves between them: an explicit state machine (framework-free).

Guards are pluggable: any part of the application may register a check for entering a stage
(the vetting app supplies "advocacy needs a positive vetting decision"). A stage with no
registered guard but a declared need for one refuses entry: the default is to say no.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FIRST_CONTACT = "first_contact"
CONSULTATION = "consultation"
EXIT_PLANNING = "exit_planning"
TRANSIT = "transit"
VETTING = "vetting"
ADVOCACY = "advocacy"
TRAVEL = "travel"
ASYLUM = "asylum"
AFTER_ARRIVAL = "after_arrival"
PAUSED = "paused"
CLOSED = "closed"

PATH = [
    FIRST_CONTACT,
    CONSULTATION,
    EXIT_PLANNING,
    TRANSIT,
    VETTING,
    ADVOCACY,
    TRAVEL,
    ASYLUM,
    AFTER_ARRIVAL,
]
ALL = [*PATH, PAUSED, CLOSED]

CLOSE_REASONS = ["withdrawn", "lost_contact", "returned", "detained", "refused", "safe"]

# Moves along the path, besides pausing, closing, resuming and reopening.
FORWARD: dict[str, set[str]] = {
    FIRST_CONTACT: {CONSULTATION},
    CONSULTATION: {EXIT_PLANNING, TRANSIT},  # a man who has already left skips exit planning
    EXIT_PLANNING: {TRANSIT, CONSULTATION},
    TRANSIT: {VETTING},
    VETTING: {ADVOCACY, TRANSIT},  # back to transit when vetting must wait
    ADVOCACY: {TRAVEL, VETTING},  # new evidence sends a case back to vetting
    TRAVEL: {ASYLUM, ADVOCACY},
    ASYLUM: {AFTER_ARRIVAL},
    AFTER_ARRIVAL: set(),
}

# Stages that may only be entered once a registered guard agrees.
GUARDED = {ADVOCACY}

Guard = Callable[[Any], str | None]  # returns why the move is refused, or None
_guards: dict[str, list[Guard]] = {}


def register_guard(stage: str, guard: Guard) -> None:
    if stage not in ALL:
        raise ValueError(f"unknown stage {stage!r}")
    if guard not in _guards.setdefault(stage, []):
        _guards[stage].append(guard)


def guards_for(stage: str) -> list[Guard]:
    return list(_guards.get(stage, []))


@dataclass(frozen=True)
class Move:
    """A requested move; `resume_to` is where a paused case returns."""

    current: str
    target: str
    resume_to: str | None = None
    reason: str | None = None


class MoveRefused(Exception):
    """The move is not allowed from here, or a guard refused it; the message says why."""


def allowed_targets(current: str, resume_to: str | None = None) -> set[str]:
    """Stages reachable in one move, before guards."""
    if current == CLOSED:
        return {CONSULTATION}  # reopened cases start again with a consultation
    if current == PAUSED:
        return {resume_to} if resume_to in PATH else {CONSULTATION}
    targets = set(FORWARD[current]) | {PAUSED, CLOSED}
    return targets


def check(move: Move, case: Any) -> None:
    """Raise MoveRefused unless the move is allowed and every guard of the target agrees."""
    if move.target not in ALL:
        raise MoveRefused(f"unknown stage {move.target}")
    if move.target not in allowed_targets(move.current, move.resume_to):
        raise MoveRefused(f"a case cannot move from {move.current} to {move.target}")
    if move.target == CLOSED and move.reason not in CLOSE_REASONS:
        raise MoveRefused("closing a case needs one of the listed reasons")
    if move.reason and move.reason not in CLOSE_REASONS:
        # The reason is stored readable; free words go into the encrypted "why".
        raise MoveRefused(f"the reason must be one of: {', '.join(CLOSE_REASONS)}")
    guards = guards_for(move.target)
    if move.target in GUARDED and not guards:
        raise MoveRefused(f"nothing is in place yet to allow entering {move.target}")
    for guard in guards:
        refusal = guard(case)
        if refusal:
            raise MoveRefused(refusal)
