"""Showing check reports: findings grouped by severity, and a summary of what held.

Plan checks (:class:`~ocop.plans.CheckReport`), budget checks
(:class:`~ocop.budget.BudgetReport`) and one table's reconciliation
(:class:`~ocop.budget.Reconciliation`) share :class:`~ocop.findings.Finding`
and :class:`~ocop.findings.Proven`.  Budget findings hold amounts in đồng; they
are written in the table's unit (triệu đồng for a plan), the Vietnamese way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

from ocop.budget.checks import BudgetReport
from ocop.budget.reconcile import Reconciliation
from ocop.display.markup import Cell, Html, amount, block, el, number, table, text_table
from ocop.findings import Finding, Kind, Proven, Severity, Value
from ocop.money import Unit
from ocop.plans.checks import CheckReport
from ocop.reports.checks import DocumentCheck

__all__: list[str] = []

_QUOTE: Final = 120  # plain text cuts a quoted sentence to this many characters
#: Held checks listed one by one up to this many; beyond, only counted.
MAX_LISTED: Final = 200

_HEADING = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}


def value_text(value: Value, kind: Kind, unit: Unit) -> str:
    """An expected or actual value for people: đồng in ``unit``, numbers the Vietnamese way.

    ``kind`` is the finding's declared :class:`~ocop.codes.Kind`, never guessed from its code.
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return amount(value, unit, with_unit=True) if kind is Kind.DONG else number(value)
    if isinstance(value, Decimal | Fraction):
        return number(value)
    return str(value)


def _counts(findings: Sequence[Finding], held: int) -> str:
    by = Counter(f.severity for f in findings)
    bits = [f"{number(by[s])} {_HEADING[s].lower()}" for s in Severity if by[s]]
    bits.append(f"{number(held)} checks held")
    return " · ".join(bits) if findings else "no findings · " + bits[-1]


def _finding_rows(findings: Sequence[Finding], unit: Unit) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for f in findings:
        message = el(
            "div",
            el("div", f.message_vi),
            el("div", f.message_en, cls="ocop-meta"),
            el("div", "; ".join(str(c) for c in f.citations), cls="ocop-cite")
            if f.citations
            else None,
        )
        rows.append(
            [
                f.code,
                f.location,
                (value_text(f.expected, f.unit, unit), "ocop-num"),
                (value_text(f.actual, f.unit, unit), "ocop-num"),
                message,
                el("q", f.quote, cls="ocop-quote") if f.quote else "",
            ]
        )
    return rows


def _findings_html(findings: Sequence[Finding], unit: Unit) -> list[Html]:
    out: list[Html] = []
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        cls = f"ocop-h ocop-{severity.value}"
        out.append(el("div", f"{_HEADING[severity]} ({number(len(group))})", cls=cls))
        out.append(
            table(
                ["code", "where", "expected", "actual", "message", "as written"],
                _finding_rows(group, unit),
            )
        )
    return out


def _held_html(counts: Counter[str], listed: Sequence[Proven] | None, unit: Unit) -> list[Html]:
    if not counts:
        return []
    total = sum(counts.values())
    out = [
        el("div", f"Held ({number(total)})", cls="ocop-h ocop-good"),
        table(
            ["check", "held"],
            [[code, (number(n), "ocop-num")] for code, n in sorted(counts.items())],
        ),
    ]
    if listed:
        rows: list[list[Cell]] = [
            [
                p.code,
                p.location,
                (value_text(p.value, p.unit, unit), "ocop-num"),
                p.message_vi or p.message_en,
            ]
            for p in listed[:MAX_LISTED]
        ]
        if len(listed) > MAX_LISTED:
            rows.append(["", f"… and {number(len(listed) - MAX_LISTED)} more", "", ""])
        out.append(
            el(
                "details",
                el("summary", "every check that held"),
                table(["check", "where", "value", "how"], rows),
            )
        )
    return out


def _report_html(
    title: str,
    meta: Sequence[str],
    findings: Sequence[Finding],
    counts: Counter[str],
    listed: Sequence[Proven] | None,
    unit: Unit,
    kind: str,
) -> Html:
    return block(
        title,
        *(el("div", m, cls="ocop-meta") for m in meta),
        el("div", _counts(findings, sum(counts.values())), cls="ocop-meta"),
        *_findings_html(findings, unit),
        *_held_html(counts, listed, unit),
        kind=kind,
    )


