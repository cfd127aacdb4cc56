"""Working days: weekends, public holidays (with Tết) and announced days off, 2018–2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.errors import InvalidInput, NotEncoded
from ocop.workdays import (
    FIRST_YEAR,
    LAST_YEAR,
    add_working_days,
    holiday_name,
    is_working_day,
    next_working_day,
)

COVERED = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 20))


def test_a_15_day_revocation_deadline_from_18_8_2026_does_not_end_on_quoc_khanh() -> None:
    # 26/2026/QĐ-TTg Điều 8 khoản 4: 18/8/2026 + 15 days is Wednesday 02/9/2026, Quốc khánh.
    end = date(2026, 8, 18) + timedelta(days=15)
    assert end == date(2026, 9, 2) and holiday_name(end) == "Quốc khánh"
    assert next_working_day(end) == date(2026, 9, 3)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán"),
        (date(2026, 2, 20), "Mùng bốn Tết Nguyên Đán"),
        (date(2025, 1, 27), "29 Tết"),
        (date(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
        (date(2019, 1, 1), "Tết Dương lịch"),
    ],
)
def test_holidays_and_days_off_are_named(day: date, name: str) -> None:
    assert holiday_name(day) == name
    assert not is_working_day(day)


def test_swapped_days_off_are_not_working_days_and_the_swapped_saturday_stays_off() -> None:
    assert holiday_name(date(2026, 8, 31)) is not None  # off in exchange for Sat 22/8/2026
    assert not is_working_day(date(2026, 8, 31))
    assert not is_working_day(date(2026, 8, 22))  # worked by civil servants, still not rolled onto
    assert next_working_day(date(2026, 8, 29)) == date(2026, 9, 3)  # Sat → Sun, 31/8, 1/9, 2/9 off


def test_tet_2026_rolls_a_deadline_past_the_whole_break() -> None:
    assert next_working_day(date(2026, 2, 14)) == date(2026, 2, 23)


def test_an_ordinary_weekday_is_its_own_next_working_day() -> None:
    assert is_working_day(date(2026, 6, 10))
    assert next_working_day(date(2026, 6, 10)) == date(2026, 6, 10)
    assert holiday_name(date(2026, 6, 10)) is None


def test_counting_working_days() -> None:
    assert add_working_days(date(2026, 8, 28), 0) == date(2026, 8, 28)
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert add_working_days(date(2026, 8, 28), 3) == date(2026, 9, 7)


@pytest.mark.parametrize("day", [date(2017, 12, 31), date(LAST_YEAR + 1, 1, 4)])
def test_dates_outside_the_trusted_years_are_refused(day: date) -> None:
    with pytest.raises(NotEncoded, match=f"{FIRST_YEAR}–{LAST_YEAR}"):
        is_working_day(day)


def test_rolling_out_of_the_trusted_years_is_refused() -> None:
    with pytest.raises(NotEncoded):
        add_working_days(date(LAST_YEAR, 12, 30), 5)


@pytest.mark.parametrize("bad", ["2026-09-02", 20260902, None])
def test_non_dates_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        next_working_day(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, True, 1.0, "3"])
def test_bad_counts_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        add_working_days(date(2026, 6, 1), bad)  # type: ignore[arg-type]


@given(COVERED)
def test_next_working_day_is_the_first_working_day_on_or_after(day: date) -> None:
    found = next_working_day(day)
    assert found >= day and is_working_day(found) and found.weekday() < 5
    assert all(not is_working_day(day + timedelta(days=i)) for i in range((found - day).days))
