"""Strategies for plan budgets (``ocop.budget``): consistent by default, figures as printed.

Every table is drawn from one *truth*: amounts in đồng per item × source ×
year, where a source that contains other listed sources is their sum (NSNN =
NSTW + NSĐP).  Each stated figure is a sum of that truth, so every total equals
its parts and :func:`ocop.budget.reconcile` finds nothing.  A figure is written
the way :func:`ocop.budget.read_figures` reads it: in the table's unit and
locale, with or without thousands marks (``24.250``, ``24250``), sometimes as
a JSON integer; a zero may be left blank, as printed tables leave ``-``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from ocop.arguments import items
from ocop.budget import (
    AXES,
    Activity,
    Budget,
    BudgetTable,
    Claim,
    ClaimPart,
    Entry,
    Item,
    ItemSpec,
    Level,
    PeriodClaim,
    PeriodSpec,
    Source,
    TableDocument,
)
from ocop.budget.table import span
from ocop.budget.vocabulary import outermost
from ocop.errors import InvalidInput
from ocop.money import Locale, Unit, format_amount
from ocop.text import show

__all__ = [
    "budget_tables",
    "budgets",
    "claim_parts",
    "claims",
    "entries",
    "item_specs",
    "period_specs",
    "table_documents",
]

Amounts = npt.NDArray[np.int64]

#: Units in shrinking order: triệu đồng, what plans write, first.
_UNITS = (Unit.TRIEU, Unit.TY, Unit.NGHIN, Unit.DONG)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


# --- parameters ------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Options:
    """The parameters every budget strategy shares, checked once."""

    period: tuple[int, int]
    unit: Unit | None
    locale: Locale | None
    sources: tuple[Source, ...] | None
    max_sources: int
    max_items: int
    max_amount: int
    decimals: int
    blanks: bool
    json_integers: bool
    # Built once per strategy: a strategy built for every draw costs more than the draw.
    source_lists: st.SearchStrategy[tuple[Source, ...]]
    conventions: st.SearchStrategy[Locale]


def _options(
    period: tuple[int, int],
    unit: Unit | str | None,
    locale: str | None,
    sources: Sequence[Source | str] | None,
    max_sources: int,
    max_items: int,
    max_amount: int,
    decimals: int,
    blanks: bool,
    json_integers: bool,
) -> _Options:
    if not (
        isinstance(period, tuple)
        and len(period) == 2
        and all(isinstance(y, int) and 2000 <= y <= 2100 for y in period)
        and period[0] <= period[1]
    ):
        raise InvalidInput(
            f"period is (first year, last year) within 2000–2100, not {show(period)}"
        )
    if not (locale is None or (isinstance(locale, str) and locale in ("vi", "en", "detect"))):
        raise InvalidInput(f"locale is 'vi', 'en', 'detect' or None (either), not {show(locale)}")
    for name, value, low in (
        ("max_sources", max_sources, 1),
        ("max_items", max_items, 1),
        ("max_amount", max_amount, 0),
        ("decimals", decimals, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidInput(f"{name} is a whole number ≥ {low}, not {show(value)}")
    if locale == "detect" and decimals > 2:
        # Ungrouped figures with one or two decimals can be read by one notation only;
        # "1,125" could be read both ways, and "detect" would rightly refuse it.
        raise InvalidInput(f"locale='detect' writes at most 2 decimals, not {show(decimals)}")
    if max_items > len(_LETTERS):
        raise InvalidInput(f"max_items is at most {len(_LETTERS)} (items are named a–z)")
    listed = None
    if sources is not None:
        listed = tuple(Source.parse(s) for s in items(sources, "sources"))
        if not listed or len(set(listed)) != len(listed):
            raise InvalidInput(f"sources are one or more distinct sources, not {show(sources)}")
    parsed = None if unit is None else Unit.parse(unit)
    largest = (parsed or Unit.TY).factor * max_amount
    leaves = len(listed) if listed is not None else max_sources
    if largest * max_items * (period[1] - period[0] + 1) * leaves > 9 * 10**18:
        raise InvalidInput(
            f"max_amount {show(max_amount)} could make totals beyond what int64 đồng can hold"
        )
    order = list(Source)
    source_lists = (
        st.just(listed)
        if listed is not None
        else st.lists(st.sampled_from(order), min_size=1, max_size=max_sources, unique=True).map(
            lambda drawn: tuple(sorted(drawn, key=order.index))
        )
    )
    chosen = None if locale is None else Locale(locale)
    conventions = st.just(chosen) if chosen is not None else st.sampled_from(Locale.written())
    return _Options(
        period,
        parsed,
        chosen,
        listed,
        max_sources,
        max_items,
        max_amount,
        decimals,
        blanks,
        json_integers,
        source_lists,
        conventions,
    )


# --- the truth every figure is summed from ---------------------------------------------------


@attrs.frozen(slots=True, eq=False)
class _Truth:
    """Amounts in đồng, items × sources × years; a parent source is the sum of its children."""

    unit: Unit
    items: tuple[ItemSpec, ...]
    sources: tuple[Source, ...]
    years: tuple[int, ...]
    cells: Amounts

    def by_source(self) -> tuple[int, ...]:
        return tuple(int(v) for v in self.cells.sum(axis=(0, 2)))

    def total(self) -> int:
        return int(self.cells[:, list(outermost(self.sources)), :].sum())


_ACTIVITIES = st.none() | st.sampled_from(list(Activity))
#: What an item row says besides its amounts: activity, whether TT is printed, a quantity.
_ITEM_FACTS = st.tuples(_ACTIVITIES, st.booleans(), st.none() | st.integers(0, 500))


def _item(k: int, facts: tuple[Activity | None, bool, int | None]) -> ItemSpec:
    """Item ``k``: id a, b, c …; its activity, number, and a quantity in products if any."""
    activity, numbered, quantity = facts
    counted = activity is not None and activity.counts_products and quantity is not None
    return ItemSpec(
        id=_LETTERS[k],
        name=activity.label_vi if activity is not None else f"Nội dung {k + 1}",
        activity=activity,
        number=str(k + 1) if numbered else None,
        unit="Sản phẩm" if counted else None,
        quantity=quantity if counted else None,
    )


def _truth(
    draw: st.DrawFn, options: _Options, min_items: int, n_years: int, first_year: int
) -> _Truth:
    """The amounts, drawn item by item: a list the shrinker can delete whole items from."""
    unit = options.unit or draw(st.sampled_from(_UNITS))
    sources = draw(options.source_lists)
    decimals = min(options.decimals, unit.exponent)
    step = unit.factor // 10**decimals
    # Only sources that contain no other listed source are drawn; the others are sums.
    leaves = [
        k for k, s in enumerate(sources) if not any(c.nearest_in(sources) is s for c in sources)
    ]
    size = len(leaves) * n_years
    amounts = st.lists(
        st.integers(0, options.max_amount * 10**decimals), min_size=size, max_size=size
    )
    rows = draw(
        st.lists(st.tuples(_ITEM_FACTS, amounts), min_size=min_items, max_size=options.max_items)
    )
    cells = np.zeros((len(rows), len(sources), n_years), dtype=np.int64)
    for i, (_, drawn) in enumerate(rows):
        cells[i, leaves, :] = np.array(drawn, dtype=np.int64).reshape(len(leaves), n_years) * step
    # Deepest sources first: a parent is summed from children that are already final.
    for p in sorted(range(len(sources)), key=lambda k: -len(sources[k].ancestors())):
        children = [c for c, s in enumerate(sources) if s.nearest_in(sources) is sources[p]]
        if children:
            cells[:, p, :] = cells[:, children, :].sum(axis=1)
    return _Truth(
        unit=unit,
        items=tuple(_item(k, facts) for k, (facts, _) in enumerate(rows)),
        sources=sources,
        years=tuple(range(first_year, first_year + n_years)),
        cells=cells,
    )


def _sized_truth(
    draw: st.DrawFn, options: _Options, min_items: int, min_years: int
) -> tuple[_Truth, bool, bool]:
    """A truth, and whether the table lists its items and its years (a minimum of 0: maybe
    not, and not is where it shrinks to)."""
    first, last = options.period
    with_items = min_items > 0 or draw(st.booleans())
    with_years = min_years > 0 or draw(st.booleans())
    n_years = draw(st.integers(max(min_years, 1), last - first + 1))
    start = draw(st.integers(first, last - n_years + 1))
    truth = _truth(draw, options, max(min_items, 1), n_years, start)
    return truth, with_items, with_years


# --- one table as a view of the truth --------------------------------------------------------


@attrs.frozen(slots=True, eq=False)
class _View:
    """What one table states: its axes, and each level's figures with a mask of the stated."""

    truth: _Truth
    items: tuple[ItemSpec, ...]
    years: tuple[int, ...]
    values: dict[Level, Amounts]
    masks: dict[Level, npt.NDArray[np.bool_]]

    def table(
        self, id: str, title: str, where: str | None, periods: tuple[PeriodSpec, ...]
    ) -> BudgetTable:
        return BudgetTable.from_arrays(
            totals=self.values,
            masks={level: m for level, m in self.masks.items() if not m.all()},
            items=tuple(
                Item(s.id, s.name, s.activity, s.number, s.unit, s.quantity) for s in self.items
            ),
            sources=self.truth.sources,
            years=self.years,
            id=id,
            title=title,
            unit=self.truth.unit,
            where=where,
            periods=tuple(PeriodClaim(p.start, p.end, p.where, p.text) for p in periods),
        )


