"""ocop.tabular: row schemas and dtypes, exact round trips, hostile frames, optional pandas."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ocop import tabular
from ocop.budget import (
    BudgetTable,
    Item,
    Level,
    Reconciliation,
    Source,
    check_budget,
    reconcile,
)
from ocop.certificates.model import Certificate
from ocop.criteria import Scorecard, score
from ocop.errors import InconsistentData, InvalidInput, NotFound, OcopError
from ocop.findings import Finding, Proven, Severity
from ocop.money import INT64_MAX
from ocop.plans import Portfolio, Product, Subject, catalog, check, progress
from ocop.stars import classify
from ocop.strategies import budget_tables, portfolios
from ocop.strategies.certificates import certificates
from ocop.tabular.export import exact
from ocop.tabular.schemas import BUDGET_TABLE, PORTFOLIO, SCHEMAS

KON_TUM = "kon-tum-908-2023"

CARD = Scorecard(
    regulation="26/2026/QĐ-TTg",
    product_set="I.3.c",
    product="mut-rau-cu",
    evaluator="thanh-vien-1",
    choices={
        "1.1": 2, "1.2": 0, "1.3": 1, "1.4": 1, "1.5": 1, "1.6": 0, "1.7": 1,
        "2.1": 2, "2.2": 2, "2.3": 1, "2.4": 1,
        "3.1": 2, "3.2": 1, "3.3": 2, "3.4": 0, "3.5": 0,
        "4.1": 1, "4.2": 1, "4.3": 2,
        "5.1": 2, "5.2": 1, "5.3": 2,
        "6.1": 2, "6.2": 1, "6.3": 2, "6.4": 1, "6.5": 2,
        "7": 2, "8": 0, "9": None, "10": 1, "11": 0,
    },
)  # fmt: skip


def kon_tum_tables() -> list[BudgetTable]:
    return [doc.build() for doc in catalog.plan(KON_TUM).budget.tables]


def sample_portfolio() -> Portfolio:
    """Every column filled somewhere; products not in their subjects' order; a lone subject."""
    return Portfolio(
        subjects=(
            Subject(id="htx-a", entity_type="cooperative", modern_channels=True, trained=False),
            Subject(id="dn-b", entity_type="sme", closed_value_chain=True),
            Subject(id="ho-c", entity_type="household"),
        ),
        products=(
            Product(
                id="ca-phe",
                subject="dn-b",
                name="Cà phê <Đăk Hà>",
                district="Đăk Hà",
                commune="Hà Mòn",
                product_group="I",
                tags=("cà phê", "xuất khẩu"),
                craft_village=False,
                certificates=(
                    Certificate(
                        star=3,
                        issued_on=date(2021, 11, 5),
                        regulation="1048/QĐ-TTg+781/QĐ-TTg",
                        product="Cà phê rang xay",
                        product_set="I.1.a",
                        issued_by="province",
                        issuer="UBND tỉnh Kon Tum",
                        decision_number="1234/QĐ-UBND",
                        superseded_on=date(2024, 6, 1),
                    ),
                    Certificate(
                        star=4,
                        issued_on=date(2024, 6, 1),
                        revoked_on=date(2025, 2, 3),
                        revocation_ground="b",
                        re_evaluation_filed_on=date(2024, 9, 1),
                        re_evaluation_decided_on=date(2024, 10, 1),
                    ),
                ),
            ),
            Product(id="sam", subject="htx-a", name="", certificates=()),
        ),
    )


def scored() -> Any:
    return score(CARD)


def exported() -> list[Any]:
    """One object of every exportable type."""
    plan = catalog.plan(KON_TUM)
    table = plan.budget.tables[0]
    return [
        scored(),
        classify(scored()),
        check(plan),
        check_budget(plan.budget, period=(2021, 2025)),
        reconcile(table.build()),  # it reconciles: no row, the dtypes all the same
        reconcile(
            BudgetTable.from_arrays(
                np.array([[[2, 3]]]),
                items=(Item("a", "A"),),
                sources=("NSTW",),
                years=(2024, 2025),
                totals={Level.TOTAL: 6},
            )
        ),
        check(plan).findings[0],
        reconcile(table.build()).proven()[0],
        sample_portfolio(),
        sample_portfolio().table(),
        table.build(),
        table,
        progress(plan, sample_portfolio(), date(2025, 12, 31)),
    ]


