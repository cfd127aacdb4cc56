"""Checking the dates users hand in.

A rule depends on the day it is asked about, so every date-taking API needs
a real calendar day: a ``datetime`` (a subclass of ``date``) is refused
rather than silently truncated, and so are strings and numbers.

>>> from datetime import date, datetime
>>> require_date(date(2026, 6, 1))
datetime.date(2026, 6, 1)
>>> require_date(datetime(2026, 6, 1, 12, 0), "issued_on")
Traceback (most recent call last):
...
ocop.errors.InvalidInput: issued_on must be a datetime.date (not a datetime, ...), got ...
"""

from __future__ import annotations

from datetime import date, datetime

from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["iso", "require_date"]


def require_date(value: object, name: str = "on") -> date:
    """``value`` if it is a ``datetime.date`` (and not a ``datetime``), else InvalidInput."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput(
            f"{name} must be a datetime.date (not a datetime, string or number), got {show(value)}",
            value=show(value),
            field=name,
        )
    return value


def iso(value: date | None) -> str | None:
    """``YYYY-MM-DD`` for JSON output, ``None`` kept as ``None``."""
    return None if value is None else value.isoformat()
