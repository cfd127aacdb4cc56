"""What the held-out set (tests/data/gold/held_out.json) showed the reader did not know.

Each test is one general rule (docs/decisions/reading.md), with words of the held-out
sentences and words of other provinces, so that no rule is one sentence's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ocop.read import read_text

DAY = date(2024, 1, 1)


def claims(text: str) -> list[tuple[str, str, tuple[Decimal, ...], str]]:
    reading = read_text(text, issued_on=DAY)
    return [(c.figure.hedge.value, c.unit, c.figure.values, str(c.stars)) for c in reading.claims]


def test_a_remainder_that_prints_its_figure_is_that_figure() -> None:
    # Raised InvalidInput ("a remainder figure takes 0 numbers") before.
    assert claims("Trong đó có 1 sản phẩm 5 sao, còn lại 331 sản phẩm đạt từ 3 sao trở lên.") == [
        ("exact", "sản phẩm", (Decimal(1),), "5★"),
        ("exact", "sản phẩm", (Decimal(331),), "3★–5★"),
    ]
    reading = read_text(
        "Tổng kinh phí hơn 50 tỷ đồng, trong đó ngân sách TW hơn 20 tỷ đồng, "
        "còn lại 30 tỷ đồng là vốn huy động từ chủ thể.",
        issued_on=DAY,
    )
    assert [str(p.claim.figure) for p in reading.totals[0].parts] == [
        "hơn 20 tỷ đồng",
        "còn lại 30 tỷ đồng",
    ]


def test_total_number_and_the_verbs_to_rank_are_no_references() -> None:
    assert claims("Đã đánh giá, phân hạng được tổng số 79 sản phẩm.") == [
        ("exact", "sản phẩm", (Decimal(79),), "None")
    ]
    assert claims("Kết quả đến cuối năm 2020, toàn tỉnh đã đánh giá, phân hạng 62 sản phẩm.") == [
        ("exact", "sản phẩm", (Decimal(62),), "None")
    ]
    assert claims("Hội đồng xếp hạng 4 sản phẩm; nâng hạng 1 sản phẩm.") == [
        ("exact", "sản phẩm", (Decimal(4),), "None"),
        ("exact", "sản phẩm", (Decimal(1),), "None"),
    ]
    # Still references: a document number, a rank, a decision.
    assert claims("Theo Quyết định số 2053, hạng 3 có 5 sản phẩm; số 12 sản phẩm là mẫu.") == [
        ("exact", "sản phẩm", (Decimal(5),), "None")
    ]


def test_the_programmes_own_nouns_are_counted() -> None:
    assert claims(
        "Có ít nhất 60 tổ chức kinh tế tham gia; 102 ý tưởng sản phẩm; 1 trung tâm trưng bày; "
        "tổ chức 6 lớp tập huấn."
    ) == [
        ("at_least", "tổ chức kinh tế", (Decimal(60),), "None"),
        ("exact", "ý tưởng sản phẩm", (Decimal(102),), "None"),
        ("exact", "trung tâm", (Decimal(1),), "None"),
        ("exact", "lớp tập huấn", (Decimal(6),), "None"),
    ]


def test_a_share_after_the_figures_noun_is_its_share() -> None:
    reading = read_text(
        "Có 135 sản phẩm OCOP thuộc ngành thực phẩm (92,4%); 92 sản phẩm thuộc nhóm đồ uống, "
        "chiếm gần 93%; 249 tổ hợp tác, hộ kinh doanh (48,3%); 334 sản phẩm, chiếm 2,4% cả nước.",
        issued_on=DAY,
    )
    assert [(int(c.figure.values[0]), str(c.share)) for c in reading.claims] == [
        (135, "92,4%"),
        (92, "gần 93%"),
        (249, "48,3%"),
        (334, "2,4%"),
    ]
    listed = read_text(
        "+ Có 35 doanh nghiệp (Công ty TNHH, Công ty cổ phần), chiếm 43,8%.", issued_on=DAY
    )
    assert [(c.unit, str(c.share)) for c in listed.claims] == [("doanh nghiệp", "43,8%")]
    # A percentage with no figure before it, or after "trong đó", stays a claim of its own.
    assert [
        c.unit
        for c in read_text(
            "Toàn tỉnh có 87 sản phẩm, trong đó nhóm thực phẩm chiếm khoảng 80%.", issued_on=DAY
        ).claims
    ] == ["sản phẩm", "%"]
    assert [
        c.unit
        for c in read_text(
            "Cơ cấu đa dạng, nhóm thực phẩm chiếm khoảng 80%, đồ uống chiếm 9,3%.", issued_on=DAY
        ).claims
    ] == ["%", "%"]


def test_dots_before_three_digits_of_an_amount_decide_the_vietnamese_notation() -> None:
    # Every such amount in the real text the project holds is thousands: 134.750, 14.000,
    # 24.250 triệu đồng (Kon Tum), 3.415 tỷ đồng (An Giang), 5.130 tỷ (docs/documents.md).
    reading = read_text("Năm nay tỉnh sẽ đầu tư khoảng 3.415 tỷ đồng.", issued_on=DAY)
    assert reading.locale is not None and reading.locale.value == "vi"
    assert [str(c.figure.values[0]) for c in reading.claims] == ["3415"]
    reading = read_text("Tổng kinh phí 50.000 triệu đồng, bình quân 1,020 tỷ đồng.", issued_on=DAY)
    assert [str(c.figure.values[0]) for c in reading.claims] == ["50000", "1.020"]
    # A count, a comma or a rate decides nothing: "1,020 tỷ" alone is still not read.
    for text in ("Có 5.361 chủ thể và 1,020 tỷ đồng.", "Hỗ trợ 1.500 đồng/kg và 1,020 tỷ đồng."):
        reading = read_text(text, issued_on=DAY)
        assert reading.locale is None and reading.claims == ()
        assert [n.reason for n in reading.not_read] == ["convention", "convention"]
    # Evidence both ways still decides nothing.
    assert read_text("Có 50.000 triệu đồng và 1,234.5 tỷ đồng.", issued_on=DAY).locale is None


def test_a_title_in_capitals_ends_where_the_prose_under_it_starts() -> None:
    reading = read_text(
        "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH OCOP GIAI\nĐOẠN 2021-2025\n"
        "Toàn tỉnh có 50 sản phẩm OCOP, trong đó\nKon Tum có 20 sản phẩm.",
        issued_on=DAY,
    )
    assert [s.text for s in reading.sentences] == [
        "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH OCOP GIAI\nĐOẠN 2021-2025",
        "Toàn tỉnh có 50 sản phẩm OCOP, trong đó\nKon Tum có 20 sản phẩm.",  # a proper noun
    ]
    assert {c.sentence for c in reading.claims} == {1}


def test_an_amount_paid_per_product_of_a_star_rank_has_that_rank() -> None:
    assert claims(
        "Hỗ trợ 50 triệu đồng/sản phẩm đạt 3 sao, 150 triệu đồng/sản phẩm đạt 4 sao; "
        "tổng 200 triệu đồng cho các sản phẩm 3 sao."
    ) == [
        ("exact", "triệu đồng/sản phẩm", (Decimal(50),), "3★"),
        ("exact", "triệu đồng/sản phẩm", (Decimal(150),), "4★"),
        ("exact", "triệu đồng", (Decimal(200),), "None"),  # an amount, not per product
    ]


def test_a_range_that_prints_its_unit_at_both_ends() -> None:
    assert claims("Mỗi chủ thể được hỗ trợ từ 5 triệu đồng đến gần 130 triệu đồng.") == [
        ("range", "triệu đồng", (Decimal(5), Decimal(130)), "None")
    ]
    assert claims("Phấn đấu có từ 20 sản phẩm đến 30 sản phẩm đạt 4 sao.") == [
        ("range", "sản phẩm", (Decimal(20), Decimal(30)), "4★")
    ]
    # Not after "từ", or two different units: two figures.
    assert [c[1] for c in claims("Hỗ trợ 5 triệu đồng đến 130 triệu đồng.")] == ["triệu đồng"] * 2
    assert [c[1] for c in claims("Có từ 5 sản phẩm đến 10 chủ thể.")] == ["sản phẩm", "chủ thể"]


# --- what the fresh set (tests/data/gold/fresh.json) showed, after held_out.json's fixes ----


def test_among_and_to_score_are_no_references() -> None:
    assert claims("Trong số 11 sản phẩm, có 1 sản phẩm đạt hạng 4 sao.") == [
        ("exact", "sản phẩm", (Decimal(11),), "None"),
        ("exact", "sản phẩm", (Decimal(1),), "4★"),
    ]
    assert claims("Hội đồng đã chấm điểm 3 sản phẩm; điểm 5 là mức cao.") == [
        ("exact", "sản phẩm", (Decimal(3),), "None")
    ]


def test_a_star_rank_printed_before_its_figure() -> None:
    assert claims(
        "Sản phẩm đạt hạng 4 sao có 1 sản phẩm, sản phẩm đạt hạng 3 sao có 10 sản phẩm."
    ) == [
        ("exact", "sản phẩm", (Decimal(1),), "4★"),
        ("exact", "sản phẩm", (Decimal(10),), "3★"),
    ]


def test_the_owners_count_does_not_hide_the_products_rank() -> None:
    assert claims("Có khoảng 440 sản phẩm của gần 150 chủ thể được xếp hạng từ 3 sao trở lên.") == [
        ("about", "sản phẩm", (Decimal(440),), "3★–5★"),
        ("nearly", "chủ thể", (Decimal(150),), "None"),
    ]
    # Another count after "của" is a figure of its own, and ends the tail as before.
    assert claims("Có 8 sản phẩm của 3 huyện và 5 sản phẩm 4 sao.") == [
        ("exact", "sản phẩm", (Decimal(8),), "None"),
        ("exact", "huyện", (Decimal(3),), "None"),
        ("exact", "sản phẩm", (Decimal(5),), "4★"),
    ]


def test_companies_and_organisations_are_counted() -> None:
    assert claims("Của 13 hộ kinh doanh, 5 công ty; nâng cấp 40-50 tổ chức.") == [
        ("exact", "hộ", (Decimal(13),), "None"),
        ("exact", "công ty", (Decimal(5),), "None"),
        ("range", "tổ chức", (Decimal(40), Decimal(50)), "None"),
    ]


# --- what fresh2.json showed, after fresh.json's fixes ------------------------------------------


def test_a_rank_raised_for_the_products_after_it() -> None:
    assert claims("Phê duyệt nâng hạng từ 3 sao lên 4 sao đối với 3 sản phẩm (miếng rửa bát).") == [
        ("exact", "sản phẩm", (Decimal(3),), "4★")
    ]


def test_a_total_whose_noun_is_printed_before_it() -> None:
    assert claims("Chuẩn hóa thêm 160 sản phẩm, với tổng số sản phẩm đến năm 2030 là 210.") == [
        ("exact", "sản phẩm", (Decimal(160),), "None"),
        ("exact", "sản phẩm", (Decimal(210),), "None"),
    ]
    # A number after "là" with no "tổng số …" before it is still no claim; nor a group count,
    # whose "06 nhóm" would be taken for a part of the 138 products of Kon Tum's scheme.
    assert claims("Mục tiêu là 210; có 06 nhóm sản phẩm.") == []


# --- what fresh3.json showed, after fresh2.json's fixes -----------------------------------------


def test_a_rank_competed_or_proposed_for_is_not_yet_the_products() -> None:
    assert claims(
        "Hỗ trợ 3 - 4 sản phẩm OCOP tham gia dự thi đánh giá xếp hạng 5 sao; hoàn chỉnh hồ sơ "
        "cho 8 sản phẩm gửi Hội đồng Trung ương xét chuẩn 5 sao; 4 sản phẩm đạt chuẩn 5 sao."
    ) == [
        ("range", "sản phẩm", (Decimal(3), Decimal(4)), "None"),
        ("exact", "sản phẩm", (Decimal(8),), "None"),
        ("exact", "sản phẩm", (Decimal(4),), "5★"),
    ]


def test_localities_are_counted() -> None:
    assert claims("Có 29 sản phẩm của 15 chủ thể thuộc 04 địa phương.") == [
        ("exact", "sản phẩm", (Decimal(29),), "None"),
        ("exact", "chủ thể", (Decimal(15),), "None"),
        ("exact", "địa phương", (Decimal(4),), "None"),
    ]
