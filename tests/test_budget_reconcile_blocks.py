"""Reconciliation a block of items at a time (issue 22): the same answer in any layout.

``reconcile`` adds a child level up a block of items at a time, with numpy's
fastest kernel for the array's layout (einsum for C order, plane adds for
item-fastest), and keeps no sums: a failing total's parts are added up again on
demand (``Comparison.sum_at``, ``Comparison.sums``).  These tests hold it to the
definition: every comparison, finding and proven total is the same whatever the
block size (down to one item a block) and the layout, and ``failed`` is exactly
the checked totals that differ from the sum of their parts.
"""

from __future__ import annotations

import importlib
from typing import Any, Literal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.budget import BudgetTable, Item, Level, Source, reconcile
from ocop.budget.reconcile import Comparison, Reconciliation, collapse
from ocop.errors import InvalidInput
from ocop.money import Unit
from ocop.strategies import budget_tables

M = 1_000_000
# The module, not the function ocop.budget.reconcile.
_MODULE = importlib.import_module("ocop.budget.reconcile")


def relayout(table: BudgetTable, order: Literal["C", "F"]) -> BudgetTable:
    """The same table with every level's figures in ``order``."""
    return BudgetTable.from_arrays(
        items=table.items,
        sources=table.sources,
        years=table.years,
        totals={lv: np.asarray(table.values(lv), order=order) for lv in table.levels()},
        masks={
            lv: np.asarray(mask, order=order)
            for lv in table.levels()
            if (mask := table.mask(lv)) is not None
        },
        id=table.id,
        unit=table.unit,
    )


def reconciled_in_blocks(table: BudgetTable, block_bytes: int) -> Reconciliation:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_MODULE, "_BLOCK_BYTES", block_bytes)
        return reconcile(table)