# --- schemas and dtypes ----------------------------------------------------------------------


@pytest.mark.parametrize("obj", exported(), ids=lambda o: type(o).__name__)
def test_every_view_follows_the_schema(obj: Any) -> None:
    schema = tabular.schema(obj)
    assert tabular.schema(type(obj)) is schema
    records = tabular.records(obj)
    array = tabular.array(obj)
    df = tabular.frame(obj)
    assert len(records) == len(array) == len(df)
    assert len(df) or (isinstance(obj, Reconciliation) and obj.reconciled)
    assert all(list(r) == list(schema.names) for r in records)
    assert array.dtype == schema.dtype
    assert list(df.columns) == list(schema.names)
    assert {c.name: str(df[c.name].dtype) for c in schema.columns} == {
        c.name: c.pandas_dtype for c in schema.columns
    }
    json.dumps(records, allow_nan=False)  # JSON-serialisable, no NaN


def test_schemas_are_snake_case_and_money_is_int64() -> None:
    for schema in SCHEMAS:
        for c in schema.columns:
            assert c.name == c.name.lower() and c.name.replace("_", "").isalnum(), c.name
            assert c.doc
            if c.kind is tabular.Kind.MONEY:
                assert c.numpy_dtype == np.int64 and c.pandas_dtype == "int64"
                assert not c.nullable
            if c.kind is tabular.Kind.FLOAT:  # always beside its exact text
                assert f"{c.name}_exact" in schema.names
    assert BUDGET_TABLE.column("amount_dong").kind is tabular.Kind.MONEY
    with pytest.raises(InvalidInput, match="no column"):
        BUDGET_TABLE.column("amount")


def test_score_result_one_row_per_criterion() -> None:
    result = scored()
    df = tabular.frame(result)
    assert len(df) == len(result.criteria)
    assert df["points"].sum() == result.total == 55  # docs/scoring.md's card, "9" unticked
    row = df.set_index("criterion").loc["1.2"]
    assert (row["product"], row["evaluator"], row["sheet"], row["part"]) == (
        "mut-rau-cu",
        "thanh-vien-1",
        7,
        "A",
    )
    none = df.set_index("criterion").loc["9"]
    assert none["option"] is pd.NA and none["option_text"] is None and none["points"] == 0
    assert tabular.array(result)["option"][list(df["criterion"]).index("9")] == -1
    assert tabular.records(result)[list(df["criterion"]).index("9")]["option"] is None
    two = tabular.frame([result, result])
    assert len(two) == 2 * len(result.criteria)
    assert df.groupby("part")["points"].sum().to_dict() == {p.part: p.points for p in result.parts}


def test_classification_row() -> None:
    [row] = tabular.records(classify(Fraction(179, 2), regulation="26/2026/QĐ-TTg"))
    assert row["total"] == 89.5 and row["total_exact"] == "89.5"
    assert (row["band_star"], row["star"], row["recognised"]) == (4, 4, True)
    assert row["product_set"] is None and row["sheet"] is None
    assert row["next_star"] == 5 and row["points_needed_exact"] == "0.5"
    [third] = tabular.records(classify(Fraction(200, 3), regulation="26/2026/QĐ-TTg"))
    assert third["total_exact"] == "200/3"
    df = tabular.frame([classify(scored()), classify(95, regulation="26/2026/QĐ-TTg")])
    assert df["star"].tolist() == [2, 5] and df["band_star"].tolist() == [3, 5]
    assert df["recognised"].tolist() == [False, True]
    assert df.loc[1, "next_star"] is pd.NA and math.isnan(df.loc[1, "points_needed"])


