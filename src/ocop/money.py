"""Exact money: integer đồng, the units plans write in, strict Vietnamese numbers.

Amounts are plain ``int`` đồng, kept inside the int64 range so that the budget
module can hold them in numpy arrays.  Figures in documents are read by a
strict grammar (``docs/decisions/money.md``): ``"134.750"`` is one hundred and
thirty-four thousand seven hundred and fifty in Vietnamese (``vi``) notation,
``"400,7"`` is four hundred point seven; a figure that is malformed, a fraction
of a đồng, or readable two ways when the caller named no locale is refused.

>>> parse_amount("134.750", Unit.TRIEU)
134750000000
>>> parse_amount("400,7 tỷ đồng", None)
400700000000
>>> format_amount(134_750_000_000)
'134.750 triệu đồng'
>>> format_amount(134_750_000_000, locale="en")
'134,750 million VND'
>>> parse_decimal("134,750", locale=None)
Traceback (most recent call last):
...
ocop.errors.AmbiguousInput: '134,750' can be read two ways: vi 134,75 or en 134,750; ...
"""

from __future__ import annotations

import decimal
import numbers
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Final, NoReturn

from ocop.errors import AmbiguousInput, InvalidInput, NotFound
from ocop.limits import MAX_FRACTION_BITS
from ocop.text import fold, nfc, show

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "Locale",
    "Rounding",
    "Unit",
    "exact_decimal",
    "format_amount",
    "format_decimal",
    "from_dong",
    "parse_amount",
    "parse_decimal",
    "to_dong",
]

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1


class Unit(StrEnum):
    """A unit plans write amounts in, with its exact factor in đồng."""

    DONG = "dong"
    NGHIN = "nghin"
    TRIEU = "trieu"
    TY = "ty"

    @property
    def exponent(self) -> int:
        """Power of ten: one unit is ``10 ** exponent`` đồng."""
        return _EXPONENTS[self]

    @property
    def factor(self) -> int:
        """Đồng in one unit: 1, 1 000, 1 000 000 or 1 000 000 000."""
        return _FACTORS[self]

    @property
    def label_vi(self) -> str:
        """The Vietnamese label: ``"triệu đồng"``."""
        return _LABELS_VI[self]

    @property
    def label_en(self) -> str:
        """The English label: ``"million VND"``."""
        return _LABELS_EN[self]

    @classmethod
    def parse(cls, text: str | Unit) -> Unit:
        """The unit named by ``text``: ``"triệu đồng"``, ``"trieu"``, ``"tỷ"``, ``"million VND"`` …

        Matching ignores case, diacritics and extra spaces (:func:`ocop.text.fold`) but,
        unlike :func:`ocop.text.lookup`, never matches a fragment: ``"."`` is not
        ``"tr.đ"``, so text after a figure is a unit or an error, never a guess.

        >>> Unit.parse("ty dong"), Unit.parse("Triệu"), Unit.parse("thousand VND")
        (<Unit.TY: 'ty'>, <Unit.TRIEU: 'trieu'>, <Unit.NGHIN: 'nghin'>)
        """
        if isinstance(text, Unit):
            return text
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput(
                f"a money unit must be a non-empty str, got {show(text)}; "
                f"allowed: {_allowed_units()}",
                value=show(text),
            )
        unit = _FOLDED_UNIT_NAMES.get(fold(text))
        if unit is None:
            raise NotFound(
                f"no money unit is called {show(text)}; allowed: {_allowed_units()}", value=text
            )
        return unit


