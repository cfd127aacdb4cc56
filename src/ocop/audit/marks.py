"""Property 2: the per-star marks of every sheet, set against the score bands.

For each sheet and star *s* (3, 4, 5) the audit computes, exactly, the lowest
and highest total of a card that meets every minimum of *s* (cumulative:
``ocop.stars.requirements``), with a witness card for each; and which stars
1–5 some card can be ranked at.  "Ranked" is the library's rule: the star is
the lower of the band star and the highest star whose marks the card meets.

The cards counted tick one printed option on every criterion (the sheet's
"phiếu": each criterion is answered), take one tourism case throughout (sheet
#26, docs/decisions/scoresheets.md), and are not knocked out by a rule that
applies from the scores alone (sheet #16: 0 points on 6.1–6.4).  Set
``allow_unticked`` to count cards that leave criteria unticked (0 points), as
:class:`~ocop.criteria.Scorecard` allows.

The computation is a dynamic programme over criteria whose state is (the
highest star whose marks the card still meets, the set of totals reachable),
the totals held as the bits of an int: no sampling, no floats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import ClassVar

import attrs

from ocop import (
    stars as _stars,  # _stars.MARKED_STARS, _stars.RECOGNISED_STARS: read from the data on use
)
from ocop.arguments import flag, integer, same_kind
from ocop.audit.bands import STARS
from ocop.audit.report import Checked, rules_of, sheet_numbers
from ocop.criteria.model import Node, Scoresheet
from ocop.criteria.scoring import Scorecard
from ocop.criteria.versions import scoresheets
from ocop.errors import InconsistentData, NotFound
from ocop.findings import Finding, Localized, Severity, finding, proven
from ocop.law import Citation, Regime
from ocop.regulations import Regulation
from ocop.serialize import Serialized
from ocop.stars import MAX_POINTS, band_of, band_star, knockout_rules, requirements
from ocop.text import show

__all__ = ["Card", "SheetMarks", "StarBounds", "check", "sheet_marks", "solve"]

LEGEND = "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao"

# A criterion's answers: (option index or None for unticked, points, highest star it allows).
_Answer = tuple[int | None, int, int]


@attrs.frozen(slots=True, kw_only=True)
class Card(Serialized):
    """A card the audit found: the option ticked on every criterion, and its total."""

    regulation: Regime
    sheet: int
    product_set: str
    choices: tuple[tuple[str, int | None], ...]
    total: int

    _json_hide: ClassVar = ("regulation", "sheet", "product_set")
    _json_as: ClassVar = {"choices": "_choices"}

    def _choices(self) -> Mapping[str, int | None]:
        return dict(self.choices)

    def scorecard(self) -> Scorecard:
        """The card as a :class:`~ocop.criteria.Scorecard` (to score or classify it)."""
        return Scorecard(
            regulation=self.regulation, product_set=self.product_set, choices=dict(self.choices)
        )


@attrs.frozen(slots=True, kw_only=True)
class StarBounds(Serialized):
    """What meeting every mark of ``star`` allows on one sheet.

    ``requirements`` counts the criteria with a minimum for the star (marks of
    lower stars carry up); ``printed_marks`` the options printed with exactly
    this star's mark.  ``min_total``/``max_total`` are the exact extremes of a
    card meeting every minimum (``None`` when no card can), ``lowest`` and
    ``highest`` a card attaining each.  ``band_low`` is the star's band floor.
    """

    star: int
    requirements: int
    printed_marks: int
    band_low: int
    min_total: int | None
    max_total: int | None
    lowest: Card | None
    highest: Card | None


@attrs.frozen(slots=True, kw_only=True)
class SheetMarks(Serialized):
    """One sheet's marks against the bands: bounds per star, reachable stars, witnesses."""

    regulation: Regime
    sheet: int
    product_set: str
    name: str
    stars: tuple[StarBounds, ...]
    reachable: tuple[int, ...]
    witnesses: tuple[Card, ...]
    floor: int | None
    citation: Citation

    _json_hide: ClassVar = ("regulation", "citation")
    _json_as: ClassVar = {"witnesses": "_witnesses"}

    def _witnesses(self) -> Mapping[int, Card]:
        return dict(zip(self.reachable, self.witnesses, strict=True))

    def bounds(self, star: int) -> StarBounds:
        star = integer(star, "star")
        for b in self.stars:
            if b.star == star:
                return b
        raise NotFound(f"star marks are 3, 4 or 5, got {show(star)}", star=show(star))

    def witness(self, star: int) -> Card:
        """A card ranked at ``star`` (NotFound when no card is)."""
        star = integer(star, "star")
        for s, card in zip(self.reachable, self.witnesses, strict=True):
            if s == star:
                return card
        raise NotFound(f"no card on sheet #{self.sheet} is ranked {show(star)}★", star=show(star))