def test_classification_held_back_by_codes() -> None:
    # 55 points is in the 3★ band, but criterion 9 (unticked) is marked *** on sheet #7.
    c = classify(scored())
    [row] = tabular.records(c)
    assert (row["band_star"], row["star"], row["held_back_by"]) == (3, 2, ["9"])
    assert tabular.frame(c).loc[0, "held_back_by"] == ("9",)


def test_findings_and_proven() -> None:
    report = check_budget(catalog.plan(KON_TUM).budget, period=(2021, 2025))
    df = tabular.frame(report)
    assert len(df) == len(report.findings) == 17
    assert set(df["severity"]) <= {"error", "warning", "info"}
    first = report.findings[0]
    assert df.loc[0, "expected"] == exact(first.expected)
    proven = tabular.frame(report.proven)
    assert len(proven) == len(report.proven) and list(proven.columns) == list(
        tabular.schema(Proven).names
    )
    assert tabular.records(reconcile(kon_tum_tables()[0])) == []  # it reconciles
    f = Finding(
        "deadline_in_horizon",
        Severity.INFO,
        "here",
        Fraction(1, 3),
        Decimal("2.50"),
        "vi",
        "en",
        quote=None,
    )
    [row] = tabular.records([f])
    assert (row["expected"], row["actual"], row["quote"], row["citations"]) == (
        "1/3",
        "2.50",
        None,
        [],
    )


def test_empty_lists_need_their_type() -> None:
    assert tabular.records([], of=Finding) == []
    df = tabular.frame((), of=Finding)
    assert len(df) == 0 and list(df.columns) == list(tabular.schema(Finding).names)
    assert tabular.array([], of=BudgetTable).dtype == BUDGET_TABLE.dtype
    with pytest.raises(InvalidInput, match="of="):
        tabular.records([])


