"""Status of N certificates on one date, as numpy arrays, with no Python loop over rows.

Same answers as :func:`ocop.certificates.status`, under the same named
options.  Dates are ``datetime64[D]`` arrays; optional event dates use ``NaT``
for "none".

>>> import numpy as np
>>> from datetime import date
>>> from ocop.certificates import status_batch
>>> issued = np.array(["2024-02-29", "2019-09-30", "2026-06-01"], dtype="datetime64[D]")
>>> result = status_batch(issued, date(2026, 10, 1))
>>> result.expires_on.astype(str).tolist()
['2027-02-28', '2022-09-30', '2029-06-01']
>>> [s.value for s in result.statuses()]
['renewal_window', 'expired', 'valid']
"""

from __future__ import annotations

from datetime import date

import attrs
import numpy as np
import numpy.typing as npt

from ocop.arguments import choice
from ocop.certificates import rules as _rules
from ocop.certificates.model import ExpiryRule, ExtensionReading
from ocop.certificates.rules import transition, validity_months
from ocop.certificates.status import Status
from ocop.certificates.validity import options
from ocop.dates import day_array, require_date
from ocop.errors import InvalidInput, RuleNotInForce
from ocop.law import regimes

__all__ = ["STATUS_CODES", "BatchStatus", "status_batch"]

#: ``BatchStatus.codes`` index into this tuple.
STATUS_CODES: tuple[Status, ...] = tuple(Status)
_CODE = {s: np.int8(i) for i, s in enumerate(STATUS_CODES)}
Dates = npt.NDArray[np.datetime64]
_DAY = np.dtype("datetime64[D]")
_NAT_INT = int(np.datetime64("NaT", "D").astype(np.int64))


@attrs.frozen(slots=True)
class BatchStatus:
    """``codes`` (N,) index :data:`STATUS_CODES`; ``expires_on`` (N,) ``datetime64[D]``."""

    on: date
    codes: npt.NDArray[np.int8] = attrs.field(eq=False)
    expires_on: Dates = attrs.field(eq=False)

    def statuses(self) -> list[Status]:
        return [STATUS_CODES[c] for c in self.codes.tolist()]

    @property
    def valid(self) -> npt.NDArray[np.bool_]:
        """Rows whose certificate may be relied on (valid, in window, or kept valid)."""
        ok = [_CODE[s] for s in STATUS_CODES if s.is_valid]
        return np.isin(self.codes, ok)


