"""A budget table: items × funding sources × years in int64 đồng, with the totals it states.

A plan's table rarely gives every cell.  Kon Tum's appendix gives items ×
sources (no years), the phasing by year per source, a total column and a
total row.  So a table holds figures at eight *levels*, one per choice of the
axes it breaks down (:class:`Level`): ``CELL`` is item × source × year,
``ITEM_SOURCE`` is item × source summed over the years, …, ``TOTAL`` is the
grand total.  Each level is an int64 array in đồng and a mask of the figures
the document states; a level the document does not give has no stated figure.
Totals are kept as the document claims them and never recomputed over it:
:func:`ocop.budget.reconcile` compares them.

>>> import numpy as np
>>> from ocop.budget import BudgetTable, Item, Level, Source
>>> t = BudgetTable.from_arrays(
...     np.array([[[2, 3]], [[5, 0]]]) * 1_000_000,
...     items=(Item("a", "Tuyên truyền"), Item("b", "Xúc tiến thương mại")),
...     sources=(Source.CENTRAL_BUDGET,), years=(2024, 2025),
...     totals={Level.TOTAL: 10_000_000},
... )
>>> t.shape, t.stated(Level.TOTAL), int(t.values(Level.CELL).sum())
((2, 1, 2), True, 10000000)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from types import MappingProxyType
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ocop._plugin import on_new_type
from ocop.arguments import choice, flag, integer
from ocop.arguments import items as items_of
from ocop.budget.vocabulary import Activity, Source, outermost
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.inputs import require_unique
from ocop.money import INT64_MAX, Unit
from ocop.readonly import frozen_array
from ocop.text import show

__all__ = ["AXES", "BudgetTable", "Item", "Level", "PeriodClaim", "span"]

#: The three axes of a table, in array order.
AXES: Final = ("item", "source", "year")

Amounts = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

# A sum of non-negative int64 cannot overflow if the float estimate of the grand
# sum stays below this (float64 is exact to 2**-52 relative; this leaves room).
_SAFE_SUM: Final = 9.0e18


class Level(Enum):
    """Which axes a figure breaks down: the rest are summed over."""

    CELL = ("item", "source", "year")
    ITEM_SOURCE = ("item", "source")
    ITEM_YEAR = ("item", "year")
    SOURCE_YEAR = ("source", "year")
    ITEM = ("item",)
    SOURCE = ("source",)
    YEAR = ("year",)
    TOTAL = ()

    @property
    def axes(self) -> tuple[str, ...]:
        axes: tuple[str, ...] = self.value
        return axes

    @classmethod
    def of(cls, *, item: bool, source: bool, year: bool) -> Level:
        """The level of a figure that names an item, a source and a year (or not)."""
        named = (flag(item, "item"), flag(source, "source"), flag(year, "year"))
        wanted = tuple(a for a, on in zip(AXES, named, strict=True) if on)
        return cls(wanted)

    def shape_in(self, sizes: tuple[int, int, int]) -> tuple[int, ...]:
        """This level's array shape in a table of ``sizes`` (items, sources, years)."""
        given = items_of(sizes, "sizes", max_length=3)
        if len(given) != 3:
            raise InvalidInput(f"sizes are (items, sources, years), got {show(sizes)}")
        named = dict(zip(AXES, (integer(s, "size", low=0) for s in given), strict=True))
        return tuple(named[a] for a in self.axes)

    def below(self, other: Level) -> bool:
        """Whether ``other`` breaks down every axis this level does, and more."""
        return set(self.axes) < set(_level(other).axes)


@attrs.frozen(slots=True)
class Item:
    """A line of the table (nội dung), with its unit and quantity when the document gives them."""

    id: str
    name: str
    activity: Activity | None = None
    number: str | None = None  # "TT" as printed: "1", "II", "3.2"
    unit: str | None = None  # "ĐVT" as printed: "Sản phẩm", "Lượt người"
    quantity: int | None = None

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}" if self.number else self.name


def span(years: Sequence[int]) -> str:
    """Years as people write them: '2025', '2021–2025', or a list when there are gaps."""
    years = tuple(integer(y, "years", low=1, high=9999) for y in items_of(years, "years"))
    if not years:
        return "no year"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


@attrs.frozen(slots=True)
class PeriodClaim:
    """A period the document says a table covers (its title, a column header)."""

    start: int
    end: int
    where: str
    text: str

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start, self.end + 1))


