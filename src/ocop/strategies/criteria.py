"""Strategies for scoresheets and scorecards (``ocop.criteria``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from ocop import limits
from ocop.arguments import flag, integer, same_kind
from ocop.criteria import Scorecard, Scoresheet, scoresheet, scoresheets, sheet_version
from ocop.law import Regime
from ocop.stars import band_of, requirements

__all__ = [
    "DEFECTS",
    "Defect",
    "boundary_scorecards",
    "choice_matrices",
    "edge_scorecards",
    "nearly_valid_scorecards",
    "scorecards",
    "sheets",
]

Defect = Literal[
    "missing_criterion", "unknown_criterion", "option_out_of_range", "group_code", "bool_option"
]
DEFECTS: tuple[Defect, ...] = (
    "missing_criterion",
    "unknown_criterion",
    "option_out_of_range",
    "group_code",
    "bool_option",
)


def sheets(regulation: Regime | str | None = None) -> st.SearchStrategy[Scoresheet]:
    """Any encoded scoresheet of ``regulation`` (default: the default regulation;
    shrinks towards sheet #1)."""
    return st.sampled_from(scoresheets(regulation=_regime(regulation)))


def _sheet(sheet: Scoresheet | int | str | None, regulation: Regime) -> st.SearchStrategy[Any]:
    """The sheet asked for (a sheet, its number, code or name), or any of ``regulation``."""
    return st.sampled_from(_sheets(sheet, regulation))


@cache
def _choices(sheet: Scoresheet, allow_none: bool) -> st.SearchStrategy[dict[str, int | None]]:
    """Valid choices; shrinks towards the first printed option of every criterion.

    Where a sheet offers alternative cases (tourism "Trường hợp 1 / 2"), one case
    is drawn for the whole card, as scoring requires.  Built once per sheet: a
    strategy built afresh for every card is validated afresh, which dominated
    the time to shrink a card.
    """
    cases = sorted({o.case for n in sheet.criteria() for o in n.options if o.case is not None})

    def one(options: tuple[Any, ...], case: int | None) -> st.SearchStrategy[int | None]:
        # One draw per criterion (a one_of of index and None took two, and twice the
        # time to shrink); None last, so that a card shrinks to ticked first options.
        allowed: list[int | None] = [o.index for o in options if o.case in (None, case)]
        return st.sampled_from([*allowed, None] if allow_none else allowed)

    def for_case(case: int | None) -> st.SearchStrategy[dict[str, int | None]]:
        return st.fixed_dictionaries({n.code: one(n.options, case) for n in sheet.criteria()})

    return st.sampled_from(cases).flatmap(for_case) if cases else for_case(None)


def scorecards(
    sheet: Scoresheet | int | str | None = None,
    *,
    regulation: Regime | str | None = None,
    allow_none: bool = True,
    evaluator: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Scorecard]:
    """Valid scorecards for one sheet (number, code, name) or any sheet of ``regulation``.

    ``allow_none`` lets a criterion be left unticked (``None``, 0 points).
    """
    evaluators = evaluator if evaluator is not None else st.none()

    @st.composite
    def build(draw: st.DrawFn) -> Scorecard:
        chosen: Scoresheet = draw(_sheet(sheet, _regime(regulation)))
        return Scorecard(
            regulation=chosen.regulation,
            product_set=chosen.product_set,
            choices=draw(_choices(chosen, allow_none)),
            evaluator=draw(evaluators),
        )

    return build()


def nearly_valid_scorecards(
    sheet: Scoresheet | int | str | None = None, *, regulation: Regime | str | None = None
) -> st.SearchStrategy[tuple[dict[str, Any], Defect]]:
    """Scorecard payloads (plain dicts, as from JSON) with exactly one planted defect.

    Yields ``(payload, defect)``; building and scoring the payload must fail
    with an :class:`~ocop.errors.OcopError`.  Useful for negative tests of
    scoring front ends.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[dict[str, Any], Defect]:
        chosen: Scoresheet = draw(_sheet(sheet, _regime(regulation)))
        choices: dict[str, Any] = dict(draw(_choices(chosen, allow_none=False)))
        defect: Defect = draw(st.sampled_from(DEFECTS))
        code = draw(st.sampled_from(chosen.leaves))
        if defect == "missing_criterion":
            del choices[code]
        elif defect == "unknown_criterion":
            choices[draw(st.sampled_from(["0", "99", "A1.1", "1.1.9", "x"]))] = 0
        elif defect == "option_out_of_range":
            n = len(chosen.node(code).options)
            choices[code] = draw(st.one_of(st.integers(n, 127), st.integers(-128, -1)))
        elif defect == "group_code":
            groups = [c for c, node in chosen.nodes.items() if node.children]
            choices[draw(st.sampled_from(groups))] = 0
        else:
            choices[code] = True
        payload = {
            "regulation": chosen.regulation.value,
            "product_set": chosen.product_set,
            "choices": choices,
        }
        return payload, defect

    return build()


def choice_matrices(
    sheet: Scoresheet, *, max_rows: int = 50, allow_none: bool = True
) -> st.SearchStrategy[npt.NDArray[np.int8]]:
    """``int8`` choice matrices for :func:`ocop.criteria.score_batch` (valid cells only)."""
    sheet = same_kind(sheet, Scoresheet, "sheet")
    max_rows = integer(max_rows, "max_rows", low=0, high=limits.MAX_COLLECTION)
    allow_none = flag(allow_none, "allow_none")
    low = -1 if allow_none else 0
    columns = [st.integers(low, len(n.options) - 1) for n in sheet.criteria()]
    row = st.tuples(*columns)
    return st.lists(row, max_size=max_rows).map(
        lambda rows: np.array(rows, dtype=np.int8).reshape(len(rows), len(columns))
    )


# --- band edges ------------------------------------------------------------------------------


def _edge_stars(regime: Regime) -> tuple[int, ...]:
    """The stars whose printed band starts above 0 (5★ to 2★), highest first."""
    return tuple(
        b.star for b in sorted(sheet_version(regime).bands, key=lambda b: -b.star) if b.low
    )


def edge_scorecards(
    sheet: Scoresheet | int | str | None = None, *, regulation: Regime | str | None = None
) -> st.SearchStrategy[Scorecard]:
    """Scorecards on and around a star's band edge, meeting its minimum marks or missing one.

    A card starts with every criterion at its best option; one star mark may be
    missed (that criterion drops to the best option below the mark), then the
    other criteria are lowered in sheet order, never below the star's marks,
    until the total reaches the edge plus an offset of −2 to 2.  Shrinks to
    sheet #1, 5★, no mark missed, offset 0: a card of exactly 90 points.
    """
    regime = _regime(regulation)
    numbers = [s.number for s in _sheets(sheet, regime)]
    stars = _edge_stars(regime)

    @st.composite
    def build(draw: st.DrawFn) -> Scorecard:
        # The same draws on every path, so that shrinking compares like with like.
        number = draw(st.sampled_from(numbers))
        star = draw(st.sampled_from(stars))
        miss = draw(st.integers(0, 40))  # 0: no mark missed; k: the k-th mark of the star
        case = draw(st.integers(1, 2))
        offset = draw(st.integers(-2, 2))
        return _edge_card(scoresheet(number, regulation=regime), star, miss, case, offset)

    return build()


def boundary_scorecards(
    sheet: Scoresheet | int | str | None = None, *, regulation: Regime | str | None = None
) -> Iterator[Scorecard]:
    """The systematic sweep: for every sheet and every band edge (90, 70, 50, 30), a card of
    exactly that many points meeting the star's marks, one a point below it, and one missing
    each mark alone; in that order, sheet by sheet, highest star first."""
    regime = _regime(regulation)
    for chosen in _sheets(sheet, regime):
        for star in _edge_stars(regime):
            yield _edge_card(chosen, star, 0, 1, 0)
            yield _edge_card(chosen, star, 0, 1, -1)
            for k in range(1, len(requirements(chosen).get(star, ())) + 1):
                yield _edge_card(chosen, star, k, 1, 0)


def _sheets(sheet: Scoresheet | int | str | None, regime: Regime) -> tuple[Scoresheet, ...]:
    if sheet is None:
        return scoresheets(regulation=regime)
    return (sheet if isinstance(sheet, Scoresheet) else scoresheet(sheet, regulation=regime),)


def _edge_card(sheet: Scoresheet, star: int, miss: int, case: int, offset: int) -> Scorecard:
    """The edge card of ``star`` (see :func:`edge_scorecards`); ``miss`` counts from 1."""
    marks = requirements(sheet).get(star, ())
    missed = marks[miss - 1].criterion if 0 < miss <= len(marks) else None
    cases = sorted({o.case for n in sheet.criteria() for o in n.options if o.case})
    target = band_of(star, sheet.regulation).low + offset
    floors = {r.criterion: r.points for r in marks}
    choices = _edge_choices(sheet, case if case in cases else None, floors, missed, target)
    return Scorecard(regulation=sheet.regulation, product_set=sheet.product_set, choices=choices)


def _edge_choices(
    sheet: Scoresheet, case: int | None, floors: dict[str, int], missed: str | None, target: int
) -> dict[str, int | None]:
    """Best options, the missed mark below its floor, then lowered in order towards ``target``."""
    options = {
        n.code: sorted(
            (o for o in n.options if o.case in (None, case)), key=lambda o: (-o.points, o.index)
        )
        for n in sheet.criteria()
    }
    chosen = {code: opts[0] for code, opts in options.items()}
    if missed is not None:
        below = [o for o in options[missed] if o.points < floors[missed]]
        if below:
            chosen[missed] = below[0]
    total = sum(o.points for o in chosen.values())
    for code, opts in options.items():
        if total <= target:
            break
        if code == missed:
            continue
        floor = max(floors.get(code, 0), chosen[code].points - (total - target))
        lowest = [o for o in opts if o.points >= floor][-1]
        total -= chosen[code].points - lowest.points
        chosen[code] = lowest
    return {code: option.index for code, option in chosen.items()}


def _regime(regulation: Regime | str | None) -> Regime:
    # No regulation named: the default one (law.json's open-ended regime), read on use.
    if regulation is None:
        from ocop.regulations import default_regulation

        return default_regulation().regime
    return Regime.parse(regulation)
