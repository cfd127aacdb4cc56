"""ocop.budget: reading figures, building tables, refusing bad input, reconciling, checking.

Amounts are integer đồng; ``M`` is one triệu (the unit the plans write in).
The Kon Tum 2021–2025 budget has its own test file (test_budget_kon_tum.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.budget import (
    Budget,
    BudgetTable,
    Claim,
    Item,
    Level,
    Source,
    TableDocument,
    check_budget,
    read_figures,
    reconcile,
    table_from_csv,
    table_from_records,
)
from ocop.errors import AmbiguousInput, InconsistentData, InvalidInput, NotFound, OcopError
from ocop.findings import Severity
from ocop.money import Unit
from ocop.plans import Plan, catalog
from ocop.strategies import budget_tables

M = 1_000_000  # đồng in one triệu
TRIEU = Unit.TRIEU

# An entry as (item, source, year, amount); None leaves the axis out (a total over it).
Row = tuple[str | None, str | None, int | None, str | int]


def table_json(
    entries: Sequence[Row],
    *,
    sources: Sequence[str] = ("central_budget", "subjects"),
    years: Sequence[int] = (),
    items: Sequence[str] = ("a", "b"),
    locale: str = "en",
    **extra: Any,
) -> dict[str, Any]:
    """A TableDocument as JSON data: items named by their id in capitals."""
    return {
        "id": "t",
        "title": "Bảng T",
        "unit": "triệu đồng",
        "locale": locale,
        "sources": list(sources),
        "years": list(years),
        "items": [{"id": i, "name": i.upper()} for i in items],
        "entries": [
            {
                k: v
                for k, v in zip(("item", "source", "year", "amount"), row, strict=True)
                if v is not None
            }
            for row in entries
        ],
        **extra,
    }


def build(entries: Sequence[Row], **kw: Any) -> BudgetTable:
    return TableDocument.model_validate_json(json.dumps(table_json(entries, **kw))).build()


def findings(table: BudgetTable) -> list[tuple[str, str, Any, Any]]:
    return [(f.code, f.location, f.expected, f.actual) for f in reconcile(table).findings]


# --- reading figures ---------------------------------------------------------------------


def test_a_stated_locale_reads_its_notation() -> None:
    assert read_figures([("NSTW", "134.750"), ("NSTW", "400,7")], unit=TRIEU, locale="vi") == (
        134_750 * M,
        400_700_000,
    )
    assert read_figures([("NSTW", "134,750"), ("NSTW", "24250")], unit=TRIEU, locale="en") == (
        134_750 * M,
        24_250 * M,
    )
    # The same text, two conventions, two amounts: the caller's word decides.
    assert read_figures([("Tổng", "1,000")], unit=TRIEU, locale="vi") == (1 * M,)
    assert read_figures([("Tổng", "1,000")], unit=TRIEU, locale="en") == (1_000 * M,)
    # A JSON integer counts whole units of the table, whatever the convention.
    assert read_figures([("NSTW", 24_250)], unit=TRIEU, locale="vi") == (24_250 * M,)
    assert read_figures([("NSTW", 7)], unit=Unit.TY, locale="en") == (7_000 * M,)


def test_detect_decides_by_a_figure_only_one_notation_reads() -> None:
    # "400,7" is only vi (en puts three digits after a comma), so "1,000" in the same
    # column is vi too: one triệu.
    assert read_figures([("NSTW", "400,7"), ("NSTW", "1,000")], unit=TRIEU, locale="detect") == (
        400_700_000,
        1 * M,
    )
    # "1.234.567" is only vi (en has one decimal point), so "1.000" is a thousand.
    assert read_figures(
        [("NSĐP", "1.234.567"), ("NSĐP", "1.000")], unit=TRIEU, locale="detect"
    ) == (1_234_567 * M, 1_000 * M)
    # "1,234.5" is only en.
    assert read_figures([("Tổng", "1,234.5"), ("Tổng", "1,000")], unit=TRIEU, locale="detect") == (
        1_234_500_000,
        1_000 * M,
    )
    # Figures that read the same both ways need no decision.
    assert read_figures([("NSTW", "24250"), ("NSTW", "545")], unit=TRIEU, locale="detect") == (
        24_250 * M,
        545 * M,
    )


def test_detect_refuses_a_column_that_reads_both_ways() -> None:
    with pytest.raises(AmbiguousInput) as caught:
        read_figures([("NSTW", "1,000")], unit=TRIEU, locale="detect")
    message = str(caught.value)
    assert "'1,000'" in message
    assert "vi 1 triệu đồng" in message and "en 1.000 triệu đồng" in message
    assert "locale" in message
    assert caught.value.context["readings"] == [1 * M, 1_000 * M]


def test_detect_refuses_the_908_appendix_total_column() -> None:
    # Phụ lục 1 of 908/KH-UBND: each total-column figure reads as vi or en.
    with pytest.raises(AmbiguousInput, match=r"vi 1 triệu đồng or en 1\.000 triệu đồng"):
        read_figures(
            [("Tổng", "1,000"), ("Tổng", "4,000"), ("Tổng", "134,750")],
            unit=TRIEU,
            locale="detect",
        )
    appendix = catalog.plan("kon-tum-908-2023").budget
    assert appendix is not None
    data = appendix.tables[0].model_dump(mode="json")
    assert data["locale"] == "en"
    with pytest.raises(AmbiguousInput, match="state the table's locale"):
        TableDocument.model_validate({**data, "locale": "detect"})
    table = TableDocument.model_validate(data).build()
    assert table.amount(Level.TOTAL) == 134_750 * M


def test_detect_refuses_mixed_notation() -> None:
    with pytest.raises(InconsistentData, match="mixes vi and en"):
        read_figures([("NSTW", "400,7"), ("NSTW", "1,234.5")], unit=TRIEU, locale="detect")
    with pytest.raises(InconsistentData, match="disagree"):
        read_figures([("NSTW", "400,7"), ("NSĐP", "1,234.5")], unit=TRIEU, locale="detect")
    with pytest.raises(InconsistentData):
        build(
            [("a", "central_budget", None, "400,7"), ("a", None, None, "1,234.5")], locale="detect"
        )
    with pytest.raises(InvalidInput, match="'vi', 'en', 'detect'"):
        read_figures([("NSTW", "1")], unit=TRIEU, locale="fr")


# --- building tables ---------------------------------------------------------------------

#: One table three ways: items a, b × NSTW, chủ thể × 2024, 2025, with a row total for a,
#: a source total for NSTW and the grand total; b × chủ thể × 2025 is left blank.
CELLS: list[Row] = [
    ("a", "central_budget", 2024, "1,000"),
    ("a", "central_budget", 2025, "2,000"),
    ("a", "subjects", 2024, "500"),
    ("a", "subjects", 2025, "250"),
    ("b", "central_budget", 2024, "3,000"),
    ("b", "central_budget", 2025, "4,000"),
    ("b", "subjects", 2024, "1,500"),
    ("a", None, None, "3,750"),
    (None, "central_budget", None, "10,000"),
    (None, None, None, "12,250"),
]
YEARS = (2024, 2025)


def _same_table(table: BudgetTable) -> None:
    assert table.shape == (2, 2, 2)
    assert [i.id for i in table.items] == ["a", "b"]
    assert table.sources == (Source.CENTRAL_BUDGET, Source.SUBJECTS)
    assert table.years == YEARS and table.unit is Unit.TRIEU
    assert list(table.levels()) == [Level.CELL, Level.ITEM, Level.SOURCE, Level.TOTAL]
    cells = table.values(Level.CELL)
    assert cells.dtype == np.int64 and not cells.flags.writeable
    assert cells.tolist() == [
        [[1_000 * M, 2_000 * M], [500 * M, 250 * M]],
        [[3_000 * M, 4_000 * M], [1_500 * M, 0]],
    ]
    assert table.stated(Level.CELL, 1, 1, 0) and not table.stated(Level.CELL, 1, 1, 1)
    assert table.amount(Level.CELL, 1, 1, 1) is None
    assert table.amount(Level.ITEM, 0) == 3_750 * M and table.amount(Level.ITEM, 1) is None
    assert table.amount(Level.SOURCE, 0) == 10_000 * M
    assert table.amount(Level.TOTAL) == 12_250 * M
    assert not table.present(Level.YEAR) and table.amount(Level.YEAR, 0) is None
    assert table.label(Level.ITEM, (0,)) == "t › A × mọi nguồn × cả giai đoạn"


def test_a_table_from_json() -> None:
    doc = TableDocument.model_validate_json(json.dumps(table_json(CELLS, years=YEARS)))
    _same_table(doc.build())
    assert doc.build() is doc.build()  # read once, when validated


def test_a_table_from_records() -> None:
    records = [{"item": i, "source": s, "year": y, "amount": a} for i, s, y, a in CELLS]
    doc = table_from_records(
        records,
        id="t",
        unit="triệu đồng",
        locale="en",
        items=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    )
    _same_table(doc.build())
    # Without items, sources and years, they come from the records.
    bare = table_from_records(records, id="t", unit=Unit.TRIEU, locale="en").build()
    assert [i.name for i in bare.items] == ["a", "b"] and bare.years == YEARS


def test_a_table_from_csv() -> None:
    lines = ["year,item,source,amount"]  # any column order
    lines += [f'{y or ""},{i or ""},{s or ""},"{a}"' for i, s, y, a in CELLS]
    doc = table_from_csv(
        "\n".join(lines) + "\n",
        id="t",
        unit="triệu đồng",
        locale="en",
        items=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    )
    _same_table(doc.build())
    with pytest.raises(InvalidInput, match="header"):
        table_from_csv("a,b\n1,2\n", id="t", unit="triệu đồng", locale="en")
    with pytest.raises(InvalidInput, match="CSV line 2"):
        table_from_csv("item,source,year,amount\na,NSTW,20x4,5\n", id="t", unit="dong", locale="vi")


def test_a_table_from_arrays() -> None:
    cells = np.array([[[1_000, 2_000], [500, 250]], [[3_000, 4_000], [1_500, 0]]]) * M
    mask = np.ones((2, 2, 2), dtype=bool)
    mask[1, 1, 1] = False
    table = BudgetTable.from_arrays(
        cells,
        items=(Item("a", "A"), Item("b", "B")),
        sources=("NSTW", Source.SUBJECTS),  # a source by its short name too
        years=YEARS,
        totals={
            Level.ITEM: np.array([3_750 * M, 0]),
            Level.SOURCE: np.array([10_000 * M, 0]),
            Level.TOTAL: 12_250 * M,
        },
        masks={
            Level.CELL: mask,
            Level.ITEM: np.array([True, False]),
            Level.SOURCE: np.array([True, False]),
        },
        id="t",
    )
    _same_table(table)
    assert table.mask(Level.TOTAL) is None  # all stated
    assert cells.flags.writeable  # the caller's array is left alone


def test_items_keep_their_printed_details() -> None:
    data = table_json([("a", None, None, "5")], items=("a",))
    data["items"] = [
        {
            "id": "a",
            "name": "Đánh giá phân hạng sản phẩm các cấp",
            "activity": "classification",
            "number": "1",
            "unit": "Sản phẩm",
            "quantity": 250,
        }
    ]
    item = TableDocument.model_validate(data).build().items[0]
    assert (item.activity, item.number, item.unit, item.quantity) == (
        "classification",
        "1",
        "Sản phẩm",
        250,
    )
    assert item.activity is not None and item.activity.counts_products
    assert item.label == "1. Đánh giá phân hạng sản phẩm các cấp"


# --- bad input ---------------------------------------------------------------------------

ITEMS2 = (Item("a", "A"), Item("b", "B"))
SOURCES2 = (Source.CENTRAL_BUDGET, Source.SUBJECTS)
ONES = np.ones((2, 2, 2), dtype=np.int64)


def _arrays(cells: Any, **kw: Any) -> BudgetTable:
    return BudgetTable.from_arrays(cells, items=ITEMS2, sources=SOURCES2, years=YEARS, **kw)


def _json_text(amount_json: str) -> TableDocument:
    text = json.dumps(table_json([("a", "subjects", None, "@")])).replace('"@"', amount_json)
    return TableDocument.model_validate_json(text)


def _python(amount: object) -> TableDocument:
    return TableDocument.model_validate(table_json([("a", "subjects", None, amount)]))  # type: ignore[list-item]


def _plan_with_budget_year(year: int) -> Plan:
    source = Path(catalog.__file__).parent / "data" / "kon-tum-908-2023.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["budget"]["tables"][1]["years"].append(year)
    return Plan.as_written(json.dumps(data, ensure_ascii=False))


def _negative_cell() -> BudgetTable:
    cells = ONES.copy()
    cells[1, 0, 1] = -3
    return _arrays(cells)


BAD: list[tuple[str, Callable[[], object], type[OcopError], str]] = [
    ("negative text", lambda: build([("a", "subjects", None, "-5")]), InvalidInput, "negative"),
    ("negative int", lambda: build([("a", "subjects", None, -5)]), InvalidInput, "negative"),
    ("negative cell", _negative_cell, InvalidInput, "negative amount -3 at (1, 0, 1)"),
    ("negative total", lambda: _arrays(ONES, totals={Level.TOTAL: -1}), InvalidInput, "negative"),
    ("float in JSON", lambda: _json_text("1.5"), InvalidInput, "integer"),
    ("float in Python", lambda: _python(1.5), InvalidInput, "integer"),
    ("float array", lambda: _arrays(ONES * 1.0), InvalidInput, "float64"),
    ("float total", lambda: _arrays(ONES, totals={Level.TOTAL: 8.0}), InvalidInput, "float64"),
    ("NaN in JSON", lambda: _json_text("NaN"), InvalidInput, "integer"),
    ("Infinity in JSON", lambda: _json_text("Infinity"), InvalidInput, "integer"),
    ("NaN in Python", lambda: _python(float("nan")), InvalidInput, "integer"),
    ("inf in Python", lambda: _python(float("inf")), InvalidInput, "integer"),
    ("Decimal in Python", lambda: _python(Decimal("1000")), InvalidInput, "integer"),
    ("NaN array", lambda: _arrays(np.full((2, 2, 2), np.nan)), InvalidInput, "float64"),
    ("inf array", lambda: _arrays(np.full((2, 2, 2), np.inf)), InvalidInput, "float64"),
    (
        "NaN figure",
        lambda: read_figures([("c", float("nan"))], unit=TRIEU, locale="vi"),  # type: ignore[list-item]
        InvalidInput,
        "nan",
    ),
    (
        "unknown source",
        lambda: build([("a", "subjects", None, "5")], sources=["gold"]),
        NotFound,
        "unknown funding source",
    ),
    (
        "unknown source in an entry",
        lambda: build([("a", "vàng", None, "5")]),
        NotFound,
        "unknown funding source",
    ),
    ("source not listed", lambda: build([("a", "credit", None, "5")]), NotFound, "does not list"),
    (
        "unknown source in arrays",
        lambda: BudgetTable.from_arrays(
            ONES, items=ITEMS2, sources=("gold", "credit"), years=YEARS
        ),
        NotFound,
        "gold",
    ),
    ("unknown item", lambda: build([("z", "subjects", None, "5")]), NotFound, "item 'z'"),
    (
        "year not in the table",
        lambda: build([("a", None, 2023, "5")], years=YEARS),
        NotFound,
        "year 2023",
    ),
    (
        "year outside 2000-2100",
        lambda: build([("a", None, 1999, "5")], years=YEARS),
        InvalidInput,
        "2000",
    ),
    (
        "year outside the plan",
        lambda: _plan_with_budget_year(2026),
        InvalidInput,
        "outside the plan's period 2021–2025",
    ),
    (
        "years out of order",
        lambda: build([("a", None, None, "5")], years=(2025, 2024)),
        InvalidInput,
        "order",
    ),
    ("unreadable 12,34,5", lambda: build([("a", None, None, "12,34,5")]), InvalidInput, "12,34,5"),
    (
        "unreadable 12,34,5 vi",
        lambda: build([("a", None, None, "12,34,5")], locale="vi"),
        InvalidInput,
        "decimal mark",
    ),
    ("unreadable abc", lambda: build([("a", None, None, "abc")]), InvalidInput, "character 'a'"),
    (
        "unreadable abc detect",
        lambda: build([("a", None, None, "abc")], locale="detect"),
        InvalidInput,
        "either notation",
    ),
    ("a dash", lambda: build([("a", None, None, "-")]), InvalidInput, "'-'"),
    (
        "a fraction of a đồng",
        lambda: read_figures([("c", "1,5")], unit=Unit.DONG, locale="vi"),
        InvalidInput,
        "whole number of đồng",
    ),
    (
        "duplicate entries",
        lambda: build([("a", None, None, "5"), ("a", None, None, "5")]),
        InvalidInput,
        "two figures",
    ),
    (
        "duplicate item ids",
        lambda: build([("a", None, None, "5")], items=("a", "a")),
        InvalidInput,
        "twice",
    ),
    (
        "duplicate sources",
        lambda: build([("a", None, None, "5")], sources=["central_budget", "NSTW"]),
        InvalidInput,
        "twice",
    ),
    (
        "duplicate years",
        lambda: build([("a", None, None, "5")], years=(2024, 2024)),
        InvalidInput,
        "twice",
    ),
    ("duplicate cells", lambda: _arrays(ONES, totals={Level.CELL: ONES}), InvalidInput, "once"),
    ("huge JSON int", lambda: build([("a", None, None, 2**70)]), InvalidInput, "int64"),
    ("huge text", lambda: build([("a", None, None, "999999999999999")]), InvalidInput, "int64"),
    (
        "entries adding up past int64",
        lambda: build(
            [("a", "central_budget", None, 5 * 10**12), ("a", "subjects", None, 5 * 10**12)]
        ),
        InvalidInput,
        "int64",
    ),
    (
        "array adding up past int64",
        lambda: _arrays(np.full((2, 2, 2), 2**62)),
        InvalidInput,
        "int64",
    ),
    ("uint64 array", lambda: _arrays(ONES.astype(np.uint64)), InvalidInput, "uint64"),
    (
        "object array",
        lambda: _arrays(np.full((2, 2, 2), 2**64, dtype=object)),
        InvalidInput,
        "object",
    ),
    ("bool in JSON", lambda: _json_text("true"), InvalidInput, "integer"),
    (
        "bool figure",
        lambda: read_figures([("c", True)], unit=TRIEU, locale="vi"),
        InvalidInput,
        "True",
    ),
    ("bool array", lambda: _arrays(ONES.astype(bool)), InvalidInput, "bool"),
    ("bool total", lambda: _arrays(ONES, totals={Level.TOTAL: True}), InvalidInput, "bool"),
    (
        "wrong shape",
        lambda: _arrays(ONES, totals={Level.ITEM: np.array([1, 2, 3])}),
        InvalidInput,
        "shape",
    ),
    ("totals keyed by name", lambda: _arrays(ONES, totals={"TOTAL": 8}), InvalidInput, "Level"),
    (
        "unstated figure not 0",
        lambda: _arrays(ONES, masks={Level.CELL: np.zeros((2, 2, 2), bool)}),
        InvalidInput,
        "must be 0",
    ),
    (
        "unknown unit",
        lambda: build([("a", None, None, "5")], unit="dollars"),
        NotFound,
        "money unit",
    ),
    (
        "unknown convention",
        lambda: build([("a", None, None, "5")], locale="fr"),
        InvalidInput,
        "locale",
    ),
    ("no entries", lambda: build([]), InvalidInput, "entries"),
    (
        "an unknown field",
        lambda: build([("a", None, None, "5")], note="x"),
        InvalidInput,
        "Extra inputs",
    ),
    (
        "a claim without figures",
        lambda: Claim(id="c", where="V", text="t", unit=TRIEU, locale="vi"),
        InvalidInput,
        "neither",
    ),
]


@pytest.mark.parametrize(("name", "call", "error", "word"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_a_clear_error(
    name: str, call: Callable[[], object], error: type[OcopError], word: str
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert word in str(caught.value), str(caught.value)


def test_a_document_shows_the_unknown_value_in_its_error() -> None:
    with pytest.raises(NotFound) as caught:
        build([("z", "subjects", None, "5")])
    assert "its items: a, b" in str(caught.value)
    with pytest.raises(InvalidInput) as bad:
        build([("a", None, None, "12,34,5")])
    assert bad.value.context["column"] == "Tổng"


def test_a_source_not_listed_is_named_by_its_value() -> None:
    with pytest.raises(NotFound) as caught:
        build([("a", "credit", None, "5")])
    assert "<Source." not in str(caught.value) and "'credit'" in str(caught.value)


def test_a_negative_figure_is_refused_without_advice_that_cannot_be_followed() -> None:
    # money.parse_amount would suggest allow_negative=True, which no budget reader takes.
    for figure in ("-5", "\u22125", " -1.000"):
        with pytest.raises(InvalidInput) as caught:
            build([("a", "subjects", None, figure)], locale="vi")
        assert "negative" in str(caught.value) and "allow_negative" not in str(caught.value)


def test_a_dash_is_not_called_negative() -> None:
    with pytest.raises(InvalidInput) as caught:
        build([("a", None, None, "-")])
    assert "negative" not in str(caught.value)


def test_one_bad_entry_is_reported_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        _json_text("1.5")
    assert "at least 1 item" not in str(caught.value)


def test_a_short_csv_row_is_refused_with_a_readable_message() -> None:
    with pytest.raises(InvalidInput) as caught:
        table_from_csv("item,source,year,amount\na,NSTW,2024\n", id="t", unit="dong", locale="vi")
    assert "NoneType" not in str(caught.value) and "amount" in str(caught.value)


def test_from_arrays_refuses_a_source_or_item_listed_twice() -> None:
    with pytest.raises(InvalidInput):
        BudgetTable.from_arrays(
            ONES, items=ITEMS2, sources=(Source.CREDIT, Source.CREDIT), years=YEARS
        )
    with pytest.raises(InvalidInput):
        BudgetTable.from_arrays(
            ONES, items=(Item("a", "A"), Item("a", "B")), sources=SOURCES2, years=YEARS
        )


@pytest.mark.parametrize(
    "call",
    [
        lambda: read_figures([("c", 1.5)], unit="triệu đồng", locale="vi"),  # type: ignore[arg-type,list-item]
        lambda: read_figures("abc", unit=TRIEU, locale="vi"),  # type: ignore[arg-type]
        lambda: reconcile("x"),  # type: ignore[arg-type]
    ],
    ids=["str unit", "figures not pairs", "reconcile not a table"],
)
def test_misuse_is_refused_with_an_ocop_error(call: Callable[[], object]) -> None:
    with pytest.raises(OcopError):
        call()


# --- reconciling one table ---------------------------------------------------------------


def test_a_row_total_that_is_not_the_sum_of_its_sources() -> None:
    table = build(
        [
            ("a", "central_budget", None, "3"),
            ("a", "subjects", None, "1"),
            ("a", None, None, "5"),
            ("b", "central_budget", None, "2"),
            ("b", None, None, "2"),
        ]
    )
    assert findings(table) == [
        ("sources_sum_mismatch", "t › A × mọi nguồn × cả giai đoạn", 4 * M, 5 * M)
    ]
    f = reconcile(table).findings[0]
    assert f.severity is Severity.ERROR
    assert f.message_vi == (
        "t › A × mọi nguồn × cả giai đoạn: ghi 5 triệu đồng, cộng các nguồn vốn được 4 "
        "(NSTW 3 + chủ thể 1), chênh 1"
    )
    assert f.message_en == (
        "t › A × mọi nguồn × cả giai đoạn: stated 5 million VND, the parts add up to 4 "
        "(central budget 3 + OCOP subjects' own funds 1), a difference of 1"
    )


def test_a_column_total_that_is_not_the_sum_of_its_items() -> None:
    table = build(
        [
            ("a", "central_budget", None, "3"),
            ("b", "central_budget", None, "2"),
            (None, "central_budget", None, "6"),
            ("a", "subjects", None, "1"),
            (None, "subjects", None, "1"),
        ]
    )
    assert findings(table) == [
        ("items_sum_mismatch", "t › Tổng × NSTW × cả giai đoạn", 5 * M, 6 * M)
    ]


def test_a_phasing_that_is_not_the_sum_of_its_years() -> None:
    table = build(
        [
            (None, "central_budget", 2024, "1,000"),
            (None, "central_budget", 2025, "1,500"),
            (None, "central_budget", None, "2,400"),
            (None, "subjects", 2024, "7"),
            (None, "subjects", None, "7"),
        ],
        years=YEARS,
    )
    assert findings(table) == [
        ("years_sum_mismatch", "t › Tổng × NSTW × cả giai đoạn", 2_500 * M, 2_400 * M)
    ]
    table = build(
        [
            (None, "central_budget", 2024, "1,000"),
            (None, "subjects", 2024, "500"),
            (None, None, 2024, "1,400"),
        ],
        years=YEARS,
    )
    assert findings(table) == [
        ("sources_sum_mismatch", "t › Tổng × mọi nguồn × 2024", 1_500 * M, 1_400 * M)
    ]


def test_a_grand_total_that_is_not_the_sum_of_its_parts() -> None:
    table = build(
        [
            (None, "central_budget", None, "24,250"),
            (None, "subjects", None, "74,000"),
            (None, None, None, "134,750"),
        ]
    )
    assert findings(table) == [
        ("sources_sum_mismatch", "t › Tổng × mọi nguồn × cả giai đoạn", 98_250 * M, 134_750 * M)
    ]
    by_items = build([("a", None, None, "1"), ("b", None, None, "2"), (None, None, None, "4")])
    assert findings(by_items) == [
        ("items_sum_mismatch", "t › Tổng × mọi nguồn × cả giai đoạn", 3 * M, 4 * M)
    ]


def test_sub_sources_against_their_parent() -> None:
    sources = ["state_budget", "central_budget", "local_budget", "subjects"]
    table = build(
        [
            (None, "state_budget", None, "10"),
            (None, "central_budget", None, "6"),
            (None, "local_budget", None, "3"),
            (None, "subjects", None, "5"),
            (None, None, None, "15"),  # NSNN + chủ thể: sub-sources are not added again
        ],
        sources=sources,
    )
    assert findings(table) == [
        ("sub_sources_sum_mismatch", "t › Tổng × NSNN × cả giai đoạn", 9 * M, 10 * M)
    ]
    assert (
        reconcile(table)
        .findings[0]
        .message_en.endswith("(central budget 6 + local budget 3), a difference of 1")
    )
    held = [(p.code, p.location) for p in reconcile(table).proven()]
    assert held == [("sources_sum", "t › Tổng × mọi nguồn × cả giai đoạn")]
    # The local budget's own levels are compared with it, not with the state budget.
    levels = build(
        [
            (None, "local_budget", None, "6"),
            (None, "provincial_budget", None, "3"),
            (None, "district_budget", None, "2"),
            (None, "commune_budget", None, "1"),
        ],
        sources=["local_budget", "provincial_budget", "district_budget", "commune_budget"],
    )
    rec = reconcile(levels)
    assert rec.findings == () and rec.checked == rec.held == 1
    assert rec.proven()[0].message_vi == "6 = NS tỉnh 3 + NS huyện 2 + NS xã 1 (triệu đồng)"


def test_blank_parts_count_zero_and_a_total_of_blanks_is_not_checked() -> None:
    table = build(
        [
            ("a", "central_budget", None, "1,750"),  # chủ thể blank
            ("a", None, None, "1,750"),
            ("b", None, None, "9"),  # every part blank: nothing to check it against
        ]
    )
    rec = reconcile(table)
    assert rec.findings == ()
    assert (rec.checked, rec.held) == (1, 1)
    assert [(p.location, p.message_en) for p in rec.proven()] == [
        ("t › A × mọi nguồn × cả giai đoạn", "1,750 = central budget 1,750 (million VND)")
    ]
    assert rec.reconciled


def test_proven_lists_each_held_total_with_its_parts() -> None:
    table = build(
        [
            ("a", "central_budget", None, "500"),
            ("a", "subjects", None, "500"),
            ("a", None, None, "1,000"),
            ("b", "central_budget", None, "3,000"),
            ("b", "subjects", None, "1,000"),
            ("b", None, None, "4,000"),
            (None, "central_budget", None, "3,500"),
            (None, "subjects", None, "1,500"),
            (None, None, None, "5,000"),
        ]
    )
    rec = reconcile(table)
    assert rec.findings == () and rec.reconciled
    assert rec.checked == rec.held == 6  # 2 rows, 2 columns, the total over each
    assert [(p.code, p.location, p.value, p.message_vi) for p in rec.proven()] == [
        (
            "sources_sum",
            "t › A × mọi nguồn × cả giai đoạn",
            1_000 * M,
            "1.000 = NSTW 500 + chủ thể 500 (triệu đồng)",
        ),
        (
            "sources_sum",
            "t › B × mọi nguồn × cả giai đoạn",
            4_000 * M,
            "4.000 = NSTW 3.000 + chủ thể 1.000 (triệu đồng)",
        ),
        (
            "items_sum",
            "t › Tổng × NSTW × cả giai đoạn",
            3_500 * M,
            "3.500 = a 500 + b 3.000 (triệu đồng)",
        ),
        (
            "items_sum",
            "t › Tổng × chủ thể × cả giai đoạn",
            1_500 * M,
            "1.500 = a 500 + b 1.000 (triệu đồng)",
        ),
        (
            "items_sum",
            "t › Tổng × mọi nguồn × cả giai đoạn",
            5_000 * M,
            "5.000 = a 1.000 + b 4.000 (triệu đồng)",
        ),
        (
            "sources_sum",
            "t › Tổng × mọi nguồn × cả giai đoạn",
            5_000 * M,
            "5.000 = NSTW 3.500 + chủ thể 1.500 (triệu đồng)",
        ),
    ]
    assert {p.message_en for p in rec.proven()} >= {
        "1,000 = central budget 500 + OCOP subjects' own funds 500 (million VND)"
    }


def test_a_blank_parent_source_does_not_hide_its_stated_children() -> None:
    table = build(
        [
            ("a", "central_budget", None, "3"),
            ("a", "local_budget", None, "1"),
            ("a", "subjects", None, "2"),
            ("a", None, None, "6"),
        ],
        sources=["state_budget", "central_budget", "local_budget", "subjects"],
        items=("a",),
    )
    assert findings(table) == []


# --- checking a budget: claims, tables together, periods ---------------------------------


def claim(
    total: str | None, parts: Sequence[tuple[str, str]], *, complete: bool = False
) -> dict[str, Any]:
    return {
        "id": "c",
        "where": "Mục V",
        "text": "Tổng nhu cầu kinh phí …, trong đó …",
        "unit": "triệu đồng",
        "locale": "vi",
        "total": total,
        "parts": [{"source": s, "amount": a} for s, a in parts],
        "parts_complete": complete,
    }


def report(
    tables: Sequence[dict[str, Any]] = (),
    claims: Sequence[dict[str, Any]] = (),
    period: tuple[int, int] | None = None,
) -> tuple[list[tuple[str, Severity, str, Any, Any]], list[tuple[str, str, Any]]]:
    budget = Budget.model_validate_json(json.dumps({"tables": tables, "claims": claims}))
    r = check_budget(budget, period=period)
    return (
        [(f.code, f.severity, f.location, f.expected, f.actual) for f in r.findings],
        [(p.code, p.location, p.value) for p in r.proven],
    )


PARTS = [("central_budget", "10"), ("local_budget", "5"), ("subjects", "20")]
HERE = "Mục V (claim c)"


def test_a_complete_claim_must_add_up() -> None:
    assert report(claims=[claim("35", PARTS, complete=True)]) == (
        [],
        [("claim_parts_sum", HERE, 35 * M)],
    )
    found, _ = report(claims=[claim("36", PARTS, complete=True)])
    assert found == [("claim_parts_mismatch", Severity.ERROR, HERE, 35 * M, 36 * M)]


def test_trong_do_parts_may_fall_short_but_not_exceed() -> None:
    found, _ = report(claims=[claim("36", PARTS)])
    assert found == [("claim_parts_short", Severity.WARNING, HERE, 35 * M, 36 * M)]
    found, _ = report(claims=[claim("30", PARTS)])
    assert found == [("claim_parts_exceed", Severity.ERROR, HERE, 35 * M, 30 * M)]
    # A part and its own sub-part are not added twice.
    found, held = report(claims=[claim("15", [("state_budget", "15"), ("central_budget", "10")])])
    assert found == [] and held == [("claim_parts_sum", HERE, 15 * M)]


def _source_table(
    id: str, figures: Sequence[tuple[str, str]], total: str | None = None
) -> dict[str, Any]:
    entries: list[Row] = [(None, s, None, a) for s, a in figures]
    if total is not None:
        entries.append((None, None, None, total))
    return table_json(entries, sources=[s for s, _ in figures], items=(), id=id)


def test_a_claim_against_a_table() -> None:
    table = _source_table(
        "t1", [("central_budget", "10"), ("local_budget", "5"), ("subjects", "20")], "35"
    )
    found, held = report(
        tables=[table],
        claims=[claim("35", [("central_budget", "10"), ("local_budget", "6"), ("credit", "20")])],
    )
    assert found == [
        ("claim_parts_exceed", Severity.ERROR, HERE, 35 * M + M, 35 * M),
        ("claim_mismatch", Severity.ERROR, f"{HERE} ↔ t1 › NSĐP", 5 * M, 6 * M),
        ("claim_not_in_table", Severity.INFO, f"{HERE} ↔ t1 › tín dụng", 20 * M, None),
    ]
    assert [h for h in held if h[0] == "claim_matches_table"] == [
        ("claim_matches_table", f"{HERE} ↔ t1 › Tổng", 35 * M),
        ("claim_matches_table", f"{HERE} ↔ t1 › NSTW", 10 * M),
    ]


def test_a_local_budget_claim_against_its_levels() -> None:
    levels = [("provincial_budget", "3"), ("district_budget", "2"), ("commune_budget", "1")]
    table = _source_table("t2", [("central_budget", "10"), *levels])
    found, held = report(
        tables=[table], claims=[claim(None, [("local_budget", "6"), ("state_budget", "16")])]
    )
    assert found == []
    assert held == [
        ("claim_matches_table", f"{HERE} ↔ t2 › NSĐP", 6 * M),
        ("claim_matches_table", f"{HERE} ↔ t2 › NSNN", 16 * M),
    ]
    found, _ = report(tables=[table], claims=[claim(None, [("local_budget", "7")])])
    assert found == [("claim_mismatch", Severity.ERROR, f"{HERE} ↔ t2 › NSĐP", 6 * M, 7 * M)]


def _phased(
    id: str, figures: dict[str, tuple[str, list[str]]], periods: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    entries: list[Row] = []
    for source, (total, by_year) in figures.items():
        entries.append((None, source, None, total))
        entries += [(None, source, y, a) for y, a in zip(YEARS, by_year, strict=True)]
    return table_json(
        entries, sources=list(figures), years=YEARS, items=(), id=id, periods=list(periods)
    )


def _period(start: int, end: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": end, "where": "tiêu đề", "text": text}


def test_two_tables_that_agree() -> None:
    figures = {"central_budget": ("30", ["10", "20"]), "subjects": ("5", ["2", "3"])}
    found, held = report(tables=[_phased("a", figures), _phased("b", figures)])
    assert found == []
    assert [h for h in held if h[0] == "tables_agree"] == [
        ("tables_agree", "a ↔ b › NSTW", 30 * M),
        ("tables_agree", "a ↔ b › chủ thể", 5 * M),
    ]


def test_two_tables_that_disagree() -> None:
    a = _phased("a", {"central_budget": ("30", ["10", "20"]), "subjects": ("5", ["2", "3"])})
    c = _phased("c", {"central_budget": ("31", ["11", "20"]), "credit": ("5", ["2", "3"])})
    found, _ = report(tables=[a, c])
    assert found == [
        ("tables_disagree", Severity.ERROR, "a ↔ c › NSTW", 30 * M, 31 * M),
        ("source_in_one_table", Severity.INFO, "a ↔ c › tín dụng", None, 5 * M),
        ("source_in_one_table", Severity.INFO, "a ↔ c › chủ thể", None, 5 * M),
    ]
    budget = Budget.model_validate({"tables": [a, c]})
    message = check_budget(budget).findings[0].message_vi
    assert "cả giai đoạn: 30 triệu đồng ≠ 31 triệu đồng" in message
    assert "2024: 10 triệu đồng ≠ 11 triệu đồng" in message and "2025" not in message


def test_periods_claimed_by_a_table_and_the_plans_period() -> None:
    figures = {"central_budget": ("30", ["10", "20"])}
    ok = _phased("a", figures, [_period(2024, 2025, "GIAI ĐOẠN 2024-2025")])
    wrong = _phased("b", figures, [_period(2023, 2025, "GIAI ĐOẠN 2023-2025")])
    found, held = report(tables=[ok, wrong], period=(2024, 2026))
    assert found == [
        ("period_mismatch", Severity.WARNING, "b › tiêu đề", "2023–2025", "2024–2025"),
        ("years_short_of_plan", Severity.INFO, "a", "2024–2026", "2024–2025"),
        ("years_short_of_plan", Severity.INFO, "b", "2024–2026", "2024–2025"),
    ]
    assert ("period", "a › tiêu đề", "2024–2025") in held
    with pytest.raises(InvalidInput, match="outside the plan's period 2025–2026"):
        report(tables=[ok], period=(2025, 2026))


# --- JSON Schema -------------------------------------------------------------------------


def test_json_schema_of_table_documents_and_budgets() -> None:
    table = TableDocument.model_json_schema()
    assert set(table["properties"]) == {
        "id",
        "title",
        "where",
        "unit",
        "locale",
        "items",
        "sources",
        "years",
        "periods",
        "entries",
    }
    assert set(table["required"]) == {"id", "title", "unit", "locale", "sources", "entries"}
    assert table["properties"]["locale"]["enum"] == ["vi", "en", "detect"]
    entry = table["$defs"]["Entry"]
    assert set(entry["properties"]) == {"item", "source", "year", "amount"}
    assert {a["type"] for a in entry["properties"]["amount"]["anyOf"]} == {"string", "integer"}
    budget = Budget.model_json_schema()
    assert set(budget["properties"]) == {"tables", "claims"}
    claim_props = budget["$defs"]["Claim"]["properties"]
    assert {"id", "where", "text", "unit", "locale", "total", "parts", "parts_complete"} <= set(
        claim_props
    )
    # One SourceName (ocop.budget.document, also used by ocop.reports): a string, code or
    # name, with every code as an example (it was an enum of codes here; CHANGELOG).
    source = budget["$defs"]["TableDocument"]["properties"]["sources"]["items"]
    assert source["type"] == "string" and "Source" not in budget["$defs"]
    assert set(source["examples"]) == {s.value for s in Source}
    # The catalogue's own sources are values the schema lists.
    plan_budget = catalog.plan("kon-tum-908-2023").budget
    assert plan_budget is not None
    for t in plan_budget.tables:
        assert {s.value for s in t.sources} <= set(source["examples"])


def test_the_catalogue_budget_fits_the_exported_schema_units() -> None:
    schema = Budget.model_json_schema()
    source = Path(catalog.__file__).parent / "data" / "kon-tum-908-2023.json"
    data = json.loads(source.read_text(encoding="utf-8"))["budget"]
    units = {t["unit"] for t in data["tables"]} | {c["unit"] for c in data["claims"]}
    assert units <= set(schema["$defs"]["TableDocument"]["properties"]["unit"]["enum"])
    assert units <= set(schema["$defs"]["Claim"]["properties"]["unit"]["enum"])


# --- properties --------------------------------------------------------------------------

#: Sources without a parent or children, for tables with no sub-source checks.
FLAT = [Source.CENTRAL_BUDGET, Source.LOCAL_BUDGET, Source.POOLED, Source.CREDIT, Source.SUBJECTS]
TOTAL_LEVELS = [level for level in Level if level is not Level.CELL]


def nested(table: BudgetTable) -> int:
    """How many of the table's sources contain other sources of it (NSNN beside NSTW, NSĐP)."""
    return sum(any(c.nearest_in(table.sources) is s for c in table.sources) for s in table.sources)


