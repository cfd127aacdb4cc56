"""Plots for notebooks: budget phasing, progress against targets, a certificate's timeline.

An optional extra: ``pip install 'ocop[plot]'`` brings matplotlib.  Importing
this module (or ``ocop``) never imports matplotlib; each plotting function
does, and raises ``ImportError`` naming the extra when it is missing.  Each
draws on the ``ax`` it is given (or on a new figure) and returns that
``matplotlib.axes.Axes``, so the plot can be restyled.  Every bar and line
carries a ``gid`` naming what it shows (``"central_budget/2023"``,
``"products"``, ``"segment/0"``, ``"expiry"`` …).

:func:`phasing` gives the figures :func:`budget_phasing` stacks, exact in
int64 đồng, and needs no matplotlib:

>>> from ocop.plans import catalog
>>> table = catalog.plan("kon-tum-908-2023").budget.tables[1].build()
>>> p = phasing(table)
>>> p.level.name, [s.short for s in p.sources], p.years
('SOURCE_YEAR', ['NSNN', 'lồng ghép', 'tín dụng', 'chủ thể'], (2022, 2023, 2024, 2025))
>>> (p.totals() // 1_000_000).tolist()
[68750, 68750, 68750, 68750]
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ocop.budget.reconcile import outer_figures
from ocop.budget.table import BudgetTable, Level
from ocop.budget.vocabulary import Source
from ocop.certificates import rules as _rules
from ocop.certificates.model import Certificate, ExpiryRule, ExtensionReading
from ocop.certificates.rules import transition
from ocop.certificates.status import Status, status, timeline
from ocop.certificates.validity import validity
from ocop.dates import require_date
from ocop.errors import InconsistentData, InvalidInput, NotFound
from ocop.money import Unit, format_amount, format_decimal, from_dong
from ocop.plans.documents import Plan
from ocop.plans.metrics import MetricUnit
from ocop.plans.progress import Progress
from ocop.plans.targets import Comparator, Outcome, Target, TargetResult
from ocop.text import show

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.ticker import FuncFormatter

    from ocop.drafts.compare import SheetComparison

__all__ = [
    "Phasing",
    "budget_phasing",
    "certificate_timeline",
    "phasing",
    "progress",
    "star_transitions",
]

Amounts = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

#: The levels a phasing can be read from: stated source × year figures, or cells added up.
PHASING_LEVELS: Final = (Level.SOURCE_YEAR, Level.CELL)

_MET_COLOR: Final = "#2e7d32"
_NOT_MET_COLOR: Final = "#c62828"
_TARGET_COLOR: Final = "#e0e0e0"
_STATUS_COLORS: Final = {
    Status.NOT_YET_ISSUED: "#eeeeee",
    Status.VALID: "#2e7d32",
    Status.RENEWAL_WINDOW: "#f9a825",
    Status.KEPT_VALID: "#1565c0",
    Status.EXPIRED: "#9e9e9e",
    Status.REVOKED: "#c62828",
    Status.SUPERSEDED: "#6a1b9a",
}
_OUTCOME_TEXT: Final = {
    Outcome.MET: "met (no single figure)",
    Outcome.NOT_MET: "not met (no single figure)",
    Outcome.NOT_EVALUABLE: "not evaluable",
}
# An open-ended last segment (expired, revoked …) is drawn this far past its start.
_OPEN_END: Final = timedelta(days=180)
_DAY: Final = timedelta(days=1)


# --- the figures a phasing plot stacks (no matplotlib) -------------------------------------


@attrs.frozen(slots=True, eq=False)
class Phasing:
    """A table's money by outermost funding source × year, in int64 đồng.

    ``amounts[i, j]`` is ``sources[i]`` in ``years[j]``; a blank figure counts
    0, and a blank outer source is filled by the sources it contains (as
    :func:`ocop.budget.reconcile` does).  Sources with no figure at all are
    left out.  ``level`` says where the figures come from: ``SOURCE_YEAR``
    (stated) or ``CELL`` (the cells added over the items).
    """

    table_id: str
    unit: Unit
    level: Level
    sources: tuple[Source, ...]
    years: tuple[int, ...]
    amounts: Amounts

    def totals(self) -> Amounts:
        """Each year's total over the sources, in đồng."""
        return np.asarray(self.amounts.sum(axis=0, dtype=np.int64))


