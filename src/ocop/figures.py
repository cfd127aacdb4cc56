"""Figures as printed: exact, bounded, approximate, ranged or "còn lại", with exact intervals.

A document prints "hơn 5.130 tỷ", "gần 8,4 tỷ", "khoảng 50%", "từ 3-4 sản
phẩm", "còn lại là vốn của các chủ thể".  A :class:`Figure` keeps what was
printed (the hedge and its words); :meth:`Figure.interval` is the set of true
values those words allow, as an :class:`Interval` of exact fractions with
open or closed ends.  Checks compare intervals and answer one of three
(:class:`Verdict`): the claim holds whatever the hedges hide, it is proven
wrong, or what is printed cannot decide it (with the interval left).

How each hedge is read is a decision of the library, not of the law
(docs/decisions/figures.md): a bound is closed ("hơn X" allows X, the figure
being rounded at the precision printed) unless ``strict`` is set, and
"gần"/"khoảng"/"xấp xỉ"/"trên dưới" allow :data:`APPROXIMATE` (10%) of the
printed figure (below it only, for "gần").

>>> from ocop.figures import Figure, Interval, compare
>>> parts = [Figure(more_than=100), Figure(more_than=200), Figure(exact=50)]
>>> added = Interval.total(p.interval() for p in parts)
>>> str(added)
'≥ 350'
>>> verdict = compare(added, Figure(more_than=352).interval())
>>> verdict.outcome.value, str(verdict.left)
('undecided', '≥ 352')
>>> compare(Interval.point(39), Figure.model_validate(41).interval()).outcome.value
'wrong'
>>> str(Figure.model_validate({"nearly": 8.4, "words": "gần 8,4 tỷ"}))
'gần 8,4 tỷ'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Annotated, Any, Final, Self

import attrs
from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ocop.arguments import exact, items
from ocop.errors import InvalidInput
from ocop.inputs import InputModel
from ocop.text import show

__all__ = [
    "APPROXIMATE",
    "HEDGE_WORDS",
    "LARGEST_FIGURE",
    "Figure",
    "Hedge",
    "Interval",
    "Number",
    "Outcome",
    "Verdict",
    "compare",
    "compare_at_most",
    "rounding_interval",
]

#: The largest figure a document states, in its own unit: a larger one is a misprint.
LARGEST_FIGURE: Final = Decimal(10) ** 12

#: How far "gần", "khoảng", "xấp xỉ", "trên dưới" may be from the printed figure (a fraction of it).
APPROXIMATE: Final = Fraction(1, 10)


def _number(value: object) -> Decimal:
    # JSON numbers only: a string such as "30,5" could be read two ways (docs/money.md).
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"expected a number, got {type(value).__name__}")
    # float() first: a numpy float's repr is "np.float64(…)", which Decimal cannot read.
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError("expected a finite number")
    if number.copy_abs() > LARGEST_FIGURE:  # abs() of 1E+999999999 overflows the context
        raise ValueError(f"{number} is beyond the largest figure a document states (10^12)")
    return number


def plain(value: Decimal) -> int | float:
    """A stated figure for JSON: an int when whole."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(f"plain() takes a finite Decimal, not {show(value)}")
    return int(value) if value == value.to_integral_value() else float(value)


#: A figure stated by a document: exact, finite, read from a JSON number (never from text).
Number = Annotated[
    Decimal,
    BeforeValidator(_number),
    PlainSerializer(plain, when_used="json"),
    WithJsonSchema({"type": "number"}),
]


