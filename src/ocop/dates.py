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
from typing import Any

import numpy as np
import numpy.typing as npt

from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["day", "day_array", "iso", "require_date"]

_DAY = np.dtype("datetime64[D]")


def require_date(value: object, name: str = "on") -> date:
    """``value`` if it is a ``datetime.date`` (and not a ``datetime``), else InvalidInput."""
    name = name if isinstance(name, str) else show(name)
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput(
            f"{name} must be a datetime.date (not a datetime, string or number), got {show(value)}",
            value=show(value),
            field=name,
        )
    return value


def iso(value: date | None) -> str | None:
    """``YYYY-MM-DD`` for JSON output, ``None`` kept as ``None``."""
    return None if value is None else require_date(value, "value").isoformat()


def day(value: date, lang: str = "vi") -> str:
    """``value`` as a message or a report writes it: ``31/12/2025`` in Vietnamese, ISO in English.

    >>> day(date(2025, 12, 31)), day(date(2025, 12, 31), "en")
    ('31/12/2025', '2025-12-31')
    """
    value = require_date(value, "value")
    if not isinstance(lang, str) or lang not in ("vi", "en"):
        raise InvalidInput(f"lang is 'vi' or 'en', not {show(lang)}", value=show(lang))
    return f"{value:%d/%m/%Y}" if lang == "vi" else value.isoformat()


def day_array(values: Any, name: str, n: int | None = None) -> npt.NDArray[np.datetime64]:
    """``values`` as a fresh 1-D ``datetime64[D]`` array (``NaT`` for none), read as strictly
    as :func:`require_date` reads one date.

    Accepted: ``datetime64`` arrays, ISO date strings, ``datetime.date`` objects and
    ``None``.  Refused: numbers (numpy would read ``19797`` as days since 1970, even in
    an object array), ``datetime`` objects, values with a time of day (a
    ``datetime64[ns]`` column at midnight is whole days and is accepted) and units
    coarser than a day (``"2024"`` names no day).
    """
    name = name if isinstance(name, str) else show(name)
    if n is not None and (isinstance(n, bool) or not isinstance(n, int)):
        raise InvalidInput(f"the length of {name} must be a whole number, got {show(n)}")
    problem = f"{name} must be a 1-D array of dates (datetime64[D], ISO strings or dates)"
    try:
        array = np.asarray(values)
    except (ValueError, TypeError, OverflowError):
        raise InvalidInput(problem, field=name) from None
    if array.dtype.kind == "O":
        for row, value in enumerate(array.reshape(-1)):
            if not _one_day(value):
                raise InvalidInput(f"{problem}; row {row} is {show(value)}", field=name, row=row)
    elif array.dtype.kind not in "MU" and array.size:
        raise InvalidInput(f"{problem}, got {array.dtype}", field=name)
    try:
        read = np.asarray(array, dtype="datetime64") if array.size else array.astype(_DAY)
    except (ValueError, TypeError, OverflowError):
        raise InvalidInput(problem, field=name) from None
    unit = np.datetime_data(read.dtype)[0]
    if unit in ("Y", "M", "W"):
        raise InvalidInput(f"{problem}: {read.dtype} names no day", field=name)
    days = read.astype(_DAY)  # always a new array: a caller's later change cannot reach ours
    if unit != "D":
        timed = (read != days.astype(read.dtype)) & ~np.isnat(read)
        if timed.any():
            row = int(np.argmax(timed))
            raise InvalidInput(
                f"{problem}: row {row} has a time of day ({read.reshape(-1)[row]})",
                field=name,
                row=row,
            )
    if days.ndim != 1 or (n is not None and days.shape[0] != n):
        raise InvalidInput(f"{problem} of length {n if n is not None else 'N'}", field=name)
    return days


def _one_day(value: object) -> bool:
    if value is None or isinstance(value, str | np.datetime64):
        return True
    return isinstance(value, date) and not isinstance(value, datetime)
