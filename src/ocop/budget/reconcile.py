"""Reconciling one table: every stated total against the stated figures it sums.

For each pair of levels the table gives, where one is a total of the other
and no given level lies between them (row totals over the sources, column
totals over the items, the phasing over the years, the grand total over
whichever breakdown lies just below it), the stated total is compared with the
sum of its stated parts.  A source that contains others (ngân sách nhà nước =
trung ương + địa phương) is compared with them too, and only the outermost
sources are added into a total.  A blank part counts as 0; a total whose parts
are all blank is not checked.

Mismatches are findings; the totals that held are counted, and listed on
demand by :meth:`Reconciliation.proven` (a national table has millions).  The
arithmetic is numpy over blocks of thousands of items (docs/budget.md, "Large
tables"): no Python loop over rows.

>>> import numpy as np
>>> from ocop.budget import BudgetTable, Item, Level, Source, reconcile
>>> t = BudgetTable.from_arrays(
...     np.array([[[3_000_000], [1_000_000]]]), items=(Item("a", "Tuyên truyền"),),
...     sources=(Source.CENTRAL_BUDGET, Source.SUBJECTS), years=(2025,),
...     totals={Level.ITEM: np.array([5_000_000])}, unit="triệu đồng")
>>> r = reconcile(t)
>>> [(f.code, f.expected, f.actual) for f in r.findings]
[('sources_years_sum_mismatch', 4000000, 5000000)]
>>> print(r.findings[0].message_vi)
table › Tuyên truyền × mọi nguồn × cả giai đoạn: ghi 5 triệu đồng, cộng các nguồn vốn và các \
năm được 4 (NSTW 2025 3 + chủ thể 2025 1), chênh 1
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from types import EllipsisType
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from ocop.arguments import integer
from ocop.budget.table import AXES, BudgetTable, Level
from ocop.codes import Lang
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.findings import Finding, Localized, Proven, finding, proven
from ocop.money import format_amount

__all__ = ["Comparison", "Reconciliation", "reconcile"]

#: Parts listed in a message before "… and N more".
_SHOWN: Final = 8


@attrs.frozen(slots=True, eq=False)
class Comparison:
    """One kind of total compared with its parts over a whole level.

    ``parent`` totals are compared with ``child`` figures summed over ``axes``
    (or, for ``sub_source``, a source with the sources it contains).  ``scope``
    marks the totals that were checked (None: all of them), ``failed`` those
    that differ from the sum of their parts.  The sums themselves are not kept
    (a national table's would be a quarter of its cells): :meth:`sum_at` adds
    one total's parts up again, :attr:`sums` all of them.
    """

    code: str
    parent: Level
    child: Level
    axes: tuple[str, ...]
    scope: npt.NDArray[np.bool_] | None
    failed: npt.NDArray[np.bool_]
    table: BudgetTable = attrs.field(repr=False)
    sub_source: tuple[int, tuple[int, ...]] | None = None  # (parent source, its children)

    def __attrs_post_init__(self) -> None:
        # What was found stays as found: a caller cannot make `mismatches` disagree with
        # the findings by writing to the arrays (they are this result's own, not copied).
        for found in (self.scope, self.failed):
            if isinstance(found, np.ndarray):
                found.flags.writeable = False

    @property
    def checked(self) -> int:
        return int(self.failed.size if self.scope is None else np.count_nonzero(self.scope))

    @property
    def mismatches(self) -> int:
        return int(np.count_nonzero(self.failed))

    @property
    def held(self) -> npt.NDArray[np.bool_]:
        """The totals that were checked and equal their parts."""
        return ~self.failed if self.scope is None else self.scope & ~self.failed

    @property
    def sums(self) -> npt.NDArray[np.int64]:
        """Every total's parts added up, shaped as ``failed`` (a whole pass over ``child``)."""
        values = self.table.values(self.child)
        if self.sub_source is not None:
            at = self.child.axes.index("source")
            return _add_sources(values, at, self.sub_source[1])
        sums, _ = _collapse(
            self.table, values, self.table.mask(self.child), self.child.axes, self.axes
        )
        return sums

    def sum_at(self, *index: int) -> int:
        """The parts of the total at ``index`` (a position in ``failed``) added up."""
        if len(index) != self.failed.ndim:
            raise InvalidInput(
                f"a position of this comparison has {self.failed.ndim} indices, got {len(index)}"
            )
        at = tuple(
            integer(i, "index", low=0, high=size - 1)
            for i, size in zip(index, self.failed.shape, strict=True)
        )
        values = self.table.values(self.child)
        if self.sub_source is not None:
            full = _parent_index(self, at)
            s = self.child.axes.index("source")
            return sum(int(values[(*full[:s], c, *full[s + 1 :])]) for c in self.sub_source[1])
        # The child's figures under this total: the parent's axes fixed, the summed ones whole.
        fixed = dict(zip(self.parent.axes, at, strict=True))
        pick = tuple(fixed.get(a, slice(None)) for a in self.child.axes)
        mask = self.table.mask(self.child)
        sums, _ = _collapse(
            self.table, values[pick], None if mask is None else mask[pick], self.axes, self.axes
        )
        return int(sums)


@attrs.frozen(slots=True, eq=False)
class Reconciliation(Displayable):
    """What reconciling one table found, and what it proved."""

    table: BudgetTable
    comparisons: tuple[Comparison, ...]
    findings: tuple[Finding, ...]

    @property
    def checked(self) -> int:
        """How many stated totals were compared with their parts."""
        return sum(c.checked for c in self.comparisons)

    @property
    def held(self) -> int:
        """How many of them equal their parts."""
        return sum(c.checked - c.mismatches for c in self.comparisons)

    @property
    def reconciled(self) -> bool:
        return not self.findings

    def proven(self) -> tuple[Proven, ...]:
        """One :class:`Proven` per total that held, with the parts it was checked against."""
        return tuple(self._proven())

    def _proven(self) -> Iterator[Proven]:
        for c in self.comparisons:
            for idx in _indices(c.held):
                yield _proven(self.table, c, idx)


def reconcile(table: BudgetTable) -> Reconciliation:
    """Compare every stated total of ``table`` with its stated parts."""
    if not isinstance(table, BudgetTable):
        raise InvalidInput(f"reconcile() takes a BudgetTable, not {type(table).__name__}")
    present = list(table.levels())
    top = table.top_sources()
    checks = {(p, c): _Check(table, p, c, top) for p, c in _pairs(tuple(present))}
    same = _same_sums(table, checks, top)
    _add_up(table, [k for key, k in checks.items() if key not in same])
    for target, (source, below) in same.items():
        checks[target].take(checks[source], [checks[b] for b in below])
    comparisons = [k.result() for k in checks.values()]
    if len(top) < len(table.sources):  # else no source of the table contains another
        for level in present:
            if "source" in level.axes:
                comparisons += _sub_sources(table, level)
    kept = tuple(c for c in comparisons if c.checked)
    findings = tuple(f for c in kept for f in _findings(table, c))
    return Reconciliation(table, kept, findings)


def _add_up(table: BudgetTable, checks: list[_Check]) -> None:
    """Run ``checks``: those that add up one child level read the same block of its items
    while it is in the CPU's cache (a national table's cells are read once, not thrice)."""
    for child in Level:
        group = [k for k in checks if k.child is child and k.by_items]
        if group:
            step = max(1, _BLOCK_BYTES // max(1, group[0].item_bytes))
            for start in range(0, len(table.items), step):
                rows = slice(start, start + step)
                for k in group:
                    k.add(rows)
    for k in checks:
        k.finish()


Key = tuple[Level, Level]  # (parent, child) of a check


@cache
def _pairs(present: tuple[Level, ...]) -> tuple[Key, ...]:
    """The (total, parts) levels to compare: one a total of the other, no given level between
    them.  Worked out once per set of levels (of which there are 256)."""
    return tuple(
        (parent, child)
        for parent in present
        for child in present
        if parent.below(child) and not any(parent.below(m) and m.below(child) for m in present)
    )


#: Checks that add up the same figures in another order once the checks below them held:
#: an item's total over its sources' totals is its total over its years' totals when both
#: equal the item's cells added up (integers: exact in any order).  The first check of each
#: pair takes the failures of the second, and adds up again only the items where a check
#: below failed, sparing a pass over a level of item × source or item × year figures.
_SAME_SUMS: Final[dict[Key, tuple[Key, tuple[Key, Key]]]] = {
    (Level.ITEM, Level.ITEM_YEAR): (
        (Level.ITEM, Level.ITEM_SOURCE),
        ((Level.ITEM_SOURCE, Level.CELL), (Level.ITEM_YEAR, Level.CELL)),
    ),
    (Level.SOURCE, Level.ITEM_SOURCE): (
        (Level.SOURCE, Level.SOURCE_YEAR),
        ((Level.ITEM_SOURCE, Level.CELL), (Level.SOURCE_YEAR, Level.CELL)),
    ),
    (Level.YEAR, Level.ITEM_YEAR): (
        (Level.YEAR, Level.SOURCE_YEAR),
        ((Level.ITEM_YEAR, Level.CELL), (Level.SOURCE_YEAR, Level.CELL)),
    ),
}


def _same_sums(
    table: BudgetTable, checks: dict[Key, _Check], top: tuple[int, ...]
) -> dict[Key, tuple[Key, tuple[Key, Key]]]:
    """The pairs of :data:`_SAME_SUMS` that hold for ``table``: every figure of the levels
    added up is stated (a blank counts 0, and a blank total is not checked) and no source
    contains another (whose sums follow the outermost-source rule)."""
    if len(top) < len(table.sources):
        return {}
    return {
        target: (source, below)
        for target, (source, below) in _SAME_SUMS.items()
        if target in checks
        and source in checks
        and all(b in checks for b in below)
        and all(table.mask(k[1]) is None for k in (target, source, *below))
    }


#: Bytes of a child level's figures read per block of items.  Small enough that a block stays
#: in the CPU's cache while every check reads it, and that the per-block buffers are reused
#: rather than freshly paged in; large enough that numpy's per-call cost stays small.  512 KB
#: measured fastest of 128 KB-4 MB on the project's machine (2 MB of L2 cache a core).
_BLOCK_BYTES: Final = 1 << 19

#: Items added up again one by one, at most, before a check takes another's failures
#: (_SAME_SUMS) rather than running whole: a call costs about what 1,000 items do.
_REDO_ITEMS: Final = 64

Stated = npt.NDArray[np.bool_] | None  # None: every figure is stated
Rows = slice | EllipsisType  # a block of items, or the whole level


class _Check:
    """One kind of total being compared with its parts, a block of items at a time."""

    def __init__(self, table: BudgetTable, parent: Level, child: Level, top: tuple[int, ...]):
        self.table, self.parent, self.child, self.top = table, parent, child, top
        self.axes = tuple(a for a in child.axes if a not in parent.axes)
        self.values, self.mask = table.values(child), table.mask(child)
        self.stated, self.parent_mask = table.values(parent), table.mask(parent)
        self.by_items = "item" in child.axes
        nested = "source" in self.axes and len(top) < len(table.sources)
        positions = tuple(child.axes.index(a) for a in self.axes)
        # None: sources nest, and the sums go through _collapse's outermost-source rule.
        self.kernel = None if nested else _kernel(self.values, positions)
        self.positions = positions
        self.item_bytes = self.values[:1].nbytes if self.by_items else 0
        shape: tuple[int, ...] = self.stated.shape
        # np.zeros maps pages lazily: a clean table never writes to its failures.
        self.failed = np.zeros(shape, dtype=np.bool_)
        self.mismatches = 0
        # A parent without the item axis adds every block up before it is compared.
        whole = "item" not in parent.axes
        self.total = np.zeros(shape, dtype=np.int64) if whole else None
        self.any_stated = None if self.mask is None else np.zeros(shape, dtype=np.bool_)
        # Without a mask on the child, the parent's own mask is the scope (None: every total).
        self.scope = self.parent_mask if self.mask is None else np.zeros(shape, dtype=np.bool_)
        self.buffers: tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]] | None = None

    def add(self, rows: Rows) -> None:
        """Add up the parts of one block of items (all of them: ``...``)."""
        values = self.values[rows]
        mask = None if self.mask is None else self.mask[rows]
        out, differs = (None, None) if self.total is not None else self._buffers(values.shape[0])
        if self.kernel is None:
            sums, stated = _collapse(
                self.table, values, mask, self.child.axes, self.axes, self.top, out=out
            )
        else:
            sums = self.kernel(values, out=out)
            stated = None if mask is None else _reduce(mask, self.positions)
        if self.total is None:
            self._judge(rows, sums, stated, differs)
            return
        np.add(self.total, sums, out=self.total)
        if stated is not None and self.any_stated is not None:
            np.logical_or(self.any_stated, stated, out=self.any_stated)

    def _buffers(self, count: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Output arrays for one block's sums and differences, reused from block to block."""
        if self.buffers is None:
            shape = (count, *self.stated.shape[1:])
            order: Literal["C", "F"] = "F" if _item_fastest(self.values) else "C"
            self.buffers = (
                np.empty(shape, dtype=np.int64, order=order),
                np.empty(shape, dtype=np.bool_, order=order),
            )
        sums, differs = self.buffers
        return sums[:count], differs[:count]

    def _judge(
        self,
        rows: Rows,
        sums: npt.NDArray[np.int64],
        stated: Stated,
        differs: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        differs = np.asarray(np.not_equal(sums, self.stated[rows], out=differs))  # 0-d too
        scope = None if self.parent_mask is None else self.parent_mask[rows]
        if stated is not None:
            scope = stated if scope is None else stated & scope
            self.scope[rows] = scope  # type: ignore[index]
        if scope is not None:
            np.logical_and(differs, scope, out=differs)
        found = int(np.count_nonzero(differs))  # a cheaper call than differs.any()
        if found:
            self.failed[rows] = differs
            self.mismatches += found

    def finish(self) -> None:
        """Compare what is left: a level without items, and totals over every block."""
        if not self.by_items:
            self.add(...)
        if self.total is not None:
            self._judge(..., self.total, self.any_stated)

    def take(self, other: _Check, below: list[_Check]) -> None:
        """Fail where ``other`` fails, ``other`` adding up the same figures where every
        check in ``below`` held (see :data:`_SAME_SUMS`); add up again where one did not."""
        if self.total is not None:  # a total over every item: all of them must have held
            if any(b.mismatches for b in below):
                _add_up(self.table, [self])
                return
            self.failed, self.mismatches = other.failed.copy(), other.mismatches
            return
        self.failed, self.mismatches = other.failed.copy(), other.mismatches
        # The items where a check below failed, from the few failed positions (an any() over
        # the other axes would be a slow pass over the whole level).
        redo = {
            int(item)
            for b in below
            if b.mismatches
            for item in np.unravel_index(np.flatnonzero(b.failed), b.failed.shape)[0]
        }
        if len(redo) > _REDO_ITEMS:  # many wrong figures: one pass costs less than many calls
            self.failed, self.mismatches = np.zeros_like(other.failed), 0
            _add_up(self.table, [self])
            return
        for item in sorted(redo):
            rows = slice(item, item + 1)
            self.mismatches -= int(np.count_nonzero(self.failed[rows]))
            self.failed[rows] = False
            self.add(rows)

    def result(self) -> Comparison:
        return Comparison(
            f"{'_'.join(a + 's' for a in self.axes)}_sum",
            self.parent,
            self.child,
            self.axes,
            self.scope,
            self.failed,
            self.table,
        )


def collapse(
    table: BudgetTable, level: Level, axes: tuple[str, ...]
) -> tuple[npt.NDArray[np.int64], Stated]:
    """The figures of ``level`` summed over ``axes``, and which sums have a stated part.

    Over the source axis only the outermost sources are added; where one of
    them is blank, the sources it contains stand in for it.  The one rule for
    adding a table up: reconciliation, the display and the plots use it.
    """
    return _collapse(table, table.values(level), table.mask(level), level.axes, axes)


def _collapse(
    table: BudgetTable,
    values: npt.NDArray[np.int64],
    mask: Stated,
    names: tuple[str, ...],
    axes: tuple[str, ...],
    top: tuple[int, ...] | None = None,
    *,
    out: npt.NDArray[np.int64] | None = None,
) -> tuple[npt.NDArray[np.int64], Stated]:
    """:func:`collapse` of figures whose axes are ``names`` (a level, or a block of one);
    ``top``: the table's outermost sources, if known; ``out``: where the sums may go."""
    kept = list(names)
    top = table.top_sources() if top is None else top
    if "source" in axes and len(top) < len(table.sources):
        at = kept.index("source")
        outer = [outer_figures(table, values, mask, at, s) for s in top]
        values = sum((v for v, _ in outer), np.zeros_like(outer[0][0]))
        if mask is not None:
            mask = np.logical_or.reduce([m for _, m in outer if m is not None])
        kept.remove("source")
    positions = tuple(kept.index(a) for a in axes if a in kept)
    return _reduce(values, positions, out), None if mask is None else _reduce(mask, positions)


def outer_figures(
    table: BudgetTable, values: npt.NDArray[np.int64], mask: Stated, at: int, source: int
) -> tuple[npt.NDArray[np.int64], Stated]:
    """A source's figures across a level (``values`` and ``mask`` of the level, the source
    axis at ``at``), its blanks filled by the sources it contains; and which are stated."""

    def take(array: npt.NDArray[Any], s: int) -> npt.NDArray[Any]:
        return array[(slice(None),) * at + (s,)]

    own = take(values, source)
    if mask is None:
        return own, None
    inner = [
        outer_figures(table, values, mask, at, c)
        for c, child in enumerate(table.sources)
        if child.nearest_in(table.sources) is table.sources[source]
    ]
    if not inner:
        return own, take(mask, source)
    filled = sum((v for v, _ in inner), np.zeros_like(own))
    stated = take(mask, source) | np.logical_or.reduce([m for _, m in inner if m is not None])
    return np.where(take(mask, source), own, filled), stated


def _item_fastest(array: npt.NDArray[Any]) -> bool:
    """Whether the first axis (items) is the one that runs fastest in memory."""
    return array.ndim == 1 or (array.ndim > 1 and array.strides[0] < array.strides[-1])


def _reduce(
    array: npt.NDArray[Any], positions: tuple[int, ...], out: npt.NDArray[Any] | None = None
) -> npt.NDArray[Any]:
    if not positions:
        return array  # sum(axis=()) would copy the whole level
    if array.dtype == np.bool_:
        return np.asarray(array.any(axis=positions))
    return np.asarray(_kernel(array, positions)(array, out=out))


def _kernel(array: npt.NDArray[np.int64], positions: tuple[int, ...]) -> Callable[..., Any]:
    """numpy's fastest sum over ``positions`` for arrays laid out as ``array`` (measured in
    docs/budget.md): ``kernel(array, out=None)``."""
    if _item_fastest(array):
        # Planes of items added together: numpy's reduction streams them at full speed.
        return partial(np.add.reduce, axis=positions)
    # numpy's sum over a short inner axis of a C-ordered array is slow; einsum is 2-3x faster.
    letters = "abcdefgh"[: array.ndim]
    kept = "".join(c for i, c in enumerate(letters) if i not in positions)
    return partial(np.einsum, f"{letters}->{kept}")


def _add_sources(
    values: npt.NDArray[np.int64], at: int, sources: tuple[int, ...]
) -> npt.NDArray[np.int64]:
    """The figures of ``sources`` (positions on the axis ``at``) added up."""

    def take(s: int) -> npt.NDArray[np.int64]:
        return values[(slice(None),) * at + (s,)]

    return np.asarray(sum((take(c) for c in sources[1:]), take(sources[0]).copy()))


def _sub_sources(table: BudgetTable, level: Level) -> Iterator[Comparison]:
    """A source against the sources of the table it contains (nearest present ones)."""
    listed = table.sources
    nearest = [s.nearest_in(listed) for s in listed]  # once: each call re-reads the list
    if all(n is None for n in nearest):
        return
    at = level.axes.index("source")
    values, mask = table.values(level), table.mask(level)

    def take(array: npt.NDArray[Any], s: int) -> npt.NDArray[Any]:
        return array[(slice(None),) * at + (s,)]

    for p, parent in enumerate(listed):
        children = tuple(i for i, n in enumerate(nearest) if n is parent)
        if not children:
            continue
        scope = None
        if mask is not None:
            scope = np.logical_or.reduce([take(mask, c) for c in children]) & take(mask, p)
        differs = _add_sources(values, at, children) != take(values, p)
        yield Comparison(
            "sub_sources_sum",
            level,
            level,
            ("source",),
            scope,
            differs if scope is None else differs & scope,
            table,
            sub_source=(p, children),
        )


# --- describing a comparison ----------------------------------------------------------------


def _indices(mask: npt.NDArray[np.bool_]) -> Iterator[tuple[int, ...]]:
    """Positions where ``mask`` is true in row-major order, 0-d included (the grand total)."""
    if mask.ndim == 0:
        if mask:
            yield ()
        return
    # flatnonzero, not argwhere: 50x faster over a national level with one true value.
    for flat in np.flatnonzero(mask):
        yield tuple(int(i) for i in np.unravel_index(flat, mask.shape))


def _parent_index(c: Comparison, idx: tuple[int, ...]) -> tuple[int, ...]:
    """Where the compared total sits in its level (a sub-source check adds the source)."""
    if c.sub_source is None:
        return idx
    at = c.parent.axes.index("source")
    return (*idx[:at], c.sub_source[0], *idx[at:])


@attrs.frozen(slots=True)
class _Parts:
    """The first stated parts of a total, labelled, and how many there are in all."""

    shown: tuple[tuple[Localized, int], ...]
    count: int


def _parts(table: BudgetTable, c: Comparison, idx: tuple[int, ...]) -> _Parts:
    full = _parent_index(c, idx)
    values, mask = table.values(c.child), table.mask(c.child)
    fixed = dict(zip(c.parent.axes, full, strict=True))
    ranges: list[Sequence[int]] = []
    for a in c.child.axes:
        if c.sub_source is not None and a == "source":
            ranges.append(c.sub_source[1])
        elif a in fixed:
            ranges.append((fixed[a],))
        elif a == "source":
            ranges.append(table.top_sources())
        else:
            ranges.append(range(table.level_shape(Level((a,)))[0]))
    # Only the parts a message shows are labelled: a national total has 100,000 of them, and
    # only the first of them are looked up (itertools.product would list every range first).
    sizes = tuple(len(r) for r in ranges)
    if mask is None:
        count = math.prod(sizes)
        first: Sequence[int] = range(min(count, _SHOWN))
    else:
        stated = np.flatnonzero(mask[np.ix_(*ranges)])
        count, first = int(stated.size), stated[:_SHOWN].tolist()
    picks = (
        tuple(r[int(i)] for r, i in zip(ranges, np.unravel_index(f, sizes), strict=True))
        for f in first
    )
    shown = tuple(
        (_short(table, dict(zip(c.child.axes, p, strict=True)), c.axes), int(values[p]))
        for p in picks
    )
    return _Parts(shown, count)


def _short(table: BudgetTable, named: dict[str, int], axes: tuple[str, ...]) -> Localized:
    def label(axis: str, i: int) -> Localized:
        if axis == "source":  # a source is named in each message's language
            return table.sources[i].named
        item = table.items[i] if axis == "item" else None
        text = (
            str(table.years[i]) if item is None else f"TT{item.number}" if item.number else item.id
        )
        return Localized(text, text)

    labels = [label(a, named[a]) for a in AXES if a in axes]
    return Localized(" ".join(x.vi for x in labels), " ".join(x.en for x in labels))


def _list(table: BudgetTable, parts: _Parts, locale: Lang) -> str:
    shown = [f"{name.said(locale)} {_fmt(table, v, locale)}" for name, v in parts.shown]
    rest = parts.count - len(parts.shown)
    if rest > 0:
        shown.append(f"… và {rest} khoản khác" if locale == "vi" else f"… and {rest} more")
    return " + ".join(shown)


def _fmt(table: BudgetTable, amount: int, locale: str, *, unit: bool = False) -> str:
    return format_amount(amount, table.unit, locale=locale, with_unit=unit)


def _said(table: BudgetTable, amount: int, *, unit: bool = False) -> Localized:
    return Localized(_fmt(table, amount, "vi", unit=unit), _fmt(table, amount, "en", unit=unit))


_WHAT_VI: Final = {
    "sources": "các nguồn vốn",
    "items": "các nội dung",
    "years": "các năm",
    "sub_sources": "các nguồn thành phần",
}


def _findings(table: BudgetTable, c: Comparison) -> Iterator[Finding]:
    if not c.mismatches:
        return
    stated = table.values(c.parent)
    for idx in _indices(c.failed):
        total, added = int(stated[_parent_index(c, idx)]), c.sum_at(*idx)
        parts = _parts(table, c, idx)
        where = table.label(c.parent, _parent_index(c, idx))
        yield finding(
            f"{c.code}_mismatch",
            where,
            added,
            total,
            where=where,
            total=_said(table, total, unit=True),
            what=_what_vi(c),
            sum=_said(table, added),
            parts=Localized(_list(table, parts, "vi"), _list(table, parts, "en")),
            gap=_said(table, abs(total - added)),
        )


def _what_vi(c: Comparison) -> str:
    return (
        " và ".join(_WHAT_VI[a + "s"] for a in c.axes)
        if c.sub_source is None
        else (_WHAT_VI["sub_sources"])
    )


def _proven(table: BudgetTable, c: Comparison, idx: tuple[int, ...]) -> Proven:
    full = _parent_index(c, idx)
    total = int(table.values(c.parent)[full])
    parts = _parts(table, c, idx)
    return proven(
        c.code,
        table.label(c.parent, full),
        total,
        total=_said(table, total),
        parts=Localized(_list(table, parts, "vi"), _list(table, parts, "en")),
        unit=Localized(table.unit.label_vi, table.unit.label_en),
    )