class Hedge(StrEnum):
    """How a figure was printed; the Vietnamese words for each are in :data:`HEDGE_WORDS`."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    NEARLY = "nearly"
    ABOUT = "about"
    RANGE = "range"
    REMAINDER = "remainder"


#: The words documents print before (or after: "trở lên") a figure, and the hedge each means.
HEDGE_WORDS: Final[Mapping[str, Hedge]] = MappingProxyType(
    {
        "ít nhất": Hedge.AT_LEAST,
        "tối thiểu": Hedge.AT_LEAST,
        "trở lên": Hedge.AT_LEAST,
        "không dưới": Hedge.AT_LEAST,
        "hơn": Hedge.MORE_THAN,
        "trên": Hedge.MORE_THAN,
        "vượt": Hedge.MORE_THAN,
        "tối đa": Hedge.AT_MOST,
        "không quá": Hedge.AT_MOST,
        "không vượt quá": Hedge.AT_MOST,
        "dưới": Hedge.LESS_THAN,
        "gần": Hedge.NEARLY,
        "khoảng": Hedge.ABOUT,
        "xấp xỉ": Hedge.ABOUT,
        "trên dưới": Hedge.ABOUT,
        "từ … đến": Hedge.RANGE,
        "còn lại": Hedge.REMAINDER,
    }
)

_SINGLE = (
    Hedge.EXACT,
    Hedge.AT_LEAST,
    Hedge.MORE_THAN,
    Hedge.AT_MOST,
    Hedge.LESS_THAN,
    Hedge.NEARLY,
    Hedge.ABOUT,
)
# The short form keeps the document's words where a symbol would say more than they do:
# "hơn 100" allows 100 (docs/decisions/figures.md), "> 100" would not.
_SHORT = {
    Hedge.EXACT: "",
    Hedge.AT_LEAST: "≥ ",
    Hedge.MORE_THAN: "hơn ",
    Hedge.AT_MOST: "≤ ",
    Hedge.LESS_THAN: "dưới ",
    Hedge.NEARLY: "gần ",
    Hedge.ABOUT: "khoảng ",
    Hedge.REMAINDER: "còn lại",
}
#: A figure's short form in each language: an English message says "about 5", not "khoảng 5".
_HEDGE_SAID: Final = {
    "vi": _SHORT,
    "en": {
        **_SHORT,
        Hedge.MORE_THAN: "more than ",
        Hedge.LESS_THAN: "less than ",
        Hedge.NEARLY: "nearly ",
        Hedge.ABOUT: "about ",
        Hedge.REMAINDER: "the rest",
    },
}


# --- intervals -------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Interval:
    """A set of exact values: ``lo``..``hi`` (``None``: unbounded), each end open or closed."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def point(cls, value: int | Decimal | Fraction) -> Interval:
        """The one value ``value`` (an int, a finite Decimal or a Fraction)."""
        exact = _exact(value)
        return cls(exact, exact)

    @classmethod
    def total(cls, intervals: Iterable[Interval]) -> Interval:
        """The sum of the intervals (the empty sum is 0)."""
        out = cls.point(0)
        for i in items(intervals, "intervals"):
            out = out + _interval(i, "each of intervals")
        return out

    @property
    def exact(self) -> Fraction | None:
        """The one value, when the interval is a point."""
        return self.lo if self.lo is not None and self.lo == self.hi else None

    def __add__(self, other: Interval) -> Interval:
        other = _interval(other, "an addend")
        lo = None if self.lo is None or other.lo is None else self.lo + other.lo
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(lo, hi, self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __sub__(self, other: Interval) -> Interval:
        other = _interval(other, "a subtrahend")
        lo = None if self.lo is None or other.hi is None else self.lo - other.hi
        hi = None if self.hi is None or other.lo is None else self.hi - other.lo
        return Interval(lo, hi, self.lo_open or other.hi_open, self.hi_open or other.lo_open)

    def scale(self, factor: int | Fraction) -> Interval:
        """Multiplied by a positive exact factor (a unit's đồng, 100 for a share)."""
        f = exact(factor, "factor")
        if f <= 0:
            raise InvalidInput(f"an interval is scaled by a positive factor, not {f}")
        return Interval(
            None if self.lo is None else self.lo * f,
            None if self.hi is None else self.hi * f,
            self.lo_open,
            self.hi_open,
        )

    def times(self, other: Interval) -> Interval:
        """The product of two non-negative intervals (a count × a rate), ends closed."""
        a, b = self.at_least_zero(), _interval(other, "other").at_least_zero()
        assert a.lo is not None and b.lo is not None
        if a.exact == 0 or b.exact == 0:
            return Interval.point(0)
        return Interval(a.lo * b.lo, None if a.hi is None or b.hi is None else a.hi * b.hi)

    def over(self, other: Interval) -> Interval | None:
        """``self / other`` for non-negative intervals; ``None`` when ``other`` can be 0.

        Ends are closed (a slightly wider interval never turns a doubt into an error).
        """
        a, b = self.at_least_zero(), _interval(other, "other").at_least_zero()
        assert a.lo is not None and b.lo is not None
        if b.lo == 0:
            return None
        lo = Fraction(0) if b.hi is None else a.lo / b.hi
        return Interval(lo, None if a.hi is None else a.hi / b.lo)

    def at_least_zero(self) -> Interval:
        """The part of the interval at or above 0 (quantities are never negative)."""
        if self.lo is not None and self.lo >= 0:
            return self
        if self.hi is not None and self.hi < 0:
            return Interval(Fraction(0), Fraction(0), True, True)  # empty
        return Interval(Fraction(0), self.hi, False, self.hi_open)

    @property
    def empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def meet(self, other: Interval) -> Interval:
        """The values in both (possibly empty: see :attr:`empty`)."""
        other = _interval(other, "other")
        lo, lo_open = _tighter(self.lo, self.lo_open, other.lo, other.lo_open, max)
        hi, hi_open = _tighter(self.hi, self.hi_open, other.hi, other.hi_open, min)
        return Interval(lo, hi, lo_open, hi_open)

    def within(self, other: Interval) -> bool:
        """Every value of this interval is in ``other``."""
        other = _interval(other, "other")
        return not self.empty and self.meet(other) == self

    def __str__(self) -> str:
        return self.show(_decimal_text)

    def show(self, number: Any) -> str:
        """Written with ``number`` (a function of a Fraction): ``≥ 350``, ``12–15``, ``38``."""
        _function(number)
        if self.empty:
            return "∅"
        if self.exact is not None:
            return str(number(self.exact))
        if self.hi is None:
            return ("> " if self.lo_open else "≥ ") + str(number(self.lo or Fraction(0)))
        if self.lo is None or (self.lo == 0 and not self.lo_open):
            return ("< " if self.hi_open else "≤ ") + str(number(self.hi))
        left, right = "(" if self.lo_open else "", ")" if self.hi_open else ""
        return f"{left}{number(self.lo)}–{number(self.hi)}{right}"


def _interval(value: object, name: str) -> Interval:
    if not isinstance(value, Interval):
        raise InvalidInput(
            f"{name} is an Interval, not {show(value)}", field=name, value=show(value)
        )
    return value


def _function(number: object) -> None:
    if not callable(number):
        raise InvalidInput(
            f"number is a function that writes a number, not {show(number)}", field="number"
        )


def _tighter(
    a: Fraction | None, a_open: bool, b: Fraction | None, b_open: bool, pick: Any
) -> tuple[Fraction | None, bool]:
    if a is None:
        return b, b_open
    if b is None:
        return a, a_open
    if a == b:
        return a, a_open or b_open
    return (a, a_open) if pick(a, b) == a else (b, b_open)


def _decimal_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact:.4f}".rstrip("0").rstrip(".")


