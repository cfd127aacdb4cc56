"""A plan target as data: metric, comparator, value and unit, scope, deadline, source sentence.

A :class:`Target` is what a user (or the catalogue) hands in; it is checked
on construction.  Two faults are facts a real document can contain (a
percentage above 100, a range written high–low), so a plan read *as written*
(``Plan.as_written(...)``) keeps them for the checks to report; anywhere else
they are refused.

>>> from datetime import date
>>> from ocop.plans.targets import Target, evaluate
>>> t = Target(id="coop", metric="subjects_cooperative_share", unit="percent",
...            comparator="at_least", value=40, deadline=date(2025, 12, 31),
...            source={"where": "II.2", "text": "≥ 40% chủ thể OCOP là hợp tác xã"})
>>> t.describe()
'≥ 40% OCOP subjects that are cooperatives, by 2025-12-31'
>>> r = evaluate(t, 35)
>>> r.outcome.value, r.gap
('not_met', Fraction(5, 1))
>>> Target(**{**t.model_dump(), "value": 150})
Traceback (most recent call last):
...
ocop.errors.InvalidInput: target coop: 150% is outside 0–100%
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import ClassVar, Literal, Self

import attrs
from pydantic import (
    Field,
    ValidationInfo,
    model_validator,
)

from ocop.arguments import exact
from ocop.dates import require_date
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.figures import Figure, Hedge, Number
from ocop.figures import plain as _plain
from ocop.inputs import InputModel
from ocop.money import exact_decimal
from ocop.plans.metrics import METRICS, EntityType, Metric, MetricUnit, Per
from ocop.serialize import Serialized
from ocop.text import show

__all__ = [
    "AS_WRITTEN",
    "Baseline",
    "Comparator",
    "Number",
    "Outcome",
    "Quote",
    "Scope",
    "Stars",
    "Target",
    "TargetResult",
    "evaluate",
]

#: Validation context key: read a document as written, keeping the faults the checks report.
AS_WRITTEN = "as_written"

ProductGroupCode = Literal["I", "II", "III", "IV", "V", "VI"]


class Comparator(StrEnum):
    AT_LEAST = "at_least"  # ít nhất, tối thiểu, trở lên
    AT_MOST = "at_most"  # tối đa, không quá
    ABOUT = "about"  # khoảng, phấn đấu khoảng
    EXACTLY = "exactly"  # only where the text insists; a bare goal figure reads as ABOUT
    RANGE = "range"  # "20-30", "1-2"


_SYMBOL = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.ABOUT: "≈ ",
    Comparator.EXACTLY: "",
}


class Quote(InputModel):
    """Where a target is written in its document, and the sentence itself, verbatim."""

    where: str = Field(min_length=1, description="Place in the document, e.g. 'Mục II.2'.")
    text: str = Field(min_length=1, description="The sentence as written.")


class Stars(InputModel):
    """Star ranks a product target counts: ``{"min": 3}`` is "từ 3 sao trở lên"."""

    min: int = Field(ge=1, le=5)
    max: int = Field(default=5, ge=1, le=5)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise InvalidInput(f"stars: min {self.min} is above max {self.max}", field="stars")
        return self

    def __str__(self) -> str:
        return f"{self.min}★" if self.min == self.max else f"{self.min}★–{self.max}★"


class Scope(InputModel):
    """Which part of the plan's area or population a target covers (all by default)."""

    district: str | None = Field(default=None, min_length=1)
    commune: str | None = Field(default=None, min_length=1)
    entity_type: EntityType | None = Field(default=None, strict=False)
    product_group: ProductGroupCode | None = None
    tag: str | None = Field(
        default=None,
        min_length=1,
        description="A qualifier the taxonomy has no code for ('chăn nuôi', 'làng nghề').",
    )

    def __str__(self) -> str:
        parts = [
            f"{name.replace('_', ' ')} {value}"
            for name, value in self.model_dump(mode="json").items()
            if value is not None
        ]
        return ", ".join(parts)


class Baseline(InputModel):
    """What a target is measured from: "tăng 50 sản phẩm so với năm 2023"."""

    as_of: date
    value: Number | None = None
    change: Number | None = Field(default=None, description="Stated change from the baseline.")

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.value is None and self.change is None:
            raise InvalidInput("baseline needs a value, a change or both", field="baseline")
        return self