_EXPONENTS: Final = {Unit.DONG: 0, Unit.NGHIN: 3, Unit.TRIEU: 6, Unit.TY: 9}
_FACTORS: Final = {Unit.DONG: 1, Unit.NGHIN: 10**3, Unit.TRIEU: 10**6, Unit.TY: 10**9}
_LABELS_VI: Final = {
    Unit.DONG: "đồng",
    Unit.NGHIN: "nghìn đồng",
    Unit.TRIEU: "triệu đồng",
    Unit.TY: "tỷ đồng",
}
_LABELS_EN: Final = {
    Unit.DONG: "VND",
    Unit.NGHIN: "thousand VND",
    Unit.TRIEU: "million VND",
    Unit.TY: "billion VND",
}
# Every spelling seen in plans and news ("ngàn" is the southern "nghìn", "tỉ" an
# older spelling of "tỷ", "trđ" the table abbreviation).  No two units share a
# folded name, so a lookup can only be ambiguous on a fragment ("n", "ng").
_UNIT_NAMES: Final[dict[str, Unit]] = {
    **{unit.value: unit for unit in Unit},
    **{label: unit for unit, label in _LABELS_VI.items()},
    **{label: unit for unit, label in _LABELS_EN.items()},
    "đ": Unit.DONG,
    "VNĐ": Unit.DONG,
    "nghìn": Unit.NGHIN,
    "ngàn": Unit.NGHIN,
    "ngàn đồng": Unit.NGHIN,
    "thousand dong": Unit.NGHIN,
    "triệu": Unit.TRIEU,
    "trđ": Unit.TRIEU,
    "tr.đ": Unit.TRIEU,
    "million dong": Unit.TRIEU,
    "tỷ": Unit.TY,
    "tỉ": Unit.TY,
    "tỉ đồng": Unit.TY,
    "billion dong": Unit.TY,
}
_FOLDED_UNIT_NAMES: Final = {fold(name): unit for name, unit in _UNIT_NAMES.items()}


class Locale(StrEnum):
    """Number notation: ``vi`` writes ``1.234,5``, ``en`` writes ``1,234.5``.

    ``detect`` finds the notation from a whole column of figures (a budget
    table, :func:`ocop.budget.read_figures`), refusing when the column does not
    decide.  One figure cannot be detected alone: the functions that read or
    write one figure refuse ``detect`` (read one figure of unknown notation
    with ``locale=None``, which refuses it when the two readings differ).
    """

    VI = "vi"
    EN = "en"
    DETECT = "detect"

    @classmethod
    def written(cls) -> tuple[Locale, ...]:
        """The notations a figure is written in (``DETECT`` chooses between them)."""
        return (cls.VI, cls.EN)

    @property
    def group(self) -> str:
        """The thousands separator."""
        return {"vi": ".", "en": ","}[_written(self).value]

    @property
    def decimal(self) -> str:
        """The decimal separator."""
        return {"vi": ",", "en": "."}[_written(self).value]


def _written(locale: Locale) -> Locale:
    if locale is Locale.DETECT:
        raise InvalidInput(
            "locale 'detect' has no separators: it chooses 'vi' or 'en' from a column of "
            "figures (ocop.budget.read_figures)",
            value="detect",
            allowed=["vi", "en"],
        )
    return locale


class Rounding(StrEnum):
    """Named rounding modes, for callers who accept rounding to the đồng."""

    HALF_UP = "half_up"  # 0.5 → 1, -0.5 → -1
    HALF_EVEN = "half_even"  # banker's rounding: 0.5 → 0, 1.5 → 2
    HALF_DOWN = "half_down"  # 0.5 → 0
    DOWN = "down"  # toward zero
    UP = "up"  # away from zero
    FLOOR = "floor"  # toward -infinity
    CEILING = "ceiling"  # toward +infinity


_DECIMAL_ROUNDING: Final = {
    Rounding.HALF_UP: decimal.ROUND_HALF_UP,
    Rounding.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    Rounding.HALF_DOWN: decimal.ROUND_HALF_DOWN,
    Rounding.DOWN: decimal.ROUND_DOWN,
    Rounding.UP: decimal.ROUND_UP,
    Rounding.FLOOR: decimal.ROUND_FLOOR,
    Rounding.CEILING: decimal.ROUND_CEILING,
}

# Separators other than the locale's own that some documents put between
# thousands: space, no-break space, narrow no-break space, thin space.  None of
# them is ever a decimal mark, so they add no second reading.
_SPACE_GROUPS: Final = " \u00a0\u202f\u2009"
_DIGITS: Final = "0123456789"
_SIGNS: Final = "-\u2212"  # hyphen-minus and the typographic minus sign
_FIGURE_CHARS: Final = frozenset(_DIGITS + ".," + _SPACE_GROUPS + _SIGNS)

# Decimal arithmetic here must never round behind our back: a context with the
# largest precision and exponent range makes scaleb/compare exact.
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero],
)


# --- parsing ---------------------------------------------------------------------------


