"""The packaged 26/2026/QĐ-TTg scoresheets say exactly what Phụ lục II prints.

Every sheet of ``src/ocop/data/regulations/qd26-2026/sheets.json`` is walked row by row against
its table in ``tests/data/qd26-2026-QD-TTg.txt`` (the decision's text): part headings,
criterion codes, titles and maxima, every option's text, points and star mark, every
note, the header lines.  Nothing in the table may be left unmatched.  Then the arithmetic
the law implies (parts 40/25/35, children add up to parents, best option = maximum) is
checked after applying the errata, and every erratum must point at what the data holds.

Only repository files are read; the loader is not used, so this checks the data itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "src" / "ocop" / "data" / "regulations" / "qd26-2026" / "sheets.json"
TEXT_FILE = ROOT / "tests" / "data" / "qd26-2026-QD-TTg.txt"

SHEETS = range(1, 27)
NODE_ROW = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
PART_ROW = re.compile(r"^(?:Phần|PHẦN)\s+([ABC])\b")
# An option cell: text, then an optional star mark, then (twice in the decision) a note.
OPTION_CELL = re.compile(r"^(?:□|o )\s*(.*?)\s*(?:(\*{3,5})\s*(.*))?$")
CASE_ROW = re.compile(r"^[ab]\. Trường hợp ([12]):")
STAR_LEGEND = "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao"


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA_FILE.read_text("utf-8"))
    return loaded


def sheet(number: int) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in data()["sheets"] if s["number"] == number]
    assert len(found) == 1, f"sheet #{number} appears {len(found)} times in the data"
    return found[0]


@cache
def lines() -> tuple[str, ...]:
    return tuple(
        unicodedata.normalize("NFC", line) for line in TEXT_FILE.read_text("utf-8").split("\n")
    )


@cache
def sections() -> dict[int, tuple[str, ...]]:
    """Each sheet's lines, from its numbered heading to the next heading or Phụ lục III."""
    text = lines()
    start = text.index("PHỤ LỤC II")
    end = text.index("PHỤ LỤC III")
    heads: list[tuple[int, int]] = []
    for i in range(start, end):
        m = re.match(r"^(\d{1,2})\.(?:\s|$)", text[i])
        if m:
            heads.append((int(m.group(1)), i))
    assert [n for n, _ in heads] == list(SHEETS), f"sheet headings found: {heads}"
    bounds = [i for _, i in heads] + [end]
    return {n: text[bounds[k] : bounds[k + 1]] for k, (n, _) in enumerate(heads)}


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


def table(number: int) -> list[list[str]]:
    """The rows of a sheet's scoring table, from its header row to TỔNG CỘNG inclusive."""
    rows = [cells(line) for line in sections()[number] if line.startswith("|")]
    first = next(i for i, r in enumerate(rows) if r[0] == "Các tiêu chí")
    last = next(i for i, r in enumerate(rows) if r[0] == "TỔNG CỘNG")
    return [r + [""] * (2 - len(r)) for r in rows[first + 1 : last + 1]]


def header(number: int) -> str:
    """The sheet's non-table lines before its table, whitespace-normalised."""
    section = sections()[number]
    table_at = next(i for i, line in enumerate(section) if line.startswith("| Các tiêu chí"))
    return _ws(" ".join(section[:table_at]))


def printed_points(cell: str) -> int | str | None:
    if cell == "":
        return None
    return int(cell) if cell.isdigit() else cell


def is_boundary(cell: str) -> bool:
    return bool(NODE_ROW.match(cell) or PART_ROW.match(cell)) or cell == "TỔNG CỘNG"


# ---------------------------------------------------------------------------- text match


@pytest.mark.parametrize("number", SHEETS)
def test_sheet_header_matches_text(number: int) -> None:
    s = sheet(number)
    head = header(number)
    title = re.sub(r"^\d+\.\s*(?:Bộ sản phẩm:\s*)?", "", head)
    assert title.startswith(f"{s['name']} {s['classification_line']}"), (
        f"sheet #{number}: name/classification line not as printed: {head[:200]!r}"
    )
    if s["disqualified_when"] is None:
        assert "bị loại khi" not in head.lower(), f"sheet #{number} prints a rejection line"
    else:
        assert s["disqualified_when"].lower().startswith(("hồ sơ bị loại khi", "bị loại khi"))
        assert s["disqualified_when"] in head, f"sheet #{number}: rejection line not as printed"
    assert s["total"] == 100
    legend = STAR_LEGEND in _ws(" ".join(sections()[number]))
    assert legend == (number != 26), f"sheet #{number}: star legend presence"


