"""Working days in Vietnam: weekends, public holidays and the government's days off.

Bộ luật Dân sự 2015 Điều 148 khoản 5: when the last day of a period is "ngày nghỉ
cuối tuần hoặc ngày nghỉ lễ", the period ends at the end of the next working day.
The holidays are those of Bộ luật Lao động (2012 Điều 115, 2019 Điều 112: Tết Dương
lịch, Tết Âm lịch, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, and from 2026 Ngày Văn
hóa Việt Nam), their days off in lieu (nghỉ bù) and the days the government swapped
(hoán đổi ngày làm việc), as the ``holidays`` package lists them with their sources.

The calendar is trusted for :data:`FIRST_YEAR`–:data:`LAST_YEAR` only: the first is
the programme's first year (490/QĐ-TTg, 2018); the last is the last year whose
swapped days the package lists as announced.  A later year's Tết and swaps are set
by an announcement the package may not have, so a date outside the range is refused
(:class:`~ocop.errors.NotEncoded`) rather than guessed.  A Saturday the government
makes a working day in exchange for a day off is still treated as a day off: a
deadline is never moved onto it (docs/decisions/workdays.md).

>>> from datetime import date
>>> next_working_day(date(2026, 9, 2))  # Quốc khánh (Wednesday)
datetime.date(2026, 9, 3)
>>> is_working_day(date(2026, 8, 31))  # day off swapped with Saturday 22/8/2026
False
>>> holiday_name(date(2026, 2, 17))
'Tết Nguyên Đán'
>>> add_working_days(date(2026, 8, 28), 1)
datetime.date(2026, 9, 3)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# Nothing of ocop.law here: law.Period rolls its deadlines with this module.
from ocop.arguments import integer
from ocop.dates import require_date
from ocop.errors import NotEncoded

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "add_working_days",
    "holiday_name",
    "is_working_day",
    "next_working_day",
]

FIRST_YEAR = 2018
LAST_YEAR = 2026

_SATURDAY = 5
# No count of working days can stay inside the trusted years beyond this many.
_MAX_COUNT = (date(LAST_YEAR, 12, 31) - date(FIRST_YEAR, 1, 1)).days


@cache
def _calendar() -> dict[date, str]:
    # Imported here, not at the top: it costs a third of `ocop check`'s start-up, and only
    # a deadline in working days needs it.
    import holidays

    found = holidays.country_holidays("VN", years=range(FIRST_YEAR, LAST_YEAR + 1), language="vi")
    return {day: str(name) for day, name in found.items()}


def _covered(day: date, name: str) -> date:
    day = require_date(day, name)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise NotEncoded(
            f"{name} {day.isoformat()} is outside the holiday calendar the library trusts "
            f"({FIRST_YEAR}–{LAST_YEAR}): later years depend on days off the government "
            "has not announced (or the holidays package does not list yet)",
            field=name,
            value=day.isoformat(),
            first_year=FIRST_YEAR,
            last_year=LAST_YEAR,
        )
    return day


def holiday_name(day: date) -> str | None:
    """The Vietnamese name of the holiday or day off on ``day`` (``None`` if none)."""
    return _calendar().get(_covered(day, "day"))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday, day off in lieu or swapped day off."""
    day = _covered(day, "day")
    return day.weekday() < _SATURDAY and day not in _calendar()


def next_working_day(day: date) -> date:
    """``day`` if it is a working day, else the first working day after it (Điều 148 khoản 5).

    NotEncoded if the search leaves the trusted years.
    """
    day = _covered(day, "day")
    while not is_working_day(day):
        day = _covered(day + timedelta(days=1), "next working day")
    return day


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    day = _covered(day, "day")
    count = integer(count, "count", low=0, high=_MAX_COUNT)
    for _ in range(count):
        day = next_working_day(_covered(day + timedelta(days=1), "working day"))
    return day