@attrs.frozen(slots=True, eq=False)
class BudgetTable(Displayable):
    """Figures of one table at every :class:`Level`, in đồng, with masks of what is stated.

    Build one with :meth:`from_arrays` (numpy) or from a document
    (:class:`ocop.budget.TableDocument`, records, CSV).  ``unit`` is the unit
    the document writes in, used to show amounts; values are always đồng.
    """

    id: str
    title: str
    items: tuple[Item, ...]
    sources: tuple[Source, ...]
    years: tuple[int, ...]
    unit: Unit = Unit.TRIEU
    where: str | None = None
    periods: tuple[PeriodClaim, ...] = ()
    _values: Mapping[Level, Amounts] = attrs.field(factory=dict, repr=False, alias="values")
    # None: every figure of the level is stated (the fast path for full arrays).
    _stated: Mapping[Level, Mask | None] = attrs.field(factory=dict, repr=False, alias="stated")

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self.items), len(self.sources), len(self.years))

    def level_shape(self, level: Level) -> tuple[int, ...]:
        return _level(level).shape_in(self.shape)

    def present(self, level: Level) -> bool:
        """Whether the document states at least one figure at ``level``."""
        return _level(level) in self._values

    def values(self, level: Level) -> Amounts:
        """The figures at ``level`` in đồng (zeros where not stated); read-only."""
        level = _level(level)
        found = self._values.get(level)
        if found is None:
            found = frozen_array(np.zeros(self.level_shape(level), dtype=np.int64))
        return found

    def mask(self, level: Level) -> Mask | None:
        """Which figures are stated: None when all are (or, if absent, none is)."""
        level = _level(level)
        if level not in self._values:
            return frozen_array(np.zeros(self.level_shape(level), dtype=np.bool_))
        return self._stated.get(level)

    def stated(self, level: Level, *index: int) -> bool:
        level = _level(level)
        index = self._index(level, index)
        if level not in self._values:
            return False
        mask = self._stated.get(level)
        return True if mask is None else bool(mask[index])

    def amount(self, level: Level, *index: int) -> int | None:
        """The stated figure at ``index`` of ``level`` in đồng, or None when not stated."""
        level = _level(level)
        index = self._index(level, index)
        return int(self._values[level][index]) if self.stated(level, *index) else None

    def _index(self, level: Level, index: tuple[object, ...]) -> tuple[int, ...]:
        """``index`` checked against ``level``'s shape: one int per axis, within range."""
        shape = self.level_shape(level)
        if len(index) != len(shape):
            raise InvalidInput(
                f"{level.name} takes {len(shape)} indices ({', '.join(level.axes) or 'none'}), "
                f"got {len(index)}",
                level=level.name,
            )
        return tuple(
            integer(i, f"{axis} index", low=0, high=size - 1)
            for i, axis, size in zip(index, level.axes, shape, strict=True)
        )

    def levels(self) -> Iterator[Level]:
        """The levels the document gives, most detailed first."""
        return (level for level in Level if level in self._values)

    def source_index(self, source: Source) -> int | None:
        source = choice(source, Source, "source")
        return self.sources.index(source) if source in self.sources else None

    def top_sources(self) -> tuple[int, ...]:
        """Positions of the sources no other source of the table contains."""
        return outermost(self.sources)

    def label(self, level: Level, index: tuple[int, ...]) -> str:
        """A readable place for a figure: 'item × source × year', 'Tổng' where summed."""
        level = _level(level)
        if isinstance(index, str | bytes) or not isinstance(index, Sequence):
            raise InvalidInput(f"index must be a tuple of ints, got {show(index)}")
        index = self._index(level, tuple(items_of(index, "index")))  # range(10**20) too
        named = dict(zip(level.axes, index, strict=True))
        parts = [
            self.items[named["item"]].label if "item" in named else "Tổng",
            self.sources[named["source"]].short if "source" in named else "mọi nguồn",
            str(self.years[named["year"]]) if "year" in named else "cả giai đoạn",
        ]
        return f"{self.id} › {' × '.join(parts)}"

    @classmethod
    def from_arrays(
        cls,
        cells: npt.ArrayLike | None = None,
        *,
        items: Sequence[Item],
        sources: Sequence[Source | str],
        years: Sequence[int],
        totals: Mapping[Level, npt.ArrayLike] | None = None,
        masks: Mapping[Level, npt.ArrayLike] | None = None,
        id: str = "table",
        title: str = "",
        unit: Unit | str = Unit.TRIEU,
        where: str | None = None,
        periods: Sequence[PeriodClaim] = (),
    ) -> BudgetTable:
        """A table from int64 đồng arrays: ``cells`` (item × source × year) and ``totals``.

        ``totals`` maps other levels to their stated figures; ``masks`` marks
        which figures of a level are stated (default: all).  Integer arrays
        only; negative amounts, floats and sums beyond int64 are refused.
        """
        if totals is not None and not isinstance(totals, Mapping):
            raise InvalidInput(f"totals map a Level to its figures, got {show(totals)}")
        if masks is not None and not isinstance(masks, Mapping):
            raise InvalidInput(f"masks map a Level to a bool array, got {show(masks)}")
        items = items_of(items, "items")
        sources = items_of(sources, "sources")
        years = items_of(years, "years")
        periods = items_of(periods, "periods")
        given: dict[Level, Any] = dict(totals or {})
        if cells is not None:
            if Level.CELL in given:
                raise InvalidInput("give the cells once: as cells or as totals[Level.CELL]")
            given[Level.CELL] = cells
        if not sources:
            raise InvalidInput("a budget table has at least one funding source")
        require_unique((_check_item(i).id for i in items), "item")
        require_unique((Source.parse(s).value for s in sources), "source")
        table = cls(
            id=id,
            title=title,
            items=tuple(_check_item(i) for i in items),
            sources=tuple(Source.parse(s) for s in sources),
            years=_check_years(years),
            unit=Unit.parse(unit),
            where=where,
            periods=tuple(periods),
        )
        values: dict[Level, Amounts] = {}
        stated: dict[Level, Mask | None] = {}
        for level, raw in given.items():
            if not isinstance(level, Level):
                raise InvalidInput(f"totals are keyed by Level, not {show(level)}")
            values[level] = _amounts(raw, table.level_shape(level), level)
            mask = (masks or {}).get(level)
            stated[level] = None if mask is None else _mask(mask, values[level], level)
        for level in masks or {}:
            if level not in values:
                raise InvalidInput(f"a mask for {level.name} but no figures at that level")
        object.__setattr__(table, "_values", MappingProxyType(values))
        object.__setattr__(table, "_stated", MappingProxyType(stated))
        return table


