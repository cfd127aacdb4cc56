"""A portfolio through CSV and back: tags and blank-able flags survive (issue 16, point 6)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from ocop import budget
from ocop.errors import InvalidInput
from ocop.plans import Portfolio

pd = pytest.importorskip("pandas")
tabular = pytest.importorskip("ocop.tabular")


def test_a_portfolio_survives_a_csv_round_trip() -> None:
    portfolio = Portfolio.model_validate(
        {
            "subjects": [
                {"id": "s", "entity_type": "cooperative", "trained": True},
                {"id": "t", "entity_type": "cooperative"},
            ],
            "products": [
                {
                    "id": "p",
                    "subject": "s",
                    "tags": ["dược liệu", "Măng Đen"],
                    "craft_village": True,
                    "certificates": [{"star": 4, "issued_on": date(2024, 5, 1)}],
                },
                {"id": "q", "subject": "t", "tags": ["(organic)"]},
                {"id": "r", "subject": "t"},
            ],
        }
    )
    text = tabular.frame(portfolio).to_csv(index=False)
    back = tabular.portfolio_from_frame(pd.read_csv(io.StringIO(text)))
    assert back == portfolio
    assert back.products[0].tags == ("dược liệu", "Măng Đen")
    assert back.products[1].tags == ("(organic)",)


@pytest.mark.parametrize("year", ["²⁰²⁵", "２０２５", "٢٠٢٥", "²"])
def test_budget_csv_years_are_ascii_digits(year: str) -> None:
    text = f"item,source,year,amount\na,credit,{year},1\n"
    with pytest.raises(InvalidInput):
        budget.table_from_csv(text, id="t", unit="triệu đồng", locale="vi")