@pytest.mark.parametrize("number", SHEETS)
def test_sheet_table_matches_text_row_by_row(number: int) -> None:
    rows = table(number)
    pos = 0

    def where(code: str = "") -> str:
        at = f" criterion {code}" if code else ""
        return f"sheet #{number}{at}, text row {pos + 1} {rows[pos] if pos < len(rows) else None}"

    for part in sheet(number)["parts"]:
        assert rows[pos][0] == part["label"], f"{where()}: expected part {part['label']!r}"
        assert printed_points(rows[pos][1]) == part["max_points"], where()
        label = PART_ROW.match(part["label"])
        assert label is not None and label[1] == part["part"], where()
        pos += 1
        for node in part["nodes"]:
            code = node["code"]
            m = NODE_ROW.match(rows[pos][0])
            assert m and m[1] == code, f"{where(code)}: expected criterion {code}"
            assert printed_points(rows[pos][1]) == node["max_points"], f"{where(code)}: maximum"
            notes = Counter(node["notes"] + node["knockouts"])
            heading = m[2]
            pos += 1
            # A parenthetical row may continue the title ("(Khả năng sản xuất …)").
            while heading != node["title"] and node["title"].startswith(heading + " "):
                assert rows[pos][1] == "", f"{where(code)}: title continuation has points"
                heading = f"{heading} {rows[pos][0]}"
                pos += 1
            if heading != node["title"]:
                # Or a note printed in the title cell ("… Yêu cầu: …").
                differs = f"{where(code)}: title {node['title']!r} is printed {heading!r}"
                assert heading.startswith(node["title"] + " "), differs
                inline = heading[len(node["title"]) + 1 :]
                assert notes[inline] > 0, differs
                notes[inline] -= 1
            options = iter(enumerate(node["options"]))
            case = None
            while not is_boundary(rows[pos][0]):
                cell, points = rows[pos]
                om = OPTION_CELL.match(cell)
                if om:
                    index, option = next(options, (None, None))
                    assert option is not None, f"{where(code)}: option missing from the data"
                    at = f"{where(code)} option {index}"
                    assert option["text"] == om[1], f"{at}: text"
                    assert option["min_star"] == (len(om[2]) if om[2] else None), f"{at}: star"
                    assert option["points"] == printed_points(points), f"{at}: points"
                    assert option["case"] == case, f"{at}: case"
                    if om[3]:
                        assert notes[om[3]] > 0, f"{at}: {om[3]!r} missing from notes"
                        notes[om[3]] -= 1
                else:
                    assert points == "", f"{where(code)}: a note row has points"
                    assert notes[cell] > 0, f"{where(code)}: {cell!r} missing from notes"
                    notes[cell] -= 1
                    if cm := CASE_ROW.match(cell):
                        case = int(cm[1])
                pos += 1
            assert next(options, None) is None, f"{where(code)}: data has options not printed"
            assert +notes == Counter(), f"{where(code)}: notes not printed: {list(+notes)}"
    assert rows[pos] == ["TỔNG CỘNG", str(sheet(number)["total"])], where()
    assert pos == len(rows) - 1, f"sheet #{number}: rows after TỔNG CỘNG"


def test_every_sheet_has_its_phu_luc_i_product_set() -> None:
    """product_set = Roman group . nhóm . phân nhóm of the Phụ lục I leaf, in sheet order."""
    text = lines()
    rows = text[text.index("PHỤ LỤC I") : text.index("PHỤ LỤC II")]
    leaves: list[str] = []
    group = nhom = ""
    for row in (cells(r) for r in rows if r.startswith("|")):
        label = row[0]
        if re.fullmatch(r"[IVX]+", label):
            group = label
        elif label.isdigit():
            nhom = f"{group}.{label}"
            leaves.append(nhom)  # a nhóm is a leaf until a phân nhóm follows
        elif re.fullmatch(r"[a-d]", label):
            if leaves and leaves[-1] == nhom:
                leaves.pop()
            leaves.append(f"{nhom}.{label}")
    assert leaves == [sheet(n)["product_set"] for n in SHEETS]


# ------------------------------------------------------------------- errata and arithmetic


def errata() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data()["errata"]
    return found


def nodes(number: int) -> dict[str, dict[str, Any]]:
    return {n["code"]: n for p in sheet(number)["parts"] for n in p["nodes"]}


def applied(number: int) -> dict[str, tuple[int, list[int]]]:
    """Each criterion's (maximum, option points) as the library scores them."""
    result = {}
    for code, node in nodes(number).items():
        maximum, options = node["max_points"], node["options"]
        points = [o["points"] for o in options]
        for e in errata():
            if number not in e["sheets"] or e["criterion"] != code:
                continue
            if e["field"] == "max_points":
                maximum = e["applied"]
            elif e["field"] == "options":
                points = [o["points"] for o in e["applied"]]
            elif e["field"] == "points":
                points[e["option"]] = e["applied"]
        result[code] = (maximum, points)
    return result


