"""What a file's line says about its safe copy, in words, and the door to each of its forms.

Every page that lists stored files (a case's files, evidence, an intake thread) builds a `Door`
after its own access check and hands it to these helpers, so that the safe copy is what a click
gives, and the original only the deliberate, audited step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safepassage.safecopy.models import SafeCopy, State
from safepassage.safecopy.services import convertible, is_ready

LIMITS = {
    "expands": lambda: _("the file expands beyond the limit"),
    "pixels": lambda: _("an image in it is larger than the limit"),
    "pages": lambda: (
        _("it has more pages than the limit (%(pages)d)") % {"pages": settings.SAFECOPY_MAX_PAGES}
    ),
    "timeout": lambda: _("it took longer than the time limit"),
    "cpu": lambda: _("it needed more computing time than the limit"),
    "memory": lambda: _("it needed more memory than the limit"),
    "output": lambda: _("its pages add up to more than the limit"),
    "password": lambda: _("it is protected by a password"),
    "unreadable": lambda: _("it is damaged or not what it claims to be"),
    "type": lambda: _("its content is not what its type says"),
    "converter": lambda: _("the converter failed on it"),
}


def reason_in_words(code: str) -> str:
    return LIMITS.get(code, LIMITS["converter"])()


def status(copy: SafeCopy | None, kind: str) -> str:
    """One sentence: where the safe copy stands."""
    if not convertible(kind):
        if kind == "text":
            return _("plain text: opened as it is")
        return _(
            "no safe copy can be made of this kind of file; its original can be downloaded "
            "only after confirming the risk"
        )
    if copy is None:
        return _("no safe copy yet")
    if copy.state == State.QUEUED:
        return _("waiting for its safe copy")
    if copy.state == State.RUNNING:
        if copy.pages:
            return _("safe copy being made: page %(done)d of %(total)d") % {
                "done": copy.pages_done,
                "total": copy.pages,
            }
        return _("safe copy being made")
    if copy.state == State.STOPPED:
        return _("conversion stopped: %(reason)s") % {"reason": reason_in_words(copy.reason)}
    if copy.state == State.FAILED:
        return _(
            "this file could not be converted (%(reason)s); its original can be downloaded "
            "only after confirming the risk"
        ) % {"reason": reason_in_words(copy.reason)}
    if not is_ready(copy):
        return _("its safe copy is missing (not kept in backups); it can be made again")
    if copy.output_kind == "png":
        return _("safe copy made, a picture without metadata")
    if copy.text_recognised:
        return ngettext(
            "safe copy made, %(pages)d page, text recognised",
            "safe copy made, %(pages)d pages, text recognised",
            copy.pages,
        ) % {"pages": copy.pages}
    return ngettext(
        "safe copy made, %(pages)d page, no text recognised",
        "safe copy made, %(pages)d pages, no text recognised",
        copy.pages,
    ) % {"pages": copy.pages}


@dataclass
class Door:
    """One stored file as a page offers it: its safe copy first, its original behind a step."""

    name: str
    kind: str
    size: int
    copy: SafeCopy | None
    safe_url: str
    original_url: str
    make_url: str = ""
    back_url: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    download_name: str = ""  # the name downloads get, when not the file's own

    @property
    def ready(self) -> bool:
        return is_ready(self.copy)

    @property
    def plain_text(self) -> bool:
        return self.kind == "text"

    @property
    def can_make(self) -> bool:
        """No copy yet (a file from before safe copies) or one lost with a restore."""
        if not convertible(self.kind):
            return False
        return self.copy is None or (self.copy.state == State.DONE and not self.ready)

    @property
    def status(self) -> str:
        return status(self.copy, self.kind)

    @property
    def safe_name(self) -> str:
        stem = (self.download_name or self.name).rsplit(".", 1)[0] or "file"
        extension = "png" if self.copy is not None and self.copy.output_kind == "png" else "pdf"
        return f"{stem}-safe.{extension}"


def doors(
    rows: Iterable[tuple[object, str, str, int]],
    copies: dict[object, SafeCopy],
    urls: Callable[[object], tuple[str, str, str]],
) -> list[Door]:
    """Doors for a list of (id, name, kind, size), with their (safe, original, make) URLs."""
    found = []
    for file_id, name, kind, size in rows:
        safe, original, make = urls(file_id)
        found.append(Door(name, kind, size, copies.get(file_id), safe, original, make))
    return found
