"""Figures as printed (issue 17): each example of the issue, written by hand, gives its answer."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.display.check import text_report
from ocop.errors import InvalidInput, NotFound, OcopError
from ocop.figures import APPROXIMATE, Figure, Hedge, Interval, Outcome, compare, rounding_interval
from ocop.findings import Severity
from ocop.plans import catalog
from ocop.reports import Document, DocumentCheck, check_document, measure_of
from ocop.strategies.reports import documents, hedged
from tests.test_hostile_input import HOSTILE


def document(*quantities: dict[str, Any], **section: Any) -> Document:
    """A one-section report of ``quantities``."""
    body = {"id": "s", "kind": "report", "quantities": list(quantities), **section}
    return Document.model_validate(
        {
            "id": "doc",
            "title": "Báo cáo",
            "kind": "report",
            "province": "Lào Cai",
            "issued_on": date(2024, 12, 20),
            "sections": [body],
        }
    )


def codes(result: DocumentCheck) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in result.findings]


def errors(result: DocumentCheck) -> list[str]:
    return [f.code for f in result.findings if f.severity is Severity.ERROR]


def money(total: Any, *parts: Any, complete: bool = True, unit: str = "tỷ đồng") -> Document:
    return document(
        {
            "id": "kinh-phi",
            "what": "kinh phí",
            "unit": unit,
            "figure": total,
            "parts_complete": complete,
            "parts": [{"id": f"p{i}", "figure": f} for i, f in enumerate(parts)],
        }
    )


# --- the figure type -------------------------------------------------------------------------


def test_a_figure_keeps_its_hedge_and_words() -> None:
    f = Figure.model_validate({"more_than": 5130, "words": "hơn 5.130 tỷ"})
    assert f.hedge is Hedge.MORE_THAN and str(f) == "hơn 5.130 tỷ"
    assert f.interval(10**9) == Interval(Fraction(5130 * 10**9), None)
    assert Figure.model_validate(41).hedge is Hedge.EXACT
    assert Figure.model_validate({"range": [3, 4]}).interval() == Interval(Fraction(3), Fraction(4))
    nearly = Figure.model_validate({"nearly": Decimal("8.4")}).interval()
    assert nearly == Interval(Fraction(84, 10) * (1 - APPROXIMATE), Fraction(84, 10))
    strict = Figure.model_validate({"more_than": 10, "strict": True}).interval()
    assert strict.lo_open and compare(Interval.point(10), strict).outcome is Outcome.WRONG


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"exact": 1, "at_least": 2},
        {"range": [4, 3]},
        {"exact": -1},
        {"at_least": 1, "strict": True},
    ],
)
def test_a_malformed_figure_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        Figure.model_validate(data)


def test_a_share_rounds_half_up_at_the_decimals_printed() -> None:
    assert rounding_interval(Decimal("58.49")) == Interval(
        Fraction(58485, 1000), Fraction(58495, 1000), False, True
    )
    assert rounding_interval(Decimal("35")) == Interval(
        Fraction(69, 2), Fraction(71, 2), False, True
    )


# --- bounds are not errors -------------------------------------------------------------------


def test_a_sum_of_bounds_against_a_bound_is_not_an_error() -> None:
    # "hơn 100 + hơn 200 + 50" against "hơn 352": consistent as printed, not provable.
    result = check_document(money({"more_than": 352}, {"more_than": 100}, {"more_than": 200}, 50))
    assert codes(result) == [("sum_undecided", Severity.INFO)]
    assert "≥ 352" in result.findings[0].message_en


def test_nearly_and_more_than_parts_against_more_than_a_total_are_consistent() -> None:
    doc = money(
        {"more_than": Decimal("13.8")},
        {"nearly": Decimal("6.3")},
        {"more_than": Decimal("0.42")},
        {"nearly": Decimal("7.1")},
    )
    assert errors(check_document(doc)) == []


def test_bounds_that_cannot_meet_are_an_error() -> None:
    assert errors(check_document(money({"at_most": 100}, {"at_least": 60}, {"more_than": 50}))) == [
        "sum_mismatch"
    ]


# --- shares ----------------------------------------------------------------------------------


def test_a_wrong_share_is_an_error() -> None:
    # "612,450 tỷ đồng, trong đó ngân sách nhà nước 152,730 tỷ đồng (35%)": it is 24.94%.
    doc = document(
        {
            "id": "tong",
            "what": "kinh phí",
            "unit": "tỷ đồng",
            "figure": Decimal("612.450"),
            "parts": [
                {
                    "id": "nsnn",
                    "source": "ngân sách nhà nước",
                    "figure": Decimal("152.730"),
                    "share": 35,
                }
            ],
        }
    )
    result = check_document(doc)
    assert errors(result) == ["share_mismatch"]
    assert "24,9375%" in result.findings[0].message_vi and "35%" in result.findings[0].message_en


def test_a_right_share_with_two_decimals_holds() -> None:
    # "31 sản phẩm (chiếm 58,49%)" of 53: 58.4905…% rounds to 58.49.
    doc = document(
        {
            "id": "tong",
            "what": "sản phẩm OCOP",
            "unit": "sản phẩm",
            "figure": 53,
            "parts": [{"id": "htx", "subject_kind": "cooperative", "figure": 31, "share": 58.49}],
        }
    )
    result = check_document(doc)
    assert errors(result) == [] and [p.code for p in result.proven if p.code == "share"] == [
        "share"
    ]
    data = doc.sections[0].quantities[0].model_dump(mode="json", exclude_defaults=True)
    data["parts"][0]["share"] = 58.48  # 58,4905…% does not round to 58,48
    assert errors(check_document(document(data))) == ["share_mismatch"]


def test_shares_forced_to_100_are_information() -> None:
    # Three equal parts printed 33,33 + 33,33 + 33,34: the last one adjusted.
    parts = [
        {"id": f"p{i}", "figure": 1, "share": Decimal(s)}
        for i, s in enumerate(("33.33", "33.33", "33.34"))
    ]
    doc = document(
        {
            "id": "t",
            "what": "kinh phí",
            "unit": "tỷ đồng",
            "figure": 3,
            "parts_complete": True,
            "parts": parts,
        }
    )
    assert codes(check_document(doc)) == [("shares_forced_to_100", Severity.INFO)]
    # Each language writes the shares its own way (the English was "33,33% + …").
    assert check_document(doc).findings[0].message_en == (
        "The shares 33.33% + 33.33% + 33.34% were rounded to add up to exactly 100%: "
        "t.p2: 33.3333%."
    )


def test_shares_that_do_not_total_are_an_error() -> None:
    parts = [
        {"id": f"p{i}", "figure": f, "share": s} for i, (f, s) in enumerate(((1, 50), (1, 40)))
    ]
    doc = document(
        {
            "id": "t",
            "what": "kinh phí",
            "unit": "tỷ đồng",
            "figure": 2,
            "parts_complete": True,
            "parts": parts,
        }
    )
    assert sorted(errors(check_document(doc))) == ["share_mismatch", "shares_do_not_total"]


# --- remainders, reports, rates --------------------------------------------------------------


def test_a_remainder_needs_no_warning() -> None:
    # "tổng kinh phí hơn 4,6 tỷ đồng, trong đó ngân sách tỉnh 3,1 tỷ đồng, còn lại là vốn
    # của các chủ thể": the subjects' part is at least 1,5 tỷ.
    doc = money(
        {"more_than": Decimal("4.6")},
        Decimal("3.1"),
        {"remainder": True, "words": "còn lại là vốn của các chủ thể"},
        complete=False,
    )
    result = check_document(doc)
    assert result.findings == ()
    (held,) = [p for p in result.proven if p.code == "remainder"]
    assert held.value == "≥ 1,5 tỷ đồng"


def test_a_remainder_larger_than_nothing_is_an_error() -> None:
    doc = money(4, 5, {"remainder": True})
    assert errors(check_document(doc)) == ["parts_exceed_total"]


def report(total: int, total_stars: tuple[int, int], parts: dict[int, int]) -> Document:
    return document(
        {
            "id": "san-pham",
            "what": "sản phẩm OCOP",
            "unit": "sản phẩm",
            "figure": total,
            "stars": {"min": total_stars[0], "max": total_stars[1]},
            "parts": [
                {"id": f"{s}-sao", "stars": {"min": s, "max": s}, "figure": n}
                for s, n in parts.items()
            ],
        },
        as_of=date(2024, 12, 20),
    )


def test_parts_by_star_that_add_up_hold() -> None:
    # "87 sản phẩm OCOP, trong đó 02 sản phẩm 5 sao, 29 sản phẩm 4 sao và 56 sản phẩm 3 sao"
    result = check_document(report(87, (3, 5), {5: 2, 4: 29, 3: 56}))
    assert result.findings == () and [p.code for p in result.proven] == ["parts_sum"]


def test_parts_by_star_covering_the_range_named_must_add_up() -> None:
    # "41 sản phẩm đạt từ 3-4 sao, trong đó 12 sản phẩm 4 sao và 27 sản phẩm 3 sao": 39 ≠ 41.
    result = check_document(report(41, (3, 4), {4: 12, 3: 27}))
    assert errors(result) == ["sum_mismatch"]
    finding = result.findings[0]
    assert (finding.expected, finding.actual) == ("41 sản phẩm", "39 sản phẩm")
    assert "12 sản phẩm + 27 sản phẩm" in finding.message_vi and "39" in finding.message_vi
    # Parts that leave a star out are "some of" the total, not all of it.
    assert errors(check_document(report(41, (3, 5), {4: 12, 3: 27}))) == []


def test_rewards_at_rates_per_product() -> None:
    # "3 sản phẩm × 40 triệu + 45 sản phẩm × 20 triệu = 1,020 tỷ"
    def reward(total: Decimal, second_each: int) -> Document:
        return document(
            {
                "id": "thuong",
                "what": "tiền thưởng",
                "unit": "tỷ đồng",
                "figure": total,
                "parts_complete": True,
                "parts": [
                    {"id": "4-sao", "rate": {"count": 3, "each": 40, "unit": "triệu đồng"}},
                    {
                        "id": "3-sao",
                        "rate": {"count": 45, "each": second_each, "unit": "triệu đồng"},
                    },
                ],
            }
        )

    assert check_document(reward(Decimal("1.020"), 20)).findings == ()
    assert errors(check_document(reward(Decimal("1.020"), 25))) == ["sum_mismatch"]


def test_a_stated_amount_against_its_rate() -> None:
    doc = document(
        {
            "id": "thuong",
            "what": "tiền thưởng",
            "unit": "triệu đồng",
            "figure": 130,
            "rate": {"count": 3, "each": 40, "unit": "triệu đồng"},
        }
    )
    result = check_document(doc)
    assert errors(result) == ["rate_mismatch"] and "120 triệu đồng" in result.findings[0].message_vi
    # The count's noun is the document's word; the amounts are written in English.
    assert result.findings[0].message_en == (
        "3 sản phẩm × 40 million VND = 120 million VND, not 130 million VND."
    )


# --- claims against each other ---------------------------------------------------------------


def test_the_same_quantity_stated_twice_must_agree() -> None:
    one = {"id": "a", "what": "sản phẩm OCOP", "unit": "sản phẩm", "figure": 12, "where": "Mục I"}
    two = {**one, "id": "b", "figure": 15, "where": "Mục III"}
    result = check_document(document(one, two))
    assert errors(result) == ["stated_twice_differ"]
    assert "Mục I" in result.findings[0].message_en and "Mục III" in result.findings[0].message_en
    hedged = {**two, "figure": {"more_than": 10}}
    assert codes(check_document(document(one, hedged))) == [
        ("stated_twice_undecided", Severity.INFO)
    ]
    assert check_document(document(one, {**two, "figure": 12})).findings == ()


def test_a_part_for_years_outside_its_total() -> None:
    # A total "đến năm 2030" (2021–2030) against a part for 2018–2020.
    doc = document(
        {
            "id": "t",
            "what": "sản phẩm OCOP",
            "unit": "sản phẩm",
            "figure": {"at_least": 100},
            "period": {"start": 2021, "end": 2030},
            "parts": [{"id": "p", "figure": 30, "period": {"start": 2018, "end": 2020}}],
        }
    )
    assert errors(check_document(doc)) == ["period_outside_total"]


def test_several_budgets_in_one_document_are_checked_separately() -> None:
    def section(sid: str, district: str | None, total: int, parts: list[int]) -> dict[str, Any]:
        return {
            "id": sid,
            "kind": "budget",
            "area": {"district": district},
            "period": {"start": 2021, "end": 2025},
            "quantities": [
                {
                    "id": "kinh-phi",
                    "what": "kinh phí",
                    "unit": "triệu đồng",
                    "figure": total,
                    "parts_complete": True,
                    "parts": [
                        {"id": s, "source": s, "figure": v}
                        for s, v in zip(("central_budget", "subjects"), parts, strict=False)
                    ],
                }
            ],
        }

    data = {
        "id": "ke-hoach",
        "title": "Kế hoạch",
        "kind": "plan",
        "province": "Kon Tum",
        "issued_on": "2021-05-01",
        "sections": [
            section("tinh", None, 1000, [400, 600]),
            section("huyen", "Đăk Tô", 100, [40, 60]),
        ],
    }
    result = check_document(Document.model_validate_json(__import__("json").dumps(data)))
    assert result.findings == () and [p.code for p in result.proven] == ["parts_sum", "parts_sum"]
    # The same area and period stated twice in two sections are compared.
    data["sections"][1] = section("tinh-2", None, 1100, [400, 700])
    result = check_document(Document.model_validate_json(__import__("json").dumps(data)))
    assert errors(result) == ["stated_twice_differ", "stated_twice_differ"]


def test_a_document_keeps_its_province_and_knows_its_successor() -> None:
    doc = document({"id": "a", "what": "sản phẩm OCOP", "unit": "sản phẩm", "figure": 1})
    assert doc.province_on(date(2025, 8, 1)).province.name_vi == "Lào Cai"
    with pytest.raises(NotFound):
        Document.model_validate({**doc.model_dump(), "province": "Atlantis"})


def test_targets_are_figures() -> None:
    plan = catalog.plan("kon-tum-908-2023")
    first = plan.targets[0]
    assert (
        first.as_figure().hedge is Hedge.AT_LEAST and first.as_figure().words == first.source.text
    )
    assert first.bounds == (Decimal(250), None)


# --- hedging a consistent document never makes an error --------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=6), st.data())
def test_hedging_figures_that_add_up_never_makes_an_error(
    parts: list[int], data: st.DataObject
) -> None:
    total = sum(parts)
    doc = money(
        data.draw(hedged(total)).model_dump(mode="json", exclude_defaults=True),
        *(data.draw(hedged(p)).model_dump(mode="json", exclude_defaults=True) for p in parts),
        unit="triệu đồng",
    )
    assert errors(check_document(doc)) == []


@settings(max_examples=50, deadline=None)
@given(documents())
def test_consistent_documents_have_no_error(doc: Document) -> None:
    assert errors(check_document(doc)) == []


def test_a_budget_sections_prose_against_its_table() -> None:
    table = {
        "id": "pl1",
        "title": "Phụ lục",
        "unit": "triệu đồng",
        "locale": "en",
        "sources": ["central_budget", "subjects"],
        "entries": [
            {"source": "central_budget", "amount": "1,000"},
            {"source": "subjects", "amount": "2,500"},
            {"amount": "3,500"},
        ],
    }

    def doc(total: Any) -> Document:
        quantity = {
            "id": "kinh-phi",
            "what": "kinh phí",
            "unit": "tỷ đồng",
            "figure": total,
            "parts": [
                {"id": "nstw", "source": "central_budget", "figure": 1},
                {"id": "chu-the", "source": "subjects", "figure": {"about": Decimal("2.5")}},
            ],
        }
        return document(quantity, kind="budget", tables=[table])

    result = check_document(doc(Decimal("3.5")))
    # "khoảng 2,5" with 1 may be more than 3,5: not provable, but no error.
    assert codes(result) == [("parts_within_undecided", Severity.INFO)]
    assert [p.code for p in result.proven].count("matches_table") == 3
    said = "OCOP subjects' own funds: the text (about 2.5 billion VND) agrees with table pl1"
    assert any(p.message_en.startswith(said) for p in result.proven)  # was "chủ thể … khoảng"
    result = check_document(doc(4))
    assert errors(result) == ["table_mismatch"]
    assert "3,5 tỷ đồng" in result.findings[0].message_vi
    assert result.findings[0].message_en == (
        "the total: the text gives 4 billion VND; table pl1 has 3.5 billion VND."
    )


def test_budget_claims_are_figures() -> None:
    claim = catalog.plan("kon-tum-908-2023").budget.claims[0]  # type: ignore[union-attr]
    total, parts = claim.as_figures()
    assert total is not None and total.interval(10**6) == Interval.point(134_750 * 10**6)
    assert (parts[0][0].short, parts[0][1].values) == ("NSTW", (Decimal(24_250),))
    assert total.words == claim.text


# --- hostile input: only OcopError comes out ---------------------------------------------------

ENTRY_POINTS: list[tuple[str, Any]] = [
    ("Figure.model_validate", lambda v: Figure.model_validate(v)),
    ("Figure.model_validate hedge", lambda v: Figure.model_validate({"about": v})),
    ("Figure.of hedge", lambda v: Figure.of(v, 1)),
    ("Figure.of value", lambda v: Figure.of("exact", v)),
    ("Interval.point", lambda v: Interval.point(v)),
    ("rounding_interval", lambda v: rounding_interval(v)),
    ("measure_of", lambda v: measure_of(v)),
    ("Document.model_validate", lambda v: Document.model_validate(v)),
    ("check_document", lambda v: check_document(v)),
    ("text_report lang", lambda v: text_report(["x"], [], [], lang=v)),
]


@pytest.mark.parametrize(("name", "call"), ENTRY_POINTS, ids=[n for n, _ in ENTRY_POINTS])
@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_only_ocop_errors_escape(name: str, call: Any, value: Any) -> None:
    with contextlib.suppress(OcopError):
        call(value)


def test_a_huge_exact_figure_is_refused_at_once() -> None:
    with pytest.raises(InvalidInput, match="at most 10"):
        Interval.point(Decimal("1E+999999999"))


def test_a_document_check_displays_itself() -> None:
    from ocop import display

    result = check_document(report(41, (3, 4), {4: 12, 3: 27}))
    shown = display.text(result)
    assert shown.startswith("DocumentCheck doc") and "ERROR sum_mismatch" in shown
    page = display.html(result)
    assert page.startswith('<div class="ocop ocop-document-check">') and "39 sản phẩm" in page