def sheet_marks(
    regulation: Regime | str | Regulation, *, allow_unticked: bool = False
) -> tuple[SheetMarks, ...]:
    """Every encoded sheet's marks against the bands (NotEncoded when the sheets are not)."""
    return _sheet_marks(rules_of(regulation), flag(allow_unticked, "allow_unticked"))


@cache
def _sheet_marks(rules: Regulation, allow_unticked: bool) -> tuple[SheetMarks, ...]:
    return tuple(
        solve(s, allow_unticked=allow_unticked, regulation=rules)
        for s in scoresheets(regulation=rules)
    )


def solve(
    sheet: Scoresheet, *, allow_unticked: bool = False, regulation: Regulation | None = None
) -> SheetMarks:
    """The exact bounds and reachable stars of one sheet (see the module docstring), against
    the bands of ``regulation`` (default: the encoded version the sheet belongs to)."""
    sheet = same_kind(sheet, Scoresheet, "sheet")
    allow_unticked = flag(allow_unticked, "allow_unticked")
    rules: Regime | Regulation = sheet.regulation if regulation is None else regulation
    reqs = requirements(sheet)
    need = {s: {r.criterion: r.points for r in reqs.get(s, ())} for s in _stars.MARKED_STARS}
    knocked = {c for rule in knockout_rules(sheet).values() for c in rule.zero_points_on}
    bands = [band_star(min(t, MAX_POINTS), rules) for t in range(MAX_POINTS + 1)]
    found = {o.case for n in sheet.criteria() for o in n.options if o.case is not None}
    cases: list[int | None] = [*sorted(found)] or [None]
    runs = [_Run(sheet, case, need, knocked, allow_unticked) for case in cases]

    stars = []
    for s in _stars.MARKED_STARS:
        # The first case (in order) attaining each extreme gives the witness.
        lows = [(t, i) for i, r in enumerate(runs) if (t := r.lowest(s)) is not None]
        highs = [(t, -i) for i, r in enumerate(runs) if (t := r.highest(s)) is not None]
        low, high = min(lows, default=None), max(highs, default=None)
        stars.append(
            StarBounds(
                star=s,
                requirements=len(reqs.get(s, ())),
                printed_marks=sum(o.min_star == s for n in sheet.criteria() for o in n.options),
                band_low=band_of(s, rules).low,
                min_total=None if low is None else low[0],
                max_total=None if high is None else high[0],
                lowest=None if low is None else runs[low[1]].card(s, low[0]),
                highest=None if high is None else runs[-high[1]].card(s, high[0]),
            )
        )
    reachable: dict[int, Card] = {}
    for run in runs:
        for star, (level, total) in run.ranked(bands).items():
            reachable.setdefault(star, run.trace(level, total))
    floors = [f for f in (r.floor() for r in runs) if f is not None]
    return SheetMarks(
        regulation=sheet.regulation,
        sheet=sheet.number,
        product_set=sheet.product_set,
        name=sheet.name,
        stars=tuple(stars),
        reachable=tuple(sorted(reachable)),
        witnesses=tuple(reachable[s] for s in sorted(reachable)),
        floor=min(floors, default=None),
        citation=sheet.citation,
    )


