"""Real sentences of provincial OCOP documents, written as documents of sections, checked.

From the five seed plans (tests/data/plans/*.txt hold their copies) and the
statements quoted in issues 17 and 18; each is typed as printed, hedges and
all, and gives the answer a careful reader would.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ocop.findings import Severity
from ocop.reports import Document, check_document


def checked(province: str, *quantities: dict[str, Any]) -> list[tuple[str, str]]:
    doc = Document.model_validate(
        {
            "id": "doc",
            "title": "Văn bản",
            "kind": "plan",
            "province": province,
            "issued_on": date(2024, 3, 2),
            "sections": [{"id": "s", "kind": "plan", "quantities": list(quantities)}],
        }
    )
    return [(f.code, f.severity.value) for f in check_document(doc).findings]


def stars(low: int, high: int) -> dict[str, int]:
    return {"min": low, "max": high}


def test_kon_tum_2024_at_least_50_by_star_holds() -> None:
    # "Có thêm ít nhất 50 sản phẩm đạt từ 3 sao trở lên (07 sản phẩm tiềm năng 5 sao,
    # 05 sản phẩm 4 sao và 38 sản phẩm 3 sao)" (Kế hoạch 718/KH-UBND).
    assert (
        checked(
            "Kon Tum",
            {
                "id": "moi",
                "what": "sản phẩm OCOP mới",
                "unit": "sản phẩm",
                "figure": {"at_least": 50},
                "stars": stars(3, 5),
                "parts": [
                    {"id": "5", "stars": stars(5, 5), "figure": 7},
                    {"id": "4", "stars": stars(4, 4), "figure": 5},
                    {"id": "3", "stars": stars(3, 3), "figure": 38},
                ],
            },
        )
        == []
    )


def test_kon_tum_2018_planned_products_by_group_do_not_add_up() -> None:
    # "Quy hoạch phát triển 138 sản phẩm theo 06 nhóm/ngành hàng … (gồm 108 sản phẩm nông
    # lâm, thủy sản, dược liệu; 10 sản phẩm phi nông nghiệp …và 14 sản phẩm du lịch)": 132.
    found = checked(
        "Kon Tum",
        {
            "id": "quy-hoach",
            "what": "sản phẩm quy hoạch",
            "unit": "sản phẩm",
            "figure": 138,
            "period": {"start": 2018, "end": 2030},
            "parts_complete": True,
            "parts": [
                {"id": "nong-lam", "group": "nông lâm, thủy sản, dược liệu", "figure": 108},
                {"id": "phi-nong-nghiep", "group": "phi nông nghiệp", "figure": 10},
                {"id": "du-lich", "group": "du lịch", "figure": 14},
            ],
        },
    )
    assert found == [("sum_mismatch", Severity.ERROR.value)]


def test_quang_ngai_and_ninh_thuan_ranges_fit_their_totals() -> None:
    # "thêm 70 sản phẩm đạt OCOP từ 3-5 sao (trong đó 4-6 sản phẩm … 4 sao, có 1-2 sản phẩm
    # có tiềm năng đạt OCOP 5 sao)" (Kế hoạch 69/KH-UBND, Quảng Ngãi).
    assert (
        checked(
            "Quảng Ngãi",
            {
                "id": "moi",
                "what": "sản phẩm OCOP mới",
                "unit": "sản phẩm",
                "figure": 70,
                "stars": stars(3, 5),
                "parts": [
                    {"id": "4", "stars": stars(4, 4), "figure": {"range": [4, 6]}},
                    {"id": "5", "stars": stars(5, 5), "figure": {"range": [1, 2]}},
                ],
            },
        )
        == []
    )
    # "phấn đấu có 20-30 sản phẩm mới đạt chứng nhận OCOP, trong đó có thêm 2-5 sản phẩm đạt
    # 4 sao; 1-2 sản phẩm chăn nuôi đạt chuẩn OCOP từ 3-4 sao" (Ninh Thuận 2025): the two
    # parts may overlap (a livestock product may be a 4★ one), so each fits on its own.
    assert (
        checked(
            "Ninh Thuận",
            {
                "id": "moi",
                "what": "sản phẩm OCOP mới",
                "unit": "sản phẩm",
                "figure": {"range": [20, 30]},
                "parts": [
                    {"id": "4", "stars": stars(4, 4), "figure": {"range": [2, 5]}},
                    {
                        "id": "chan-nuoi",
                        "group": "chăn nuôi",
                        "stars": stars(3, 4),
                        "figure": {"range": [1, 2]},
                    },
                ],
            },
        )
        == []
    )


def test_kon_tum_2021_2025_funding_sentence_as_a_whole_does_not_add_up() -> None:
    # "Tổng nhu cầu kinh phí … là 134.750 triệu đồng, trong đó: Ngân sách Trung ương … 24.250
    # triệu đồng, ngân sách địa phương … 17.500 …, vốn lồng ghép … 14.000 … và vốn doanh
    # nghiệp, chủ thể … 74.000 triệu đồng": four sources that are the whole make 129.750.
    parts = [
        ("central_budget", 24_250),
        ("local_budget", 17_500),
        ("pooled", 14_000),
        ("subjects", 74_000),
    ]
    quantity = {
        "id": "kinh-phi",
        "what": "kinh phí",
        "unit": "triệu đồng",
        "figure": 134_750,
        "parts": [{"id": s, "source": s, "figure": v} for s, v in parts],
    }
    # As "trong đó" (some of the whole), the parts fit: the catalogue reports a warning for
    # the 5.000 without a source (ocop.budget); read as the whole, it is an error.
    assert checked("Kon Tum", quantity) == []
    assert checked("Kon Tum", {**quantity, "parts_complete": True}) == [
        ("sum_mismatch", Severity.ERROR.value)
    ]


def test_issue_17_news_figures() -> None:
    # "doanh thu hơn 5.130 tỷ đồng" in one section, "gần 5.200 tỷ" in another of the same
    # document, area and year: the two can both be right.
    one = {
        "id": "doanh-thu",
        "what": "doanh thu sản phẩm OCOP",
        "unit": "tỷ đồng",
        "year": 2023,
        "figure": {"more_than": 5130, "words": "hơn 5.130 tỷ đồng"},
        "where": "Mục I",
    }
    two = {**one, "id": "doanh-thu-2", "figure": {"nearly": 5200}, "where": "Mục II"}
    assert checked("Hà Tĩnh", one, two) == [("stated_twice_undecided", Severity.INFO.value)]
    # "không quá 5 triệu đồng/sản phẩm" for 12 products against a budget line of 50 triệu.
    rate = {
        "id": "ho-tro",
        "what": "kinh phí hỗ trợ",
        "unit": "triệu đồng",
        "figure": 50,
        "rate": {"count": 12, "each": {"at_most": 5}, "unit": "triệu đồng"},
    }
    assert checked("Hà Tĩnh", rate) == [("rate_undecided", Severity.INFO.value)]
    assert checked("Hà Tĩnh", {**rate, "figure": 70}) == [("rate_mismatch", Severity.ERROR.value)]
    # "từ 3-4 sản phẩm" against "ít nhất 5": cannot be.
    bound = {
        "id": "sp",
        "what": "sản phẩm",
        "unit": "sản phẩm",
        "figure": {"at_least": 5},
        "parts_complete": True,
        "parts": [{"id": "a", "figure": {"range": [3, 4]}}],
    }
    assert checked("Hà Tĩnh", bound) == [("sum_mismatch", Severity.ERROR.value)]
    # "khoảng 50%" of subjects are cooperatives: 31 of 53 is 58,5%, beyond "khoảng".
    share = {
        "id": "chu-the",
        "what": "chủ thể OCOP",
        "unit": "chủ thể",
        "figure": 53,
        "parts": [
            {"id": "htx", "subject_kind": "cooperative", "figure": 31, "share": {"about": 50}}
        ],
    }
    assert checked("Hà Tĩnh", share) == [("share_mismatch", Severity.ERROR.value)]
    share["parts"][0]["share"] = {"about": Decimal(55)}  # type: ignore[index]
    assert checked("Hà Tĩnh", share) == []


def test_ha_tinh_scheme_shares_are_wrong_against_nearly_484() -> None:
    # baohatinh.vn: "Hà Tĩnh dự kiến chi gần 484 tỷ đồng …  Trong tổng nguồn kinh phí này,
    # ngân sách Nhà nước: 105,982 tỷ đồng (30%); vốn doanh nghiệp, cơ sở sản xuất và xã hội
    # hóa: 377,880 tỷ đồng (70%)."  The amounts make 483,862 (fits "gần 484"), but they are
    # 21.9% and 78.1% of it: both printed shares are wrong.
    found = checked(
        "Hà Tĩnh",
        {
            "id": "kinh-phi",
            "what": "kinh phí",
            "unit": "tỷ đồng",
            "figure": {"nearly": 484, "words": "gần 484 tỷ đồng"},
            "parts_complete": True,
            "parts": [
                {"id": "nsnn", "source": "ngân sách nhà nước", "figure": 105.982, "share": 30},
                {"id": "dn", "source": "subjects", "figure": 377.880, "share": 70},
            ],
        },
    )
    assert found == [("share_mismatch", "error"), ("share_mismatch", "error")]


def test_parts_printed_as_shares_alone_are_that_share_of_their_total() -> None:
    # National figures 2018-2023 (baotintuc): "5.361 chủ thể OCOP; trong đó, có 38,1% là hợp
    # tác xã, 24,2% là doanh nghiệp, 34,9% là cơ sở sản xuất/hộ kinh doanh, còn lại là tổ hợp
    # tác."  The shares leave 2,8% for the remainder: it holds, with no warning.
    subjects = {
        "id": "chu-the",
        "what": "chủ thể OCOP",
        "unit": "chủ thể",
        "figure": 5361,
        "parts": [
            {"id": "htx", "subject_kind": "cooperative", "share": 38.1},
            {"id": "dn", "subject_kind": "sme", "share": 24.2},
            {"id": "ho", "subject_kind": "household", "share": 34.9},
            {"id": "tht", "figure": {"remainder": True, "words": "còn lại là tổ hợp tác"}},
        ],
    }
    assert checked("Kon Tum", subjects) == []
    # "10.322 sản phẩm OCOP đạt 3 sao trở lên; trong đó, có 67,3% sản phẩm 3 sao, 31,2% sản
    # phẩm 4 sao … và 42 sản phẩm 5 sao", typed without its 0,8%: parts by star that cover
    # 3-5 stars must add up, and these cannot (at most 10.219 of 10.322).
    products = {
        "id": "san-pham",
        "what": "sản phẩm OCOP",
        "unit": "sản phẩm",
        "figure": 10322,
        "stars": stars(3, 5),
        "parts": [
            {"id": "3", "stars": stars(3, 3), "share": 67.3},
            {"id": "4", "stars": stars(4, 4), "share": 31.2},
            {"id": "5", "stars": stars(5, 5), "figure": 42},
        ],
    }
    assert checked("Kon Tum", products) == [("sum_mismatch", "error")]


def test_a_national_document_names_no_province() -> None:
    # "51 tỉnh, thành phố đánh giá, phân hạng, công nhận 2.956 sản phẩm OCOP 3 sao trở lên"
    # (danviet.vn, 2020): the programme's own figures have no province.
    doc = Document.model_validate(
        {
            "id": "ca-nuoc-2020",
            "title": "OCOP cả nước 2020",
            "kind": "news",
            "issued_on": date(2020, 12, 23),
            "sections": [
                {
                    "id": "s",
                    "kind": "report",
                    "quantities": [
                        {"id": "sp", "what": "sản phẩm OCOP", "unit": "sản phẩm", "figure": 2956}
                    ],
                }
            ],
        }
    )
    assert doc.province is None and "toàn quốc" in doc.label()
    assert check_document(doc).findings == ()