def _exact(value: object) -> Fraction:
    # Sizes are compared before Fraction() builds the digits: Decimal("1E+999999999")
    # would take ages, and abs() of it overflows the default context.
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(f"an exact figure is finite, not {value}", value=str(value))
        too_big = value.copy_abs() > LARGEST_FIGURE
        if not too_big:  # Decimal("1E-999999999") is small but has a billion digits
            return exact(value, "a figure")
    elif isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        too_big = abs(Fraction(value)) > 10**12
    else:
        raise InvalidInput(
            f"an exact figure is an int, Decimal or Fraction, not {show(value)}", value=show(value)
        )
    if too_big:
        raise InvalidInput("a figure is at most 10^12", value=show(value))
    return Fraction(value)


def rounding_interval(printed: Decimal) -> Interval:
    """The exact values that round half-up to ``printed`` at the decimals it was printed with.

    ``Decimal("58.49")`` stands for [58.485, 58.495): a share printed with k
    decimals is consistent when the exact share rounds to it at k decimals.
    """
    if not isinstance(printed, Decimal):
        raise InvalidInput(
            f"a printed share is a Decimal, not {show(printed)}", value=show(printed)
        )
    value = _exact(printed)
    exponent = printed.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    half = Fraction(1, 2 * 10**decimals)
    return Interval(value - half, value + half, False, True)


