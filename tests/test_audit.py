"""``ocop.audit``: every finding on 26/2026 checked against the decision text; planted defects.

The findings of :func:`ocop.audit.audit` on 26/2026/QĐ-TTg are checked against
the plain-text copy of the decision (``tests/data/qd26-2026-QD-TTg.txt``),
parsed here row by row with the helpers of ``tests/test_scoresheet_text.py``,
never through the library's loader: the printed cells behind each misprint,
the Part A heading of sheet #26, the band sentences of Điều 3 khoản 3, the star
marks and the lowest totals recomputed from the printed options.  Then one
defect is planted in each property family, so that no check can be vacuous,
and the counts of what held are pinned.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

from ocop import audit as audit_pkg
from ocop.audit import AuditReport, audit, sheet_marks
from ocop.audit import bands as bands_mod
from ocop.audit import certificates as certs_mod
from ocop.audit import marks as marks_mod
from ocop.audit import maxima as maxima_mod
from ocop.audit import versions as versions_mod
from ocop.certificates import Segment, Status
from ocop.certificates import rules as rules_mod
from ocop.criteria import Erratum, Scoresheet, scoresheet, scoresheets, sheet_version
from ocop.errors import InvalidInput, NotFound
from ocop.findings import Finding, Severity
from ocop.law import Citation, Regime
from tests.test_scoresheet_text import (
    CASE_ROW,
    NODE_ROW,
    OPTION_CELL,
    PART_ROW,
    STAR_LEGEND,
    lines,
    sections,
    table,
)

QD26 = Regime.QD26_2026
SHEETS = range(1, 27)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Planted defects must not leak into (or read from) the audit's caches."""

    def clear() -> None:
        marks_mod._sheet_marks.cache_clear()
        versions_mod._stars.cache_clear()
        versions_mod._gap_totals.cache_clear()

    clear()
    yield
    clear()


# ------------------------------------------------------------------ the decision, as text


@dataclass
class TextNode:
    code: str
    maximum: str
    options: list[tuple[str, int | None, int | None]] = field(default_factory=list)


@dataclass
class TextSheet:
    number: int
    parts: list[tuple[str, str]]
    nodes: dict[str, TextNode]
    notes: list[str]

    @property
    def leaves(self) -> list[TextNode]:
        codes = list(self.nodes)
        return [
            n for n in self.nodes.values() if not any(c.startswith(n.code + ".") for c in codes)
        ]


def text_sheet(number: int) -> TextSheet:
    """A sheet's table as printed: parts, nodes (points cell) and options (cell, stars, case)."""
    parts: list[tuple[str, str]] = []
    nodes: dict[str, TextNode] = {}
    notes: list[str] = []
    case: int | None = None
    for cell, points in table(number):
        if PART_ROW.match(cell):
            parts.append((cell, points))
        elif cell == "TỔNG CỘNG":
            break
        elif (m := NODE_ROW.match(cell)) and not cell.startswith(("□", "o ")):
            nodes[m[1]] = TextNode(m[1], points)
            case = None
        elif om := OPTION_CELL.match(cell):
            stars = len(om[2]) if om[2] else None
            list(nodes.values())[-1].options.append((points, stars, case))
        else:
            notes.append(cell)
            if cm := CASE_ROW.match(cell):
                case = int(cm[1])
    return TextSheet(number, parts, nodes, notes)


# What the library scores where the printed cell cannot be used: E01/E02 (a cell above the
# maximum) and E03 (a blank cell); E04/E05 supply options 0/1 where none are printed.  Each
# is checked against its printed cell by the finding tests below.
APPLIED = {(4, "7", 2): 3, (11, "6.1.1", 1): 1}


def option_points(sheet: TextSheet, node: TextNode) -> list[tuple[int, int | None, int | None]]:
    if not node.options:
        return [(0, None, None), (1, None, None)]  # E04 / E05
    out = []
    for i, (cell, stars, case) in enumerate(node.options):
        points = APPLIED.get((sheet.number, node.code, i), int(cell) if cell else 0)
        out.append((points, stars, case))
    return out