@pytest.mark.parametrize(
    ("obj", "kwargs", "match"),
    [
        ("text", {}, "exports"),
        (42, {}, "exports"),
        (
            [
                Proven("period", "b", 1, "en"),
                Finding("deadline_in_horizon", Severity.INFO, "l", 1, 1, "v", "e"),
            ],
            {},
            "one",
        ),
        (Proven("period", "b", 1, "en"), {"computed": True}, "budget tables only"),
        (Proven("period", "b", 1, "en"), {"of": Finding}, "of=Finding"),
        (Proven("period", "b", 1, "en"), {"computed": 1}, "True or False"),
        ([], {"of": "Finding"}, "of= is one of"),
    ],
)
def test_bad_export_requests(obj: Any, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        tabular.records(obj, **kwargs)


def test_exact_numbers() -> None:
    assert [exact(v) for v in (None, 7, "≥ 30%", Decimal("134.750"))] == [
        None,
        "7",
        "≥ 30%",
        "134.750",
    ]
    assert exact(Fraction(-7, 4)) == "-1.75"
    assert exact(Fraction(1, 80)) == "0.0125"
    assert exact(Fraction(2, 3)) == "2/3"
    assert exact(Fraction(10**30 + 1, 10**30)) == "1." + "0" * 29 + "1"


def test_progress_rows() -> None:
    plan = catalog.plan(KON_TUM)
    result = progress(plan, sample_portfolio(), date(2025, 12, 31))
    df = tabular.frame(result)
    assert df["target"].tolist() == [r.target_id for r in result.results]
    assert (df["on"] == pd.Timestamp(2025, 12, 31)).all()
    products = df.set_index("target").loc["products"]
    assert products["actual_exact"] == "0"  # the 4★ certificate was revoked in 2025
    assert products["gap_exact"] == exact(result.result("products").gap)


# --- budget tables ---------------------------------------------------------------------------


def full_mask(table: BudgetTable, level: Level) -> np.ndarray:
    mask = table.mask(level)
    return np.ones(table.level_shape(level), dtype=bool) if mask is None else mask


def assert_same_table(a: BudgetTable, b: BudgetTable) -> None:
    """Equal arrays and masks at every level (a mask of None means every figure is stated)."""
    assert a.shape == b.shape
    assert (a.sources, a.years) == (b.sources, b.years)
    for level in Level:
        assert a.values(level).dtype == b.values(level).dtype == np.int64
        assert np.array_equal(a.values(level), b.values(level)), level
        assert np.array_equal(full_mask(a, level), full_mask(b, level)), level


def rebuild(table: BudgetTable, data: Any, **kwargs: Any) -> BudgetTable:
    meta = {"items": table.items, "sources": table.sources, "years": table.years}
    return tabular.budget_table_from_frame(
        data, id=table.id, title=table.title, unit=table.unit, **(meta | kwargs)
    )


def test_kon_tum_budget_rows() -> None:
    first, second = kon_tum_tables()
    df = tabular.frame(first)
    assert df["stated"].all()
    assert df.loc[df["level"] == "total", "amount_dong"].tolist() == [134_750_000_000]
    by_year = df[df["level"] == "year"].set_index("year")["amount_dong"] // 1_000_000
    assert by_year.to_dict() == {2021: 17545, 2022: 26800, 2023: 30100, 2024: 30100, 2025: 30205}
    phasing = df[df["level"] == "source_year"].pivot(
        index="source", columns="year", values="amount_dong"
    )
    assert phasing.loc["local_budget"].isna().tolist() == [True, False, False, False, False]
    assert len(df) == sum(int(full_mask(first, lv).sum()) for lv in first.levels())
    # Appendix 2 lists "Nguồn khác" with no figure: it is in no row.
    assert "other" not in set(tabular.frame(second)["source"])


@pytest.mark.parametrize("view", [tabular.frame, tabular.array, tabular.records])
@pytest.mark.parametrize("index", [0, 1])
def test_kon_tum_round_trips(view: Any, index: int) -> None:
    table = kon_tum_tables()[index]
    again = rebuild(table, view(table))
    assert_same_table(table, again)
    assert again.items == table.items and (again.id, again.title) == (table.id, table.title)


def test_items_and_sources_default_to_the_rows() -> None:
    table = kon_tum_tables()[0]
    again = tabular.budget_table_from_frame(tabular.frame(table), id="t")
    assert [(i.id, i.name) for i in again.items] == [(i.id, i.name) for i in table.items]
    assert again.sources == table.sources and again.years == table.years
    assert again.unit.value == "trieu" and again.title == "t"
    assert_same_table(table, again)


def test_computed_totals_from_cells() -> None:
    cells = np.array([[[2, 3]], [[5, 0]]], dtype=np.int64) * 1_000_000
    stated = np.array([[[True, True]], [[True, False]]])
    table = BudgetTable.from_arrays(
        cells,
        items=(Item("a", "Tuyên truyền"), Item("b", "Xúc tiến thương mại")),
        sources=(Source.CENTRAL_BUDGET,),
        years=(2024, 2025),
        totals={Level.TOTAL: 10_000_000},
        masks={Level.CELL: stated},
    )
    df = tabular.frame(table, computed=True)
    computed = df[~df["stated"]]
    year = computed[computed["level"] == "year"]
    # 2024 is the sum of two stated cells; 2025 has a blank cell, so it is not computed.
    assert year[["year", "amount_dong"]].values.tolist() == [[2024, 7_000_000]]
    assert "item_source" in set(computed["level"]) and "total" not in set(computed["level"])
    # Item b's 2025 cell is blank: b's totals over the years are not computed, its 2024 is.
    b = computed[computed["item"] == "b"]
    assert b[["level", "year", "amount_dong"]].values.tolist() == [["item_year", 2024, 5_000_000]]
    assert len(tabular.frame(table)) == 4  # without computed: the stated figures only
    assert_same_table(table, rebuild(table, df))


@st.composite
def big_tables(draw: st.DrawFn) -> BudgetTable:
    """Tables with amounts as large as a level can hold (each level's sum within int64)."""
    n_items = draw(st.integers(0, 3))
    sources = draw(st.lists(st.sampled_from(list(Source)), min_size=1, max_size=3, unique=True))
    years = sorted(draw(st.lists(st.integers(2000, 2100), max_size=3, unique=True)))
    sizes = (n_items, len(sources), len(years))
    totals, masks = {}, {}
    for level in draw(st.sets(st.sampled_from(list(Level)), min_size=1)):
        shape = level.shape_in(sizes)
        cap = 8 * 10**18 // max(1, math.prod(shape))
        values = draw(hnp.arrays(np.int64, shape, elements=st.integers(0, cap)))
        if draw(st.booleans()):
            mask = draw(hnp.arrays(np.bool_, shape))
            values = np.where(mask, values, 0)
            masks[level] = mask
        totals[level] = values
    names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
    items = tuple(Item(f"i{k}", draw(names)) for k in range(n_items))
    return BudgetTable.from_arrays(
        items=items, sources=sources, years=years, totals=totals, masks=masks, unit="dong"
    )


@given(big_tables(), st.sampled_from(["frame", "array", "records"]))
def test_round_trip_is_exact_up_to_int64(table: BudgetTable, view: str) -> None:
    again = rebuild(table, getattr(tabular, view)(table))
    assert_same_table(table, again)
    assert again.items == table.items


@given(budget_tables(blanks=True))
def test_round_trip_of_consistent_tables(table: BudgetTable) -> None:
    df = tabular.frame(table, computed=True)
    assert_same_table(table, rebuild(table, df))
    assert (df["amount_dong"] >= 0).all() and df["amount_dong"].dtype == np.int64
    # A computed figure is a sum of stated cells; on a consistent table it equals any
    # stated figure at the same place, which it never duplicates.
    assert not df.duplicated(["level", "item", "source", "year"]).any()


def test_int64_limit_in_one_figure() -> None:
    table = BudgetTable.from_arrays(
        items=(), sources=("NSTW",), years=(), totals={Level.TOTAL: 8 * 10**18 + 7}
    )
    df = tabular.frame(table)
    assert df["amount_dong"].tolist() == [8 * 10**18 + 7]
    assert rebuild(table, df).amount(Level.TOTAL) == 8 * 10**18 + 7


# --- hostile budget frames -------------------------------------------------------------------


def good_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item": ["a", "a", None],
            "source": ["central_budget", "NSĐP", None],
            "year": pd.array([2024, 2024, None], dtype="Int64"),
            "amount_dong": [1_000_000, 2_000_000, 3_000_000],
        }
    )