class _Run:
    """The programme for one sheet under one tourism case (or none)."""

    def __init__(
        self,
        sheet: Scoresheet,
        case: int | None,
        need: Mapping[int, Mapping[str, int]],
        knocked: set[str],
        allow_unticked: bool,
    ) -> None:
        self.sheet = sheet
        self.codes = sheet.leaves
        self.answers = [
            _answers(sheet.nodes[c], case, need, c in knocked, allow_unticked) for c in self.codes
        ]
        states: list[dict[int, int]] = [{_stars.MARKED_STARS[-1]: 1}]
        for answers in self.answers:
            new: dict[int, int] = {}
            for level, bits in states[-1].items():
                for _, points, allows in answers:
                    key = min(level, allows)
                    new[key] = new.get(key, 0) | (bits << points)
            states.append(new)
        self.states = states

    @property
    def final(self) -> Mapping[int, int]:
        return self.states[-1]

    def _meeting(self, star: int) -> int:
        bits = 0
        for level, b in self.final.items():
            if level >= star:
                bits |= b
        return bits

    def lowest(self, star: int) -> int | None:
        bits = self._meeting(star)
        return (bits & -bits).bit_length() - 1 if bits else None

    def highest(self, star: int) -> int | None:
        bits = self._meeting(star)
        return bits.bit_length() - 1 if bits else None

    def floor(self) -> int | None:
        return self.lowest(min(self.final, default=_stars.MARKED_STARS[-1]))

    def card(self, star: int, total: int) -> Card:
        level = min(lv for lv, b in self.final.items() if lv >= star and b >> total & 1)
        return self.trace(level, total)

    def ranked(self, bands: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Star → (level, total) of the lowest-total card ranked at it."""
        found: dict[int, tuple[int, int]] = {}
        for level in sorted(self.final):
            bits, total = self.final[level], 0
            while bits:
                if bits & 1:
                    star = min(bands[min(total, MAX_POINTS)], level)
                    if star not in found or total < found[star][1]:
                        found[star] = (level, total)
                bits >>= 1
                total += 1
        return found

    def trace(self, level: int, total: int) -> Card:
        """A card ending in (``level``, ``total``), walked back through the states."""
        picks: list[int | None] = []
        for i in range(len(self.answers) - 1, -1, -1):
            before = self.states[i]
            for index, points, allows in self.answers[i]:
                rest = total - points
                if rest < 0:
                    continue
                came = [
                    lv
                    for lv in sorted(before)
                    if min(lv, allows) == level and before[lv] >> rest & 1
                ]
                if came:
                    picks.append(index)
                    total, level = rest, came[0]
                    break
            else:  # pragma: no cover - the states hold only reachable pairs
                raise InconsistentData(f"sheet #{self.sheet.number}: no card reaches {total}")
        choices = tuple(zip(self.codes, reversed(picks), strict=True))
        return Card(
            regulation=self.sheet.regulation,
            sheet=self.sheet.number,
            product_set=self.sheet.product_set,
            choices=choices,
            total=sum(_points(self.sheet, c, i) for c, i in choices),
        )


def _answers(
    node: Node,
    case: int | None,
    need: Mapping[int, Mapping[str, int]],
    knocked: bool,
    allow_unticked: bool,
) -> list[_Answer]:
    def allows(points: int) -> int:
        level = 2  # stars 1 and 2 have no marks
        for s in _stars.MARKED_STARS:
            if points < need[s].get(node.code, 0):
                break
            level = s
        return level

    found: list[_Answer] = [
        (o.index, o.points, allows(o.points)) for o in node.options if o.case in (None, case)
    ]
    if allow_unticked:
        found.append((None, 0, allows(0)))
    # A card scoring 0 here is knocked out (sheet #16), so it is never ranked.
    return [a for a in found if not (knocked and a[1] == 0)]


def _points(sheet: Scoresheet, code: str, index: int | None) -> int:
    return 0 if index is None else sheet.nodes[code].options[index].points


# --------------------------------------------------------------------------- the property


def _below_band(b: StarBounds) -> bool:
    return b.min_total is not None and b.min_total < b.band_low


def _where(sm: SheetMarks) -> str:
    return f"{sm.regulation.value} Phụ lục II, bộ số {sm.sheet}"


def _legend(regime: Regime) -> Citation:
    return Citation(regime.value, phu_luc="II", detail=f"Ghi chú: {LEGEND}")


def check(regulation: Regime | str | Regulation) -> Checked:
    rules = rules_of(regulation)  # a draft is checked against its own bands and marks
    regime = rules.regime
    version = rules.sheets
    if not version.encoded:
        return (
            (
                finding(
                    "star_marks_not_encoded",
                    str(version.citation),
                    "the regulation's scoresheets and their star marks",
                    "not encoded",
                    citations=[version.citation, version.bands_citation],
                    regulation=regime.value,
                    missing=str(version.missing),
                ),
            ),
            (),
        )
    findings: list[Finding] = []
    try:
        sheets = sheet_marks(rules)
    except InconsistentData as err:  # requirements() refuses marks that fall as stars rise
        return (
            (
                finding(
                    "star_marks_inverted",
                    str(err.context.get("sheet", version.citation)),
                    "higher star marks on options worth at least as much",
                    err.message,
                    citations=[version.citation, _legend(regime)],
                    problem=err.message,
                ),
            ),
            (),
        )
    bands_cite = version.bands_citation
    printed = reachable = fit = 0
    for sm in sheets:
        where = _where(sm)
        for b in sm.stars:
            if b.printed_marks:
                printed += 1
            else:
                findings.append(_no_mark(sm, b, regime))
            nxt = b.star + 1
            if nxt <= _stars.MARKED_STARS[-1] and b.min_total is not None:
                ceiling = band_of(nxt, rules).low
                if b.min_total >= ceiling:
                    findings.append(_forced(sm, b, ceiling, bands_cite, regime))
                else:
                    fit += 1
        for s in STARS:
            if s in sm.reachable:
                reachable += 1
            else:
                findings.append(_unreachable(sm, s, where, bands_cite, regime))
    for s in _stars.MARKED_STARS:
        below = [sm for sm in sheets if _below_band(sm.bounds(s))]
        if below:
            findings.append(_below(below, s, bands_cite, regime))
    count = len(sheets)
    where = f"{version.citation}, {count} sheets"
    held = [
        proven(
            "star_marks_printed",
            where,
            printed,
            count=printed,
            pairs=count * len(_stars.MARKED_STARS),
        ),
        proven("star_marks_fit_band", where, fit, count=fit),
        proven("star_reachable", where, reachable, count=reachable, pairs=count * len(STARS)),
    ]
    return tuple(findings), tuple(p for p in held if p.value)


def _no_mark(sm: SheetMarks, b: StarBounds, regime: Regime) -> Finding:
    stars = "*" * b.star
    return finding(
        "no_star_mark",
        _where(sm),
        f"at least one {stars} mark",
        "none printed",
        citations=[sm.citation, _legend(regime)],
        sheet=sm.sheet,
        name=sm.name,
        marks=stars,
        star=b.star,
        requirements=b.requirements,
    )


def _forced(sm: SheetMarks, b: StarBounds, ceiling: int, cite: Citation, regime: Regime) -> Finding:
    return finding(
        "star_marks_force_higher_band",
        _where(sm),
        f"< {ceiling}",
        b.min_total,
        citations=[sm.citation, _legend(regime), cite],
        sheet=sm.sheet,
        marks="*" * b.star,
        least=str(b.min_total),
        star=b.star,
        ceiling=ceiling,
    )


def _unreachable(sm: SheetMarks, star: int, where: str, cite: Citation, regime: Regime) -> Finding:
    recognised = star in _stars.RECOGNISED_STARS
    floor = Localized(
        "" if sm.floor is None else f"; tổng điểm thấp nhất của một phiếu là {sm.floor}",
        "" if sm.floor is None else f"; the lowest total of a card is {sm.floor}",
    )
    return finding(
        "star_unreachable",
        where,
        f"some card ranked {star}★",
        "none",
        severity=Severity.ERROR if recognised else Severity.INFO,
        citations=[sm.citation, cite, _legend(regime)],
        sheet=sm.sheet,
        name=sm.name,
        star=star,
        floor=floor,
    )


def _below(sheets: Sequence[SheetMarks], star: int, cite: Citation, regime: Regime) -> Finding:
    mins = sorted((sm.bounds(star).min_total or 0, sm.sheet) for sm in sheets)
    (lo, lo_sheet), (hi, hi_sheet) = mins[0], mins[-1]
    low = sheets[0].bounds(star).band_low
    numbers = sheet_numbers([sm.sheet for sm in sheets])
    stars = "*" * star
    return finding(
        "star_marks_below_band",
        f"{regime.value} Phụ lục II, bộ số {numbers}",
        low,
        hi,
        citations=[cite, _legend(regime)],
        sheets=len(sheets),
        marks=stars,
        low=str(low),
        lowest=str(lo),
        lowest_sheet=lo_sheet,
        highest=str(hi),
        highest_sheet=hi_sheet,
        star=star,
    )
