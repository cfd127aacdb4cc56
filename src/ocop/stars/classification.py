"""Classify a scored product: the star reached, the star the score alone gives, and why.

A product is ranked at the highest star ``s`` such that its total reaches the
band of ``s`` (:mod:`ocop.stars.bands`) and it meets every minimum of ``s``
(:mod:`ocop.stars.minimums`); stars 1 and 2 have no minimums.  A knock-out
leaves it unranked.  Only 3★–5★ are recognised: for 1★ and 2★ "không ban hành
quyết định công nhận và không cấp giấy chứng nhận" (26/2026/QĐ-TTg Điều 4
khoản 1 điểm a).

A council's result is classified on its averages: the total is the exact
"tổng điểm trung bình", and a minimum is met when the average points on the
criterion reach the marked option's points (docs/decisions/stars.md).

>>> from ocop.stars import classify
>>> c = classify(89.5, regulation="26/2026/QĐ-TTg")
>>> c.star, c.band_star, c.recognised, c.minimums_checked
(4, 4, True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import ClassVar

import attrs

from ocop.arguments import choice
from ocop.criteria.model import Scoresheet
from ocop.criteria.scoring import CouncilScore, ScoreResult
from ocop.criteria.versions import RegulationLike, StarBand, scoresheet
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.law import Citation, Regime
from ocop.regulations import Regulation, regulation
from ocop.serialize import Serialized
from ocop.stars._compiled import Known, star_table
from ocop.stars.bands import MAX_POINTS, band_of, band_star, in_printed_gap, points
from ocop.stars.council import CouncilReading, council_points
from ocop.stars.minimums import KnockoutRule, Requirement, knockout_rules, requirements
from ocop.text import show

__all__ = ["Classification", "Knockout", "NextStar", "UnmetMinimum", "classify"]


# cache_hash: a minimum missed at 4★ recurs at 5★, and classify() lists it once (by hash).
@attrs.frozen(slots=True, kw_only=True, cache_hash=True)
class UnmetMinimum(Serialized):
    """A minimum the product missed: ``criterion`` needs ``required_option`` for ``star``.

    ``chosen_option`` is ``None`` for a council's average (no single tick) or
    where no option applied; ``chosen_points`` is the card's points or the
    council's average on the criterion.
    """

    star: int
    criterion: str
    title: str
    required_option: int
    required_text: str
    required_points: int
    chosen_option: int | None
    chosen_points: Fraction
    citation: Citation

    def describe(self) -> str:
        if self.chosen_option is not None:
            chosen = f"option {self.chosen_option}"
        else:  # nothing ticked, or a council's average over several cards
            chosen = "no option" if self.chosen_points == 0 else "an average"
        return (
            f"{self.star}★ needs criterion {self.criterion} ({self.title}) at option "
            f"{self.required_option} '{self.required_text}' ({_pts(self.required_points)}, "
            f"marked {'*' * self.star}); got {chosen} ({_pts(self.chosen_points)})"
        )


@attrs.frozen(slots=True)
class Knockout(Serialized):
    """A knock-out that applied, with the printed text; ``automatic`` if found from the scores."""

    id: str
    text: str
    citation: Citation
    automatic: bool


@attrs.frozen(slots=True, kw_only=True)
class NextStar(Serialized):
    """What the next star needs: more points, and the minimums of that star not yet met."""

    star: int
    points_needed: Fraction
    unmet: tuple[UnmetMinimum, ...]


@attrs.frozen(slots=True, kw_only=True)
class Classification(Displayable, Serialized):
    """The star of one product and every reason behind it.

    ``star`` is the rank reached (``None`` when knocked out); ``band_star`` the
    rank the total alone gives; ``held_back_by`` the unmet minimums of the stars
    between them; ``next_star`` what the next star needs (``None`` at 5★ or
    after a knock-out).  ``minimums_checked`` is false when only a total was
    given, or the regulation's sheets are not encoded: the star is then an
    upper bound.
    """

    regulation: Regime
    product_set: str | None
    sheet: int | None
    total: Fraction
    band_star: int
    band: StarBand
    star: int | None
    recognised: bool
    held_back_by: tuple[UnmetMinimum, ...]
    next_star: NextStar | None
    knockouts: tuple[Knockout, ...]
    minimums_checked: bool
    citations: tuple[Citation, ...]
    notes: tuple[str, ...]
    council: CouncilReading | None = None

    _json_as: ClassVar = {"band": "_band_printed"}
    _json_computed: ClassVar = ("reasons",)

    def _band_printed(self) -> str:
        return self.band.printed

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the product is at ``star`` and not higher, one sentence each (English)."""
        out = [f"total {_num(self.total)} is in the {self.band_star}★ band ({self.band.printed})"]
        out += [f"knocked out ({k.id}): {k.text}" for k in self.knockouts]
        out += [u.describe() for u in self.held_back_by]
        if self.star is not None and not self.recognised:
            out.append(f"{self.star}★ is not recognised: only 3★–5★ receive a certificate")
        if self.next_star is not None:
            nxt = self.next_star
            if nxt.points_needed:
                more = _num(nxt.points_needed)
                out.append(f"{nxt.star}★ needs {more} more point{'' if more == 1 else 's'}")
            out += [u.describe() for u in nxt.unmet if u not in self.held_back_by]
        return tuple(out)


