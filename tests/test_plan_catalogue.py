"""The catalogued plans load, quote their documents verbatim, and hold the figures printed.

Every plan in ``ocop.plans.catalog`` has a copy of the text it was encoded from in
``tests/data/plans/<plan-id>.txt`` (first line: ``# Source: …``, then the text as
read).  Each target's and timetable step's ``source.text`` must occur in that copy
once whitespace is normalised on both sides (the 908/KH-UBND transcript breaks lines
mid-sentence) and both are in NFC.  Then a few figures per plan are checked against
the documents by hand.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from ocop.plans import catalog
from ocop.plans.documents import Plan, PlanLevel, TextKind
from ocop.plans.metrics import Metric, Per
from ocop.plans.targets import Comparator, Target

COPIES = Path(__file__).resolve().parent / "data" / "plans"
HEADER = "# Source: "
PLAN_IDS = catalog.ids()


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@cache
def copy_of(plan_id: str) -> str:
    """The plan's source text, header line excluded, whitespace-normalised."""
    path = COPIES / f"{plan_id}.txt"
    assert path.is_file(), f"no copy of the source text for {plan_id} at {path}"
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    assert header.startswith(HEADER), f"{path.name}: first line must start with {HEADER!r}"
    return _normal(body)


def _quotes(plan: Plan) -> list[tuple[str, str]]:
    found = [(f"target {t.id}", t.source.text) for t in plan.all_targets()]
    found += [(f"step {s.step!r}", s.source.text) for s in plan.timetable]
    return found


def test_the_catalogue_holds_the_six_plans() -> None:
    assert set(PLAN_IDS) >= {
        "kon-tum-1392-2018",
        "kon-tum-718-2024",
        "kon-tum-908-2023",
        "national-919-2022",
        "ninh-thuan-2025",
        "quang-ngai-69-2024",
    }


def test_every_copy_belongs_to_a_plan() -> None:
    stray = {p.stem for p in COPIES.glob("*.txt")} - set(PLAN_IDS)
    assert not stray, f"copies with no catalogued plan: {sorted(stray)}"


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_plan_loads(plan_id: str) -> None:
    plan = catalog.plan(plan_id)
    assert plan.id == plan_id
    assert plan.targets, f"{plan_id} has no targets"


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_quotes_are_verbatim(plan_id: str) -> None:
    text = copy_of(plan_id)
    missing = [
        f"{what}: {quote!r}"
        for what, quote in _quotes(catalog.plan(plan_id))
        if _normal(quote) not in text
    ]
    assert not missing, f"{plan_id}: quotes not in tests/data/plans/{plan_id}.txt:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_conventions_hold(plan_id: str) -> None:
    plan = catalog.plan(plan_id)
    for t in plan.all_targets():
        # A bare figure reads as "about"; "exactly" is not used by the catalogue.
        assert t.comparator is not Comparator.EXACTLY, t.id
        assert t.source.where.strip(), t.id
        if t.start is not None:
            assert plan.period.covers(t.start), f"{t.id}: start {t.start} outside {plan.period}"
        if plan.annual:
            assert t.deadline == plan.period.last_day, f"{t.id}: deadline {t.deadline}"


def _t(plan_id: str, target_id: str) -> Target:
    return catalog.plan(plan_id).target(target_id)


# --- Kon Tum, Kế hoạch 908/KH-UBND (2021–2025) -------------------------------------------


def test_908_products_and_five_star_part() -> None:
    plan = catalog.plan("kon-tum-908-2023")
    assert (plan.number, plan.issued_on, plan.text) == (
        "908/KH-UBND",
        date(2023, 3, 31),
        TextKind.FULL_TEXT,
    )
    products = plan.target("products")
    assert products.metric is Metric.PRODUCTS
    assert products.comparator is Comparator.AT_LEAST and products.value == 250
    assert products.stars is not None and (products.stars.min, products.stars.max) == (3, 5)
    assert products.deadline == date(2025, 12, 31)
    assert not products.parts_complete
    five = plan.target("products.five-star")
    assert (
        five.value == 10 and five.stars is not None and (five.stars.min, five.stars.max) == (5, 5)
    )