def build(df: Any, **kwargs: Any) -> BudgetTable:
    return tabular.budget_table_from_frame(df, id="t", **kwargs)


def test_good_rows_build() -> None:
    table = build(good_rows())
    assert table.sources == (Source.CENTRAL_BUDGET, Source.LOCAL_BUDGET)
    assert table.amount(Level.CELL, 0, 1, 0) == 2_000_000
    assert table.amount(Level.TOTAL) == 3_000_000
    # A CSV-style frame: float years with NaN for a total, blanks as NaN or ''.
    csv = good_rows().astype({"year": "float64"})
    csv.loc[2, ["item", "source"]] = [float("nan"), ""]
    assert_same_table(table, build(csv))


def with_amounts(values: list[Any], dtype: Any = object) -> pd.DataFrame:
    df = good_rows()
    df["amount_dong"] = pd.Series(values, dtype=dtype)
    return df


@pytest.mark.parametrize(
    ("df", "match"),
    [
        (with_amounts([1.0, 2.0, 3.0], "float64"), "float"),
        (with_amounts([1, 2, math.nan]), "empty"),
        (with_amounts([1, 2, None], "Int64"), "empty"),
        (with_amounts([1, 2, 2**63]), "int64"),
        (with_amounts([1, 2, 2**63], "uint64"), "int64"),
        (with_amounts([1, 2, 10**40]), "int64"),
        (with_amounts([1, -2, 3], "int64"), "negative"),
        (with_amounts([1, 2, True]), "integer number of đồng"),
        (with_amounts([1, 2, "3"]), "integer number of đồng"),
        (with_amounts([1, 2, Decimal(3)]), "integer number of đồng"),
        (with_amounts([1, 2, np.float64(3)]), "float"),
        (with_amounts([5 * 10**18, 5 * 10**18, 1], "int64"), "beyond what int64"),
        (good_rows().drop(columns="amount_dong"), "missing column.*amount_dong"),
        (good_rows().drop(columns="source"), "missing column.*source"),
        (good_rows().assign(amount=1), "unknown column.*'amount'"),
        (pd.concat([good_rows(), good_rows().iloc[:1]]), "rows 0 and 3 .*same place"),
        (good_rows().assign(year=pd.array([2024, 2024, 1999], dtype="Int64")), "2000"),
        (good_rows().assign(year=[2024.5, 2024, 2024]), "whole number"),
        (good_rows().assign(year=["2024", "2024", None]), "whole number"),
        (good_rows().assign(level=["cell", "item", "total"]), "row 1: level 'item'"),
        (good_rows().assign(stated=[True, None, True]), "empty"),
        (good_rows().assign(stated=[True, 1, True]), "True or False"),
        (good_rows().iloc[:0], "at least one funding source"),
        (good_rows().rename(columns={"item": 0}), "column names are text"),
        (good_rows().to_numpy(), "structured"),
        ("item,source,year,amount_dong", "DataFrame"),
    ],
)
def test_hostile_budget_frames(df: Any, match: str) -> None:
    with pytest.raises(InvalidInput, match=match) as err:
        build(df)
    assert isinstance(err.value, OcopError)


