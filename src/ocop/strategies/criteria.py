"""Strategies for scoresheets and scorecards (``ocop.criteria``)."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from ocop.criteria import Scorecard, Scoresheet, scoresheet, scoresheets
from ocop.law import Regime

__all__ = [
    "DEFECTS",
    "Defect",
    "choice_matrices",
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


def sheets(regulation: Regime = Regime.QD26_2026) -> st.SearchStrategy[Scoresheet]:
    """Any encoded scoresheet of ``regulation`` (shrinks towards sheet #1)."""
    return st.sampled_from(scoresheets(regulation=regulation))


def _sheet(sheet: Scoresheet | int | str | None, regulation: Regime) -> st.SearchStrategy[Any]:
    if sheet is None:
        return sheets(regulation)
    if isinstance(sheet, Scoresheet):
        return st.just(sheet)
    return st.just(scoresheet(sheet, regulation=regulation))


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
    regulation: Regime = Regime.QD26_2026,
    allow_none: bool = True,
    evaluator: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Scorecard]:
    """Valid scorecards for one sheet (number, code, name) or any sheet of ``regulation``.

    ``allow_none`` lets a criterion be left unticked (``None``, 0 points).
    """
    evaluators = evaluator if evaluator is not None else st.none()

    @st.composite
    def build(draw: st.DrawFn) -> Scorecard:
        chosen: Scoresheet = draw(_sheet(sheet, regulation))
        return Scorecard(
            regulation=chosen.regulation,
            product_set=chosen.product_set,
            choices=draw(_choices(chosen, allow_none)),
            evaluator=draw(evaluators),
        )

    return build()


def nearly_valid_scorecards(
    sheet: Scoresheet | int | str | None = None, *, regulation: Regime = Regime.QD26_2026
) -> st.SearchStrategy[tuple[dict[str, Any], Defect]]:
    """Scorecard payloads (plain dicts, as from JSON) with exactly one planted defect.

    Yields ``(payload, defect)``; building and scoring the payload must fail
    with an :class:`~ocop.errors.OcopError`.  Useful for negative tests of
    scoring front ends.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[dict[str, Any], Defect]:
        chosen: Scoresheet = draw(_sheet(sheet, regulation))
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
    low = -1 if allow_none else 0
    columns = [st.integers(low, len(n.options) - 1) for n in sheet.criteria()]
    row = st.tuples(*columns)
    return st.lists(row, max_size=max_rows).map(
        lambda rows: np.array(rows, dtype=np.int8).reshape(len(rows), len(columns))
    )
