"""Vietnamese text helpers: NFC normalisation and diacritics-insensitive lookup.

Lookups by name accept what people type (``"che"``, ``"kon tum"``) but never
guess: several matches raise :class:`~ocop.errors.AmbiguousInput` listing them.

>>> fold("Chè tươi, CHẾ BIẾN")
'che tuoi, che bien'
>>> fold("Đồ uống") == fold("do uong")
True
>>> lookup("kon tum", {"Kon Tum": 1, "Quảng Ngãi": 2}, what="province")
1
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import TypeVar

from ocop.errors import AmbiguousInput, InvalidInput, NotFound

__all__ = ["fold", "lookup", "nfc", "show"]

T = TypeVar("T")


def nfc(text: str) -> str:
    """The text in Unicode NFC, the form every Vietnamese string in ``ocop`` is kept in."""
    _require_text(text)
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case-folded, diacritics-free, whitespace-collapsed form used for matching.

    ``đ``/``Đ`` become ``d`` (they are letters, not a base letter with a mark).
    """
    _require_text(text)
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _require_text(text: object) -> None:
    if not isinstance(text, str):
        raise InvalidInput(f"text expected, got {show(text)}", value=show(text))


def show(value: object, limit: int = 120) -> str:
    """``repr(value)`` made safe for error messages: bounded, and never raising.

    Python refuses to turn an int of more than 4,300 digits into text; an
    object's ``__repr__`` may raise, or recurse deeper than the interpreter
    allows.  Hostile input must still get a readable error, so any of these
    gives a short placeholder naming the type instead.

    >>> show(10**5000)
    '<int of 16610 bits>'
    >>> show("x" * 500).endswith("… (502 chars)")
    True
    >>> class Hostile:
    ...     def __repr__(self) -> str:
    ...         raise RuntimeError("no")
    >>> show(Hostile())
    '<Hostile>'
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        limit = 120
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"<int of {value.bit_length()} bits>"
    if isinstance(value, str | bytes) and len(value) > 4 * limit:
        # repr of a 16 MiB string would copy it whole only to keep its start.
        return f"{repr(value[:limit])[:limit]}… ({len(value) + 2} chars)"
    try:
        text = repr(value)
    except Exception:  # any failure of a caller's __repr__ becomes the placeholder
        try:
            return f"<{type(value).__name__}>"
        except Exception:  # a type whose name cannot be read either
            return "<object>"
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"


def lookup(query: str, candidates: Mapping[str, T], *, what: str, substring: bool = True) -> T:
    """Find ``query`` among ``candidates`` (name → value), exactly or by folded form.

    An exact (NFC) match wins; otherwise the folded forms are compared, first for
    equality, then (if ``substring``) as a substring.  Identifiers such as codes
    and instrument numbers must pass ``substring=False``: "II.3" is inside
    "III.3".  Zero matches raise :class:`NotFound`, several raise
    :class:`AmbiguousInput` naming every match.
    """
    what = what if isinstance(what, str) else show(what)
    if not isinstance(candidates, Mapping):
        raise InvalidInput(f"the {what} candidates must be a mapping, got {show(candidates)}")
    if not isinstance(query, str) or not query.strip():
        raise InvalidInput(
            f"{what} must be a non-empty string, got {show(query)}", value=show(query)
        )
    exact = nfc(query.strip())
    if exact in candidates:
        return candidates[exact]
    key = fold(query)
    if not key:  # e.g. a lone combining accent: would match every name as a substring
        raise InvalidInput(f"{what} {show(query)} has no letters or digits to match", value=query)
    matchers: tuple[Callable[[str], bool], ...] = (lambda name: fold(name) == key,)
    if substring:
        matchers += (lambda name: key in fold(name),)
    for matcher in matchers:
        hits = {name: value for name, value in candidates.items() if matcher(name)}
        distinct = {id(v): name for name, v in hits.items()}
        if len(distinct) == 1:
            return next(iter(hits.values()))
        if len(distinct) > 1:
            names = sorted(distinct.values())
            raise AmbiguousInput(
                f"{what} {query!r} matches several: {'; '.join(names)}; give the full name",
                value=query,
                readings=names,
            )
    raise NotFound(f"no {what} matches {show(query)}", value=query)
