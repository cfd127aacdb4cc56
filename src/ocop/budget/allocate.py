"""Splitting a total into parts that add up to it exactly, in whole units.

Plans phase a budget over years, or share it among sources or districts, in whole
triệu đồng.  Each part gets the floor of its exact share (``total * w / sum(w)``,
counted in units); the few leftover units (always fewer than the parts) go one each
by an :class:`Allocation` mode, largest remainder by default.  Arithmetic is exact
(int and Fraction); amounts are int đồng, as everywhere in :mod:`ocop.money`.

Kon Tum's 2021–2025 plan (Kế hoạch 908/KH-UBND) phases 134.750 triệu đồng over five
years; weights equal to its yearly figures give those figures back:

>>> from ocop.money import Unit
>>> parts = allocate(134_750_000_000, [17_545, 26_800, 30_100, 30_100, 30_205], unit="triệu")
>>> [p // Unit.TRIEU.factor for p in parts]
[17545, 26800, 30100, 30100, 30205]
>>> allocate(100_000_000, [1, 1, 1], unit=Unit.TRIEU)  # 34 + 33 + 33 triệu
(34000000, 33000000, 33000000)
>>> allocate_percent(1_000_000_000, [50, 30, 20], unit=Unit.TRIEU)
(500000000, 300000000, 200000000)

Moving the first year to 10 triệu: the others share the other 90 as they shared 60:

>>> rephase([40_000_000, 30_000_000, 30_000_000], 0, 10_000_000, unit=Unit.TRIEU)
(10000000, 45000000, 45000000)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final

from ocop.arguments import items
from ocop.errors import InvalidInput
from ocop.money import INT64_MAX, Unit, exact_decimal, format_amount, format_decimal
from ocop.text import show

__all__ = ["Allocation", "allocate", "allocate_percent", "rephase", "rescale"]


class Allocation(StrEnum):
    """How leftover units are placed after every part gets the floor of its exact share.

    Only parts whose exact share is not already whole can take a leftover unit (so a
    part of weight 0 stays 0), which keeps every part within one unit of its share.
    """

    LARGEST_REMAINDER = "largest_remainder"  # Hamilton's method (default)
    REMAINDER_TO_FIRST = "remainder_to_first"  # one unit each to the first parts, in order
    REMAINDER_TO_LAST = "remainder_to_last"  # one unit each to the last parts, backwards


#: A weight: an exact number ≥ 0 (float is never exact, so never a weight).
Weight = int | Decimal | Fraction

# Decimal weights are turned into Fractions; a bound on the exponent keeps a hostile
# Decimal("1E+999999999") from building a billion-digit integer.
_MAX_DECIMAL_EXPONENT: Final = 1000


def allocate(
    total: int,
    weights: Sequence[Weight],
    *,
    unit: Unit | str = Unit.DONG,
    mode: Allocation | str = Allocation.LARGEST_REMAINDER,
) -> tuple[int, ...]:
    """``total`` đồng split in proportion to ``weights``, each part a whole number of ``unit``.

    The parts sum to ``total`` exactly and each is within one ``unit`` of its exact share.
    Largest-remainder ties go to the larger weight, then the earlier part, so the parts
    depend on the weights and not on their order (parts of equal weight may swap).

    >>> allocate(10, [1, 2, 3, 4]), allocate(10, [1, 1, 1], mode="remainder_to_last")
    ((1, 2, 3, 4), (3, 3, 4))
    """
    resolved, how = _check_unit(unit), _check_mode(mode)
    units = _check_total(total, resolved, what="total")
    checked = _check_weights(weights, what="weights")
    return _allocate(units, checked, resolved, how, what="weights")


def allocate_percent(
    total: int,
    percentages: Sequence[Weight],
    *,
    unit: Unit | str = Unit.DONG,
    mode: Allocation | str = Allocation.LARGEST_REMAINDER,
) -> tuple[int, ...]:
    """``total`` đồng split by ``percentages``, which must sum to exactly 100.

    >>> allocate_percent(100_000_000, [Decimal("33.3"), Decimal("33.3"), Decimal("33.4")])
    (33300000, 33300000, 33400000)
    """
    resolved, how = _check_unit(unit), _check_mode(mode)
    units = _check_total(total, resolved, what="total")
    checked = _check_weights(percentages, what="percentages")
    whole = sum(checked, Fraction(0))
    if whole != 100:
        raise InvalidInput(
            f"percentages sum to {_show_fraction(whole)}, not 100; "
            f"give shares that add up to exactly 100 (or use allocate with weights)",
            value=show(percentages),
            sum=str(whole),
        )
    return _allocate(units, checked, resolved, how, what="percentages")


def rescale(
    amounts: Sequence[int],
    total: int,
    *,
    unit: Unit | str = Unit.DONG,
    mode: Allocation | str = Allocation.LARGEST_REMAINDER,
) -> tuple[int, ...]:
    """``amounts`` (int đồng) scaled to sum to ``total``, each a whole number of ``unit``.

    For a budget cut to a new total, or đồng figures restated in whole triệu under a
    rounded grand total.

    >>> rescale([1_400_000, 2_300_000, 3_300_000], 7_000_000, unit="triệu")  # not 1 + 2 + 3
    (2000000, 2000000, 3000000)
    >>> rescale([40, 30, 30], 50)
    (20, 15, 15)
    """
    resolved, how = _check_unit(unit), _check_mode(mode)
    checked = _check_amounts(amounts)
    units = _check_total(total, resolved, what="total")
    return _allocate(units, [Fraction(a) for a in checked], resolved, how, what="amounts")


def rephase(
    amounts: Sequence[int],
    index: int,
    new_amount: int,
    *,
    unit: Unit | str = Unit.DONG,
    mode: Allocation | str = Allocation.LARGEST_REMAINDER,
) -> tuple[int, ...]:
    """``amounts`` with part ``index`` set to ``new_amount``, the total unchanged.

    The other parts share the rest in proportion to their current amounts; the total
    and ``new_amount`` must be whole numbers of ``unit``.

    >>> rephase([100, 0, 50, 50], 0, 40)  # the empty year stays empty
    (40, 0, 80, 80)
    """
    resolved, how = _check_unit(unit), _check_mode(mode)
    checked = _check_amounts(amounts)
    position = _check_index(index, len(checked))
    whole = sum(checked)
    if whole > INT64_MAX:
        raise InvalidInput(
            f"amounts sum to {show(whole)} đồng, beyond the int64 range of amounts "
            f"(at most {INT64_MAX} đồng)",
            value=show(whole),
            limit=INT64_MAX,
        )
    if whole % resolved.factor:
        raise InvalidInput(
            f"amounts sum to {format_amount(whole, Unit.DONG)}, which is not a whole number "
            f"of {resolved.label_vi}; rephase in a smaller unit or rescale the amounts first",
            value=whole,
            unit=resolved.value,
        )
    new_units = _check_total(new_amount, resolved, what="new_amount")
    if new_amount > whole:
        raise InvalidInput(
            f"new_amount {format_amount(new_amount, Unit.DONG)} is more than the total "
            f"{format_amount(whole, Unit.DONG)} of the amounts; it may be at most the total",
            value=new_amount,
            limit=whole,
        )
    others = [Fraction(a) for i, a in enumerate(checked) if i != position]
    rest = whole // resolved.factor - new_units
    if rest and not any(others):
        raise InvalidInput(
            f"{format_amount(rest * resolved.factor, Unit.DONG)} is left for the other parts "
            f"but they are all 0 (or there are none), so they have no shares to keep; "
            f"set amounts[{position}] to the total or give the others amounts",
            value=new_amount,
            index=position,
        )
    parts = list(_allocate(rest, others, resolved, how, what="amounts"))
    parts.insert(position, new_units * resolved.factor)
    return tuple(parts)


# --- the arithmetic --------------------------------------------------------------------


def _allocate(
    units: int, weights: Sequence[Fraction], unit: Unit, mode: Allocation, *, what: str
) -> tuple[int, ...]:
    """``units`` whole units split by ``weights`` (checked, ≥ 0), returned in đồng."""
    if units == 0:
        return (0,) * len(weights)
    # One common denominator turns every share into integer arithmetic: share_i is
    # units * scaled_i / whole, its floor and remainder one divmod each.
    common = math.lcm(*(w.denominator for w in weights))
    scaled = [w.numerator * (common // w.denominator) for w in weights]
    whole = sum(scaled)
    if whole == 0:
        raise InvalidInput(
            f"{what} are all 0, so there is nothing to share "
            f"{format_amount(units * unit.factor, Unit.DONG)} in proportion to; "
            f"give at least one a positive value",
            value=show([str(w) for w in weights]),
        )
    floors, remainders = zip(*(divmod(units * s, whole) for s in scaled), strict=True)
    leftover = units - sum(floors)
    # Fewer leftover units than parts with a fractional share (their remainders, each
    # below one unit, add up to the leftover), so no part gets more than floor + 1.
    open_parts = [i for i, r in enumerate(remainders) if r]
    if mode is Allocation.LARGEST_REMAINDER:
        open_parts.sort(key=lambda i: (-remainders[i], -scaled[i], i))
    elif mode is Allocation.REMAINDER_TO_LAST:
        open_parts.reverse()
    extra = set(open_parts[:leftover])
    return tuple((f + (i in extra)) * unit.factor for i, f in enumerate(floors))


# --- argument checks -------------------------------------------------------------------


def _check_unit(unit: object) -> Unit:
    if isinstance(unit, Unit | str):
        return Unit.parse(unit)
    raise InvalidInput(
        f"unit must be a Unit or its name, got {type(unit).__name__} {show(unit)}; "
        f"allowed: {', '.join(u.value for u in Unit)}",
        value=show(unit),
    )


def _check_mode(mode: object) -> Allocation:
    if isinstance(mode, Allocation):
        return mode
    allowed = [m.value for m in Allocation]
    if isinstance(mode, str) and mode in allowed:
        return Allocation(mode)
    raise InvalidInput(
        f"mode must be an Allocation or one of {allowed}, got {show(mode)}",
        value=show(mode),
        allowed=allowed,
    )


def _as_int(value: object) -> int | None:
    """``value`` as an int when it is one (numpy integers too), else None.

    bool is an int subclass, but True is not an amount.
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def _check_total(total: object, unit: Unit, *, what: str) -> int:
    """``total`` checked (int đồng, 0 … INT64_MAX, whole ``unit``), as a count of units."""
    number = _as_int(total)
    if number is None:
        hint = "; floats are not exact money" if _is_float(total) else ""
        raise InvalidInput(
            f"{what} must be an int number of đồng, got {type(total).__name__} {show(total)}{hint}",
            value=show(total),
        )
    if not 0 <= number <= INT64_MAX:
        raise InvalidInput(
            f"{what} {show(number)} đồng is out of range: it must be 0 to {INT64_MAX} đồng",
            value=show(number),
            limit=[0, INT64_MAX],
        )
    if number % unit.factor:
        raise InvalidInput(
            f"{what} {format_amount(number, Unit.DONG)} is not a whole number of "
            f"{unit.label_vi}; allocate in a smaller unit or round the {what} first",
            value=number,
            unit=unit.value,
        )
    return number // unit.factor


