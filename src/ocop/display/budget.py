"""Showing a budget table: items × sources, the phasing by year, totals stated or computed.

A figure the document prints is shown as printed; a blank the library can
fill by adding the figures below it (a source's total from its items) is
shown in italics as *computed*; a stated total that differs from its parts
(:func:`ocop.budget.reconcile`) is marked ``ocop-mismatch`` with the
difference in its ``title``.  Amounts are written in the table's unit, the
Vietnamese way (``134.750``), exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

# collapse is the one rule for adding a table up (outermost sources only, a blank outer source
# filled by the sources it contains): a computed figure adds exactly what a check adds.
from ocop.budget.reconcile import Comparison, Reconciliation, collapse, reconcile
from ocop.budget.table import AXES, BudgetTable, Level, span
from ocop.display.markup import Cell, Html, amount, block, el, number, table, text_table

__all__: list[str] = []

#: Rows of one axis shown before "… and N more": a national table has thousands of communes.
MAX_ROWS: Final = 60

STATED, COMPUTED, BLANK = 2, 1, 0


@attrs.frozen(slots=True, eq=False)
class Figures:
    """One level's figures (đồng) and what each is: STATED, COMPUTED from below, or BLANK."""

    level: Level
    values: npt.NDArray[np.int64]
    kinds: npt.NDArray[np.int8]


def figures(table: BudgetTable, level: Level) -> Figures:
    """The figures of ``level``: stated ones, and blanks filled from the nearest finer level."""
    shape = table.level_shape(level)
    values = np.zeros(shape, dtype=np.int64)
    kinds = np.zeros(shape, dtype=np.int8)
    if table.present(level):
        mask = table.mask(level)
        stated = np.ones(shape, dtype=np.bool_) if mask is None else mask
        values[stated] = table.values(level)[stated]
        kinds[stated] = STATED
    finer = sorted((f for f in table.levels() if level.below(f)), key=lambda f: len(f.axes))
    for f in finer:
        extra = tuple(a for a in f.axes if a not in level.axes)
        sums, any_stated = collapse(table, f, extra)
        fill = kinds == BLANK
        if any_stated is not None:
            fill &= any_stated
        values[fill] = sums[fill]
        kinds[fill] = COMPUTED
    return Figures(level, values, kinds)


def grand_total(table: BudgetTable) -> tuple[int | None, bool]:
    """The grand total in đồng and whether the document states it (None: nothing to add)."""
    f = figures(table, Level.TOTAL)
    kind = int(f.kinds)
    return (None if kind == BLANK else int(f.values)), kind == STATED


def _mismatches(rec: Reconciliation) -> dict[tuple[Level, tuple[int, ...]], str]:
    """Every stated total that differs from its parts → what the difference is."""
    table = rec.table
    out: dict[tuple[Level, tuple[int, ...]], str] = {}
    for c in rec.comparisons:
        if not c.mismatches:
            continue
        stated = table.values(c.parent)
        for idx in np.argwhere(c.failed):
            at = tuple(int(i) for i in idx)
            full = _parent_index(c, at)
            total, added = int(stated[full]), c.sum_at(*at)
            what = (
                "the sources it contains"
                if c.sub_source is not None
                else "the " + _and([f"{a}s" for a in c.axes])
            )
            note = (
                f"stated {amount(total, table.unit)}, {what} add up to "
                f"{amount(added, table.unit)}: a difference of "
                f"{amount(abs(total - added), table.unit)} {table.unit.label_vi}"
            )
            key = (c.parent, full)
            out[key] = f"{out[key]}; {note}" if key in out else note
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _parent_index(c: Comparison, idx: tuple[int, ...]) -> tuple[int, ...]:
    if c.sub_source is None:
        return idx
    at = c.parent.axes.index("source")
    return (*idx[:at], c.sub_source[0], *idx[at:])


