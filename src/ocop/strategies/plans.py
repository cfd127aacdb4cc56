"""Strategies for plans, their targets and parts, and portfolios (``ocop.plans``)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from ocop.admin import provinces
from ocop.arguments import choice, integer, items, same_kind
from ocop.certificates import Certificate
from ocop.errors import InvalidInput
from ocop.plans import (
    METRICS,
    Baseline,
    Comparator,
    EntityType,
    Metric,
    MetricUnit,
    Per,
    Plan,
    PlanLevel,
    Portfolio,
    Product,
    Quote,
    Scope,
    Stars,
    Subject,
    Target,
    TextKind,
    TimetableStep,
    Years,
)
from ocop.plans.targets import AS_WRITTEN
from ocop.strategies.budget import _budget_for
from ocop.strategies.certificates import _certificate_on, boundary_dates
from ocop.text import show

__all__ = [
    "PLAN_DEFECTS",
    "PlanDefect",
    "PlantedPlan",
    "baselines",
    "inconsistent_plans",
    "plans",
    "portfolios",
    "products",
    "quotes",
    "scopes",
    "star_ranges",
    "subjects",
    "targets",
    "timetable_steps",
    "years",
]

Span = Years | tuple[int, int]

# Names as the catalogued Kon Tum plans print them (districts before 01/7/2025).
_DISTRICTS = ("Đăk Tô", "Kon Plông", "Ngọc Hồi", "Tu Mơ Rông")
_COMMUNES = ("Măng Đen", "Ngọc Linh")
_TAGS = ("chăn nuôi", "du lịch", "dược liệu")
_GROUPS = ("I", "II", "III", "IV", "V", "VI")
_PRODUCT_NAMES = ("Cà phê bột Đăk Hà", "Mật ong rừng", "Rượu cần", "Sâm Ngọc Linh")
_PLACES = ("Mục II.1", "Mục II.2", "Mục III", "Phụ lục")
_SENTENCES = (
    "Phấn đấu có ít nhất 250 sản phẩm OCOP đạt từ 3 sao trở lên.",
    "Có ít nhất 40% chủ thể OCOP là hợp tác xã.",
    "Mỗi huyện có ít nhất 01 điểm giới thiệu và bán sản phẩm OCOP.",
)
_STEPS = (
    "Tuyên truyền, hướng dẫn",
    "Nhận phương án, ý tưởng sản phẩm",
    "Đánh giá và phân hạng sản phẩm cấp tỉnh",
    "Xúc tiến thương mại",
)


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """None first (the shortest example), then a value."""
    return st.one_of(st.none(), values)


def _span(period: Span) -> tuple[int, int]:
    if isinstance(period, Years):
        return (period.start, period.end)
    given = items(period, "period", max_length=2)
    if len(given) != 2:
        raise InvalidInput(f"period is (first year, last year), not {show(period)}")
    first, last = integer(given[0], "period"), integer(given[1], "period")
    Years(start=first, end=last)  # InvalidInput for a period no plan can have
    return first, last


# --- the pieces of a plan ----------------------------------------------------------------


def years(min_year: int = 2018, max_year: int = 2030) -> st.SearchStrategy[Years]:
    """Spans of whole years within ``min_year``–``max_year`` (shrinks to one year, the first)."""

    @st.composite
    def build(draw: st.DrawFn) -> Years:
        start = draw(st.integers(min_year, max_year))
        return Years(start=start, end=draw(st.integers(start, max_year)))

    return build()


def quotes() -> st.SearchStrategy[Quote]:
    """Where a target is written and its sentence: a plan's wording, or any text."""
    text = st.one_of(st.sampled_from(_SENTENCES), st.text(min_size=1, max_size=80))
    return st.builds(Quote, where=st.sampled_from(_PLACES), text=text)


def timetable_steps(period: Span = (2018, 2030)) -> st.SearchStrategy[TimetableStep]:
    """Steps of the OCOP cycle in ``period`` (or every year): months, or all year round."""
    first, last = _span(period)

    @st.composite
    def build(draw: st.DrawFn) -> TimetableStep:
        return _step(draw, first, last)

    return build()


_QUOTES = quotes()