def _level_values(cells: Amounts, top: tuple[int, ...], level: Level) -> Amounts:
    """The figures of ``level``: sums of the cells (only outermost sources into a total)."""
    base = cells if "source" in level.axes else cells[:, list(top), :].sum(axis=1, keepdims=True)
    summed = tuple(k for k, axis in enumerate(AXES) if axis not in level.axes)
    return np.asarray(base.sum(axis=summed), dtype=np.int64)


def _view(
    draw: st.DrawFn,
    truth: _Truth,
    with_items: bool,
    with_years: bool,
    levels: Collection[Level] | None,
    blanks: bool,
) -> _View:
    cells = truth.cells
    if not with_items:
        cells = cells.sum(axis=0, keepdims=True)
    if not with_years:
        cells = cells.sum(axis=2, keepdims=True)
    axes = {"source"} | ({"item"} if with_items else set()) | ({"year"} if with_years else set())
    allowed = [level for level in Level if set(level.axes) <= axes]
    if levels is not None:
        chosen = [level for level in Level if level in levels]
    else:
        # One yes/no per level, the most detailed first: shrinks to the most detailed alone.
        chosen = [level for level in allowed if draw(st.booleans())] or allowed[:1]
    top = outermost(truth.sources)
    values: dict[Level, Amounts] = {}
    masks: dict[Level, npt.NDArray[np.bool_]] = {}
    for level in sorted(chosen, key=list(Level).index):
        values[level] = _level_values(cells, top, level)
        stated = np.ones(values[level].shape, dtype=np.bool_)
        if blanks:
            # A yes/no for every figure, used only on zeros: drawing them for zeros only
            # made 0 a longer example than 0,1, and shrinking stopped at 0,1.
            size = values[level].size
            left = np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size)))
            stated.flat[left.astype(np.bool_) & (values[level].ravel() == 0)] = False
        masks[level] = stated
    if not any(m.any() for m in masks.values()):  # a document states at least one figure
        first = next(iter(masks))
        masks[first].flat[0] = True
    return _View(
        truth,
        truth.items if with_items else (),
        truth.years if with_years else (),
        values,
        masks,
    )