def status_batch(
    issued_on: npt.ArrayLike,
    on: date,
    *,
    revoked_on: npt.ArrayLike | None = None,
    superseded_on: npt.ArrayLike | None = None,
    re_evaluation_filed_on: npt.ArrayLike | None = None,
    re_evaluation_decided_on: npt.ArrayLike | None = None,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
) -> BatchStatus:
    """Statuses on ``on`` of certificates issued on ``issued_on`` (N,), with optional events.

    A row's expiry date, and its status when it has no event, depend on its issue
    day alone: when there are no more days from the first issue day to the last
    than rows, they are worked out once for each day and each row reads its day's;
    the rows with an event are then worked out again with it.  Otherwise row by
    row.  Both give the same answers: the same arithmetic runs on days or on rows.
    """
    require_date(on, "on")
    rule, reading = options(rule, reading)
    issued = _issue_days(issued_on)
    days = issued.view(np.int64)  # NaT is the smallest int64: min() finds it too
    start, end = (int(days.min()), int(days.max())) if days.size else (0, -1)
    if days.size and start == _NAT_INT:
        raise InvalidInput(f"issued_on has no date in row {int(np.argmax(np.isnat(issued)))}")
    first = np.datetime64(regimes()[0].starts_on, "D")
    if days.size and start < first.astype(np.int64):
        row = int(np.argmax(issued < first))
        raise RuleNotInForce(
            f"row {row}: no certificate rule is encoded for {issued[row]} (rules start on {first})",
            row=row,
        )
    last = np.datetime64("9996-12-31", "D")  # + 36 months must stay within year 9999
    if days.size and end > last.astype(np.int64):
        row = int(np.argmax(issued > last))
        raise InvalidInput(f"row {row}: issued_on {issued[row]} is too late to count 36 months")
    n = issued.shape[0]
    day = np.datetime64(on, "D")
    given = (revoked_on, superseded_on, re_evaluation_filed_on, re_evaluation_decided_on)
    events = None
    if any(e is not None for e in given):
        revoked = _dates(revoked_on, "revoked_on", n)
        superseded = _dates(superseded_on, "superseded_on", n)
        filed = _dates(re_evaluation_filed_on, "re_evaluation_filed_on", n)
        decided = _dates(re_evaluation_decided_on, "re_evaluation_decided_on", n)
        _check_events(issued, revoked, superseded, filed, decided)
        events = (revoked, superseded, filed, decided)
    if not n or end - start >= n:  # more days than rows: row by row
        expires = expiry_dates(issued, rule)
        rows = events or (_dates(None, "", n),) * 4
        return BatchStatus(on, _codes(issued, expires, day, reading, *rows), expires)
    span = np.arange(start, end + 1, dtype=np.int64).view("datetime64[D]")
    none = _dates(None, "", span.shape[0])
    by_day = expiry_dates(span, rule)
    codes, expires = _read_by_day(
        days, start, _codes(span, by_day, day, reading, none, none, none, none), by_day
    )
    if events is not None:
        # The rows with an event (a decision needs a filing, checked above) are worked out
        # again with it, by the same arithmetic.
        revoked, superseded, filed, decided = events
        eventful = np.flatnonzero(~np.isnat(revoked) | ~np.isnat(superseded) | ~np.isnat(filed))
        if eventful.size:
            codes[eventful] = _codes(
                issued[eventful],
                expires[eventful],
                day,
                reading,
                revoked[eventful],
                superseded[eventful],
                filed[eventful],
                decided[eventful],
            )
    return BatchStatus(on, codes, expires)


#: Rows read per step by _read_by_day: its index buffer (128 KB) stays in the CPU's cache.
_STEP = 1 << 14


def _read_by_day(
    days: npt.NDArray[np.int64], start: int, codes: npt.NDArray[np.int8], expires: Dates
) -> tuple[npt.NDArray[np.int8], Dates]:
    """Each row's code and expiry date from the tables over the days from ``start``.

    In steps of rows with one small index buffer: a whole-length index array would
    be another 8 bytes a row written and page-faulted, the largest cost here.
    """
    n = days.shape[0]
    out_codes = np.empty(n, dtype=np.int8)
    out_expires = np.empty(n, dtype=expires.dtype)
    at = np.empty(min(n, _STEP), dtype=np.intp)
    for low in range(0, n, _STEP):
        high = min(low + _STEP, n)
        step = at[: high - low]
        np.subtract(days[low:high], start, out=step)
        # Every index lies in the tables (start is the least day, the tables run to the
        # greatest): "clip" skips the bounds check, which clips nothing here.
        codes.take(step, out=out_codes[low:high], mode="clip")
        expires.take(step, out=out_expires[low:high], mode="clip")
    return out_codes, out_expires