# Every level stated, totals summed from the cells with numpy (ocop.strategies.budget_tables).
FULL_TABLES = budget_tables(
    unit=Unit.DONG, levels=tuple(Level), blanks=False, max_amount=10**12, period=(2021, 2023)
)


@given(FULL_TABLES)
def test_a_full_table_with_numpy_totals_reconciles(table: BudgetTable) -> None:
    i, s, y = table.shape
    # Each level against the levels just above it, and each source that contains others
    # against them at every level that breaks down sources.
    expected = i * s + i * y + s * y + 2 * i + 2 * s + 2 * y + 3
    expected += nested(table) * (i * y + i + y + 1)
    rec = reconcile(table)
    assert rec.findings == ()
    assert rec.held == rec.checked == expected
    assert len(rec.proven()) == expected


@st.composite
def perturbed(draw: st.DrawFn) -> tuple[BudgetTable, Level, tuple[int, ...], int]:
    """Cells and one level of totals (computed with numpy, some left blank), one total + 1."""
    n_items, n_years = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    sources = draw(st.lists(st.sampled_from(FLAT), min_size=1, max_size=3, unique=True))
    shape = (n_items, len(sources), n_years)
    size = int(np.prod(shape))
    cells = np.array(
        draw(st.lists(st.integers(0, 10**9), min_size=size, max_size=size)), dtype=np.int64
    ).reshape(shape)
    level = draw(st.sampled_from(TOTAL_LEVELS))
    summed = tuple(k for k, axis in enumerate(("item", "source", "year")) if axis not in level.axes)
    totals = np.asarray(cells.sum(axis=summed))
    index = tuple(draw(st.integers(0, n - 1)) for n in totals.shape)
    mask = np.asarray(
        draw(st.lists(st.booleans(), min_size=totals.size, max_size=totals.size)), dtype=bool
    ).reshape(totals.shape)
    mask[index] = True
    true_sum = int(totals[index])
    stated = np.where(mask, totals, 0)
    stated[index] += 1
    table = BudgetTable.from_arrays(
        cells,
        items=[Item(f"i{k}", f"Nội dung {k}") for k in range(n_items)],
        sources=sources,
        years=range(2024, 2024 + n_years),
        totals={level: stated},
        masks={level: mask},
        id="p",
    )
    return table, level, index, true_sum


@given(perturbed())
def test_one_total_off_by_one_dong_is_one_finding_at_its_place(
    drawn: tuple[BudgetTable, Level, tuple[int, ...], int],
) -> None:
    table, level, index, true_sum = drawn
    rec = reconcile(table)
    axes = "_".join(f"{a}s" for a in ("item", "source", "year") if a not in level.axes)
    assert [(f.code, f.location, f.expected, f.actual) for f in rec.findings] == [
        (f"{axes}_sum_mismatch", table.label(level, index), true_sum, true_sum + 1)
    ]
    mask = table.mask(level)
    assert mask is not None
    assert rec.checked == int(mask.sum()) and rec.held == rec.checked - 1
    assert table.label(level, index) not in {p.location for p in rec.proven()}


def test_read_figures_detects_with_the_locale_member() -> None:
    from ocop.budget import read_figures
    from ocop.money import Locale

    figures = [("Tổng", "134.750"), ("Tổng", "24,5")]  # 24,5 is vi only: it decides
    detected = read_figures(figures, unit="triệu đồng", locale=Locale.DETECT)
    assert detected == read_figures(figures, unit="triệu đồng", locale="vi")
    assert detected == (134_750_000_000, 24_500_000)
