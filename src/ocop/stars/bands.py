"""Score bands: which star a total alone gives, under each regulation.

The bands are the printed ones (:attr:`ocop.criteria.SheetVersion.bands`).
148/QĐ-TTg and 26/2026/QĐ-TTg (Điều 3 khoản 3) print half-open ranges ("từ 70
đến dưới 90 điểm"), which place every total.  1048/QĐ-TTg prints whole-number
ranges ("70–89 điểm"), which leave fractional council averages such as 89.5 in
no band.  The library applies one rule to every version, the **lower-bound
rule**: a total reaches the highest star whose printed lower bound it reaches.
For 148 and 26/2026 this is exactly the printed text; for 1048 it reads
"70–89" as "from 70 to below 90", never rounds a total up, and a total that
falls between two printed 1048 ranges is flagged in the result's notes
(docs/decisions/stars.md).

>>> from fractions import Fraction
>>> band_star(Fraction(179, 2), "26/2026/QĐ-TTg"), band_star(90, "1048/QĐ-TTg")
(4, 5)
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ocop.arguments import exact as _exact
from ocop.arguments import label
from ocop.criteria.versions import RegulationLike, StarBand, sheet_version
from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["MAX_POINTS", "RECOGNISED_STARS", "band_of", "band_star", "points"]

MAX_POINTS = 100

if TYPE_CHECKING:
    #: Stars that are recognised and certified under the default regulation
    #: (26/2026/QĐ-TTg Điều 4 khoản 1 điểm a), read from its data folder on first use.
    RECOGNISED_STARS: tuple[int, ...]


def __getattr__(name: str) -> tuple[int, ...]:
    # Read lazily: importing ocop.stars reads no data file.
    if name == "RECOGNISED_STARS":
        from ocop.regulations import default_regulation

        return default_regulation().recognised_stars
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Points = int | float | Fraction | Decimal


def points(value: object, *, name: str = "total") -> Fraction:
    """A total (or criterion points) as an exact fraction, refusing what is not a score.

    ``float`` values are read by their shortest decimal form (``69.99`` is
    69.99, not the binary value just below it); NaN, infinities, ``bool``,
    negative totals and totals above 100 are :class:`~ocop.errors.InvalidInput`.
    """
    name = label(name)  # shown safely in every message below
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidInput(
            f"{name} must be a number of points (int, float, Fraction or Decimal), "
            f"got {show(value)}",
            field=name,
            value=show(value),
        )
    exact = _exact(value, name)  # numpy scalars, NaN/sNaN/inf, huge exponents: ocop.arguments
    if not 0 <= exact <= MAX_POINTS:
        raise InvalidInput(
            f"{name} must lie between 0 and {MAX_POINTS} points, got {show(value)}",
            field=name,
            value=show(value),
        )
    return exact


def band_star(total: Points, regulation: RegulationLike) -> int:
    """The star (1–5) a total alone gives under ``regulation``, by the lower-bound rule."""
    exact = points(total)
    return next(b.star for b in sheet_version(regulation).bands if exact >= b.low)


def band_of(star: int, regulation: RegulationLike) -> StarBand:
    """The printed band of one star (1–5)."""
    if isinstance(star, bool | np.bool_) or not isinstance(star, int | np.integer):
        raise InvalidInput(f"star must be 1–5, got {show(star)}", field="star", value=show(star))
    for band in sheet_version(regulation).bands:
        if band.star == star:
            return band
    raise InvalidInput(f"star must be 1–5, got {show(star)}", field="star", value=show(star))


def in_printed_gap(total: Fraction, band: StarBand) -> bool:
    """Whether ``total`` lies above a whole-number band's printed top (1048's 89 < 89.5 < 90)."""
    return band.high_inclusive and band.star < 5 and total > band.high
