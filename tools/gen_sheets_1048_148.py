"""Generate the scoresheet data of 1048/QĐ-TTg (+781/QĐ-TTg) and 148/QĐ-TTg.

Run by hand when the reference transcriptions change; nothing at run or test time
imports it, and the files it writes are committed:

    python tools/gen_sheets_1048_148.py \\
        --qd1048 ../shared/reference/qd1048-2019-scoresheets.json \\
        --qd148 ../shared/reference/qd148-2023-scoresheets-partial.json

It writes, in the shape of ``qd26-2026/sheets.json`` (the same keys per sheet, part,
node and option; see ``docs/decisions/scoresheets-1048-148.md``):

* ``src/ocop/data/regulations/qd1048-2019/sheets.json``: the 26 sheets of 1048 as first
  issued (#26 is the original tourism sheet "Dịch vụ du lịch - truyền thống - lễ hội");
* ``src/ocop/data/regulations/qd1048-781-2020/sheets.json``: a patch ``based_on`` 1048
  (docs/decisions/regulations.md) replacing #26 with the tourism sheet 781/QĐ-TTg
  substituted (the reference's ``amended_by_781``); the other 25 sheets are 1048's;
* ``src/ocop/data/regulations/qd148-2023/sheets.json``: the one known 148 sheet (#1);
  ``qd148-1489-2025/`` has no sheets file: 1489/QĐ-TTg changed the evaluation sequence,
  not the sheets, and its folder is based on 148's.

What the script changes from the reference, and why:

* notes that end or stop the evaluation ("Bị loại …", "Không đánh giá các bước tiếp
  theo …", "Không xem xét các chỉ tiêu khác …", "Không đánh giá những sản phẩm có tính
  phổ biến …") go to ``knockouts``, as in the 26/2026 data; other notes stay notes;
* an ``additive`` node of the original tourism sheet (Part C: tick every item that
  applies) becomes a group whose items are one-option sub-criteria ``6.1``, ``6.2`` …:
  ticking an item scores its points, leaving it blank scores 0, so the items add up
  exactly as printed without a second scoring rule;
* the reference's bookkeeping keys (``max_points_derived``, ``scoring``,
  ``computed_sum_of_criteria``, ``printed_label``, per-set ``source_used``,
  ``confidence``, ``cross_source_decisions`` …) move into the file's ``source`` block
  as text, one entry per sheet, so the sheet objects keep the 26/2026 keys;
* each sum that does not add up, and each value the sources leave open, becomes an
  erratum with ``status`` ``unresolved`` or ``kept_as_printed`` (nothing is corrected:
  the official text was not seen).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "ocop" / "data" / "regulations"

# Product-set codes of the library's taxonomy (src/ocop/data/taxonomy/qd1048_2019.json),
# in the order of the reference's set numbers (which follow Phụ lục I as far as checked).
CODES_1048 = (
    "I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d", "I.3.e",
    "I.4.a", "I.4.b", "I.5.a", "I.5.b", "I.6", "II.1.a", "II.1.b", "II.2.a", "II.2.b",
    "III.1", "III.2", "III.3", "III.4", "IV.1", "IV.2", "V.1", "VI.1",
)  # fmt: skip

_KNOCKOUT = re.compile(
    r"bị loại|không đánh giá các bước tiếp theo|không xem xét các chỉ tiêu khác"
    r"|không đánh giá những sản phẩm có tính phổ biến",
    re.IGNORECASE,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def option(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "text": nfc(raw["text"]),
        "points": raw["points"],
        "min_star": raw["min_star"],
        "case": raw.get("case"),
    }


def node(
    code: str, title: str, max_points: int, options: list[Any], notes: Sequence[str]
) -> dict[str, Any]:
    texts = [nfc(n) for n in notes]
    return {
        "code": code,
        "title": nfc(title),
        "max_points": max_points,
        "options": options,
        "notes": [n for n in texts if not _KNOCKOUT.search(n)],
        "knockouts": [n for n in texts if _KNOCKOUT.search(n)],
    }


def nodes(raw_nodes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n in raw_nodes:
        if n.get("scoring") == "additive":
            # Each tick-box is its own one-option item: ticked = its points, blank = 0.
            out.append(node(n["code"], n["title"], n["max_points"], [], n["notes"]))
            for i, o in enumerate(n["options"], start=1):
                item = option(o)
                out.append(node(f"{n['code']}.{i}", item["text"], item["points"], [item], []))
            continue
        options = [option(o) for o in n["options"]]
        out.append(node(n["code"], n["title"], n["max_points"], options, n["notes"]))
    return out


def renumber(raw: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Give a repeated code (set 14 prints "6.1.3" for Màu sắc and Mùi) the next free number.

    The repeat and every later sibling move up by one (6.1.3 Mùi → 6.1.4, 6.1.4 Vị → 6.1.5);
    returns (title, printed code, new code) for the errata.
    """
    changes = []
    for part in raw["parts"]:
        seen: set[str] = set()
        shift: dict[str, int] = {}  # parent prefix → how far its later children move
        for n in part["nodes"]:
            head, _, last = n["code"].rpartition(".")
            code = n["code"]
            if head and head in shift:
                code = f"{head}.{int(last) + shift[head]}"
            if code in seen:
                shift[head] = shift.get(head, 0) + 1
                code = f"{head}.{int(last) + shift[head]}"
            if code != n["code"]:
                changes.append((nfc(n["title"]), n["code"], code))
                n["code"] = code
            seen.add(code)
    return changes