class _View:
    """A table with its figures at every level and its mismatches, computed once."""

    def __init__(self, table: BudgetTable) -> None:
        self.table = table
        self.rec = reconcile(table)
        self.bad = _mismatches(self.rec)
        self.levels = {level: figures(table, level) for level in Level}

    def cell(self, level: Level, index: tuple[int, ...]) -> tuple[str, str, str | None]:
        """(amount text, class, title) of one figure."""
        f = self.levels[level]
        kind = int(f.kinds[index])
        if kind == BLANK:
            return "", "ocop-num", None
        shown = amount(int(f.values[index]), self.table.unit)
        if kind == COMPUTED:
            return shown, "ocop-num ocop-computed", "computed from the figures below, not printed"
        problem = self.bad.get((level, index))
        if problem is not None:
            return shown, "ocop-num ocop-mismatch", problem
        return shown, "ocop-num", None


def _labels(table: BudgetTable, axis: str) -> list[tuple[str, str | None]]:
    """(label, tooltip) of each position along ``axis``."""
    if axis == "item":
        return [(i.label, None) for i in table.items]
    if axis == "source":
        return [(s.short, s.label_vi) for s in table.sources]
    return [(str(y), None) for y in table.years]


_AXIS_NAME = {"item": "item", "source": "source", "year": "year"}


def _level(*axes: str) -> Level:
    return Level.of(**{a: a in axes for a in AXES})


def _index(
    level: Level, row_axis: str, r: int | None, col_axis: str | None, c: int | None
) -> tuple[int, ...]:
    named = {row_axis: r, **({col_axis: c} if col_axis else {})}
    return tuple(i for a in level.axes if (i := named.get(a)) is not None)


def _matrix(view: _View, row_axis: str, col_axis: str | None) -> Iterator[list[Cell]]:
    """Rows of a two-way table with its total column and total row, as cells."""
    table = view.table
    rows = _labels(table, row_axis)
    cols = _labels(table, col_axis) if col_axis else []
    cell_level = _level(row_axis, *([col_axis] if col_axis else []))
    row_total = _level(row_axis)
    col_total = _level(col_axis) if col_axis else Level.TOTAL
    extra = _item_extras(table) if row_axis == "item" else []
    for r, (label, tip) in enumerate(rows[:MAX_ROWS]):
        line: list[Cell] = [(label, None, tip)]
        line += [e[r] for e in extra]
        line += [
            view.cell(cell_level, _index(cell_level, row_axis, r, col_axis, c))
            for c in range(len(cols))
        ]
        own = view.cell(row_total, (r,))
        line.append(_total(own) if col_axis else own)  # without columns it is the row's figure
        yield line
    if len(rows) > MAX_ROWS:
        more = f"… and {number(len(rows) - MAX_ROWS)} more {_AXIS_NAME[row_axis]}s (not shown)"
        yield [(more, "ocop-meta"), *[""] * (len(extra) + len(cols) + 1)]
    last: list[Cell] = [("Tổng", "ocop-total")] + [""] * len(extra)
    if col_axis:
        last += [_total(view.cell(col_total, (c,))) for c in range(len(cols))]
    last.append(_total(view.cell(Level.TOTAL, ())))
    yield last


def _total(cell: tuple[str, str, str | None]) -> tuple[str, str, str | None]:
    return cell[0], cell[1] + " ocop-total", cell[2]


def _item_extras(table: BudgetTable) -> list[list[Cell]]:
    """ĐVT and quantity columns, when any item has them."""
    out: list[list[Cell]] = []
    if any(i.unit for i in table.items):
        out.append([i.unit or "" for i in table.items])
    if any(i.quantity is not None for i in table.items):
        out.append(
            [("" if i.quantity is None else number(i.quantity), "ocop-num") for i in table.items]
        )
    return out


def _headers(table: BudgetTable, row_axis: str, col_axis: str | None) -> list[Cell]:
    head: list[Cell] = [_AXIS_NAME[row_axis]]
    if row_axis == "item":
        if any(i.unit for i in table.items):
            head.append("ĐVT")
        if any(i.quantity is not None for i in table.items):
            head.append(("quantity", "ocop-num"))
    if col_axis:
        head += [(label, "ocop-num", tip) for label, tip in _labels(table, col_axis)]
        head.append(("Tổng", "ocop-num"))
    else:
        head.append(("amount", "ocop-num"))
    return head