def phasing(table: BudgetTable, *, level: Level | None = None) -> Phasing:
    """The figures :func:`budget_phasing` draws: outermost source × year, in đồng.

    ``level=None`` reads the stated source × year figures when the table gives
    them, else adds up its cells; ``Level.SOURCE_YEAR`` or ``Level.CELL``
    insists on one.
    """
    if not isinstance(table, BudgetTable):
        raise InvalidInput(f"a phasing is drawn from a BudgetTable, not {type(table).__name__}")
    chosen = _level(table, level)
    values, mask = table.values(chosen), table.mask(chosen)
    at = chosen.axes.index("source")
    sources: list[Source] = []
    rows: list[Amounts] = []
    for s in table.top_sources():
        filled, maybe = outer_figures(table, values, mask, at, s)
        stated = np.ones(filled.shape, dtype=np.bool_) if maybe is None else maybe
        if chosen is Level.CELL:  # add the items up
            filled, stated = filled.sum(axis=0, dtype=np.int64), np.asarray(stated.any(axis=0))
        if bool(stated.any()):
            sources.append(table.sources[s])
            rows.append(np.asarray(filled, dtype=np.int64))
    amounts = np.array(rows, dtype=np.int64).reshape(len(rows), len(table.years))
    amounts.flags.writeable = False
    return Phasing(table.id, table.unit, chosen, tuple(sources), table.years, amounts)


def _level(table: BudgetTable, level: Level | None) -> Level:
    if level is None:
        for candidate in PHASING_LEVELS:
            if table.present(candidate):
                return candidate
        given = ", ".join(lv.name for lv in table.levels()) or "none"
        raise InvalidInput(
            f"table {table.id} gives no figures by source and year (SOURCE_YEAR) and no cells "
            f"(CELL) to add up, so it has no phasing to draw; it gives: {given}",
            table=table.id,
        )
    if not isinstance(level, Level) or level not in PHASING_LEVELS:  # an array: no `in`
        raise InvalidInput(
            f"level must be Level.SOURCE_YEAR, Level.CELL or None, not {show(level)}",
            value=show(level),
        )
    if not table.present(level):
        raise InvalidInput(
            f"table {table.id} states no figures at level {level.name}", table=table.id
        )
    return level


# --- matplotlib -----------------------------------------------------------------------------