# --- writing figures --------------------------------------------------------------------------


def _figure(
    draw: st.DrawFn, amount: int, unit: Unit, convention: Locale, hidden: Locale, ints: bool
) -> str | int:
    """``amount`` as printed in ``unit``: text in the convention, or a JSON integer.

    The same draws whatever the amount: were a choice drawn for whole amounts only,
    0 would be a longer example than 0,1, and shrinking would stop at 0,1.
    """
    as_int = ints and draw(st.booleans())
    grouped = convention is not Locale.DETECT and draw(st.booleans())
    if as_int and amount % unit.factor == 0:
        return amount // unit.factor
    locale = hidden if convention is Locale.DETECT else convention
    text = format_amount(amount, unit, locale=locale, with_unit=False)
    # Under "detect" a thousands mark could be read both ways ("1.234"); a decimal mark
    # with one or two digits after it cannot, and decides the column.
    return text if grouped else text.replace(locale.group, "")


def _document(
    draw: st.DrawFn, view: _View, id: str, title: str, options: _Options
) -> TableDocument:
    convention = draw(options.conventions)
    hidden = draw(st.sampled_from(Locale.written()))
    unit = view.truth.unit
    entries: list[dict[str, Any]] = []
    for level, values in view.values.items():
        for index in np.ndindex(values.shape):
            if not view.masks[level][index]:
                continue
            named = dict(zip(level.axes, index, strict=True))
            entry: dict[str, Any] = {}
            if "item" in named:
                entry["item"] = view.items[named["item"]].id
            if "source" in named:
                entry["source"] = view.truth.sources[named["source"]].value
            if "year" in named:
                entry["year"] = view.years[named["year"]]
            amount = int(values[index])
            entry["amount"] = _figure(draw, amount, unit, convention, hidden, options.json_integers)
            entries.append(entry)
    periods: list[dict[str, Any]] = []
    if draw(st.booleans()) and view.years:
        first, last = view.years[0], view.years[-1]
        words = f"Phân kỳ kinh phí giai đoạn {span(view.years)}"
        periods.append({"start": first, "end": last, "where": "tiêu đề bảng", "text": words})
    return TableDocument.model_validate(
        {
            "id": id,
            "title": title,
            "where": draw(st.none() | st.just(title.split(":")[0])),
            "unit": unit.label_vi,
            "locale": convention,
            "items": [i.model_dump(exclude_none=True) for i in view.items],
            "sources": [s.value for s in view.truth.sources],
            "years": list(view.years),
            "periods": periods,
            "entries": entries,
        }
    )


