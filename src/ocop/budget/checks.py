"""Checking a plan's budget as a whole: each table, its periods, the prose, the tables together.

:func:`check_budget` reconciles every table (:func:`ocop.budget.reconcile`),
then compares

* the period each table covers with the periods its title and headers claim,
  and with the plan's period;
* each claim of the prose with itself (its parts against its total) and with
  every table (the total, and each source's total);
* every two tables of the plan, wherever both state a figure for the same
  thing: the grand total, a source's total and its phasing, a year's total.

Amounts in findings are integer đồng; messages show them in the table's unit,
the Vietnamese way in ``message_vi``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Final

import attrs

from ocop.budget.document import Budget, Claim
from ocop.budget.reconcile import Reconciliation, reconcile
from ocop.budget.table import BudgetTable, Level, span
from ocop.budget.vocabulary import Source, outermost
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.findings import Finding, Localized, Proven, Severity, finding, proven
from ocop.money import Unit, format_amount
from ocop.text import show

__all__ = ["BudgetReport", "check_budget"]


@attrs.frozen(slots=True, eq=False)
class BudgetReport(Displayable):
    """Every table's reconciliation, and all findings and proven totals, most serious first."""

    reconciliations: tuple[Reconciliation, ...]
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]

    @property
    def reconciled(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def check_budget(budget: Budget, *, period: tuple[int, int] | None = None) -> BudgetReport:
    """Check ``budget``; ``period`` is the plan's (first year, last year), if any."""
    if not isinstance(budget, Budget):
        raise InvalidInput(f"check_budget() takes a Budget, not {type(budget).__name__}")
    tables = budget.built()
    if period is not None:
        if not (
            isinstance(period, tuple)
            and len(period) == 2
            and all(isinstance(y, int) and not isinstance(y, bool) for y in period)
        ):
            raise InvalidInput(f"period is (first year, last year), not {show(period)}")
        budget.require_years_within(*period)
    out = _Out()
    recs = tuple(reconcile(t) for t in tables)
    for rec in recs:
        out.findings += rec.findings
        out.proven += rec.proven()
    for table in tables:
        _periods(out, table, period)
    for claim in budget.claims:
        _claim_itself(out, claim)
        for table in tables:
            _claim_against(out, claim, table)
    for a, b in combinations(tables, 2):
        _tables(out, a, b)
    findings = sorted(out.findings, key=lambda f: -f.severity.rank)
    return BudgetReport(recs, tuple(findings), tuple(out.proven))


@attrs.define
class _Out:
    findings: list[Finding] = attrs.Factory(list)
    proven: list[Proven] = attrs.Factory(list)


# --- periods ---------------------------------------------------------------------------------


def _periods(out: _Out, table: BudgetTable, period: tuple[int, int] | None) -> None:
    if not table.years:
        return
    covered = table.years
    for claim in table.periods:
        where = f"{table.id} › {claim.where}"
        if claim.years == covered:
            out.proven.append(proven("period", where, span(covered), years=span(covered)))
            continue
        out.findings.append(
            finding(
                "period_mismatch",
                where,
                span(claim.years),
                span(covered),
                quote=claim.text,
                where=_capital(claim.where),
                stated=span(claim.years),
                years=span(covered),
            )
        )
    if period is not None and covered != tuple(range(period[0], period[1] + 1)):
        plan = span(range(period[0], period[1] + 1))
        out.findings.append(
            finding(
                "years_short_of_plan",
                table.id,
                plan,
                span(covered),
                years=span(covered),
                plan=plan,
            )
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- claims ----------------------------------------------------------------------------------


def _money(amount: int, unit: Unit) -> Localized:
    """``amount`` as each language writes it, in ``unit``."""
    return Localized(*(format_amount(amount, unit, locale=lang) for lang in ("vi", "en")))


def _joined(parts: list[Localized], sep: str) -> Localized:
    return Localized(sep.join(p.vi for p in parts), sep.join(p.en for p in parts))


def _claim_itself(out: _Out, claim: Claim) -> None:
    total = claim.total_dong
    if total is None or not claim.parts:
        return
    every = claim.parts_dong
    parts = [every[i] for i in outermost([s for s, _ in every])]
    added = sum(v for _, v in parts)
    where = f"{claim.where} (claim {claim.id})"
    listing = _joined([_money(v, claim.unit) for _, v in parts], " + ")
    if added == total:
        out.proven.append(proven("claim_parts_sum", where, total, parts=listing))
        return
    stated, summed = _money(total, claim.unit), _money(added, claim.unit)
    if claim.parts_complete or added > total:
        # The sum itself, not only the parts (the templates show it): a reader should not
        # have to add them up.
        code = "claim_parts_mismatch" if claim.parts_complete else "claim_parts_exceed"
        out.findings.append(
            finding(
                code, where, added, total, quote=claim.text, parts=listing, total=stated, sum=summed
            )
        )
        return
    gap = _money(abs(total - added), claim.unit)
    out.findings.append(
        finding(
            "claim_parts_short",
            where,
            added,
            total,
            quote=claim.text,
            gap=gap,
            total=stated,
            sum=summed,
        )
    )


def table_figure(table: BudgetTable, source: Source | None) -> tuple[int, str] | None:
    """What ``table`` says for the grand total or a source's total, and how it says it."""
    if source is None:
        if table.stated(Level.TOTAL):
            return int(table.values(Level.TOTAL)), "stated"
        if table.present(Level.SOURCE):
            top = table.top_sources()
            return sum(int(table.values(Level.SOURCE)[s]) for s in top), "sum of sources"
        return None
    s = table.source_index(source)
    if s is None:
        inside = [i for i, t in enumerate(table.sources) if source in t.ancestors()]
        if not inside or not table.present(Level.SOURCE):
            return None
        # Only the outermost of them: NSĐP is summed, not NSĐP and NS tỉnh as well.
        outer = [inside[k] for k in outermost([table.sources[i] for i in inside])]
        if not all(table.stated(Level.SOURCE, i) for i in outer):
            return None
        return sum(int(table.values(Level.SOURCE)[i]) for i in outer), "sum of its sub-sources"
    if table.stated(Level.SOURCE, s):
        return int(table.values(Level.SOURCE)[s]), "stated"
    return None


def _claim_against(out: _Out, claim: Claim, table: BudgetTable) -> None:
    wanted: list[tuple[Source | None, int]] = []
    if claim.total_dong is not None:
        wanted.append((None, claim.total_dong))
    wanted += list(claim.parts_dong)
    for source, amount in wanted:
        found = table_figure(table, source)
        place = _TOTAL.vi if source is None else source.short
        name = _TOTAL if source is None else source.named
        where = f"{claim.where} (claim {claim.id}) ↔ {table.id} › {place}"
        if found is None:
            out.findings.append(
                finding(
                    "claim_not_in_table",
                    where,
                    amount,
                    None,
                    quote=claim.text,
                    table=table.id,
                    name=name,
                )
            )
            continue
        figure, how = found
        if figure == amount:
            said = _money(amount, table.unit)
            out.proven.append(proven("claim_matches_table", where, amount, how=how, amount=said))
            continue
        out.findings.append(
            finding(
                "claim_mismatch",
                where,
                figure,
                amount,
                quote=claim.text,
                where=claim.where,
                name=name,
                amount=_money(amount, claim.unit),
                table=table.id,
                figure=_money(figure, table.unit),
                how=how,
            )
        )


# --- two tables ------------------------------------------------------------------------------


def _tables(out: _Out, a: BudgetTable, b: BudgetTable) -> None:
    pairs = f"{a.id} ↔ {b.id}"
    for place, name, figures in _comparable(a, b):
        if not figures:
            continue
        differ = [(key, x, y) for key, x, y in figures if x != y]
        where = f"{pairs} › {place}"
        if not differ:
            _, x, _ = figures[0]
            out.proven.append(proven("tables_agree", where, x, count=len(figures)))
            continue
        shown = [d for d in differ if d[0] is _WHOLE_PERIOD] or differ
        _key, x, y = shown[0]
        # "2022: 1.200 ≠ 1.300; 2023: …", each amount in its own table's unit.
        rest = [
            _joined([k, _joined([_money(p, a.unit), _money(q, b.unit)], " ≠ ")], ": ")
            for k, p, q in differ
        ]
        out.findings.append(
            finding(
                "tables_disagree",
                where,
                x,
                y,
                name=name,
                first=a.id,
                second=b.id,
                differences=_joined(rest, "; "),
            )
        )
    for s in sorted(set(a.sources) ^ set(b.sources), key=list(Source).index):
        has, lacks = (a, b) if s in a.sources else (b, a)
        i = has.source_index(s)
        if i is None or not has.stated(Level.SOURCE, i) or has.amount(Level.SOURCE, i) == 0:
            continue
        if any(s in o.ancestors() or o in s.ancestors() for o in lacks.sources):
            continue  # the other table has it as a part or a whole
        out.findings.append(
            finding(
                "source_in_one_table",
                f"{pairs} › {s.short}",
                None,
                has.amount(Level.SOURCE, i),
                table=has.id,
                source=Localized(s.label_vi, s.named.en),
            )
        )


Compared = list[tuple[Localized, int, int]]
#: The key of a figure for the whole period, and the names of the groups compared, in each
#: language: an English message names them in English (the location keeps the document's).
_WHOLE_PERIOD: Final = Localized("cả giai đoạn", "whole period")
_TOTAL: Final = Localized("Tổng", "the total")
_YEARS: Final = Localized("các năm", "the years")


def _comparable(a: BudgetTable, b: BudgetTable) -> Iterator[tuple[str, Localized, Compared]]:
    """Figures both tables state, grouped: the grand total, each source, the year totals;
    each group with its place in a location and its name in messages."""
    if a.stated(Level.TOTAL) and b.stated(Level.TOTAL):
        total = [(_WHOLE_PERIOD, _one(a, Level.TOTAL), _one(b, Level.TOTAL))]
        yield _TOTAL.vi, _TOTAL, total
    years = [y for y in a.years if y in b.years]
    for s in (s for s in a.sources if s in b.sources):
        i, j = a.sources.index(s), b.sources.index(s)
        figures: Compared = []
        if a.stated(Level.SOURCE, i) and b.stated(Level.SOURCE, j):
            figures.append((_WHOLE_PERIOD, _one(a, Level.SOURCE, i), _one(b, Level.SOURCE, j)))
        for y in years:
            p, q = (i, a.years.index(y)), (j, b.years.index(y))
            if a.stated(Level.SOURCE_YEAR, *p) and b.stated(Level.SOURCE_YEAR, *q):
                year = Localized(str(y), str(y))
                figures.append(
                    (year, _one(a, Level.SOURCE_YEAR, *p), _one(b, Level.SOURCE_YEAR, *q))
                )
        yield s.short, s.named, figures
    year_totals: Compared = []
    for y in years:
        m, n = a.years.index(y), b.years.index(y)
        if a.stated(Level.YEAR, m) and b.stated(Level.YEAR, n):
            year = Localized(str(y), str(y))
            year_totals.append((year, _one(a, Level.YEAR, m), _one(b, Level.YEAR, n)))
    yield _YEARS.vi, _YEARS, year_totals


def _one(table: BudgetTable, level: Level, *index: int) -> int:
    found = table.amount(level, *index)
    assert found is not None  # callers check stated() first
    return found
