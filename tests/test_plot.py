"""ocop.plot: what each plot draws is the library's figures, exactly; matplotlib stays optional."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display in tests

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.dates import date2num

from ocop import plot
from ocop.budget import BudgetTable, Item, Level, Source
from ocop.certificates import (
    Certificate,
    ExpiryRule,
    Status,
    status,
    timeline,
    validity,
)
from ocop.errors import InconsistentData, InvalidInput, NotFound
from ocop.money import Unit, from_dong
from ocop.plans import Plan, Portfolio, catalog
from ocop.plans import progress as measure

# A missing glyph (★, ≥, đ), a legend with nothing in it, a mathtext error: all fail a test.
pytestmark = pytest.mark.filterwarnings("error")

TRIEU = 1_000_000
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def kon_tum() -> Plan:
    return catalog.plan("kon-tum-908-2023")


def segments(ax: Axes) -> dict[str, tuple[Decimal, Decimal]]:
    """gid → (bottom, height) of every bar, as exact decimals of the floats drawn."""
    return {
        p.get_gid(): (Decimal(p.get_y()), Decimal(p.get_height()))
        for p in ax.patches
        if p.get_gid()
    }


def in_unit(amount: int, unit: Unit) -> Decimal:
    return from_dong(int(amount), unit)


# --- budget phasing -------------------------------------------------------------------------


def test_kon_tum_appendix_1_heights_are_the_stated_source_year_figures(kon_tum: Plan) -> None:
    table = kon_tum.budget.tables[0].build()
    ax = plot.budget_phasing(table)
    drawn = segments(ax)
    stated = table.values(Level.SOURCE_YEAR)
    assert len(drawn) == len(table.sources) * len(table.years) == 20
    for i, source in enumerate(table.sources):
        for j, year in enumerate(table.years):
            bottom, height = drawn[f"{source.value}/{year}"]
            assert height == in_unit(stated[i, j], table.unit)
            assert bottom == in_unit(stated[:i, j].sum(), table.unit)
    # Each stack adds up to the year total the appendix states: 17.545 … 30.205 triệu đồng.
    for j, year in enumerate(table.years):
        stack = sum(h for gid, (_, h) in drawn.items() if gid.endswith(f"/{year}"))
        assert stack == in_unit(table.values(Level.YEAR)[j], table.unit)
    assert [t.get_text() for t in ax.texts] == ["17.545", "26.800", "30.100", "30.100", "30.205"]
    assert drawn["central_budget/2021"][1] == 545
    assert drawn["local_budget/2021"][1] == 0  # blank in the appendix


def test_kon_tum_appendix_1_labels_and_vietnamese_ticks(kon_tum: Plan) -> None:
    table = kon_tum.budget.tables[0].build()
    ax = plot.budget_phasing(table)
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Vốn của chủ thể (chủ thể)",
        "Vốn lồng ghép (lồng ghép)",
        "Ngân sách địa phương (NSĐP)",
        "Ngân sách Trung ương (NSTW)",
    ]
    assert ax.get_ylabel() == "Amount (triệu đồng)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023", "2024", "2025"]
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "30.000" in labels and "5.000" in labels
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(134750.0, 0) == "134.750"
    assert formatter(np.float64(0.30000000000000004), 0) == "0,3"


def test_kon_tum_appendix_2_stacks_outermost_sources(kon_tum: Plan) -> None:
    table = kon_tum.budget.tables[1].build()
    ax = plot.budget_phasing(table)
    drawn = segments(ax)
    # NSNN contains NSTW and NSĐP: it is one segment, and "Nguồn khác" (no figure) none.
    assert sorted({gid.split("/")[0] for gid in drawn}) == sorted(
        ["state_budget", "pooled", "credit", "subjects"]
    )
    for year in table.years:
        assert drawn[f"state_budget/{year}"][1] == 31_250
        stack = sum(h for gid, (_, h) in drawn.items() if gid.endswith(f"/{year}"))
        assert stack == 68_750  # 275.000 triệu đồng over four years
    figures = plot.phasing(table)
    assert int(figures.amounts.sum()) == table.amount(Level.TOTAL)


def test_a_blank_outer_source_is_filled_by_the_sources_it_contains() -> None:
    sy = np.array([[0, 700], [300, 200], [100, 100], [50, 0]], dtype=np.int64) * TRIEU
    mask = np.array([[False, True], [True, True], [True, True], [True, True]])
    table = BudgetTable.from_arrays(
        items=(),
        sources=("NSNN", "NSTW", "NSĐP", "chủ thể"),
        years=(2024, 2025),
        totals={Level.SOURCE_YEAR: sy},
        masks={Level.SOURCE_YEAR: mask},
    )
    figures = plot.phasing(table)
    assert figures.sources == (Source.STATE_BUDGET, Source.SUBJECTS)
    # 2024: NSNN is blank, so NSTW 300 + NSĐP 100; 2025: NSNN's own 700 as printed.
    assert (figures.amounts // TRIEU).tolist() == [[400, 700], [50, 0]]
    drawn = segments(plot.budget_phasing(table))
    assert drawn["state_budget/2024"][1] == 400 and drawn["subjects/2024"][0] == 400


def cell_table(**extra: object) -> tuple[BudgetTable, np.ndarray]:
    cells = np.array(
        [[[100, 150], [50, 50]], [[200, 250], [0, 300]]], dtype=np.int64
    ) * TRIEU  # fmt: skip
    table = BudgetTable.from_arrays(
        cells,
        items=(Item("dgph", "Đánh giá phân hạng"), Item("xttm", "Xúc tiến thương mại")),
        sources=("NSTW", "chủ thể"),
        years=(2024, 2025),
        **extra,  # type: ignore[arg-type]
    )
    return table, cells


def test_cells_are_added_over_the_items() -> None:
    table, cells = cell_table()
    figures = plot.phasing(table)
    assert figures.level is Level.CELL
    assert np.array_equal(figures.amounts, cells.sum(axis=0))
    drawn = segments(plot.budget_phasing(table))
    assert drawn["central_budget/2025"] == (0, 400)
    assert drawn["subjects/2025"] == (400, 350)
    # A stated source × year level wins, unless the cells are asked for.
    stated = np.array([[1, 1], [1, 1]], dtype=np.int64) * TRIEU
    both, _ = cell_table(totals={Level.SOURCE_YEAR: stated})
    assert plot.phasing(both).level is Level.SOURCE_YEAR
    assert np.array_equal(plot.phasing(both, level=Level.CELL).amounts, cells.sum(axis=0))


def test_fractional_figures_in_the_unit() -> None:
    table = BudgetTable.from_arrays(
        np.array([[[1_500_000, 2_000_000_000]]]),
        items=(Item("a", "Tuyên truyền"),),
        sources=("NSTW",),
        years=(2024, 2025),
        unit="tỷ đồng",
    )
    ax = plot.budget_phasing(table)
    heights = [p.get_height() for p in ax.patches]
    assert heights == [float(Decimal("0.0015")), 2.0]
    assert [t.get_text() for t in ax.texts] == ["0,0015", "2"]
    assert ax.get_ylabel() == "Amount (tỷ đồng)"


def test_phasing_refusals() -> None:
    table, _ = cell_table()
    with pytest.raises(InvalidInput, match="states no figures at level SOURCE_YEAR"):
        plot.budget_phasing(table, level=Level.SOURCE_YEAR)
    with pytest.raises(InvalidInput, match=r"Level\.SOURCE_YEAR, Level\.CELL or None"):
        plot.budget_phasing(table, level=Level.ITEM)
    only_items = BudgetTable.from_arrays(
        items=(Item("a", "Tuyên truyền"),),
        sources=("NSTW",),
        years=(2025,),
        totals={Level.ITEM: np.array([5 * TRIEU])},
    )
    with pytest.raises(InvalidInput, match="no phasing to draw; it gives: ITEM"):
        plot.budget_phasing(only_items)
    with pytest.raises(InvalidInput, match="BudgetTable, not dict"):
        plot.budget_phasing({})  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="matplotlib Axes or None, not str"):
        plot.budget_phasing(table, ax="left")  # type: ignore[arg-type]


# --- progress -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return Portfolio.model_validate(
        {
            "subjects": [
                {"id": "htx-1", "entity_type": "cooperative", "modern_channels": True},
                {"id": "htx-2", "entity_type": "cooperative", "modern_channels": False},
                {"id": "cty", "entity_type": "sme", "modern_channels": True},
            ],
            "products": [
                {"id": p, "subject": s, "certificates": [{"star": star, "issued_on": day}]}
                for p, s, star, day in (
                    ("a", "htx-1", 3, "2024-04-10"),
                    ("b", "htx-2", 4, "2025-05-20"),
                    ("c", "cty", 5, "2023-06-01"),
                )
            ],
        },
        strict=False,
    )


def test_progress_bars_are_shares_of_the_targets(kon_tum: Plan, portfolio: Portfolio) -> None:
    report = measure(kon_tum, portfolio, date(2025, 12, 31))
    ax = plot.progress(report)
    bars = {p.get_gid(): p for p in ax.patches}
    # 3 products against ≥ 250; 1 five-star against ≥ 10; 2 of 3 subjects cooperatives (≥ 50%).
    assert bars["products"].get_width() == pytest.approx(100 * 3 / 250)
    assert bars["products.five-star"].get_width() == pytest.approx(10.0)
    assert bars["cooperatives"].get_width() == pytest.approx(float(Fraction(200, 3) / 50 * 100))
    assert bars["modern-channels"].get_width() == pytest.approx(float(Fraction(200, 3) / 20 * 100))
    for r in report.results:
        evaluable = r.actual is not None
        assert (r.target_id in bars) is evaluable
        assert (f"{r.target_id}/target" in bars) is evaluable
        if evaluable:
            assert bars[f"{r.target_id}/target"].get_width() == 100
    # Met and not met are told apart by colour and by legend entry.
    met = {r.target_id for r in report.results if r.outcome.value == "met"}
    missed = {r.target_id for r in report.results if r.outcome.value == "not_met"}
    assert met == {"cooperatives", "smes", "modern-channels"}
    assert missed == {"products", "products.five-star"}
    assert len({bars[t].get_facecolor() for t in met}) == 1
    assert len({bars[t].get_facecolor() for t in missed}) == 1
    assert bars["products"].get_facecolor() != bars["cooperatives"].get_facecolor()
    by_label = {c.get_label(): {p.get_gid() for p in c.patches} for c in ax.containers}
    assert by_label["met"] == met and by_label["not met"] == missed
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert texts["products/text"] == "3 / ≥ 250"
    assert texts["cooperatives/text"] == "66,67% / ≥ 50%"
    assert texts["modern-channels/text"] == "66,67% / 20–30%"
    assert texts["craft-villages/text"] == "not evaluable"
    assert [t.get_text() for t in ax.get_yticklabels()] == [r.target_id for r in report.results]
    assert ax.get_title() == "Progress of kon-tum-908-2023 on 2025-12-31"


def test_progress_against_a_ceiling_and_a_zero_floor(kon_tum: Plan, portfolio: Portfolio) -> None:
    first = kon_tum.targets[0].model_dump() | {"parts": ()}
    targets = [
        first | {"id": "at-most", "comparator": "at_most", "value": 2},
        first | {"id": "at-least-zero", "value": 0},
        first | {"id": "enough", "comparator": "range", "value": None, "low": 2, "high": 5},
    ]
    plan = Plan.model_validate(kon_tum.model_dump() | {"id": "mine", "targets": targets})
    report = measure(plan, portfolio, date(2025, 12, 31))
    assert [r.outcome.value for r in report.results] == ["not_met", "met", "met"]
    ax = plot.progress(report, plan)
    bars = {p.get_gid(): p for p in ax.patches}
    # 3 products against at most 2: 150% of the ceiling; anything reaches "at least 0".
    assert bars["at-most"].get_width() == 150.0
    assert bars["at-least-zero"].get_width() == 100.0
    assert bars["enough"].get_width() == 150.0  # a range is reached from its low end
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["3 / ≤ 2", "3 / ≥ 0", "3 / 2–5"]


def test_progress_needs_the_plan_it_measured(kon_tum: Plan, portfolio: Portfolio) -> None:
    mine = Plan.model_validate(kon_tum.model_dump() | {"id": "my-plan"})
    report = measure(mine, portfolio, date(2025, 12, 31))
    with pytest.raises(NotFound, match="not in the catalogue; pass the plan"):
        plot.progress(report)
    assert plot.progress(report, mine).get_title().startswith("Progress of my-plan")
    with pytest.raises(InconsistentData, match="measured plan 'my-plan', not 'kon-tum-908-2023'"):
        plot.progress(report, kon_tum)
    targets = [t.model_dump() for t in mine.targets]
    targets[0]["value"] = 300
    changed = Plan.model_validate(mine.model_dump() | {"targets": targets})
    with pytest.raises(InconsistentData, match="the report asks ≥ 250, the plan ≥ 300"):
        plot.progress(report, changed)
    with pytest.raises(InvalidInput, match="plots a Progress, not list"):
        plot.progress([])  # type: ignore[arg-type]


# --- certificate timeline -------------------------------------------------------------------


def x(day: date) -> float:
    return float(date2num(day))


@pytest.mark.parametrize(
    "cert",
    [
        Certificate(star=4, issued_on=date(2024, 5, 31), product="Sâm Ngọc Linh"),
        Certificate(star=3, issued_on=date(2023, 3, 1), re_evaluation_filed_on=date(2026, 6, 1)),
        Certificate(star=5, issued_on=date(2026, 6, 1), revoked_on=date(2027, 1, 10)),
        Certificate(star=3, issued_on=date(2021, 1, 15), superseded_on=date(2022, 7, 1)),
    ],
)
def test_timeline_segments_match_the_library(cert: Certificate) -> None:
    ax = plot.certificate_timeline(cert)
    drawn = {p.get_gid(): p for p in ax.patches}
    found = timeline(cert)
    for n, segment in enumerate(found):
        patch = drawn[f"segment/{n}"]
        assert patch.get_x() == x(segment.starts_on)
        end = patch.get_x() + patch.get_width()
        last_day = segment.ends_on or segment.starts_on + timedelta(days=179)  # open: 180 days
        assert end == pytest.approx(x(last_day + DAY), abs=1e-6)
    assert not any(gid.startswith(f"segment/{len(found)}") for gid in drawn)
    term = validity(cert)
    lines = {line.get_gid(): line for line in ax.get_lines()}
    assert lines["expiry"].get_xdata()[0] == x(term.expires_on + DAY)
    window = term.renewal
    if window.opens_on is not None:
        span = drawn["renewal_window"]
        # A Rectangle (matplotlib ≥ 3.9) or a Polygon (older): its corners in data x.
        corners = span.get_patch_transform().transform(span.get_path().vertices)
        xs = [float(v) for v, _ in corners]
        assert (min(xs), max(xs)) == (x(window.opens_on), x(window.closes_on + DAY))
    else:
        assert "renewal_window" not in drawn
    assert ("kept_until" in lines) is (window.kept_until is not None)


def test_timeline_colours_legend_and_on_line() -> None:
    cert = Certificate(star=4, issued_on=date(2024, 5, 31), product="Sâm Ngọc Linh")
    on = date(2026, 11, 23)
    ax = plot.certificate_timeline(cert, on=on)
    drawn = {p.get_gid(): p for p in ax.patches}
    statuses = [s.status for s in timeline(cert)]
    assert statuses == [Status.VALID, Status.RENEWAL_WINDOW, Status.VALID, Status.EXPIRED]
    colours = [drawn[f"segment/{n}"].get_facecolor() for n in range(4)]
    assert colours[0] == colours[2] and len(set(colours)) == 3
    line = next(line for line in ax.get_lines() if line.get_gid() == "on")
    assert line.get_xdata()[0] == x(on) + 0.5
    legend = ax.get_legend()
    assert legend is not None
    texts = [t.get_text() for t in legend.get_texts()]
    assert f"on 2026-11-23: {status(cert, on).status.value}" in texts
    assert "expiry: valid through 2027-05-31" in texts
    assert (
        "re-evaluation filing window 2026-12-02 – 2027-01-31 "
        "(điểm a khoản 6 Điều 7 26/2026/QĐ-TTg)" in texts
    )
    assert texts.count("valid") == 1  # one legend entry per status
    assert ax.get_title() == "OCOP certificate 4★ issued 2024-05-31: Sâm Ngọc Linh"
    # A date before issue widens the view to show it.
    early = plot.certificate_timeline(cert, on=date(2024, 1, 1))
    assert early.get_xlim()[0] < x(date(2024, 1, 1))


def test_timeline_options_and_refusals() -> None:
    cert = Certificate(star=3, issued_on=date(2024, 7, 31))  # 36 months end on a Saturday
    ends = []
    for rule in ExpiryRule:
        ax = plot.certificate_timeline(cert, rule=rule)
        expiry = next(line for line in ax.get_lines() if line.get_gid() == "expiry")
        ends.append(validity(cert, rule=rule).expires_on)
        assert expiry.get_xdata()[0] == x(ends[-1] + DAY)
    assert ends == [date(2027, 7, 31), date(2027, 8, 2)]
    with pytest.raises(InvalidInput, match=r"on must be a datetime\.date"):
        plot.certificate_timeline(cert, on="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="takes a Certificate, not dict"):
        plot.certificate_timeline({"star": 3})  # type: ignore[arg-type]


def test_user_text_is_shown_as_typed() -> None:
    # "$…$" would be read as mathtext (and "$\\frac" fail to render); "<script>" is just text.
    hostile = r"Trà $\frac{x$ <script>"
    cert = Certificate(star=3, issued_on=date(2025, 1, 1), product=hostile)
    ax = plot.certificate_timeline(cert, on=date(2026, 1, 1))
    assert ax.get_title() == f"OCOP certificate 3★ issued 2025-01-01: {hostile}"
    assert not ax.title.get_parse_math()
    ax.figure.canvas.draw()
    table = BudgetTable.from_arrays(
        np.array([[[1 * TRIEU]]]),
        items=(Item("a", "Tuyên truyền"),),
        sources=("NSTW",),
        years=(2025,),
        id=hostile,
    )
    ax = plot.budget_phasing(table)
    assert ax.get_title().endswith(hostile) and not ax.title.get_parse_math()
    ax.figure.canvas.draw()


def test_every_plot_renders_its_text(kon_tum: Plan, portfolio: Portfolio) -> None:
    report = measure(kon_tum, portfolio, date(2025, 12, 31))
    cert = Certificate(star=3, issued_on=date(2023, 3, 1), re_evaluation_filed_on=date(2026, 6, 1))
    for ax in (
        plot.budget_phasing(kon_tum.budget.tables[0].build()),
        plot.progress(report),
        plot.certificate_timeline(cert, on=date(2026, 6, 15)),
    ):
        ax.figure.canvas.draw()  # glyphs for ★ ≥ ≈ – and Vietnamese letters, or a warning


def test_a_table_with_nothing_to_stack_draws_empty_bars() -> None:
    table = BudgetTable.from_arrays(
        items=(),
        sources=("NSTW", "chủ thể"),
        years=(2024, 2025),
        totals={Level.SOURCE_YEAR: np.zeros((2, 2), dtype=np.int64)},
        masks={Level.SOURCE_YEAR: np.zeros((2, 2), dtype=np.bool_)},
    )
    assert plot.phasing(table).amounts.shape == (0, 2)
    ax = plot.budget_phasing(table)
    assert [t.get_text() for t in ax.texts] == ["0", "0"] and ax.get_legend() is None
    ax.figure.canvas.draw()


# --- axes, imports, the optional dependency -------------------------------------------------


def test_each_plot_returns_the_axes_it_was_given(kon_tum: Plan, portfolio: Portfolio) -> None:
    fig, axes = plt.subplots(1, 3)
    report = measure(kon_tum, portfolio, date(2025, 12, 31))
    assert plot.budget_phasing(kon_tum.budget.tables[0].build(), ax=axes[0]) is axes[0]
    assert plot.progress(report, ax=axes[1]) is axes[1]
    cert = Certificate(star=4, issued_on=date(2024, 5, 31))
    assert plot.certificate_timeline(cert, ax=axes[2]) is axes[2]
    assert len(plt.get_fignums()) == 1
    new = plot.certificate_timeline(cert)
    assert isinstance(new, Axes) and new.figure is not fig


def test_importing_ocop_and_its_modules_leaves_matplotlib_and_pandas_out() -> None:
    code = """
import importlib, json, pkgutil, sys
import ocop
names = [m.name for m in pkgutil.walk_packages(ocop.__path__, "ocop.")
         if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"matplotlib", "pandas"})
print(json.dumps({"modules": names, "heavy": heavy}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    found = json.loads(done.stdout)
    assert "ocop.plot" in found["modules"] and "ocop.budget.table" in found["modules"]
    assert found["heavy"] == []


@pytest.mark.parametrize("name", ["budget_phasing", "progress", "certificate_timeline"])
def test_missing_matplotlib_names_the_extra(
    name: str, kon_tum: Plan, portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = {
        "budget_phasing": (kon_tum.budget.tables[0].build(),),
        "progress": (measure(kon_tum, portfolio, date(2025, 12, 31)),),
        "certificate_timeline": (Certificate(star=4, issued_on=date(2024, 5, 31)),),
    }[name]
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'ocop\[plot\]'"):
        getattr(plot, name)(*args)