def _report_text(title: str, findings: Sequence[Finding], counts: Counter[str], unit: Unit) -> str:
    lines = [title, _counts(findings, sum(counts.values()))]
    for f in findings:
        lines.append(f"{f.severity.value.upper()} {f.code} | {f.location}")
        expected = value_text(f.expected, f.unit, unit)
        actual = value_text(f.actual, f.unit, unit)
        lines.append(f"  expected {expected}; actual {actual}")
        lines.append(f"  vi: {f.message_vi}")
        lines.append(f"  en: {f.message_en}")
        if f.quote:
            quote = f.quote if len(f.quote) <= _QUOTE else f.quote[: _QUOTE - 1] + "…"
            lines.append(f"  as written: “{quote}”")
    if counts:
        rows = [[code, number(n)] for code, n in sorted(counts.items())]
        lines += ["held:", text_table(["check", "count"], rows, right={1})]
    return "\n".join(lines)


def _budget_unit(recs: Sequence[Reconciliation]) -> Unit:
    units = {r.table.unit for r in recs}
    return units.pop() if len(units) == 1 else Unit.TRIEU


def html_check_report(report: CheckReport) -> Html:
    meta = [f"compared with {', '.join(report.compared_with)}"] if report.compared_with else []
    counts = Counter(p.code for p in report.proven)
    return _report_html(
        f"Plan check: {report.plan_id}",
        meta,
        report.findings,
        counts,
        report.proven,
        Unit.TRIEU,
        "ocop-check-report",
    )


def text_check_report(report: CheckReport) -> str:
    counts = Counter(p.code for p in report.proven)
    title = f"CheckReport {report.plan_id}"
    if report.compared_with:
        title += f" (compared with {', '.join(report.compared_with)})"
    return _report_text(title, report.findings, counts, Unit.TRIEU)


def html_document_check(report: DocumentCheck) -> Html:
    # Document findings hold their figures as text, written in the quantity's unit already.
    counts = Counter(p.code for p in report.proven)
    title = f"Document check: {report.document_id}"
    kind = "ocop-document-check"
    return _report_html(title, [], report.findings, counts, report.proven, Unit.TRIEU, kind)


def text_document_check(report: DocumentCheck) -> str:
    counts = Counter(p.code for p in report.proven)
    title = f"DocumentCheck {report.document_id}"
    return _report_text(title, report.findings, counts, Unit.TRIEU)


def html_budget_report(report: BudgetReport) -> Html:
    unit = _budget_unit(report.reconciliations)
    tables = ", ".join(r.table.id for r in report.reconciliations)
    meta = [f"tables: {tables}"] if tables else []
    counts = Counter(p.code for p in report.proven)
    verdict = "reconciled" if report.reconciled else "not reconciled"
    return _report_html(
        f"Budget check: {verdict}",
        meta,
        report.findings,
        counts,
        report.proven,
        unit,
        "ocop-budget-report",
    )


def text_budget_report(report: BudgetReport) -> str:
    counts = Counter(p.code for p in report.proven)
    verdict = "reconciled" if report.reconciled else "not reconciled"
    unit = _budget_unit(report.reconciliations)
    return _report_text(f"BudgetReport: {verdict}", report.findings, counts, unit)


def _rec_counts(rec: Reconciliation) -> Counter[str]:
    counts: Counter[str] = Counter()
    for c in rec.comparisons:
        if c.checked - c.mismatches:
            counts[c.code] += c.checked - c.mismatches
    return counts


def html_reconciliation(rec: Reconciliation) -> Html:
    t = rec.table
    # Listing every held total of a national table would build millions of objects.
    listed = rec.proven() if rec.held <= MAX_LISTED else None
    return _report_html(
        f"Reconciliation of {t.id}" + (f": {t.title}" if t.title else ""),
        [f"{number(rec.held)} of {number(rec.checked)} stated totals equal their parts"],
        rec.findings,
        _rec_counts(rec),
        listed,
        t.unit,
        "ocop-reconciliation",
    )


def text_reconciliation(rec: Reconciliation) -> str:
    t = rec.table
    title = f"Reconciliation {t.id}" + (f": {t.title}" if t.title else "")
    held = f"{number(rec.held)} of {number(rec.checked)} stated totals equal their parts"
    return _report_text(f"{title}\n{held}", rec.findings, _rec_counts(rec), t.unit)


def html_finding(f: Finding) -> Html:
    """One finding alone; amounts, if any, in triệu đồng."""
    return block(
        f"{f.severity.value.capitalize()}: {f.code}",
        *_findings_html([f], Unit.TRIEU),
        kind="ocop-finding",
    )


def text_finding(f: Finding) -> str:
    return "\n".join(_report_text("", [f], Counter(), Unit.TRIEU).splitlines()[2:])