def _check_sequence(values: object, *, what: str) -> list[object]:
    """The items of a non-empty list-like ``values`` (a 1-D numpy array is accepted)."""
    if type(values).__module__ == "numpy" and getattr(values, "ndim", None) == 1:
        values = getattr(values, "tolist")()  # noqa: B009  # int64 → int, float64 → float
    if isinstance(values, str | bytes | bytearray | Mapping) or not isinstance(values, Sequence):
        raise InvalidInput(
            f"{what} must be a list or tuple of numbers, got {type(values).__name__} "
            f"{show(values)}",
            value=show(values),
        )
    read = items(values, what)  # bounded by MAX_COLLECTION: range(10**20) has no len()
    if not read:
        raise InvalidInput(f"{what} is empty: there must be at least one part", value="[]")
    return list(read)


def _check_weights(weights: object, *, what: str) -> list[Fraction]:
    return [_weight(w, i, what=what) for i, w in enumerate(_check_sequence(weights, what=what))]


def _weight(value: object, position: int, *, what: str) -> Fraction:
    where = f"{what}[{position}]"
    integer = _as_int(value)
    if integer is not None:
        number = Fraction(integer)
    elif isinstance(value, Decimal) and value.is_finite():
        number = _decimal_weight(value, where=where, position=position)
    elif isinstance(value, Fraction):
        number = value
    else:
        hint = ""
        if isinstance(value, Decimal):
            hint = "; it must be finite"
        elif _is_float(value):
            hint = "; floats are not exact, pass an int, a Decimal or a Fraction"
        raise InvalidInput(
            f"{where} must be an int, Decimal or Fraction ≥ 0, got {type(value).__name__} "
            f"{show(value)}{hint}",
            position=position,
            value=show(value),
        )
    if number < 0:
        raise InvalidInput(
            f"{where} = {show(value)} is negative; {what} must be ≥ 0",
            position=position,
            value=show(value),
        )
    return number