def _level(level: object) -> Level:
    if not isinstance(level, Level):
        raise InvalidInput(
            f"level must be a Level ({', '.join(m.name for m in Level)}), got {show(level)}",
            value=show(level),
        )
    return level


def _check_item(item: object) -> Item:
    if not isinstance(item, Item):
        raise InvalidInput(f"items are Item objects, not {show(item)}")
    return item


def _check_years(years: Sequence[int]) -> tuple[int, ...]:
    out = tuple(years)
    for y in out:
        if isinstance(y, bool) or not isinstance(y, int | np.integer) or not 2000 <= y <= 2100:
            raise InvalidInput(
                f"a year is a whole number in 2000–2100, not {show(y)}", year=show(y)
            )
    if any(a >= b for a, b in itertools.pairwise(out)):
        raise InvalidInput(f"years must increase, each once: {list(out)}")
    return tuple(int(y) for y in out)


def _amounts(raw: object, shape: tuple[int, ...], level: Level) -> Amounts:
    array = np.asarray(raw)
    if array.dtype.kind not in "iu" or array.dtype == np.uint64:
        raise InvalidInput(
            f"{level.name}: amounts are integer đồng (int64), not {array.dtype}; "
            "convert figures with ocop.money.to_dong, never through float",
            level=level.name,
            dtype=str(array.dtype),
        )
    if array.shape != shape:
        raise InvalidInput(
            f"{level.name}: shape {array.shape} does not match the table's {shape}",
            level=level.name,
        )
    # No conversion copy: the one copy is the frozen one below, in the same (often Fortran,
    # item-fastest) layout, which makes reconciliation several times faster (docs/budget.md).
    values = array.astype(np.int64, copy=False)
    if values.size:
        if int(values.min()) < 0:
            where = np.unravel_index(int(values.argmin()), shape)
            raise InvalidInput(
                f"{level.name}: negative amount {int(values[where])} at {tuple(map(int, where))}; "
                "funding amounts are never negative",
                level=level.name,
            )
        if float(values.sum(dtype=np.float64)) > _SAFE_SUM:
            raise InvalidInput(
                f"{level.name}: the amounts add up beyond what int64 đồng can hold "
                f"({INT64_MAX:,}); split the table",
                level=level.name,
            )
    # One copy in immutable memory, layout kept: the caller's later writes cannot reach a
    # validated table, nor can anyone turn the WRITEABLE flag back on (docs/budget.md).
    return frozen_array(values)


def _mask(raw: npt.ArrayLike, values: Amounts, level: Level) -> Mask:
    mask = np.asarray(raw)
    if mask.dtype != np.bool_ or mask.shape != values.shape:
        raise InvalidInput(f"{level.name}: a mask is a bool array of shape {values.shape}")
    if bool((values[~mask] != 0).any()):
        raise InvalidInput(f"{level.name}: a figure not stated must be 0")
    return frozen_array(mask)


on_new_type(BudgetTable)  # st.from_type(BudgetTable) works if Hypothesis is loaded (ocop._plugin)
