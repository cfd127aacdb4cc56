"""Reconciling a national-scale budget table, as ratios measured in one run (issue 7, item 8).

The table: every commune of the country × 10 items (the rows are commune × item), 6 funding
sources with no hierarchy among them, 10 years (2021–2030), random non-negative int64 cells
in đồng (multiples of 1,000,000, seeded), and every aggregate level stated as numpy computes
it (ITEM_SOURCE, ITEM_YEAR, SOURCE_YEAR, ITEM, SOURCE, YEAR, TOTAL), as a spreadsheet states
its totals.  Two sizes are run:

* 3,321 communes: the commune-level units (xã, phường, đặc khu) from 01/7/2025, counted in
  ``ocop.admin`` and named after them (Quyết định 19/2025/QĐ-TTg lists and codes "3,321
  commune-level administrative units",
  https://news.laodong.vn/thoi-su/bang-danh-muc-va-ma-so-cua-34-tinh-thanh-3321-don-vi-hanh-chinh-cap-xa-moi-1535055.ldo);
* 10,035 communes: the count just before the reorganisation (Nghị quyết 126/NQ-CP of
  09/5/2025: the units are "reduced by 6,714, from 10,035 to 3,321",
  https://en.vietnamplus.vn/government-approves-merger-of-6714-commune-level-administrative-units-nationwide-post320524.vnp).
  The figure 10,599 given in the issue could not be confirmed: the nearest published count
  found is 10,598 in April 2023 (https://wikisum.wiki/wiki/Commune_(Vietnam), a Wikipedia
  mirror), before the 2023–2025 mergers removed 563 units
  (https://nghean24h.vn/tag/sap-xep-don-vi-hanh-chinh).  ``--communes 10599`` runs that size.

Each size is run twice: with the cells in numpy's default C order, and in item-fastest
(Fortran) order, which ``BudgetTable`` keeps as given and reconciles faster.  For each, prints:

* the size of the cell array in MB, and the time to build the table with
  ``BudgetTable.from_arrays`` (it checks every level: no negatives, no int64 overflow, and
  copies each into immutable memory), with its memory as a multiple of the cells;
* one numpy pass, ``cells.sum()``, and, for scale, ``cells.sum(axis=k)`` for each axis (the
  three marginals any reconciliation must add up), best of several runs;
* ``reconcile(table)`` (best of several) and its ratio to the one pass (target: within 5×);
* the same with one stated total off by one đồng.  A wrong figure takes part in three
  comparisons (every level of the full lattice has three neighbours), so it yields three
  findings, exactly one located at the wrong figure; they are printed once per size;
* peak memory during ``reconcile(table)`` (tracemalloc, to which numpy reports) as
  (``cells.nbytes`` + peak extra) / ``cells.nbytes`` (target: at most 1.5×, issue 22).

    python benchmarks/bench_budget_reconcile.py [--communes N ...] [--layout C|F|both]
"""

from __future__ import annotations

import argparse
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt
from timing import best_of

from ocop import admin
from ocop.budget import BudgetTable, Item, Level, Source, reconcile

#: Commune-level units just before the 01/7/2025 reorganisation (Nghị quyết 126/NQ-CP).
COMMUNES_BEFORE_2025 = 10_035
ITEMS_PER_COMMUNE = 10
SOURCES = (
    Source.CENTRAL_BUDGET,
    Source.LOCAL_BUDGET,
    Source.POOLED,
    Source.CREDIT,
    Source.SUBJECTS,
    Source.OTHER,
)
YEARS = tuple(range(2021, 2031))
LAYOUTS = {"C": "C order (numpy's default)", "F": "item-fastest (Fortran) order"}
TIME_TARGET = 5.0  # reconciliation within 5× one numpy pass over the cells
MEMORY_TARGET = 1.5  # (cells + peak extra) within 1.5× the cells (issue 22)


def communes_from_2025() -> list[str]:
    """The full names of the communes from 01/7/2025, province by province."""
    on = date(2025, 7, 1)
    return [c.full_name for p in admin.provinces(on=on) for c in admin.communes(p.code, on=on)]


def stated_totals(cells: npt.NDArray[np.int64]) -> dict[Level, npt.NDArray[np.int64]]:
    """Every aggregate level, summed with numpy as a spreadsheet states its totals."""
    axis = {"item": 0, "source": 1, "year": 2}
    return {
        level: np.asarray(cells.sum(axis=tuple(axis[a] for a in axis if a not in level.axes)))
        for level in Level
        if level is not Level.CELL
    }


def marginals(cells: npt.NDArray[np.int64]) -> list[npt.NDArray[np.int64]]:
    """The cells summed over each axis with numpy's fastest kernel for their layout: plane
    adds (``np.add.reduce``) item-fastest, ``np.einsum`` in C order (numpy's reduction over a
    short inner axis is several times slower there).  No comparison: what numpy alone costs."""
    if cells.flags.f_contiguous:
        return [np.add.reduce(cells, axis=k) for k in (2, 1, 0)]
    return [np.einsum(spec, cells) for spec in ("abc->ab", "abc->ac", "abc->bc")]


def national_table(
    cells: npt.NDArray[np.int64], totals: dict[Level, npt.NDArray[np.int64]], items: Sequence[Item]
) -> BudgetTable:
    return BudgetTable.from_arrays(
        cells, items=items, sources=SOURCES, years=YEARS, totals=totals, id="national"
    )