def zero_point_knockouts(sheet: TextSheet) -> set[str]:
    """Sheet #16 prints after 6.4: 'Nếu được 0 điểm tại một trong các chỉ tiêu trên …'."""
    if any(n.startswith("Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên") for n in
           sheet.notes):  # fmt: skip
        return {c for c in sheet.nodes if re.fullmatch(r"6\.\d", c)}
    return set()


def lowest_total(number: int, star: int | None) -> int:
    """Lowest total of a card ticking every criterion and meeting every mark up to ``star``."""
    sheet = text_sheet(number)
    knocked = zero_point_knockouts(sheet)
    cases = {c for n in sheet.leaves for _, _, c in option_points(sheet, n) if c} or {None}
    best = None
    for case in cases:
        total = 0
        for node in sheet.leaves:
            options = [o for o in option_points(sheet, node) if o[2] in (None, case)]
            marked = [p for p, s, _ in options if s is not None and star is not None and s <= star]
            need = max(marked, default=0)
            allowed = [
                p for p, _, _ in options if p >= need and not (node.code in knocked and p == 0)
            ]
            total += min(allowed)
        best = total if best is None else min(best, total)
    assert best is not None
    return best


def decision_text() -> str:
    return " ".join(lines())


def band_sentences() -> dict[int, tuple[int, int | None, bool]]:
    """Điều 3 khoản 3: star → (low, high, high included) as printed."""
    text = decision_text()
    start = text.index("3. Phân hạng sản phẩm OCOP căn cứ")
    clause = text[start : text.index("Điều 4.", start)]
    found: dict[int, tuple[int, int | None, bool]] = {}
    pattern = (
        r"Hạng (\d) sao[^:]*: Tổng điểm trung bình\s+đạt\s+"
        r"(?:từ (\d+) đến (dưới )?(\d+)|dưới (\d+))"
    )
    for m in re.finditer(pattern, clause):
        star = int(m[1])
        if m[5]:
            found[star] = (0, int(m[5]), False)
        else:
            found[star] = (int(m[2]), int(m[4]), m[3] is None)
    return found


# ------------------------------------------------------------------ the findings on 26/2026


EXPECTED = [
    ("error", "criterion_without_options", "26/2026/QĐ-TTg Phụ lục II, bộ số 1–20, tiêu chí 2.4"),
    ("error", "criterion_without_options", "26/2026/QĐ-TTg Phụ lục II, bộ số 21–22, tiêu chí 2.3"),
    ("error", "maximum_not_a_number", "26/2026/QĐ-TTg Phụ lục II, bộ số 23, tiêu chí 9"),
    (
        "error",
        "option_above_maximum",
        "26/2026/QĐ-TTg Phụ lục II, bộ số 4, tiêu chí 7, phương án 2",
    ),
    (
        "error",
        "option_above_maximum",
        "26/2026/QĐ-TTg Phụ lục II, bộ số 11, tiêu chí 6.1.1, phương án 1",
    ),
    ("error", "part_heading_disagrees", "26/2026/QĐ-TTg Phụ lục II, bộ số 26, Phần A"),
    ("warning", "no_star_mark", "26/2026/QĐ-TTg Phụ lục II, bộ số 26"),
    (
        "warning",
        "option_points_blank",
        "26/2026/QĐ-TTg Phụ lục II, bộ số 4, 7, 10–11, tiêu chí 1.2, phương án 0",
    ),
    ("info", "star_marks_below_band", "26/2026/QĐ-TTg Phụ lục II, bộ số 1–26"),
    ("info", "star_marks_below_band", "26/2026/QĐ-TTg Phụ lục II, bộ số 1–26"),
    ("info", "star_marks_below_band", "26/2026/QĐ-TTg Phụ lục II, bộ số 1–26"),
    ("info", "star_unreachable", "26/2026/QĐ-TTg Phụ lục II, bộ số 26"),
    (
        "info",
        "cards_do_not_carry_over",
        "148/QĐ-TTg+1489/QĐ-TTg → 26/2026/QĐ-TTg, scoresheets",
    ),
]


