"""One meaning for each kind of argument, everywhere (ocop.arguments)."""

from __future__ import annotations

import warnings
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from ocop import money, stars
from ocop.arguments import choice, exact, flag, integer, items
from ocop.certificates import (
    Certificate,
    ExpiryRule,
    ExtensionReading,
    renewal,
    status,
    status_batch,
)
from ocop.errors import InvalidInput
from ocop.findings import show_number
from ocop.law import Regime
from ocop.text import show

QD26 = "26/2026/QĐ-TTg"


def test_an_enum_value_string_means_the_member() -> None:
    # Filed 10 days before expiry, after the 26/2026 window closed: only the literal reading of
    # 26/2026 Điều 12 khoản 3 keeps it valid after expiry, so the two readings differ here.
    cert = Certificate(
        star=4, issued_on=date(2023, 10, 1), re_evaluation_filed_on=date(2026, 9, 21)
    )
    on = date(2026, 10, 21)
    assert status(cert, on, reading="literal").status.value == "kept_valid"
    assert status(cert, on, reading="transitional").status.value == "expired"
    for reading in ExtensionReading:
        assert status(cert, on, reading=reading.value) == status(cert, on, reading=reading)
    for rule in ExpiryRule:
        assert status(cert, on, rule=rule.value) == status(cert, on, rule=rule)
    issued = np.array(["2023-10-01"], dtype="datetime64[D]")
    for rule in ExpiryRule:
        by_value = status_batch(issued, on, rule=rule.value)
        assert by_value.codes.tolist() == status_batch(issued, on, rule=rule).codes.tolist()
        assert (
            by_value.expires_on.tolist() == status_batch(issued, on, rule=rule).expires_on.tolist()
        )


@pytest.mark.parametrize("bad", ["bogus", "LITERAL", 1, None, ExpiryRule.CIVIL_CODE])
def test_anything_else_is_refused_listing_the_allowed_values(bad: object) -> None:
    cert = Certificate(star=4, issued_on=date(2023, 6, 1))
    with pytest.raises(InvalidInput) as caught:
        status(cert, date(2026, 7, 1), reading=bad)  # type: ignore[arg-type]
    assert caught.value.context["allowed"] == ["transitional", "literal", "still_valid"]
    with pytest.raises(InvalidInput):
        status_batch(np.array(["2023-06-01"]), date(2026, 7, 1), rule="bogus")  # type: ignore[arg-type]


def test_an_enum_with_parse_is_read_through_it() -> None:
    assert choice(QD26, Regime, "regulation") is Regime.QD26_2026


def test_numpy_scalars_mean_their_python_value() -> None:
    assert stars.classify(np.float64(89.5), regulation=QD26).star == 4
    assert stars.classify(np.int64(70), regulation=QD26) == stars.classify(70, regulation=QD26)
    assert exact(np.float64(69.99), "x") == Fraction(6999, 100)


@pytest.mark.parametrize(
    "bad",
    [
        float("nan"),
        float("inf"),
        np.float64("nan"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        Decimal("1E+999999999"),
        Decimal("1E-999999999"),
        True,
        np.bool_(True),
        "89.5",
        10**5000,
        Fraction(1, 2**200000),
        1j,
    ],
    ids=lambda v: show(v, 30),
)
def test_what_is_not_a_finite_number_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        exact(bad, "total")
    with pytest.raises(InvalidInput):
        stars.classify(bad, regulation=QD26)  # type: ignore[arg-type]


def test_integers_flags_and_items() -> None:
    assert integer(np.int16(3), "star", low=1, high=5) == 3
    for bad in (True, 3.0, "3", 6):
        with pytest.raises(InvalidInput):
            integer(bad, "star", low=1, high=5)
    assert flag(np.bool_(False), "x") is False
    with pytest.raises(InvalidInput):
        flag(1, "x")
    assert items([1, 2], "xs") == (1, 2)
    for bad in ("ab", {"a": 1}, 3):
        with pytest.raises(InvalidInput):
            items(bad, "xs")
    with pytest.raises(InvalidInput) as caught:
        items(range(10**20), "xs", max_length=10)
    assert caught.value.context["limit"] == "MAX_COLLECTION"


def test_the_hangs_of_the_issue_end_at_once() -> None:
    assert show_number(Decimal("1E+999999999")) == "1E+999999999"
    with pytest.raises(InvalidInput) as caught:
        money.exact_decimal(Fraction(1, 2**200000))
    assert caught.value.context["limit"] == "MAX_FRACTION_BITS"


def test_renewal_at_the_calendar_ends_and_of_a_string_is_refused() -> None:
    for bad in (date.max, date.min, "2027-03-15", datetime(2027, 3, 15)):
        with pytest.raises(InvalidInput):
            renewal(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "issued",
    [
        np.array([19797], dtype=object),
        np.array(["2024-01-01T12"], dtype="datetime64[h]"),
        np.array([datetime(2024, 1, 1, 12)], dtype=object),
        ["2024-01-01T12:00"],
        ["2024"],
        [date(2024, 1, 1), 5],
    ],
    ids=["object-int", "hour", "datetime-object", "iso-time", "year", "mixed"],
)
def test_batch_dates_are_read_as_strictly_as_one_date(issued: object) -> None:
    with pytest.raises(InvalidInput):
        status_batch(issued, date(2026, 6, 1))  # type: ignore[arg-type]


def test_whole_days_in_a_finer_unit_are_dates() -> None:
    midnight = np.array(["2024-01-01T00:00:00"], dtype="datetime64[ns]")
    days = np.array(["2024-01-01"], dtype="datetime64[D]")
    on = date(2026, 6, 1)
    assert status_batch(midnight, on).codes.tolist() == status_batch(days, on).codes.tolist()


def test_batch_date_arithmetic_uses_explicit_timedelta64() -> None:
    # numpy 2.5 deprecates datetime64 + int; with the warning as an error the path still runs.
    issued = np.array(
        ["2024-02-29", "2019-09-30", "2026-06-01", "2023-01-31"], dtype="datetime64[D]"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for rule in ExpiryRule:
            for reading in ExtensionReading:
                found = status_batch(issued, date(2026, 6, 1), rule=rule, reading=reading)
                assert found.expires_on.dtype == np.dtype("datetime64[D]")
    assert status_batch(issued, date(2026, 6, 1)).expires_on.tolist() == [
        date(2027, 2, 28),
        date(2022, 9, 30),
        date(2029, 6, 1),
        date(2026, 1, 31),
    ]