Scored = ScoreResult | CouncilScore | int | float | Fraction | Decimal


def classify(
    scored: Scored,
    *,
    regulation: RegulationLike | None = None,
    product_set: int | str | None = None,
    knockouts: Iterable[str] = (),
    council: CouncilReading | str = CouncilReading.AVERAGE,
) -> Classification:
    """Classify a :class:`~ocop.criteria.ScoreResult`, a council average, or bare points.

    ``council`` says how a council's per-star marks are checked
    (:class:`~ocop.stars.council.CouncilReading`; the total is always the average);
    the result's ``council`` names the reading used (``None`` for one card).

    With a score result or council average, the regulation and product set come
    from it and the minimums are checked.  With bare points (``int``, ``float``,
    ``Fraction`` or ``Decimal``) ``regulation=`` is required and only the band
    is applied (``minimums_checked`` is false).  ``knockouts`` names the
    knock-outs a council found: ``"dossier"`` or the code of a criterion with a
    knock-out note (see :func:`ocop.stars.knockout_rules`); they need a known
    product set.  A result scored with a :class:`~ocop.regulations.Regulation`
    read by :func:`ocop.regulations.load` is classified with that same value,
    passed as ``regulation=``.
    """
    if (
        type(scored) is ScoreResult
        and regulation is None
        and product_set is None
        and type(knockouts) is tuple
        and not knockouts
        and council is CouncilReading.AVERAGE  # any other value is read (and checked) below
    ):
        fast = _one_card(scored)
        if fast is not None:
            return fast
    return _classify(scored, regulation, product_set, knockouts, council)


def _classify(
    scored: Scored,
    regulation: RegulationLike | None,
    product_set: int | str | None,
    knockouts: Iterable[str],
    council: CouncilReading | str,
) -> Classification:
    """The general path: any input, every option (and every error)."""
    reading = choice(council, CouncilReading, "council")
    sheet, rules, total, chosen = _unpack(scored, regulation, product_set, reading)
    found = _knockouts(sheet, chosen, knockouts)
    band = band_star(total, rules)
    missed = _missed(sheet, chosen, band) if sheet is not None and chosen is not None else {}
    return _ranked(
        rules,
        sheet,
        total,
        band,
        found,
        missed,
        citations=_citations(rules, sheet),
        # 1048's sheets print no star marks and 781's list of minimums was not found:
        # a card scored on them is still classified on its total alone (an upper bound).
        checked=chosen is not None and bool(rules.marked_stars),
        council=reading if isinstance(scored, CouncilScore) else None,
    )


#: Star → the minimums of that star the product missed.
Missed = dict[int, list[UnmetMinimum]]


def _one_card(scored: ScoreResult) -> Classification | None:
    """One card of an encoded regulation, classified from its sheet's star table.

    ``None`` when the result is not such a card (a sheet that is not encoded, a
    result edited by hand): the general path then answers, or raises, as always.
    """
    table = star_table(scored.regulation, scored.product_set)
    if table is None or (
        scored.citation is not table.citation and scored.citation != table.citation
    ):
        return None
    total = scored.total
    if type(total) is not int or not 0 <= total <= MAX_POINTS:
        return None
    lines = scored.criteria  # in the sheet's order, as score() lists them
    band = table.band_stars[total]
    missed: Missed = {}
    try:
        if table.read(lines) != table.codes:
            return None  # a result edited by hand: the general path reads it by code
        found = tuple(
            k for k, zeros in table.automatic if any(lines[at].points == 0 for at in zeros)
        )
        for star, needs in table.requirements:
            if star > band + 1:  # no star above the next one is ever listed
                break
            missed[star] = [
                unmet[lines[at].option] for at, least, unmet in needs if lines[at].points < least
            ]
    except (IndexError, KeyError):  # fewer criteria, or an option the sheet lacks
        return None
    return _ranked(
        table.rules,
        table.sheet,
        table.totals[total],
        band,
        found,
        missed,
        citations=table.citations,
        checked=table.checked,
        council=None,
        known=table.known[total],
    )


