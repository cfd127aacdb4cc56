"""``status_batch`` reads each row's expiry, and its status without events, from tables
over the issue days.

The tables are the same arithmetic run on the range of issue days instead of on
the rows; the rows with an event are worked out again with it.  Every row must get
exactly what the row-by-row kernel gives it.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates import ExpiryRule, ExtensionReading, status_batch
from ocop.certificates import batch as batch_module
from ocop.errors import InvalidInput, RuleNotInForce

NAT = np.datetime64("NaT", "D")
issue_days = st.dates(min_value=date(2019, 8, 21), max_value=date(2031, 12, 31))
days_on = st.dates(min_value=date(2019, 1, 1), max_value=date(2036, 12, 31))
#: Per row: days after issue of a revocation, a supersession and a re-evaluation filing
#: and decision (None: no such event).
row_events = st.tuples(*(st.none() | st.integers(0, 1500) for _ in range(4)))
Events = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def row_by_row(
    issued: np.ndarray,
    on: date,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
    events: Events | None = None,
) -> tuple[list[int], list[str]]:
    """The kernel run on the rows themselves."""
    none = np.full(issued.shape[0], NAT)
    expires = batch_module.expiry_dates(issued, rule)
    day = np.datetime64(on, "D")
    codes = batch_module._codes(issued, expires, day, reading, *(events or (none,) * 4))
    return codes.tolist(), expires.astype(str).tolist()


def event_columns(issued: np.ndarray, offsets: list[tuple[int | None, ...]]) -> Events:
    def column(k: int) -> np.ndarray:
        after = [NAT if o[k] is None else np.timedelta64(o[k], "D") for o in offsets]
        return issued + np.array(after, dtype="timedelta64[D]")

    revoked, superseded, filed, decided = (column(k) for k in range(4))
    # A decision needs a filing on or before it.
    decided = np.where(np.isnat(filed), NAT, np.maximum(decided, filed))
    return revoked, superseded, filed, decided


@given(
    st.lists(st.tuples(issue_days, row_events), min_size=1, max_size=40),
    st.integers(1, 60),
    days_on,
    st.sampled_from(ExpiryRule),
    st.sampled_from(ExtensionReading),
    st.booleans(),
)
def test_every_row_gets_what_the_row_by_row_kernel_gives(
    rows: list[tuple[date, tuple[int | None, ...]]],
    copies: int,
    on: date,
    rule: ExpiryRule,
    reading: ExtensionReading,
    with_events: bool,
) -> None:
    # Repeated rows make a batch with no more days than rows (the tables), a single copy
    # of spread-out days one with more (row by row).
    issued = np.tile(np.array([d for d, _ in rows], dtype="datetime64[D]"), copies)
    events = event_columns(issued, [e for _, e in rows] * copies) if with_events else None
    named = dict(
        zip(
            ("revoked_on", "superseded_on", "re_evaluation_filed_on", "re_evaluation_decided_on"),
            events or (None,) * 4,
            strict=True,
        )
    )
    result = status_batch(issued, on, rule=rule, reading=reading, **named)
    found = (result.codes.tolist(), result.expires_on.astype(str).tolist())
    assert found == row_by_row(issued, on, rule, reading, events)


def test_a_dense_batch_reads_the_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many certificates over a few years (a province's register) take the tables."""
    rng = np.random.default_rng(7)
    issued = np.datetime64("2020-01-01", "D") + rng.integers(0, 6 * 365, 50_000).astype(
        "timedelta64[D]"
    )
    calls: list[int] = []
    read = batch_module._read_by_day

    def spy(*args: object) -> object:
        calls.append(1)
        return read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "_read_by_day", spy)
    result = status_batch(issued, date(2026, 10, 1))
    assert calls == [1]
    assert (result.codes.tolist(), result.expires_on.astype(str).tolist()) == row_by_row(
        issued, date(2026, 10, 1)
    )


def test_the_checks_come_before_the_tables() -> None:
    """A row with no date, or before the first rule, is refused on either path."""
    many = np.array(["2024-01-01"] * 5 + ["NaT"], dtype="datetime64[D]")
    with pytest.raises(InvalidInput, match="issued_on has no date in row 5"):
        status_batch(many, date(2026, 1, 1))
    early = np.array(["2024-01-01"] * 5 + ["2019-08-20"], dtype="datetime64[D]")
    with pytest.raises(RuleNotInForce, match="row 5"):
        status_batch(early, date(2026, 1, 1))
    late = np.array(["2024-01-01"] * 5 + ["2024-01-02"], dtype="datetime64[D]")
    with pytest.raises(InvalidInput, match="row 1: revoked_on"):
        status_batch(late, date(2026, 1, 1), revoked_on=np.array([NAT, "2023-01-01"] + [NAT] * 4))


def test_the_caller_s_array_is_read_not_kept() -> None:
    issued = np.array(["2024-02-29"] * 3, dtype="datetime64[D]")
    result = status_batch(issued, date(2026, 10, 1))
    issued[:] = np.datetime64("2020-01-01")
    assert result.expires_on.astype(str).tolist() == ["2027-02-28"] * 3
