"""Vetting actions (filled in by the vetting workflow)."""

from __future__ import annotations


def register() -> None:
    """Hooks into the vault and the case stage machine."""
