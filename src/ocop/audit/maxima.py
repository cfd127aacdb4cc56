"""Property 3: the maxima add up, on the sheets as printed.

Checked on the **printed** values (the packaged errata keep ``printed`` beside
``applied``): every option cell is a number no larger than its criterion's
maximum, the best option reaches the maximum, children add up to their parent,
groups to their part, each part heading agrees with its points cell, the parts
equal Điều 3 khoản 1 (40 / 25 / 35) and add up to the sheet's total of 100.
Where the printed sheet fails, the finding names the erratum that records the
misprint and what the library applies instead.  A failure that no erratum
records, or a corrected erratum that fixes nothing the sheet proves wrong, is
a finding about the library's data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from ocop.audit.report import Checked, resolve, sheet_numbers
from ocop.criteria.model import Erratum, Node, Scoresheet
from ocop.criteria.versions import SheetVersion, scoresheets, sheet_version
from ocop.findings import Finding, Localized, Proven, Severity, finding, proven
from ocop.law import Citation, Regime
from ocop.stars import MAX_POINTS

__all__ = ["Misprint", "check"]

_HEADING_POINTS = re.compile(r"\((\d+)\s*điểm\)", re.IGNORECASE)

#: Failure kind → (the erratum field that records it, severity).
KINDS: Mapping[str, tuple[str, Severity]] = MappingProxyType(
    {
        "option_above_maximum": ("points", Severity.ERROR),
        "option_points_blank": ("points", Severity.WARNING),
        "criterion_without_options": ("options", Severity.ERROR),
        "maximum_not_a_number": ("max_points", Severity.ERROR),
        "maximum_unreachable": ("points", Severity.ERROR),
        "children_do_not_add_up": ("max_points", Severity.ERROR),
        "groups_do_not_add_up": ("max_points", Severity.ERROR),
        "part_heading_disagrees": ("label", Severity.ERROR),
        "part_differs_from_law": ("max_points", Severity.ERROR),
        "sheet_total": ("max_points", Severity.ERROR),
    }
)


@attrs.frozen(slots=True)
class Misprint:
    """One place where the printed sheet fails a property.

    ``criterion`` is ``None`` for a part or the sheet; ``part`` names the part
    for part-level failures.  ``expected`` is what the property requires and
    ``printed`` what the sheet prints there.
    """

    kind: str
    sheet: int
    criterion: str | None
    option: int | None
    part: str | None
    expected: int | str
    printed: int | str | None


def printed_maximum(sheet: Scoresheet, node: Node) -> int | str:
    """The criterion's maximum as printed (an erratum on ``max_points`` keeps the cell)."""
    for e in sheet.errata:
        if e.criterion == node.code and e.field == "max_points":
            return e.printed  # type: ignore[return-value]
    return node.max_points


def printed_options(sheet: Scoresheet, node: Node) -> tuple[int | None, ...]:
    """The option cells as printed: ``None`` for a blank cell, ``()`` when none is printed."""
    for e in sheet.errata:
        if e.criterion == node.code and e.field == "options":
            printed = e.printed
            return tuple(printed) if isinstance(printed, list | tuple) else ()
    return tuple(o.printed_points for o in node.options)


@attrs.define
class Tally:
    """How many checks held, by kind."""

    options: int = 0  # option cells within their maximum
    best: int = 0  # criteria whose best option is the maximum
    children: int = 0  # parents whose children add up
    groups: int = 0  # parts whose groups add up
    headings: int = 0  # part headings that agree with the points cell
    parts: int = 0  # part maxima equal to the law's
    totals: int = 0  # sheets whose parts add up to 100