# --- claims -----------------------------------------------------------------------------------


def _claim(draw: st.DrawFn, truth: _Truth, id: str, options: _Options) -> Claim:
    """A sentence stating the truth's total and some sources' totals, consistently."""
    convention = draw(options.conventions)
    hidden = draw(st.sampled_from(Locale.written()))
    unit, sources = truth.unit, truth.sources
    by_source = dict(zip(sources, truth.by_source(), strict=True))
    with_total = draw(st.booleans())
    named = set(draw(st.lists(st.sampled_from(sources), unique=True)))
    if with_total and named:
        # Listed parts add up to the total: every outermost source is among them.
        named |= {sources[i] for i in outermost(sources)}
    parts = [s for s in sources if s in named]
    if not parts:
        with_total = True
    complete = bool(parts) and with_total and draw(st.booleans())

    def figure(amount: int) -> str | int:
        return _figure(draw, amount, unit, convention, hidden, options.json_integers)

    total = figure(truth.total()) if with_total else None
    written = [(s, figure(by_source[s])) for s in parts]
    label = unit.label_vi
    listing = "; ".join(f"{s.label_vi} {amount} {label}" for s, amount in written)
    verb = "gồm" if complete else "trong đó"
    if total is None:
        text = f"Kinh phí thực hiện Chương trình, {verb}: {listing}."
    elif written:
        text = f"Tổng kinh phí thực hiện Chương trình {total} {label}, {verb}: {listing}."
    else:
        text = f"Tổng kinh phí thực hiện Chương trình {total} {label}."
    return Claim.model_validate(
        {
            "id": id,
            "where": "Mục V.1",
            "text": text,
            "unit": label,
            "locale": convention,
            "total": total,
            "parts": [{"source": s.value, "amount": amount} for s, amount in written],
            "parts_complete": complete,
        }
    )


