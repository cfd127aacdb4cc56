"""Consistency checks on a plan: each returns findings, and what held is reported as proven.

:func:`check` runs them all.  By default it compares a provincial plan with
the national programme in force at each target's deadline and an annual plan
with its province's multi-year plan, both taken from the catalogue; pass a
:class:`~ocop.plans.Plan` to compare with another, or ``None`` to skip.

>>> from ocop.plans import catalog, check
>>> report = check(catalog.plan("ninh-thuan-2025"))
>>> [(f.code, f.location) for f in report.findings]
[('weaker_than_national', 'ninh-thuan-2025 › cooperatives (Mục tiêu, câu 3)')]
>>> report.findings[0].expected, report.findings[0].actual
('≥ 40%', '≥ 30%')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any, ClassVar, Final

import attrs

from ocop.budget import Budget, check_budget
from ocop.dates import day
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.figures import Interval
from ocop.findings import Finding, Localized, Proven, finding, proven
from ocop.money import exact_decimal
from ocop.plans import catalog
from ocop.plans.documents import Plan, PlanLevel
from ocop.plans.metrics import METRICS, Metric, MetricUnit, Per
from ocop.plans.targets import Comparator, Scope, Target, _shares_over_100, faults
from ocop.plans.targets import figure_text as num
from ocop.serialize import Serialized
from ocop.text import fold, show

__all__ = ["CheckReport", "check"]

#: What to compare with: "auto" (from the catalogue), a plan, a catalogue id, or None (skip).
Reference = Plan | str | None


@attrs.frozen(slots=True)
class CheckReport(Displayable, Serialized):
    """Findings on one plan, most serious first, and the checks that held."""

    plan_id: str
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]
    compared_with: tuple[str, ...]

    _json_names: ClassVar = {"plan_id": "plan", "proven": "reconciled"}


def check(
    plan: Plan, *, national: Reference = "auto", multi_year: Reference = "auto"
) -> CheckReport:
    """Run every check on ``plan`` (see the module docstring for the references)."""
    if not isinstance(plan, Plan):
        raise InvalidInput(f"check() takes a Plan, not {type(plan).__name__}")
    national, multi_year = _resolve(national), _resolve(multi_year)
    out = _Out(plan)
    for target in plan.all_targets():
        _faults(out, target)
        _breakdown(out, target)
        _baseline(out, target)
    for top in plan.targets:
        _deadlines(out, top, None)
    _exclusive_shares(out)
    compared: list[str] = []
    if plan.level is PlanLevel.PROVINCIAL:
        compared += _against_national(out, national)
    reference = catalog.multi_year_for(plan) if multi_year == "auto" else multi_year
    if isinstance(reference, Plan):
        _against_multi_year(out, reference)
        compared.append(reference.id)
    if plan.budget is not None:
        _budget(out, plan.budget)
    findings = sorted(out.findings, key=lambda f: -f.severity.rank)
    return CheckReport(plan.id, tuple(findings), tuple(out.proven), tuple(dict.fromkeys(compared)))


def _resolve(reference: Reference) -> Plan | str | None:
    if isinstance(reference, str) and reference != "auto":
        return catalog.plan(reference)
    if reference is None or isinstance(reference, Plan | str):
        return reference
    raise InvalidInput(
        f"a reference is a Plan, a catalogue id, 'auto' or None, not {show(reference)}"
    )


@attrs.define
class _Out:
    plan: Plan
    findings: list[Finding] = attrs.Factory(list)
    proven: list[Proven] = attrs.Factory(list)

    def where(self, target: Target) -> str:
        return f"{self.plan.id} › {target.id} ({target.source.where})"

    def add(self, t: Target, code: str, expected: Any, actual: Any, /, **values: Any) -> None:
        where, quote = self.where(t), t.source.text
        self.findings.append(finding(code, where, expected, actual, quote=quote, **values))

    def holds(self, t: Target, code: str, value: Any, /, **values: Any) -> None:
        self.proven.append(proven(code, self.where(t), value, **values))


def _faults(out: _Out, t: Target) -> None:
    shares = iter(_shares_over_100(t))
    for code, _ in faults(t):
        if code == "percentage_out_of_range":
            out.add(t, code, "0–100%", t.figure(), target=t.figure(), figure=next(shares))
        else:
            out.add(t, code, "low ≤ high", t.figure(), target=t.figure())


def _sum_bounds(parts: tuple[Target, ...]) -> tuple[Decimal, Decimal | None]:
    # The sum of the parts' figures, in the interval arithmetic of ocop.figures.
    total = Interval.total(p.as_figure().interval() for p in parts)
    assert total.lo is not None
    low, high = exact_decimal(total.lo), None if total.hi is None else exact_decimal(total.hi)
    assert low is not None and (total.hi is None or high is not None)
    return low, high


def _show(low: Decimal, high: Decimal | None, unit: MetricUnit) -> str:
    pct = "%" if unit is MetricUnit.PERCENT else ""
    if high is None:
        return f"≥ {num(low)}{pct}"
    return f"{num(low)}{pct}" if low == high else f"{num(low)}–{num(high)}{pct}"


def _breakdown(out: _Out, t: Target) -> None:
    if not t.parts or faults(t) or any(faults(p) for p in t.parts):
        return  # an inverted range or an impossible share is reported once, as itself
    for part in t.parts:
        _part_stars(out, t, part)
    low, high = t.bounds
    parts_low, parts_high = _sum_bounds(t.parts)
    parts_text, total_text = _show(parts_low, parts_high, t.unit), t.figure()
    if t.parts_complete:
        # The parts are the whole: their sum must be able to equal the total.
        fits = (high is None or parts_low <= high) and (parts_high is None or parts_high >= low)
        if fits:
            out.holds(t, "breakdown_sum", parts_text, parts=parts_text, total=total_text)
            return
        out.add(
            t, "breakdown_sum_mismatch", total_text, parts_text, parts=parts_text, total=total_text
        )
    elif high is not None and _least_together(t.parts) > high:
        least = num(_least_together(t.parts))
        out.add(
            t,
            "breakdown_exceeds_total",
            f"≤ {num(high)}",
            parts_text,
            least=least,
            total=total_text,
        )
    else:
        out.holds(t, "breakdown_within_total", parts_text, parts=parts_text, total=total_text)


def _least_together(parts: tuple[Target, ...]) -> Decimal:
    """The least the parts of a "trong đó" breakdown must count together.

    Such parts may overlap (a 4★ product can also be a livestock product), so
    their minimums add only when they cannot share a product: one metric, and
    disjoint star ranges.  Otherwise only the largest minimum is certain.
    """
    first = parts[0]
    spans = sorted((p.stars.min, p.stars.max) for p in parts if p.stars is not None)
    same = all(p.metric is first.metric for p in parts)
    if same and len(spans) == len(parts) and all(a[1] < b[0] for a, b in pairwise(spans)):
        return sum((p.bounds[0] for p in parts), Decimal(0))
    return max(p.bounds[0] for p in parts)


def _part_stars(out: _Out, t: Target, part: Target) -> None:
    if t.stars is None or part.stars is None:
        return
    if t.stars.min <= part.stars.min and part.stars.max <= t.stars.max:
        return
    out.add(
        part,
        "part_outside_total_stars",
        str(t.stars),
        str(part.stars),
        part=part.id,
        stars=str(part.stars),
        total=str(t.stars),
    )


def _deadlines(out: _Out, t: Target, parent: Target | None) -> None:
    # A part due with its total is reported once, on the total.
    if parent is None or t.deadline != parent.deadline:
        _deadline(out, t)
    for part in t.parts:
        _deadlines(out, part, t)


def _deadline(out: _Out, t: Target) -> None:
    period, horizon = out.plan.period, out.plan.horizon
    if period.covers(t.deadline):
        return
    when = t.deadline.isoformat()
    said = _day(t.deadline)
    if horizon is not None and period.last_day < t.deadline and t.deadline.year <= horizon:
        out.add(
            t,
            "deadline_in_horizon",
            str(period),
            when,
            deadline=said,
            period=str(period),
            horizon=horizon,
        )
        return
    out.add(t, "deadline_outside_period", str(period), when, deadline=said, period=str(period))


def _day(value: date) -> Localized:
    """A date as each language's message writes it (31/12/2025, 2025-12-31)."""
    return Localized(day(value, "vi"), day(value, "en"))