def test_the_findings_on_26_2026_in_order(report: AuditReport) -> None:
    got = [(f.severity.value, f.code, f.location) for f in report.findings]
    assert got == EXPECTED


def test_every_finding_cites_and_speaks_both_languages(report: AuditReport) -> None:
    for f in report.findings:
        assert f.citations, f.code
        assert all(isinstance(c, Citation) for c in f.citations)
        assert f.message_vi and f.message_en and f.message_vi != f.message_en
        assert f.to_dict()["citations"] == [str(c) for c in f.citations]


def _sheets_in(location: str) -> list[int]:
    listed = re.search(r"bộ số ([\d–, ]+?)(?:,\s*(?:tiêu chí|Phần)|$)", location)
    assert listed, location
    out: list[int] = []
    for piece in listed[1].split(", "):
        low, _, high = piece.partition("–")
        out += range(int(low), int(high or low) + 1)
    return out


def _criterion(location: str) -> tuple[str, int | None]:
    m = re.search(r"tiêu chí ([\d.]+)(?:, phương án (\d+))?", location)
    assert m, location
    return m[1], None if m[2] is None else int(m[2])


def check_option_above_maximum(f: Finding) -> None:
    (number,) = _sheets_in(f.location)
    code, option = _criterion(f.location)
    node = text_sheet(number).nodes[code]
    assert option is not None
    printed = node.options[option][0]
    assert printed == str(f.actual)
    assert f.expected == f"≤ {node.maximum}" and int(printed) > int(node.maximum)


def check_option_points_blank(f: Finding) -> None:
    code, option = _criterion(f.location)
    assert option is not None
    for number in _sheets_in(f.location):
        node = text_sheet(number).nodes[code]
        assert node.options[option][0] == "", f"sheet #{number}"
    # and on no other sheet is that cell blank
    for number in set(SHEETS) - set(_sheets_in(f.location)):
        node = text_sheet(number).nodes.get(code)
        assert node is None or all(cell for cell, _, _ in node.options), f"sheet #{number}"


def check_criterion_without_options(f: Finding) -> None:
    code, _ = _criterion(f.location)
    for number in _sheets_in(f.location):
        node = text_sheet(number).nodes[code]
        assert node.options == [], f"sheet #{number} prints options under {code}"
        assert node.maximum == str(f.expected) == "1"
        assert "song ngữ" in next(cell for cell, _ in table(number) if cell.startswith(f"{code}. "))


def check_maximum_not_a_number(f: Finding) -> None:
    (number,) = _sheets_in(f.location)
    code, _ = _criterion(f.location)
    assert text_sheet(number).nodes[code].maximum == f.actual == "4 1"


def check_part_heading_disagrees(f: Finding) -> None:
    (number,) = _sheets_in(f.location)
    label, points = text_sheet(number).parts[0]
    assert "(35 Điểm)" in label and f.actual == "(35 Điểm)"
    assert points == str(f.expected) == "40"
    # Điều 3 khoản 1 gives Part A 40 points
    assert re.search(r"Phần A: .*?sức mạnh cộng đồng \(40 điểm\)", decision_text())
    # and every other sheet's Part A heading says 40
    for other in set(SHEETS) - {number}:
        assert "(40 Điểm)" in text_sheet(other).parts[0][0].replace("điểm", "Điểm")


def check_no_star_mark(f: Finding) -> None:
    (number,) = _sheets_in(f.location)
    printed = [s for n in text_sheet(number).nodes.values() for _, s, _ in n.options if s]
    assert 5 not in printed and sorted(set(printed)) == [3, 4]
    assert STAR_LEGEND not in " ".join(sections()[number])
    for other in set(SHEETS) - {number}:
        assert any(s == 5 for n in text_sheet(other).nodes.values() for _, s, _ in n.options)