# --- the public strategies --------------------------------------------------------------------


def budget_tables(
    *,
    period: tuple[int, int] = (2021, 2025),
    unit: Unit | str | None = None,
    sources: Sequence[Source | str] | None = None,
    levels: Collection[Level] | None = None,
    min_items: int = 1,
    max_items: int = 3,
    min_years: int = 1,
    max_sources: int = 4,
    max_amount: int = 100_000,
    decimals: int = 1,
    blanks: bool = True,
) -> st.SearchStrategy[BudgetTable]:
    """Consistent :class:`~ocop.budget.BudgetTable` objects: reconciling one finds nothing.

    Items a, b, c … (``min_items``–``max_items``; 0 items: a table by source and
    year only), a run of years in ``period`` (at least ``min_years``; 0: not
    phased), ``sources`` (default: 1 to ``max_sources`` distinct sources, a
    parent with its children when drawn together), and the ``levels`` it states
    (default: a drawn non-empty set).  Leaf cells are 0 to ``max_amount`` in
    ``unit`` with up to ``decimals`` decimals; with ``blanks`` a zero figure may
    be left unstated.  Shrinks to one item, one year, the first source (NSNN),
    the cells only, all 0.
    """
    options = _options(
        period, unit, None, sources, max_sources, max_items, max_amount, decimals, blanks, False
    )
    low_items, low_years = _minimums(levels, min_items, min_years, options)

    @st.composite
    def build(draw: st.DrawFn) -> BudgetTable:
        truth, with_items, with_years = _sized_truth(draw, options, low_items, low_years)
        view = _view(draw, truth, with_items, with_years, levels, blanks)
        return view.table("t", "Kinh phí thực hiện Chương trình OCOP", None, ())

    return build()