def _baseline(out: _Out, t: Target) -> None:
    base = t.baseline
    if base is None:
        return
    if base.as_of >= t.deadline:
        out.add(t, "baseline_after_deadline", f"< {t.deadline}", base.as_of.isoformat())
    if base.value is None or base.change is None:
        return
    stated = t.bounds[0]
    values = {"base": num(base.value), "change": num(base.change), "stated": num(stated)}
    if base.value + base.change == stated:
        out.holds(t, "baseline_change", num(stated), **values)
        return
    reached = num(base.value + base.change)
    out.add(t, "baseline_mismatch", reached, num(stated), reached=reached, **values)


#: How a message names each exclusive group of ``ocop.plans.metrics`` (not its identifier).
_GROUP_NAMES: Final = {"entity_type": Localized("chủ thể theo loại hình", "OCOP subjects by type")}


def _exclusive_shares(out: _Out) -> None:
    groups: dict[tuple[Any, ...], list[Target]] = defaultdict(list)
    for t in out.plan.all_targets():
        group = METRICS[t.metric].exclusive_group
        if group is not None and not faults(t):
            groups[(group, t.deadline, t.scope, t.per)].append(t)
    for (group, *_), members in groups.items():
        if len(members) < 2:
            continue
        total = sum((m.bounds[0] for m in members), Decimal(0))
        names = " + ".join(m.figure() for m in members)
        if total <= 100:
            named = _GROUP_NAMES[group]
            out.holds(members[0], "exclusive_shares", f"{num(total)}%", shares=names, group=named)
            continue
        out.add(
            members[0],
            "shares_exceed_100",
            "≤ 100%",
            f"{num(total)}%",
            shares=names,
            sum=num(total),
        )