def check_star_marks_below_band(f: Finding) -> None:
    star = {50: 3, 70: 4, 90: 5}[int(str(f.expected))]
    assert band_sentences()[star][0] == f.expected
    lows = {n: lowest_total(n, star) for n in SHEETS}
    assert all(low < int(str(f.expected)) for low in lows.values())
    assert max(lows.values()) == f.actual
    lo_sheet = min(lows, key=lambda n: (lows[n], n))
    assert f"from {lows[lo_sheet]} (sheet #{lo_sheet})" in f.message_en
    assert {m.sheet: m.bounds(star).min_total for m in sheet_marks(QD26)} == lows


def check_star_unreachable(f: Finding) -> None:
    (number,) = _sheets_in(f.location)
    assert "1★" in f.message_en and band_sentences()[1] == (0, 30, False)
    floor = lowest_total(number, None)
    assert floor == 31 and f"lowest total of a card is {floor}" in f.message_en
    for other in set(SHEETS) - {number}:
        assert lowest_total(other, None) < 30, f"sheet #{other}"


def check_cards_do_not_carry_over(f: Finding) -> None:
    # Issue 19: 148's one encoded sheet (#1) differs from 26/2026's #1 (e.g. 1.1 is worth 5
    # there, 3 here), and its other 25 sheets are not encoded, so no card carries over.
    assert "I.1.a" in str(f.actual)
    assert scoresheet(1, regulation=Regime.QD148_1489_2025).node("1.1").max_points == 5
    assert scoresheet(1, regulation=QD26).node("1.1").max_points == 3
    check_sheets_not_comparable(f)


def check_sheets_not_comparable(f: Finding) -> None:
    # 26/2026 Điều 11 khoản 2 ends 148/QĐ-TTg and 1489/QĐ-TTg: they are the regime before it.
    text = decision_text()
    clause = text[text.index("Điều 11. Hiệu lực thi hành") :][:700]
    assert "Quyết định số 148/QĐ-TTg" in clause and "Quyết định số 1489/QĐ-TTg" in clause
    assert "hết hiệu lực" in clause
    # and the decision reprints no sheets of 148: its appendices are its own.
    assert "148/QĐ-TTg" not in " ".join(" ".join(sections()[n]) for n in SHEETS)
    assert sheet_version(Regime.QD148_1489_2025).missing is not None  # 1 sheet of 26


CHECKS = {
    "option_above_maximum": check_option_above_maximum,
    "option_points_blank": check_option_points_blank,
    "criterion_without_options": check_criterion_without_options,
    "maximum_not_a_number": check_maximum_not_a_number,
    "part_heading_disagrees": check_part_heading_disagrees,
    "no_star_mark": check_no_star_mark,
    "star_marks_below_band": check_star_marks_below_band,
    "star_unreachable": check_star_unreachable,
    "cards_do_not_carry_over": check_cards_do_not_carry_over,
}


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_finding_is_in_the_decision_text(report: AuditReport, index: int) -> None:
    f = report.findings[index]
    CHECKS[f.code](f)


def test_each_misprint_finding_names_its_erratum(report: AuditReport) -> None:
    found = sorted(
        e
        for f in report.result("maxima").findings
        for e in re.findall(r"Erratum (E\d\d)", f.message_en)
    )
    assert found == ["E01", "E02", "E03", "E04", "E05", "E06", "E07"]
    assert all("library" in f.message_en for f in report.result("maxima").findings)


def test_the_band_sentences_are_the_librarys(report: AuditReport) -> None:
    printed = band_sentences()
    bands = {b.star: (b.low, b.high, b.high_inclusive) for b in sheet_version(QD26).bands}
    assert printed == bands
    assert report.result("bands").findings == ()