def test_unknown_sources_items_and_years() -> None:
    df = good_rows()
    df.loc[0, "source"] = "ngân hàng thế giới"
    with pytest.raises(NotFound, match="row 0: unknown funding source") as err:
        build(df)
    assert err.value.code == "not_found" and err.value.context["row"] == 0
    with pytest.raises(NotFound, match="item 'a'"):
        build(good_rows(), items=(Item("b", "B"),))
    with pytest.raises(NotFound, match="source 'local_budget'"):
        build(good_rows(), sources=("NSTW",))
    with pytest.raises(NotFound, match="year 2024"):
        build(good_rows(), years=(2025,))
    with pytest.raises(InconsistentData, match="rows 0 and 1 name item 'a' 'x' and 'y'"):
        build(good_rows().assign(item_name=["x", "y", None]))
    with pytest.raises(InconsistentData, match="items= 'B'"):
        build(good_rows().assign(item_name=["A", "A", None]), items=(Item("a", "B"),))
    with pytest.raises(InvalidInput, match="Item objects"):
        build(good_rows(), items=("a",))
    with pytest.raises(InvalidInput, match="table id"):
        tabular.budget_table_from_frame(good_rows(), id="")


def test_duplicate_columns_and_ragged_input() -> None:
    df = pd.concat([good_rows(), good_rows()[["year"]]], axis=1)
    with pytest.raises(InvalidInput, match="appear twice"):
        build(df)
    with pytest.raises(InvalidInput, match="different lengths"):
        build({"item": [None], "source": ["NSTW", "NSTW"], "year": [None], "amount_dong": [1]})
    with pytest.raises(InvalidInput, match="record 1"):
        build([{"item": None, "source": "NSTW", "year": None, "amount_dong": 1}, "x"])


def test_stated_false_rows_are_skipped() -> None:
    df = good_rows().assign(stated=[True, True, False])
    table = build(df)
    assert not table.present(Level.TOTAL)


def test_mapping_of_columns_and_records() -> None:
    columns = {k: list(v) for k, v in good_rows().astype(object).items()}
    columns["year"] = [2024, 2024, None]
    assert_same_table(build(good_rows()), build(columns))
    assert_same_table(build(good_rows()), build(tabular.records(build(good_rows()))))


