"""Progress of a plan on a date, measured on a real portfolio, in a few numpy passes.

Which products hold a valid certificate on the date, at which star (the
highest valid one), which subjects are active, and from those each target's
figure.  A target the portfolio cannot measure (showrooms, craft villages,
trained workers …) is "not evaluable" with the reason; so is one whose
facts are missing for some subject or product.  Certificate status follows
:func:`ocop.certificates.status` under the same named options.

>>> from datetime import date
>>> from ocop.plans import catalog, progress
>>> from ocop.plans.portfolio import Portfolio
>>> portfolio = Portfolio.model_validate({
...     "subjects": [{"id": "s1", "entity_type": "cooperative"},
...                  {"id": "s2", "entity_type": "sme"}],
...     "products": [
...         {"id": "p1", "subject": "s1",
...          "certificates": [{"star": 3, "issued_on": date(2025, 3, 1)}]},
...         {"id": "p2", "subject": "s2",
...          "certificates": [{"star": 4, "issued_on": date(2025, 6, 1)}]}]})
>>> result = progress(catalog.plan("ninh-thuan-2025"), portfolio, date(2025, 12, 31))
>>> r = result.result("cooperatives")
>>> r.outcome.value, r.actual, r.reason
('met', Fraction(50, 1), '50% against ≥ 30%')
>>> result.result("new-products").gap
Fraction(18, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from ocop.certificates.batch import status_batch
from ocop.certificates.model import ExpiryRule, ExtensionReading
from ocop.dates import require_date
from ocop.display import Displayable
from ocop.errors import InvalidInput, NotFound
from ocop.plans.documents import Plan
from ocop.plans.metrics import METRICS, EntityType, Metric
from ocop.plans.portfolio import ENTITY_TYPES, Portfolio, PortfolioTable
from ocop.plans.targets import Scope, Target, TargetResult, evaluate
from ocop.serialize import Serialized
from ocop.text import fold, show

__all__ = ["Progress", "progress"]

Bools = npt.NDArray[np.bool_]

_ENTITY_SHARE = {Metric.COOPERATIVE_SHARE: EntityType.COOPERATIVE, Metric.SME_SHARE: EntityType.SME}
_SUBJECT_FLAG = {
    Metric.MODERN_CHANNEL_SHARE: "modern_channels",
    Metric.CLOSED_VALUE_CHAIN_SHARE: "closed_value_chain",
    Metric.CIRCULAR_VALUE_CHAIN_SHARE: "circular_value_chain",
    Metric.SUBJECTS_TRAINED_SHARE: "trained",
}
_PRODUCT_COUNTS = (Metric.PRODUCTS, Metric.NEW_PRODUCTS, Metric.CRAFT_VILLAGE_PRODUCTS)


@attrs.frozen(slots=True)
class Progress(Displayable, Serialized):
    """Each target's result on ``on``, and the portfolio's state that day.

    ``products_by_star`` counts products by the highest star they validly hold;
    ``subjects_by_entity`` counts active subjects (with at least one such product).
    """

    plan_id: str
    on: date
    results: tuple[TargetResult, ...]
    products_by_star: Mapping[int, int]
    subjects_by_entity: Mapping[EntityType, int]

    _json_names: ClassVar = {"plan_id": "plan"}

    def result(self, target_id: str) -> TargetResult:
        if not isinstance(target_id, str):
            raise InvalidInput(f"a target id is text, got {show(target_id)}")
        for r in self.results:
            if r.target_id == target_id:
                return r
        raise NotFound(
            f"plan {self.plan_id} has no target {show(target_id)}", target=show(target_id)
        )


def progress(
    plan: Plan,
    portfolio: Portfolio | PortfolioTable,
    on: date,
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
) -> Progress:
    """Evaluate every target of ``plan`` on ``on`` against ``portfolio``."""
    day = require_date(on, "on")
    if not isinstance(plan, Plan):
        raise InvalidInput(f"progress() takes a Plan, not {type(plan).__name__}")
    if isinstance(portfolio, Portfolio):
        table = portfolio.table()
    elif isinstance(portfolio, PortfolioTable):
        table = portfolio
    else:
        raise InvalidInput(
            f"expected a Portfolio or PortfolioTable, got {type(portfolio).__name__}"
        )
    state = _State(table, day, rule, reading)
    results = tuple(_result(state, t) for t in plan.all_targets())
    held = state.held
    by_star = {s: int(np.count_nonzero(held == s)) for s in (3, 4, 5)}
    entities = table.subject_entity[state.active_subjects(state.everywhere)]
    counts = np.bincount(entities, minlength=len(ENTITY_TYPES))
    by_entity = {e: int(counts[i]) for i, e in enumerate(ENTITY_TYPES) if counts[i]}
    return Progress(plan.id, day, results, MappingProxyType(by_star), MappingProxyType(by_entity))


class _State:
    """The portfolio on one day: certificate validity and each product's held star."""

    def __init__(
        self, table: PortfolioTable, on: date, rule: ExpiryRule, reading: ExtensionReading
    ) -> None:
        self.table, self.on = table, on
        d = table.certificate_dates
        status = status_batch(
            d["issued_on"],
            on,
            revoked_on=d["revoked_on"],
            superseded_on=d["superseded_on"],
            re_evaluation_filed_on=d["re_evaluation_filed_on"],
            re_evaluation_decided_on=d["re_evaluation_decided_on"],
            rule=rule,
            reading=reading,
        )
        valid = status.valid
        self.held = np.zeros(table.product_count, dtype=np.int8)
        np.maximum.at(self.held, table.certificate_product[valid], table.certificate_star[valid])
        self.everywhere = np.ones(table.product_count, dtype=np.bool_)

    def scope_mask(self, scope: Scope) -> tuple[Bools, int]:
        """Products in ``scope``, and how many certified ones cannot be placed in it."""
        t, mask = self.table, self.everywhere.copy()
        unplaced = np.zeros(t.product_count, dtype=np.bool_)
        for value, codes, names in (
            (scope.district, t.district_codes, t.district_names),
            (scope.commune, t.commune_codes, t.commune_names),
            (scope.product_group, t.group_codes, t.group_names),
        ):
            if value is not None:
                folded = [fold(n) for n in names]
                code = folded.index(fold(value)) if fold(value) in folded else -2
                mask &= codes == code
                unplaced |= codes == -1
        if scope.entity_type is not None:
            wanted = ENTITY_TYPES.index(scope.entity_type)
            mask &= t.subject_entity[t.product_subject] == wanted
        if scope.tag is not None:
            tag = fold(scope.tag)
            tagged = [any(fold(x) == tag for x in tags) for tags in t.product_tags]
            mask &= np.fromiter(tagged, dtype=np.bool_, count=t.product_count)
        return mask, int(np.count_nonzero(unplaced & (self.held > 0)))

    def active_subjects(self, mask: Bools) -> npt.NDArray[np.int32]:
        return np.unique(self.table.product_subject[mask & (self.held > 0)])

    def new_stars(self, start: date, end: date) -> npt.NDArray[np.int8]:
        """Per product: the highest star issued in [start, end] if its first certificate is."""
        t = self.table
        issued = t.certificate_dates["issued_on"]
        first = np.full(t.product_count, np.datetime64("9999-12-31", "D"))
        np.minimum.at(first, t.certificate_product, issued)
        lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
        inside = (issued >= lo) & (issued <= hi)
        stars = np.zeros(t.product_count, dtype=np.int8)
        np.maximum.at(stars, t.certificate_product[inside], t.certificate_star[inside])
        stars[(first < lo) | (first > hi)] = 0
        return stars