def peak_extra(run: Callable[[], object]) -> int:
    """Peak bytes traced while ``run()`` runs, above what was held before (numpy included)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        run()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def verdict(value: float, target: float) -> str:
    return f"({'within' if value <= target else 'MISSES'} {target:g}x)"


def bench(names: Sequence[str], order: Literal["C", "F"], repeats: int, *, show: bool) -> None:
    rng = np.random.default_rng(20250701)
    shape = (len(names) * ITEMS_PER_COMMUNE, len(SOURCES), len(YEARS))
    # Up to 5 billion đồng a cell in whole millions: the grand total (~1.5e16 đồng at 10,035
    # communes) fits int64 easily.
    cells = np.asarray(rng.integers(0, 5_000, size=shape, dtype=np.int64) * 1_000_000, order=order)
    totals = stated_totals(cells)
    items = [
        Item(f"{c:05d}-{k}", f"{name} – nội dung {k}", number=f"{c}.{k}")
        for c, name in enumerate(names, start=1)
        for k in range(1, ITEMS_PER_COMMUNE + 1)
    ]

    build = best_of(3, lambda: national_table(cells, totals, items))
    table = national_table(cells, totals, items)
    one_pass = best_of(repeats, cells.sum)
    # For scale: one numpy reduction per axis, the three marginals any reconciliation needs.
    axis_sums = best_of(repeats, lambda: [cells.sum(axis=k) for k in range(3)])
    clean = best_of(repeats, lambda: reconcile(table))
    result = reconcile(table)
    assert result.reconciled, [f.message_en for f in result.findings[:3]]

    # One row total (a commune's item × one source, over the years) stated one đồng high.
    at = (shape[0] // 2, 2)
    wrong = {**totals, Level.ITEM_SOURCE: totals[Level.ITEM_SOURCE].copy()}
    wrong[Level.ITEM_SOURCE][at] += 1
    off_table = national_table(cells, wrong, items)
    off = best_of(repeats, lambda: reconcile(off_table))
    findings = reconcile(off_table).findings
    # The figure is checked against the cells, and is a part of its item's and its source's
    # totals: three comparisons fail, one of them at the figure itself.
    where = off_table.label(Level.ITEM_SOURCE, at)
    assert len(findings) == 3, [f.message_en for f in findings]
    assert [f.location for f in findings].count(where) == 1

    memory = (cells.nbytes + peak_extra(lambda: reconcile(table))) / cells.nbytes
    # from_arrays copies every level once into immutable memory (docs/decisions/reliability.md).
    build_memory = peak_extra(lambda: national_table(cells, totals, items)) / cells.nbytes

    print(
        f"{len(names):,} communes × {ITEMS_PER_COMMUNE} items × {len(SOURCES)} sources × "
        f"{len(YEARS)} years = {cells.size:,} cells, {cells.nbytes / 1e6:,.1f} MB int64, "
        f"{LAYOUTS[order]}"
    )
    print(
        f"  build (BudgetTable.from_arrays):        {build * 1000:8.1f} ms"
        f"  ({build / one_pass:.1f}x one pass; frozen copies {build_memory:.2f}x the cells)"
    )
    print(f"  one numpy pass (cells.sum()):           {one_pass * 1000:8.1f} ms")
    print(
        f"  cells.sum(axis=k), k = 0, 1, 2:         {axis_sums * 1000:8.1f} ms"
        f"  ({axis_sums / one_pass:.1f}x one pass)"
    )
    print(f"  reconcile, clean ({result.checked:,} totals checked)")
    print(
        f"    time, ratio to one pass:              {clean * 1000:8.1f} ms"
        f"  {clean / one_pass:6.1f}x {verdict(clean / one_pass, TIME_TARGET)}"
    )
    print("  reconcile, one total off by one đồng")
    print(
        f"    time, ratio to one pass:              {off * 1000:8.1f} ms"
        f"  {off / one_pass:6.1f}x {verdict(off / one_pass, TIME_TARGET)}"
    )
    print(
        f"  memory, (cells + peak extra) / cells:   {memory:8.2f}x"
        f"  {verdict(memory, MEMORY_TARGET)}"
    )
    if not show:
        return
    print(f"  findings with one total off by one đồng: {len(findings)} (* = the wrong figure)")
    for f in findings:
        print(f"  {'*' if f.location == where else ' '} {f.code}: {f.message_en}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--communes",
        type=int,
        nargs="+",
        help=f"commune counts to run (default: 3,321 and {COMMUNES_BEFORE_2025:,})",
    )
    parser.add_argument(
        "--layout", choices=("C", "F", "both"), default="both", help="order of the cell array"
    )
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    real = communes_from_2025()
    for count in args.communes or (len(real), COMMUNES_BEFORE_2025):
        # The real names when the count is theirs; numbered communes otherwise.
        names = real if count == len(real) else [f"xã số {n:05d}" for n in range(1, count + 1)]
        orders: tuple[Literal["C", "F"], ...] = (
            ("C", "F") if args.layout == "both" else (args.layout,)
        )
        for i, order in enumerate(orders):
            bench(names, order, args.repeats, show=i == 0)


if __name__ == "__main__":
    main()