def parse_decimal(text: str, *, locale: Locale | str | None) -> Decimal:
    """Read a figure written in ``locale`` notation, exactly.

    ``locale=None`` tries both notations and refuses (AmbiguousInput, with
    ``context["readings"]`` = [vi reading, en reading]) when they disagree.

    >>> parse_decimal("1.179", locale="vi"), parse_decimal("400,7", locale="vi")
    (Decimal('1179'), Decimal('400.7'))
    >>> parse_decimal("134,750", locale="en"), parse_decimal("24250", locale=None)
    (Decimal('134750'), Decimal('24250'))
    >>> parse_decimal("1.5", locale=None)  # vi cannot read "1.5": only the en reading is left
    Decimal('1.5')
    """
    loc = _check_locale_or_none(locale)
    figure = _check_text(text, locale=loc, unit=None)
    return _read(figure, text=text, loc=loc, unit=None)


def parse_amount(
    text: str,
    unit: Unit | str | None,
    *,
    locale: Locale | str | None = "vi",
    allow_negative: bool = False,
    rounding: Rounding | str | None = None,
) -> int:
    """Read an amount written in ``unit`` (e.g. ``"134.750"`` triệu) as integer đồng.

    The text may end with the unit (``"134.750 triệu đồng"``, ``"1.179 tỷ"``); it must
    then agree with ``unit``, or ``unit`` may be ``None`` to take it from the text.
    A minus sign is refused unless ``allow_negative``; a fraction of a đồng is
    refused unless ``rounding`` names a :class:`Rounding` mode.

    >>> parse_amount("24.250", "triệu đồng")
    24250000000
    >>> parse_amount("1.179 tỷ", None)
    1179000000000
    >>> parse_amount("134,750", Unit.TRIEU, locale="en")  # the plan's appendix tables
    134750000000
    """
    loc = _check_locale_or_none(locale)
    if not isinstance(allow_negative, bool):
        raise InvalidInput(
            f"allow_negative must be True or False, got {show(allow_negative)}",
            value=show(allow_negative),
        )
    mode = _check_rounding(rounding)
    given = None if unit is None else _check_unit(unit)
    stripped = _check_text(text, locale=loc, unit=given)
    figure, unit_text = _split_unit(stripped)
    named = None
    if unit_text:
        try:
            named = Unit.parse(unit_text)
        except (NotFound, AmbiguousInput) as err:
            raise InvalidInput(
                f"{show(text)}: {show(unit_text)} after the figure is not a money unit; "
                f"allowed: {_allowed_units()}",
                value=text,
                locale=_locale_name(loc),
                unit=_unit_name(given),
            ) from err
    if given is not None and named is not None and named is not given:
        raise InvalidInput(
            f"{show(text)} is in {named.label_vi} but unit={show(given.label_vi)} was given",
            value=text,
            locale=_locale_name(loc),
            unit=given.value,
        )
    resolved = given or named
    if resolved is None:
        raise InvalidInput(
            f"{show(text)} names no unit and unit=None; pass unit= one of {_allowed_units()}",
            value=text,
            locale=_locale_name(loc),
            unit=None,
        )
    number = _read(figure, text=text, loc=loc, unit=resolved)
    if figure[0] in _SIGNS and not allow_negative:
        raise InvalidInput(
            f"{show(text)} is negative; amounts in plans are not, pass allow_negative=True "
            f"if this one may be",
            value=text,
            locale=_locale_name(loc),
            unit=resolved.value,
        )
    return _scale(number, resolved, mode, source=show(text), value=text, locale=_locale_name(loc))


def _split_unit(stripped: str) -> tuple[str, str]:
    """Split ``"1.179 tỷ"`` into the figure and what follows it."""
    end = 0
    while end < len(stripped) and stripped[end] in _FIGURE_CHARS:
        end += 1
    # The figure ends at its last digit; trailing separators belong to what follows.
    last_digit = max((i for i in range(end) if stripped[i] in _DIGITS), default=-1)
    if last_digit < 0:
        return stripped, ""
    return stripped[: last_digit + 1], stripped[last_digit + 1 :].strip()


