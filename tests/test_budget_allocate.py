"""Tests for ocop.budget.allocate: exact splits of a total in whole units."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ocop.budget.allocate import Allocation, allocate, allocate_percent, rephase, rescale
from ocop.errors import InvalidInput, NotFound, OcopError
from ocop.money import INT64_MAX, Unit
from ocop.text import show
from tests.test_hostile_input import HOSTILE

TRIEU = Unit.TRIEU.factor

# --- examples --------------------------------------------------------------------------


def test_kon_tum_2021_2025_phasing_gives_the_yearly_figures_back() -> None:
    # Kế hoạch 908/KH-UBND: 134.750 triệu đồng over 2021-2025.
    years = [17_545, 26_800, 30_100, 30_100, 30_205]
    parts = allocate(134_750_000_000, years, unit="triệu đồng")
    assert parts == tuple(y * TRIEU for y in years)


def test_three_equal_weights_in_whole_trieu() -> None:
    assert allocate(100 * TRIEU, [1, 1, 1], unit=Unit.TRIEU) == (34 * TRIEU, 33 * TRIEU, 33 * TRIEU)
    assert allocate(100, [1, 1, 1]) == (34, 33, 33)


def test_modes_place_the_leftover_units() -> None:
    assert allocate(100, [1, 1, 1], mode=Allocation.REMAINDER_TO_FIRST) == (34, 33, 33)
    assert allocate(100, [1, 1, 1], mode="remainder_to_last") == (33, 33, 34)
    assert allocate(101, [1, 1, 1], mode="remainder_to_last") == (33, 34, 34)
    # Shares 3.5, 0.5, 1, 2: the whole shares (1 and 2) never take a leftover unit.
    assert allocate(7, [7, 1, 2, 4]) == (4, 0, 1, 2)
    assert allocate(7, [7, 1, 2, 4], mode="remainder_to_first") == (4, 0, 1, 2)
    assert allocate(7, [7, 1, 2, 4], mode="remainder_to_last") == (3, 1, 1, 2)
    # A zero weight stays 0 whatever the mode.
    for mode in Allocation:
        assert allocate(10, [0, 1, 1, 1], mode=mode)[0] == 0


def test_largest_remainder_ties() -> None:
    assert allocate(10, [1, 2, 3, 4]) == (1, 2, 3, 4)
    assert allocate(4, [1, 1, 1]) == (2, 1, 1)  # remainders 1/3 each: earliest first
    assert allocate(2, [1, 3]) == (0, 2)  # remainders 1/2 each: larger weight first
    assert allocate(2, [3, 1]) == (2, 0)
    assert allocate(1, [1, 1]) == (1, 0)
    assert allocate(7, [Fraction(1, 3), Decimal("0.5"), 1]) == (1, 2, 4)  # 1.27, 1.91, 3.82


def test_decimal_fraction_and_numpy_weights() -> None:
    assert allocate(100, [Decimal("0.5"), Fraction(1, 4), Decimal("0.25")]) == (50, 25, 25)
    assert allocate(100, [np.int64(1), np.int32(3)]) == (25, 75)
    assert allocate(100, np.array([1, 3])) == (25, 75)
    assert allocate(100, (Decimal("-0"), 1)) == (0, 100)
    assert allocate(INT64_MAX, [10**5000, 1]) == (INT64_MAX, 0)
    assert allocate(np.int64(100), [1]) == (100,)


def test_zero_total_gives_zero_parts_even_without_weights() -> None:
    assert allocate(0, [0, 0], unit=Unit.TY) == (0, 0)
    assert allocate(0, [1, 2]) == (0, 0)
    assert rescale([0, 0], 0) == (0, 0)


def test_allocate_percent() -> None:
    assert allocate_percent(10**9, [50, 30, 20], unit=Unit.TRIEU) == (
        500 * TRIEU,
        300 * TRIEU,
        200 * TRIEU,
    )
    thirds = [Decimal("33.3"), Decimal("33.3"), Decimal("33.4")]
    assert allocate_percent(100 * TRIEU, thirds, unit="triệu") == (
        33 * TRIEU,
        33 * TRIEU,
        34 * TRIEU,
    )
    assert allocate_percent(100, [Fraction(100, 3)] * 3) == (34, 33, 33)


def test_rescale() -> None:
    assert rescale([40, 30, 30], 50) == (20, 15, 15)
    # Rounding each to triệu would give 1 + 2 + 3 = 6, not the rounded total 7.
    assert rescale([1_400_000, 2_300_000, 3_300_000], 7 * TRIEU, unit="trieu") == (
        2 * TRIEU,
        2 * TRIEU,
        3 * TRIEU,
    )
    assert rescale([0, 5, 0], 9) == (0, 9, 0)
    assert rescale(np.array([1, 1], dtype=np.int64), 3) == (2, 1)


def test_rephase() -> None:
    assert rephase([40 * TRIEU, 30 * TRIEU, 30 * TRIEU], 0, 10 * TRIEU, unit=Unit.TRIEU) == (
        10 * TRIEU,
        45 * TRIEU,
        45 * TRIEU,
    )
    assert rephase([100, 0, 50, 50], 0, 40) == (40, 0, 80, 80)
    assert rephase([100, 0, 50, 50], 2, 0) == (133, 0, 0, 67)
    assert rephase([10, 20, 30], 1, 60) == (0, 60, 0)  # everything to one year
    assert rephase([0, 0, 30], 2, 30) == (0, 0, 30)  # nothing left to share
    assert rephase([30], 0, 30) == (30,)
    years = [17_545 * TRIEU, 26_800 * TRIEU, 30_100 * TRIEU, 30_100 * TRIEU, 30_205 * TRIEU]
    moved = rephase(years, 0, 20_000 * TRIEU, unit="triệu")
    assert sum(moved) == sum(years) and moved[0] == 20_000 * TRIEU
    assert all(new < old for new, old in zip(moved[1:], years[1:], strict=True))


def test_results_are_plain_int_tuples() -> None:
    for parts in (
        allocate(np.int64(100), np.array([1, 2])),
        rescale(np.array([1, 2]), np.int64(3)),
        rephase(np.array([1, 2]), np.int64(0), np.int64(2)),
    ):
        assert isinstance(parts, tuple) and all(type(p) is int for p in parts)


# --- refusals --------------------------------------------------------------------------


def refused(call: Callable[[], object], *words: str, kind: type[OcopError] = InvalidInput) -> str:
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize(
    ("total", "word"),
    [
        (100.0, "float"),
        (True, "bool"),
        (np.float64(100), "float"),
        (Decimal(100), "Decimal"),
        ("100", "str"),
        (None, "NoneType"),
        (-1, "out of range"),
        (INT64_MAX + 1, "out of range"),
        (10**5000, "out of range"),
    ],
    ids=show,
)
def test_bad_totals(total: Any, word: str) -> None:
    refused(lambda: allocate(total, [1, 1]), "total", word)


def test_total_not_a_whole_number_of_the_unit() -> None:
    message = refused(
        lambda: allocate(134_750_500_000, [1, 2], unit=Unit.TRIEU),
        "134.750.500.000 đồng is not a whole number of triệu đồng",
    )
    assert "smaller unit" in message
    refused(lambda: rescale([1, 2], 1_500, unit="nghìn"), "not a whole number of nghìn đồng")


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        ("123", ["list or tuple", "str"]),
        (b"12", ["list or tuple", "bytes"]),
        ({0: 1, 1: 2}, ["list or tuple", "dict"]),
        ({1, 2}, ["list or tuple", "set"]),
        (iter([1, 2]), ["list or tuple"]),
        (7, ["list or tuple", "int"]),
        ([], ["empty"]),
        (np.array([[1, 2]]), ["list or tuple"]),
        ([1, 0.5], ["weights[1]", "float", "not exact"]),
        ([1, np.float64(0.5)], ["weights[1]", "not exact"]),
        ([1, np.float32(0.5)], ["weights[1]", "not exact"]),
        (np.array([1.0, 2.0]), ["weights[0]", "float"]),
        ([True, 1], ["weights[0]", "bool"]),
        ([1, float("nan")], ["weights[1]", "float"]),
        ([1, float("inf")], ["weights[1]", "float"]),
        ([Decimal("NaN"), 1], ["weights[0]", "finite"]),
        ([Decimal("-Infinity"), 1], ["weights[0]", "finite"]),
        ([1, -1], ["weights[1]", "negative"]),
        ([1, Decimal("-0.5")], ["weights[1]", "negative"]),
        ([Fraction(-1, 2), 1], ["weights[0]", "negative"]),
        (["1", 1], ["weights[0]", "str"]),
        ([None], ["weights[0]", "NoneType"]),
        ([1, complex(1, 0)], ["weights[1]", "complex"]),
        ([Decimal("1E+999999999")], ["weights[0]", "too large"]),
        ([Decimal("1E-999999999")], ["weights[0]", "too large or too finely divided"]),
        ([0, 0], ["all 0", "nothing to share"]),
        ([0, Decimal(0), Fraction(0)], ["all 0"]),
    ],
    ids=show,
)
def test_bad_weights(weights: Any, words: list[str]) -> None:
    refused(lambda: allocate(100, weights), *words)


def test_bad_unit_and_mode() -> None:
    refused(lambda: allocate(100, [1], unit="crore"), "crore", kind=NotFound)
    refused(lambda: allocate(100, [1], unit=1000), "unit must be a Unit")
    refused(lambda: allocate(100, [1], mode="hare"), "mode", "largest_remainder")
    refused(lambda: allocate(100, [1], mode=None), "mode")


def test_percentages_must_sum_to_exactly_100() -> None:
    refused(
        lambda: allocate_percent(100, [Decimal("33.3"), Decimal("33.3"), Decimal("33.3")]),
        "percentages sum to 99,9, not 100",
    )
    refused(lambda: allocate_percent(100, [50, 51]), "sum to 101")
    refused(lambda: allocate_percent(100, [Fraction(1, 3), 99]), "sum to 298/3")
    refused(lambda: allocate_percent(100, [100, 0.0]), "percentages[1]", "float")
    refused(lambda: allocate_percent(100, []), "percentages is empty")


@pytest.mark.parametrize(
    ("amounts", "words"),
    [
        ([1, -1], ["amounts[1]", "out of range"]),
        ([1, INT64_MAX + 1], ["amounts[1]", "out of range"]),
        ([1, Decimal(2)], ["amounts[1]", "Decimal", "to_dong"]),
        ([Fraction(1), 2], ["amounts[0]", "Fraction"]),
        ([1.0, 2], ["amounts[0]", "float"]),
        ([True, 2], ["amounts[0]", "bool"]),
        ("12", ["list or tuple"]),
        ([], ["empty"]),
    ],
    ids=show,
)
def test_bad_amounts(amounts: Any, words: list[str]) -> None:
    refused(lambda: rescale(amounts, 10), *words)
    refused(lambda: rephase(amounts, 0, 0), *words)


def test_rescale_refusals() -> None:
    refused(lambda: rescale([0, 0], 10), "all 0")
    refused(lambda: rescale([1, 2], -3), "total", "out of range")
    refused(lambda: rescale([1, 2], 3.0), "total", "float")


def test_rephase_refusals() -> None:
    refused(lambda: rephase([1, 2, 3], 3, 1), "index 3 is out of range", "0 to 2")
    refused(lambda: rephase([1, 2, 3], -1, 1), "index -1 is out of range")
    refused(lambda: rephase([1, 2, 3], True, 1), "index", "bool")
    refused(lambda: rephase([1, 2, 3], 1.0, 1), "index", "float")
    refused(lambda: rephase([1, 2, 3], 0, 7), "more than the total")
    refused(lambda: rephase([1, 2, 3], 0, -1), "new_amount", "out of range")
    refused(lambda: rephase([1, 2, 3], 0, 1.5), "new_amount", "float")
    refused(
        lambda: rephase([TRIEU, TRIEU], 0, 1_500_000, unit="triệu"),
        "new_amount",
        "not a whole number of triệu đồng",
    )
    refused(
        lambda: rephase([TRIEU, 500_000], 0, TRIEU, unit="triệu"),
        "amounts sum to 1.500.000 đồng",
        "not a whole number of triệu đồng",
    )
    refused(lambda: rephase([10, 0, 0], 0, 4), "all 0", "no shares to keep")
    refused(lambda: rephase([10], 0, 4), "no shares to keep")
    refused(lambda: rephase([INT64_MAX, 1], 0, 1), "int64")


CALLS: list[tuple[str, Callable[[Any], object]]] = [
    ("allocate total", lambda v: allocate(v, [1])),
    ("allocate weights", lambda v: allocate(100, v)),
    ("allocate unit", lambda v: allocate(100, [1], unit=v)),
    ("allocate mode", lambda v: allocate(100, [1], mode=v)),
    ("allocate_percent", lambda v: allocate_percent(100, v)),
    ("rescale amounts", lambda v: rescale(v, 100)),
    ("rescale total", lambda v: rescale([1], v)),
    ("rephase amounts", lambda v: rephase(v, 0, 0)),
    ("rephase index", lambda v: rephase([1, 2], v, 0)),
    ("rephase new_amount", lambda v: rephase([1, 2], 0, v)),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[n for n, _ in CALLS])
@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_only_ocop_errors_escape(name: str, call: Callable[[Any], object], value: Any) -> None:
    try:
        call(value)
    except OcopError as err:
        assert str(err)
    except Exception as err:  # pragma: no cover - the failure being tested for
        pytest.fail(f"{name}({type(value).__name__}) raised {type(err).__name__}: {err}")


# --- properties ------------------------------------------------------------------------

units = st.sampled_from(list(Unit))
modes = st.sampled_from(list(Allocation))
weight = st.one_of(
    st.integers(0, 10**6),
    st.integers(0, 10**30),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=10**6, max_denominator=1000),
    st.just(0),
)
weight_lists = st.lists(weight, min_size=1, max_size=12)


@st.composite
def totals(draw: st.DrawFn, unit: Unit) -> int:
    count = draw(st.one_of(st.integers(0, 1000), st.integers(0, INT64_MAX // unit.factor)))
    return count * unit.factor


def exact_shares(total: int, weights: Sequence[Any]) -> list[Fraction]:
    whole = sum(Fraction(w) for w in weights)
    return [Fraction(total) * Fraction(w) / whole for w in weights]


def check_split(parts: tuple[int, ...], total: int, weights: Sequence[Any], unit: Unit) -> None:
    assert len(parts) == len(weights)
    assert sum(parts) == total
    for part, share in zip(parts, exact_shares(total, weights), strict=True):
        assert part % unit.factor == 0
        assert abs(part - share) < unit.factor
        # floor or floor + 1 units of the exact share
        assert part // unit.factor - share // unit.factor in (0, 1)


@given(data=st.data(), unit=units, weights=weight_lists, mode=modes)
def test_allocate_is_exact_and_within_one_unit(
    data: st.DataObject, unit: Unit, weights: list[Any], mode: Allocation
) -> None:
    assume(any(weights))
    total = data.draw(totals(unit))
    parts = allocate(total, weights, unit=unit, mode=mode)
    check_split(parts, total, weights, unit)
    assert allocate(total, weights, unit=unit, mode=mode) == parts  # deterministic


# Small weights and totals make ties in remainder between different weights common.
small_cases = st.tuples(st.lists(st.integers(0, 6), min_size=1, max_size=8), st.integers(0, 40))


@given(data=st.data(), unit=units, weights=weight_lists, small=st.none() | small_cases)
def test_largest_remainder_depends_on_the_weights_not_their_order(
    data: st.DataObject, unit: Unit, weights: list[Any], small: tuple[list[int], int] | None
) -> None:
    if small is None:
        total = data.draw(totals(unit))
    else:
        weights, total = small[0], small[1] * unit.factor
    assume(any(weights))
    shuffled = data.draw(st.permutations(weights))
    parts = allocate(total, weights, unit=unit)
    moved = allocate(total, shuffled, unit=unit)
    assert sorted(zip(map(Fraction, weights), parts, strict=True)) == sorted(
        zip(map(Fraction, shuffled), moved, strict=True)
    )


def test_largest_remainder_ignores_order_on_every_small_case() -> None:
    # Exhaustive over small cases, where remainder ties between different weights abound.
    for weights in itertools.product(range(5), repeat=3):
        if not any(weights):
            continue
        for total in range(13):
            expected = sorted(zip(weights, allocate(total, weights), strict=True))
            for order in itertools.permutations(weights):
                assert sorted(zip(order, allocate(total, order), strict=True)) == expected


@given(data=st.data(), unit=units, weights=weight_lists)
def test_largest_remainder_gives_extra_units_to_the_largest_remainders(
    data: st.DataObject, unit: Unit, weights: list[Any]
) -> None:
    assume(any(weights))
    total = data.draw(totals(unit))
    parts = allocate(total, weights, unit=unit)
    shares = [s / unit.factor for s in exact_shares(total, weights)]
    remainders = [s - (s // 1) for s in shares]
    bumped = [i for i, (p, s) in enumerate(zip(parts, shares, strict=True)) if p > s * unit.factor]
    kept = [i for i in range(len(parts)) if i not in bumped]
    if bumped and kept:
        assert min(remainders[i] for i in bumped) >= max(remainders[i] for i in kept)


@given(
    unit=units,
    counts=st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
    scale=st.fractions(min_value=Fraction(1, 1000), max_value=1000, max_denominator=1000),
    mode=modes,
)
def test_weights_that_divide_exactly_give_the_exact_shares(
    unit: Unit, counts: list[int], scale: Fraction, mode: Allocation
) -> None:
    assume(any(counts) and scale > 0)
    total = sum(counts) * unit.factor
    assume(total <= INT64_MAX)
    parts = allocate(total, [c * scale for c in counts], unit=unit, mode=mode)
    assert parts == tuple(c * unit.factor for c in counts)


@given(
    unit=units,
    counts=st.lists(st.integers(0, 10**8), min_size=1, max_size=12),
    mode=modes,
)
def test_rescale_onto_their_own_sum_changes_nothing(
    unit: Unit, counts: list[int], mode: Allocation
) -> None:
    amounts = [c * unit.factor for c in counts]
    assume(sum(amounts) <= INT64_MAX)
    assume(any(amounts))
    assert rescale(amounts, sum(amounts), unit=unit, mode=mode) == tuple(amounts)


@given(data=st.data(), unit=units, mode=modes)
def test_rescale_is_exact_and_within_one_unit(
    data: st.DataObject, unit: Unit, mode: Allocation
) -> None:
    amounts = data.draw(st.lists(st.integers(0, 10**15), min_size=1, max_size=12))
    assume(any(amounts))
    total = data.draw(totals(unit))
    parts = rescale(amounts, total, unit=unit, mode=mode)
    check_split(parts, total, amounts, unit)


@given(data=st.data(), unit=units, mode=modes)
def test_rephase_keeps_the_total_and_sets_the_part(
    data: st.DataObject, unit: Unit, mode: Allocation
) -> None:
    counts = data.draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=10))
    amounts = [c * unit.factor for c in counts]
    total = sum(amounts)
    assume(total <= INT64_MAX)
    index = data.draw(st.integers(0, len(amounts) - 1))
    others = amounts[:index] + amounts[index + 1 :]
    # When the others have no shares to keep, only the whole total can move here.
    new_amount = data.draw(st.integers(0, sum(counts))) * unit.factor if any(others) else total
    parts = rephase(amounts, index, new_amount, unit=unit, mode=mode)
    assert sum(parts) == total
    assert parts[index] == new_amount
    rest = list(parts[:index] + parts[index + 1 :])
    if any(others):
        check_split(tuple(rest), total - new_amount, others, unit)
    else:
        assert not any(rest)
    # Setting a part to what it already has changes nothing.
    assert rephase(amounts, index, amounts[index], unit=unit, mode=mode) == tuple(amounts)