def _step(draw: st.DrawFn, first: int, last: int) -> TimetableStep:
    fields: dict[str, Any] = {
        "step": draw(st.sampled_from(_STEPS)),
        "year": draw(st.none() | st.integers(first, last)),
        "source": draw(_QUOTES),
    }
    if draw(st.booleans()):
        fields["continuous"] = True
    else:
        fields["from_month"] = draw(st.integers(1, 12))
        fields["to_month"] = draw(st.integers(fields["from_month"], 12))
    return TimetableStep(**fields)


def star_ranges(min_star: int = 1, max_star: int = 5) -> st.SearchStrategy[Stars]:
    """Star filters of a product target: ``min``–``max`` within the bounds given."""

    @st.composite
    def build(draw: st.DrawFn) -> Stars:
        low = draw(st.integers(min_star, max_star))
        return Stars(min=low, max=draw(st.integers(low, max_star)))

    return build()


def scopes() -> st.SearchStrategy[Scope]:
    """Scopes of a target, each field sometimes set (shrinks to the whole plan, ``Scope()``)."""
    return st.builds(
        Scope,
        district=_maybe(st.sampled_from(_DISTRICTS)),
        commune=_maybe(st.sampled_from(_COMMUNES)),
        entity_type=_maybe(st.sampled_from(list(EntityType))),
        product_group=_maybe(st.sampled_from(_GROUPS)),
        tag=_maybe(st.sampled_from(_TAGS)),
    )


def baselines(
    as_of: st.SearchStrategy[date] | None = None, *, max_value: int = 1_000
) -> st.SearchStrategy[Baseline]:
    """Baselines with a value, a change or both (by default as of 31 December, 2018–2029)."""
    dates = as_of if as_of is not None else st.integers(2018, 2029).map(lambda y: date(y, 12, 31))

    @st.composite
    def build(draw: st.DrawFn) -> Baseline:
        given = draw(st.sampled_from(["value", "change", "both"]))
        value = Decimal(draw(st.integers(0, max_value))) if given != "change" else None
        change = Decimal(draw(st.integers(0, max_value))) if given != "value" else None
        return Baseline(as_of=draw(dates), value=value, change=change)

    return build()


def _quote(target_id: str) -> dict[str, str]:
    return {"where": f"generated › {target_id}", "text": f"(generated target {target_id})"}


def targets(
    *, metric: Metric | None = None, deadline: date = date(2025, 12, 31)
) -> st.SearchStrategy[Target]:
    """Valid single targets (no parts) on any metric, due on ``deadline``.

    Sometimes scoped, per unit, or measured from a baseline that adds up to the
    figure (as of 31 December of an earlier year).
    """

    scoped = st.one_of(st.just(Scope()), scopes())
    per = _maybe(st.sampled_from(list(Per)))

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        chosen = metric or draw(st.sampled_from(list(Metric)))
        info = METRICS[chosen]
        top = 100 if info.unit is MetricUnit.PERCENT else 10_000
        comparator = draw(st.sampled_from(list(Comparator)))
        fields: dict[str, Any] = {
            "id": "t",
            "metric": chosen,
            "unit": info.unit,
            "comparator": comparator,
            "deadline": deadline,
            "source": _quote("t"),
        }
        if comparator is Comparator.RANGE:
            low = draw(st.integers(0, top))
            fields.update(low=low, high=draw(st.integers(low, top)))
        else:
            low = fields["value"] = draw(st.integers(0, top))
        stated = 0 if comparator is Comparator.AT_MOST else low  # what the baseline adds up to
        if info.stars and draw(st.booleans()):
            low_star = draw(st.integers(1, 5))
            fields["stars"] = {"min": low_star, "max": draw(st.integers(low_star, 5))}
        fields["scope"] = draw(scoped)
        fields["per"] = draw(per)
        if deadline.year > 2000 and draw(st.booleans()):
            base = draw(st.integers(0, stated))
            as_of = date(draw(st.integers(max(2000, deadline.year - 5), deadline.year - 1)), 12, 31)
            fields["baseline"] = {"as_of": as_of, "value": base, "change": stated - base}
        return Target(**fields)

    return build()


# --- plans -------------------------------------------------------------------------------

PlanDefect = Literal[
    "breakdown_sum_mismatch",
    "breakdown_exceeds_total",
    "percentage_out_of_range",
    "range_inverted",
    "shares_exceed_100",
    "deadline_outside_period",
    "baseline_mismatch",
]
#: What :func:`inconsistent_plans` can plant, named by the finding code that reports each.
PLAN_DEFECTS: tuple[PlanDefect, ...] = PlanDefect.__args__  # type: ignore[attr-defined]