# --- portfolios ------------------------------------------------------------------------------


def test_portfolio_rows() -> None:
    p = sample_portfolio()
    df = tabular.frame(p)
    # Products are not in their subjects' order, so each subject has a row of its own first.
    assert df["product"].tolist() == [None, None, None, "ca-phe", "ca-phe", "sam"]
    assert df["subject"].tolist()[:3] == ["htx-a", "dn-b", "ho-c"]
    coffee = df[df["product"] == "ca-phe"]
    assert coffee["star"].tolist() == [3, 4]
    assert coffee["issued_on"].tolist() == [pd.Timestamp(2021, 11, 5), pd.Timestamp(2024, 6, 1)]
    assert coffee["tags"].iloc[0] == ("cà phê", "xuất khẩu")
    assert df.loc[5, "star"] is pd.NA and df.loc[5, "product_name"] == ""
    assert df["modern_channels"].tolist()[:3] == [True, pd.NA, pd.NA]
    [ordered] = [tabular.frame(Portfolio(subjects=p.subjects[1:2], products=p.products[:1]))]
    assert ordered["product"].tolist() == ["ca-phe", "ca-phe"]  # in order: no subject rows


@pytest.mark.parametrize("view", [tabular.frame, tabular.array, tabular.records])
def test_portfolio_round_trip(view: Any) -> None:
    p = sample_portfolio()
    again = tabular.portfolio_from_frame(view(p))
    assert again == p and again.model_dump() == p.model_dump()


@st.composite
def detailed_portfolios(draw: st.DrawFn) -> Portfolio:
    base = draw(portfolios(max_subjects=3, max_products=4))
    products = tuple(
        # Two identical certificates would be two identical rows, which reading refuses.
        p.model_copy(
            update={
                "certificates": tuple(
                    draw(st.lists(certificates(details=True), max_size=3, unique_by=repr))
                )
            }
        )
        if draw(st.booleans())
        else p
        for p in base.products
    )
    return Portfolio(subjects=base.subjects, products=products)


@given(
    st.one_of(portfolios(), detailed_portfolios()), st.sampled_from(["frame", "array", "records"])
)
def test_portfolio_round_trip_property(p: Portfolio, view: str) -> None:
    rows = getattr(tabular, view)(p)
    again = tabular.portfolio_from_frame(rows)
    assert again == p
    if view == "records":
        json.dumps(rows, allow_nan=False)


@given(portfolios())
def test_portfolio_table_rows_are_idempotent(p: Portfolio) -> None:
    first = tabular.frame(p.table())
    assert len(first[first["product"].notna()]) == sum(
        max(1, len(x.certificates)) for x in p.products
    )
    again = tabular.portfolio_from_frame(first).table()
    pd.testing.assert_frame_equal(tabular.frame(again), first)


CERTIFICATE = PORTFOLIO.names[PORTFOLIO.names.index("star") :]


