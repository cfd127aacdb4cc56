"""Checking a document as printed: each section, then the sections against each other.

Every check compares exact intervals (:mod:`ocop.figures`) and answers one of
three: it holds whatever the hedges hide (a :class:`~ocop.findings.Proven`),
it is proven wrong (an error), or the printed figures cannot decide it (an
information finding with what they leave).  The checks:

* a total against its parts: complete parts ("gồm", or parts by star that
  cover the whole star range of the total) add up to it; a remainder ("còn
  lại") is the total less the others; other parts ("trong đó") fit in it;
* a share printed beside a figure ("(chiếm 58,49%)") against the figures,
  rounded half-up at the decimals printed; shares of complete parts add up to
  100%, or were visibly forced to (information);
* an amount written as a rate ("3 sản phẩm × 40 triệu") against its product;
* the years of a part inside its total's period;
* the same quantity stated twice (in one section, or in two sections with
  the same area and period).

Budget tables of a budget section are reconciled by :func:`ocop.budget.check_budget`.

>>> from ocop.reports import Document, check_document
>>> doc = Document.model_validate({
...     "id": "cong-nhan", "title": "Báo cáo", "kind": "report", "province": "Lào Cai",
...     "issued_on": date(2024, 12, 20),
...     "sections": [{"id": "tinh", "kind": "report", "period": {"start": 2024, "end": 2024},
...       "quantities": [{"id": "cong-nhan", "what": "sản phẩm OCOP được công nhận",
...         "unit": "sản phẩm", "figure": 41, "stars": {"min": 3, "max": 4},
...         "parts": [{"id": "4-sao", "stars": {"min": 4, "max": 4}, "figure": 12},
...                   {"id": "3-sao", "stars": {"min": 3, "max": 3}, "figure": 27}]}]}]})
>>> [(f.code, f.expected, f.actual) for f in check_document(doc).findings]
[('sum_mismatch', '41 sản phẩm', '39 sản phẩm')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, pairwise
from typing import Any, ClassVar, Final

import attrs

from ocop.budget import Budget, BudgetTable, check_budget
from ocop.budget.checks import table_figure
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.figures import (
    Figure,
    Hedge,
    Interval,
    Outcome,
    compare,
    compare_at_most,
    rounding_interval,
)
from ocop.findings import Finding, Localized, Proven, finding, proven
from ocop.money import Unit, exact_decimal, format_decimal
from ocop.reports.model import Document, MeasureKind, Placed, Section, measure_of
from ocop.serialize import Serialized
from ocop.text import fold

__all__ = ["DocumentCheck", "check_document"]


@attrs.frozen(slots=True)
class DocumentCheck(Displayable, Serialized):
    """Findings on one document, most serious first, and the checks that held."""

    document_id: str
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]

    _json_names: ClassVar = {"document_id": "document", "proven": "reconciled"}


def check_document(document: Document) -> DocumentCheck:
    """Run every check on ``document`` (see the module docstring)."""
    if not isinstance(document, Document):
        raise InvalidInput(f"check_document() takes a Document, not {type(document).__name__}")
    out = _Out(document)
    for section in document.sections:
        placed = list(section.walk())
        for p in placed:  # parents come first: a remainder is resolved before it is used
            out.breakdown(section, p, [k for k in placed if k.parent is p])
        for p in placed:
            out.rate(section, p)
            out.period(section, p)
        for p in placed:
            if p.quantity.parts:
                out.shares(section, p, [k for k in placed if k.parent is p])
        for p in placed:
            base = p.quantity.share_of
            if p.quantity.share is not None and base is not None:
                out.share(section, p, document.find(section, base))
        out.tables(section)
    out.stated_twice()
    findings = sorted(out.findings, key=lambda f: -f.severity.rank)
    return DocumentCheck(document.id, tuple(findings), tuple(out.proven))


# --- writing figures -------------------------------------------------------------------------

Lang = str  # "vi" or "en"
Field = str | Callable[[Lang], str]


def _number(value: Fraction, lang: Lang) -> str:
    exact = exact_decimal(value)
    if exact is None or -exact.as_tuple().exponent > 4:  # type: ignore[operator]
        exact = Decimal(round(value * 10_000)) / 10_000
    return format_decimal(exact.normalize() if exact == exact.to_integral() else exact, locale=lang)


def _in_unit(interval: Interval, p: Placed, lang: Lang) -> str:
    m = p.measure
    shown = interval.scale(Fraction(1, m.factor)).show(lambda v: _number(v, lang))
    return shown + _unit_word(p, lang, computed=True)


def _unit_word(p: Placed, lang: Lang, *, computed: bool) -> str:
    """The unit after a figure: in Vietnamese as the document prints it; in English the
    library's words for money, points and percent, and the counted noun as printed after a
    printed figure only (the noun is the document's word: a figure the library computed is
    written without it, next to the printed figures that name it)."""
    kind = p.measure.kind
    if kind is MeasureKind.PERCENT:
        return "%"
    if lang == "vi":
        return f" {p.unit}"
    if kind is MeasureKind.POINTS:
        return " points"
    if kind is MeasureKind.MONEY:
        return f" {Unit.parse(p.unit).label_en}"
    if not computed:  # a count or a rate: its noun as printed
        return f" {p.unit}"
    if kind is MeasureKind.RATE:
        return f" {Unit.parse(p.unit.partition('/')[0]).label_en} each"
    return ""


def _pct(interval: Interval, lang: Lang) -> str:
    return interval.show(lambda v: _number(v, lang)) + "%"


#: The whole a claim states, as a message names it beside a source.
_TOTAL: Final = Localized("Tổng", "the total")


def _printed(figure: Figure, lang: Lang) -> str:
    if figure.words is not None:
        return figure.words
    return figure.show(lambda v: format_decimal(v, locale=lang), lang)


def _said(fields: dict[str, Field]) -> dict[str, Any]:
    """Each field as each language writes it (numbers the Vietnamese or English way)."""
    return {k: Localized(_text(v, "vi"), _text(v, "en")) for k, v in fields.items()}


@attrs.define
class _Out:
    document: Document
    findings: list[Finding] = attrs.Factory(list)
    proven: list[Proven] = attrs.Factory(list)
    values: dict[tuple[str, str], Interval] = attrs.Factory(dict)
    placed: list[tuple[Section, Placed]] = attrs.Factory(list)

    # -- output --

    def where(self, section: Section, p: Placed) -> str:
        place = f" ({p.where})" if p.where else ""
        return f"{self.document.id} › {section.id} › {p.id}{place}"

    def add(
        self,
        code: str,
        location: str,
        expected: Field,
        actual: Field,
        quote: str | None,
        **fields: Field,
    ) -> None:
        self.findings.append(
            finding(
                code,
                location,
                _text(expected, "vi"),
                _text(actual, "vi"),
                quote=quote,
                **_said(fields),
            )
        )

    def holds(self, code: str, location: str, value: Field, **fields: Field) -> None:
        self.proven.append(proven(code, location, _text(value, "vi"), **_said(fields)))

    # -- values --

    def value(self, section: Section, p: Placed) -> Interval:
        """The true values the printed figures allow, in đồng for money."""
        key = (section.id, p.id)
        if key in self.values:
            return self.values[key]
        q = p.quantity
        if q.figure is not None and q.figure.hedge is not Hedge.REMAINDER:
            found = q.figure.interval(p.measure.factor)
        elif q.rate is not None:
            found = _product(q.rate.count, q.rate.each, q.rate.unit)
        elif q.share_only and q.share is not None:
            # "67,3% sản phẩm 3 sao": that share (as rounded when printed) of its base.
            found = _percent(q.share).times(self.value(section, self.base(section, p)))
        else:
            found = Interval(Fraction(0), None)  # a remainder whose total says nothing
        self.values[key] = found
        return found

    def base(self, section: Section, p: Placed) -> Placed:
        """What ``p``'s share is of: ``share_of`` when named, else its total."""
        if p.quantity.share_of is not None:
            return self.document.find(section, p.quantity.share_of)
        assert p.parent is not None  # the document refuses a top-level share without a base
        return p.parent

    def shown(self, section: Section, p: Placed) -> Field:
        q = p.quantity
        if q.figure is not None and q.figure.hedge is not Hedge.REMAINDER:
            figure = q.figure
            return lambda lang: _printed(figure, lang) + _unit_after(figure, p, lang)
        interval = self.value(section, p)
        return lambda lang: _in_unit(interval, p, lang)

    # -- a total and its parts --

    def breakdown(self, section: Section, p: Placed, kids: list[Placed]) -> None:
        if not kids:
            return
        total = self.value(section, p)
        rest = [k for k in kids if k.quantity.is_remainder]
        others = [k for k in kids if not k.quantity.is_remainder]
        added = Interval.total(self.value(section, k) for k in others)
        parts = _join([self.shown(section, k) for k in others])
        where, quote = self.where(section, p), p.quote
        fields: dict[str, Field] = {
            "parts": parts,
            "sum": lambda lang: _in_unit(added, p, lang),
            "total": self.shown(section, p),
        }
        if rest:
            verdict = compare_at_most(added, total)
            self.values[(section.id, rest[0].id)] = verdict.left
            fields |= {
                "name": rest[0].quantity.figure.words or rest[0].id,  # type: ignore[union-attr]
                "left": lambda lang: _in_unit(verdict.left, p, lang),
            }
            if verdict.outcome is Outcome.WRONG:
                self.add(
                    "parts_exceed_total", where, fields["total"], fields["sum"], quote, **fields
                )
            elif verdict.outcome is Outcome.HOLDS:
                self.holds("remainder", where, fields["left"], **fields)
            else:
                self.add(
                    "remainder_undecided", where, fields["total"], fields["sum"], quote, **fields
                )
            return
        if p.quantity.parts_complete or _stars_cover(p, kids):
            verdict = compare(added, total)
            fields["left"] = lambda lang: _in_unit(verdict.left, p, lang)
            if verdict.outcome is Outcome.HOLDS:
                self.holds("parts_sum", where, fields["sum"], **fields)
            elif verdict.outcome is Outcome.WRONG:
                self.add("sum_mismatch", where, fields["total"], fields["sum"], quote, **fields)
            else:
                self.add("sum_undecided", where, fields["total"], fields["sum"], quote, **fields)
            return
        # "trong đó": some of the whole.  Parts that cannot overlap add up; others may share.
        together = added if _disjoint(others) else _largest(self.value(section, k) for k in others)
        fields["sum"] = lambda lang: _in_unit(together, p, lang)
        verdict = compare_at_most(together, total)
        if verdict.outcome is Outcome.WRONG:
            self.add("parts_exceed_total", where, fields["total"], fields["sum"], quote, **fields)
        elif verdict.outcome is Outcome.HOLDS:
            self.holds("parts_within_total", where, fields["sum"], **fields)
        else:
            self.add(
                "parts_within_undecided", where, fields["total"], fields["sum"], quote, **fields
            )

    # -- shares --

    def share(self, section: Section, p: Placed, base: Placed) -> Outcome | None:
        printed = p.quantity.share
        assert printed is not None
        exact = self._exact(section, p, base)
        where, quote = self.where(section, p), p.quote
        percent = "" if printed.words else "%"

        def stated(lang: Lang) -> str:
            return _printed(printed, lang) + percent

        if exact is None:
            self.add("share_unchecked", where, None, stated, quote, stated=stated)  # type: ignore[arg-type]
            return None
        verdict = compare(exact, _percent(printed).scale(100))
        fields: dict[str, Field] = {
            "stated": stated,
            "part": self.shown(section, p),
            "whole": self.shown(section, base),
            "exact": lambda lang: _pct(exact, lang),
        }
        if verdict.outcome is Outcome.HOLDS:
            self.holds("share", where, stated, **fields)
        elif verdict.outcome is Outcome.WRONG:
            self.add("share_mismatch", where, stated, fields["exact"], quote, **fields)
        else:
            self.add("share_undecided", where, stated, fields["exact"], quote, **fields)
        return verdict.outcome

    def _exact(self, section: Section, p: Placed, base: Placed) -> Interval | None:
        """The share of ``base`` that ``p`` is, in percent, as its figures allow."""
        return self.value(section, p).scale(100).over(self.value(section, base))

    def shares(self, section: Section, p: Placed, kids: list[Placed]) -> None:
        # A part printed as a share alone is that share by definition: only its sum is checked.
        shared = [
            k
            for k in kids
            if k.quantity.share is not None
            and k.quantity.share_of is None
            and not k.quantity.share_only
        ]
        if not shared:
            return
        complete = (
            p.quantity.parts_complete
            or _stars_cover(p, kids)
            or any(k.quantity.is_remainder for k in kids)
        )
        printed = [k.quantity.share for k in shared]
        exact_printed = all(f is not None and f.hedge is Hedge.EXACT for f in printed)
        if not (complete and len(shared) == len(kids) and exact_printed):
            for k in shared:
                self.share(section, k, p)
            return
        values = [f.values[0] for f in printed if f is not None]
        before = len(self.findings)
        outcomes = [self.share(section, k, p) for k in shared]
        wrong = [k for k, o in zip(shared, outcomes, strict=True) if o is Outcome.WRONG]

        def listing(lang: Lang) -> str:
            return " + ".join(f"{format_decimal(v, locale=lang)}%" for v in values)

        where, quote = self.where(section, p), p.quote
        if wrong and sum(values) == 100 and self._forced(section, p, shared, values):
            # Rounded shares made to add to 100% (the last one adjusted): a practice, not an error.
            mismatches = self.findings[before:]
            self.findings[before:] = [f for f in mismatches if f.code != "share_mismatch"]
            # Each share the document adjusted, with its exact value, in each language.
            exact = [
                (self.where(section, k).rsplit(" › ", 1)[-1], share)
                for k in wrong
                if (share := self._exact(section, k, p)) is not None
            ]

            def adjusted(lang: Lang) -> str:
                return "; ".join(f"{place}: {_pct(share, lang)}" for place, share in exact)

            self.add(
                "shares_forced_to_100",
                where,
                "100%",
                "100%",
                quote,
                shares=listing,
                adjusted=adjusted,
            )
            return
        intervals = Interval.total(rounding_interval(v) for v in values)
        hundred = Interval.point(100)
        if compare(hundred, intervals).outcome is Outcome.WRONG:
            total = sum(values)

            def added(lang: Lang) -> str:
                return f"{format_decimal(total, locale=lang)}%"

            self.add("shares_do_not_total", where, "100%", added, quote, shares=listing, sum=added)
        else:
            self.holds("shares_total", where, "100%", shares=listing)

    def _forced(
        self, section: Section, p: Placed, kids: list[Placed], values: list[Decimal]
    ) -> bool:
        whole = self.value(section, p).exact
        exact = [self.value(section, k).exact for k in kids]
        if whole is None or whole == 0 or any(e is None for e in exact):
            return False
        ulp = min(Fraction(1, 10 ** _decimals(v)) for v in values)
        rounded = [
            _round_half_up(100 * e / whole, _decimals(v))
            for e, v in zip(exact, values, strict=True)
            if e is not None
        ]
        off = sum(abs(Fraction(v) - r) for v, r in zip(values, rounded, strict=True))
        return sum(rounded) != 100 and off <= len(values) * ulp

    # -- rates, periods --

    def rate(self, section: Section, p: Placed) -> None:
        q = p.quantity
        if q.rate is None:
            return
        rate = q.rate
        product = _product(rate.count, rate.each, rate.unit)
        each = measure_of(rate.unit)
        # The amount each is in the message's language; what it is counted per, as printed.
        unit = Unit.parse(rate.unit).label_en if each.kind is MeasureKind.MONEY else each.label
        fields: dict[str, Field] = {
            "count": lambda lang: f"{_printed(rate.count, lang)} {rate.per}",
            "each": lambda lang: (
                f"{_printed(rate.each, lang)} {unit if lang == 'en' else each.label}"
            ),
            "product": lambda lang: _in_unit(product, p, lang),
        }
        where = self.where(section, p)
        if q.figure is None:
            return  # the amount is the product itself
        fields["stated"] = self.shown(section, p)
        verdict = compare(product, self.value(section, p))
        if verdict.outcome is Outcome.HOLDS:
            self.holds("rate", where, fields["product"], **fields)
        elif verdict.outcome is Outcome.WRONG:
            self.add("rate_mismatch", where, fields["product"], fields["stated"], p.quote, **fields)
        else:
            self.add(
                "rate_undecided", where, fields["product"], fields["stated"], p.quote, **fields
            )

    def period(self, section: Section, p: Placed) -> None:
        q = p.quantity
        if p.parent is None or (q.year is None and q.period is None):
            return
        whole, part = p.parent.years, p.years
        if whole is None or part is None:
            return
        fields: dict[str, Field] = {"name": p.id, "part": _years(part), "whole": _years(whole)}
        where = self.where(section, p)
        if whole[0] <= part[0] and part[1] <= whole[1]:
            self.holds("period_within_total", where, _years(part), **fields)
        else:
            self.add("period_outside_total", where, _years(whole), _years(part), p.quote, **fields)

    # -- tables, and the same quantity twice --

    def tables(self, section: Section) -> None:
        if not section.tables:
            return
        years = None if section.period is None else (section.period.start, section.period.end)
        report = check_budget(Budget(tables=section.tables), period=years)
        prefix = f"{self.document.id} › {section.id} › "
        self.findings += [attrs.evolve(f, location=prefix + f.location) for f in report.findings]
        self.proven += [attrs.evolve(p, location=prefix + p.location) for p in report.proven]
        # The section's prose against its tables: the total, and each source's total.
        for p in section.walk():
            top = p if p.parent is None else p.parent
            plain = all(v is None for k, v in top.facets if k != "source")
            if p.measure.kind is not MeasureKind.MONEY or top.parent is not None or not plain:
                continue
            if p.parent is not None and p.quantity.source is None:
                continue
            for table in (t.build() for t in section.tables):
                self._against_table(section, p, table)

    def _against_table(self, section: Section, p: Placed, table: BudgetTable) -> None:
        found = table_figure(table, p.quantity.source if p.parent is not None else None)
        if found is None or p.quantity.is_remainder:
            return
        figure, _how = found
        source = p.quantity.source if p.parent else None
        name = _TOTAL if source is None else source.named
        fields: dict[str, Field] = {
            "name": lambda lang: name.vi if lang == "vi" else name.en,
            "stated": self.shown(section, p),
            "table": table.id,
            "figure": lambda lang: _in_unit(Interval.point(figure), p, lang),
        }
        where = f"{self.where(section, p)} ↔ {table.id}"
        verdict = compare(Interval.point(figure), self.value(section, p))
        if verdict.outcome is Outcome.WRONG:
            self.add("table_mismatch", where, fields["figure"], fields["stated"], p.quote, **fields)
        else:
            self.holds("matches_table", where, fields["figure"], **fields)

    def stated_twice(self) -> None:
        groups: dict[tuple[Any, ...], list[tuple[Section, Placed]]] = defaultdict(list)
        for section in self.document.sections:
            for p in section.walk():
                key = _key(section, p)
                if p.parent is not None and key == _key(section, p.parent):
                    continue  # a part that says nothing of its own (one line of a sum)
                groups[key].append((section, p))
        for members in groups.values():
            for (sa, a), (sb, b) in combinations(members, 2):
                if sa is sb and ((a.parent is not None and a.parent is b.parent) or _related(a, b)):
                    continue
                self._twice(sa, a, sb, b)

    def _twice(self, sa: Section, a: Placed, sb: Section, b: Placed) -> None:
        fields: dict[str, Field] = {
            "first": self.shown(sa, a),
            "second": self.shown(sb, b),
            "first_where": self.where(sa, a),
            "second_where": self.where(sb, b),
        }
        verdict = compare(self.value(sa, a), self.value(sb, b))
        where = f"{self.where(sa, a)} ↔ {self.where(sb, b)}"
        quote = a.quote if a.quote == b.quote else " / ".join(q for q in (a.quote, b.quote) if q)
        if verdict.outcome is Outcome.HOLDS and self.value(sb, b).exact is not None:
            self.holds("stated_twice", where, fields["first"], **fields)
        elif verdict.outcome is Outcome.WRONG:
            self.add(
                "stated_twice_differ",
                where,
                fields["first"],
                fields["second"],
                quote or None,
                **fields,
            )
        else:
            self.add(
                "stated_twice_undecided",
                where,
                fields["first"],
                fields["second"],
                quote or None,
                **fields,
            )


