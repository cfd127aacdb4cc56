"""Classify many products of one sheet at once, with no Python loop over rows.

Each criterion gets a 256-entry table giving, for every option index, the
highest star that criterion still allows (its minimums, read cumulatively as
in :mod:`ocop.stars.minimums`): 5 when every mark is met, 2 when a ``***``
mark is missed, 0 for a score-triggered knock-out.  One gather and one row
minimum give each product's cap; the band of its total, by the lower-bound
rule, gives the other bound.  Same answers as :func:`ocop.stars.classify`.

>>> import numpy as np
>>> from ocop.criteria import scoresheet
>>> from ocop.stars import classify_batch
>>> sheet = scoresheet(7, regulation="26/2026/QĐ-TTg")
>>> best = [len(n.options) - 1 for n in sheet.criteria()]
>>> classify_batch(sheet, [100, 89.5], [best, best]).stars.tolist()
[5, 4]
"""

from __future__ import annotations

from functools import lru_cache

import attrs
import numpy as np
import numpy.typing as npt

from ocop.criteria.batch import (
    as_choice_matrix,
    check_cases,
    pair_tables,
    raise_first_invalid,
    reduce_pairs,
)
from ocop.criteria.model import Scoresheet
from ocop.errors import InvalidInput
from ocop.regulations import Regulation
from ocop.regulations import regulation as encoded
from ocop.stars.bands import MAX_POINTS
from ocop.stars.minimums import knockout_rules, requirements
from ocop.text import show

__all__ = ["BatchClassification", "classify_batch"]

_NONE_SLOT = 255  # -1 ("no option") read as uint8
_NOT_AN_OPTION = -1


@attrs.frozen(slots=True)
class BatchClassification:
    """Stars of N products: ``stars`` (0 = knocked out), ``band_stars``, ``recognised``.

    ``minimums_checked`` is false when no choices were given: ``stars`` then
    equals ``band_stars`` except for declared knock-outs.
    """

    sheet: int
    stars: npt.NDArray[np.int8] = attrs.field(eq=False)
    band_stars: npt.NDArray[np.int8] = attrs.field(eq=False)
    recognised: npt.NDArray[np.bool_] = attrs.field(eq=False)
    minimums_checked: bool


def option_caps(sheet: Scoresheet) -> tuple[tuple[int, ...], ...]:
    """The highest star each option allows, per criterion in ``sheet.criteria()`` order, then
    for no option ticked (0 points) last: 5 unless a star's mark is missed, 0 when the option
    knocks the product out (zero points where a note says so)."""
    reqs = requirements(sheet)
    zero_knockouts = {c for r in knockout_rules(sheet).values() for c in r.zero_points_on}
    caps = []
    for node in sheet.criteria():
        by_star = {r.star: r.points for s in (3, 4, 5) for r in reqs[s] if r.criterion == node.code}
        row = []
        for got in [o.points for o in node.options] + [0]:
            missed = [s for s in (3, 4, 5) if got < by_star.get(s, 0)]
            row.append(
                0 if got == 0 and node.code in zero_knockouts else min(missed, default=6) - 1
            )
        caps.append(tuple(row))
    return tuple(caps)


@lru_cache(maxsize=8)
def _cap_tables(sheet: Scoresheet) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Pair tables of the highest star each criterion allows (-1: not an option)."""
    table = np.full((len(sheet.leaves), 256), _NOT_AN_OPTION, dtype=np.int8)
    for j, (node, caps) in enumerate(zip(sheet.criteria(), option_caps(sheet), strict=True)):
        for slot, cap in zip([o.index for o in node.options] + [_NONE_SLOT], caps, strict=True):
            table[j, slot] = cap
    return pair_tables(list(table), np.minimum)


def classify_batch(
    sheet: Scoresheet,
    totals: npt.ArrayLike,
    choices: npt.ArrayLike | None = None,
    *,
    knocked_out: npt.ArrayLike | None = None,
    regulation: Regulation | None = None,
) -> BatchClassification:
    """Classify N products of ``sheet``: totals (N,), optional choices (N, criteria).

    ``totals`` are the (average) totals, ``choices`` the option indices in the
    layout of :func:`~ocop.criteria.score_batch` (``-1``: none), used for the
    minimums and score-triggered knock-outs; ``knocked_out`` (N,) marks products
    a council knocked out.  The one-at-a-time path is :func:`ocop.stars.classify`.
    ``regulation`` is the version ``sheet`` was read from when it is not an encoded
    one (a draft, ``ocop.drafts``): its bands and recognised stars apply.
    """
    if not isinstance(sheet, Scoresheet):
        raise InvalidInput(f"classify_batch() needs a Scoresheet, got {type(sheet).__name__}")
    rules = _rules_of(sheet, regulation)
    scores = _totals(totals)
    band_stars = np.ones(scores.shape, dtype=np.int8)
    for low in sorted(b.low for b in rules.sheets.bands if b.low):
        band_stars += scores >= low  # the lower-bound rule, branch-free
    stars = band_stars.copy()
    if choices is not None:
        matrix = as_choice_matrix(sheet, choices)
        if matrix.shape[0] != scores.shape[0]:
            raise InvalidInput(
                f"{scores.shape[0]} totals but {matrix.shape[0]} rows of choices",
                rows=matrix.shape[0],
            )
        caps = reduce_pairs(matrix, _cap_tables(sheet), np.minimum)
        if caps.size and caps.min() < 0:
            raise_first_invalid(sheet, matrix)
        check_cases(sheet, matrix)
        np.minimum(stars, caps, out=stars)
    if knocked_out is not None:
        flags = np.asarray(knocked_out)
        if flags.dtype != np.bool_ or flags.shape != scores.shape:
            raise InvalidInput(
                f"knocked_out must be a bool array of shape {scores.shape}, "
                f"got {flags.dtype} {flags.shape}"
            )
        stars[flags] = 0
    recognised = np.isin(stars, rules.recognised_stars)
    return BatchClassification(sheet.number, stars, band_stars, recognised, choices is not None)


def _rules_of(sheet: Scoresheet, given: object) -> Regulation:
    # A sheet names the version it was read from in its citation: a draft's sheet is never
    # classified with the encoded bands, nor an encoded sheet with a draft's.
    if given is not None and not isinstance(given, Regulation):
        raise InvalidInput(f"regulation must be a Regulation, got {show(given)}", value=show(given))
    rules = given or encoded(sheet.regulation)
    if sheet.citation.instrument != rules.id or rules.regime is not sheet.regulation:
        raise InvalidInput(
            f"sheet #{sheet.number} was read from {sheet.citation.instrument}, not {rules.id}; "
            "pass the Regulation it was read from as regulation=",
            read_from=sheet.citation.instrument,
        )
    return rules


def _totals(totals: npt.ArrayLike) -> npt.NDArray[np.float64]:
    scores = np.asarray(totals)
    if scores.ndim != 1 or scores.dtype.kind not in "iuf":
        raise InvalidInput(
            f"totals must be a 1-D array of numbers, got {scores.dtype} of shape {scores.shape}"
        )
    scores = scores.astype(np.float64, copy=False)
    bad = ~((scores >= 0) & (scores <= MAX_POINTS))  # also catches NaN
    if bad.any():
        row = int(np.argmax(bad))
        raise InvalidInput(
            f"total of row {row} must lie between 0 and {MAX_POINTS}, got {scores[row]}", row=row
        )
    return scores