@attrs.frozen(slots=True)
class _PlanOptions:
    period: tuple[int, int] | None
    province: str | None
    level: PlanLevel | None
    budget: bool
    timetable: bool


def _header(draw: st.DrawFn, options: _PlanOptions) -> dict[str, Any]:
    """Who issued the plan, when, and for which period."""
    if options.period is None:
        start = draw(st.integers(2021, 2024))
        end = draw(st.integers(start, 2025))
    else:
        start, end = options.period
    level = options.level or draw(st.sampled_from([PlanLevel.PROVINCIAL, PlanLevel.NATIONAL]))
    day = draw(st.none() | st.integers(0, 364))
    issued_on = None if day is None else date(start, 1, 1) + timedelta(days=day)
    fields: dict[str, Any] = {"issued_year": start, "issued_on": issued_on, "level": level.value}
    if level is PlanLevel.NATIONAL:
        number = draw(_NUMBERS)
        fields.update(kind="quyet_dinh", issuer="Thủ tướng Chính phủ")
        fields["number"] = None if number is None else f"{number}/QĐ-TTg"
    else:
        on = issued_on or date(start, 1, 1)
        name = options.province or draw(st.sampled_from([p.name_vi for p in provinces(on=on)]))
        number = draw(_NUMBERS)
        fields.update(kind="ke_hoach", issuer=f"UBND {name}", province=name)
        fields["number"] = None if number is None else f"{number}/KH-UBND"
    fields["period"] = {"start": start, "end": end}
    fields["horizon"] = draw(st.none() | st.integers(end + 1, end + 10)) if end < 2091 else None
    fields["text"] = draw(st.sampled_from(list(TextKind))).value
    return fields


_NUMBERS = st.none() | st.integers(1, 2000)


def _plan_data(draw: st.DrawFn, options: _PlanOptions) -> dict[str, Any]:
    """A consistent plan as a JSON-like mapping (what the defects edit)."""
    header = _header(draw, options)
    start, end = header["period"]["start"], header["period"]["end"]
    deadline = date(end, 12, 31)
    total = draw(st.integers(10, 400))
    five = draw(st.integers(0, total))
    new_total = draw(st.integers(2, 100))
    new_four = draw(st.integers(0, new_total))
    coop = draw(st.integers(0, 100))
    sme = draw(st.integers(0, 100 - coop))
    channel_low = draw(st.integers(0, 100))
    channel_high = draw(st.integers(channel_low, 100))
    base = draw(st.integers(0, total))

    def target(tid: str, metric: Metric, comparator: str, **more: Any) -> dict[str, Any]:
        unit = METRICS[metric].unit.value
        fields = {"comparator": comparator, "deadline": deadline, "source": _quote(tid)}
        return {"id": tid, "metric": metric.value, "unit": unit, **fields, **more}

    first = date(start, 1, 1)
    extra: dict[str, Any] = {}
    if options.timetable:
        extra["timetable"] = tuple(_step(draw, start, end) for _ in range(draw(st.integers(0, 3))))
    if options.budget and draw(st.booleans()):
        extra["budget"] = _budget_for(draw, (start, end))
    return {
        "id": "generated",
        "title": "Generated plan",
        **header,
        "targets": [
            target(
                "products", Metric.PRODUCTS, "at_least", value=total, stars={"min": 3},
                baseline={"as_of": date(start - 1, 12, 31), "value": base,
                          "change": total - base},
                parts=[target("products.five", Metric.PRODUCTS, "at_least", value=five,
                              stars={"min": 5, "max": 5})],
            ),
            target(
                "new", Metric.NEW_PRODUCTS, "about", value=new_total, start=first,
                stars={"min": 3, "max": 4}, parts_complete=True,
                parts=[
                    target("new.four", Metric.NEW_PRODUCTS, "about", value=new_four, start=first,
                           stars={"min": 4, "max": 4}),
                    target("new.three", Metric.NEW_PRODUCTS, "about", value=new_total - new_four,
                           start=first, stars={"min": 3, "max": 3}),
                ],
            ),
            target("coop", Metric.COOPERATIVE_SHARE, "at_least", value=coop),
            target("sme", Metric.SME_SHARE, "at_least", value=sme),
            target("channels", Metric.MODERN_CHANNEL_SHARE, "range", low=channel_low,
                   high=channel_high),
        ],
        **extra,
    }  # fmt: skip


