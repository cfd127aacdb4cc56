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
arithmetic is numpy over whole levels: no Python loop over rows.

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
from collections.abc import Iterator
from itertools import islice, product
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

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
    that differ from ``sums``.
    """

    code: str
    parent: Level
    child: Level
    axes: tuple[str, ...]
    scope: npt.NDArray[np.bool_] | None
    failed: npt.NDArray[np.bool_]
    sums: npt.NDArray[np.int64]
    sub_source: tuple[int, tuple[int, ...]] | None = None  # (parent source, its children)

    @property
    def checked(self) -> int:
        return int(self.sums.size if self.scope is None else np.count_nonzero(self.scope))

    @property
    def mismatches(self) -> int:
        return int(np.count_nonzero(self.failed))

    @property
    def held(self) -> npt.NDArray[np.bool_]:
        """The totals that were checked and equal their parts."""
        return ~self.failed if self.scope is None else self.scope & ~self.failed


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
    comparisons: list[Comparison] = []
    present = list(table.levels())
    for parent in present:
        for child in present:
            if parent.below(child) and not any(parent.below(m) and m.below(child) for m in present):
                comparisons.append(_compare(table, parent, child))
    for level in present:
        if "source" in level.axes:
            comparisons += _sub_sources(table, level)
    kept = tuple(c for c in comparisons if c.checked)
    findings = tuple(f for c in kept for f in _findings(table, c))
    return Reconciliation(table, kept, findings)


Stated = npt.NDArray[np.bool_] | None  # None: every figure is stated


def collapse(
    table: BudgetTable, level: Level, axes: tuple[str, ...]
) -> tuple[npt.NDArray[np.int64], Stated]:
    """The figures of ``level`` summed over ``axes``, and which sums have a stated part.

    Over the source axis only the outermost sources are added; where one of
    them is blank, the sources it contains stand in for it.  The one rule for
    adding a table up: reconciliation, the display and the plots use it.
    """
    values, mask = table.values(level), table.mask(level)
    kept = list(level.axes)
    top = table.top_sources()
    if "source" in axes and len(top) < len(table.sources):
        at = kept.index("source")
        outer = [outer_figures(table, values, mask, at, s) for s in top]
        values = sum((v for v, _ in outer), np.zeros_like(outer[0][0]))
        if mask is not None:
            mask = np.logical_or.reduce([m for _, m in outer if m is not None])
        kept.remove("source")
    positions = tuple(kept.index(a) for a in axes if a in kept)
    return _reduce(values, positions), None if mask is None else _reduce(mask, positions)


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


def _reduce(array: npt.NDArray[Any], positions: tuple[int, ...]) -> npt.NDArray[Any]:
    if not positions:
        return array  # sum(axis=()) would copy the whole level
    if array.dtype == np.bool_:
        return np.asarray(array.any(axis=positions))
    if array.flags.f_contiguous or array.ndim == 1:
        return np.asarray(array.sum(axis=positions))
    # numpy's sum over a short inner axis of a C-ordered array is slow; einsum is 2-3x faster.
    letters = "abcdefgh"[: array.ndim]
    out = "".join(c for i, c in enumerate(letters) if i not in positions)
    return np.asarray(np.einsum(f"{letters}->{out}", array))


def _compare(table: BudgetTable, parent: Level, child: Level) -> Comparison:
    axes = tuple(a for a in child.axes if a not in parent.axes)
    sums, scope = collapse(table, child, axes)
    scope = _both(scope, table.mask(parent))
    return Comparison(
        f"{'_'.join(a + 's' for a in axes)}_sum",
        parent,
        child,
        axes,
        scope,
        _failed(sums != table.values(parent), scope),
        sums,
    )


def _both(
    a: npt.NDArray[np.bool_] | None, b: npt.NDArray[np.bool_] | None
) -> npt.NDArray[np.bool_] | None:
    """The intersection of two scopes, None standing for "everything"."""
    if a is None or b is None:
        return b if a is None else a
    return a & b


def _failed(
    differs: npt.NDArray[np.bool_], scope: npt.NDArray[np.bool_] | None
) -> npt.NDArray[np.bool_]:
    return differs if scope is None else differs & scope


def _sub_sources(table: BudgetTable, level: Level) -> Iterator[Comparison]:
    """A source against the sources of the table it contains (nearest present ones)."""
    at = level.axes.index("source")
    values, mask = table.values(level), table.mask(level)
    listed = table.sources
    for p, parent in enumerate(listed):
        children = tuple(i for i, s in enumerate(listed) if s.nearest_in(listed) is parent)
        if not children:
            continue

        def take(array: npt.NDArray[Any], s: int) -> npt.NDArray[Any]:
            return array[(slice(None),) * at + (s,)]

        sums = sum((take(values, c) for c in children), np.zeros_like(take(values, p)))
        scope = None
        if mask is not None:
            scope = np.logical_or.reduce([take(mask, c) for c in children]) & take(mask, p)
        yield Comparison(
            "sub_sources_sum",
            level,
            level,
            ("source",),
            scope,
            _failed(sums != take(values, p), scope),
            sums,
            sub_source=(p, children),
        )


# --- describing a comparison ----------------------------------------------------------------


def _indices(mask: npt.NDArray[np.bool_]) -> Iterator[tuple[int, ...]]:
    """Positions where ``mask`` is true, 0-d included (the grand total)."""
    for index in np.argwhere(mask):
        yield tuple(int(i) for i in index)


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
    ranges: list[list[int]] = []
    for a in c.child.axes:
        if c.sub_source is not None and a == "source":
            ranges.append(list(c.sub_source[1]))
        elif a in fixed:
            ranges.append([fixed[a]])
        elif a == "source":
            ranges.append(list(table.top_sources()))
        else:
            ranges.append(list(range(table.level_shape(Level((a,)))[0])))
    # Only the parts a message shows are labelled: a national total has 100,000 of them.
    picks = (p for p in product(*ranges) if mask is None or mask[p])
    shown = tuple(
        (_short(table, dict(zip(c.child.axes, p, strict=True)), c.axes), int(values[p]))
        for p in islice(picks, _SHOWN)
    )
    count = (
        math.prod(len(r) for r in ranges)
        if mask is None
        else int(np.count_nonzero(mask[np.ix_(*ranges)]))
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
        total, added = int(stated[_parent_index(c, idx)]), int(c.sums[idx])
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
