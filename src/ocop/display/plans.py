"""Showing a plan (its targets, nested, and its budget in brief), a target, and progress."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from ocop.budget.document import Budget
from ocop.display.budget import grand_total
from ocop.display.markup import Cell, Html, amount, block, el, number, table, text_table
from ocop.plans.documents import Plan, TextKind, TimetableStep
from ocop.plans.metrics import MetricUnit
from ocop.plans.progress import Progress
from ocop.plans.targets import Comparator, Outcome, Target, TargetResult

__all__: list[str] = []

_SYMBOL = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.ABOUT: "≈ ",
    Comparator.EXACTLY: "",
}
_TEXT = {
    TextKind.FULL_TEXT: "read from the full text",
    TextKind.EXCERPT: "read from an excerpt of the document",
    TextKind.NEWS_SUMMARY: "read from a news report of the document, not the document itself",
}


def figure(t: Target) -> str:
    """The target's figure with Vietnamese numbers: ``≥ 250``, ``20–30%``, ``≈ 30,5%``."""
    pct = "%" if t.unit is MetricUnit.PERCENT else ""
    if t.comparator is Comparator.RANGE:
        return f"{_num(t.low)}–{_num(t.high)}{pct}"
    return f"{_SYMBOL[t.comparator]}{_num(t.value)}{pct}"


def _num(value: Decimal | None) -> str:
    return "?" if value is None else number(value)


def _when(t: Target) -> str:
    if t.start is not None:
        return f"{t.start.isoformat()} to {t.deadline.isoformat()}"
    return f"by {t.deadline.isoformat()}"


def _rows(t: Target, depth: int = 0) -> Iterator[tuple[int, Target]]:
    yield depth, t
    for part in t.parts:
        yield from _rows(part, depth + 1)


def _target_table(targets: tuple[Target, ...]) -> Html:
    rows: list[list[Cell]] = []
    classes: list[str | None] = []
    for top in targets:
        for depth, t in _rows(top):
            indent = "ocop-sub" if depth else None
            note = t.note or None
            rows.append(
                [
                    (("↳ " * min(depth, 1)) + t.id, indent, note),
                    (figure(t), "ocop-num"),
                    t.what(),
                    _when(t),
                    el("span", f"{t.source.where}: ", el("q", t.source.text), cls="ocop-quote"),
                ]
            )
            classes.append(None if depth else "ocop-group")
    return table(["id", "target", "what", "when", "as written"], rows, row_classes=classes)


def _budget_summary(budget: Budget) -> Html | None:
    if not budget.tables and not budget.claims:
        return None
    rows: list[list[Cell]] = []
    for doc in budget.tables:
        t = doc.build()
        total, stated = grand_total(t)
        shown = "" if total is None else amount(total, t.unit, with_unit=True)
        rows.append(
            [
                t.id,
                t.title,
                t.where or "",
                f"{len(t.items)} × {len(t.sources)} × {len(t.years)}",
                (shown, "ocop-num" if stated else "ocop-num ocop-computed"),
            ]
        )
    for claim in budget.claims:
        total = claim.total_dong
        rows.append(
            [
                claim.id,
                el("q", claim.text, cls="ocop-quote"),
                claim.where,
                "claim",
                ("" if total is None else amount(total, claim.unit, with_unit=True), "ocop-num"),
            ]
        )
    return table(
        ["id", "title", "where", "items × sources × years", "total"], rows, caption="Budget"
    )


def _meta(plan: Plan) -> list[str]:
    issued = plan.issued_on.isoformat() if plan.issued_on else str(plan.issued_year)
    lines = [
        f"{plan.number or '(no number)'} · {plan.issuer} · issued {issued}",
        f"period {plan.period}"
        + (f", orientation to {plan.horizon}" if plan.horizon else "")
        + (f" · province: {plan.province}" if plan.province else " · national")
        + f" · {_TEXT[plan.text]}",
    ]
    return lines


def html_plan(plan: Plan) -> Html:
    parts: list[Html | None] = [el("div", line, cls="ocop-meta") for line in _meta(plan)]
    if plan.text is TextKind.NEWS_SUMMARY:
        parts[-1] = el("div", _meta(plan)[-1], cls="ocop-meta ocop-warning")
    count = len(plan.all_targets())
    parts.append(el("div", f"Targets ({count}, parts included)", cls="ocop-h"))
    parts.append(_target_table(plan.targets))
    if plan.budget is not None:
        parts.append(_budget_summary(plan.budget))
    if plan.timetable:
        parts.append(
            table(
                ["step", "year", "months"],
                [
                    [s.step, "" if s.year is None else str(s.year), _months(s)]
                    for s in plan.timetable
                ],
                caption="OCOP cycle timetable",
            )
        )
    if plan.notes:
        parts.append(el("ul", *(el("li", n) for n in plan.notes), cls="ocop-meta"))
    parts.append(el("div", f"plan id: {plan.id}", cls="ocop-cite"))
    return block(plan.title, *parts, kind="ocop-plan")