def misprints(sheet: Scoresheet, part_maxima: Mapping[str, int]) -> tuple[list[Misprint], Tally]:
    """Every failure of the printed sheet, and how many checks held."""
    found: list[Misprint] = []
    held = Tally()

    def fail(
        kind: str,
        expected: int | str,
        printed: int | str | None,
        code: str | None = None,
        option: int | None = None,
        part: str | None = None,
    ) -> None:
        found.append(Misprint(kind, sheet.number, code, option, part, expected, printed))

    maxima: dict[str, int | None] = {}
    for node in sheet.nodes.values():
        top = printed_maximum(sheet, node)
        maxima[node.code] = top if isinstance(top, int) else None
        if not isinstance(top, int):
            fail("maximum_not_a_number", "a number", top, node.code)
    for node in sheet.nodes.values():
        maximum = maxima[node.code]
        if node.children:
            children = [maxima[c] for c in node.children]
            if maximum is None or None in children:
                continue  # a cell that is not a number is reported once, above
            added = sum(c or 0 for c in children)
            if added == maximum:
                held.children += 1
            else:
                fail("children_do_not_add_up", maximum, added, node.code)
            continue
        cells = printed_options(sheet, node)
        if not cells:
            shown = "?" if maximum is None else maximum
            fail("criterion_without_options", shown, "no option", node.code)
            continue
        above = False
        for index, cell in enumerate(cells):
            if cell is None:
                fail("option_points_blank", "a number", None, node.code, index)
            elif maximum is not None and cell > maximum:
                fail("option_above_maximum", maximum, cell, node.code, index)
                above = True
            elif maximum is not None:
                held.options += 1
        numbers = [c for c in cells if c is not None]
        if maximum is not None and numbers and not above:
            if max(numbers) == maximum:
                held.best += 1
            else:
                fail("maximum_unreachable", maximum, max(numbers), node.code)
    for part in sheet.parts:
        groups = [maxima[g] for g in part.groups]
        if None not in groups:
            added = sum(g or 0 for g in groups)
            if added == part.max_points:
                held.groups += 1
            else:
                fail("groups_do_not_add_up", part.max_points, added, part=part.part)
        heading = _HEADING_POINTS.search(part.label)
        if heading is not None and int(heading[1]) == part.max_points:
            held.headings += 1
        else:
            shown = heading[0] if heading else part.label
            fail("part_heading_disagrees", part.max_points, shown, part=part.part)
        law = part_maxima[part.part]
        if part.max_points == law:
            held.parts += 1
        else:
            fail("part_differs_from_law", law, part.max_points, part=part.part)
    added = sum(p.max_points for p in sheet.parts)
    if added == sheet.total == MAX_POINTS:
        held.totals += 1
    else:
        fail("sheet_total", MAX_POINTS, f"parts {added}, TỔNG CỘNG {sheet.total}")
    return found, held


def _erratum(sheet: Scoresheet, m: Misprint) -> Erratum | None:
    field = KINDS[m.kind][0]
    for e in sheet.errata:
        if e.field != field or e.criterion != m.criterion:
            continue
        if field == "points" and e.option != m.option:
            continue
        return e
    return None


# --------------------------------------------------------------------------- the property