def _text(value: Field | None, lang: Lang) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else value(lang)


def _join(fields: list[Field]) -> Field:
    return lambda lang: " + ".join(_text(f, lang) for f in fields)


def _unit_after(figure: Figure, p: Placed, lang: Lang) -> str:
    return "" if figure.words is not None else _unit_word(p, lang, computed=False)


def _percent(share: Figure) -> Interval:
    """A printed share as a fraction of its base: an exact share is as rounded when printed."""
    printed = rounding_interval(share.values[0]) if share.hedge is Hedge.EXACT else share.interval()
    return printed.scale(Fraction(1, 100))


def _product(count: Figure, each: Figure, unit: str) -> Interval:
    return count.interval().times(each.interval(measure_of(unit).factor))


def _largest(intervals: Iterable[Interval]) -> Interval:
    """What parts that may overlap count together: at least the largest, at most their sum."""
    given = list(intervals)
    lows = [i.lo or Fraction(0) for i in given]
    highs = [i.hi for i in given]
    high = None if None in highs else sum((h for h in highs if h is not None), Fraction(0))
    return Interval(max(lows), high)


def _years(span: tuple[int, int]) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _round_half_up(value: Fraction, decimals: int) -> Fraction:
    scaled = value * 10**decimals
    return Fraction(
        int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2)),
        10**decimals,
    )


