"""Property 4: what changes star when the law changes, for each pair of consecutive regimes.

The audit of a regulation compares it with the regime before it and the one
after it (:func:`ocop.law.regimes`).  Three things are compared where the
library holds them:

- **bands**: every total from 0 to 100 in steps of 0.01 (10,001 totals, the
  precision a council's average is shown with) is ranked by
  :func:`ocop.stars.band_star` under both regimes; the totals whose star
  changes are counted, with examples, and so are the totals that fall in no
  printed band under one regime and in one under the other;
- **part maxima** (Part A / B / C): a change means a card carried over
  unchanged would score differently, which cannot be computed without both
  regimes' sheets;
- **scorecards**, where both regimes' sheets are encoded: for each product set
  whose criteria and options carry over, a systematic sample of cards (every
  criterion at its k-th option for each k, and each option of each criterion
  with the others at their best) is ranked under both, and the cards that
  change star are counted.  Where a sheet set is missing, an info finding
  names what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cache

import attrs

from ocop.arguments import items, same_kind
from ocop.audit.report import Checked, resolve, said_number
from ocop.criteria.model import Scoresheet
from ocop.criteria.versions import SheetVersion, scoresheets, sheet_version
from ocop.findings import Finding, Localized, Proven, finding, proven
from ocop.law import Citation, Regime, regimes
from ocop.stars import band_star, knockout_rules, requirements

__all__ = ["CardChange", "check", "compare_cards", "pairs", "sample_totals"]

#: Totals compared: 0 to 100 in hundredths.
STEPS = 10_000
EXAMPLES = 5


def sample_totals() -> tuple[Fraction, ...]:
    return tuple(Fraction(k, STEPS // 100) for k in range(STEPS + 1))


def pairs(regulation: Regime | str) -> tuple[tuple[Regime, Regime], ...]:
    """The consecutive (older, newer) regime pairs that involve ``regulation``."""
    regime = resolve(regulation)
    order = [span.regulation for span in regimes()]
    i = order.index(regime)
    before = [(order[i - 1], regime)] if i > 0 else []
    after = [(regime, order[i + 1])] if i + 1 < len(order) else []
    return tuple(before + after)


@cache
def _stars(regime: Regime) -> tuple[int, ...]:
    return tuple(band_star(t, regime) for t in sample_totals())


@cache
def _gap_totals(regime: Regime) -> tuple[Fraction, ...]:
    """The sampled totals in no printed band (compared in whole hundredths: the bands are ints)."""
    scale = STEPS // 100
    bands = [(b.low * scale, b.high * scale, b.high_inclusive) for b in sheet_version(regime).bands]
    return tuple(
        Fraction(k, scale)
        for k in range(STEPS + 1)
        if not any(low <= k and (k <= high if incl else k < high) for low, high, incl in bands)
    )


def check(regulation: Regime | str) -> Checked:
    findings: list[Finding] = []
    held: list[Proven] = []
    for old, new in pairs(regulation):
        f, p = _pair(sheet_version(old), sheet_version(new))
        findings += f
        held += p
    return tuple(findings), tuple(held)


def _pair(old: SheetVersion, new: SheetVersion) -> tuple[list[Finding], list[Proven]]:
    findings: list[Finding] = []
    held: list[Proven] = []
    label = f"{old.regulation.value} → {new.regulation.value}"
    bands_cites = [old.bands_citation, new.bands_citation]
    totals = sample_totals()
    changed = [
        (t, a, b)
        for t, a, b in zip(totals, _stars(old.regulation), _stars(new.regulation), strict=True)
        if a != b
    ]
    if changed:
        said = [(said_number(t), a, b) for t, a, b in changed[:EXAMPLES]]
        shown = Localized(
            *(", ".join(f"{t.said(lang)}: {a}★→{b}★" for t, a, b in said) for lang in ("vi", "en"))
        )
        findings.append(
            finding(
                "band_star_changes",
                f"{label}, bands",
                0,
                len(changed),
                citations=bands_cites,
                count=len(changed),
                totals=len(totals),
                old=old.regulation.value,
                new=new.regulation.value,
                examples=shown,
            )
        )
    else:
        held.append(proven("band_star_same", f"{label}, bands", len(totals), totals=len(totals)))
    gaps_old, gaps_new = _gap_totals(old.regulation), _gap_totals(new.regulation)
    if len(gaps_old) != len(gaps_new):
        findings.append(_gaps(old, new, label, gaps_old, gaps_new, bands_cites))

    if dict(old.part_maxima) == dict(new.part_maxima):
        held.append(
            proven(
                "part_maxima_same",
                f"{label}, part maxima",
                len(new.part_maxima),
                maxima=" / ".join(f"{p} {v}" for p, v in new.part_maxima.items()),
            )
        )
    else:
        findings.append(_maxima(old, new, label))

    missing = [v for v in (old, new) if not v.encoded]
    if missing:
        findings.append(_not_comparable(old, new, label, missing))
    else:
        findings_cards, proven_cards = _cards(old, new, label)
        findings += findings_cards
        held += proven_cards
    return findings, held


def _gaps(
    old: SheetVersion,
    new: SheetVersion,
    label: str,
    gaps_old: Sequence[Fraction],
    gaps_new: Sequence[Fraction],
    cites: Sequence[Citation],
) -> Finding:
    more, fewer = (old, new) if len(gaps_old) > len(gaps_new) else (new, old)
    count = abs(len(gaps_old) - len(gaps_new))
    example = said_number((gaps_old or gaps_new)[len(gaps_old or gaps_new) // 2])
    return finding(
        "printed_band_gap_changes",
        f"{label}, bands",
        len(gaps_new),
        len(gaps_old),
        citations=cites,
        count=count,
        example=example,
        more=more.regulation.value,
        fewer=fewer.regulation.value,
    )


def _maxima(old: SheetVersion, new: SheetVersion, label: str) -> Finding:
    moves = ", ".join(
        f"{p} {old.part_maxima[p]}→{new.part_maxima[p]}"
        for p in new.part_maxima
        if old.part_maxima.get(p) != new.part_maxima[p]
    )
    show = " / ".join(f"{p} {v}" for p, v in new.part_maxima.items())
    was = " / ".join(f"{p} {v}" for p, v in old.part_maxima.items())
    reason = "; ".join(v.missing or "" for v in (old, new) if not v.encoded)
    return finding(
        "part_maxima_change",
        f"{label}, part maxima",
        was,
        show,
        citations=[old.part_maxima_citation, new.part_maxima_citation],
        old=was,
        new=show,
        moves=moves,
        reason=f" ({reason})" if reason else "",
    )


def _not_comparable(
    old: SheetVersion, new: SheetVersion, label: str, missing: Sequence[SheetVersion]
) -> Finding:
    names = " and ".join(v.regulation.value for v in missing)
    names_vi = " và ".join(v.regulation.value for v in missing)
    why = "; ".join(f"{v.regulation.value}: {v.missing}" for v in missing)
    return finding(
        "sheets_not_comparable",
        f"{label}, scoresheets",
        "both regulations' scoresheets",
        f"{names} not encoded",
        citations=[v.citation for v in (old, new)],
        old=old.regulation.value,
        new=new.regulation.value,
        names=names_vi,
        why=why,
    )


# --------------------------------------------------------------------------- scorecards


@attrs.frozen(slots=True)
class CardChange:
    """A sampled card whose star differs between two sheets of one product set."""

    product_set: str
    choices: tuple[tuple[str, int], ...]
    old_star: int | None
    new_star: int | None


def compare_cards(
    old: Sequence[Scoresheet], new: Sequence[Scoresheet]
) -> tuple[int, tuple[CardChange, ...], tuple[str, ...]]:
    """(cards compared, cards that change star, product sets whose cards do not carry over)."""
    old = tuple(same_kind(s, Scoresheet, "old") for s in items(old, "old"))
    new = tuple(same_kind(s, Scoresheet, "new") for s in items(new, "new"))
    by_set = {s.product_set: s for s in old}
    compared = 0
    changes: list[CardChange] = []
    skipped: list[str] = []
    for sheet in new:
        before = by_set.get(sheet.product_set)
        if before is None or _shape(before) != _shape(sheet):
            skipped.append(sheet.product_set)
            continue
        for choices in _sample(sheet):
            compared += 1
            a, b = _star(before, choices), _star(sheet, choices)
            if a != b:
                changes.append(CardChange(sheet.product_set, tuple(choices.items()), a, b))
    return compared, tuple(changes), tuple(skipped)


def _shape(sheet: Scoresheet) -> tuple[tuple[str, tuple[int | None, ...]], ...]:
    return tuple((n.code, tuple(o.case for o in n.options)) for n in sheet.criteria())


def _sample(sheet: Scoresheet) -> Iterator[dict[str, int]]:
    found = {o.case for n in sheet.criteria() for o in n.options if o.case is not None}
    cases: list[int | None] = [*sorted(found)] or [None]
    for case in cases:
        allowed = {
            n.code: [o.index for o in n.options if o.case in (None, case)] for n in sheet.criteria()
        }
        best = {c: _best(sheet, c, opts) for c, opts in allowed.items()}
        for k in range(max(len(o) for o in allowed.values())):
            yield {c: opts[min(k, len(opts) - 1)] for c, opts in allowed.items()}
        for code, opts in allowed.items():
            for index in opts:
                if index != best[code]:
                    yield best | {code: index}


def _best(sheet: Scoresheet, code: str, indices: Sequence[int]) -> int:
    options = sheet.nodes[code].options
    return max(indices, key=lambda i: options[i].points)


def _star(sheet: Scoresheet, choices: Mapping[str, int]) -> int | None:
    """The library's ranking of a card ticking ``choices`` (None when knocked out)."""
    points = {c: sheet.nodes[c].options[i].points for c, i in choices.items()}
    if any(points[c] == 0 for r in knockout_rules(sheet).values() for c in r.zero_points_on):
        return None
    met = 2
    for star, reqs in sorted(requirements(sheet).items()):
        if any(points[r.criterion] < r.points for r in reqs):
            break
        met = star
    return min(band_star(sum(points.values()), sheet.regulation), met)


def _cards(old: SheetVersion, new: SheetVersion, label: str) -> tuple[list[Finding], list[Proven]]:
    compared, changes, skipped = compare_cards(
        scoresheets(regulation=old.regulation), scoresheets(regulation=new.regulation)
    )
    findings: list[Finding] = []
    held: list[Proven] = []
    cites = [old.citation, new.citation]
    if changes:
        shown = "; ".join(
            f"{c.product_set} {dict(c.choices)}: {c.old_star}★→{c.new_star}★"
            for c in changes[:EXAMPLES]
        )
        findings.append(
            finding(
                "card_star_changes",
                f"{label}, scoresheets",
                0,
                len(changes),
                citations=cites,
                count=len(changes),
                compared=compared,
                examples=shown,
            )
        )
    elif compared:
        held.append(proven("card_star_same", f"{label}, scoresheets", compared, compared=compared))
    if skipped:
        findings.append(
            finding(
                "cards_do_not_carry_over",
                f"{label}, scoresheets",
                "the same criteria and options",
                ", ".join(skipped),
                citations=cites,
                count=len(skipped),
                sets=", ".join(skipped),
            )
        )
    return findings, held
