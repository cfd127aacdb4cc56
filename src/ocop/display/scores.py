"""Showing a score result (part → group → criterion) and a classification (the star and why)."""

from __future__ import annotations

from collections.abc import Sequence

from ocop.criteria.model import Scoresheet
from ocop.criteria.scoring import CriterionScore, ScoreResult
from ocop.criteria.versions import scoresheet
from ocop.display.markup import Cell, Html, block, el, join, number, table, text_table
from ocop.errors import OcopError
from ocop.law import Citation
from ocop.stars.classification import Classification, UnmetMinimum

__all__: list[str] = []

_SHORT = 50  # option texts are cut to this many characters in plain text
_TITLE = 40  # and titles to this many


def _sheet(result: ScoreResult) -> Scoresheet | None:
    try:
        return scoresheet(result.product_set, regulation=result.regulation)
    except OcopError:  # a result built by hand for a sheet that is not encoded
        return None


def _heading(result: ScoreResult) -> str:
    sheet = _sheet(result)
    name = f" {sheet.name}" if sheet is not None else ""
    return f"sheet #{result.sheet} {result.product_set}{name} ({result.regulation.value})"


def _who(result: ScoreResult) -> str:
    bits = []
    if result.product is not None:
        bits.append(f"product: {result.product}")
    if result.evaluator is not None:
        bits.append(f"evaluator: {result.evaluator}")
    return "; ".join(bits)


def _part_labels(result: ScoreResult) -> dict[str, str]:
    sheet = _sheet(result)
    return {} if sheet is None else {p.part: p.label for p in sheet.parts}


def _option(c: CriterionScore) -> str:
    return "(no option)" if c.option is None else f"[{c.option}] {c.option_text or ''}"


def html_score_result(result: ScoreResult) -> Html:
    labels = _part_labels(result)
    rows: list[list[Cell]] = []
    classes: list[str | None] = []

    def add(cls: str | None, *cells: Cell) -> None:
        rows.append(list(cells))
        classes.append(cls)

    for part in result.parts:
        label = labels.get(part.part, "")
        add("ocop-part", f"Part {part.part}", label, "", *_points(part.points, part.max_points))
        for group in (g for g in result.groups if g.part == part.part):
            add("ocop-group", group.code, group.title, "", *_points(group.points, group.max_points))
            for c in (c for c in result.criteria if c.group == group.code):
                flag = el("span", f" erratum {', '.join(c.errata)}", cls="ocop-erratum")
                option = join([_option(c), flag if c.errata else None])
                add(None, (c.code, "ocop-sub"), c.title, option, *_points(c.points, c.max_points))
    add("ocop-total", "", "Total", "", *_points(result.total, result.maximum))
    body = table(
        ["code", "part / group / criterion", "option chosen", "points", "max"],
        rows,
        row_classes=classes,
    )
    errata = el(
        "div", f"Errata on the options scored: {', '.join(result.errata)}", cls="ocop-erratum"
    )
    who = _who(result)
    return block(
        f"Score {_pts(result.total)}/{_pts(result.maximum)} — {_heading(result)}",
        el("div", who, cls="ocop-meta") if who else None,
        el("div", " · ".join(_part_summary(result)), cls="ocop-meta"),
        body,
        errata if result.errata else None,
        el("div", str(result.citation), cls="ocop-cite"),
        kind="ocop-score",
    )


def _points(points: int, maximum: int) -> tuple[Cell, Cell]:
    return (_pts(points), "ocop-num"), (_pts(maximum), "ocop-num")


def _part_summary(result: ScoreResult) -> list[str]:
    return [f"{p.part} {_pts(p.points)}/{_pts(p.max_points)}" for p in result.parts]


def text_score_result(result: ScoreResult) -> str:
    labels = _part_labels(result)
    rows: list[list[str]] = []
    for part in result.parts:
        label = _cut(labels.get(part.part, f"Part {part.part}"), _TITLE)
        rows.append([part.part, label, "", *_pair(part.points, part.max_points)])
        for group in (g for g in result.groups if g.part == part.part):
            title = _cut(group.title, _TITLE)
            rows.append(["  " + group.code, title, "", *_pair(group.points, group.max_points)])
            for c in (c for c in result.criteria if c.group == group.code):
                option = _cut(_option(c)) + (
                    f" (erratum {', '.join(c.errata)})" if c.errata else ""
                )
                title = _cut(c.title, _TITLE)
                rows.append(["    " + c.code, title, option, *_pair(c.points, c.max_points)])
    lines = [
        f"ScoreResult: {_heading(result)}",
        *([_who(result)] if _who(result) else []),
        f"total {_pts(result.total)}/{_pts(result.maximum)} ({', '.join(_part_summary(result))})",
        text_table(
            ["code", "part / group / criterion", "option", "pts", "max"], rows, right={3, 4}
        ),
    ]
    if result.errata:
        lines.append(f"errata: {', '.join(result.errata)}")
    lines.append(str(result.citation))
    return "\n".join(lines)


