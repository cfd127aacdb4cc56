"""Numbers in running text, with their spans, read by :mod:`ocop.money`'s strict grammar.

A token is a run of digits with ``.`` or ``,`` between digit groups.  It is
never part of a word, a document number ("718/KH-UBND"), a date
("12/12/2018") or a heading number ("2.1.3").  Its value is read by
:func:`ocop.money.parse_decimal` in the document's number convention
(:func:`convention`), so the reader has no number parser of its own; a plain
run of digits printed with a leading zero ("07 sản phẩm") is read as the
integer it writes.  A token the convention cannot decide ("1,020" with no
other clue) has no value: the reader reports it as not read.

>>> [(t.text, t.start) for t in tokens("Có 07 sản phẩm, 718/KH-UBND ngày 12/12/2018, 1.234,5 tỷ")]
[('07', 3), ('1.234,5', 45)]
>>> convention([("1.234,5", 0)]), convention([("134.750", 0)])
(<Locale.VI: 'vi'>, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from ocop.errors import OcopError
from ocop.limits import MAX_NUMBER_DIGITS
from ocop.money import Locale, parse_decimal

__all__ = ["Token", "convention", "readings", "tokens", "value"]

# No nested quantifier: a separator must be followed by digits, so matching is linear.  The
# first branch is a figure grouped by spaces ("134 750", "12\u00a0000"), which the money grammar
# reads (docs/decisions/money.md): without it "134 750 triệu đồng" was read as 750.
_TOKEN = re.compile(
    r"(?<![\w.,/])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\d.,])|\d+(?:[.,]\d+)*)"
    r"(?![\w/]|[.,]\d)"
)
# "50.000", "3.415": "." before groups of three digits, as Vietnamese prints thousands.
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


@attrs.frozen(slots=True)
class Token:
    """A number as printed and where it is: ``text == whole[start:end]``."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The numbers printed in ``text``, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def readings(text: str) -> dict[Locale, Decimal]:
    """The values ``text`` has in each notation that can read it (leading zeros allowed)."""
    if len(text) > MAX_NUMBER_DIGITS:
        return {}  # longer than any figure a document states (ocop.limits)
    if text.isascii() and text.isdigit():
        return {loc: Decimal(int(text)) for loc in Locale.written()}
    out: dict[Locale, Decimal] = {}
    for loc in Locale.written():
        try:
            out[loc] = parse_decimal(text, locale=loc)
        except OcopError:
            continue
    return out


def convention(
    printed: Iterable[tuple[str, int]], elsewhere: Iterable[str] = (), money: Iterable[str] = ()
) -> Locale | None:
    """The notation the figures ``(text, offset)`` decide, or None when they do not.

    A figure only one notation can read ("400,7", "1.234.567") is evidence;
    so is a figure one of whose readings the document prints elsewhere in a
    form that reads one way only (the prose's "24.250" and the table's
    "24250"; values of at least 1000 that are not years, so that a small
    number or a year met by chance decides nothing); so is an amount of
    ``money`` (figures printed before "triệu", "tỷ"… đồng) written with "."
    before groups of three digits ("50.000 triệu đồng", "3.415 tỷ đồng"),
    which Vietnamese prose writes for thousands and never for a decimal.
    Figures that read the same both ways ("250") are no evidence, and evidence
    both ways (a document mixing notations) decides nothing.

    >>> convention([("3.415", 0)]), convention([("3.415", 0)], money=["3.415"])
    (None, <Locale.VI: 'vi'>)
    """
    plain: set[Decimal] = set()
    for text in elsewhere:
        values = set(readings(text).values())
        if len(values) == 1:
            number = values.pop()
            if number >= 1000 and not (1900 <= number <= 2100 and number == int(number)):
                plain.add(number)
    seen = {Locale.VI for text in money if _DOT_THOUSANDS.fullmatch(text)}
    for text, _ in printed:
        found = readings(text)
        if len(found) == 1:
            seen.add(next(iter(found)))
        elif len(set(found.values())) > 1:
            printed_elsewhere = [loc for loc, v in found.items() if v in plain]
            if len(printed_elsewhere) == 1:
                seen.add(printed_elsewhere[0])
    return seen.pop() if len(seen) == 1 else None


def value(text: str, locale: Locale | None) -> Decimal | None:
    """The value of ``text`` in ``locale`` (both notations when None); None when undecided."""
    found = readings(text)
    if locale is not None:
        return found.get(locale)
    values = set(found.values())
    return values.pop() if len(values) == 1 else None