def _read(figure: str, *, text: str, loc: Locale | None, unit: Unit | None) -> Decimal:
    """The exact value of ``figure`` under ``loc``, or under both when ``loc`` is None."""
    if loc is not None:
        result = _read_in(figure, loc)
        if isinstance(result, Decimal):
            return result
        raise InvalidInput(
            f"{show(text)} is not a {loc.value} figure: {result}",
            value=text,
            locale=loc.value,
            unit=_unit_name(unit),
            reason=result,
        )
    vi, en = _read_in(figure, Locale.VI), _read_in(figure, Locale.EN)
    if isinstance(vi, Decimal) and isinstance(en, Decimal):
        if vi == en:
            return vi
        context: dict[str, object] = {}
        if unit is None:
            shown = [format_decimal(vi, locale="vi"), format_decimal(en, locale="en")]
        else:
            dong = [Decimal(_plain(v.scaleb(unit.exponent, context=_EXACT))) for v in (vi, en)]
            context["readings_dong"] = dong
            shown = [
                f"{format_decimal(v, locale=loc)} {unit.label_vi} "
                f"(= {format_decimal(d, locale='vi')} đồng)"
                for v, d, loc in zip([vi, en], dong, ["vi", "en"], strict=True)
            ]
        raise AmbiguousInput(
            f"{show(text)} can be read two ways: vi {shown[0]} or en {shown[1]}; "
            f"name the locale (locale='vi' or locale='en')",
            value=text,
            locale=None,
            unit=_unit_name(unit),
            readings=[vi, en],
            readings_by_locale={"vi": vi, "en": en},
            **context,
        )
    if isinstance(vi, Decimal):
        return vi
    if isinstance(en, Decimal):
        return en
    raise InvalidInput(
        f"{show(text)} is not a figure in either notation: as vi, {vi}; as en, {en}",
        value=text,
        locale=None,
        unit=_unit_name(unit),
        reason={"vi": vi, "en": en},
    )


def _read_in(figure: str, loc: Locale) -> Decimal | str:
    """``figure`` read under ``loc``: its value, or why it cannot be read (a str).

    Grammar (``docs/decisions/money.md``)::

        figure   = [sign] integer [decimal-mark digit+]
        integer  = "0" | nonzero digit* | nonzero [digit [digit]] (sep digit digit digit)+
        sep      = the locale's thousands mark, or one space-like character,
                   the same one throughout the figure
    """
    for pos, ch in enumerate(figure):
        if ch not in _FIGURE_CHARS:
            return (
                f"character {show(ch)} (U+{ord(ch):04X}) at position {pos + 1} is not allowed; "
                f"a figure holds digits 0-9, {show(loc.group)} between thousands, "
                f"{show(loc.decimal)} before decimals, and a leading '-'"
            )
    sign, body = ("-", figure[1:]) if figure[:1] in _SIGNS else ("", figure)
    if not body:
        return "a sign with no digits (a lone '-' marks an empty table cell, not a number)"
    if any(ch in _SIGNS for ch in body):
        return "a minus sign may only stand first"
    whole, mark, frac = body.partition(loc.decimal)
    if mark:
        if loc.decimal in frac:
            return f"more than one decimal mark {show(loc.decimal)}"
        if not frac:
            return f"no digits after the decimal mark {show(loc.decimal)}"
        if any(ch not in _DIGITS for ch in frac):
            return (
                f"{show(frac)} after the decimal mark {show(loc.decimal)} must be digits only "
                f"(in {loc.value} the thousands mark is {show(loc.group)} and comes before "
                f"the decimal mark {show(loc.decimal)})"
            )
    problem = _check_integer(whole, loc, offset=len(figure) - len(body))
    if problem:
        return problem
    digits = "".join(ch for ch in whole if ch in _DIGITS)
    value = Decimal(f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}")
    return value.copy_abs() if value.is_zero() else value  # no "-0"