class Target(Displayable, InputModel):
    """One target of a plan; ``parts`` break it down ("trong đó …")."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="Unique within the plan.")
    metric: Metric = Field(strict=False)
    unit: MetricUnit = Field(strict=False)
    comparator: Comparator = Field(strict=False)
    value: Number | None = Field(default=None, description="For every comparator but range.")
    low: Number | None = Field(default=None, description="Range only.")
    high: Number | None = Field(default=None, description="Range only.")
    stars: Stars | None = None
    scope: Scope = Scope()
    per: Per | None = Field(default=None, strict=False)
    start: date | None = Field(default=None, description="Start of the counting window.")
    deadline: date
    baseline: Baseline | None = None
    parts: tuple[Target, ...] = Field(default=(), strict=False)
    parts_complete: bool = Field(
        default=False,
        description="True when the parts are the whole ('gồm'), false when some ('trong đó').",
    )
    source: Quote
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        _check_shape(self)
        if not (info.context or {}).get(AS_WRITTEN):
            for _code, message in faults(self):
                raise InvalidInput(f"target {self.id}: {message}", target=self.id)
        return self

    @property
    def bounds(self) -> tuple[Decimal, Decimal | None]:
        """The least and most the target asks for (``None``: no upper limit).

        Read from :meth:`as_figure`, the one definition of a bound: "about"
        reads as its value, and a range as its ends; see
        docs/decisions/plans.md for how each is evaluated.
        """
        interval = self.as_figure().interval()
        assert interval.lo is not None
        low = exact_decimal(interval.lo)
        high = None if interval.hi is None else exact_decimal(interval.hi)
        assert low is not None and (interval.hi is None or high is not None)
        return low, high

    def as_figure(self) -> Figure:
        """The target's figure (:class:`ocop.figures.Figure`) with its sentence as the words.

        A goal is its figure: "phấn đấu khoảng 50%" asks for 50%, so ``about``
        and ``exactly`` are exact figures here; the hedges of a figure as
        printed ("gần", "khoảng" in a report) are another thing (docs/decisions/figures.md).
        """
        words = self.source.text
        if self.comparator is Comparator.RANGE:
            assert self.low is not None and self.high is not None
            return Figure.of(Hedge.RANGE, self.low, self.high, words=words)
        assert self.value is not None
        hedge = {Comparator.AT_LEAST: Hedge.AT_LEAST, Comparator.AT_MOST: Hedge.AT_MOST}
        return Figure.of(hedge.get(self.comparator, Hedge.EXACT), self.value, words=words)

    def figure(self) -> str:
        """The figure as written in short: ``"≥ 250"``, ``"20–30"``, ``"≈ 50%"``."""
        pct = "%" if self.unit is MetricUnit.PERCENT else ""
        if self.comparator is Comparator.RANGE:
            return f"{figure_text(self.low)}–{figure_text(self.high)}{pct}"
        return f"{_SYMBOL[self.comparator]}{figure_text(self.value)}{pct}"

    def describe(self) -> str:
        """One line in English: figure, metric, stars, scope, per, deadline."""
        return f"{self.figure()} {self.what()}, by {self.deadline.isoformat()}"

    def what(self) -> str:
        """What is counted, in English: metric, stars, scope, per."""
        text = METRICS[self.metric].en
        if self.stars is not None:
            text += f" at {self.stars}"
        if str(self.scope):
            text += f" ({self.scope})"
        if self.per is not None:
            text += f" per {self.per.value.replace('_', ' and ')}"
        return text

    def walk(self) -> tuple[Target, ...]:
        """This target and all its parts, depth first."""
        return (self, *(t for part in self.parts for t in part.walk()))


def figure_text(value: Decimal | None) -> str:
    """A stated figure as written: ``250``, ``30.5``; ``?`` when absent."""
    return "?" if value is None else str(_plain(value))


def _check_shape(t: Target) -> None:
    """Refuse what no document can mean (always, as written or not)."""

    def bad(message: str) -> InvalidInput:
        return InvalidInput(f"target {t.id}: {message}", target=t.id)

    ranged = t.comparator is Comparator.RANGE
    if ranged and (t.low is None or t.high is None or t.value is not None):
        raise bad("a range needs low and high, and no value")
    if not ranged and (t.value is None or t.low is not None or t.high is not None):
        raise bad(f"comparator {t.comparator.value} needs a value, and no low or high")
    info = METRICS[t.metric]
    if t.unit is not info.unit:
        raise bad(f"{t.metric.value} is measured in {info.unit.value}, not {t.unit.value}")
    for figure in (t.value, t.low, t.high):
        if figure is not None and figure < 0:
            raise bad(f"{figure_text(figure)} is negative")
        if t.unit is MetricUnit.COUNT and figure is not None and figure % 1:
            raise bad(f"a count must be a whole number, not {figure_text(figure)}")
    if t.stars is not None and not info.stars:
        raise bad(f"{t.metric.value} does not take a star filter")
    if t.start is not None and t.start > t.deadline:
        raise bad(f"start {t.start.isoformat()} is after the deadline {t.deadline.isoformat()}")
    if t.parts_complete and not t.parts:
        raise bad("parts_complete is set but there are no parts")
    for part in t.parts:
        if part.unit is not t.unit:
            raise bad(f"part {part.id} is in {part.unit.value}, the target in {t.unit.value}")
        if METRICS[part.metric].population is not info.population:
            raise bad(
                f"part {part.id} counts {METRICS[part.metric].en}, not {info.population.value}"
            )


def faults(t: Target) -> list[tuple[str, str]]:
    """Faults a document can contain and the checks report: ``(code, message)`` pairs."""
    found: list[tuple[str, str]] = []
    for figure in _shares_over_100(t):
        found.append(("percentage_out_of_range", f"{figure}% is outside 0–100%"))
    ranged = t.comparator is Comparator.RANGE and t.low is not None and t.high is not None
    if ranged and t.low > t.high:  # type: ignore[operator]
        found.append(("range_inverted", f"range {t.figure()} has its low end above its high"))
    return found


def _shares_over_100(t: Target) -> list[str]:
    """The figures of a share target above 100, as printed (without the % sign)."""
    if t.unit is not MetricUnit.PERCENT:
        return []
    return [figure_text(f) for f in (t.value, t.low, t.high) if f is not None and f > 100]


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_EVALUABLE = "not_evaluable"


@attrs.frozen(slots=True)
class TargetResult(Serialized):
    """A target evaluated against a figure.

    ``gap`` is how far the figure must move to meet the target: positive means
    that much more is needed, negative that much less (an "at most" target), 0
    when met; ``None`` when not evaluable.  For a per-unit target, ``shortfalls``
    lists the units that miss and by how much.  ``due`` says whether the deadline
    has passed on ``on`` (``None`` when no date was given).
    """

    target_id: str
    outcome: Outcome
    required: str
    actual: Fraction | None
    gap: Fraction | None
    reason: str
    due: bool | None = None
    shortfalls: tuple[tuple[str, Fraction], ...] = ()

    _json_names: ClassVar = {"target_id": "target"}


Actual = int | Decimal | Fraction


def evaluate(
    target: Target,
    actual: Actual | Mapping[str, Actual] | None,
    *,
    on: date | None = None,
    reason: str | None = None,
) -> TargetResult:
    """Whether ``actual`` meets ``target``; ``reason`` explains a ``None`` actual.

    A per-unit target (``per="district"``) takes a mapping unit → figure and is
    met when every unit is.  Counts and percentages compare exactly.
    """
    if not isinstance(target, Target):
        raise InvalidInput(f"evaluate() takes a Target, got {show(target)}")
    due = None if on is None else require_date(on) > target.deadline
    required = target.figure()
    if actual is None:
        why = reason or "no figure was given"
        return TargetResult(target.id, Outcome.NOT_EVALUABLE, required, None, None, why, due)
    if target.per is not None:
        if not isinstance(actual, Mapping):
            why = f"the target is per {target.per.value}; give one figure per unit"
            return TargetResult(target.id, Outcome.NOT_EVALUABLE, required, None, None, why, due)
        if not actual:
            why = f"no unit was given for a per-{target.per.value} target"
            return TargetResult(target.id, Outcome.NOT_EVALUABLE, required, None, None, why, due)
        gaps = {str(unit): _gap(target, _exact(value)) for unit, value in actual.items()}
        short = tuple((unit, gap) for unit, gap in sorted(gaps.items()) if gap != 0)
        total = sum((gap for _, gap in short), Fraction(0))
        outcome = Outcome.MET if not short else Outcome.NOT_MET
        why = f"{len(actual) - len(short)} of {len(actual)} units meet {required}"
        return TargetResult(target.id, outcome, required, None, total, why, due, short)
    if isinstance(actual, Mapping):
        raise InvalidInput(f"target {target.id} is not per unit; give one figure")
    figure = _exact(actual)
    gap = _gap(target, figure)
    outcome = Outcome.MET if gap == 0 else Outcome.NOT_MET
    pct = "%" if target.unit is MetricUnit.PERCENT else ""
    why = f"{_show(figure)}{pct} against {required}"
    return TargetResult(target.id, outcome, required, figure, gap, why, due)


def _exact(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise InvalidInput(
            f"a figure must be an int, Decimal or Fraction, not {type(value).__name__}",
            value=repr(value),
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidInput(f"a figure must be finite, not {value}", value=str(value))
    figure = exact(value, "a figure")  # within ocop.limits: 1E+999999999 is refused, not expanded
    if figure < 0:
        raise InvalidInput(f"a figure cannot be negative: {show(value)}", value=show(value))
    return figure


def _gap(target: Target, figure: Fraction) -> Fraction:
    # ABOUT and RANGE are aspirations ("phấn đấu"): meeting the lower end is enough.
    low, high = target.bounds
    if figure < low:
        return Fraction(low) - figure
    strict_upper = target.comparator in (Comparator.AT_MOST, Comparator.EXACTLY)
    if strict_upper and high is not None and figure > high:
        return Fraction(high) - figure
    return Fraction(0)


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}"