def _months(step: TimetableStep) -> str:
    if step.from_month is None:
        return "all year"
    if step.from_month == step.to_month:
        return str(step.from_month)
    return f"{step.from_month}–{step.to_month}"


def _target_lines(t: Target) -> list[str]:
    return [f"{'  ' * depth}{x.id}  {figure(x)}  {x.what()}, {_when(x)}" for depth, x in _rows(t)]


def text_target(t: Target) -> str:
    quotes = [f"{x.id} ({x.source.where}): “{x.source.text}”" for _, x in _rows(t)]
    return "\n".join([*_target_lines(t), *quotes, *([f"note: {t.note}"] if t.note else [])])


def html_target(t: Target) -> Html:
    return block(f"Target {t.id}: {figure(t)} {t.what()}", _target_table((t,)), kind="ocop-target")


def text_plan(plan: Plan) -> str:
    lines = [f"Plan {plan.id}: {plan.title}", *_meta(plan), "targets:"]
    lines += ["  " + line for t in plan.targets for line in _target_lines(t)]
    if plan.budget is not None:
        for doc in plan.budget.tables:
            t = doc.build()
            total, stated = grand_total(t)
            shown = "no total" if total is None else amount(total, t.unit, with_unit=True)
            lines.append(f"budget table {t.id}: {shown}" + ("" if stated else " (computed)"))
        for claim in plan.budget.claims:
            if claim.total_dong is not None:
                shown = amount(claim.total_dong, claim.unit, with_unit=True)
                lines.append(f"budget claim {claim.id} ({claim.where}): {shown}")
    return "\n".join(lines)


# --- progress --------------------------------------------------------------------------------

_OUTCOME = {
    Outcome.MET: ("met", "ocop-good"),
    Outcome.NOT_MET: ("not met", "ocop-bad"),
    Outcome.NOT_EVALUABLE: ("not evaluable", "ocop-warning"),
}


def _fraction(value: Fraction | None) -> str:
    return "" if value is None else number(value)


def _result_row(r: TargetResult) -> list[Cell]:
    reason = r.reason
    if r.shortfalls:
        short = ", ".join(f"{unit} {number(gap)}" for unit, gap in r.shortfalls)
        reason += f"; short: {short}"
    due = "" if r.due is None else ("passed" if r.due else "not yet")
    pct = "%" if r.required.endswith("%") else ""
    return [
        r.target_id,
        (r.required, "ocop-num"),
        (_fraction(r.actual) + (pct if r.actual is not None else ""), "ocop-num"),
        (_fraction(r.gap) + (pct if r.gap is not None else ""), "ocop-num"),
        _OUTCOME[r.outcome],
        due,
        reason,
    ]


def html_progress(p: Progress) -> Html:
    stars = table(
        ["", *(f"{s}★" for s in p.products_by_star)],
        [["products", *((number(n), "ocop-num") for n in p.products_by_star.values())]],
    )
    entities = (
        table(
            ["subjects", *(e.value for e in p.subjects_by_entity)],
            [["active", *((number(n), "ocop-num") for n in p.subjects_by_entity.values())]],
        )
        if p.subjects_by_entity
        else None
    )
    results = table(
        ["target", "required", "actual", "gap", "outcome", "deadline", "how"],
        [_result_row(r) for r in p.results],
    )
    met = sum(r.outcome is Outcome.MET for r in p.results)
    return block(
        f"Progress of {p.plan_id} on {p.on.isoformat()}",
        el("div", f"{met} of {len(p.results)} targets met", cls="ocop-meta"),
        stars,
        entities,
        results,
        kind="ocop-progress",
    )


def text_progress(p: Progress) -> str:
    held = ", ".join(f"{s}★ {number(n)}" for s, n in p.products_by_star.items())
    rows = [
        [str(c[0]) if isinstance(c, tuple) else str(c) for c in _result_row(r)[:6]]
        for r in p.results
    ]
    return "\n".join(
        [
            f"Progress of {p.plan_id} on {p.on.isoformat()}",
            f"products holding a valid certificate: {held}",
            text_table(
                ["target", "required", "actual", "gap", "outcome", "deadline"],
                rows,
                right={1, 2, 3},
            ),
        ]
    )