def _result(state: _State, t: Target) -> TargetResult:
    figure, why = _figure(state, t)
    return evaluate(t, figure, on=state.on, reason=why)


def _figure(state: _State, t: Target) -> tuple[Fraction | None, str | None]:
    if t.per is not None:
        return None, (
            f"a per-{t.per.value} target needs one figure per unit; "
            "give them to ocop.plans.evaluate as a mapping"
        )
    mask, unplaced = state.scope_mask(t.scope)
    if unplaced:
        return None, f"{unplaced} products with a valid certificate have no {_placed_by(t.scope)}"
    if t.metric in _PRODUCT_COUNTS:
        return _product_count(state, t, mask)
    if t.metric in _ENTITY_SHARE or t.metric in _SUBJECT_FLAG:
        return _subject_share(state, t, mask)
    return None, f"a portfolio of products and certificates does not record {METRICS[t.metric].en}"


def _placed_by(scope: Scope) -> str:
    named = [n for n in ("district", "commune", "product_group") if getattr(scope, n) is not None]
    return " or ".join(n.replace("_", " ") for n in named)


def _product_count(state: _State, t: Target, mask: Bools) -> tuple[Fraction | None, str | None]:
    low, high = (t.stars.min, t.stars.max) if t.stars is not None else (1, 5)
    if t.metric is Metric.NEW_PRODUCTS or (t.metric is Metric.CRAFT_VILLAGE_PRODUCTS and t.start):
        if t.start is None:
            return None, "a count of new products needs the target's start date"
        stars = state.new_stars(t.start, min(state.on, t.deadline))
    else:
        stars = state.held
    counted = mask & (stars >= low) & (stars <= high)
    if t.metric is Metric.CRAFT_VILLAGE_PRODUCTS:
        craft = state.table.product_craft_village
        unknown = int(np.count_nonzero(counted & (craft == -1)))
        if unknown:
            return (
                None,
                f"whether from a craft village is unknown for {unknown} counted products",
            )
        counted &= craft == 1
    return Fraction(int(np.count_nonzero(counted))), None


def _subject_share(state: _State, t: Target, mask: Bools) -> tuple[Fraction | None, str | None]:
    subjects = state.active_subjects(mask)
    if subjects.size == 0:
        return None, f"no OCOP subject holds a valid certificate on {state.on.isoformat()}"
    if t.metric in _ENTITY_SHARE:
        wanted = ENTITY_TYPES.index(_ENTITY_SHARE[t.metric])
        yes = np.count_nonzero(state.table.subject_entity[subjects] == wanted)
    else:
        name = _SUBJECT_FLAG[t.metric]
        flags = state.table.subject_flags[name][subjects]
        unknown = int(np.count_nonzero(flags == -1))
        if unknown:
            return None, f"{name} is unknown for {unknown} of {subjects.size} active subjects"
        yes = np.count_nonzero(flags == 1)
    return Fraction(100 * int(yes), int(subjects.size)), None