def _stars_cover(p: Placed, kids: list[Placed]) -> bool:
    """Parts by star that cover, without overlap, the whole star range of their total."""
    whole = p.facet("stars")
    spans = sorted((k.quantity.stars.min, k.quantity.stars.max) for k in kids if k.quantity.stars)
    if whole is None or len(spans) != len(kids) or not spans:
        return False
    if spans[0][0] != whole.min or spans[-1][1] != whole.max:
        return False
    return all(a[1] + 1 == b[0] for a, b in pairwise(spans))


def _disjoint(parts: list[Placed]) -> bool:
    """The parts cannot count the same thing twice: they differ on one facet that partitions."""
    if len(parts) < 2:
        return True
    own = [p.quantity for p in parts]
    stars = [q.stars for q in own]
    if all(s is not None for s in stars):
        spans = sorted((s.min, s.max) for s in stars if s is not None)
        if all(a[1] < b[0] for a, b in pairwise(spans)):
            return True
    for name in ("district", "commune", "group", "subject_kind", "year"):
        values = [getattr(q, name) for q in own]
        if all(v is not None for v in values) and len(set(values)) == len(values):
            return True
    sources = [q.source for q in own if q.source is not None]
    if len(sources) == len(own) and len(set(sources)) == len(sources):
        return not any(
            a in b.ancestors() or b in a.ancestors() for a, b in combinations(sources, 2)
        )
    return False


def _key(section: Section, p: Placed) -> tuple[Any, ...]:
    area = (section.area.province, section.area.district, section.area.commune)
    as_of: date | None = section.as_of
    return (fold(p.what), p.measure.kind, p.measure.noun, p.facets, p.years, area, as_of)


def _related(a: Placed, b: Placed) -> bool:
    return a in tuple(b.ancestors()) or b in tuple(a.ancestors())
