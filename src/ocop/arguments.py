"""Checking the arguments of public functions: one meaning for each kind of value, everywhere.

Every public function reads its enum, number, integer, flag and sequence
arguments through these helpers, so that a value means the same thing (or is
refused the same way) in every function (docs/decisions/reliability.md):

* an enum parameter takes the member or its exact value string (``"literal"``
  is ``ExtensionReading.LITERAL``), through the enum's own ``parse`` when it has
  one, and nothing else;
* a number is an ``int``, ``float``, ``Decimal``, ``Fraction`` or numpy scalar,
  read exactly (a float by its shortest decimal form), never NaN, sNaN, an
  infinity, a ``bool`` or a string, and within :mod:`ocop.limits`;
* an integer is an ``int`` or numpy integer, never a ``bool``.

>>> from ocop.arguments import choice, exact
>>> from ocop.certificates import ExtensionReading
>>> choice("literal", ExtensionReading, "reading")
<ExtensionReading.LITERAL: 'literal'>
>>> choice("bogus", ExtensionReading, "reading")
Traceback (most recent call last):
...
ocop.errors.InvalidInput: reading must be one of 'transitional', 'literal', ..., got 'bogus'
>>> import numpy as np
>>> exact(np.float64(89.5), "total")
Fraction(179, 2)
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from ocop import limits
from ocop.errors import InvalidInput, OcopError
from ocop.text import show

__all__ = ["choice", "exact", "flag", "integer", "items", "label", "same_kind"]

E = TypeVar("E", bound=Enum)

# Bits of an integer with MAX_NUMBER_DIGITS decimal digits (log2(10) ≈ 3.33).
_MAX_BITS = limits.MAX_NUMBER_DIGITS * 10 // 3 + 1


def label(name: object) -> str:
    """A parameter's name for a message: itself if text, else shown safely."""
    return name if isinstance(name, str) else show(name)


def same_kind(value: object, kind: type | tuple[type, ...], name: object) -> Any:
    """``value`` if it is a ``kind``, else InvalidInput naming the parameter and the type."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not kinds or not all(isinstance(k, type) for k in kinds):
        raise InvalidInput(f"same_kind() needs a type, got {show(kind)}")
    if not isinstance(value, kind):
        wanted = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidInput(
            f"{label(name)} must be a {wanted}, got {show(value)}",
            field=label(name),
            value=show(value),
        )
    return value


def choice(value: object, kind: type[E], name: str) -> E:
    """``value`` as a member of ``kind``: the member itself or its exact value string."""
    name = label(name)
    if not (isinstance(kind, type) and issubclass(kind, Enum)):
        raise InvalidInput(f"choice() needs an Enum class, got {show(kind)}")
    if isinstance(value, kind):
        return value
    parse = getattr(kind, "parse", None)
    if parse is not None and isinstance(value, str):
        try:
            found = parse(value)
        except OcopError:
            raise
        except Exception:  # a parse that is not ours to trust: refuse below
            found = None
        if isinstance(found, kind):
            return found
    if isinstance(value, str):
        for member in kind:
            if member.value == value:
                return member
    allowed = ", ".join(repr(m.value) for m in kind)
    raise InvalidInput(
        f"{name} must be one of {allowed}, got {show(value)}",
        field=name,
        value=show(value),
        allowed=[str(m.value) for m in kind],
    )


def exact(value: object, name: str) -> Fraction:
    """A number as an exact Fraction; InvalidInput for anything that is not a finite number."""
    name = label(name)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Number):
        raise _not_a_number(value, name)
    if isinstance(value, np.integer):
        value = int(value)
    if isinstance(value, float | np.floating):
        as_float = float(value)  # np.float64's repr is "np.float64(89.5)" under numpy 2
        if as_float != as_float or as_float in (float("inf"), float("-inf")):
            raise InvalidInput(f"{name} must be a finite number, got {as_float}", field=name)
        return Fraction(Decimal(repr(as_float)))
    if isinstance(value, Decimal):
        if not value.is_finite():  # NaN, sNaN (whose comparisons raise), ±Infinity
            raise InvalidInput(f"{name} must be a finite number, got {value}", field=name)
        digits = len(value.as_tuple().digits)
        if digits > limits.MAX_NUMBER_DIGITS or abs(value.adjusted()) > limits.MAX_DECIMAL_EXPONENT:
            raise InvalidInput(
                f"{name} {show(value)} is outside the numbers ocop reads (limits "
                f"MAX_NUMBER_DIGITS = {limits.MAX_NUMBER_DIGITS}, "
                f"MAX_DECIMAL_EXPONENT = {limits.MAX_DECIMAL_EXPONENT})",
                field=name,
                limit="MAX_DECIMAL_EXPONENT",
            )
        return Fraction(value)
    if isinstance(value, int | Fraction):
        exact_value = Fraction(value)
        if (
            max(exact_value.numerator.bit_length(), exact_value.denominator.bit_length())
            > _MAX_BITS
        ):
            raise InvalidInput(
                f"{name} {show(value)} has more than {limits.MAX_NUMBER_DIGITS} digits "
                "(limit MAX_NUMBER_DIGITS)",
                field=name,
                limit="MAX_NUMBER_DIGITS",
            )
        return exact_value
    raise _not_a_number(value, name)  # complex and other Number types


def _not_a_number(value: object, name: str) -> InvalidInput:
    return InvalidInput(
        f"{name} must be a number (int, float, Decimal or Fraction), got {show(value)}",
        field=name,
        value=show(value),
    )


def integer(value: object, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int (a Python or numpy integer, not a bool), within ``[low, high]``."""
    name = label(name)
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise InvalidInput(
            f"{name} must be an integer, got {show(value)}", field=name, value=show(value)
        )
    number = int(value)
    if not all(b is None or isinstance(b, int) for b in (low, high)):
        raise InvalidInput(f"the bounds of {name} must be integers")
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput(
            f"{name} must lie between {show(low)} and {show(high)}, got {show(number)}",
            field=name,
            value=show(number),
        )
    return number


def flag(value: object, name: str) -> bool:
    """``value`` as a bool: ``True``/``False`` (or numpy's), never 0, 1 or a string."""
    name = label(name)
    if not isinstance(value, bool | np.bool_):
        raise InvalidInput(
            f"{name} must be True or False, got {show(value)}", field=name, value=show(value)
        )
    return bool(value)


def items(value: object, name: str, *, max_length: int = limits.MAX_COLLECTION) -> tuple[Any, ...]:
    """An iterable (not a string, bytes or mapping) as a tuple of at most ``max_length`` items.

    The length is checked while reading, so ``range(10**20)`` or an endless
    generator costs ``max_length`` steps, not memory for all of it.
    """
    name = label(name)
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 0:
        raise InvalidInput(f"max_length must be a whole number, got {show(max_length)}")
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise InvalidInput(
            f"{name} must be a list or tuple, got {show(value)}", field=name, value=show(value)
        )
    try:
        read = tuple(itertools.islice(value, max_length + 1))
    except OcopError:
        raise
    except Exception as err:  # a caller's iterator that fails while we read it
        raise InvalidInput(f"{name} could not be read: {type(err).__name__}", field=name) from None
    if len(read) > max_length:
        raise InvalidInput(
            f"{name} has more than {max_length} items (limit MAX_COLLECTION)",
            field=name,
            limit="MAX_COLLECTION",
        )
    return read