def test_908_shares_and_showrooms() -> None:
    assert _t("kon-tum-908-2023", "cooperatives").value == 50
    assert _t("kon-tum-908-2023", "smes").value == 30
    assert _t("kon-tum-908-2023", "trained-workers").comparator is Comparator.AT_LEAST
    channels = _t("kon-tum-908-2023", "modern-channels")
    assert channels.comparator is Comparator.RANGE and (channels.low, channels.high) == (20, 30)
    upgraded = _t("kon-tum-908-2023", "upgraded")
    assert upgraded.metric is Metric.PRODUCTS_UPGRADED_SHARE and upgraded.value == 50
    per_district = _t("kon-tum-908-2023", "showrooms-per-district")
    assert per_district.per is Per.DISTRICT and per_district.comparator is Comparator.ABOUT
    assert _t("kon-tum-908-2023", "craft-villages").value == 10


def test_908_encodes_its_budget_and_no_other_plan_has_one() -> None:
    plan = catalog.plan("kon-tum-908-2023")
    assert len(plan.targets) == 10
    assert all(t.deadline == date(2025, 12, 31) for t in plan.all_targets())
    # Mục V.1 as a claim, the two appendices as tables (tests/test_budget_kon_tum.py).
    assert plan.budget is not None
    assert [t.id for t in plan.budget.tables] == ["phu-luc-1", "phu-luc-2"]
    assert [c.id for c in plan.budget.claims] == ["tong-nhu-cau"]
    others = [p for p in PLAN_IDS if p != plan.id and catalog.plan(p).budget is not None]
    assert others == []


# --- Kon Tum, Kế hoạch 718/KH-UBND (2024) ------------------------------------------------


def test_718_products_with_baseline() -> None:
    products = _t("kon-tum-718-2024", "products")
    assert products.comparator is Comparator.AT_LEAST and products.value == 250
    assert products.baseline is not None
    assert products.baseline.as_of == date(2023, 12, 31) and products.baseline.change == 50
    assert products.deadline == date(2024, 12, 31)


def test_718_new_products_parts_make_the_whole() -> None:
    new = _t("kon-tum-718-2024", "new-products")
    assert new.metric is Metric.NEW_PRODUCTS and new.value == 50
    assert new.start == date(2024, 1, 1) and new.parts_complete
    assert sum(p.value or 0 for p in new.parts) == 50
    assert [p.metric for p in new.parts] == [
        Metric.POTENTIAL_FIVE_STAR,
        Metric.NEW_PRODUCTS,
        Metric.NEW_PRODUCTS,
    ]


def test_718_shares_and_showrooms() -> None:
    coop = _t("kon-tum-718-2024", "cooperatives")
    assert coop.comparator is Comparator.ABOUT and coop.value == 50
    assert _t("kon-tum-718-2024", "smes").value == 30
    channels = _t("kon-tum-718-2024", "modern-channels")
    assert (channels.comparator, channels.low, channels.high) == (Comparator.RANGE, 30, 50)
    per_district = _t("kon-tum-718-2024", "showrooms-per-district")
    assert per_district.comparator is Comparator.AT_LEAST and per_district.per is Per.DISTRICT


def test_718_is_inside_908() -> None:
    annual = catalog.plan("kon-tum-718-2024")
    assert annual.annual
    multi = catalog.multi_year_for(annual)
    assert multi is not None and multi.id == "kon-tum-908-2023"


# --- Kon Tum, Quyết định 1392/QĐ-UBND (2018–2020, to 2030) --------------------------------