def _views(table: BudgetTable) -> list[tuple[str, str, str | None]]:
    """Which two-way tables to show: (title, row axis, column axis)."""
    out: list[tuple[str, str, str | None]] = []
    has = set(table.levels())
    if table.items:
        out.append(("Items × sources", "item", "source"))
    if table.years:
        out.append(("Phasing: sources × years", "source", "year"))
    if table.items and table.years and has & {Level.CELL, Level.ITEM_YEAR}:
        out.append(("Items × years", "item", "year"))
    if not out:
        out.append(("Sources", "source", None))
    return out


def _summary(view: _View) -> str:
    rec = view.rec
    if not rec.checked:
        return "no stated total has stated parts to check"
    held = f"{number(rec.held)} of {number(rec.checked)} stated totals equal their parts"
    return held if rec.reconciled else f"{held}; {number(len(rec.findings))} do not"


def html_budget_table(table: BudgetTable) -> Html:
    view = _View(table)
    parts: list[Html | None] = [
        el(
            "div",
            f"{table.id}"
            + (f" · {table.where}" if table.where else "")
            + f" · {len(table.items)} items × {len(table.sources)} sources × "
            f"{len(table.years)} years ({span(table.years)}) · unit: {table.unit.label_vi}",
            cls="ocop-meta",
        )
    ]
    for claim in table.periods:
        parts.append(el("div", f"{claim.where}: ", el("q", claim.text), cls="ocop-meta"))
    for title, row_axis, col_axis in _views(table):
        parts.append(table_html(view, title, row_axis, col_axis))
    parts.append(el("div", _summary(view), cls="ocop-meta" if view.rec.reconciled else "ocop-bad"))
    if view.rec.findings:
        shown = view.rec.findings[:10]
        items = [el("li", f.message_vi) for f in shown]
        if len(view.rec.findings) > len(shown):
            items.append(el("li", f"… and {number(len(view.rec.findings) - len(shown))} more"))
        parts.append(el("ul", *items, cls="ocop-bad"))
    parts.append(
        el(
            "div",
            "Italic: computed from the figures below it, not printed. Outlined: a stated total "
            "that does not equal its parts (hover for the difference).",
            cls="ocop-cite",
        )
    )
    return block(table.title or table.id, *parts, kind="ocop-budget-table")


def table_html(view: _View, title: str, row_axis: str, col_axis: str | None) -> Html:
    return table(
        _headers(view.table, row_axis, col_axis),
        list(_matrix(view, row_axis, col_axis)),
        caption=title,
    )


def text_budget_table(table: BudgetTable) -> str:
    view = _View(table)
    lines = [
        f"BudgetTable {table.id}: {table.title}".rstrip(": "),
        f"unit: {table.unit.label_vi}; {len(table.items)} items × {len(table.sources)} sources "
        f"× {len(table.years)} years ({span(table.years)})",
    ]
    for title, row_axis, col_axis in _views(table):
        head = _headers(table, row_axis, col_axis)
        right = {i for i, h in enumerate(head) if isinstance(h, tuple) and h[1] == "ocop-num"}
        body = [[_plain(c) for c in row] for row in _matrix(view, row_axis, col_axis)]
        lines += ["", f"{title}:", text_table([_plain(h) for h in head], body, right=right)]
    lines += ["", _summary(view)]
    lines += [f"! {f.message_vi}" for f in view.rec.findings[:10]]
    lines.append("(* computed, not printed; ! does not equal its parts)")
    return "\n".join(lines)


def _plain(cell: Cell) -> str:
    if not isinstance(cell, tuple):
        return "" if cell is None else str(cell)
    text, cls = str(cell[0] or ""), cell[1] or ""
    return text + ("*" if "computed" in cls else "") + ("!" if "mismatch" in cls else "")