def _decimal_weight(value: Decimal, *, where: str, position: int) -> Fraction:
    if value.is_zero():
        return Fraction(0)
    exponent = value.as_tuple().exponent
    if (
        not isinstance(exponent, int)
        or value.adjusted() > _MAX_DECIMAL_EXPONENT
        or exponent < -_MAX_DECIMAL_EXPONENT
    ):
        raise InvalidInput(
            f"{where} = {show(value)} is too large or too finely divided to be a weight "
            f"(exponent beyond ±{_MAX_DECIMAL_EXPONENT})",
            position=position,
            value=show(value),
        )
    return Fraction(value)


def _is_float(value: object) -> bool:
    # numpy's float32/float16 are not float subclasses, but are Real and not Rational.
    return isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational)


def _check_amounts(amounts: object) -> list[int]:
    checked: list[int] = []
    for position, value in enumerate(_check_sequence(amounts, what="amounts")):
        number = _as_int(value)
        if number is None:
            hint = "; floats are not exact money" if _is_float(value) else ""
            if isinstance(value, Decimal | Fraction):
                hint = "; amounts are int đồng (use ocop.money.to_dong to convert)"
            raise InvalidInput(
                f"amounts[{position}] must be an int number of đồng, got "
                f"{type(value).__name__} {show(value)}{hint}",
                position=position,
                value=show(value),
            )
        if not 0 <= number <= INT64_MAX:
            raise InvalidInput(
                f"amounts[{position}] = {show(number)} đồng is out of range: "
                f"it must be 0 to {INT64_MAX} đồng",
                position=position,
                value=show(number),
                limit=[0, INT64_MAX],
            )
        checked.append(number)
    return checked


def _check_index(index: object, size: int) -> int:
    number = _as_int(index)
    if number is None:
        raise InvalidInput(
            f"index must be an int position 0 to {size - 1}, got {type(index).__name__} "
            f"{show(index)}",
            value=show(index),
        )
    if not 0 <= number < size:
        raise InvalidInput(
            f"index {show(number)} is out of range: there are {size} amounts, "
            f"so it must be 0 to {size - 1}",
            value=show(number),
            limit=[0, size - 1],
        )
    return number


def _show_fraction(value: Fraction) -> str:
    """``value`` as a vi figure when it has a finite decimal expansion, else ``p/q``."""
    decimal = exact_decimal(value)
    if decimal is None:
        return f"{value.numerator}/{value.denominator}"
    return format_decimal(decimal, locale="vi")