def parent(code: str, codes: list[str]) -> str | None:
    prefixes = [c for c in codes if code.startswith(c + ".")]
    return max(prefixes, key=len) if prefixes else None


@pytest.mark.parametrize("number", SHEETS)
def test_sheet_adds_up_after_errata(number: int) -> None:
    s = sheet(number)
    assert [(p["part"], p["max_points"]) for p in s["parts"]] == [("A", 40), ("B", 25), ("C", 35)]
    assert s["total"] == sum(p["max_points"] for p in s["parts"]) == 100
    scored = applied(number)
    for part in s["parts"]:
        codes = [n["code"] for n in part["nodes"]]
        groups = [c for c in codes if parent(c, codes) is None]
        for g in groups:
            assert part["part"] == ("A" if int(g) <= 3 else "B" if int(g) <= 5 else "C"), g
        assert sum(scored[g][0] for g in groups) == part["max_points"], f"#{number} {part['part']}"
        for code in codes:
            maximum, points = scored[code]
            at = f"sheet #{number} criterion {code}"
            assert isinstance(maximum, int) and maximum > 0, f"{at}: maximum {maximum!r}"
            children = [c for c in codes if parent(c, codes) == code]
            if children:
                assert points == [], f"{at}: a group with options"
                assert sum(scored[c][0] for c in children) == maximum, f"{at}: children sum"
            else:
                assert points, f"{at}: no options"
                assert all(isinstance(p, int) and 0 <= p <= maximum for p in points), f"{at}"
                assert max(points) == maximum, f"{at}: best option {max(points)} != {maximum}"


def test_errata_point_at_what_the_data_holds() -> None:
    ids = [e["id"] for e in errata()]
    assert ids == [f"E{i:02d}" for i in range(1, len(ids) + 1)]
    for e in errata():
        assert e["status"] in ("corrected", "kept_as_printed"), e["id"]
        assert (e["applied"] == e["printed"]) == (e["status"] == "kept_as_printed"), e["id"]
        assert e["decision_vi"] and e["decision_en"] and e["reason"], e["id"]
        for number in e["sheets"]:
            at = f"erratum {e['id']} on sheet #{number}"
            if e["field"] == "label":
                assert e["criterion"] is None and e["option"] is None, at
                assert any(e["printed"] in p["label"] for p in sheet(number)["parts"]), at
                continue
            node = nodes(number).get(e["criterion"])
            assert node is not None, f"{at}: no criterion {e['criterion']!r}"
            if e["field"] == "points":
                assert 0 <= e["option"] < len(node["options"]), f"{at}: no option {e['option']}"
                assert node["options"][e["option"]]["points"] == e["printed"], at
            elif e["field"] == "max_points":
                assert e["option"] is None and node["max_points"] == e["printed"], at
            elif e["field"] == "min_star":  # a mark doubted, kept as printed (issue 19, E10)
                assert node["options"][e["option"]]["min_star"] == e["printed"], at
            else:
                assert e["field"] == "options" and e["option"] is None, at
                assert node["options"] == e["printed"] == [], at
                keys = [sorted(o) for o in e["applied"]]
                assert keys == [["case", "min_star", "points", "text"]] * len(keys), at


def test_known_misprints_are_recorded() -> None:
    """The anomalies listed in ocop-rules.md 1b each have an erratum."""
    recorded = {(n, e["criterion"], e["field"]) for e in errata() for n in e["sheets"]}
    expected = {(4, "7", "points"), (11, "6.1.1", "points"), (7, "3.1", "points")}
    expected |= {(23, "6.2", "points"), (23, "9", "max_points"), (26, None, "label")}
    expected |= {(n, "1.2", "points") for n in (4, 7, 10, 11)}
    expected |= {(n, "2.4", "options") for n in range(1, 21)}
    expected |= {(n, "2.3", "options") for n in (21, 22)}
    assert expected <= recorded, sorted(expected - recorded, key=str)


def test_strings_are_nfc() -> None:
    def walk(value: object) -> None:
        if isinstance(value, str):
            assert unicodedata.is_normalized("NFC", value), value
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data())


def test_source_header_names_the_decision() -> None:
    source = data()["source"]
    assert data()["regulation"] == "26/2026/QĐ-TTg"
    assert source["appendix"] == "Phụ lục II"
    assert "26/2026/QĐ-TTg" in source["document"]
    assert set(source) == {
        "document",
        "appendix",
        "official_listing",
        "transcript",
        "extracted_by",
        "verified",
        "star_marker_rule",
    }