def test_marks_counted_from_the_text(report: AuditReport) -> None:
    pairs = 0
    for number in SHEETS:
        sheet = text_sheet(number)
        marks = [s for n in sheet.nodes.values() for _, s, _ in n.options if s]
        pairs += len(set(marks))
        for star in (3, 4, 5):
            assert sheet_marks(QD26)[number - 1].bounds(star).printed_marks == marks.count(star)
    held = {p.code: p.value for p in report.result("marks").proven}
    assert held["star_marks_printed"] == pairs == 77


def test_option_cells_counted_from_the_text(report: AuditReport) -> None:
    within = best = 0
    for number in SHEETS:
        sheet = text_sheet(number)
        for node in sheet.leaves:
            if not node.maximum.isdigit():
                continue
            top = int(node.maximum)
            cells = [int(c) for c, _, _ in node.options if c]
            within += sum(c <= top for c in cells)
            if cells and max(cells) == top:
                best += 1
    held = {p.code: p.value for p in report.result("maxima").proven}
    assert held["option_within_maximum"] == within
    assert held["best_option_is_maximum"] == best


def test_the_witnesses_are_what_the_text_allows() -> None:
    for found in sheet_marks(QD26):
        for bounds in found.stars:
            assert bounds.min_total == lowest_total(found.sheet, bounds.star)
            assert bounds.max_total == 100


# ------------------------------------------------------------------ what held (pinned)


PROVEN = {
    "bands": {"band_each_star_once": 5, "band_cover": 6, "band_star_at_edges": 16},
    "marks": {"star_marks_printed": 77, "star_marks_fit_band": 52, "star_reachable": 129},
    "maxima": {
        "part_maxima_total": 3,
        "option_within_maximum": 2527,
        "best_option_is_maximum": 762,
        "children_add_up": 156,
        "groups_add_up": 77,
        "part_heading_agrees": 77,
        "part_equals_law": 78,
        "sheet_total": 26,
    },
    "versions": {"band_star_same": 10001, "part_maxima_same": 3},
    "certificates": {
        "timeline_contiguous": 220,
        "segments_start_on_boundaries": 220,
        "status_matches_timeline": 4094,
        "status_constant_between_boundaries": 1296,
        "window_inside_validity": 189,
        "window_rule_fits_term": 1,
    },
}


def test_proven_counts(report: AuditReport) -> None:
    got = {p.name: {x.code: x.value for x in p.proven} for p in report.properties}
    assert got == PROVEN
    assert dict(report.held()) == {k: sum(v.values()) for k, v in PROVEN.items()}


def test_report_shape(report: AuditReport) -> None:
    data = report.to_dict()
    assert list(data) == ["regulation", "proven", "findings"]
    assert data["regulation"] == "26/2026/QĐ-TTg"
    assert [f["code"] for f in data["findings"]] == [code for _, code, _ in EXPECTED]
    assert {f["property"] for f in data["findings"]} == {"marks", "maxima", "versions"}
    assert json.loads(json.dumps(data)) == data
    assert dict(report.counts()) == {Severity.ERROR: 6, Severity.WARNING: 2, Severity.INFO: 5}
    with pytest.raises(NotFound):
        report.result("nothing")
    assert audit(QD26) == report  # deterministic


def test_unknown_regulation_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown regulation"):
        audit("27/2027/QĐ-TTg")


def test_finding_citations_are_optional() -> None:
    plain = Finding("deadline_in_horizon", Severity.INFO, "here", 1, 2, "vi", "en")
    assert plain.citations == () and "citations" not in plain.to_dict()


# ------------------------------------------------------------------ other regulations


def test_1048_band_gaps_name_the_lower_bound_rule() -> None:
    found = audit("1048/QĐ-TTg").result("bands").findings
    assert [(f.code, f.severity) for f in found] == [("band_gap", Severity.WARNING)] * 3
    assert [f.actual for f in found] == ["49 < x < 50 in no band", "69 < x < 70 in no band",
                                         "89 < x < 90 in no band"]  # fmt: skip
    assert all("docs/decisions/stars.md" in f.message_en for f in found)
    assert "89.5 is ranked 4★" in found[2].message_en


