"""Scorecards (one evaluator's ticks), scoring with a full breakdown, council averages.

A :class:`Scorecard` names the regulation, the product set and, for every
criterion of the sheet, the 0-based index of the option ticked (in printed
order), or ``None`` when no option applies (nothing ticked, 0 points).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import Annotated, Any, ClassVar, Self, TypeVar

import attrs
from pydantic import AfterValidator, Field, PlainSerializer, ValidationInfo, model_validator

from ocop.arguments import choice, items, same_kind
from ocop.criteria._compiled import CompiledSheet, compiled
from ocop.criteria.cases import CaseReading
from ocop.criteria.model import PART_CODES, Scoresheet
from ocop.criteria.versions import scoresheet, sheet_version
from ocop.display import Displayable
from ocop.errors import InvalidInput, NotEncoded, NotFound
from ocop.inputs import InputModel
from ocop.law import Citation, Regime, RegimeInput, regime_on, regimes_applying_on
from ocop.limits import MAX_COLLECTION
from ocop.readonly import FrozenMap
from ocop.regulations import Regulation
from ocop.serialize import Serialized
from ocop.taxonomy import PRODUCT_CODE_PATTERN
from ocop.text import show

__all__ = [
    "CouncilScore",
    "CriterionAverage",
    "CriterionScore",
    "GroupScore",
    "PartScore",
    "ScoreResult",
    "Scorecard",
    "council_average",
    "score",
]

T = TypeVar("T")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Scorecard(InputModel):
    """One evaluator's scorecard for one product (the ticked "phiếu đánh giá").

    ``regulation`` names the sheets; a card that gives only ``evaluated_on`` is
    scored under the regulation in force that day (a card dated in 2021 uses
    1048+781).  When both are given, ``regulation`` is used and must be the one in
    force on ``evaluated_on`` or one a transitional rule kept then
    (docs/decisions/scoresheets-1048-148.md §5).

    A card is checked against its sheet when it is built: the product set has a
    sheet under the regulation (else ``NotFound``), every criterion chosen is on
    it (``NotFound``) and every option index is one of the criterion's options
    (``InvalidInput``).  The sheet is the encoded one of ``regulation``, or the
    one of the :class:`~ocop.regulations.Regulation` given as validation context
    (``Scorecard.model_validate(data, context={"regulation": draft})``) for a
    card meant for a version read with :func:`ocop.regulations.load`.  A sheet
    that is not encoded (148's sets but #1) leaves the card to scoring, which
    raises ``NotEncoded``; a criterion left out is refused by scoring too
    (docs/decisions/scorecards.md).
    """

    regulation: RegimeInput = Field(description="Regulation the sheet comes from.")
    evaluated_on: date | None = Field(
        default=None, description="Day of the evaluation; picks the regulation if none is given."
    )
    product_set: str = Field(
        pattern=rf"^{PRODUCT_CODE_PATTERN}$",
        description="Product set code, e.g. 'I.3.c' (sheet #7).",
    )
    # A read-only mapping that hashes: the model is frozen, so its choices must be too.
    choices: Annotated[
        Mapping[str, int | None],
        AfterValidator(FrozenMap),
        PlainSerializer(dict, return_type=dict[str, int | None]),
    ] = Field(
        description="Criterion code → 0-based index of the ticked option; null if none applies.",
        max_length=MAX_COLLECTION,
    )
    product: str | None = Field(default=None, min_length=1, description="Product identifier.")
    evaluator: str | None = Field(default=None, min_length=1, description="Evaluator identifier.")

    @model_validator(mode="before")
    @classmethod
    def _regulation_of_the_day(cls, data: Any) -> Any:
        # An ISO day reads as a date (JSON has no dates); only a card that names no
        # regulation takes the one in force that day.
        if not isinstance(data, Mapping) or data.get("evaluated_on") is None:
            return data
        day = data["evaluated_on"]
        if isinstance(day, str):
            if not _ISO_DAY.fullmatch(day):
                return data  # the field's own validation names the problem
            try:
                day = date.fromisoformat(day)
            except ValueError:
                return data
        if not isinstance(day, date) or isinstance(day, datetime):
            return data
        if data.get("regulation") is None:
            return {**data, "regulation": regime_on(day).regulation, "evaluated_on": day}
        return {**data, "evaluated_on": day}

    @model_validator(mode="after")
    def _regulation_fits_the_day(self) -> Self:
        if self.evaluated_on is not None:
            allowed = regimes_applying_on(self.evaluated_on)
            if self.regulation not in allowed:
                raise InvalidInput(
                    f"a card evaluated on {self.evaluated_on.isoformat()} cannot be under "
                    f"{self.regulation.value}; allowed: {', '.join(r.value for r in allowed)}",
                    field="regulation",
                )
        return self

    @model_validator(mode="after")
    def _fits_its_sheet(self, info: ValidationInfo) -> Self:
        given = info.context.get("regulation") if isinstance(info.context, Mapping) else None
        if given is not None and not isinstance(given, Regulation):
            raise InvalidInput(
                "the validation context's 'regulation' is a Regulation (ocop.regulations.load), "
                f"got {show(given)}",
                value=show(given),
            )
        try:
            table = _table(self.regulation, self.product_set, given)
        except NotEncoded:
            return self  # scoring raises it, saying what is missing
        options = _options(table)
        if not all(i in options.get(c, _NONE) for c, i in self.choices.items()):
            _check_known(table.sheet, self.choices)  # raises, naming the criterion or option
        return self


@attrs.frozen(slots=True)
class CriterionScore:
    code: str
    title: str
    part: str
    group: str
    option: int | None
    option_text: str | None
    points: int
    max_points: int
    citation: Citation
    errata: tuple[str, ...]


@attrs.frozen(slots=True)
class GroupScore:
    code: str
    title: str
    part: str
    points: int
    max_points: int


@attrs.frozen(slots=True)
class PartScore:
    part: str
    points: int
    max_points: int


@attrs.frozen(slots=True)
class ScoreResult(Displayable, Serialized):
    """One scorecard scored: the total and every level of the breakdown."""

    regulation: Regime
    product_set: str
    sheet: int
    product: str | None
    evaluator: str | None
    total: int
    maximum: int
    parts: tuple[PartScore, ...]
    groups: tuple[GroupScore, ...]
    criteria: tuple[CriterionScore, ...]
    citation: Citation

    _json_as: ClassVar = {"parts": "_part_points"}
    _json_computed: ClassVar = ("errata",)

    def _part_points(self) -> Mapping[str, int]:
        return {p.part: p.points for p in self.parts}

    def part(self, code: str) -> PartScore:
        return _find(self.parts, "part", code, "part")

    def criterion(self, code: str) -> CriterionScore:
        return _find(self.criteria, "code", code, "criterion")

    @property
    def errata(self) -> tuple[str, ...]:
        """Ids of the errata on the criteria and options this card scored with.

        Includes errata kept as printed (status ``kept_as_printed``), which flag
        a doubtful value without changing it.
        """
        return tuple(dict.fromkeys(e for c in self.criteria for e in c.errata))


def score(
    card: Scorecard,
    *,
    regulation: Regulation | None = None,
    cases: CaseReading | str = CaseReading.PER_CRITERION,
) -> ScoreResult:
    """Score one card against its sheet; every criterion must be answered exactly once.

    The sheet is the encoded one of ``card.regulation``, or the one of
    ``regulation``: a :class:`~ocop.regulations.Regulation` (e.g. read with
    :func:`ocop.regulations.load`) that applies to the card's regulation.
    ``cases`` says whether alternative cases ("Trường hợp 1 / 2") may differ from one
    criterion to another (:class:`~ocop.criteria.cases.CaseReading`).
    """
    if not isinstance(card, Scorecard):
        raise InvalidInput(
            f"score() takes a Scorecard, got {type(card).__name__}", value=type(card).__name__
        )
    # The default reading is an identity check; any other value is read by choice().
    reading = cases if cases is CaseReading.PER_CRITERION else choice(cases, CaseReading, "cases")
    table = _table(card.regulation, card.product_set, regulation)
    sheet = table.sheet
    if reading is not CaseReading.PER_CRITERION:
        _check_choices(sheet, card.choices, reading)
    picked = _pick(table, card.choices)
    if picked is None:  # some choice is wrong: the full check says which, as it always did
        _check_choices(sheet, card.choices, reading)
        raise AssertionError("a card the compiled sheet refused passed the full check")
    criteria, group_points = picked
    part_points = [0] * (len(table.parts) + 1)
    for at, points in zip(table.part_of, group_points, strict=True):
        part_points[at] += points
    groups = tuple(lines[p] for lines, p in zip(table.groups, group_points, strict=False))
    parts = tuple(lines[p] for lines, p in zip(table.parts, part_points, strict=False))
    return ScoreResult(
        regulation=sheet.regulation,
        product_set=sheet.product_set,
        sheet=sheet.number,
        product=card.product,
        evaluator=card.evaluator,
        total=sum(part_points),
        maximum=sheet.total,
        parts=parts,
        groups=groups,
        criteria=criteria,
        citation=sheet.citation,
    )


_NONE: Mapping[int | None, object] = {}
#: (regime, product set as the card spells it) → the encoded sheet's tables: a card
#: names its sheet this way, and resolving the name costs more than scoring.
_ENCODED: dict[tuple[Regime, str], CompiledSheet] = {}


#: id of a compiled sheet → (the sheet, its leaf criteria's codes → option index → line).
_OPTIONS: dict[int, tuple[CompiledSheet, Mapping[str, Mapping[int | None, CriterionScore]]]] = {}


def _options(table: CompiledSheet) -> Mapping[str, Mapping[int | None, CriterionScore]]:
    """Each leaf criterion's code → its lines by option index (``None``: nothing ticked)."""
    held = _OPTIONS.get(id(table))
    if held is None or held[0] is not table:
        if len(_OPTIONS) >= MAX_COLLECTION:
            _OPTIONS.clear()
        held = _OPTIONS[id(table)] = (table, {code: lines for code, _, lines in table.leaves})
    return held[1]


def _table(regime: Regime, product_set: str, given: Regulation | None) -> CompiledSheet:
    """The compiled sheet a card of ``regime`` for ``product_set`` is scored on."""
    table = None if given is not None else _ENCODED.get((regime, product_set))
    if table is None:
        table = compiled(scoresheet(product_set, regulation=_rules_for(regime, given)))
        if given is None and len(_ENCODED) < MAX_COLLECTION:
            _ENCODED[regime, product_set] = table
    return table


def _pick(
    table: CompiledSheet, choices: Mapping[str, int | None]
) -> tuple[tuple[CriterionScore, ...], list[int]] | None:
    """The card's criterion lines and its points per group slot; None if a choice is wrong."""
    # A card's choices are a FrozenMap: read the dict behind it, at a quarter of the cost.
    data = choices._data if type(choices) is FrozenMap else choices
    if len(data) != len(table.leaves):
        return None
    group_points = [0] * (len(table.groups) + 1)
    criteria = []
    try:
        for code, at, lines in table.leaves:
            line = lines[data[code]]
            group_points[at] += line.points
            criteria.append(line)
    except (KeyError, TypeError):  # no such leaf in the card, or no such option
        return None
    return tuple(criteria), group_points


def _check_choices(
    sheet: Scoresheet, choices: Mapping[str, int | None], reading: CaseReading
) -> None:
    _check_known(sheet, choices)
    where = f"sheet #{sheet.number} ({sheet.product_set}, {sheet.name})"
    cases = {
        (code, sheet.nodes[code].options[i].case)
        for code, i in choices.items()
        if i is not None and sheet.nodes[code].options[i].case is not None
    }
    if reading is CaseReading.ONE_CASE and len({case for _, case in cases}) > 1:
        listing = ", ".join(f"{code}: Trường hợp {case}" for code, case in sorted(cases))
        raise InvalidInput(
            f"{where}: options from both alternative cases were chosen ({listing}); "
            "under cases='one_case' a product is scored under one case throughout "
            "(see docs/decisions/readings.md)",
            cases=sorted(cases),
        )
    missing = [c for c in sheet.leaves if c not in choices]
    if missing:
        raise InvalidInput(
            f"{where}: no option chosen for {', '.join(missing)} "
            "(use null where no option applies)",
            missing=missing,
        )


def _check_known(sheet: Scoresheet, choices: Mapping[str, int | None]) -> None:
    """Every criterion chosen is on ``sheet`` and every option index is one of its options."""
    where = f"sheet #{sheet.number} ({sheet.product_set}, {sheet.name})"
    for code, index in choices.items():
        if code not in sheet.nodes:
            raise NotFound(
                f"{where} has no criterion {show(code)}; criteria are: {', '.join(sheet.leaves)}",
                criterion=code,
                sheet=sheet.number,
            )
        node = sheet.criterion(code)
        if index is not None and not 0 <= index < len(node.options):
            listing = "; ".join(f"{o.index}: {o.text} ({o.points})" for o in node.options)
            raise InvalidInput(
                f"{where}, criterion {code}: option {index} does not exist; "
                f"choose 0–{len(node.options) - 1} or null: {listing}",
                criterion=code,
                option=index,
            )


@attrs.frozen(slots=True)
class CriterionAverage:
    """A criterion's average over the council's cards (exact)."""

    code: str
    average: Fraction


@attrs.frozen(slots=True)
class CouncilScore(Serialized):
    """The council's "tổng điểm trung bình": the exact mean of the evaluators' cards.

    26/2026/QĐ-TTg Điều 3 khoản 3 ranks on the average total and states no
    rounding, so averages are kept as exact fractions (``total``); convert
    for display only.
    """

    regulation: Regime
    product_set: str
    product: str | None
    cards: tuple[ScoreResult, ...]
    total: Fraction
    parts: tuple[tuple[str, Fraction], ...]
    criteria: tuple[tuple[str, Fraction], ...]
    citation: Citation

    _json_as: ClassVar = {"parts": "_part_averages", "criteria": "_criterion_averages"}
    _json_computed: ClassVar = ("evaluators",)

    def part(self, code: str) -> Fraction:
        code = same_kind(code, str, "part")
        averages = dict(self.parts)
        if code not in averages:
            raise NotFound(f"no part {show(code)}; known: {', '.join(averages)}", value=code)
        return averages[code]

    @property
    def evaluators(self) -> tuple[str | None, ...]:
        """Who filled each card, in order (``None`` where a card names nobody)."""
        return tuple(c.evaluator for c in self.cards)

    def _part_averages(self) -> Mapping[str, Fraction]:
        return dict(self.parts)

    def _criterion_averages(self) -> tuple[CriterionAverage, ...]:
        return tuple(CriterionAverage(c, v) for c, v in self.criteria)


def council_average(
    cards: Sequence[Scorecard | ScoreResult], *, regulation: Regulation | None = None
) -> CouncilScore:
    """Average several evaluators' cards for one product, exactly.

    All cards must be for the same regulation, product set and product; an
    evaluator may hand in one card only.  ``regulation`` scores the cards
    given as :class:`Scorecard` (see :func:`score`).
    """
    if not isinstance(cards, Scorecard | ScoreResult):
        cards = items(cards, "cards")
    if isinstance(cards, Scorecard | ScoreResult) or not cards:
        raise InvalidInput("council_average() takes a non-empty list of scorecards")
    results = tuple(
        c if isinstance(c, ScoreResult) else score(c, regulation=regulation) for c in cards
    )
    first = results[0]
    for i, r in enumerate(results[1:], start=1):
        for field in ("regulation", "product_set", "product"):
            if getattr(r, field) != getattr(first, field):
                raise InvalidInput(
                    f"card {i} is for {field} {getattr(r, field)!r}, card 0 for "
                    f"{getattr(first, field)!r}; a council average is over one product's cards",
                    card=i,
                    field=field,
                )
    # Counted once: list.count per name took 64 s for 40,000 cards (quadratic).
    named = Counter(r.evaluator for r in results if r.evaluator is not None)
    if any(n > 1 for n in named.values()):
        twice = sorted(e for e, n in named.items() if n > 1)
        raise InvalidInput(f"evaluator(s) {twice} handed in more than one card", evaluators=twice)
    n = len(results)
    return CouncilScore(
        regulation=first.regulation,
        product_set=first.product_set,
        product=first.product,
        cards=results,
        total=Fraction(sum(r.total for r in results), n),
        parts=tuple((p, Fraction(sum(r.part(p).points for r in results), n)) for p in PART_CODES),
        criteria=tuple(
            (c.code, Fraction(sum(r.criteria[i].points for r in results), n))
            for i, c in enumerate(first.criteria)
        ),
        # The clause that ranks on "tổng điểm trung bình" is the one that sets the bands.
        citation=sheet_version(_rules_for(first.regulation, regulation)).bands_citation,
    )


def _rules_for(regime: Regime, given: Regulation | None) -> Regime | Regulation:
    """The regulation to score a card of ``regime`` with: ``given`` if it applies to it."""
    if given is None:
        return regime
    if not isinstance(given, Regulation):
        raise InvalidInput(
            f"regulation= takes a Regulation (ocop.regulations), got {show(given)}; "
            "a card names its regime in its own regulation field",
            value=show(given),
        )
    if given.regime is not regime:
        raise InvalidInput(
            f"the card is for {regime.value}; "
            f"regulation {given.id} applies to {given.regime.value}",
            card=regime.value,
            regulation=given.id,
        )
    return given


def _find(items: Sequence[T], attr: str, value: str, what: str) -> T:
    value = same_kind(value, str, what)
    for item in items:
        if getattr(item, attr) == value:
            return item
    known = ", ".join(getattr(i, attr) for i in items)
    raise NotFound(f"no {what} {show(value)}; known: {known}", value=value)