# --- verdicts --------------------------------------------------------------------------------


class Outcome(StrEnum):
    HOLDS = "holds"  # whatever the hedges hide
    WRONG = "wrong"  # no true values the words allow make it hold
    UNDECIDED = "undecided"  # what is printed cannot decide; see Verdict.left


@attrs.frozen(slots=True)
class Verdict:
    """The answer of one consistency check; ``left`` is what the figures still allow."""

    outcome: Outcome
    left: Interval


def compare(derived: Interval, stated: Interval) -> Verdict:
    """Whether a figure derived from others (a sum, a product) can be the one stated.

    Holds when every value the derived figure may take is one the stated
    words allow; wrong when none is; undecided otherwise, leaving their meet.
    """
    derived, stated = _interval(derived, "derived"), _interval(stated, "stated")
    left = derived.meet(stated)
    if left.empty:
        return Verdict(Outcome.WRONG, left)
    if derived.within(stated):
        return Verdict(Outcome.HOLDS, left)
    return Verdict(Outcome.UNDECIDED, left)


def compare_at_most(part: Interval, whole: Interval) -> Verdict:
    """Whether ``part`` can be no more than ``whole`` (parts of a "trong đó", a remainder).

    ``left`` is what remains of the whole: ``whole − part``, at least 0.
    """
    part, whole = _interval(part, "part"), _interval(whole, "whole")
    rest = (whole - part).at_least_zero()
    highest_whole = whole.hi
    lowest_part = part.lo if part.lo is not None else Fraction(0)
    if highest_whole is not None and (
        lowest_part > highest_whole
        or (lowest_part == highest_whole and (part.lo_open or whole.hi_open))
    ):
        return Verdict(Outcome.WRONG, rest)
    if part.hi is not None and whole.lo is not None and part.hi <= whole.lo:
        return Verdict(Outcome.HOLDS, rest)
    return Verdict(Outcome.UNDECIDED, rest)


# --- figures as printed ----------------------------------------------------------------------


