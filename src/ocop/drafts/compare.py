"""What a draft changes: per sheet, the differences, the share of cards whose star changes,
the minimal cards that gain or lose a star, and the real scorecards that change star.

The share is exact where a sheet's cards (one option per criterion) number at most
the card budget, and otherwise estimated on that many uniformly generated cards
(seeded, so the same call gives the same numbers) with a 95% Wilson interval.
Both sides are scored and classified on the batch path (``score_batch``,
``classify_batch``), which gives the one-at-a-time path's answers.

The minimal cards are found exactly: a dynamic programme over the criteria keeps,
for every (total, highest star the marks allow) on each side, the fewest criteria
changed from the baseline card (all lowest options, or a card given); a card
whose star differs is then rebuilt and classified one at a time on both sides,
so its reasons are the library's own (docs/decisions/drafts.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from ocop.criteria import Scorecard, Scoresheet, score, score_batch, scoresheets
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.limits import MAX_PORTFOLIO
from ocop.regulations import Regulation, regulation
from ocop.serialize import Serialized
from ocop.stars import MAX_POINTS, Classification, band_star, classify, classify_batch
from ocop.stars.batch import option_caps
from ocop.text import show

__all__ = [
    "DEFAULT_CARDS",
    "MAX_CARDS",
    "CardChange",
    "Comparison",
    "Difference",
    "MinimalCard",
    "PortfolioCard",
    "SheetComparison",
    "compare",
]

#: Cards per sheet by default: exact below it, else a sample of it (±0.7 points at 95%).
DEFAULT_CARDS = 20_000
#: The most cards per sheet a caller may ask for (the work is linear in it).
MAX_CARDS = 1_000_000
_Z95 = 1.959963984540054
#: Decimals the sampled share's interval bounds keep (docs/decisions/drafts.md §6).
_INTERVAL_PLACES = 6


@attrs.frozen(slots=True, kw_only=True)
class Difference(Serialized):
    """One value that differs: ``kind`` is band, validity, sheet, criterion, option or mark."""

    kind: str
    sheet: int | None
    criterion: str | None
    option: int | None
    before: str
    after: str

    _json_omit: ClassVar = ("sheet", "criterion", "option")


@attrs.frozen(slots=True, kw_only=True)
class CardChange(Serialized):
    """A criterion ticked differently from the baseline card."""

    criterion: str
    option: int
    text: str
    points: int


@attrs.frozen(slots=True, kw_only=True)
class MinimalCard(Serialized):
    """A card with the fewest criteria changed from the baseline whose star differs."""

    direction: str  # "gains" or "loses" a star under the draft
    changed: tuple[CardChange, ...]
    choices: Mapping[str, int]
    total_before: Fraction
    total_after: Fraction
    star_before: int | None
    star_after: int | None
    reasons_before: tuple[str, ...]
    reasons_after: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class SheetComparison(Serialized):
    """One sheet under both versions.  ``transitions[a][b]`` counts cards at ``a``★ before
    and ``b``★ under the draft (0: knocked out).  ``share`` is ``changed / cards``, exactly;
    ``low``–``high`` its 95% interval (``share`` itself where every card was classified)."""

    sheet: int
    product_set: str
    name: str
    differences: tuple[Difference, ...]
    comparable: bool
    cards: int
    exact: bool
    changed: int
    share: Fraction
    low: Fraction
    high: Fraction
    transitions: tuple[tuple[int, ...], ...]
    gains: MinimalCard | None
    loses: MinimalCard | None


@attrs.frozen(slots=True, kw_only=True)
class PortfolioCard(Serialized):
    """A real scorecard whose star changes (``index``: its place in the portfolio)."""

    index: int
    product_set: str
    total_before: Fraction
    total_after: Fraction
    star_before: int | None
    star_after: int | None


@attrs.frozen(slots=True, kw_only=True)
class Comparison(Displayable, Serialized):
    """What a draft changes against a version (``ocop compare``)."""

    draft: str
    against: str
    differences: tuple[Difference, ...]
    budget: int
    seed: int
    sheets: tuple[SheetComparison, ...]
    portfolio_cards: int
    portfolio_changed: tuple[PortfolioCard, ...]

    _json_computed: ClassVar = ("affected",)

    @property
    def affected(self) -> tuple[int, ...]:
        """The sheets on which some card changes star (a minimal card exists), or whose
        criteria differ so that their cards cannot be compared."""
        return tuple(s.sheet for s in self.sheets if s.gains or s.loses or not s.comparable)


def compare(
    draft: Regulation,
    against: Regulation | str | None = None,
    *,
    cards: int = DEFAULT_CARDS,
    seed: int = 0,
    baseline: Scorecard | None = None,
    portfolio: Sequence[Scorecard] = (),
    sheets: Sequence[int] | None = None,
) -> Comparison:
    """Compare ``draft`` with ``against`` (default: the version it is based on).

    ``cards`` bounds the cards classified per sheet (exact enumeration below it);
    ``seed`` makes the sample reproducible; ``baseline`` is the card the minimal
    cards start from (default: every criterion at its lowest option) and limits
    the comparison to its sheet; ``portfolio`` are real scorecards; ``sheets``
    limits the comparison to those sheet numbers.
    """
    if not isinstance(draft, Regulation):
        raise InvalidInput(f"draft must be a Regulation, got {show(draft)}", value=show(draft))
    base = _against(draft, against)
    if isinstance(cards, bool) or not isinstance(cards, int) or not 1 <= cards <= MAX_CARDS:
        raise InvalidInput(
            f"cards must be a whole number from 1 to {MAX_CARDS}, got {show(cards)}",
            value=show(cards),
            limit="MAX_CARDS",
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise InvalidInput(f"seed must be a whole number ≥ 0, got {show(seed)}", value=show(seed))
    if baseline is not None and not isinstance(baseline, Scorecard):
        raise InvalidInput(f"baseline must be a Scorecard, got {show(baseline)}")
    if not isinstance(portfolio, Sequence) or isinstance(portfolio, str):
        raise InvalidInput(f"portfolio must be a list of Scorecards, got {show(portfolio)}")
    if len(portfolio) > MAX_PORTFOLIO:
        raise InvalidInput(f"portfolio has more than {MAX_PORTFOLIO} cards", limit="MAX_PORTFOLIO")
    if any(not isinstance(c, Scorecard) for c in portfolio):
        raise InvalidInput("portfolio must be a list of Scorecards")
    new = {s.number: s for s in scoresheets(regulation=draft)} if draft.sheets.encoded else {}
    old = {s.number: s for s in scoresheets(regulation=base)} if base.sheets.encoded else {}
    numbers = sorted(set(new) & set(old))
    if baseline is not None:
        numbers = [n for n in numbers if new[n].product_set == baseline.product_set]
    if sheets is not None:
        wanted = set(sheets) if isinstance(sheets, Sequence) else set()
        if not wanted or any(not isinstance(n, int) or n not in new for n in wanted):
            raise InvalidInput(
                f"sheets must name sheets of the draft, got {show(sheets)}", value=show(sheets)
            )
        numbers = [n for n in numbers if n in wanted]
    rng = np.random.default_rng(seed)
    compared = tuple(_sheet(old[n], new[n], base, draft, cards, rng, baseline) for n in numbers)
    return Comparison(
        draft=draft.id,
        against=base.id,
        differences=_rule_differences(base, draft) + tuple(_sheet_presence(old, new)),
        budget=cards,
        seed=seed,
        sheets=compared,
        portfolio_cards=len(portfolio),
        portfolio_changed=tuple(_portfolio(portfolio, base, draft)),
    )


def _against(draft: Regulation, against: Regulation | str | None) -> Regulation:
    if isinstance(against, Regulation):
        found = against
    elif against is None:
        found = regulation(draft.based_on if draft.based_on is not None else draft.regime)
    else:
        found = regulation(against)
    if found.regime is not draft.regime:
        raise InvalidInput(
            f"{draft.id} applies to {draft.regime.value}; compare it with a version of the same "
            f"regime, not {found.id}",
            value=found.id,
        )
    return found


def _difference(
    kind: str,
    before: str,
    after: str,
    *,
    sheet: int | None = None,
    criterion: str | None = None,
    option: int | None = None,
) -> Difference:
    """One row of every kind: what it is about is given only as far as the kind names it."""
    return Difference(
        kind=kind, sheet=sheet, criterion=criterion, option=option, before=before, after=after
    )


def _rule_differences(old: Regulation, new: Regulation) -> tuple[Difference, ...]:
    out = [
        _difference("band", f"{a.star}★ {a.printed}", f"{b.star}★ {b.printed}")
        for a, b in zip(old.sheets.bands, new.sheets.bands, strict=True)
        if (a.low, a.high, a.high_inclusive) != (b.low, b.high, b.high_inclusive)
    ]
    if old.validity.months != new.validity.months:
        before, after = old.validity.months, new.validity.months
        out.append(_difference("validity", f"{before} tháng", f"{after} tháng"))
    return tuple(out)


def _sheet_presence(
    old: Mapping[int, Scoresheet], new: Mapping[int, Scoresheet]
) -> list[Difference]:
    return [
        _difference("sheet", old[n].name, "(removed)", sheet=n) for n in sorted(set(old) - set(new))
    ] + [_difference("sheet", "(none)", new[n].name, sheet=n) for n in sorted(set(new) - set(old))]


def _criterion_differences(old: Scoresheet, new: Scoresheet) -> list[Difference]:
    out = []
    a, b = {n.code: n for n in old.criteria()}, {n.code: n for n in new.criteria()}

    def row(kind: str, code: str, option: int | None, before: str, after: str) -> None:
        out.append(
            _difference(kind, before, after, sheet=new.number, criterion=code, option=option)
        )

    for code in [c for c in a if c not in b]:
        row("criterion", code, None, a[code].title, "(removed)")
    for code in [c for c in b if c not in a]:
        row("criterion", code, None, "(none)", b[code].title)
    for code in [c for c in b if c in a]:
        x, y = a[code], b[code]
        if len(x.options) != len(y.options) or x.max_points != y.max_points:
            row(
                "criterion",
                code,
                None,
                f"{len(x.options)} options, max {x.max_points}",
                f"{len(y.options)} options, max {y.max_points}",
            )
        for i, (p, q) in enumerate(zip(x.options, y.options, strict=False)):
            if (p.text, p.points) != (q.text, q.points):
                row("option", code, i, f"{p.points}: {p.text}", f"{q.points}: {q.text}")
            if p.min_star != q.min_star:
                row("mark", code, i, _mark(p.min_star), _mark(q.min_star))
    return out


def _mark(star: int | None) -> str:
    return "(no mark)" if star is None else "*" * star


def _sheet(
    old: Scoresheet,
    new: Scoresheet,
    base: Regulation,
    draft: Regulation,
    budget: int,
    rng: np.random.Generator,
    baseline: Scorecard | None,
) -> SheetComparison:
    differences = tuple(_criterion_differences(old, new))
    counts = [len(n.options) for n in new.criteria()]
    comparable = [n.code for n in old.criteria()] == [
        n.code for n in new.criteria()
    ] and counts == [len(n.options) for n in old.criteria()]
    # Where the same card cannot be ticked on both sides, only the differences are told.
    matrix = np.zeros((6, 6), dtype=np.int64)
    n = changed = 0
    exact = False
    share = low = high = Fraction(0)
    gains = loses = None
    if comparable:
        allowed = _allowed(new)
        space = sum(math.prod(len(a) for a in case) for case in allowed)
        exact = space <= budget
        choices = _all_cards(allowed) if exact else _sample(allowed, budget, rng)
        before = _stars(old, base, choices)
        after = _stars(new, draft, choices)
        np.add.at(matrix, (before, after), 1)
        n = int(choices.shape[0])
        changed = int((before != after).sum())
        share = Fraction(changed, n)
        low, high = (share, share) if exact else _wilson(changed, n)
        gains, loses = _minimal(old, new, base, draft, baseline)
    return SheetComparison(
        sheet=new.number,
        product_set=new.product_set,
        name=new.name,
        differences=differences,
        comparable=comparable,
        cards=n,
        exact=exact,
        changed=changed,
        share=share,
        low=low,
        high=high,
        transitions=tuple(tuple(int(v) for v in r) for r in matrix),
        gains=gains,
        loses=loses,
    )


def _allowed(sheet: Scoresheet) -> list[list[list[int]]]:
    """Per case a card may be scored under (one, for a sheet without alternative cases), the
    options each criterion may tick: a card ticks options of one case throughout, as the
    batch classification reads cases."""
    nodes = sheet.criteria()
    found = sorted({o.case for n in nodes for o in n.options if o.case is not None})
    cases: list[int | None] = [*found] or [None]
    return [
        [[o.index for o in n.options if o.case is None or o.case == case] for n in nodes]
        for case in cases
    ]


def _all_cards(allowed: list[list[list[int]]]) -> npt.NDArray[np.int64]:
    blocks = []
    for case in allowed:
        grid = np.indices([len(a) for a in case]).reshape(len(case), -1).T
        blocks.append(np.stack([np.asarray(a)[grid[:, j]] for j, a in enumerate(case)], axis=1))
    return np.ascontiguousarray(np.concatenate(blocks), dtype=np.int64)


def _sample(
    allowed: list[list[list[int]]], n: int, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    # Uniform over the cards: a case in proportion to its cards, then each criterion's
    # option drawn uniformly and independently among those the case allows.
    sizes = np.array([math.prod(len(a) for a in case) for case in allowed], dtype=np.float64)
    which = rng.choice(len(allowed), size=n, p=sizes / sizes.sum())
    out = np.empty((n, len(allowed[0])), dtype=np.int64)
    for k, case in enumerate(allowed):
        rows = np.flatnonzero(which == k)
        for j, options in enumerate(case):
            out[rows, j] = np.asarray(options)[rng.integers(0, len(options), size=rows.size)]
    return out


def _stars(
    sheet: Scoresheet, rules: Regulation, choices: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    totals = score_batch(sheet, choices).totals
    found = classify_batch(sheet, totals, choices, regulation=rules)
    return np.asarray(found.stars, dtype=np.int64)


def _wilson(k: int, n: int) -> tuple[Fraction, Fraction]:
    """The 95% Wilson interval of ``k`` in ``n``, rounded outward to ``_INTERVAL_PLACES``
    decimals: its bounds are irrational, and a rounded bound must not narrow it."""
    p, z2 = k / n, _Z95**2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    unit = 10**_INTERVAL_PLACES
    low = Fraction(max(0, math.floor((centre - half) * unit)), unit)
    high = Fraction(min(unit, math.ceil((centre + half) * unit)), unit)
    return low, high


# ------------------------------------------------------------------ minimal cards

State = tuple[int, int, int, int]  # total before, total after, cap before, cap after


def _minimal(
    old: Scoresheet,
    new: Scoresheet,
    base: Regulation,
    draft: Regulation,
    baseline: Scorecard | None,
) -> tuple[MinimalCard | None, MinimalCard | None]:
    nodes_old, nodes_new = old.criteria(), new.criteria()
    caps_old, caps_new = option_caps(old), option_caps(new)
    start = _baseline(new, baseline)
    # state → (criteria changed, choices so far): the fewest changes kept per state, per case.
    final: dict[State, tuple[int, tuple[int, ...]]] = {}
    for case in _allowed(new):
        layer: dict[State, tuple[int, tuple[int, ...]]] = {(0, 0, 5, 5): (0, ())}
        for j, (x, y) in enumerate(zip(nodes_old, nodes_new, strict=True)):
            nxt: dict[State, tuple[int, tuple[int, ...]]] = {}
            for (tb, ta, cb, ca), (changes, picks) in layer.items():
                for i in case[j]:
                    state = (
                        tb + x.options[i].points,
                        ta + y.options[i].points,
                        min(cb, caps_old[j][i]),
                        min(ca, caps_new[j][i]),
                    )
                    cost = changes + (i != start[j])
                    if state not in nxt or cost < nxt[state][0]:
                        nxt[state] = (cost, (*picks, i))
            layer = nxt
        for state, found in layer.items():
            if state not in final or found[0] < final[state][0]:
                final[state] = found
    band_old = [band_star(t, base) for t in range(MAX_POINTS + 1)]
    band_new = [band_star(t, draft) for t in range(MAX_POINTS + 1)]

    def star(band: list[int], total: int, cap: int) -> int:
        return min(band[min(total, MAX_POINTS)], cap)

    best: dict[str, tuple[int, int, tuple[int, ...]]] = {}
    for (tb, ta, cb, ca), (cost, picks) in final.items():
        s_old, s_new = star(band_old, tb, cb), star(band_new, ta, ca)
        if s_old == s_new:
            continue
        way = "gains" if s_new > s_old else "loses"
        key = (cost, ta)
        if way not in best or key < best[way][:2]:
            best[way] = (cost, ta, picks)
    return tuple(  # type: ignore[return-value]
        None if way not in best else _card(way, best[way][2], start, new, base, draft)
        for way in ("gains", "loses")
    )


def _baseline(sheet: Scoresheet, given: Scorecard | None) -> tuple[int, ...]:
    nodes = sheet.criteria()
    if given is None:  # every criterion at its lowest option (the first of the lowest points)
        return tuple(min(range(len(n.options)), key=lambda i: n.options[i].points) for n in nodes)
    picks = dict(given.choices)
    unknown = sorted(set(picks) - {n.code for n in nodes})
    if unknown:
        raise InvalidInput(f"baseline names criteria sheet #{sheet.number} lacks: {unknown}")
    out = []
    for n in nodes:
        pick = picks.get(n.code)
        if not isinstance(pick, int) or not 0 <= pick < len(n.options):
            raise InvalidInput(
                f"baseline must tick one option of every criterion; {n.code}: {show(pick)}",
                criterion=n.code,
            )
        out.append(pick)
    return tuple(out)


def _card(
    way: str,
    picks: tuple[int, ...],
    start: tuple[int, ...],
    new: Scoresheet,
    base: Regulation,
    draft: Regulation,
) -> MinimalCard:
    nodes = new.criteria()
    choices = {n.code: i for n, i in zip(nodes, picks, strict=True)}
    # Checked against the draft's sheet, which may have options the encoded one lacks.
    card = Scorecard.model_validate(
        {"regulation": draft.regime, "product_set": new.product_set, "choices": choices},
        context={"regulation": draft},
    )
    (tb, before), (ta, after) = _both(card, base, draft)
    return MinimalCard(
        direction=way,
        changed=tuple(
            CardChange(
                criterion=n.code, option=i, text=n.options[i].text, points=n.options[i].points
            )
            for n, i, s in zip(nodes, picks, start, strict=True)
            if i != s
        ),
        choices=choices,
        total_before=tb,
        total_after=ta,
        star_before=before.star,
        star_after=after.star,
        reasons_before=before.reasons,
        reasons_after=after.reasons,
    )


def _portfolio(
    cards: Sequence[Scorecard], base: Regulation, draft: Regulation
) -> list[PortfolioCard]:
    out = []
    for index, card in enumerate(cards):
        (tb, found_before), (ta, found_after) = _both(card, base, draft)
        sb, sa = found_before.star, found_after.star
        if sb != sa:
            out.append(
                PortfolioCard(
                    index=index,
                    product_set=card.product_set,
                    total_before=tb,
                    total_after=ta,
                    star_before=sb,
                    star_after=sa,
                )
            )
    return out


def _both(
    card: Scorecard, base: Regulation, draft: Regulation
) -> tuple[tuple[Fraction, Classification], tuple[Fraction, Classification]]:
    """``card``'s total and classification under ``base``, then under ``draft``, one at a time."""

    def under(rules: Regulation) -> tuple[Fraction, Classification]:
        scored = score(card, regulation=rules)
        return Fraction(scored.total), classify(scored, regulation=rules)

    return under(base), under(draft)