def _minimums(
    levels: Collection[Level] | None, min_items: int, min_years: int, options: _Options
) -> tuple[int, int]:
    """The least items and years a table needs to state ``levels``."""
    span_years = options.period[1] - options.period[0] + 1
    for name, value, most in (
        ("min_items", min_items, options.max_items),
        ("min_years", min_years, span_years),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
            raise InvalidInput(f"{name} is a whole number in 0–{most}, not {show(value)}")
    if levels is None:
        return min_items, min_years
    levels = items(levels, "levels")  # a date or an endless iterable is not a collection
    if not levels or not all(isinstance(level, Level) for level in levels):
        raise InvalidInput(f"levels are one or more ocop.budget.Level, not {show(levels)}")
    has_items = any("item" in level.axes for level in levels)
    has_years = any("year" in level.axes for level in levels)
    return max(min_items, int(has_items)), max(min_years, int(has_years))


def table_documents(
    *,
    id: str = "t",
    period: tuple[int, int] = (2021, 2025),
    unit: Unit | str | None = None,
    locale: str | None = None,
    sources: Sequence[Source | str] | None = None,
    levels: Collection[Level] | None = None,
    min_items: int = 1,
    max_items: int = 3,
    min_years: int = 1,
    max_sources: int = 4,
    max_amount: int = 100_000,
    decimals: int = 1,
    blanks: bool = True,
    json_integers: bool = True,
) -> st.SearchStrategy[TableDocument]:
    """Consistent :class:`~ocop.budget.TableDocument` objects with figures as printed.

    Parameters as for :func:`budget_tables`; ``locale`` is the table's
    convention (``"vi"``, ``"en"``, ``"detect"``; default either of the first
    two): each figure is written in it with or without thousands marks, or
    (``json_integers``) as a JSON integer where it is whole in the unit.  Under
    ``"detect"`` figures are ungrouped, so that only a decimal mark can decide
    the notation, and ``decimals`` is at most 2.
    """
    options = _options(
        period,
        unit,
        locale,
        sources,
        max_sources,
        max_items,
        max_amount,
        decimals,
        blanks,
        json_integers,
    )
    low_items, low_years = _minimums(levels, min_items, min_years, options)

    @st.composite
    def build(draw: st.DrawFn) -> TableDocument:
        truth, with_items, with_years = _sized_truth(draw, options, low_items, low_years)
        view = _view(draw, truth, with_items, with_years, levels, blanks)
        return _document(draw, view, id, "Phụ lục 1: Kinh phí thực hiện Chương trình OCOP", options)

    return build()


def budgets(
    *,
    period: tuple[int, int] = (2021, 2025),
    unit: Unit | str | None = None,
    locale: str | None = None,
    sources: Sequence[Source | str] | None = None,
    max_tables: int = 2,
    max_claims: int = 2,
    max_items: int = 3,
    max_sources: int = 4,
    max_amount: int = 100_000,
    decimals: int = 1,
    blanks: bool = True,
    json_integers: bool = True,
) -> st.SearchStrategy[Budget]:
    """Consistent :class:`~ocop.budget.Budget` objects: ``check_budget`` finds no error.

    Up to ``max_tables`` tables (``t1``, ``t2`` …) and ``max_claims`` prose claims
    (``c1`` …) of one budget in one ``unit``: each table shows items × sources ×
    years, or sums over the items or the years (an appendix by source and year),
    so any two agree wherever both state a figure, and each claim states the
    grand total and source totals the tables give.  Every table and claim has
    its own convention unless ``locale`` fixes it.  Other parameters as for
    :func:`table_documents`.  Shrinks to an empty budget.
    """
    options = _options(
        period,
        unit,
        locale,
        sources,
        max_sources,
        max_items,
        max_amount,
        decimals,
        blanks,
        json_integers,
    )
    for name, value in (("max_tables", max_tables), ("max_claims", max_claims)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(f"{name} is a whole number ≥ 0, not {show(value)}")

    @st.composite
    def build(draw: st.DrawFn) -> Budget:
        return _budget(draw, options, max_tables, max_claims)

    return build()


_SHAPES = st.sampled_from([(True, True), (True, False), (False, True), (False, False)])


def _budget(draw: st.DrawFn, options: _Options, max_tables: int, max_claims: int) -> Budget:
    n_tables = draw(st.integers(0, max_tables))
    n_claims = draw(st.integers(0, max_claims))
    if n_tables == n_claims == 0:
        return Budget()
    truth, _, _ = _sized_truth(draw, options, 1, 1)
    tables = []
    for k in range(n_tables):
        with_items, with_years = draw(_SHAPES)
        view = _view(draw, truth, with_items, with_years, None, options.blanks)
        title = f"Phụ lục {k + 1}: Kinh phí thực hiện Chương trình OCOP"
        tables.append(_document(draw, view, f"t{k + 1}", title, options))
    claims = [_claim(draw, truth, f"c{k + 1}", options) for k in range(n_claims)]
    return Budget(tables=tuple(tables), claims=tuple(claims))


def _budget_for(draw: st.DrawFn, period: tuple[int, int]) -> Budget:
    """A budget as :func:`budgets` draws it with its defaults, for a plan of ``period``."""
    return _budget(draw, _default_options(period), 2, 2)


@cache
def _default_options(period: tuple[int, int]) -> _Options:
    return _options(period, None, None, None, 4, 3, 100_000, 1, True, True)


def claims(
    *,
    unit: Unit | str | None = None,
    locale: str | None = None,
    sources: Sequence[Source | str] | None = None,
    max_sources: int = 4,
    max_amount: int = 100_000,
    decimals: int = 1,
    json_integers: bool = True,
) -> st.SearchStrategy[Claim]:
    """Claims whose parts add up to their total where both are stated ("gồm" or "trong đó")."""
    options = _options(
        (2021, 2021),
        unit,
        locale,
        sources,
        max_sources,
        1,
        max_amount,
        decimals,
        False,
        json_integers,
    )

    @st.composite
    def build(draw: st.DrawFn) -> Claim:
        truth, _, _ = _sized_truth(draw, options, 1, 1)
        return _claim(draw, truth, "c1", options)

    return build()


def item_specs() -> st.SearchStrategy[ItemSpec]:
    """Items named a–z, with an activity, number and quantity in products sometimes."""
    return st.builds(_item, st.integers(0, len(_LETTERS) - 1), _ITEM_FACTS)


def period_specs(period: tuple[int, int] = (2021, 2025)) -> st.SearchStrategy[PeriodSpec]:
    """Periods within ``period`` that a table's title or header says it covers."""
    first, last = _options(period, None, None, None, 1, 1, 0, 0, False, False).period

    @st.composite
    def build(draw: st.DrawFn) -> PeriodSpec:
        start = draw(st.integers(first, last))
        end = draw(st.integers(start, last))
        where = draw(st.sampled_from(["tiêu đề bảng", "tiêu đề cột"]))
        words = f"Phân kỳ kinh phí giai đoạn {span(range(start, end + 1))}"
        return PeriodSpec(start=start, end=end, where=where, text=words)

    return build()


def entries(
    *,
    period: tuple[int, int] = (2021, 2025),
    unit: Unit | str = Unit.TRIEU,
    locale: Literal["vi", "en"] = "vi",
    max_amount: int = 100_000,
) -> st.SearchStrategy[Entry]:
    """Single printed figures: an item, a source and a year each sometimes left out (a total)."""
    options = _single_figure_options(period, unit, locale, max_amount)
    first, last = options.period

    @st.composite
    def build(draw: st.DrawFn) -> Entry:
        return Entry(
            item=draw(st.none() | st.sampled_from(_LETTERS)),
            source=draw(st.none() | st.sampled_from(list(Source))),
            year=draw(st.none() | st.integers(first, last)),
            amount=_printed(draw, options),
        )

    return build()


def claim_parts(
    *, unit: Unit | str = Unit.TRIEU, locale: Literal["vi", "en"] = "vi", max_amount: int = 100_000
) -> st.SearchStrategy[ClaimPart]:
    """One source's amount in a claim, written in ``unit`` and ``locale``."""
    options = _single_figure_options((2021, 2021), unit, locale, max_amount)

    @st.composite
    def build(draw: st.DrawFn) -> ClaimPart:
        figure = _printed(draw, options)
        return ClaimPart(source=draw(st.sampled_from(list(Source))), amount=figure)

    return build()


def _single_figure_options(
    period: tuple[int, int], unit: Unit | str, locale: str, max_amount: int
) -> _Options:
    if not (isinstance(locale, str) and locale in ("vi", "en")):
        raise InvalidInput(f"locale is 'vi' or 'en' for a figure alone, not {show(locale)}")
    return _options(period, Unit.parse(unit), locale, None, 1, 1, max_amount, 1, False, True)


def _printed(draw: st.DrawFn, options: _Options) -> str | int:
    """One amount of 0 to ``max_amount`` (one decimal) written in the options' unit and locale."""
    unit = options.unit or Unit.TRIEU
    locale = Locale(options.locale or "vi")
    return _figure(draw, _amount(draw, options), unit, locale, locale, True)


def _amount(draw: st.DrawFn, options: _Options) -> int:
    unit = options.unit or Unit.TRIEU
    decimals = min(options.decimals, unit.exponent)
    k = draw(st.integers(0, options.max_amount * 10**decimals))
    return int(k * (unit.factor // 10**decimals))