class Figure(InputModel):
    """One printed figure: a JSON number (exact), or an object with one hedge and its words.

    ``{"more_than": 5130, "words": "hơn 5.130 tỷ"}``, ``{"range": [3, 4]}``,
    ``{"remainder": true, "words": "còn lại là vốn của các chủ thể"}``.
    ``strict`` makes ``more_than``/``less_than`` exclude the figure itself.
    """

    exact: Number | None = None
    at_least: Number | None = None
    more_than: Number | None = None
    at_most: Number | None = None
    less_than: Number | None = None
    nearly: Number | None = None
    about: Number | None = None
    range: tuple[Number, Number] | None = Field(default=None, strict=False)
    remainder: bool = False
    strict: bool = False
    words: str | None = Field(default=None, min_length=1, description="As printed.")

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The schema says what the validator reads: a bare number is an exact figure.
        exact = {"type": "number", "description": "An exact figure, as printed."}
        return {"anyOf": [exact, handler(core_schema)]}

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, int | float | Decimal) and not isinstance(data, bool):
            return {"exact": data}
        return data

    @model_validator(mode="after")
    def _one_hedge(self) -> Self:
        given = [h for h in _SINGLE if getattr(self, h.value) is not None]
        given += [Hedge.RANGE] if self.range is not None else []
        given += [Hedge.REMAINDER] if self.remainder else []
        if len(given) != 1:
            names = ", ".join(h.value for h in given) or "none"
            raise InvalidInput(f"a figure has exactly one hedge (exact, at_least, …), got {names}")
        if self.strict and given[0] not in (Hedge.MORE_THAN, Hedge.LESS_THAN):
            raise InvalidInput("strict applies to more_than and less_than only")
        for value in self.values:
            if value < 0:
                raise InvalidInput(f"a printed figure is not negative: {value}")
        if self.range is not None and self.range[0] > self.range[1]:
            low, high = (plain(v) for v in self.range)
            raise InvalidInput(f"range {low}–{high} has its low end above its high")
        return self

    @property
    def hedge(self) -> Hedge:
        if self.remainder:
            return Hedge.REMAINDER
        if self.range is not None:
            return Hedge.RANGE
        return next(h for h in _SINGLE if getattr(self, h.value) is not None)

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The numbers printed (none for a remainder, two for a range)."""
        if self.range is not None:
            return self.range
        if self.remainder:
            return ()
        value: Decimal = getattr(self, self.hedge.value)
        return (value,)

    @classmethod
    def of(cls, hedge: Hedge | str, *values: int | Decimal, words: str | None = None) -> Figure:
        """A figure from its hedge and numbers: ``Figure.of("at_least", 250)``."""
        if not isinstance(hedge, str) or hedge not in {h.value for h in Hedge}:
            allowed = ", ".join(h.value for h in Hedge)
            raise InvalidInput(f"no hedge is called {show(hedge)}; allowed: {allowed}")
        h = Hedge(hedge)
        wanted = {Hedge.REMAINDER: 0, Hedge.RANGE: 2}.get(h, 1)
        if len(values) != wanted:
            raise InvalidInput(f"a {h.value} figure takes {wanted} number(s), not {len(values)}")
        if h is Hedge.REMAINDER:
            return cls.model_validate({"remainder": True, "words": words})
        if h is Hedge.RANGE:
            return cls.model_validate({"range": list(values), "words": words})
        return cls.model_validate({h.value: values[0], "words": words})

    def interval(self, factor: int | Fraction = 1) -> Interval:
        """The true values the printed words allow, times ``factor`` (đồng per unit).

        A remainder allows any value at or above 0; the check that holds it
        puts it in its place (the total minus the other parts).
        """
        h = self.hedge
        if h is Hedge.REMAINDER:
            return Interval(Fraction(0), None)
        if h is Hedge.RANGE:
            low, high = self.values
            return Interval(Fraction(low), Fraction(high)).scale(factor)
        v = Fraction(self.values[0])
        out = {
            Hedge.EXACT: Interval(v, v),
            Hedge.AT_LEAST: Interval(v, None),
            Hedge.MORE_THAN: Interval(v, None, self.strict),
            Hedge.AT_MOST: Interval(Fraction(0), v),
            Hedge.LESS_THAN: Interval(Fraction(0), v, False, self.strict),
            Hedge.NEARLY: Interval(v * (1 - APPROXIMATE), v),
            Hedge.ABOUT: Interval(v * (1 - APPROXIMATE), v * (1 + APPROXIMATE)),
        }[h]
        return out.scale(factor)

    def __str__(self) -> str:
        """The words as printed, or a short form: ``≥ 250``, ``3–4``, ``còn lại``."""
        return self.words if self.words is not None else self.show(lambda v: str(plain(v)))

    def show(self, number: Callable[[Decimal], str], lang: str = "vi") -> str:
        """The short form with each number written by ``number``: ``> 5.130``, ``3–4``; a
        hedge without a sign in ``lang``'s words (``khoảng 5`` or ``about 5``)."""
        _function(number)
        if not isinstance(lang, str) or lang not in _HEDGE_SAID:
            raise InvalidInput(f"lang is 'vi' or 'en', not {show(lang)}", value=show(lang))
        h = self.hedge
        if h is Hedge.REMAINDER:
            return _HEDGE_SAID[lang][h]
        written = [number(v) for v in self.values]
        if not all(isinstance(w, str) for w in written):
            raise InvalidInput(f"number must return text, got {show(written[0])}", field="number")
        if h is Hedge.RANGE:
            return "–".join(written)
        return _HEDGE_SAID[lang][h] + written[0]
