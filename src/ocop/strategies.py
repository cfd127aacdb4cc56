"""Hypothesis strategies for ``ocop``'s input types, for users' property-based suites.

Requires the optional ``hypothesis`` extra (``pip install 'ocop[hypothesis]'``);
``import ocop`` never imports this module.

>>> from hypothesis import given
>>> from ocop.criteria import score
>>> from ocop.strategies import scorecards
>>> @given(scorecards(sheet=7))
... def test_total_within_bounds(card):
...     assert 0 <= score(card).total <= 100
>>> test_total_within_bounds()
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from ocop.admin import DISTRICT_LEVEL_END
from ocop.certificates import Certificate
from ocop.criteria import Scorecard, Scoresheet, scoresheet, scoresheets
from ocop.law import Regime, regimes, transitional_rules

__all__ = [
    "DEFECTS",
    "boundary_dates",
    "certificates",
    "choice_matrices",
    "nearly_valid_scorecards",
    "scorecards",
    "sheets",
    "switch_overs",
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


def _choices(sheet: Scoresheet, allow_none: bool) -> st.SearchStrategy[dict[str, int | None]]:
    """Valid choices; shrinks towards the first printed option of every criterion.

    Where a sheet offers alternative cases (tourism "Trường hợp 1 / 2"), one case
    is drawn for the whole card, as scoring requires.
    """
    cases = sorted({o.case for n in sheet.criteria() for o in n.options if o.case is not None})

    def one(options: tuple[Any, ...], case: int | None) -> st.SearchStrategy[int | None]:
        allowed = [o.index for o in options if o.case in (None, case)]
        index = st.sampled_from(allowed)
        return st.one_of(index, st.none()) if allow_none else index

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


# --- dates and certificates ---------------------------------------------------------------


def switch_overs() -> tuple[date, ...]:
    """Dates where OCOP rules switch, from the law and admin tables: the start of every
    regime (1048, 781, 148, 1489, 26/2026), the end of the district level (01/7/2025,
    also the provinces' merger) and the last day of 148/1489 (21/7/2026)."""
    starts = {span.starts_on for span in regimes()}
    ends = {r.applies_until for r in transitional_rules() if r.applies_until is not None}
    return tuple(sorted(starts | ends | {DISTRICT_LEVEL_END.effective}))


def boundary_dates(
    min_value: date = date(2019, 8, 21), max_value: date = date(2031, 12, 31)
) -> st.SearchStrategy[date]:
    """Dates near where date arithmetic and OCOP rules break: month ends, 29 February,
    the switch-overs of :func:`switch_overs` (±2 days), and any date in between."""

    def month_end(day: date) -> date:  # the last or second-to-last day of day's month
        return day + relativedelta(day=31) - relativedelta(days=day.day % 2)

    near = st.sampled_from(switch_overs()).flatmap(
        lambda d: st.integers(-2, 2).map(lambda k: d + relativedelta(days=k))
    )
    leap = (
        st.integers(min_value.year, max_value.year)
        .filter(calendar.isleap)
        .map(lambda y: date(y, 2, 29))
    )
    any_day = st.dates(min_value, max_value)
    return st.one_of(near, leap, any_day.map(month_end), any_day).filter(
        lambda d: min_value <= d <= max_value
    )


def certificates(
    *,
    issued: st.SearchStrategy[date] | None = None,
    stars: st.SearchStrategy[int] | None = None,
    events: bool = True,
) -> st.SearchStrategy[Certificate]:
    """Valid certificates issued on boundary dates, with optional events after issue.

    ``events`` adds revocation, supersession and re-evaluation dates (each
    sometimes absent), always in an order the model accepts.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Certificate:
        issued_on = draw(
            issued if issued is not None else boundary_dates(max_value=date(2029, 12, 31))
        )
        after = st.integers(0, 5 * 365).map(lambda k: issued_on + relativedelta(days=k))
        star = draw(stars or st.integers(3, 5))
        fields: dict[str, Any] = {"star": star, "issued_on": issued_on}
        if events:
            # Events rare enough not to mask expiry; filings near the expiry they concern.
            def sometimes(dates: st.SearchStrategy[date]) -> date | None:
                return draw(st.one_of(st.none(), st.none(), dates))

            after = st.integers(0, 4 * 365).map(lambda k: issued_on + relativedelta(days=k))
            fields["revoked_on"] = sometimes(after)
            fields["superseded_on"] = sometimes(after)
            expiry = issued_on + relativedelta(months=36)
            near = st.integers(-200, 120).map(lambda k: expiry + relativedelta(days=k))
            filed = sometimes(near.filter(lambda d: d >= issued_on))
            fields["re_evaluation_filed_on"] = filed
            if filed is not None:
                later = st.integers(0, 240).map(lambda k: filed + relativedelta(days=k))
                fields["re_evaluation_decided_on"] = sometimes(later)
        return Certificate(**fields)

    return build()