def sheet(number: int, code: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "number": number,
        "product_set": code,
        "name": nfc(raw["name"]),
        "classification_line": raw.get("classification_line"),
        "disqualified_when": raw.get("disqualified_when"),
        "total": raw["total"],
        "parts": [
            {
                "part": p["part"],
                "label": nfc(p["label"]),
                "max_points": p["max_points"],
                "nodes": nodes(p["nodes"]),
            }
            for p in raw["parts"]
        ],
    }


def part_sums(raw: Mapping[str, Any]) -> dict[str, int]:
    return {p["part"]: p["computed_sum_of_criteria"] for p in raw["parts"]}


def sheet_source(raw: Mapping[str, Any], used: str) -> str:
    text = f"source {used}; confidence: {raw.get('confidence', '')}"
    for d in raw.get("cross_source_decisions") or ():
        text += f"; {d['node']}: {d['used']} used ({d['why']})"
    return text


def erratum(
    id_: str,
    sheets: list[int],
    criterion: str | None,
    option_: int | None,
    field: str,
    printed: object,
    applied: object,
    status: str,
    vi: str,
    en: str,
    reason: str,
) -> dict[str, Any]:
    return {
        "id": id_,
        "sheets": sheets,
        "criterion": criterion,
        "option": option_,
        "field": field,
        "printed": printed,
        "applied": applied,
        "status": status,
        "decision_vi": vi,
        "decision_en": en,
        "reason": reason,
    }


def errata_1048(
    sets: Sequence[Mapping[str, Any]],
    renumbered: Mapping[int, list[tuple[str, str, str]]],
    *,
    tourism_original: bool,
) -> list[Any]:
    by_no = {s["no"]: s for s in sets}
    c19 = part_sums(by_no[19])["C"]
    six = next(n for p in by_no[6]["parts"] for n in p["nodes"] if n["code"] == "6.2")
    assert [o["points"] for o in six["options"]] == [0, 1, 3, 3], "set 6 criterion 6.2 changed"
    out = [
        erratum(
            "E01",
            [19],
            None,
            None,
            "part_C",
            40,
            c19,
            "unresolved",
            "Phần C của bộ số 19 in 40 điểm nhưng các tiêu chí cộng lại được "
            f"{c19} điểm (cả hai nguồn); thư viện chấm theo các tiêu chí, phiếu tốt nhất "
            f"đạt {100 - 40 + c19} điểm.",
            f"Part C of sheet #19 is worth 40 but its criteria add up to {c19} in both "
            f"sources; the library scores the criteria as transcribed, so the best card "
            f"totals {100 - 40 + c19}.",
            "Either the official sheet is inconsistent or both transcriptions lost the same "
            "criterion (the parallel Mỹ phẩm sheet #20 has a 'Tác dụng không mong muốn' "
            "sub-criterion that #19 lacks); the official Phụ lục III was not seen, so no "
            "point is invented.",
        ),
        erratum(
            "E02",
            [6],
            "6.2",
            2,
            "points",
            3,
            3,
            "unresolved",
            'Phương án "Tương đối đồng đều" của tiêu chí 6.2 bộ số 6: nguồn S1 ghi 3 '
            "điểm, nguồn S2 ghi 2 điểm; thư viện dùng 3 (S1).",
            'Option "Tương đối đồng đều" of criterion 6.2 on sheet #6 is worth 3 in '
            "source S1 and 2 in source S2; the library uses 3 (S1).",
            "The criterion's maximum is 3 either way, so sums hold under both readings; S1 "
            "(platform data) is the stronger source, but 3 for both of the two top options "
            "looks like a slip. Unresolved until the official sheet is read.",
        ),
    ]
    for number, changes in sorted(renumbered.items()):
        for title, printed, applied in changes:
            out.append(
                erratum(
                    f"E{len(out) + 1:02d}",
                    [number],
                    applied,
                    None,
                    "code",
                    printed,
                    applied,
                    "corrected",
                    f'Tiêu chí "{title}" của bộ số {number} mang mã {printed} trong nguồn, '
                    f"trùng với tiêu chí trước; thư viện đánh số {applied}.",
                    f'Criterion "{title}" of sheet #{number} is numbered {printed} in the '
                    f"source, repeating the criterion before it; the library numbers it {applied}.",
                    "A scorecard names criteria by code, so two criteria cannot share one; the "
                    "repeat and the siblings after it move up by one, in printed order. No "
                    "points change.",
                )
            )
    if tourism_original:
        a26 = part_sums(by_no[26])["A"]
        out.append(
            erratum(
                f"E{len(out) + 1:02d}",
                [26],
                None,
                None,
                "part_A",
                35,
                a26,
                "unresolved",
                f"Phần A của bộ số 26 (du lịch, bản gốc 1048) in 35 điểm nhưng các tiêu "
                f"chí cộng lại được {a26}; thư viện chấm theo các tiêu chí.",
                f"Part A of sheet #26 (tourism, 1048 as first issued) is worth 35 but its "
                f"criteria add up to {a26}; the library scores the criteria as transcribed.",
                "One point is missing somewhere in a single student transcription (S2); "
                "which criterion lost it cannot be told from the sheet.",
            )
        )
    return out