def _check_integer(whole: str, loc: Locale, *, offset: int) -> str:
    """Why the integer part ``whole`` is malformed under ``loc`` ('' if it is fine).

    ``offset`` is where ``whole`` starts in the figure (after a sign), so that the
    positions in messages count from 1 at the figure's first character.
    """
    if not whole:
        return f"no digits before the decimal mark {show(loc.decimal)}"
    seps = {ch for ch in whole if ch not in _DIGITS}  # the decimal mark was split off
    allowed = {loc.group, *_SPACE_GROUPS}
    bad = seps - allowed
    if bad:
        return f"{sorted(bad)[0]!r} cannot separate thousands in {loc.value}"
    if len(seps) > 1:
        return f"thousands are separated by different marks {sorted(seps)!r}"
    if not seps:
        if len(whole) > 1 and whole[0] == "0":
            return f"a leading zero in {show(whole)} (figures are written without one)"
        return ""
    sep = seps.pop()
    groups = whole.split(sep)
    first = groups[0]
    if not first:
        return f"{show(sep)} before the first digit"
    if len(first) > 3:
        return (
            f"{show(first)} before the first {show(sep)} has {len(first)} digits; "
            f"a thousands group has at most 3 before the first mark"
        )
    if first[0] == "0":
        return f"a leading zero in {show(whole)} (figures are written without one)"
    pos = offset + len(first)
    for group in groups[1:]:
        if len(group) != 3:
            hint = ""
            if sep == loc.group and group and len(groups) == 2:
                hint = f" (for a decimal write {first}{loc.decimal}{group})"
            return (
                f"{show(sep)} at position {pos + 1} is followed by {len(group)} digits; in "
                f"{loc.value} {show(sep)} separates thousands and must be followed by exactly 3"
                f"{hint}"
            )
        pos += 1 + len(group)
    return ""


def _scale(
    number: Decimal, unit: Unit, mode: Rounding | None, *, source: str, **context: object
) -> int:
    """``number`` units as integer đồng: exact, range-checked, rounded only on request.

    ``source`` names what was read (``"'1,5'"``, ``"value"``) for the error messages.
    """
    shown = f"{source} read as {_show(number)} {unit.label_vi}"
    # Checked before scaling so that a huge exponent never reaches the arithmetic.
    if not number.is_zero() and number.adjusted() + unit.exponent > 19:
        _out_of_range(shown, unit=unit.value, **context)
    dong = number.scaleb(unit.exponent, context=_EXACT)
    whole = dong.to_integral_value(rounding=decimal.ROUND_DOWN, context=_EXACT)
    if whole != dong:
        if mode is None:
            raise InvalidInput(
                f"{shown}{'' if unit is Unit.DONG else f' = {_show(dong)} đồng'} "
                f"is not a whole number of đồng; "
                f"pass rounding= a Rounding mode to round it",
                unit=unit.value,
                **context,
            )
        whole = dong.to_integral_value(rounding=_DECIMAL_ROUNDING[mode], context=_EXACT)
    if not INT64_MIN <= whole <= INT64_MAX:
        _out_of_range(shown, unit=unit.value, **context)
    return int(whole)


def _out_of_range(shown: str, **context: object) -> NoReturn:
    raise InvalidInput(
        f"{shown} is outside the int64 range of amounts ({INT64_MIN} to {INT64_MAX} đồng)",
        limit=[INT64_MIN, INT64_MAX],
        **context,
    )


# --- conversion ------------------------------------------------------------------------


def to_dong(
    value: int | Decimal, unit: Unit | str, *, rounding: Rounding | str | None = None
) -> int:
    """``value`` units in đồng, exactly: ``to_dong(Decimal("400.7"), Unit.TY)``.

    Refuses float, bool, NaN, infinities, a fraction of a đồng (unless ``rounding``
    names a mode) and results outside int64.  Negative values are converted.

    >>> to_dong(Decimal("400.7"), Unit.TY), to_dong(134_750, "triệu đồng")
    (400700000000, 134750000000)
    >>> to_dong(Decimal("0.5"), Unit.DONG, rounding=Rounding.HALF_EVEN)
    0
    """
    resolved = _check_unit(unit)
    mode = _check_rounding(rounding)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(
                f"value must be a finite number, got {show(value)}",
                value=str(value),
                unit=resolved.value,
            )
        return _scale(value, resolved, mode, source="value", value=str(value))
    number = _check_int(value, what="value", unit=resolved, allow_str_hint=True)
    return _scale(Decimal(number), resolved, None, source="value", value=show(number))


def from_dong(amount: int, unit: Unit | str) -> Decimal:
    """``amount`` đồng expressed in ``unit``, exactly (no trailing zeros after the point).

    >>> from_dong(134_750_000_000, Unit.TRIEU), from_dong(1_500_000, Unit.TY)
    (Decimal('134750'), Decimal('0.0015'))
    """
    resolved = _check_unit(unit)
    number = _check_amount(amount, unit=resolved)
    return _in_unit(number, resolved)