def _pyplot() -> ModuleType:
    """matplotlib.pyplot, or an ImportError that names the extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError(
            "ocop.plot needs matplotlib, an optional dependency: pip install 'ocop[plot]'"
        ) from error
    return plt


def _axes(ax: object, size: tuple[float, float]) -> Axes:
    plt = _pyplot()
    from matplotlib.axes import Axes

    if ax is None:
        _, new = plt.subplots(figsize=size, layout="constrained")
        assert isinstance(new, Axes)
        return new
    if not isinstance(ax, Axes):
        raise InvalidInput(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}")
    return ax


def _number_formatter(suffix: str = "") -> FuncFormatter:
    """Tick labels in Vietnamese notation: 134.750, 0,5 (tick values are floats)."""
    from matplotlib.ticker import FuncFormatter

    def tick(value: float, _pos: object) -> str:
        # Ticks sit on round values; rounding drops float noise (0.30000000000000004).
        return format_decimal(Decimal(repr(round(float(value), 6))), locale="vi") + suffix

    return FuncFormatter(tick)


def _in_unit(amount: int | np.integer[Any], unit: Unit) -> float:
    """``amount`` đồng in ``unit``, for a bar: exact whenever the figure is (all real plans)."""
    return float(from_dong(int(amount), unit))


def _source_color(source: Source) -> str:
    # A source keeps its colour from one table to the next.
    return f"C{list(Source).index(source) % 10}"


def budget_phasing(
    table: BudgetTable, *, ax: Axes | None = None, level: Level | None = None
) -> Axes:
    """A stacked bar per year, a segment per outermost funding source, in the table's unit.

    The figures are :func:`phasing`'s (``level`` as there).  The y axis is in
    the unit the table is written in (triệu đồng for most plans), its ticks in
    Vietnamese notation; each bar is topped by the year's total.  Segment
    ``gid``: ``"<source>/<year>"``; the legend names the sources as the plans do.
    """
    figures = phasing(table, level=level)
    axes = _axes(ax, (8.0, 4.5))
    unit = figures.unit
    years = list(figures.years)
    below = np.zeros(len(years), dtype=np.int64)
    for source, row in zip(figures.sources, figures.amounts, strict=True):
        bars = axes.bar(
            years,
            [_in_unit(v, unit) for v in row],
            bottom=[_in_unit(v, unit) for v in below],
            width=0.6,
            color=_source_color(source),
            label=f"{source.label_vi} ({source.short})",
        )
        for patch, year in zip(bars.patches, years, strict=True):
            patch.set_gid(f"{source.value}/{year}")
        below = below + row
    for year, total in zip(years, below, strict=True):
        axes.annotate(
            format_amount(int(total), unit, with_unit=False),
            (year, _in_unit(total, unit)),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            gid=f"total/{year}",
        )
    axes.set_xticks(years, [str(y) for y in years])
    axes.margins(y=0.08)  # room for the totals above the bars
    axes.yaxis.set_major_formatter(_number_formatter())
    axes.set_xlabel("Year")
    axes.set_ylabel(f"Amount ({unit.label_vi})")
    axes.set_title(f"Budget by year and funding source: {table.id}", parse_math=False)
    handles, labels = axes.get_legend_handles_labels()
    if handles:  # top of the stack first, as the bars read
        axes.legend(
            handles[::-1],
            labels[::-1],
            title="Nguồn vốn",
            fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
        )
    return axes


# --- progress -------------------------------------------------------------------------------


def progress(report: Progress, plan: Plan | None = None, *, ax: Axes | None = None) -> Axes:
    """Each target's figure on the report's date as a share of what the target asks.

    Targets are in different units (products, percent), so each bar is the
    figure as a percentage of the figure to reach: the low end of an "at
    least", "about" or range target, the ceiling of an "at most" one; the
    dashed line at 100 is the target.  Met bars are green, missed ones red; a
    target that could not be evaluated has no bar and says so (the report
    gives the reason).  The text after each bar gives the figure against the
    target (``3 / ≥ 250``).

    ``plan`` is the plan the report measured; a catalogued plan is found by
    the report's ``plan_id``.  Bar ``gid``: the target id (``"<id>/target"``
    for the grey target bar).
    """
    if not isinstance(report, Progress):
        raise InvalidInput(f"progress() plots a Progress, not {type(report).__name__}")
    targets = _targets(report, plan)
    rows = list(zip(report.results, targets, strict=True))
    axes = _axes(ax, (8.0, 1.5 + 0.45 * len(rows)))
    ys = list(range(len(rows)))
    shares = [_share(r, t) for r, t in rows]
    evaluable = [i for i, s in enumerate(shares) if s is not None]
    target_bars = axes.barh(
        [ys[i] for i in evaluable], [100.0] * len(evaluable), height=0.7,
        color=_TARGET_COLOR, label="target",
    )  # fmt: skip
    for patch, i in zip(target_bars.patches, evaluable, strict=True):
        patch.set_gid(f"{rows[i][0].target_id}/target")
    for outcome, color, label in (
        (Outcome.MET, _MET_COLOR, "met"),
        (Outcome.NOT_MET, _NOT_MET_COLOR, "not met"),
    ):
        picked = [i for i in evaluable if rows[i][0].outcome is outcome]
        bars = axes.barh(
            [ys[i] for i in picked],
            [shares[i] or 0.0 for i in picked],
            height=0.4,
            color=color,
            label=label,
        )
        for patch, i in zip(bars.patches, picked, strict=True):
            patch.set_gid(rows[i][0].target_id)
    widest = max([100.0, *(s for s in shares if s is not None)])
    for y, (r, t), share in zip(ys, rows, shares, strict=True):
        axes.annotate(
            _against(r, t),
            (max(share or 0.0, 0.0), y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="#616161" if share is None else "black",
            gid=f"{r.target_id}/text",
            parse_math=False,
        )
    axes.axvline(100.0, color="black", linestyle="--", linewidth=1)
    axes.set_xlim(0, widest * 1.45)  # room for the text after the longest bar
    axes.set_yticks(ys, [r.target_id for r, _ in rows], parse_math=False)
    axes.set_ylim(max(len(rows), 1) - 0.5, -0.5)  # the plan's order, top down
    axes.xaxis.set_major_formatter(_number_formatter("%"))
    axes.set_xlabel("Figure reached, as % of the target's figure")
    title = f"Progress of {report.plan_id} on {report.on.isoformat()}"
    axes.set_title(title, parse_math=False)
    if evaluable:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return axes


def _targets(report: Progress, plan: Plan | None) -> list[Target]:
    """The target of each result, from ``plan`` or the catalogue, checked against the report."""
    if plan is None:
        from ocop.plans import catalog

        if report.plan_id not in catalog.ids():
            raise NotFound(
                f"plan {show(report.plan_id)} is not in the catalogue; "
                "pass the plan the report measured: progress(report, plan)",
                plan=report.plan_id,
            )
        plan = catalog.plan(report.plan_id)
    elif not isinstance(plan, Plan):
        raise InvalidInput(f"plan must be a Plan or None, not {type(plan).__name__}")
    if plan.id != report.plan_id:
        raise InconsistentData(
            f"the report measured plan {show(report.plan_id)}, not {show(plan.id)}",
            plan=plan.id,
        )
    found = []
    for r in report.results:
        target = plan.target(r.target_id)
        if target.figure() != r.required:
            raise InconsistentData(
                f"target {r.target_id}: the report asks {r.required}, the plan {target.figure()}; "
                "pass the plan the report measured",
                target=r.target_id,
            )
        found.append(target)
    return found


def _share(result: TargetResult, target: Target) -> float | None:
    """The figure as a percentage of the figure to reach; None when there is no figure."""
    if result.actual is None:
        return None
    low, high = target.bounds
    ceiling = target.comparator is Comparator.AT_MOST
    reference = Fraction(high if ceiling and high is not None else low)
    if reference == 0:
        # "At least 0" is reached by anything; "at most 0" is exceeded by any figure.
        return 200.0 if ceiling and result.actual > 0 else (0.0 if ceiling else 100.0)
    return float(100 * result.actual / reference)


def _against(result: TargetResult, target: Target) -> str:
    """``"66,67% / ≥ 50%"``: the figure against the target, in Vietnamese notation."""
    if result.actual is None:
        # The reason is in the report; a sentence would run across the plot.
        return _OUTCOME_TEXT[result.outcome]
    pct = "%" if target.unit is MetricUnit.PERCENT else ""
    return f"{_vi(result.actual)}{pct} / {_required(target)}"


def _required(target: Target) -> str:
    pct = "%" if target.unit is MetricUnit.PERCENT else ""
    if target.comparator is Comparator.RANGE:
        return f"{_vi(target.low)}–{_vi(target.high)}{pct}"
    symbol = {
        Comparator.AT_LEAST: "≥ ",
        Comparator.AT_MOST: "≤ ",
        Comparator.ABOUT: "≈ ",
        Comparator.EXACTLY: "",
    }[target.comparator]
    return f"{symbol}{_vi(target.value)}{pct}"


def _vi(value: Fraction | Decimal | None) -> str:
    """A figure in Vietnamese notation, at most two decimals (200/3 → 66,67)."""
    if value is None:
        return "?"
    exact = Fraction(value)
    number = Decimal(exact.numerator) / Decimal(exact.denominator)
    if exact.denominator != 1:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return format_decimal(number, locale="vi")


# --- certificate timeline -------------------------------------------------------------------


def certificate_timeline(
    certificate: Certificate,
    *,
    ax: Axes | None = None,
    on: date | None = None,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
) -> Axes:
    """The certificate's status over time as one band, from :func:`ocop.certificates.timeline`.

    Each segment is coloured by its status; a day spans from its midnight to
    the next, so a segment ending on 31/5 stops where 1/6 begins.  The
    re-evaluation filing window of 26/2026 (Điều 7 khoản 6 điểm a) is shaded,
    the end of validity is a solid line after the last valid day, the latest
    day Điều 12 khoản 3 can keep it valid (when it applies) a dotted one, and
    ``on`` a dashed line at midday, labelled with the status that day.  An
    open-ended last segment is drawn 180 days long (to 180 days after ``on``
    when that is later).  ``gid``: ``"segment/<n>"`` (in timeline order),
    ``"renewal_window"``, ``"expiry"``, ``"kept_until"``, ``"on"``.
    """
    if not isinstance(certificate, Certificate):
        raise InvalidInput(
            f"certificate_timeline() takes a Certificate, not {type(certificate).__name__}"
        )
    day = None if on is None else require_date(on, "on")
    segments = timeline(certificate, rule=rule, reading=reading)
    term = validity(certificate, rule=rule, reading=reading)
    axes = _axes(ax, (9.0, 3.0))
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

    def x(d: date) -> float:
        return float(date2num(d))  # type: ignore[no-untyped-call]

    last = segments[-1].starts_on
    open_stop = max(last, day or last) + _OPEN_END  # where an open-ended band stops
    shown: set[Status] = set()
    for n, segment in enumerate(segments):
        stop = open_stop if segment.ends_on is None else segment.ends_on + _DAY
        first = segment.status not in shown
        shown.add(segment.status)
        bars = axes.barh(
            0,
            x(stop) - x(segment.starts_on),
            left=x(segment.starts_on),
            height=0.5,
            color=_STATUS_COLORS[segment.status],
            label=_status_label(segment.status) if first else "_nolegend_",
            zorder=2,
        )
        bars.patches[0].set_gid(f"segment/{n}")
    renewal = term.renewal
    if renewal.opens_on is not None and renewal.closes_on is not None:
        axes.axvspan(
            x(renewal.opens_on),
            x(renewal.closes_on + _DAY),
            color="#ffe082",
            alpha=0.6,
            hatch="//",
            zorder=1,
            gid="renewal_window",
            label=f"re-evaluation filing window {renewal.opens_on.isoformat()} – "
            f"{renewal.closes_on.isoformat()} ({_rules.RE_EVALUATION_WINDOW.citation})",
        )
    axes.axvline(
        x(term.expires_on + _DAY),
        color="black",
        linewidth=1.5,
        zorder=3,
        gid="expiry",
        label=f"expiry: valid through {term.expires_on.isoformat()}",
    )
    if renewal.kept_until is not None:
        axes.axvline(
            x(renewal.kept_until + _DAY),
            color="#1565c0",
            linestyle=":",
            linewidth=1.5,
            zorder=3,
            gid="kept_until",
            label=f"kept valid at most through {renewal.kept_until.isoformat()} "
            f"({transition().late_filing})",
        )
    if day is not None:
        found = status(certificate, day, rule=rule, reading=reading).status
        axes.axvline(
            x(day) + 0.5,
            color="#d81b60",
            linestyle="--",
            linewidth=1.5,
            zorder=4,
            gid="on",
            label=f"on {day.isoformat()}: {_status_label(found)}",
        )
    start = min(certificate.issued_on, day or certificate.issued_on) - timedelta(days=30)
    axes.set_xlim(x(start), x(open_stop + timedelta(days=30)))
    axes.set_ylim(-1.0, 1.0)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.set_yticks([0], [f"{certificate.star}★"])
    title = f"OCOP certificate {certificate.star}★ issued {certificate.issued_on.isoformat()}"
    if certificate.product:
        title += f": {certificate.product}"
    axes.set_title(title, parse_math=False)  # a product name is shown as typed, "$" and all
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
    return axes


def _status_label(found: Status) -> str:
    if found is Status.RENEWAL_WINDOW:
        return "valid, filing window open"
    return found.value.replace("_", " ")


def star_transitions(sheet: SheetComparison, *, ax: Axes | None = None) -> Axes:
    """A draft comparison's star-transition matrix for one sheet (``ocop.drafts.compare``):
    rows the star before, columns the star under the draft (0: knocked out), each cell the
    share of the cards classified, annotated with its count; the diagonal is unchanged.
    Cell ``gid``: ``"<before>-><after>"``."""
    from ocop.drafts.compare import SheetComparison  # the plot is the only user here

    if not isinstance(sheet, SheetComparison):
        raise InvalidInput(
            f"star_transitions() plots a SheetComparison, not {type(sheet).__name__}"
        )
    if not sheet.cards:
        raise InvalidInput(f"sheet #{sheet.sheet} was not compared card by card (criteria differ)")
    axes = _axes(ax, (5.5, 4.5))
    counts = np.array(sheet.transitions, dtype=np.int64)
    shares = counts / sheet.cards
    axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=max(float(shares.max()), 1e-9))
    labels = ["KO", "1★", "2★", "3★", "4★", "5★"]
    for before in range(6):
        for after in range(6):
            n = int(counts[before, after])
            if n:
                axes.text(
                    after,
                    before,
                    f"{n}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="black" if before == after else "darkred",
                    gid=f"{before}->{after}",
                )
    axes.set_xticks(range(6), labels)
    axes.set_yticks(range(6), labels)
    axes.set_xlabel("under the draft")
    axes.set_ylabel("before")
    how = "all" if sheet.exact else "sampled"
    axes.set_title(
        f"#{sheet.sheet} {sheet.product_set}: {sheet.changed} of {sheet.cards} {how} cards "
        "change star"
    )
    return axes
