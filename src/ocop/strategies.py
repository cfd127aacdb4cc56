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

import attrs
import numpy as np
import numpy.typing as npt
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from ocop.admin import DISTRICT_LEVEL_END
from ocop.certificates import Certificate
from ocop.criteria import Scorecard, Scoresheet, scoresheet, scoresheets
from ocop.law import Regime, regimes, transitional_rules
from ocop.plans import METRICS, Comparator, Metric, MetricUnit, Plan, Target
from ocop.plans.targets import AS_WRITTEN

__all__ = [
    "DEFECTS",
    "PLAN_DEFECTS",
    "PlantedPlan",
    "boundary_dates",
    "certificates",
    "choice_matrices",
    "inconsistent_plans",
    "nearly_valid_scorecards",
    "plans",
    "scorecards",
    "sheets",
    "switch_overs",
    "targets",
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


# --- plans -------------------------------------------------------------------------------

PlanDefect = Literal[
    "breakdown_sum_mismatch",
    "breakdown_exceeds_total",
    "percentage_out_of_range",
    "range_inverted",
    "shares_exceed_100",
    "deadline_outside_period",
    "baseline_mismatch",
]
#: What :func:`inconsistent_plans` can plant, named by the finding code that reports each.
PLAN_DEFECTS: tuple[PlanDefect, ...] = PlanDefect.__args__  # type: ignore[attr-defined]


def _quote(target_id: str) -> dict[str, str]:
    return {"where": f"generated › {target_id}", "text": f"(generated target {target_id})"}


def targets(
    *, metric: Metric | None = None, deadline: date = date(2025, 12, 31)
) -> st.SearchStrategy[Target]:
    """Valid single targets (no parts) on any metric, due on ``deadline``."""

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        chosen = metric or draw(st.sampled_from(list(Metric)))
        info = METRICS[chosen]
        top = 100 if info.unit is MetricUnit.PERCENT else 10_000
        comparator = draw(st.sampled_from(list(Comparator)))
        fields: dict[str, Any] = {
            "id": "t",
            "metric": chosen,
            "unit": info.unit,
            "comparator": comparator,
            "deadline": deadline,
            "source": _quote("t"),
        }
        if comparator is Comparator.RANGE:
            low = draw(st.integers(0, top))
            fields.update(low=low, high=draw(st.integers(low, top)))
        else:
            fields["value"] = draw(st.integers(0, top))
        if info.stars and draw(st.booleans()):
            low_star = draw(st.integers(1, 5))
            fields["stars"] = {"min": low_star, "max": draw(st.integers(low_star, 5))}
        return Target(**fields)

    return build()


@st.composite
def _plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """A consistent provincial plan as a JSON-like mapping (what the defects edit)."""
    start = draw(st.integers(2021, 2024))
    end = draw(st.integers(start, 2025))
    deadline = date(end, 12, 31)
    total = draw(st.integers(10, 400))
    five = draw(st.integers(0, total))
    new_total = draw(st.integers(2, 100))
    new_four = draw(st.integers(0, new_total))
    coop = draw(st.integers(0, 100))
    sme = draw(st.integers(0, 100 - coop))
    channel_low = draw(st.integers(0, 100))
    channel_high = draw(st.integers(channel_low, 100))
    base = draw(st.integers(0, total))

    def target(tid: str, metric: Metric, comparator: str, **more: Any) -> dict[str, Any]:
        unit = METRICS[metric].unit.value
        fields = {"comparator": comparator, "deadline": deadline, "source": _quote(tid)}
        return {"id": tid, "metric": metric.value, "unit": unit, **fields, **more}

    first = date(start, 1, 1)
    return {
        "id": "generated",
        "title": "Generated plan",
        "level": "provincial",
        "kind": "ke_hoach",
        "issuer": "UBND tỉnh Kon Tum",
        "province": "Kon Tum",
        "issued_year": start,
        "period": {"start": start, "end": end},
        "text": "full_text",
        "targets": [
            target(
                "products", Metric.PRODUCTS, "at_least", value=total, stars={"min": 3},
                baseline={"as_of": date(start - 1, 12, 31), "value": base,
                          "change": total - base},
                parts=[target("products.five", Metric.PRODUCTS, "at_least", value=five,
                              stars={"min": 5, "max": 5})],
            ),
            target(
                "new", Metric.NEW_PRODUCTS, "about", value=new_total, start=first,
                stars={"min": 3, "max": 4}, parts_complete=True,
                parts=[
                    target("new.four", Metric.NEW_PRODUCTS, "about", value=new_four, start=first,
                           stars={"min": 4, "max": 4}),
                    target("new.three", Metric.NEW_PRODUCTS, "about", value=new_total - new_four,
                           start=first, stars={"min": 3, "max": 3}),
                ],
            ),
            target("coop", Metric.COOPERATIVE_SHARE, "at_least", value=coop),
            target("sme", Metric.SME_SHARE, "at_least", value=sme),
            target("channels", Metric.MODERN_CHANNEL_SHARE, "range", low=channel_low,
                   high=channel_high),
        ],
    }  # fmt: skip


def plans() -> st.SearchStrategy[Plan]:
    """Consistent provincial plans: the checks find no error in them (warnings may remain)."""
    return _plan_data().map(lambda data: Plan.model_validate(data))


@attrs.frozen(slots=True)
class PlantedPlan:
    """A plan read as written with inconsistencies planted: ``planted`` is (code, target id)."""

    plan: Plan
    planted: tuple[tuple[PlanDefect, str], ...]


def inconsistent_plans(
    defects: tuple[PlanDefect, ...] = PLAN_DEFECTS,
) -> st.SearchStrategy[PlantedPlan]:
    """Plans with one to three subtle inconsistencies planted, each a finding code of the checks."""

    @st.composite
    def build(draw: st.DrawFn) -> PlantedPlan:
        data = draw(_plan_data())
        chosen = draw(st.lists(st.sampled_from(defects), min_size=1, max_size=3, unique=True))
        by_id = {t["id"]: t for top in data["targets"] for t in (top, *top.get("parts", ()))}
        planted = [(code, _plant(draw, code, by_id, data)) for code in chosen]
        return PlantedPlan(Plan.model_validate(data, context={AS_WRITTEN: True}), tuple(planted))

    return build()


def _plant(
    draw: st.DrawFn, code: PlanDefect, by_id: dict[str, dict[str, Any]], data: dict[str, Any]
) -> str:
    """Edit ``data`` so that the finding ``code`` is due; return the target's id.

    Each defect edits its own targets, so any combination can be planted at once.
    """
    off_by = draw(st.integers(1, 20))
    if code == "breakdown_sum_mismatch":
        by_id["new.three"]["value"] += off_by
        return "new"
    if code == "breakdown_exceeds_total":
        products = by_id["products"]
        low = products.pop("value")
        products.update(comparator="range", low=low, high=low + draw(st.integers(0, 5)))
        by_id["products.five"]["value"] = products["high"] + off_by
        return "products"
    if code == "percentage_out_of_range":
        tid = "trained"
        target = {**by_id["coop"], "id": tid, "metric": Metric.SUBJECTS_TRAINED_SHARE.value}
        data["targets"].append({**target, "value": 100 + off_by, "source": _quote(tid)})
        return tid
    if code == "range_inverted":
        low = draw(st.integers(1, 100))
        by_id["channels"].update(low=low, high=draw(st.integers(0, low - 1)))
        return "channels"
    if code == "shares_exceed_100":
        sme = draw(st.integers(1, 100))
        by_id["sme"]["value"] = sme
        by_id["coop"]["value"] = draw(st.integers(101 - sme, 100))
        return "coop"
    if code == "deadline_outside_period":
        end = data["period"]["end"]
        by_id["channels"]["deadline"] = date(end + 1 + off_by % 3, 6, 30)
        return "channels"
    by_id["products"]["baseline"]["change"] += off_by
    return "products"