def test_781_to_148_compares_what_it_can() -> None:
    found = {f.code: f for f in audit("148/QĐ-TTg").result("versions").findings}
    assert found["part_maxima_change"].expected == "A 35 / B 25 / C 40"
    assert found["part_maxima_change"].actual == "A 40 / B 25 / C 35"
    assert "cannot be computed" in found["part_maxima_change"].message_en
    assert found["printed_band_gap_changes"].actual == 297  # 3 gaps × 99 hundredths
    assert "I.1.a" in found["cards_do_not_carry_over"].actual  # 148 #1 differs from 781's


def test_partly_encoded_regulation_reports_instead_of_failing() -> None:
    # Issue 19: 148+1489 holds one sheet of 26; the audit covers it and compares what it can.
    r = audit("148/QĐ-TTg+1489/QĐ-TTg")
    codes = {f.code for f in r.findings}
    assert "cards_do_not_carry_over" in codes
    assert r.counts()[Severity.ERROR] == 0


# ------------------------------------------------------------------ planted defects


def test_planted_band_gap_and_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    version = sheet_version(QD26)
    bands = list(version.bands)
    bands[1] = attrs.evolve(bands[1], high=88, high_inclusive=True)  # 4★ 70–88: a gap to 90
    bands[2] = attrs.evolve(bands[2], high=71)  # 3★ to below 71: overlaps 4★
    planted = attrs.evolve(version, bands=tuple(bands))
    monkeypatch.setattr(bands_mod, "sheet_version", lambda r: planted)
    codes = [f.code for f in bands_mod.check(QD26)[0]]
    assert "band_gap" in codes and "band_overlap" in codes


def test_planted_wrong_band_star(monkeypatch: pytest.MonkeyPatch) -> None:
    real = bands_mod.band_star
    # An implementation that treats 90 as 4★.
    monkeypatch.setattr(bands_mod, "band_star", lambda t, r: 4 if t == 90 else real(t, r))
    found = bands_mod.check(QD26)[0]
    assert [(f.code, f.expected, f.actual) for f in found] == [("band_star_disagrees", 5, 4)]


def _evolve_sheet(sheet: Scoresheet, code: str, **changes: Any) -> Scoresheet:
    nodes = dict(sheet.nodes)
    nodes[code] = attrs.evolve(nodes[code], **changes)
    # A new name gives the sheet a new hash, so cached rule tables are not reused.
    return attrs.evolve(sheet, name=f"{sheet.name} (planted)", nodes=MappingProxyType(nodes))


def _with_marks(sheet: Scoresheet, code: str, marks: dict[int, int | None]) -> Scoresheet:
    options = tuple(
        attrs.evolve(o, min_star=marks.get(o.index, o.min_star)) for o in sheet.nodes[code].options
    )
    return _evolve_sheet(sheet, code, options=options)