def _in_unit(amount: int, unit: Unit) -> Decimal:
    # Built from a digit string, so exact whatever the decimal context says.
    whole, rest = divmod(abs(amount), unit.factor)
    sign = "-" if amount < 0 else ""
    if rest == 0:
        return Decimal(f"{sign}{whole}")
    frac = str(rest).rjust(unit.exponent, "0").rstrip("0")
    return Decimal(f"{sign}{whole}.{frac}")


# --- formatting ------------------------------------------------------------------------


def exact_decimal(value: Fraction) -> Decimal | None:
    """``value`` as a Decimal when its decimal expansion ends, else ``None`` (``1/3``).

    >>> exact_decimal(Fraction(179, 2)), exact_decimal(Fraction(1, 3))
    (Decimal('89.5'), None)
    >>> exact_decimal(1 + Fraction(1, 10**30))  # never rounded to 28 digits
    Decimal('1.000000000000000000000000000001')
    """
    if not isinstance(value, Fraction | int) or isinstance(value, bool):
        raise InvalidInput(f"exact_decimal() takes a Fraction, got {show(value)}")
    value = Fraction(value)
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_FRACTION_BITS:
        raise InvalidInput(
            f"{show(value)} has too many digits to write as a decimal (limit MAX_FRACTION_BITS)",
            limit="MAX_FRACTION_BITS",
        )
    # The expansion ends when the denominator has no prime factor but 2 and 5.
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    digits = Decimal(value.numerator * 10**places // value.denominator)
    return digits.scaleb(-places, context=_EXACT)  # the default context rounds to 28 digits


def format_decimal(value: int | Decimal, *, locale: Locale | str = "vi") -> str:
    """``value`` in ``locale`` notation, never rounded: ``1234.5`` → ``"1.234,5"``.

    Trailing fractional zeros are dropped (``Decimal("1.10")`` → ``"1,1"``).

    >>> format_decimal(Decimal("-1234567.25")), format_decimal(Decimal("1234.5"), locale="en")
    ('-1.234.567,25', '1,234.5')
    """
    loc = _check_locale(locale)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(
                f"value must be a finite number, got {show(value)}", value=str(value)
            )
        number = value
    else:
        number = Decimal(_check_int(value, what="value", unit=None, allow_str_hint=False))
    if _width(number) > _MAX_DIGITS:
        raise InvalidInput(
            f"{show(number)} would take more than {_MAX_DIGITS} digits to write out",
            value=show(number),
            limit=_MAX_DIGITS,
        )
    plain = _plain(number)
    sign = "-" if plain.startswith("-") else ""
    whole, _, frac = plain.lstrip("-").partition(".")
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    grouped = loc.group.join(groups)
    return f"{sign}{grouped}{loc.decimal}{frac}" if frac else f"{sign}{grouped}"


def format_amount(
    amount_dong: int,
    unit: Unit | str = Unit.TRIEU,
    *,
    locale: Locale | str = "vi",
    with_unit: bool = True,
) -> str:
    """``amount_dong`` written in ``unit`` and ``locale``, exactly (never rounded).

    >>> format_amount(134_750_000_000), format_amount(1_500_000, Unit.TY)
    ('134.750 triệu đồng', '0,0015 tỷ đồng')
    >>> format_amount(-1_000_000, locale="en", with_unit=False)
    '-1'
    """
    resolved = _check_unit(unit)
    loc = _check_locale(locale)
    if not isinstance(with_unit, bool):
        raise InvalidInput(
            f"with_unit must be True or False, got {show(with_unit)}", value=show(with_unit)
        )
    number = _check_amount(amount_dong, unit=resolved)
    text = format_decimal(_in_unit(number, resolved), locale=loc)
    if not with_unit:
        return text
    label = resolved.label_vi if loc is Locale.VI else resolved.label_en
    return f"{text} {label}"


_MAX_DIGITS: Final = 1000  # format_decimal refuses to write out longer figures


def _width(number: Decimal) -> int:
    """How many digits ``number`` takes written positionally (``1E+9`` → 10)."""
    if number.is_zero():
        return 1
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN and infinities have no digits to write
        return 0
    return max(number.adjusted() + 1, 1) + max(-exponent, 0)


def _show(number: Decimal) -> str:
    """``number`` for an error message: positional when short, scientific when huge."""
    return _plain(number) if _width(number) <= 40 else str(number)


def _plain(number: Decimal) -> str:
    """Positional digits of ``number``, trailing fractional zeros dropped: never ``1E+3``."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- argument checks -------------------------------------------------------------------


def _check_text(text: object, *, locale: Locale | None, unit: Unit | None) -> str:
    if not isinstance(text, str):
        hint = " (use to_dong for numbers)" if isinstance(text, int | float | Decimal) else ""
        raise InvalidInput(
            f"a figure to parse must be str, got {type(text).__name__} {show(text)}{hint}",
            value=show(text),
            locale=_locale_name(locale),
            unit=_unit_name(unit),
        )
    stripped = nfc(text).strip()
    if not stripped:
        raise InvalidInput(
            f"empty figure {show(text)}: expected digits such as '134.750'",
            value=text,
            locale=_locale_name(locale),
            unit=_unit_name(unit),
        )
    return stripped


def _check_int(value: object, *, what: str, unit: Unit | None, allow_str_hint: bool) -> int:
    # bool is an int subclass but True is not an amount; float is never exact money.
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    hint = ""
    if isinstance(value, float):
        hint = "; floats are not exact, pass an int or a Decimal"
    elif isinstance(value, str) and allow_str_hint:
        hint = "; to read text use parse_amount"
    raise InvalidInput(
        f"{what} must be an int or a Decimal, got {type(value).__name__} {show(value)}{hint}",
        value=show(value),
        unit=_unit_name(unit),
    )


def _check_amount(amount: object, *, unit: Unit) -> int:
    if isinstance(amount, Decimal) or not (
        isinstance(amount, numbers.Integral) and not isinstance(amount, bool)
    ):
        raise InvalidInput(
            f"an amount must be an int number of đồng, got {type(amount).__name__} {show(amount)}"
            + ("; use to_dong to convert a Decimal" if isinstance(amount, Decimal) else ""),
            value=show(amount),
            unit=unit.value,
        )
    number = int(amount)
    if not INT64_MIN <= number <= INT64_MAX:
        _out_of_range(f"amount {show(number)} đồng", value=show(number), unit=Unit.DONG.value)
    return number


def _check_unit(unit: object) -> Unit:
    if isinstance(unit, Unit):
        return unit
    if not isinstance(unit, str):
        raise InvalidInput(
            f"unit must be a Unit or its name, got {type(unit).__name__} {show(unit)}; "
            f"allowed: {_allowed_units()}",
            value=show(unit),
        )
    return Unit.parse(unit)


def _check_locale(locale: object) -> Locale:
    if isinstance(locale, str) and locale in ("vi", "en"):
        return Locale(locale)
    raise _bad_locale(locale, allow_none=False)


def _check_locale_or_none(locale: object) -> Locale | None:
    if locale is None:
        return None
    if isinstance(locale, str) and locale in ("vi", "en"):
        return Locale(locale)
    raise _bad_locale(locale, allow_none=True)


def _bad_locale(locale: object, *, allow_none: bool) -> InvalidInput:
    allowed = "'vi', 'en'" + (" or None (detect)" if allow_none else "")
    why = ""
    if isinstance(locale, str) and locale == Locale.DETECT:  # the str "detect" too
        why = (
            "; 'detect' chooses a notation from a column of figures (ocop.budget tables), "
            "not from one figure"
            + (
                ": pass None to refuse a figure the two notations read differently"
                if allow_none
                else ""
            )
        )
    return InvalidInput(
        f"locale must be {allowed}, got {show(locale)}{why}",
        value=show(locale),
        allowed=["vi", "en", None] if allow_none else ["vi", "en"],
    )


def _check_rounding(rounding: object) -> Rounding | None:
    if rounding is None or isinstance(rounding, Rounding):
        return rounding
    if isinstance(rounding, str) and rounding in {r.value for r in Rounding}:
        return Rounding(rounding)
    raise InvalidInput(
        f"rounding must be None or one of {[r.value for r in Rounding]}, got {show(rounding)}",
        value=show(rounding),
        allowed=[r.value for r in Rounding],
    )


def _allowed_units() -> str:
    return ", ".join(f"{u.label_vi} ({u.label_en})" for u in Unit)


def _locale_name(locale: Locale | None) -> str | None:
    return None if locale is None else locale.value


def _unit_name(unit: Unit | None) -> str | None:
    return None if unit is None else unit.value