def _ranked(
    rules: Regulation,
    sheet: Scoresheet | None,
    total: Fraction,
    band: int,
    found: tuple[Knockout, ...],
    missed: Missed,
    *,
    citations: tuple[Citation, ...],
    checked: bool,
    council: CouncilReading | None,
    known: Known | None = None,
) -> Classification:
    """The star and its reasons, from the band, the knock-outs and the minimums missed.

    ``known`` holds, for the total at hand, its band, the points each star needs and
    the notes each star gets, read from a star table (computed here when not given).
    """
    star: int | None = None
    if not found:  # the highest star of the band or below whose minimums are all met
        star = band
        while missed.get(star):
            star -= 1
    # A cumulative minimum recurs at every star above its mark: list it once.
    above = range((star or band) + 1, band + 1)
    held = tuple(dict.fromkeys(u for s in above for u in missed.get(s, ()))) if above else ()
    next_star = None
    if star is not None and star < 5:
        nxt = star + 1
        next_star = NextStar(
            star=nxt,
            points_needed=max(_ZERO, _band(rules, nxt).low - total)
            if known is None
            else known.needed[nxt],
            unmet=tuple(missed.get(nxt, ())),
        )
    return Classification(
        regulation=rules.regime,
        product_set=None if sheet is None else sheet.product_set,
        sheet=None if sheet is None else sheet.number,
        total=total,
        band_star=band,
        band=_band(rules, band) if known is None else known.band,
        star=star,
        recognised=star in rules.recognised_stars,
        held_back_by=held,
        next_star=next_star,
        knockouts=found,
        minimums_checked=checked,
        citations=citations,
        notes=_notes(rules, total, band, star, checked)
        if known is None
        else known.notes[0 if star is None else star],
        council=council,
    )


def _unpack(
    scored: object,
    regulation: RegulationLike | None,
    product_set: int | str | None,
    reading: CouncilReading = CouncilReading.AVERAGE,
) -> tuple[
    Scoresheet | None, Regulation, Fraction, Mapping[str, tuple[int | None, Fraction | int]] | None
]:
    """The sheet, regulation, exact total and per-criterion (option, points), if known."""
    if isinstance(scored, ScoreResult | CouncilScore):
        if product_set is not None or not isinstance(regulation, Regulation | None):
            raise InvalidInput(
                "a score result carries its regulation and product set; "
                "do not pass regulation= or product_set= with it "
                "(only the Regulation value it was scored with)"
            )
        rules = _regulation_of(scored, regulation)
        sheet = scoresheet(scored.product_set, regulation=rules)
        if isinstance(scored, ScoreResult):
            # Whole points stay ints (compared as they are); _miss makes the Fraction it shows.
            chosen: dict[str, tuple[int | None, Fraction | int]] = {
                c.code: (c.option, c.points) for c in scored.criteria
            }
        else:
            chosen = {
                code: (None, council_points([c.criteria[i].points for c in scored.cards], reading))
                for i, (code, _) in enumerate(scored.criteria)
            }
        return sheet, rules, Fraction(scored.total), chosen
    if regulation is None:
        raise InvalidInput(
            f"classifying bare points ({show(scored)}) needs regulation=; "
            "or pass a ScoreResult / CouncilScore"
        )
    rules = _rules(regulation)
    named = None if product_set is None else scoresheet(product_set, regulation=rules)
    return named, rules, points(scored), None


def _rules(value: RegulationLike) -> Regulation:
    if isinstance(value, Regulation | Regime | str):
        return regulation(value)
    raise InvalidInput(
        f"regulation must be a Regime, its text or a Regulation, got {show(value)}",
        value=show(value),
    )


def _regulation_of(scored: ScoreResult | CouncilScore, given: Regulation | None) -> Regulation:
    """The regulation a result was scored with; refuses to classify it with another."""
    rules = regulation(scored.regulation) if given is None else given
    if rules.regime is not scored.regulation:
        raise InvalidInput(
            f"the result is for {scored.regulation.value}; the regulation given applies to "
            f"{rules.regime.value}"
        )
    sheet = scoresheet(scored.product_set, regulation=rules)
    card = scored if isinstance(scored, ScoreResult) else scored.cards[0]
    if card.citation != sheet.citation:
        # The result names the sheet it was scored on (regulation, appendix, number).
        raise InvalidInput(
            f"the result was scored on {card.citation}, not on {sheet.citation}; "
            "pass the Regulation it was scored with as regulation=",
            scored_on=str(card.citation),
        )
    return rules


