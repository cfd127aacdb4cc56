"""The Kon Tum 2021–2025 budget (Kế hoạch 908/KH-UBND), reproduced by hand.

Every figure below is copied from ``tests/data/plans/kon-tum-908-2023.txt``
(Mục V.1 and the two appendices at the end) as printed; every addition is
written out here, not done by the library.  The tests then ask that

* the catalogue's budget (``src/ocop/plans/data/kon-tum-908-2023.json``) holds
  exactly these figures, in these places, and its words are the document's;
* ``check_budget`` and ``ocop.plans.check`` report exactly the findings and the
  held totals worked out here: no more, no fewer.

Amounts in findings are đồng; the document writes triệu đồng (``M``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from ocop.budget import Budget, check_budget
from ocop.findings import Severity
from ocop.plans import catalog, check

M = 1_000_000
PLAN = "kon-tum-908-2023"
COPY = Path(__file__).resolve().parent / "data" / "plans" / f"{PLAN}.txt"
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@cache
def copy_text() -> str:
    """The document copy, header line left out, whitespace-normalised."""
    return _normal(COPY.read_text(encoding="utf-8").partition("\n")[2])


def budget() -> Budget:
    found = catalog.plan(PLAN).budget
    assert found is not None
    return found


def vi(triệu: int) -> str:
    """A whole number of triệu written the Vietnamese way: 134750 → '134.750'."""
    return f"{triệu:,}".replace(",", ".")


# --- the document, as printed ------------------------------------------------------------

CLAIM = (
    "Tổng nhu cầu kinh phí thực hiện Chương trình là 134.750 triệu đồng, trong đó: Ngân sách "
    "Trung ương bố trí trực tiếp là 24.250 triệu đồng, ngân sách địa phương (cấp tỉnh, huyện, "
    "xã) là 17.500 triệu đồng, vốn lồng ghép từ các Chương trình khác là 14.000 triệu đồng và "
    "vốn doanh nghiệp, chủ thể tự bố trí tham gia là 74.000 triệu đồng."
)

# Phụ lục 1 (the 134,750 table).  Columns: TT | Nội dung | ĐVT | Số lượng | Tổng kinh phí
# (tr.đ) | NS TW từ Chương trình Nông thôn mới | NS địa phương | Vốn lồng ghép từ các Chương
# trình, dự án | Vốn đóng góp của các chủ thể (…).  "" is a blank cell.
PL1_TITLE = (
    "BẢNG TỔNG HỢP NHU CẦU KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM TRÊN ĐỊA BÀN "
    "TỈNH KON TUM GIAI ĐOẠN 2021 - 2025"
)
PL1_HEADERS = (
    "Dự kiến kinh phí giai đoạn 2022-2025",
    "Tổng kinh phí (tr.đ)",
    "NS TW từ Chương trình Nông thôn mới",
    "NS địa phương",
    "Vốn lồng ghép từ các Chương trình, dự án",
    "Vốn đóng góp của các chủ thể (doanh nghiệp, HTX, cơ sở sản xuất...)",
)
PL1_SOURCES = ("central_budget", "local_budget", "pooled", "subjects")  # the four columns
PL1_ITEMS = [
    ("1", "Đánh giá phân hạng sản phẩm các cấp", "Sản phẩm", "250",
     "1,000", "500", "500", "", ""),
    ("2", "Nâng cao năng lực chủ thể, cán bộ quản lý chương trình", "Lượt người", "500",
     "4,000", "3,000", "1,000", "", ""),
    ("3", "Hỗ trợ xúc tiến thương mại", "Triệu đồng", "",
     "10,000", "3,000", "1,000", "2,000", "4,000"),
    ("4", "Hỗ trợ phát triển sản phẩm", "Sản phẩm", "250",
     "55,000", "15,000", "10,000", "5,000", "25,000"),
    ("5", "Thưởng sản phẩm đạt sao", "Sản phẩm", "250",
     "1,750", "1,750", "", "", ""),
    ("6", "Phát triển vùng nguyên liệu", "Triệu đồng", "",
     "39,000", "", "4,000", "10,000", "25,000"),
    ("7", "Các hoạt động khác", "Triệu đồng", "",
     "24,000", "1,000", "1,000", "2,000", "20,000"),
]  # fmt: skip
PL1_TOTAL_ROW = ("", "Tổng cộng", "", "", "134,750", "24250", "17500", "19000", "74,000")
PL1_YEARS = [
    ("-", "Năm 2021", "", "", "17,545", "545", "", "3,000", "14,000"),
    ("-", "Năm 2022", "", "", "26,800", "3,900", "3,900", "4,000", "15,000"),
    ("-", "Năm 2023", "", "", "30,100", "6,600", "4,500", "4,000", "15,000"),
    ("-", "Năm 2024", "", "", "30,100", "6,600", "4,500", "4,000", "15,000"),
    ("-", "Năm 2025", "", "", "30,205", "6,605", "4,600", "4,000", "15,000"),
]

# Phụ lục 2 (the 275,000 table).  Columns: TT | Nội dung chỉ tiêu | Năm 2022 | Năm 2023 |
# Năm 2024 | Năm 2025 | Tổng kinh phí thực hiện giai đoạn 2021- 2025.
PL2_TITLE = (
    "BẢNG TỔNG HỢP KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM TỈNH KON TUM GIAI "
    "ĐOẠN 2021-2025"
)
PL2_HEADERS = ("(Đơn vị: Triệu đồng)", "Tổng kinh phí thực hiện giai đoạn 2021- 2025")
PL2_YEARS = (2022, 2023, 2024, 2025)
PL2_TOTAL_ROW = ("", "TỔNG SỐ", "", "", "", "", "275,000")
PL2_ROWS = [
    ("state_budget", ("I", "Ngân sách nhà nước hỗ trợ trực tiếp",
                      "31,250", "31,250", "31,250", "31,250", "125,000")),
    ("central_budget", ("1", "Ngân sách Trung ương",
                        "25,000", "25,000", "25,000", "25,000", "100,000")),
    ("local_budget", ("2", "Ngân sách địa phương", "6,250", "6,250", "6,250", "6,250", "25,000")),
    ("pooled", ("II", "Vốn lồng ghép từ các Chương trình, dự án",
                "6,250", "6,250", "6,250", "6,250", "25,000")),
    ("credit", ("III", "Vốn tín dụng", "6,250", "6,250", "6,250", "6,250", "25,000")),
    ("subjects", ("IV", "Vốn đóng góp của các chủ thể (doanh nghiệp, HTX, cơ sở sản xuất...)",
                  "25,000", "25,000", "25,000", "25,000", "100,000")),
    ("other", ("V", "Nguồn khác", "", "", "", "", "")),
]  # fmt: skip


def _row(cells: tuple[str, ...]) -> str:
    return _normal("| " + " | ".join(cells))


def test_the_figures_above_are_the_documents() -> None:
    text = copy_text()
    assert _normal(CLAIM) in text
    for printed in (PL1_TITLE, *PL1_HEADERS, PL2_TITLE, *PL2_HEADERS):
        assert _normal(printed) in text, printed
    rows = [*PL1_ITEMS, PL1_TOTAL_ROW, *PL1_YEARS, PL2_TOTAL_ROW, *(r for _, r in PL2_ROWS)]
    for cells in rows:
        assert _row(cells) in text, cells
    # Appendix 1 comes first, and its last row is the 2025 phasing.
    assert text.index(_row(PL1_YEARS[-1])) < text.index(_normal(PL2_TITLE))


# --- the catalogue holds these figures, in these places ----------------------------------


def _entries(table: dict[str, Any]) -> Counter[tuple[str | None, str | None, int | None, str]]:
    return Counter(
        (e.get("item"), e.get("source"), e.get("year"), e["amount"]) for e in table["entries"]
    )


def test_the_catalogue_holds_appendix_1_as_printed() -> None:
    doc = budget().tables[0]
    assert doc.id == "phu-luc-1" and doc.title == PL1_TITLE and doc.locale == "en"
    assert [s.value for s in doc.sources] == list(PL1_SOURCES)
    assert doc.years == (2021, 2022, 2023, 2024, 2025)
    assert [(p.start, p.end, p.text) for p in doc.periods] == [
        (2021, 2025, "GIAI ĐOẠN 2021 - 2025"),
        (2022, 2025, "Dự kiến kinh phí giai đoạn 2022-2025"),
    ]
    for p in doc.periods:
        assert _normal(p.text) in copy_text()
    items = [(i.number, i.name, i.unit, i.quantity) for i in doc.items]
    assert items == [(r[0], r[1], r[2], int(r[3]) if r[3] else None) for r in PL1_ITEMS]
    expected: Counter[tuple[str | None, str | None, int | None, str]] = Counter()
    for number, _, _, _, total, *by_source in PL1_ITEMS:
        item = f"tt{number}"
        expected[(item, None, None, total)] += 1
        for source, amount in zip(PL1_SOURCES, by_source, strict=True):
            if amount:
                expected[(item, source, None, amount)] += 1
    _, _, _, _, total, *by_source = PL1_TOTAL_ROW
    expected[(None, None, None, total)] += 1
    for source, amount in zip(PL1_SOURCES, by_source, strict=True):
        expected[(None, source, None, amount)] += 1
    for _, label, _, _, total, *by_source in PL1_YEARS:
        year = int(label.removeprefix("Năm "))
        expected[(None, None, year, total)] += 1
        for source, amount in zip(PL1_SOURCES, by_source, strict=True):
            if amount:
                expected[(None, source, year, amount)] += 1
    assert _entries(doc.model_dump(mode="json")) == expected


def test_the_catalogue_holds_appendix_2_as_printed() -> None:
    doc = budget().tables[1]
    assert doc.id == "phu-luc-2" and doc.title == PL2_TITLE and doc.locale == "en"
    assert [s.value for s in doc.sources] == [s for s, _ in PL2_ROWS]
    assert doc.years == PL2_YEARS and doc.items == ()
    assert [(p.start, p.end, p.text) for p in doc.periods] == [
        (2021, 2025, "GIAI ĐOẠN 2021-2025"),
        (2021, 2025, "Tổng kinh phí thực hiện giai đoạn 2021- 2025"),
    ]
    for p in doc.periods:
        assert _normal(p.text) in copy_text()
    expected: Counter[tuple[str | None, str | None, int | None, str]] = Counter()
    expected[(None, None, None, PL2_TOTAL_ROW[-1])] += 1
    for source, (_, _, *by_year, total) in PL2_ROWS:
        if total:
            expected[(None, source, None, total)] += 1
        for year, amount in zip(PL2_YEARS, by_year, strict=True):
            if amount:
                expected[(None, source, year, amount)] += 1
    assert _entries(doc.model_dump(mode="json")) == expected


def test_the_catalogue_holds_the_claim_as_printed() -> None:
    (claim,) = budget().claims
    assert (claim.id, claim.where, claim.locale, claim.parts_complete) == (
        "tong-nhu-cau",
        "Mục V.1",
        "vi",
        False,  # "trong đó": some of the total, not necessarily all
    )
    assert claim.text == CLAIM and _normal(claim.text) in copy_text()
    assert claim.total == "134.750" and f"là {claim.total} triệu đồng" in CLAIM
    assert [(p.source.value, p.amount) for p in claim.parts] == [
        ("central_budget", "24.250"),
        ("local_budget", "17.500"),
        ("pooled", "14.000"),
        ("subjects", "74.000"),
    ]
    for part in claim.parts:
        assert f"là {part.amount} triệu đồng" in CLAIM
    assert claim.total_dong == 134_750 * M


# --- the arithmetic, by hand -------------------------------------------------------------


def test_the_additions_of_appendix_1() -> None:
    # Rows: each item's total over the sources.
    assert 500 + 500 == 1_000
    assert 3_000 + 1_000 == 4_000
    assert 3_000 + 1_000 + 2_000 + 4_000 == 10_000
    assert 15_000 + 10_000 + 5_000 + 25_000 == 55_000
    assert 1_750 == 1_750
    assert 4_000 + 10_000 + 25_000 == 39_000
    assert 1_000 + 1_000 + 2_000 + 20_000 == 24_000
    # Columns: each source over the items.
    assert 500 + 3_000 + 3_000 + 15_000 + 1_750 + 1_000 == 24_250
    assert 500 + 1_000 + 1_000 + 10_000 + 4_000 + 1_000 == 17_500
    assert 2_000 + 5_000 + 10_000 + 2_000 == 19_000
    assert 4_000 + 25_000 + 25_000 + 20_000 == 74_000
    # Phasing: each source over the years (NSĐP has no 2021 figure).
    assert 545 + 3_900 + 6_600 + 6_600 + 6_605 == 24_250
    assert 3_900 + 4_500 + 4_500 + 4_600 == 17_500
    assert 3_000 + 4_000 + 4_000 + 4_000 + 4_000 == 19_000
    assert 14_000 + 15_000 + 15_000 + 15_000 + 15_000 == 74_000
    # Each year's total over the sources.
    assert 545 + 3_000 + 14_000 == 17_545
    assert 3_900 + 3_900 + 4_000 + 15_000 == 26_800
    assert 6_600 + 4_500 + 4_000 + 15_000 == 30_100
    assert 6_605 + 4_600 + 4_000 + 15_000 == 30_205
    # The grand total, three ways.
    assert 1_000 + 4_000 + 10_000 + 55_000 + 1_750 + 39_000 + 24_000 == 134_750
    assert 24_250 + 17_500 + 19_000 + 74_000 == 134_750
    assert 17_545 + 26_800 + 30_100 + 30_100 + 30_205 == 134_750


def test_the_additions_of_appendix_2_and_the_claim() -> None:
    assert 31_250 + 31_250 + 31_250 + 31_250 == 125_000
    assert 25_000 + 25_000 + 25_000 + 25_000 == 100_000
    assert 6_250 + 6_250 + 6_250 + 6_250 == 25_000
    assert 25_000 + 6_250 == 31_250  # NSNN = NSTW + NSĐP, each year
    assert 100_000 + 25_000 == 125_000
    assert 125_000 + 25_000 + 25_000 + 100_000 == 275_000  # "Nguồn khác" is blank
    # The prose: its parts fall 5.000 short of its total, the 5.000 that its
    # "lồng ghép" (14.000) lacks against appendix 1 (19,000).
    assert 24_250 + 17_500 + 14_000 + 74_000 == 129_750
    assert 134_750 - 129_750 == 19_000 - 14_000 == 5_000


# The held totals of appendix 1: (code, place, total, parts), parts in table order.
T1 = "phu-luc-1 › "
ALL = "mọi nguồn × cả giai đoạn"
PL1_HELD: list[tuple[str, str, int, list[tuple[str, int]]]] = [
    ("sources_sum", f"1. Đánh giá phân hạng sản phẩm các cấp × {ALL}", 1_000,
     [("NSTW", 500), ("NSĐP", 500)]),
    ("sources_sum", f"2. Nâng cao năng lực chủ thể, cán bộ quản lý chương trình × {ALL}", 4_000,
     [("NSTW", 3_000), ("NSĐP", 1_000)]),
    ("sources_sum", f"3. Hỗ trợ xúc tiến thương mại × {ALL}", 10_000,
     [("NSTW", 3_000), ("NSĐP", 1_000), ("lồng ghép", 2_000), ("chủ thể", 4_000)]),
    ("sources_sum", f"4. Hỗ trợ phát triển sản phẩm × {ALL}", 55_000,
     [("NSTW", 15_000), ("NSĐP", 10_000), ("lồng ghép", 5_000), ("chủ thể", 25_000)]),
    ("sources_sum", f"5. Thưởng sản phẩm đạt sao × {ALL}", 1_750, [("NSTW", 1_750)]),
    ("sources_sum", f"6. Phát triển vùng nguyên liệu × {ALL}", 39_000,
     [("NSĐP", 4_000), ("lồng ghép", 10_000), ("chủ thể", 25_000)]),
    ("sources_sum", f"7. Các hoạt động khác × {ALL}", 24_000,
     [("NSTW", 1_000), ("NSĐP", 1_000), ("lồng ghép", 2_000), ("chủ thể", 20_000)]),
    ("items_sum", "Tổng × NSTW × cả giai đoạn", 24_250,
     [("TT1", 500), ("TT2", 3_000), ("TT3", 3_000), ("TT4", 15_000), ("TT5", 1_750),
      ("TT7", 1_000)]),
    ("items_sum", "Tổng × NSĐP × cả giai đoạn", 17_500,
     [("TT1", 500), ("TT2", 1_000), ("TT3", 1_000), ("TT4", 10_000), ("TT6", 4_000),
      ("TT7", 1_000)]),
    ("items_sum", "Tổng × lồng ghép × cả giai đoạn", 19_000,
     [("TT3", 2_000), ("TT4", 5_000), ("TT6", 10_000), ("TT7", 2_000)]),
    ("items_sum", "Tổng × chủ thể × cả giai đoạn", 74_000,
     [("TT3", 4_000), ("TT4", 25_000), ("TT6", 25_000), ("TT7", 20_000)]),
    ("years_sum", "Tổng × NSTW × cả giai đoạn", 24_250,
     [("2021", 545), ("2022", 3_900), ("2023", 6_600), ("2024", 6_600), ("2025", 6_605)]),
    ("years_sum", "Tổng × NSĐP × cả giai đoạn", 17_500,
     [("2022", 3_900), ("2023", 4_500), ("2024", 4_500), ("2025", 4_600)]),
    ("years_sum", "Tổng × lồng ghép × cả giai đoạn", 19_000,
     [("2021", 3_000), ("2022", 4_000), ("2023", 4_000), ("2024", 4_000), ("2025", 4_000)]),
    ("years_sum", "Tổng × chủ thể × cả giai đoạn", 74_000,
     [("2021", 14_000), ("2022", 15_000), ("2023", 15_000), ("2024", 15_000),
      ("2025", 15_000)]),
    ("sources_sum", "Tổng × mọi nguồn × 2021", 17_545,
     [("NSTW", 545), ("lồng ghép", 3_000), ("chủ thể", 14_000)]),
    ("sources_sum", "Tổng × mọi nguồn × 2022", 26_800,
     [("NSTW", 3_900), ("NSĐP", 3_900), ("lồng ghép", 4_000), ("chủ thể", 15_000)]),
    ("sources_sum", "Tổng × mọi nguồn × 2023", 30_100,
     [("NSTW", 6_600), ("NSĐP", 4_500), ("lồng ghép", 4_000), ("chủ thể", 15_000)]),
    ("sources_sum", "Tổng × mọi nguồn × 2024", 30_100,
     [("NSTW", 6_600), ("NSĐP", 4_500), ("lồng ghép", 4_000), ("chủ thể", 15_000)]),
    ("sources_sum", "Tổng × mọi nguồn × 2025", 30_205,
     [("NSTW", 6_605), ("NSĐP", 4_600), ("lồng ghép", 4_000), ("chủ thể", 15_000)]),
    ("items_sum", f"Tổng × {ALL}", 134_750,
     [("TT1", 1_000), ("TT2", 4_000), ("TT3", 10_000), ("TT4", 55_000), ("TT5", 1_750),
      ("TT6", 39_000), ("TT7", 24_000)]),
    ("sources_sum", f"Tổng × {ALL}", 134_750,
     [("NSTW", 24_250), ("NSĐP", 17_500), ("lồng ghép", 19_000), ("chủ thể", 74_000)]),
    ("years_sum", f"Tổng × {ALL}", 134_750,
     [("2021", 17_545), ("2022", 26_800), ("2023", 30_100), ("2024", 30_100),
      ("2025", 30_205)]),
]  # fmt: skip

T2 = "phu-luc-2 › "
QUARTERS = [("2022", 31_250), ("2023", 31_250), ("2024", 31_250), ("2025", 31_250)]
PL2_HELD: list[tuple[str, str, int, list[tuple[str, int]]]] = [
    ("years_sum", "Tổng × NSNN × cả giai đoạn", 125_000, QUARTERS),
    ("years_sum", "Tổng × NSTW × cả giai đoạn", 100_000,
     [("2022", 25_000), ("2023", 25_000), ("2024", 25_000), ("2025", 25_000)]),
    *[("years_sum", f"Tổng × {s} × cả giai đoạn", 25_000,
       [("2022", 6_250), ("2023", 6_250), ("2024", 6_250), ("2025", 6_250)])
      for s in ("NSĐP", "lồng ghép", "tín dụng")],
    ("years_sum", "Tổng × chủ thể × cả giai đoạn", 100_000,
     [("2022", 25_000), ("2023", 25_000), ("2024", 25_000), ("2025", 25_000)]),
    ("sources_sum", f"Tổng × {ALL}", 275_000,
     [("NSNN", 125_000), ("lồng ghép", 25_000), ("tín dụng", 25_000), ("chủ thể", 100_000)]),
    *[("sub_sources_sum", f"Tổng × NSNN × {y}", 31_250, [("NSTW", 25_000), ("NSĐP", 6_250)])
      for y in ("2022", "2023", "2024", "2025")],
    ("sub_sources_sum", "Tổng × NSNN × cả giai đoạn", 125_000,
     [("NSTW", 100_000), ("NSĐP", 25_000)]),
]  # fmt: skip


def _held(table: str, rows: list[tuple[str, str, int, list[tuple[str, int]]]]) -> list[Any]:
    out = []
    for code, place, total, parts in rows:
        assert sum(v for _, v in parts) == total, place  # the test's own addition
        listing = " + ".join(f"{name} {vi(v)}" for name, v in parts)
        out.append((code, table + place, total * M, f"{vi(total)} = {listing} (triệu đồng)"))
    return out


CLAIM_AT = "Mục V.1 (claim tong-nhu-cau)"
OTHER_PROVEN = [
    ("period", "phu-luc-1 › tiêu đề phụ lục", "2021–2025"),
    ("claim_matches_table", f"{CLAIM_AT} ↔ phu-luc-1 › Tổng", 134_750 * M),
    ("claim_matches_table", f"{CLAIM_AT} ↔ phu-luc-1 › NSTW", 24_250 * M),
    ("claim_matches_table", f"{CLAIM_AT} ↔ phu-luc-1 › NSĐP", 17_500 * M),
    ("claim_matches_table", f"{CLAIM_AT} ↔ phu-luc-1 › chủ thể", 74_000 * M),
]

PL = "phu-luc-1 ↔ phu-luc-2 › "
FINDINGS: list[tuple[str, Severity, str, Any, Any]] = [
    # The prose against appendix 1: only "lồng ghép" differs (19,000 in the table).
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-1 › lồng ghép", 19_000 * M, 14_000 * M),
    # The prose against appendix 2: every figure differs.
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-2 › Tổng", 275_000 * M, 134_750 * M),
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-2 › NSTW", 100_000 * M, 24_250 * M),
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-2 › NSĐP", 25_000 * M, 17_500 * M),
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-2 › lồng ghép", 25_000 * M, 14_000 * M),
    ("claim_mismatch", ERROR, f"{CLAIM_AT} ↔ phu-luc-2 › chủ thể", 100_000 * M, 74_000 * M),
    # The two appendices: the grand total and each source they share.
    ("tables_disagree", ERROR, f"{PL}Tổng", 134_750 * M, 275_000 * M),
    ("tables_disagree", ERROR, f"{PL}NSTW", 24_250 * M, 100_000 * M),
    ("tables_disagree", ERROR, f"{PL}NSĐP", 17_500 * M, 25_000 * M),
    ("tables_disagree", ERROR, f"{PL}lồng ghép", 19_000 * M, 25_000 * M),
    ("tables_disagree", ERROR, f"{PL}chủ thể", 74_000 * M, 100_000 * M),
    # Headers that claim other years than the table gives.
    ("period_mismatch", WARNING, "phu-luc-1 › tiêu đề cột kinh phí", "2022–2025", "2021–2025"),
    ("period_mismatch", WARNING, "phu-luc-2 › tiêu đề phụ lục", "2021–2025", "2022–2025"),
    ("period_mismatch", WARNING, "phu-luc-2 › tiêu đề cột tổng", "2021–2025", "2022–2025"),
    # "trong đó": 129,750 of 134,750 has a source.
    ("claim_parts_short", WARNING, CLAIM_AT, 129_750 * M, 134_750 * M),
    ("years_short_of_plan", INFO, "phu-luc-2", "2021–2025", "2022–2025"),
    ("source_in_one_table", INFO, f"{PL}tín dụng", None, 25_000 * M),
]


def _report() -> Any:
    return check_budget(budget(), period=(2021, 2025))


def test_check_budget_reports_exactly_these_findings() -> None:
    report = _report()
    found = [(f.code, f.severity, f.location, f.expected, f.actual) for f in report.findings]
    assert Counter(found) == Counter(FINDINGS)
    assert len(found) == len(FINDINGS)
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)  # most serious first
    assert not report.reconciled


def test_appendix_1_reconciles_and_every_total_is_proven_with_its_cells() -> None:
    report = _report()
    first = report.reconciliations[0]
    assert first.table.id == "phu-luc-1" and first.reconciled and first.findings == ()
    assert first.checked == first.held == len(PL1_HELD) == 23
    proven = [(p.code, p.location, p.value, p.message_vi) for p in first.proven()]
    assert Counter(proven) == Counter(_held(T1, PL1_HELD))


def test_appendix_2_reconciles_on_its_own() -> None:
    second = _report().reconciliations[1]
    assert second.table.id == "phu-luc-2" and second.reconciled
    assert second.checked == second.held == len(PL2_HELD) == 12
    proven = [(p.code, p.location, p.value, p.message_vi) for p in second.proven()]
    assert Counter(proven) == Counter(_held(T2, PL2_HELD))


def test_check_budget_proves_exactly_these_totals() -> None:
    proven = [(p.code, p.location, p.value) for p in _report().proven]
    expected = [h[:3] for h in _held(T1, PL1_HELD) + _held(T2, PL2_HELD)] + OTHER_PROVEN
    assert Counter(proven) == Counter(expected)


def test_the_messages_show_the_figures_the_vietnamese_way() -> None:
    by_place = {f.location: f for f in _report().findings}
    nstw = by_place[f"{PL}NSTW"]
    assert nstw.message_vi == (
        "Hai bảng ghi khác nhau cho NSTW (phu-luc-1 trước, phu-luc-2 sau): "
        "cả giai đoạn: 24.250 triệu đồng ≠ 100.000 triệu đồng; "
        "2022: 3.900 triệu đồng ≠ 25.000 triệu đồng; "
        "2023: 6.600 triệu đồng ≠ 25.000 triệu đồng; "
        "2024: 6.600 triệu đồng ≠ 25.000 triệu đồng; "
        "2025: 6.605 triệu đồng ≠ 25.000 triệu đồng"
    )
    short = by_place[CLAIM_AT]
    assert "134.750" in short.message_vi and "129.750" in short.message_vi
    assert "5.000" in short.message_vi and short.quote == CLAIM
    pooled = by_place[f"{CLAIM_AT} ↔ phu-luc-1 › lồng ghép"]
    assert "14.000" in pooled.message_vi and "19.000" in pooled.message_vi


def test_the_english_messages_name_the_groups_in_english() -> None:
    # Locations keep the document's names; an English sentence names them in English.
    by_place = {f.location: f for f in _report().findings}
    assert by_place[f"{PL}NSTW"].message_en.startswith(
        "The tables differ for central budget (phu-luc-1 first, phu-luc-2 second): "
        "whole period: 24,250 million VND ≠ 100,000 million VND; 2022: 3,900 million VND"
    )
    assert by_place[f"{PL}Tổng"].message_en.startswith("The tables differ for the total ")
    pooled = by_place[f"{CLAIM_AT} ↔ phu-luc-2 › chủ thể"]
    assert pooled.message_en.startswith("Mục V.1 gives OCOP subjects' own funds as 74,000")
    assert not any("cả giai đoạn" in f.message_en for f in _report().findings)


def _at_a_target(location: str, targets: set[str]) -> bool:
    return location.split(" › ")[1].split(" (")[0] in targets


def test_plans_check_reports_the_same_with_the_plan_in_front() -> None:
    plan = catalog.plan(PLAN)
    targets = {t.id for t in plan.all_targets()}
    report = check(plan)
    prefix = f"{PLAN} › "
    budget_findings = [
        (f.code, f.severity, f.location, f.expected, f.actual)
        for f in report.findings
        if not _at_a_target(f.location, targets) or f.code.startswith("budget_")
    ]
    assert Counter(budget_findings) == Counter(
        (code, sev, prefix + where, exp, act) for code, sev, where, exp, act in FINDINGS
    )
    budget_proven = [
        (p.code, p.location, p.value)
        for p in report.proven
        if not _at_a_target(p.location, targets) or p.code.startswith("budget_")
    ]
    products = f"{prefix}products (Mục II.2, gạch đầu dòng 1)"
    expected = [h[:3] for h in _held(T1, PL1_HELD) + _held(T2, PL2_HELD)] + OTHER_PROVEN
    # Items 1, 4 and 5 of appendix 1 count 250 products ("Sản phẩm"): the target is ≥ 250.
    assert Counter(budget_proven) == Counter(
        [(code, prefix + where, value) for code, where, value in expected]
        + [("budget_quantity", products, 250)] * 3
    )
    quantities = [p.message_en for p in report.proven if p.code == "budget_quantity"]
    assert quantities == [
        "phu-luc-1 › 1. Đánh giá phân hạng sản phẩm các cấp funds 250 products",
        "phu-luc-1 › 4. Hỗ trợ phát triển sản phẩm funds 250 products",
        "phu-luc-1 › 5. Thưởng sản phẩm đạt sao funds 250 products",
    ]
