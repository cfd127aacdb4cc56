"""Plan targets, checks and progress: each finding on a catalogued plan against its document."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given

from ocop.errors import InconsistentData, InvalidInput, NotFound
from ocop.findings import Severity
from ocop.plans import (
    Outcome,
    Plan,
    Portfolio,
    PortfolioTable,
    Target,
    catalog,
    check,
    evaluate,
    progress,
)
from ocop.strategies import inconsistent_plans, plans

DOCS = Path(__file__).parent / "data" / "plans"


def document(plan_id: str) -> str:
    """The copy of a plan's text, whitespace collapsed (the 908 copy breaks lines mid-sentence)."""
    text = (DOCS / f"{plan_id}.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    return re.sub(r"\s+", " ", text)


#: Codes of the budget checks (ocop.budget and the budget quantities of ocop.plans.check):
#: the budget's findings are pinned by test_budget_kon_tum.py, not here.
BUDGET_CODE = re.compile(
    r"^(?:(?:sub_sources|(?:items|sources|years)(?:_(?:sources|years))*)_sum_mismatch"
    r"|period_mismatch|years_short_of_plan|claim_parts_(?:mismatch|exceed|short)"
    r"|claim_mismatch|claim_not_in_table|tables_disagree|source_in_one_table"
    r"|budget_quantity_below_target)$"
)


def codes(plan_id: str) -> list[tuple[str, str]]:
    """The target findings of a plan: (code, target id); budget findings left out."""
    plan = catalog.plan(plan_id)
    targets = {t.id for t in plan.all_targets()}
    found = [(f.code, f.location.split(" › ")[1].split(" (")[0]) for f in check(plan).findings]
    return [
        (code, where) for code, where in found if not BUDGET_CODE.match(code) or where in targets
    ]


def target_json(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "t",
        "metric": "subjects_cooperative_share",
        "unit": "percent",
        "comparator": "at_least",
        "value": 40,
        "deadline": date(2025, 12, 31),
        "source": {"where": "here", "text": "a sentence"},
    }
    return {**base, **overrides}


# --- every finding on the catalogue, proven from the document's own words ------------------


def test_every_catalogued_plan_has_exactly_the_findings_below() -> None:
    found = {plan_id: codes(plan_id) for plan_id in catalog.ids()}
    assert found == {
        "kon-tum-1392-2018": [
            ("breakdown_sum_mismatch", "planned"),
            ("deadline_in_horizon", "planned"),
            ("deadline_in_horizon", "key-products"),
            ("deadline_in_horizon", "district-to-provincial"),
            ("deadline_in_horizon", "supported-per-district"),
        ],
        "kon-tum-718-2024": [
            ("weaker_than_national", "modern-channels"),
            *[
                ("annual_meets_multi_year", t)
                for t in (
                    "products",
                    "closed-chain",
                    "cooperatives",
                    "smes",
                    "modern-channels",
                    "showroom-upgraded",
                    "showrooms-per-district",
                )
            ],
        ],
        "kon-tum-908-2023": [
            ("weaker_than_national", "modern-channels"),
            ("weaker_than_national", "craft-villages"),
        ],
        "national-919-2022": [],
        "ninh-thuan-2025": [("weaker_than_national", "cooperatives")],
        "quang-ngai-69-2024": [],
    }


def test_1392_planned_products_do_not_add_up_in_the_text() -> None:
    text = document("kon-tum-1392-2018")
    match = re.search(
        r"Quy hoạch phát triển (\d+) sản phẩm theo 06 nhóm/ngành hàng .*?\(gồm (\d+) sản phẩm"
        r".*?; (\d+) sản phẩm phi nông nghiệp.*? và (\d+) sản phẩm du lịch\)",
        text,
    )
    assert match is not None
    total, *parts = (int(g) for g in match.groups())
    assert (total, sum(parts)) == (138, 132)
    finding = check(catalog.plan("kon-tum-1392-2018")).findings[0]
    assert (finding.expected, finding.actual) == ("≈ 138", "132")


def test_1392_orientation_targets_lie_beyond_its_period() -> None:
    text = document("kon-tum-1392-2018")
    assert "giai đoạn 2018-2020, định hướng đến năm 2030" in text
    assert "Giai đoạn năm 2018 - 2030 Quy hoạch phát triển 138 sản phẩm" in text
    assert "Đến năm 2025, mỗi huyện, thành phố có ít nhất 1 - 2 sản phẩm/năm" in text


def test_weaker_than_national_findings_quote_both_documents() -> None:
    national = document("national-919-2022")
    assert "≥ 50% of OCOP subjects take part in modern sales channels" in national
    assert "≥ 50% of traditional craft villages" in national
    assert "≥ 40% of OCOP subjects (đối tượng/chủ thể) are cooperatives" in national
    kt908 = document("kon-tum-908-2023")
    assert "Có ít nhất 20-30% chủ thể OCOP tham gia vào các kênh bán hàng hiện đại" in kt908
    assert "Có ít nhất 10% làng nghề truyền thống có sản phẩm OCOP" in kt908
    assert "Có ít nhất 30-50% chủ thể OCOP tham gia vào các kênh bán hàng hiện đại" in document(
        "kon-tum-718-2024"
    )
    assert "phấn đấu ít nhất có 30% chủ thể OCOP là hợp tác xã" in document("ninh-thuan-2025")


def test_718_annual_targets_already_reach_the_2025_figures_of_908() -> None:
    kt718, kt908 = document("kon-tum-718-2024"), document("kon-tum-908-2023")
    assert "đến cuối năm 2024 toàn tỉnh có ít nhất 250 sản phẩm OCOP đạt từ 3 sao trở lên" in kt718
    assert "Phấn đấu có ít nhất 250 sản phẩm OCOP được công nhận đạt từ 3 sao trở lên" in kt908
    assert "Có ít nhất 30% các chủ thể OCOP xây dựng được chuỗi giá trị khép kín" in kt718
    assert "Có ít nhất 30% các chủ thể OCOP xây dựng được chuỗi giá trị khép kín" in kt908
    assert "khoảng 50% chủ thể OCOP là hợp tác xã và 30% chủ thể" in kt718
    assert "ít nhất có 50% chủ thể OCOP là hợp tác xã và 30% chủ thể" in kt908
    assert "củng cố, nâng cấp 01 điểm giới thiệu, bán sản phẩm OCOP của tỉnh" in kt718
    assert "củng cố, nâng cấp 01 điểm giới thiệu, bán sản phẩm OCOP của tỉnh" in kt908
    assert "mỗi huyện, thành phố có ít nhất 01 điểm giới thiệu" in kt718
    assert "mỗi huyện, thành phố có 01 điểm giới thiệu" in kt908
    report = check(catalog.plan("kon-tum-718-2024"))
    assert report.compared_with == ("national-919-2022", "kon-tum-908-2023")


def test_what_held_is_reported_too() -> None:
    report = check(catalog.plan("kon-tum-718-2024"))
    held = {(p.code, p.value) for p in report.proven}
    # 07 + 05 + 38 = 50 new products, as the parenthesis says.
    assert ("breakdown_sum", "50") in held
    assert ("exclusive_shares", "80%") in held


def test_checks_can_be_pointed_at_other_references_or_none() -> None:
    plan = catalog.plan("kon-tum-718-2024")
    alone = check(plan, national=None, multi_year=None)
    assert alone.findings == () and alone.compared_with == ()
    against_919 = check(plan, national=catalog.plan("national-919-2022"), multi_year=None)
    assert [f.code for f in against_919.findings] == ["weaker_than_national"]


# --- targets ---------------------------------------------------------------------------------


def test_bad_targets_are_refused_with_clear_errors() -> None:
    with pytest.raises(InvalidInput, match="150% is outside 0–100%"):
        Target(**target_json(value=150))
    with pytest.raises(InvalidInput, match="range 30–20% has its low end above its high"):
        Target(**target_json(comparator="range", value=None, low=30, high=20))
    with pytest.raises(InvalidInput, match="metric"):
        Target(**target_json(metric="happiness"))
    with pytest.raises(InvalidInput, match="measured in percent, not count"):
        Target(**target_json(unit="count"))
    with pytest.raises(InvalidInput, match="finite"):
        Target(**target_json(value=float("nan")))
    with pytest.raises(InvalidInput, match="expected a number"):
        Target(**target_json(value="40"))
    with pytest.raises(InvalidInput, match="expected a number"):
        Target(**target_json(value=True))
    with pytest.raises(InvalidInput, match="beyond the largest"):
        Target(**target_json(metric="products", unit="count", value=10**15))
    with pytest.raises(InvalidInput, match="whole number"):
        Target(**target_json(metric="products", unit="count", value=2.5))
    with pytest.raises(InvalidInput, match="does not take a star filter"):
        Target(**target_json(stars={"min": 3}))
    with pytest.raises(InvalidInput, match="needs a value"):
        Target(**target_json(value=None))


def test_a_document_read_as_written_keeps_its_faults_for_the_checks() -> None:
    data = json.loads((Path(catalog.__file__).parent / "data" / "ninh-thuan-2025.json").read_text())
    data["targets"][2]["value"] = 150
    data["targets"][4].update(comparator="range", low=30, high=20)
    del data["targets"][4]["value"]
    with pytest.raises(InvalidInput, match="150%"):
        Plan.model_validate_json(json.dumps(data))
    plan = Plan.as_written(json.dumps(data))
    found = {(f.code, f.severity) for f in check(plan, national=None).findings}
    assert found == {
        ("percentage_out_of_range", Severity.ERROR),
        ("range_inverted", Severity.ERROR),
    }


def test_plan_input_errors() -> None:
    data = json.loads((Path(catalog.__file__).parent / "data" / "ninh-thuan-2025.json").read_text())
    with pytest.raises(NotFound):
        Plan.as_written(json.dumps({**data, "province": "Atlantis"}))
    with pytest.raises(InvalidInput, match="appears twice"):
        Plan.as_written(json.dumps({**data, "targets": data["targets"][:1] * 2}))
    with pytest.raises(InvalidInput, match="ends before it starts"):
        Plan.as_written(json.dumps({**data, "period": {"start": 2025, "end": 2024}}))
    with pytest.raises(InvalidInput, match=r"unknown|Extra inputs"):
        Plan.as_written(json.dumps({**data, "budgets": 1}))
    with pytest.raises(InvalidInput, match="budget"):
        Plan.as_written(json.dumps({**data, "budget": 1}))
    with pytest.raises(NotFound):
        catalog.plan("atlantis-2025")


def test_evaluate_counts_shares_and_per_unit_targets() -> None:
    share = Target(**target_json())
    assert evaluate(share, Fraction(81, 2)).outcome is Outcome.MET
    assert evaluate(share, Decimal("39.99")).gap == Fraction(1, 100)
    assert evaluate(share, None, reason="no data").reason == "no data"
    assert evaluate(share, 41, on=date(2026, 1, 1)).due is True
    capped = Target(**target_json(comparator="at_most", value=10))
    assert evaluate(capped, 12).gap == Fraction(-2)
    ranged = Target(**target_json(comparator="range", value=None, low=20, high=30))
    assert evaluate(ranged, 35).outcome is Outcome.MET  # aspirations: the low end is the bar
    per = Target(**target_json(metric="showrooms", unit="count", value=1, per="district"))
    result = evaluate(per, {"Đăk Tô": 1, "Sa Thầy": 0, "Ia H'Drai": 0})
    assert result.outcome is Outcome.NOT_MET
    assert result.shortfalls == (("Ia H'Drai", Fraction(1)), ("Sa Thầy", Fraction(1)))
    assert evaluate(per, 3).outcome is Outcome.NOT_EVALUABLE
    with pytest.raises(InvalidInput):
        evaluate(share, 40.0)  # type: ignore[arg-type]


# --- progress --------------------------------------------------------------------------------


def small_portfolio() -> Portfolio:
    cert = lambda star, day, **kw: {"star": star, "issued_on": day, **kw}  # noqa: E731
    return Portfolio.model_validate(
        {
            "subjects": [
                {"id": "htx", "entity_type": "cooperative", "modern_channels": True},
                {"id": "dn", "entity_type": "sme", "modern_channels": False},
                {"id": "ho", "entity_type": "household", "modern_channels": True},
            ],
            "products": [
                {"id": "p1", "subject": "htx", "district": "Đăk Tô",
                 "certificates": [cert(3, date(2021, 6, 1)), cert(4, date(2024, 6, 1))]},
                {"id": "p2", "subject": "dn", "district": "Đăk Tô",
                 "certificates": [cert(3, date(2022, 3, 1), revoked_on=date(2023, 1, 5))]},
                {"id": "p3", "subject": "ho", "district": "Kon Plông",
                 "certificates": [cert(5, date(2023, 9, 9))]},
                {"id": "p4", "subject": "ho", "certificates": [cert(3, date(2019, 9, 1))]},
            ],
        }
    )  # fmt: skip


def test_progress_counts_valid_products_by_star_and_subjects_by_type() -> None:
    result = progress(catalog.plan("kon-tum-908-2023"), small_portfolio(), date(2025, 12, 31))
    # p1 holds its 2024 4★; p2 was revoked; p3 is 5★; p4's 2019 certificate expired in 2022.
    assert dict(result.products_by_star) == {3: 0, 4: 1, 5: 1}
    assert {k.value: v for k, v in result.subjects_by_entity.items()} == {
        "cooperative": 1,
        "household": 1,
    }
    products = result.result("products")
    assert (products.outcome, products.actual, products.gap) == (Outcome.NOT_MET, 2, 248)
    assert result.result("products.five-star").actual == 1
    assert result.result("cooperatives").actual == 50
    assert result.result("modern-channels").actual == 100
    assert result.result("craft-villages").outcome is Outcome.NOT_EVALUABLE
    assert result.result("showrooms-per-district").outcome is Outcome.NOT_EVALUABLE


def test_new_products_are_first_recognised_in_the_window() -> None:
    plan = catalog.plan("kon-tum-718-2024")
    result = progress(plan, small_portfolio(), date(2024, 12, 31))
    # Only p1 has a 2024 certificate, and it was first recognised in 2021: nothing new.
    assert result.result("new-products").actual == 0


def test_unknown_flags_make_a_share_not_evaluable() -> None:
    data = small_portfolio().model_dump()
    data["subjects"][0]["modern_channels"] = None
    result = progress(
        catalog.plan("kon-tum-908-2023"), Portfolio.model_validate(data), date(2025, 1, 1)
    )
    r = result.result("modern-channels")
    assert (
        r.outcome is Outcome.NOT_EVALUABLE and "modern_channels is unknown for 1 of 2" in r.reason
    )


def test_portfolio_input_errors() -> None:
    with pytest.raises(InvalidInput, match="unknown subject"):
        Portfolio.model_validate({"subjects": [], "products": [{"id": "p", "subject": "x"}]})
    with pytest.raises(InvalidInput, match="appears twice"):
        Portfolio.model_validate(
            {"subjects": [{"id": "s", "entity_type": "sme"}] * 2, "products": []}
        )
    with pytest.raises(InvalidInput, match=r"outside 3\.\.5"):
        PortfolioTable.from_columns(
            subject_entity=[0], product_subject=[0], certificate_product=[0],
            certificate_star=[6], certificate_issued_on=["2024-01-01"],
        )  # fmt: skip
    with pytest.raises(InvalidInput, match=r"outside 0\.\.0"):
        PortfolioTable.from_columns(
            subject_entity=[0], product_subject=[1], certificate_product=[],
            certificate_star=[], certificate_issued_on=[],
        )  # fmt: skip


def test_the_table_path_gives_the_same_progress_as_the_model_path() -> None:
    portfolio = small_portfolio()
    t = portfolio.table()
    columns = PortfolioTable.from_columns(
        subject_entity=t.subject_entity,
        subject_flags=t.subject_flags,
        product_subject=t.product_subject,
        product_district=["Đăk Tô", "Đăk Tô", "Kon Plông", None],
        certificate_product=t.certificate_product,
        certificate_star=t.certificate_star,
        certificate_issued_on=t.certificate_dates["issued_on"],
        certificate_revoked_on=t.certificate_dates["revoked_on"],
    )
    plan, day = catalog.plan("kon-tum-908-2023"), date(2025, 6, 30)
    assert progress(plan, columns, day) == progress(plan, portfolio, day)
    assert np.array_equal(columns.district_codes, t.district_codes)


# --- strategies ------------------------------------------------------------------------------


@given(inconsistent_plans())
def test_every_planted_inconsistency_is_found(planted) -> None:  # type: ignore[no-untyped-def]
    report = check(planted.plan, national=None, multi_year=None)
    for code, target_id in planted.planted:
        assert any(f.code == code and f" › {target_id} (" in f.location for f in report.findings), (
            code,
            target_id,
        )


@given(plans())
def test_generated_consistent_plans_have_no_error(plan: Plan) -> None:
    report = check(plan, national=None, multi_year=None)
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_a_broken_catalogue_file_is_reported_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog._load.cache_clear()
    monkeypatch.setattr(Plan, "as_written", classmethod(lambda cls, text: cls.model_validate({})))
    with pytest.raises(InconsistentData, match="catalogued plan ninh-thuan-2025 is broken"):
        catalog.plan("ninh-thuan-2025")
    catalog._load.cache_clear()


def test_references_by_id_and_wrong_arguments() -> None:
    plan = catalog.plan("kon-tum-718-2024")
    by_id = check(plan, national="national-919-2022", multi_year="kon-tum-908-2023")
    assert by_id == check(plan)
    with pytest.raises(NotFound):
        check(plan, national="atlantis")
    with pytest.raises(InvalidInput, match="takes a Plan"):
        check("kon-tum-718-2024")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="a reference is"):
        check(plan, national=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="takes a Plan"):
        progress("kon-tum-718-2024", small_portfolio(), date(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        progress(plan, small_portfolio(), "2024-01-01")  # type: ignore[arg-type]
    per = Target(**target_json(metric="showrooms", unit="count", value=1, per="district"))
    assert evaluate(per, {}).outcome is Outcome.NOT_EVALUABLE


def test_review_fixes_province_spelling_unplaced_products_overlap_negative() -> None:
    # The multi-year plan is found by the province, however the user spells it.
    data = json.loads(
        (Path(catalog.__file__).parent / "data" / "kon-tum-718-2024.json").read_text()
    )
    mine = Plan.as_written(json.dumps({**data, "id": "mine", "province": "tỉnh kon tum"}))
    assert catalog.multi_year_for(mine) == catalog.plan("kon-tum-908-2023")
    # A certified product with no district cannot be placed in a district's scope.
    scoped = Target(
        **target_json(metric="products", unit="count", value=1, scope={"district": "Đăk Tô"})
    )
    plan = catalog.plan("ninh-thuan-2025").model_copy(update={"targets": (scoped,)})
    r = progress(plan, small_portfolio(), date(2021, 12, 31)).result("t")  # p4 still valid
    assert r.outcome is Outcome.NOT_EVALUABLE and "have no district" in r.reason
    # "trong đó" parts that may share products are not summed: 2-5 at 4★ and 1-2 livestock
    # at 3-4★ may be the same products, so a total of 5 is not exceeded.
    nt = json.loads((Path(catalog.__file__).parent / "data" / "ninh-thuan-2025.json").read_text())
    nt["targets"][0].update(low=4, high=5)
    assert check(Plan.as_written(json.dumps(nt)), national=None).findings == ()
    nt["targets"][0]["parts"][1]["stars"] = {"min": 3, "max": 3}  # now disjoint: 2 + 1 = 3 ≤ 5
    nt["targets"][0].update(low=1, high=2)
    codes_found = [f.code for f in check(Plan.as_written(json.dumps(nt)), national=None).findings]
    assert codes_found == ["breakdown_exceeds_total"]
    with pytest.raises(InvalidInput, match="negative"):
        evaluate(Target(**target_json()), -3)