def _knockouts(
    sheet: Scoresheet | None,
    chosen: Mapping[str, tuple[int | None, Fraction | int]] | None,
    declared: Iterable[str],
) -> tuple[Knockout, ...]:
    if not isinstance(declared, list | tuple | set | frozenset) or not all(
        isinstance(k, str) for k in declared
    ):
        raise InvalidInput(
            f"knockouts must be a list of ids such as ['dossier'], got {show(declared)}"
        )
    ids = list(declared)
    if ids and sheet is None:
        raise InvalidInput("declaring knock-outs needs the product set (product_set=)")
    rules: Mapping[str, KnockoutRule] = {} if sheet is None else knockout_rules(sheet)
    found: list[Knockout] = []
    for kid in ids:
        if kid not in rules:
            known = ", ".join(rules) or "none"
            raise InvalidInput(
                f"sheet #{sheet.number if sheet else '?'} has no knock-out {show(kid)}; "
                f"known: {known}",
                knockout=show(kid),
            )
        rule = rules[kid]
        found.append(Knockout(rule.id, rule.text, rule.citation, automatic=False))
    if chosen is not None:
        for rule in rules.values():
            if any(chosen[c][1] == 0 for c in rule.zero_points_on) and rule.id not in ids:
                found.append(Knockout(rule.id, rule.text, rule.citation, automatic=True))
    return tuple(dict.fromkeys(found))


_ZERO = Fraction(0)


def _band(rules: Regulation, star: int) -> StarBand:
    """``band_of(star, rules)`` for a star known to be 1–5, without re-reading ``rules``."""
    return next(b for b in rules.sheets.bands if b.star == star)


def _missed(
    sheet: Scoresheet, chosen: Mapping[str, tuple[int | None, Fraction | int]], band: int
) -> Missed:
    """Star → the requirements of that star not met, each with what was chosen.

    Stars above ``band + 1`` are never listed, so they are not checked.
    """
    return {
        star: [_miss(r, *chosen[r.criterion]) for r in reqs if chosen[r.criterion][1] < r.points]
        for star, reqs in requirements(sheet).items()
        if star <= band + 1
    }


def _miss(req: Requirement, option: int | None, got: Fraction | int) -> UnmetMinimum:
    # Listed at the star whose mark it is, so a 3★ mark missed by a 4★ candidate reads "3★".
    return UnmetMinimum(
        star=req.marked_star,
        criterion=req.criterion,
        title=req.title,
        required_option=req.option,
        required_text=req.option_text,
        required_points=req.points,
        chosen_option=option,
        chosen_points=Fraction(got),
        citation=req.citation,
    )


@cache  # the same three citations on every card of a sheet
def _citations(rules: Regulation, sheet: Scoresheet | None) -> tuple[Citation, ...]:
    cites = [rules.sheets.bands_citation]
    if sheet is not None:
        legend = f"; {rules.marks_legend}" if rules.marks_legend else ""
        cites.append(attrs.evolve(sheet.citation, detail=f"{sheet.citation.detail}{legend}"))
    cites.append(rules.recognised_citation)
    return tuple(cites)


def _notes(
    rules: Regulation, total: Fraction, band: int, star: int | None, checked: bool
) -> tuple[str, ...]:
    notes = []
    printed = band_of(band, rules)
    if in_printed_gap(total, printed):
        notes.append(
            f"{_num(total)} lies between the printed {rules.id} bands "
            f"'{printed.printed}' and the next; ranked by the lower-bound rule, never rounded up "
            "(docs/decisions/stars.md)"
        )
    if not checked:
        why = (
            f" (the {rules.id} sheets are not encoded)"
            if not rules.sheets.encoded
            else f" ({rules.id} prints no per-star marks on its sheets; the list of minimums "
            "781/QĐ-TTg added was not found, docs/decisions/stars.md)"
            if not rules.marked_stars
            else ""
        )
        notes.append(
            "only the total was classified: the per-star minimum criteria were not checked, "
            "so the star is an upper bound" + why
        )
    if star == 5:
        central = rules.five_star_central
        where = "" if central is None else f" ({_in_text_order(central)})"
        notes.append(
            "5★ is recognised only at central level: a provincial council's result of 90 or more "
            f"makes the product 'tiềm năng 5 sao', sent to the ministry{where}; "
            "see ocop.certificates.authority()"
        )
    return tuple(notes)


def _in_text_order(citation: Citation) -> str:
    """ "26/2026/QĐ-TTg Điều 7 khoản 3 điểm e": the order a sentence cites in."""
    parts = [citation.instrument]
    parts += [f"Điều {citation.dieu}"] if citation.dieu is not None else []
    parts += [f"khoản {citation.khoan}"] if citation.khoan is not None else []
    parts += [f"điểm {citation.diem}"] if citation.diem is not None else []
    return " ".join(parts)


def _num(value: Fraction) -> int | float:
    """A fraction for display: an int when whole, else a float."""
    return int(value) if value.denominator == 1 else float(value)


def _pts(value: int | Fraction) -> str:
    shown = _num(Fraction(value))
    return f"{shown} point" if shown == 1 else f"{shown} points"