def _codes(
    issued: Dates,
    expires: Dates,
    day: np.datetime64,
    reading: ExtensionReading,
    revoked: Dates,
    superseded: Dates,
    filed: Dates,
    decided: Dates,
) -> npt.NDArray[np.int8]:
    """Each row's status code on ``day``, element by element."""
    closes = expires - _days(_rules.RE_EVALUATION_WINDOW.closes_days_before)
    opens = expires - _days(_rules.RE_EVALUATION_WINDOW.opens_days_before)
    switch = transition()
    effective = np.datetime64(switch.effective, "D")
    window_open = closes >= effective
    kept_until = expires + _days(switch.late_filing_days)
    kept_applies = kept_until >= effective
    if reading is not ExtensionReading.LITERAL:
        kept_applies &= ~window_open
    if reading is ExtensionReading.STILL_VALID:  # still valid on 22/5/2026
        kept_applies &= expires >= effective
    # NaT compares False, so a missing event never triggers its branch.
    kept = (
        kept_applies
        & (filed > closes)
        & (day >= np.maximum(filed, effective))
        & (day <= kept_until)
        & ~(decided <= day)
    )
    codes: npt.NDArray[np.int8] = np.select(
        [
            day < issued,
            revoked <= day,
            superseded <= day,
            (day <= expires) & window_open & (opens <= day) & (day <= closes) & (day >= effective),
            day <= expires,
            kept,
        ],
        [
            _CODE[s]
            for s in (
                Status.NOT_YET_ISSUED,
                Status.REVOKED,
                Status.SUPERSEDED,
                Status.RENEWAL_WINDOW,
                Status.VALID,
                Status.KEPT_VALID,
            )
        ],
        default=_CODE[Status.EXPIRED],
    ).astype(np.int8)
    return codes


def expiry_dates(issued: Dates, rule: ExpiryRule = ExpiryRule.CIVIL_CODE) -> Dates:
    """``issued`` + the term (36 months), the day clamped to the month's end (Điều 148 khoản 3)."""
    issued = day_array(issued, "issued")
    rule = choice(rule, ExpiryRule, "rule")
    months = issued.astype("datetime64[M]")
    target = months + np.timedelta64(validity_months(), "M")
    day_index = (issued - months.astype("datetime64[D]")).astype(np.int64)  # 0-based day
    next_month = target + np.timedelta64(1, "M")
    month_days = (next_month.astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    offset = np.minimum(day_index, month_days - 1)
    if rule is ExpiryRule.CIVIL_CODE_NEXT_WORKING_DAY:
        end = target.astype("datetime64[D]").astype(np.int64) + offset
        weekday = (end + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        offset = offset + np.where(weekday >= 5, 7 - weekday, 0)
    expires: Dates = target.astype("datetime64[D]") + offset.astype("timedelta64[D]")
    return expires


def _days(count: int) -> np.timedelta64:
    # Explicit: numpy 2.5 deprecates adding a plain integer to a datetime64.
    return np.timedelta64(count, "D")


def _check_events(
    issued: Dates, revoked: Dates, superseded: Dates, filed: Dates, decided: Dates
) -> None:
    """Refuse rows the Certificate model refuses: events before issue, decisions without filings."""
    named = {
        "revoked_on": revoked,
        "superseded_on": superseded,
        "re_evaluation_filed_on": filed,
        "re_evaluation_decided_on": decided,
    }
    for name, when in named.items():
        early = when < issued  # NaT compares False
        if early.any():
            row = int(np.argmax(early))
            raise InvalidInput(
                f"row {row}: {name} {when[row]} is before issued_on {issued[row]}", row=row
            )
    orphan = ~np.isnat(decided) & (np.isnat(filed) | (decided < filed))
    if orphan.any():
        row = int(np.argmax(orphan))
        raise InvalidInput(
            f"row {row}: re_evaluation_decided_on needs a re_evaluation_filed_on on or before it",
            row=row,
        )


def _issue_days(values: npt.ArrayLike) -> Dates:
    """``issued_on`` as days; a ``datetime64[D]`` column is read in place, not copied
    (nothing of it is kept: the result holds new arrays)."""
    if isinstance(values, np.ndarray) and values.dtype == _DAY and values.ndim == 1:
        return values
    return _dates(values, "issued_on", None)


def _dates(values: npt.ArrayLike | None, name: str, n: int | None) -> Dates:
    if values is None:
        return np.full(n or 0, np.datetime64("NaT"), dtype="datetime64[D]")
    return day_array(values, name, n)