def check(regulation: Regime | str) -> Checked:
    regime = resolve(regulation)
    version = sheet_version(regime)
    findings: list[Finding] = []
    held: list[Proven] = []
    law_total = sum(version.part_maxima.values())
    shown = " / ".join(f"{p} {v}" for p, v in version.part_maxima.items())
    if law_total == MAX_POINTS:
        where = str(version.part_maxima_citation)
        count = len(version.part_maxima)
        held.append(proven("part_maxima_total", where, count, parts=shown, total=MAX_POINTS))
    else:
        findings.append(
            finding(
                "part_maxima_total",
                str(version.part_maxima_citation),
                MAX_POINTS,
                law_total,
                citations=[version.part_maxima_citation],
                parts=shown,
                sum=law_total,
                total=MAX_POINTS,
            )
        )
    if not version.encoded:
        findings.append(
            finding(
                "sheets_not_encoded",
                str(version.citation),
                "the regulation's scoresheets",
                "not encoded",
                citations=[version.citation],
                regulation=regime.value,
                missing=str(version.missing),
            )
        )
        return tuple(findings), tuple(held)

    sheets = scoresheets(regulation=regime)
    tally = Tally()
    groups: dict[object, list[tuple[Misprint, Erratum | None]]] = {}
    matched: set[str] = set()
    for sheet in sheets:
        found, counted = misprints(sheet, version.part_maxima)
        for name, value in attrs.asdict(counted).items():
            setattr(tally, name, getattr(tally, name) + value)
        for m in found:
            e = _erratum(sheet, m)
            if e is not None:
                matched.add(e.id)
            key = e.id if e is not None else (m.kind, m.sheet, m.criterion, m.option, m.part)
            groups.setdefault(key, []).append((m, e))
    findings += [_finding(version, items) for items in groups.values()]
    errata = {e.id: e for s in sheets for e in s.errata}
    for e in errata.values():
        if e.status == "corrected" and e.id not in matched:
            findings.append(_idle(version, e))
    where = f"{version.citation}, {len(sheets)} sheets"
    counts = [
        ("option_within_maximum", tally.options),
        ("best_option_is_maximum", tally.best),
        ("children_add_up", tally.children),
        ("groups_add_up", tally.groups),
        ("part_heading_agrees", tally.headings),
        ("part_equals_law", tally.parts),
        ("sheet_total", tally.totals),
    ]
    cited = str(version.part_maxima_citation)
    held += [
        proven(code, where, n, count=n, citation=cited, total=MAX_POINTS) for code, n in counts if n
    ]
    return tuple(findings), tuple(held)


def _finding(version: SheetVersion, items: Sequence[tuple[Misprint, Erratum | None]]) -> Finding:
    first, erratum = items[0]
    numbers = sheet_numbers([m.sheet for m, _ in items])
    place_vi, place_en = _place(first)
    where = f"{version.regulation.value} Phụ lục II, bộ số {numbers}{place_vi}"
    if erratum is None:
        tail = Localized("Chưa có mục sai sót nào ghi nhận lỗi này.", "No erratum records it.")
        severity = Severity.ERROR
    else:
        tail = Localized(
            f"Sai sót in ấn {erratum.id}: {erratum.decision_vi}",
            f"Erratum {erratum.id} ({erratum.status}): {erratum.decision_en}",
        )
        severity = KINDS[first.kind][1]
    detail = f"Bộ sản phẩm số {numbers}" + (f", mục {first.criterion}" if first.criterion else "")
    if first.part is not None:
        detail += f", Phần {first.part}"
    cites = [Citation(version.regulation.value, phu_luc="II", detail=detail)]
    if first.kind in ("part_heading_disagrees", "part_differs_from_law", "sheet_total"):
        cites.append(version.part_maxima_citation)
    expected = f"≤ {first.expected}" if first.kind == "option_above_maximum" else first.expected
    return finding(
        first.kind,
        where,
        expected,
        first.printed if first.printed is not None else "blank",
        severity=severity,
        citations=cites,
        sheets=Localized(
            f"Bộ số {numbers}{place_vi}",
            f"Sheet{'s' if len(items) > 1 else ''} #{numbers}{place_en}",
        ),
        erratum=tail,
        printed=first.printed,
        expected=first.expected,
    )


def _place(m: Misprint) -> tuple[str, str]:
    if m.criterion is not None:
        option = "" if m.option is None else f", phương án {m.option}"
        option_en = "" if m.option is None else f", option {m.option}"
        return f", tiêu chí {m.criterion}{option}", f", criterion {m.criterion}{option_en}"
    if m.part is not None:
        return f", Phần {m.part}", f", Part {m.part}"
    return "", ""


def _idle(version: SheetVersion, e: Erratum) -> Finding:
    numbers = sheet_numbers(list(e.sheets))
    return finding(
        "erratum_without_misprint",
        f"{version.regulation.value} Phụ lục II, bộ số {numbers}",
        "a printed value the sheet proves wrong",
        e.id,
        citations=[
            Citation(version.regulation.value, phu_luc="II", detail=f"Bộ sản phẩm số {numbers}")
        ],
        erratum=e.id,
        decision=Localized(e.decision_vi, e.decision_en),
    )
