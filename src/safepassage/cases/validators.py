"""Rules on dates that forms, the spreadsheet import and the services share: each has one home.

A rule raises the error its caller speaks: a form's `ValidationError` by default, a service's
own error, or the import's row error, through `fail`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Fail = Callable[[str], Exception]
D = TypeVar("D", bound=date | None)

RETENTION_NOT_IN_FUTURE = _("The retention date must be in the future.")


def retention_in_future(
    value: date, *, today: date | None = None, fail: Fail = ValidationError
) -> date:
    """A retention date is after today: a record kept "until today" would be shredded at once."""
    if value <= (today or timezone.localdate()):
        raise fail(str(RETENTION_NOT_IN_FUTURE))
    return value


def not_future(
    value: D, message: str | Promise, *, today: date | None = None, fail: Fail = ValidationError
) -> D:
    """A date of something that has happened is not after today."""
    if value is not None and value > (today or timezone.localdate()):
        raise fail(str(message))
    return value