def _comparable(a: Target, b: Target) -> bool:
    return (
        a.metric is b.metric
        and a.per == b.per
        and a.stars == b.stars
        and a.scope == b.scope
        and not faults(a)
        and not faults(b)
    )


def _pairs(plan: Plan, reference: Plan) -> Iterator[tuple[Target, Target]]:
    for t in plan.all_targets():
        for r in reference.all_targets():
            if _comparable(t, r):
                yield t, r


def _against_national(out: _Out, national: Reference) -> list[str]:
    used: list[str] = []
    for t in out.plan.all_targets():
        ref = catalog.national_for(t.deadline) if national == "auto" else national
        if not isinstance(ref, Plan) or not ref.period.covers(t.deadline):
            continue
        used.append(ref.id)
        for r in ref.all_targets():
            # A national count is for the whole country: only shares and per-province
            # figures compare with a province's own.
            national_scale = r.unit is MetricUnit.COUNT and r.per is not Per.PROVINCE
            if not _comparable(t, r) or national_scale:
                continue
            _compare_national(out, t, r, ref)
    return used


def _compare_national(out: _Out, t: Target, r: Target, ref: Plan) -> None:
    name = ref.number or ref.id
    if t.bounds[0] >= r.bounds[0]:
        out.holds(
            t, "meets_national", t.figure(), target=t.figure(), name=name, national=r.figure()
        )
        return
    out.add(
        t,
        "weaker_than_national",
        r.figure(),
        t.figure(),
        target=t.figure(),
        what=Localized(METRICS[t.metric].vi, METRICS[t.metric].en),
        name=name,
        national=r.figure(),
    )


def _against_multi_year(out: _Out, ref: Plan) -> None:
    plan = out.plan
    if not (ref.period.start <= plan.period.start and plan.period.end <= ref.period.end):
        first = plan.targets[0] if plan.targets else None
        if first is not None:
            out.add(
                first,
                "annual_outside_multi_year",
                str(ref.period),
                str(plan.period),
                period=str(plan.period),
                reference=str(ref.period),
                name=str(ref.number),
            )
        return
    name = ref.number or ref.id
    for t, r in _pairs(plan, ref):
        if t.deadline > r.deadline:
            continue
        low, high = t.bounds
        values = {"target": t.figure(), "reference": r.figure(), "name": name}
        if t.comparator is Comparator.AT_MOST and high is not None and high < r.bounds[0]:
            out.add(t, "annual_inconsistent", r.figure(), t.figure(), **values)
        elif low >= r.bounds[0]:
            due = _day(r.deadline)
            out.add(t, "annual_meets_multi_year", r.figure(), t.figure(), due=due, **values)
        elif t.deadline.year == r.deadline.year:
            out.add(t, "annual_behind_multi_year", r.figure(), t.figure(), **values)


def _budget(out: _Out, budget: Budget) -> None:
    """Reconcile the budget, and set the products it pays for against the product target."""
    plan = out.plan
    report = check_budget(budget, period=(plan.period.start, plan.period.end))
    prefix = f"{plan.id} › "
    out.findings += [attrs.evolve(f, location=prefix + f.location) for f in report.findings]
    out.proven += [attrs.evolve(p, location=prefix + p.location) for p in report.proven]
    targets = [t for t in plan.targets if t.metric is Metric.PRODUCTS and _whole_plan(t)]
    for table in budget.built():
        for item in table.items:
            if not (item.activity and item.activity.counts_products and item.quantity is not None):
                continue
            if item.unit is None or fold(item.unit) != "san pham":
                continue
            for t in targets:
                _budget_quantity(out, t, table.id, item.label, item.quantity)


def _whole_plan(t: Target) -> bool:
    return t.per is None and t.scope == Scope()


def _budget_quantity(out: _Out, t: Target, table: str, item: str, quantity: int) -> None:
    low = t.bounds[0]
    values = {"table": table, "item": item, "quantity": quantity, "target": t.figure()}
    if quantity >= low:
        out.holds(t, "budget_quantity", quantity, **values)
        return
    out.add(t, "budget_quantity_below_target", t.figure(), quantity, **values)
