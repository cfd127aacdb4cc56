"""ocop.read: figures read from prose, what is never a figure, and the seeds' contradictions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ocop.errors import OcopError
from ocop.figures import Hedge
from ocop.read import Stance, read_text
from ocop.reports import check_document

PLANS = Path(__file__).parent / "data" / "plans"
DAY = date(2024, 1, 1)


def claims(text: str) -> list[tuple[str, str, tuple[Decimal, ...], str]]:
    reading = read_text(text, issued_on=DAY)
    return [(c.figure.hedge.value, c.unit, c.figure.values, str(c.stars)) for c in reading.claims]


def codes(name: str) -> list[str]:
    reading = read_text((PLANS / f"{name}.txt").read_text(encoding="utf-8"))
    assert reading.document is not None
    return [f.code for f in check_document(reading.document).findings]


# --- done when: the seeds' contradictions, from the text alone --------------------------------


def test_the_2018_scheme_138_products_against_parts_making_132() -> None:
    reading = read_text((PLANS / "kon-tum-1392-2018.txt").read_text(encoding="utf-8"))
    assert reading.document is not None
    found = check_document(reading.document).findings
    mismatch = [f for f in found if f.code == "sum_mismatch"]
    assert len(mismatch) == 1
    assert "132" in mismatch[0].message_vi and "138" in mismatch[0].message_vi
    quote = mismatch[0].quote
    assert quote is not None and "Quy hoạch phát triển 138 sản phẩm" in quote


def test_the_2021_2025_funding_sentence_parts_make_129_750_not_134_750() -> None:
    reading = read_text((PLANS / "kon-tum-908-2023.txt").read_text(encoding="utf-8"))
    assert reading.locale is not None and reading.locale.value == "vi"
    assert reading.document is not None
    found = [f for f in check_document(reading.document).findings if f.code == "sum_mismatch"]
    assert len(found) == 1
    assert "129.750 triệu đồng" in found[0].message_vi
    assert "134.750 triệu đồng" in found[0].message_vi
    assert found[0].quote is not None and found[0].quote.startswith("- Tổng nhu cầu kinh phí")


def test_the_2024_plan_at_least_50_with_7_5_38_raises_no_error() -> None:
    reading = read_text((PLANS / "kon-tum-718-2024.txt").read_text(encoding="utf-8"))
    assert reading.document is not None
    fifty = next(n for n in reading.totals if n.claim.figure.values == (Decimal(50),) and n.parts)
    assert fifty.claim.figure.hedge is Hedge.AT_LEAST
    assert [p.claim.figure.values[0] for p in fifty.parts] == [7, 5, 38]
    errors = [f for f in check_document(reading.document).findings if f.severity.value == "error"]
    assert errors == []


@pytest.mark.parametrize("name", sorted(p.stem for p in PLANS.glob("*.txt")))
def test_every_seed_is_read_and_checked_without_a_crash(name: str) -> None:
    assert isinstance(codes(name), list)


@pytest.mark.parametrize("name", ["ninh-thuan-2025", "quang-ngai-69-2024", "kon-tum-718-2024"])
def test_seeds_whose_prose_holds_raise_no_error(name: str) -> None:
    reading = read_text((PLANS / f"{name}.txt").read_text(encoding="utf-8"))
    assert reading.document is not None
    found = check_document(reading.document).findings
    assert [f for f in found if f.severity.value == "error"] == []


# --- what is read ----------------------------------------------------------------------------


def test_hedges_ranges_and_stars() -> None:
    assert claims("Phấn đấu có ít nhất 250 sản phẩm OCOP đạt từ 3 sao trở lên.") == [
        ("at_least", "sản phẩm", (Decimal(250),), "3★–5★")
    ]
    assert claims("Có 1-2 sản phẩm đạt 3-4 sao; hơn 5.130 tỷ đồng; gần 8,4 tỷ đồng.") == [
        ("range", "sản phẩm", (Decimal(1), Decimal(2)), "3★–4★"),
        ("more_than", "tỷ đồng", (Decimal(5130),), "None"),
        ("nearly", "tỷ đồng", (Decimal("8.4"),), "None"),
    ]
    assert claims("khoảng 50% chủ thể; không quá 5 triệu đồng/sản phẩm; dưới 10 hộ") == [
        ("about", "%", (Decimal(50),), "None"),
        ("at_most", "triệu đồng/sản phẩm", (Decimal(5),), "None"),
        ("less_than", "hộ", (Decimal(10),), "None"),
    ]
    assert claims("07 sản phẩm tiềm năng 5 sao và hai sản phẩm 4 sao") == [
        ("exact", "sản phẩm", (Decimal(7),), "None"),
        ("exact", "sản phẩm", (Decimal(2),), "4★"),
    ]


def test_references_dates_and_document_numbers_are_never_figures() -> None:
    text = (
        "Theo Mục II.2, Điều 3, khoản 2 và Phụ lục 1 của Kế hoạch 718/KH-UBND ngày 12/12/2018 "
        "(Quyết định số 919/QĐ-TTg), giai đoạn 2021-2025, năm 2024, lần 2, 2.1.3 sản phẩm."
    )
    assert claims(text) == []


def test_target_and_result_are_told_apart() -> None:
    reading = read_text(
        "Ngày 1/6/2024. Đến nay toàn tỉnh đã có 87 sản phẩm OCOP. Phấn đấu đến năm 2025 có "
        "100 sản phẩm OCOP.",
    )
    assert [(c.stance, c.years) for c in reading.claims] == [
        (Stance.RESULT, None),
        (Stance.TARGET, (2025, 2025)),
    ]


def test_a_share_in_parentheses_belongs_to_its_figure() -> None:
    sentence = "Tổng kinh phí 612,450 tỷ đồng, trong đó ngân sách nhà nước 152,730 tỷ đồng (35%)."
    alone = read_text(f"Ngày 1/6/2021. {sentence}")
    assert [n.reason for n in alone.not_read if n.reason == "convention"] == ["convention"] * 2
    # "122,5" can only be read one way: the document writes numbers in vi.
    reading = read_text(f"Ngày 1/6/2021. {sentence} Mỗi năm khoảng 122,5 tỷ đồng.")
    assert reading.locale is not None and reading.locale.value == "vi"
    assert reading.document is not None
    assert [f.code for f in check_document(reading.document).findings] == ["share_mismatch"]


def test_an_undecidable_convention_is_not_read_and_says_so() -> None:
    reading = read_text("Ngày 1/3/2023. Tổng tiền thưởng là 1,020 tỷ đồng.")
    assert reading.claims == ()
    assert [(n.text, n.reason) for n in reading.not_read] == [("1,020", "convention")]
    assert [f.code for f in reading.findings] == ["figure_not_read"]
    assert reading.document is None


def test_a_remainder_and_a_whole_split() -> None:
    reading = read_text(
        "Ngày 1/6/2021. Tổng kinh phí hơn 4,6 tỷ đồng, trong đó ngân sách tỉnh 3,1 tỷ đồng, còn "
        "lại là vốn của các chủ thể. Có 44 sản phẩm, gồm 07 sản phẩm 4 sao, 37 sản phẩm 3 sao."
    )
    assert reading.document is not None
    result = check_document(reading.document)
    assert result.findings == ()
    assert {p.code for p in result.proven} >= {"remainder", "parts_sum"}


def test_counts_named_differently_are_not_the_same_quantity_stated_twice() -> None:
    reading = read_text(
        "Ngày 1/6/2024. Đến nay toàn tỉnh đã có 87 sản phẩm OCOP. Huyện Đăk Hà đã có 20 sản "
        "phẩm OCOP. Thành phố Kon Tum đã có 31 sản phẩm OCOP."
    )
    assert reading.document is not None
    assert check_document(reading.document).findings == ()


# --- hostile text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1." * 100_000,
        "1,1" * 70_000 + "x",
        "(" * 50_000 + "5 sản phẩm" + ")" * 50_000,
        "ít nhất " * 20_000 + "5 sản phẩm",
        "- 5 sản phẩm\n" * 5_000,
        "3 sao " * 30_000,
        "trong đó 5 sản phẩm, " * 5_000,
    ],
)
def test_pathological_text_is_read_in_bounded_time_or_refused(text: str) -> None:
    # Each takes seconds at most, linear in the text (a backtracking regex would never finish);
    # the answer is a reading or a one-line refusal, never another exception.
    try:
        reading = read_text(text, issued_on=DAY)
    except OcopError as err:
        assert err.code and "\n" not in err.message
    else:
        assert all(c.span[0] < c.span[1] <= len(text) for c in reading.claims)


@pytest.mark.parametrize("text", ["", "   \n", "abc\x00def", 42, b"bytes"])
def test_empty_binary_or_non_text_is_refused(text: object) -> None:
    with pytest.raises(OcopError):
        read_text(text, issued_on=DAY)  # type: ignore[arg-type]