def file_1048(ref: Mapping[str, Any], *, amended: bool) -> dict[str, Any]:
    sets = sorted(copy.deepcopy(ref["sets"]), key=lambda s: s["no"])
    renumbered = {s["no"]: c for s in sets if (c := renumber(s))}
    assert [s["no"] for s in sets] == list(range(1, 27)), "expected sets 1–26"
    src = ref["source"]
    sheets = [sheet(s["no"], CODES_1048[s["no"] - 1], s) for s in sets]
    source = {
        "document": src["document"],
        "appendix": "Phụ lục III (criteria per product set; not seen: see official_text_seen)",
        "official_text_seen": "false: neither 1048's nor 781's Phụ lục III was found in any "
        "reachable source; the sheets are application data (S1, S2 below)",
        "S1": src["S1"],
        "S2": src["S2"],
        "cross_check": src["cross_check"],
        "max_points_rule": src["max_points_rule"],
        "alternative_cases": src["alternative_cases"],
        "min_star": src["min_star"],
        "numbering": src["numbering"],
        "extracted_by": "tools/gen_sheets_1048_148.py from the reference JSON "
        "qd1048-2019-scoresheets.json (see shared/reference/qd1048-qd148-sources.md): "
        "knock-out notes moved to knockouts; additive nodes split into one-option items; "
        "per-set source, confidence and cross-source decisions listed below as 'sheet N'.",
    }
    for s in sets:
        source[f"sheet {s['no']}"] = sheet_source(s, s["source_used"])
    if amended:
        tourism = ref["amended_by_781"]
        sheets[25] = sheet(26, "VI.1", tourism)
        source["document"] = src["document"]
        source["sheet 26"] = "source S1 only (781 tourism sheet); " + nfc(tourism["note"])
    else:
        source["additive"] = (
            "Part C of sheet #26 (original tourism sheet, S2) is additive (tick every item "
            "that applies; inferred because its option points reach 40 only when summed): "
            "each item is encoded as a one-option sub-criteria (code 6.1, 6.2, …)."
        )
    return {
        "$schema": "../sheets.schema.json",
        "source": source,
        "regulation": "1048/QĐ-TTg+781/QĐ-TTg" if amended else "1048/QĐ-TTg",
        "sheets": sheets,
        "errata": errata_1048(sets, renumbered, tourism_original=not amended),
    }