def test_planted_marks_that_force_a_higher_band(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    real = list(scoresheets(regulation=QD26))
    sheet = real[6]
    # *** on the best option of every criterion: meeting the 3★ marks forces 100 points.
    for node in sheet.criteria():
        best = max(node.options, key=lambda o: o.points).index
        sheet = _with_marks(sheet, node.code, {o.index: None for o in node.options} | {best: 3})
    real[6] = sheet
    monkeypatch.setattr(marks_mod, "scoresheets", lambda regulation: tuple(real))
    found = marks_mod.check(QD26)[0]
    mine = [(f.code, f.severity) for f in found if "bộ số 7" in f.location]
    assert ("star_marks_force_higher_band", Severity.ERROR) in mine
    assert ("no_star_mark", Severity.WARNING) in mine  # no **** or ***** left
    # 3★ is unreachable: meeting the marks means 100 points, which is 5★
    assert ("star_unreachable", Severity.ERROR) in mine


def test_planted_inverted_marks(monkeypatch: pytest.MonkeyPatch, fresh_caches: None) -> None:
    real = list(scoresheets(regulation=QD26))
    real[6] = _with_marks(real[6], "8", {0: 5, 2: 3})  # ***** on 2 points, *** on 5
    monkeypatch.setattr(marks_mod, "scoresheets", lambda regulation: tuple(real))
    found = marks_mod.check(QD26)[0]
    assert [(f.code, f.severity) for f in found] == [("star_marks_inverted", Severity.ERROR)]


def test_solve_counts_unticked_cards_when_asked() -> None:
    sheet = scoresheets(regulation=QD26)[25]
    ticked = marks_mod.solve(sheet)
    unticked = marks_mod.solve(sheet, allow_unticked=True)
    assert ticked.floor == 31 and unticked.floor == 0
    assert 1 not in ticked.reachable and 1 in unticked.reachable


def test_planted_misprints(monkeypatch: pytest.MonkeyPatch) -> None:
    real = list(scoresheets(regulation=QD26))
    # sheet #7: an option printed above its maximum, with no erratum
    node = real[6].nodes["1.1"]
    options = tuple(attrs.evolve(o, printed_points=9) if o.index == 0 else o for o in node.options)
    real[6] = _evolve_sheet(real[6], "1.1", options=options)
    # sheet #4: E01's record removed
    real[3] = attrs.evolve(real[3], errata=tuple(e for e in real[3].errata if e.id != "E01"))
    # sheet #1: a corrected erratum on a cell that is fine
    idle = Erratum(
        id="E99", regulation=QD26, sheets=(1,), criterion="1.1", option=0, field="points",
        printed=1, applied=1, status="corrected", decision_vi="-", decision_en="-", reason="-",
    )  # fmt: skip
    real[0] = attrs.evolve(real[0], errata=(*real[0].errata, idle))
    monkeypatch.setattr(maxima_mod, "scoresheets", lambda regulation: tuple(real))
    found = {(f.code, f.location): f for f in maxima_mod.check(QD26)[0]}
    planted = found[("option_above_maximum", "26/2026/QĐ-TTg Phụ lục II, bộ số 7, tiêu chí 1.1, "
                     "phương án 0")]  # fmt: skip
    assert planted.actual == 9 and "No erratum records it" in planted.message_en
    e01 = found[("option_above_maximum", "26/2026/QĐ-TTg Phụ lục II, bộ số 4, tiêu chí 7, "
                 "phương án 2")]  # fmt: skip
    assert "No erratum records it" in e01.message_en and e01.severity is Severity.ERROR
    assert ("erratum_without_misprint", "26/2026/QĐ-TTg Phụ lục II, bộ số 1") in found


def test_planted_sums_that_do_not_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    real = list(scoresheets(regulation=QD26))
    real[0] = _evolve_sheet(real[0], "1", max_points=19)  # group 1 printed 19, children 18
    part = attrs.evolve(real[1].parts[2], max_points=36, label="Phần C: … (36 Điểm)")
    real[1] = attrs.evolve(real[1], parts=(*real[1].parts[:2], part))
    monkeypatch.setattr(maxima_mod, "scoresheets", lambda regulation: tuple(real))
    codes = {(f.code, f.location) for f in maxima_mod.check(QD26)[0]}
    where = "26/2026/QĐ-TTg Phụ lục II, bộ số"
    assert ("children_do_not_add_up", f"{where} 1, tiêu chí 1") in codes
    assert ("groups_do_not_add_up", f"{where} 1, Phần A") in codes
    assert ("groups_do_not_add_up", f"{where} 2, Phần C") in codes
    assert ("part_differs_from_law", f"{where} 2, Phần C") in codes
    assert ("sheet_total", f"{where} 2") in codes


def test_planted_law_change(monkeypatch: pytest.MonkeyPatch, fresh_caches: None) -> None:
    real = versions_mod.band_star

    def later(total: Fraction, regulation: Regime) -> int:
        return 5 if regulation is QD26 and total >= 85 else real(total, regulation)

    monkeypatch.setattr(versions_mod, "band_star", later)
    found = {f.code: f for f in versions_mod.check(QD26)[0]}
    change = found["band_star_changes"]
    assert change.actual == 500  # 85.00 … 89.99
    assert "85: 4★→5★" in change.message_en


def test_planted_card_change() -> None:
    real = scoresheets(regulation=QD26)
    planted = _with_marks(real[6], "8", {1: 4})  # **** on option 1 of criterion 8
    compared, changes, skipped = versions_mod.compare_cards(real, [planted])
    assert compared == 77 and skipped == ()
    assert changes and all(c.product_set == "I.3.c" for c in changes)
    assert {(c.old_star, c.new_star) for c in changes} == {(5, 3)}
    assert versions_mod.compare_cards(real, real)[1] == ()


def test_planted_status_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    real = certs_mod.status

    def late(cert: Any, on: date, **kw: Any) -> Any:
        answer = real(cert, on, **kw)
        if answer.status is Status.EXPIRED and on == answer.expires_on + certs_mod.DAY:
            return attrs.evolve(answer, status=Status.VALID)  # expires a day late
        return answer

    monkeypatch.setattr(certs_mod, "status", late)
    found = certs_mod.check(QD26)[0]
    assert found and {f.code for f in found} == {
        "status_disagrees_with_timeline",
        "status_changes_off_boundary",
    }
    assert all(f.severity is Severity.ERROR and "Library bug" in f.message_en for f in found)


def test_planted_timeline_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    real = certs_mod.timeline

    def gap(cert: Any, **kw: Any) -> tuple[Segment, ...]:
        segs = real(cert, **kw)
        if len(segs) > 1 and segs[0].ends_on is not None:
            first = attrs.evolve(segs[0], ends_on=segs[0].ends_on - certs_mod.DAY)
            return (first, *segs[1:])
        return segs

    monkeypatch.setattr(certs_mod, "timeline", gap)
    codes = {f.code for f in certs_mod.check(QD26)[0]}
    assert "timeline_not_contiguous" in codes


def test_certificate_sample_covers_every_pattern_star_and_rule() -> None:
    sample = certs_mod.sample(QD26)
    assert {s.pattern for s in sample} == {name for name, _ in certs_mod.PATTERNS}
    assert {s.certificate.star for s in sample} == {3, 4, 5}
    assert {(s.rule, s.reading) for s in sample} == {
        (r, x) for r in certs_mod._RULES for x in certs_mod._READINGS
    }
    issued = {s.certificate.issued_on for s in sample}
    assert {date(2026, 5, 21), date(2026, 5, 22), date(2026, 5, 23)} <= issued
    assert {date(2024, 2, 29), date(2028, 2, 29)} <= issued
    statuses = set()
    for s in sample:
        statuses |= {seg.status for seg in certs_mod.timeline(s.certificate, rule=s.rule,
                                                               reading=s.reading)}  # fmt: skip
    assert statuses == set(Status) - {Status.NOT_YET_ISSUED}


# ------------------------------------------------------------------ the pytest module


def test_law_module_runs_from_outside_the_repo(tmp_path: Path) -> None:
    """``python -m pytest --pyargs ocop.testing.law``, as a user runs it in another project."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--pyargs",
         "ocop.testing.law"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert re.search(r"\b34 passed\b", out), out
    assert out.count("OcopLawFinding: [") == len(EXPECTED), out


def test_audit_package_imports_no_hypothesis() -> None:
    code = "import sys, ocop.audit; ocop.audit.audit(); print('hypothesis' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False"
    assert audit_pkg.audit is audit


def test_planted_window_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window is read from the regulation data on use (ocop.certificates.rules).
    wide = attrs.evolve(rules_mod.RE_EVALUATION_WINDOW, opens_days_before=1200)
    monkeypatch.setattr(rules_mod, "RE_EVALUATION_WINDOW", wide)
    found, _ = certs_mod._window_rule()
    assert [(f.code, f.expected) for f in found] == [
        ("window_rule_does_not_fit", "0 < closes < opens < 1095 days")
    ]