def portfolio_rows() -> pd.DataFrame:
    return tabular.frame(sample_portfolio())


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        (lambda df: df.drop(columns="product"), InvalidInput, "missing column.*product"),
        (lambda df: df.assign(stars=1), InvalidInput, "unknown column.*'stars'"),
        (lambda df: pd.concat([df, df.iloc[[3]]]), InvalidInput, "rows 3 and 6 are the same"),
        (
            lambda df: df.assign(
                entity_type=["cooperative", "sme", "household", "sme", "farm", "x"]
            ),
            InconsistentData,
            "subject 'dn-b' different entity_type",
        ),
        (
            lambda df: df.assign(district=[None] * 3 + ["Đăk Hà", "Kon Rẫy", None]),
            InconsistentData,
            "product 'ca-phe' different district",
        ),
        (
            lambda df: df.assign(star=pd.Series([None] * 3 + [3.5, 4, None], dtype=object)),
            InvalidInput,
            "row 3.*whole number",
        ),
        (
            lambda df: df.assign(star=pd.array([None] * 3 + [6, 4, None], dtype="Int64")),
            InvalidInput,
            "row 3: invalid Certificate",
        ),
        (
            lambda df: df.assign(
                issued_on=[None] * 3 + [datetime(2021, 11, 5, 8), datetime(2024, 6, 1), None]
            ),
            InvalidInput,
            "without a time of day",
        ),
        (
            lambda df: df.assign(entity_type=df["entity_type"].replace("household", "hộ")),
            InvalidInput,
            "row 2: invalid Subject",
        ),
        (
            lambda df: pd.concat([df, df.iloc[[3]].assign(**dict.fromkeys(CERTIFICATE))]),
            InvalidInput,
            "'ca-phe' has rows with a certificate and row 6 without",
        ),
        (
            lambda df: df.assign(district=["X", None, None, "Đăk Hà", "Đăk Hà", None]),
            InvalidInput,
            "row 0 has no product but gives district",
        ),
        (lambda df: df.assign(subject=[None, *list(df["subject"])[1:]]), InvalidInput, "empty"),
        (lambda df: df.assign(tags=[1] * 6), InvalidInput, "list of text"),
        (lambda df: df.assign(craft_village="no"), InvalidInput, "True or False"),
    ],
)
def test_hostile_portfolio_frames(change: Any, error: type[OcopError], match: str) -> None:
    with pytest.raises(error, match=match):
        tabular.portfolio_from_frame(change(portfolio_rows()))


def test_portfolio_from_a_spreadsheet() -> None:
    """What an office keeps: one row per product, stars and dates typed in, blanks as NaN."""
    df = pd.DataFrame(
        {
            "subject": ["HTX Măng Đen", "HTX Măng Đen", "Hộ A"],
            "entity_type": ["cooperative", "cooperative", "household"],
            "product": ["sâm dây", "rượu sâm", "mật ong"],
            "star": [4.0, math.nan, 3.0],  # a float column, as a blank makes it
            "issued_on": ["2023-08-01", None, "2022-01-10"],
            "tags": ["dược liệu; Măng Đen", math.nan, ""],
        }
    )
    p = tabular.portfolio_from_frame(df)
    assert [s.id for s in p.subjects] == ["HTX Măng Đen", "Hộ A"]
    assert [len(x.certificates) for x in p.products] == [1, 0, 1]
    assert p.products[0].tags == ("dược liệu", "Măng Đen") and p.products[2].tags == ()
    assert p.products[0].certificates[0].issued_on == date(2023, 8, 1)


# --- pandas stays optional -------------------------------------------------------------------


def test_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    table = kon_tum_tables()[0]
    assert tabular.records(table) and len(tabular.array(table))
    with pytest.raises(ImportError, match=r"pip install 'ocop\[pandas\]'"):
        tabular.frame(table)


def test_importing_ocop_loads_neither_pandas_nor_matplotlib() -> None:
    code = """
import sys
import ocop, ocop.admin, ocop.budget, ocop.certificates, ocop.criteria, ocop.findings
import ocop.law, ocop.money, ocop.plans, ocop.stars, ocop.taxonomy, ocop.tabular
from ocop.plans import catalog
table = catalog.plan("kon-tum-908-2023").budget.tables[0].build()
ocop.tabular.records(table); ocop.tabular.array(table)
ocop.tabular.budget_table_from_frame(ocop.tabular.array(table), id="t")
print(sorted(m for m in ("pandas", "matplotlib") if m in sys.modules))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_portfolio_schema_mirrors_the_models() -> None:
    """Every field of Subject, Product and Certificate has a column (a new field needs one)."""
    covered = set(PORTFOLIO.names) | {"id", "name", "certificates", "product", "subject"}
    renamed = {"product_name", "certificate_product"}
    for model in (Subject, Product, Certificate):
        assert set(model.model_fields) <= covered | renamed, model
    assert INT64_MAX == 2**63 - 1
