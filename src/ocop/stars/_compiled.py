"""What classifying one card of a sheet needs, read once per sheet.

:func:`ocop.stars.classify` on one :class:`~ocop.criteria.ScoreResult` of an
encoded regulation reads the sheet's minimums and automatic knock-outs as
flat tuples, and the band and exact total of a whole-number total from
tables over 0–100, instead of resolving the sheet, reading its marks and
building fractions on every card.  The table is built on a sheet's first use in
a process (``benchmarks/run_all.py`` prints that cost as "first call").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from ocop.criteria.model import Scoresheet
from ocop.criteria.versions import StarBand, scoresheet
from ocop.errors import OcopError
from ocop.law import Citation, Regime
from ocop.regulations import Regulation, regulation
from ocop.stars.bands import MAX_POINTS, band_of, band_star
from ocop.stars.minimums import Requirement, knockout_rules, requirements

if TYPE_CHECKING:
    from ocop.criteria.scoring import CriterionScore
    from ocop.stars.classification import Knockout, UnmetMinimum

#: Tables kept, one per (regime, product set as results spell it).
_KEPT: Final = 1024
_TABLES: dict[tuple[Regime, str], StarTable | None] = {}
_UNSEEN: Final = object()


@attrs.frozen(slots=True)
class Known:
    """For one whole-number total: its ``band``; ``needed[s]``, the points star ``s`` still needs
    (index 1–5), and ``notes[s]``, the result's notes when ranked at ``s`` (0: knocked out)."""

    band: StarBand
    needed: tuple[Fraction, ...]
    notes: tuple[tuple[str, ...], ...]


@attrs.frozen(slots=True)
class StarTable:
    """One encoded sheet's minimums, automatic knock-outs, bands and exact totals.

    Criteria are named by their place among the sheet's leaves (a result's
    ``criteria`` order); ``read(criteria)`` gives the codes at the places read, which
    must be ``codes``.  ``requirements``: per star, (place, least
    points, option ticked → the :class:`UnmetMinimum` it makes), each value built
    once and shared; ``automatic``: each knock-out found from the scores, with the
    places on which 0 points triggers it; ``totals[t]`` is ``Fraction(t)``, ``band_stars[t]``
    the band of ``t`` points and ``known[t]`` what else depends on ``t`` alone, for
    ``t`` in 0–100.  ``checked``: whether the minimums are checked (marks printed).
    """

    rules: Regulation
    sheet: Scoresheet
    citation: Citation
    requirements: tuple[
        tuple[int, tuple[tuple[int, int, Mapping[int | None, UnmetMinimum]], ...]], ...
    ]
    automatic: tuple[tuple[Knockout, tuple[int, ...]], ...]
    read: Callable[[Sequence[CriterionScore]], tuple[str, ...]]
    codes: tuple[str, ...]
    citations: tuple[Citation, ...]
    totals: tuple[Fraction, ...]
    band_stars: tuple[int, ...]
    known: tuple[Known, ...]
    checked: bool


def star_table(regime: Regime, product_set: str) -> StarTable | None:
    """The table of an encoded sheet; None where the sheet cannot be had (the general
    path then raises the error it always raised)."""
    key = (regime, product_set)
    table = _TABLES.get(key, _UNSEEN)
    if table is not _UNSEEN:
        return table  # type: ignore[return-value]
    try:
        rules = regulation(regime)
        table = _build(rules, scoresheet(product_set, regulation=rules))
    except OcopError:
        table = None
    if len(_TABLES) >= _KEPT:
        _TABLES.clear()
    _TABLES[key] = table
    return table


def _reader(
    places: list[tuple[int, str]],
) -> tuple[Callable[[Sequence[CriterionScore]], tuple[str, ...]], tuple[str, ...]]:
    """A function giving the codes at ``places`` of a result's criteria (C-level getters:
    this check runs on every card), and the codes it must give."""
    at = [p for p, _ in places]
    pick = itemgetter(*at) if len(at) > 1 else (lambda lines: tuple(lines[p] for p in at))
    code = attrgetter("code")

    def read(lines: Sequence[CriterionScore]) -> tuple[str, ...]:
        return tuple(map(code, pick(lines)))

    return read, tuple(c for _, c in places)


def _build(rules: Regulation, sheet: Scoresheet) -> StarTable:
    # Here, not at the top: classification imports this module.
    from ocop.stars.classification import Knockout, _citations, _miss, _notes

    # One value per (mark, option ticked): the same minimum missed at 4★ and 5★ is one object.
    shared: dict[tuple[str, int, int, int | None], UnmetMinimum] = {}

    def unmet(r: Requirement) -> Mapping[int | None, UnmetMinimum]:
        node = sheet.nodes[r.criterion]
        by_option: dict[int | None, UnmetMinimum] = {}
        for option in (None, *range(len(node.options))):
            got = 0 if option is None else node.options[option].points
            key = (r.criterion, r.option, r.marked_star, option)
            by_option[option] = shared.setdefault(key, _miss(r, option, got))
        return MappingProxyType(by_option)

    place = {code: at for at, code in enumerate(sheet.leaves)}
    needs = tuple(
        (star, tuple((place[r.criterion], r.points, unmet(r)) for r in reqs))
        for star, reqs in requirements(sheet).items()
    )
    automatic = tuple(
        (
            Knockout(rule.id, rule.text, rule.citation, automatic=True),
            tuple(place[c] for c in rule.zero_points_on),
        )
        for rule in knockout_rules(sheet).values()
        if rule.zero_points_on
    )
    read = {r.criterion for reqs in requirements(sheet).values() for r in reqs}
    read |= {c for rule in knockout_rules(sheet).values() for c in rule.zero_points_on}
    totals = tuple(Fraction(t) for t in range(MAX_POINTS + 1))
    bands = tuple(band_star(t, rules) for t in totals)
    checked = bool(rules.marked_stars)
    lows = [0, *(band_of(s, rules).low for s in range(1, 6))]
    known = tuple(
        Known(
            band=band_of(b, rules),
            needed=tuple(max(Fraction(0), low - t) for low in lows),
            notes=tuple(_notes(rules, t, b, s or None, checked) for s in range(6)),
        )
        for t, b in zip(totals, bands, strict=True)
    )
    return StarTable(
        rules,
        sheet,
        sheet.citation,
        needs,
        automatic,
        *_reader(sorted((place[c], c) for c in read)),
        _citations(rules, sheet),
        totals,
        bands,
        known,
        checked,
    )