def plans(
    *,
    period: Span | None = None,
    province: str | None = None,
    level: PlanLevel | str | None = PlanLevel.PROVINCIAL,
    budget: bool = True,
    timetable: bool = True,
) -> st.SearchStrategy[Plan]:
    """Consistent plans: the checks find no error in them (warnings and notes may remain).

    ``period`` is the plan's (first year, last year) (default: drawn in
    2021–2025), ``province`` the issuing province's name (default: any province
    of the issue date), ``level`` provincial or national (None: either).  Five
    targets (products with a 5★ part, new products split 4★ + 3★, cooperative,
    SME and modern-channel shares); with ``timetable`` up to three steps; with
    ``budget`` sometimes a budget (:func:`ocop.strategies.budgets`) for the
    period.  Compare with no reference (``check(p, national=None,
    multi_year=None)``): the catalogue's plans set their own figures.
    """
    options = _plan_options(period, province, level, budget, timetable)

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        return Plan.model_validate(_plan_data(draw, options))

    return build()


def _plan_options(
    period: Span | None,
    province: str | None,
    level: PlanLevel | str | None,
    budget: bool,
    timetable: bool,
) -> _PlanOptions:
    if province is not None:
        same_kind(province, str, "province")
    return _PlanOptions(
        None if period is None else _span(period),
        province,
        None if level is None else choice(level, PlanLevel, "level"),
        budget,
        timetable,
    )


@attrs.frozen(slots=True)
class PlantedPlan:
    """A plan read as written with inconsistencies planted: ``planted`` is (code, target id)."""

    plan: Plan
    planted: tuple[tuple[PlanDefect, str], ...]


def inconsistent_plans(
    defects: tuple[PlanDefect, ...] = PLAN_DEFECTS,
    *,
    period: Span | None = None,
    province: str | None = None,
    level: PlanLevel | str | None = PlanLevel.PROVINCIAL,
) -> st.SearchStrategy[PlantedPlan]:
    """Plans with one to three subtle inconsistencies planted, each a finding code of the checks.

    The plans are those of :func:`plans` (with no budget or timetable), before
    the defects are planted.
    """
    options = _plan_options(period, province, level, False, False)
    defects = tuple(items(defects, "defects"))
    if not defects or not all(isinstance(d, str) and d in PLAN_DEFECTS for d in defects):
        raise InvalidInput(
            f"defects are one or more of {', '.join(PLAN_DEFECTS)}, not {show(defects)}",
            allowed=list(PLAN_DEFECTS),
        )

    @st.composite
    def build(draw: st.DrawFn) -> PlantedPlan:
        data = _plan_data(draw, options)
        chosen = draw(st.lists(st.sampled_from(defects), min_size=1, max_size=3, unique=True))
        by_id = {t["id"]: t for top in data["targets"] for t in (top, *top.get("parts", ()))}
        planted = [(code, _plant(draw, code, by_id, data)) for code in chosen]
        return PlantedPlan(Plan.model_validate(data, context={AS_WRITTEN: True}), tuple(planted))

    return build()


def _plant(
    draw: st.DrawFn, code: PlanDefect, by_id: dict[str, dict[str, Any]], data: dict[str, Any]
) -> str:
    """Edit ``data`` so that the finding ``code`` is due; return the target's id.

    Each defect edits its own targets, so any combination can be planted at once.
    """
    off_by = draw(st.integers(1, 20))
    if code == "breakdown_sum_mismatch":
        by_id["new.three"]["value"] += off_by
        return "new"
    if code == "breakdown_exceeds_total":
        products = by_id["products"]
        low = products.pop("value")
        products.update(comparator="range", low=low, high=low + draw(st.integers(0, 5)))
        by_id["products.five"]["value"] = products["high"] + off_by
        return "products"
    if code == "percentage_out_of_range":
        tid = "trained"
        target = {**by_id["coop"], "id": tid, "metric": Metric.SUBJECTS_TRAINED_SHARE.value}
        data["targets"].append({**target, "value": 100 + off_by, "source": _quote(tid)})
        return tid
    if code == "range_inverted":
        low = draw(st.integers(1, 100))
        by_id["channels"].update(low=low, high=draw(st.integers(0, low - 1)))
        return "channels"
    if code == "shares_exceed_100":
        sme = draw(st.integers(1, 100))
        by_id["sme"]["value"] = sme
        by_id["coop"]["value"] = draw(st.integers(101 - sme, 100))
        return "coop"
    if code == "deadline_outside_period":
        # Past the orientation year too, if any: a deadline within it is only noted.
        end = data["horizon"] or data["period"]["end"]
        by_id["channels"]["deadline"] = date(end + 1 + off_by % 3, 6, 30)
        return "channels"
    by_id["products"]["baseline"]["change"] += off_by
    return "products"