def direct(table: BudgetTable) -> Reconciliation:
    """Every check adding up its own parts: no check takes another's failures."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_MODULE, "_SAME_SUMS", {})
        return reconcile(table)


def summary(rec: Reconciliation) -> list[Any]:
    """Everything a reconciliation says, as plain values."""
    comparisons = [
        (
            c.code,
            c.parent,
            c.child,
            c.axes,
            c.sub_source,
            c.failed.tolist(),
            None if c.scope is None else c.scope.tolist(),
            c.sums.tolist(),
        )
        for c in rec.comparisons
    ]
    findings = [(f.code, f.location, f.expected, f.actual, f.message_en) for f in rec.findings]
    held = [(p.code, p.location, p.value) for p in rec.proven()]
    return [comparisons, findings, held, rec.checked, rec.held]


ANY_TABLES = budget_tables(unit=Unit.DONG, max_items=5, max_sources=5, max_amount=10**6)
# Every level stated in full: the checks that take another's failures (_SAME_SUMS) run.
FULL_TABLES = budget_tables(
    unit=Unit.DONG, levels=tuple(Level), blanks=False, max_items=5, max_amount=10**6
)


@st.composite
def tables(draw: st.DrawFn) -> BudgetTable:
    """A consistent table (blanks, nested sources, any levels, or every level in full),
    maybe with one stated figure (a cell too) off by one."""
    table = draw(st.one_of(ANY_TABLES, FULL_TABLES))
    levels = list(table.levels())
    if not levels or not draw(st.booleans()):
        return table
    level = draw(st.sampled_from(levels))
    values = np.array(table.values(level))
    mask = table.mask(level)
    stated = np.ones(values.shape, dtype=bool) if mask is None else np.asarray(mask)
    if not stated.any():
        return table
    at = tuple(draw(st.sampled_from(np.argwhere(stated).tolist())))
    values[at] += 1
    given_totals = {lv: table.values(lv) for lv in table.levels()}
    given_totals[level] = values
    masks = {lv: m for lv in table.levels() if (m := table.mask(lv)) is not None}
    return BudgetTable.from_arrays(
        items=table.items,
        sources=table.sources,
        years=table.years,
        totals=given_totals,
        masks=masks,
        id=table.id,
        unit=table.unit,
    )


@given(tables(), st.sampled_from(["C", "F"]), st.sampled_from([1, 64, 1 << 21]))
def test_any_block_size_and_layout_gives_the_same_reconciliation(
    table: BudgetTable, order: Literal["C", "F"], block_bytes: int
) -> None:
    expected = summary(direct(table))
    assert summary(reconciled_in_blocks(relayout(table, order), block_bytes)) == expected


@given(tables())
def test_failed_is_the_checked_totals_that_differ_from_their_parts(table: BudgetTable) -> None:
    for c in reconcile(table).comparisons:
        stated = table.values(c.parent)
        if c.sub_source is not None:
            at = c.parent.axes.index("source")
            stated = np.take(stated, c.sub_source[0], axis=at)
        differs = c.sums != stated
        expected = differs if c.scope is None else differs & c.scope
        assert c.failed.tolist() == expected.tolist()
        if c.sub_source is None:
            # Checked: a total the table states, with at least one stated part.
            _, any_part = collapse(table, c.child, c.axes)
            own = table.mask(c.parent)
            scope = own if any_part is None else any_part if own is None else any_part & own
            assert (c.scope is None) == (scope is None)
            assert c.scope is None or c.scope.tolist() == np.asarray(scope).tolist()
        for index in np.ndindex(c.failed.shape):
            assert c.sum_at(*index) == int(c.sums[index])


def cells_and_totals(order: Literal["C", "F"]) -> BudgetTable:
    """Three items × two sources × two years, every level stated, in ``order``."""
    cells = np.asarray(np.arange(12, dtype=np.int64).reshape(3, 2, 2) * M, order=order)
    axis = {"item": 0, "source": 1, "year": 2}
    totals = {
        lv: np.asarray(cells.sum(axis=tuple(axis[a] for a in axis if a not in lv.axes)))
        for lv in Level
        if lv is not Level.CELL
    }
    totals[Level.TOTAL] = totals[Level.TOTAL] + 1  # the grand total one đồng high
    return BudgetTable.from_arrays(
        cells,
        items=[Item(k, f"Nội dung {k}") for k in "abc"],
        sources=(Source.CENTRAL_BUDGET, Source.SUBJECTS),
        years=(2024, 2025),
        totals=totals,
        unit="đồng",
    )


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("block_bytes", [1, 1 << 21])
def test_a_wrong_grand_total_is_found_against_each_breakdown(
    order: Literal["C", "F"], block_bytes: int
) -> None:
    rec = reconciled_in_blocks(cells_and_totals(order), block_bytes)
    total = 66 * M
    assert [(f.code, f.expected, f.actual) for f in rec.findings] == [
        ("items_sum_mismatch", total, total + 1),
        ("sources_sum_mismatch", total, total + 1),
        ("years_sum_mismatch", total, total + 1),
    ]
    grand = [c for c in rec.comparisons if c.parent is Level.TOTAL]
    assert [c.sum_at() for c in grand] == [total] * 3  # a 0-d total: no index
    assert [int(c.sums) for c in grand] == [total] * 3
    assert rec.checked == 3 * 2 + 3 * 2 + 2 * 2 + 2 * 3 + 2 * 2 + 2 * 2 + 3
    assert rec.held == rec.checked - 3


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("level", list(Level))
def test_a_wrong_figure_at_any_level_of_a_full_table(
    order: Literal["C", "F"], level: Level
) -> None:
    # Every level stated in full: the checks of _SAME_SUMS take another's failures, and add
    # up again the item (or the whole level) where a check below failed.
    table = cells_and_totals(order)
    given = {lv: np.array(table.values(lv)) for lv in Level}
    given[Level.TOTAL] = np.array(given[Level.TOTAL] - 1)  # right again
    given[level][(1,) * given[level].ndim] += 1
    wrong = BudgetTable.from_arrays(
        items=table.items, sources=table.sources, years=table.years, totals=given, unit="đồng"
    )
    rec = reconciled_in_blocks(wrong, 1)
    assert summary(rec) == summary(direct(wrong))
    assert len(rec.findings) == 3  # the figure against its parts, and as a part of two totals
    for c in rec.comparisons:
        assert c.failed.tolist() == (c.sums != wrong.values(c.parent)).tolist()


@pytest.mark.parametrize("level", [Level.ITEM_SOURCE, Level.ITEM_YEAR, Level.CELL])
def test_many_wrong_figures_give_what_the_direct_checks_give(level: Level) -> None:
    # More failed items than are added up again one by one: the check runs whole instead.
    n = 2 * _MODULE._REDO_ITEMS + 10
    cells = np.arange(n * 4, dtype=np.int64).reshape(n, 2, 2) * M
    axis = {"item": 0, "source": 1, "year": 2}
    given = {
        lv: np.array(cells.sum(axis=tuple(axis[a] for a in axis if a not in lv.axes)))
        for lv in Level
    }
    given[level][::2] += 1  # every other item's figures
    table = BudgetTable.from_arrays(
        items=[Item(f"i{k}", f"Nội dung {k}") for k in range(n)],
        sources=(Source.CENTRAL_BUDGET, Source.SUBJECTS),
        years=(2024, 2025),
        totals=given,
        unit="đồng",
    )
    for block_bytes in (1, 1 << 21):
        rec = reconciled_in_blocks(table, block_bytes)
        assert summary(rec) == summary(direct(table))
        assert rec.findings


def test_a_table_with_one_level_has_nothing_to_compare() -> None:
    only_cells = BudgetTable.from_arrays(
        np.ones((2, 1, 2), dtype=np.int64),
        items=[Item("a", "A"), Item("b", "B")],
        sources=(Source.CENTRAL_BUDGET,),
        years=(2024, 2025),
    )
    only_total = BudgetTable.from_arrays(
        items=[Item("a", "A")],
        sources=(Source.CENTRAL_BUDGET,),
        years=(2024,),
        totals={Level.TOTAL: 5 * M},
    )
    for table in (only_cells, only_total):
        rec = reconcile(table)
        assert (rec.comparisons, rec.findings, rec.checked) == ((), (), 0)


def test_sub_sources_are_added_on_demand() -> None:
    table = BudgetTable.from_arrays(
        totals={Level.SOURCE: np.array([10, 4, 5]) * M},
        items=[Item("a", "A")],
        sources=(Source.STATE_BUDGET, Source.CENTRAL_BUDGET, Source.LOCAL_BUDGET),
        years=(2024,),
    )
    (c,) = reconcile(table).comparisons
    assert isinstance(c.sums, np.ndarray) and c.sums.shape == c.failed.shape == ()
    assert (c.code, c.sub_source, c.failed.tolist(), c.sum_at(), int(c.sums)) == (
        "sub_sources_sum",
        (0, (1, 2)),
        True,
        9 * M,
        9 * M,
    )


@pytest.mark.parametrize("index", [(), (0, 0), (5,), (-1,), ("0",), (1.5,), (True,)])
def test_sum_at_refuses_a_position_outside_the_comparison(index: tuple[Any, ...]) -> None:
    c: Comparison = next(
        c for c in reconcile(cells_and_totals("C")).comparisons if c.parent is Level.ITEM
    )
    with pytest.raises(InvalidInput):
        c.sum_at(*index)


@given(tables())
def test_what_a_comparison_found_cannot_be_written_over(table: BudgetTable) -> None:
    result = reconcile(table)
    for c in result.comparisons:
        before = c.mismatches
        for found in (c.failed, c.scope):
            if isinstance(found, np.ndarray):  # a 0-d total may be a numpy scalar: immutable
                with pytest.raises(ValueError, match="read-only"):
                    found[...] = True
        assert c.mismatches == before