def test_1392_planned_products_kept_as_written() -> None:
    plan = catalog.plan("kon-tum-1392-2018")
    assert (plan.period.start, plan.period.end, plan.horizon) == (2018, 2020, 2030)
    planned = plan.target("planned")
    assert planned.value == 138 and planned.parts_complete
    # The document's own parts add up to 132, not 138: kept for the checks to report.
    assert [p.value for p in planned.parts] == [108, 10, 14]
    assert sum(p.value or 0 for p in planned.parts) == 132


def test_1392_key_and_supported_products() -> None:
    assert _t("kon-tum-1392-2018", "key-products").value == 85
    chosen = _t("kon-tum-1392-2018", "district-to-provincial")
    assert chosen.metric is Metric.PRODUCTS_SUPPORTED and chosen.value == 10
    assert chosen.scope.tag == "sản phẩm cấp huyện được chọn"
    per_district = _t("kon-tum-1392-2018", "supported-per-district")
    assert per_district.per is Per.DISTRICT_YEAR
    assert (per_district.low, per_district.high) == (1, 2)
    assert per_district.deadline == date(2025, 12, 31)


# --- Quảng Ngãi, Kế hoạch 69/KH-UBND (2024) ----------------------------------------------


def test_69_new_products() -> None:
    plan = catalog.plan("quang-ngai-69-2024")
    assert plan.text is TextKind.EXCERPT
    new = plan.target("new-products")
    assert new.comparator is Comparator.ABOUT and new.value == 70
    assert new.stars is not None and (new.stars.min, new.stars.max) == (3, 5)
    assert not new.parts_complete
    four = plan.target("new-products.four-star")
    assert (four.low, four.high) == (4, 6)
    potential = plan.target("new-products.potential-five-star")
    assert potential.metric is Metric.POTENTIAL_FIVE_STAR and (potential.low, potential.high) == (
        1,
        2,
    )


def test_69_other_targets_and_timetable() -> None:
    plan = catalog.plan("quang-ngai-69-2024")
    assert [t.id for t in plan.targets] == [
        "new-products",
        "subjects-strengthened",
        "modern-channels",
        "craft-village-products",
        "subjects-trained",
    ]
    craft = plan.target("craft-village-products")
    assert craft.start == date(2024, 1, 1) and craft.stars is not None and craft.stars.min == 3
    assert plan.target("subjects-trained").value == 100
    propaganda, ideas = plan.timetable
    assert propaganda.continuous and propaganda.year == 2024
    assert (ideas.year, ideas.from_month, ideas.to_month) == (2024, 3, 4)


# --- Quyết định 919/QĐ-TTg (national, 2021–2025) ------------------------------------------


def test_919_is_the_national_programme() -> None:
    plan = catalog.plan("national-919-2022")
    assert plan.level is PlanLevel.NATIONAL and plan.province is None
    assert plan.issuer == "Thủ tướng Chính phủ"
    found = catalog.national_for(date(2024, 6, 1))
    assert found is not None and found.id == "national-919-2022"


def test_919_targets() -> None:
    products = _t("national-919-2022", "products")
    assert products.comparator is Comparator.AT_LEAST and products.value == 10_000
    five = _t("national-919-2022", "products.five-star")
    assert (five.comparator, five.low, five.high) == (Comparator.RANGE, 400, 500)
    assert _t("national-919-2022", "cooperatives").value == 40
    showrooms = _t("national-919-2022", "showrooms-per-province")
    assert showrooms.per is Per.PROVINCE and showrooms.value == 1
    forum = _t("national-919-2022", "international-forum")
    assert forum.metric is Metric.INTERNATIONAL_FORUMS and forum.per is Per.YEAR


# --- Ninh Thuận (2025) -------------------------------------------------------------------


def test_ninh_thuan_new_products() -> None:
    new = _t("ninh-thuan-2025", "new-products")
    assert (new.comparator, new.low, new.high) == (Comparator.RANGE, 20, 30)
    assert new.start == date(2025, 1, 1)