def file_148(ref: Mapping[str, Any], regulation: str) -> dict[str, Any]:
    (raw,) = ref["sets"]
    assert raw["no"] == 1
    src = ref["source"]
    data = sheet(1, "I.1.a", raw)
    all_nodes = [n for p in raw["parts"] for n in p["nodes"]]
    labels = {n["code"]: n["printed_label"] for n in all_nodes if n.get("printed_label")}
    marked = [n["code"] for p in raw["parts"] for n in p["nodes"] if n.get("min_star")]
    assert marked == ["3.6"], marked
    truncated = [
        (n["code"], i)
        for p in raw["parts"]
        for n in p["nodes"]
        for i, o in enumerate(n["options"])
        if o.get("source_truncated")
    ]
    assert truncated == [("3.6", 1)], truncated
    text_36 = next(n for p in data["parts"] for n in p["nodes"] if n["code"] == "3.6")
    source = {
        "document": src["document"],
        "appendix": "Phụ lục III (not seen)",
        "official_text_seen": "false",
        "coverage": src["coverage"],
        "star_marker_rule": src["star_marker_rule"],
        "sheet 1": f"{raw['source']}; confidence: {raw['confidence']}",
        "identification": raw["identification"],
        "printed_labels": "criteria are printed a), b), c) … under each numbered group; the "
        "codes are assigned: " + ", ".join(f"{code} = {label}" for code, label in labels.items()),
        "extracted_by": "tools/gen_sheets_1048_148.py from the reference JSON "
        "qd148-2023-scoresheets-partial.json; knock-out notes moved to knockouts.",
    }
    errata = [
        erratum(
            "E01",
            [1],
            "3.6",
            1,
            "text",
            text_36["options"][1]["text"],
            text_36["options"][1]["text"],
            "unresolved",
            "Nội dung phương án 2 của tiêu chí 3.6 (Sở hữu trí tuệ) bị cắt ở 255 ký tự trong "
            "nguồn; thư viện giữ như nguồn, điểm không đổi.",
            "The text of option 2 of criterion 3.6 (Sở hữu trí tuệ) is cut at 255 characters "
            "in the source; the library keeps it as found; its points are unaffected.",
            "A database column limit of the source application (S3); the official text was "
            "not seen.",
        ),
        erratum(
            "E02",
            [1],
            "3.6",
            None,
            "min_star",
            4,
            None,
            "kept_as_printed",
            "Tiêu đề tiêu chí 3.6 (Sở hữu trí tuệ) có dấu ****; cả hai phương án cũng mang "
            "dấu ****, nên thư viện kiểm tra mức tối thiểu theo các phương án.",
            "The title of criterion 3.6 (Sở hữu trí tuệ) carries ****; both its options carry "
            "**** too, so the library checks the minimum through the options.",
            "A mark on a title has no place in the sheet's shape; with both options marked "
            "**** it asks the same as the option marks do.",
        ),
        erratum(
            "E03",
            [1],
            "1.5",
            1,
            "min_star",
            4,
            4,
            "kept_as_printed",
            "Cả hai phương án 1 và 2 điểm của tiêu chí 1.5 mang dấu ****; thư viện giữ "
            "như bản in (mức tối thiểu cho 4 sao là 1 điểm).",
            "Both the 1- and 2-point options of criterion 1.5 carry ****; the library keeps "
            "them as printed (the 4-star minimum is the lower, 1 point).",
            "Probably one mark too many, but the sheet does not say which; a minimum is read "
            "from its lowest marked option, so the extra mark changes nothing.",
        ),
        erratum(
            "E04",
            [1],
            "6.2",
            4,
            "min_star",
            4,
            4,
            "kept_as_printed",
            "Cả hai phương án 3 và 5 điểm của tiêu chí 6.2 mang dấu ****; thư viện giữ "
            "như bản in (mức tối thiểu cho 4 sao là 3 điểm).",
            "Both the 3- and 5-point options of criterion 6.2 carry ****; the library keeps "
            "them as printed (the 4-star minimum is the lower, 3 points).",
            "As E03: the extra mark does not change the minimum.",
        ),
    ]
    return {
        "$schema": "../sheets.schema.json",
        "source": source,
        "regulation": regulation,
        "sheets": [data],
        "errata": errata,
    }


def patch_of(base: Mapping[str, Any], amended: Mapping[str, Any]) -> dict[str, Any]:
    """``amended`` as the changes to ``base``: its notes that differ, its sheets that differ."""
    old = {s["number"]: s for s in base["sheets"]}
    source = {k: v for k, v in amended["source"].items() if base["source"].get(k) != v}
    source.update({k: None for k in base["source"] if k not in amended["source"]})
    source["patch"] = (
        "Only what 781/QĐ-TTg changed in 1048's sheets is written here: sheet 26 (tourism) "
        "replaced; the other 25 sheets and their errata are 1048's "
        "(src/ocop/data/regulations/qd1048-2019/sheets.json), resolved by "
        "ocop._regulation_patch."
    )
    return {
        "$schema": "../sheets-patch.schema.json",
        "based_on": base["regulation"],
        "source": source,
        "regulation": amended["regulation"],
        "replace": [s for s in amended["sheets"] if old.get(s["number"]) != s],
    }


def write(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qd1048", type=Path, required=True, help="qd1048-2019-scoresheets.json")
    parser.add_argument(
        "--qd148", type=Path, required=True, help="qd148-2023-scoresheets-partial.json"
    )
    args = parser.parse_args(argv)
    ref1048 = json.loads(args.qd1048.read_text(encoding="utf-8"))
    ref148 = json.loads(args.qd148.read_text(encoding="utf-8"))
    write(OUT / "qd1048-2019" / "sheets.json", file_1048(ref1048, amended=False))
    base = file_1048(ref1048, amended=False)
    write(OUT / "qd1048-781-2020" / "sheets.json", patch_of(base, file_1048(ref1048, amended=True)))
    write(OUT / "qd148-2023" / "sheets.json", file_148(ref148, "148/QĐ-TTg"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