# --- classification ------------------------------------------------------------------------


def _star_text(c: Classification) -> str:
    if c.star is None:
        return "knocked out"
    return f"{c.star}★" + ("" if c.recognised else " (not recognised)")


def _subject(c: Classification) -> str:
    if c.product_set is None:
        return f"a total of {number(c.total)} points ({c.regulation.value})"
    return f"sheet #{c.sheet} {c.product_set} ({c.regulation.value})"


def _unmet_rows(unmet: Sequence[UnmetMinimum]) -> list[list[str]]:
    return [
        [
            f"{u.star}★",
            u.criterion,
            u.title,
            f"[{u.required_option}] {u.required_text} ({_pts(u.required_points)} pts)",
            (f"[{u.chosen_option}] " if u.chosen_option is not None else "")
            + f"{number(u.chosen_points)} pts",
        ]
        for u in unmet
    ]


_UNMET_HEAD = ["mark", "criterion", "title", "required option", "got"]


def html_classification(c: Classification) -> Html:
    star_cls = "ocop-star" + ("" if c.recognised else " ocop-bad")
    summary = el(
        "div",
        el("span", _star_text(c), cls=star_cls),
        f"  total {number(c.total)}; the total alone gives {c.band_star}★ ({c.band.printed})",
        cls="ocop-meta",
    )
    parts: list[Html | None] = [summary]
    if not c.minimums_checked:
        parts.append(
            el("div", "minimums not checked: the star is an upper bound", cls="ocop-warning")
        )
    parts.append(el("div", "Reasons", cls="ocop-h"))
    parts.append(el("ul", *(el("li", r) for r in c.reasons)))
    if c.held_back_by:
        parts.append(el("div", "Held back by unmet minimums", cls="ocop-h ocop-bad"))
        parts.append(
            table(
                _UNMET_HEAD,
                _unmet_rows(c.held_back_by),
                row_classes=["ocop-unmet"] * len(c.held_back_by),
            )
        )
    if c.knockouts:
        parts.append(el("div", "Knock-outs", cls="ocop-h ocop-bad"))
        parts.append(
            table(
                ["id", "text", "found"],
                [
                    [k.id, k.text, "from the scores" if k.automatic else "declared"]
                    for k in c.knockouts
                ],
                row_classes=["ocop-unmet"] * len(c.knockouts),
            )
        )
    if c.next_star is not None:
        nxt = c.next_star
        need = f"{number(nxt.points_needed)} more points" if nxt.points_needed else "no more points"
        more = [u for u in nxt.unmet if u not in c.held_back_by]
        also = " and the minimums above" if len(more) < len(nxt.unmet) else ""
        parts.append(el("div", f"Next star: {nxt.star}★ needs {need}{also}", cls="ocop-h"))
        if more:
            parts.append(
                table(_UNMET_HEAD, _unmet_rows(more), row_classes=["ocop-unmet"] * len(more))
            )
    parts.append(_citations(c.citations))
    if c.notes:
        parts.append(el("ul", *(el("li", n) for n in c.notes), cls="ocop-meta"))
    return block(f"Classification — {_subject(c)}", *parts, kind="ocop-classification")


def _citations(citations: Sequence[Citation]) -> Html:
    return el("div", "; ".join(str(x) for x in citations), cls="ocop-cite")


def text_classification(c: Classification) -> str:
    lines = [
        f"Classification: {_subject(c)}",
        f"star {_star_text(c)}; total {number(c.total)}; band {c.band_star}★ ({c.band.printed})",
    ]
    if not c.minimums_checked:
        lines.append("minimums not checked: the star is an upper bound")
    lines += [f"- {r}" for r in c.reasons]
    if c.knockouts:
        lines += [f"knock-out {k.id}: {k.text}" for k in c.knockouts]
    lines.append("cites: " + "; ".join(str(x) for x in c.citations))
    lines += [f"note: {n}" for n in c.notes]
    return "\n".join(lines)


def _pair(points: int, maximum: int) -> tuple[str, str]:
    return _pts(points), _pts(maximum)


def _pts(value: int) -> str:
    return number(value)


def _cut(text: str, limit: int = _SHORT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