# --- portfolios --------------------------------------------------------------------------


def subjects(*, id: str | None = None) -> st.SearchStrategy[Subject]:
    """OCOP subjects of any kind; each fact (modern channels, value chains, trained) may be
    unknown (``None``)."""
    ids = st.just(id) if id is not None else st.integers(1, 99).map(lambda n: f"s{n}")
    flag = _maybe(st.booleans())
    return st.builds(
        Subject,
        id=ids,
        entity_type=st.sampled_from(list(EntityType)),
        modern_channels=flag,
        closed_value_chain=flag,
        circular_value_chain=flag,
        trained=flag,
    )


def _histories(
    issued: st.SearchStrategy[date] | None,
) -> st.SearchStrategy[tuple[Certificate, ...]]:
    """None, one or two certificates; a second one supersedes the first on its issue date."""
    days = issued if issued is not None else boundary_dates(max_value=date(2029, 12, 31))
    ranks = st.integers(3, 5)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Certificate, ...]:
        count = draw(st.integers(0, 2))
        if count == 0:
            return ()
        first = _certificate_on(draw, draw(days), draw(ranks), events=True, details=False)
        if count == 1:
            return (first,)
        day = first.issued_on + timedelta(days=draw(st.integers(1, 5 * 365)))
        later = _certificate_on(draw, day, draw(ranks), events=True, details=False)
        replaced = first.model_dump() | {"superseded_on": later.issued_on}
        return (Certificate(**replaced), later)

    return build()


def products(
    *,
    id: str | None = None,
    subject: str | None = None,
    issued: st.SearchStrategy[date] | None = None,
) -> st.SearchStrategy[Product]:
    """Products of ``subject`` (default ``s1`` …) with zero to two certificates, where made,
    their group, tags and craft village sometimes given.  ``issued`` draws the first
    certificate's issue date (default :func:`ocop.strategies.boundary_dates`)."""
    ids = st.just(id) if id is not None else st.integers(1, 99).map(lambda n: f"p{n}")
    owners = st.just(subject) if subject is not None else st.integers(1, 99).map(lambda n: f"s{n}")
    return st.builds(
        Product,
        id=ids,
        subject=owners,
        name=_maybe(st.sampled_from(_PRODUCT_NAMES)),
        district=_maybe(st.sampled_from(_DISTRICTS)),
        commune=_maybe(st.sampled_from(_COMMUNES)),
        product_group=_maybe(st.sampled_from(_GROUPS)),
        tags=st.lists(st.sampled_from(_TAGS), max_size=2, unique=True).map(tuple),
        craft_village=_maybe(st.booleans()),
        certificates=_histories(issued),
    )


def portfolios(
    *,
    max_subjects: int = 4,
    max_products: int = 6,
    issued: st.SearchStrategy[date] | None = None,
) -> st.SearchStrategy[Portfolio]:
    """Portfolios of subjects ``s1`` … and products ``p1`` … each made by one of them.

    A product holds zero to two certificates (see :func:`products`).  Shrinks to
    the empty portfolio.
    """

    every_subject = st.lists(subjects(), max_size=max_subjects)
    one_product = products(issued=issued)

    @st.composite
    def build(draw: st.DrawFn) -> Portfolio:
        # Lists, renumbered after drawing: the shrinker deletes whole subjects and products.
        drawn = draw(every_subject)
        owners = [s.model_copy(update={"id": f"s{k + 1}"}) for k, s in enumerate(drawn)]
        made: list[tuple[int, Product]] = []
        if owners:
            owner = st.integers(0, len(owners) - 1)
            made = draw(st.lists(st.tuples(owner, one_product), max_size=max_products))
        return Portfolio(
            subjects=tuple(owners),
            products=tuple(
                p.model_copy(update={"id": f"p{k + 1}", "subject": owners[o].id})
                for k, (o, p) in enumerate(made)
            ),
        )

    return build()
