"""The reproducers of issue 16 not covered by a more specific test: each is an OcopError now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from ocop import law, plans, stars
from ocop.budget import Level
from ocop.criteria import council_average, score_batch, scoresheet
from ocop.errors import OcopError
from ocop.law import Regime
from ocop.plans import Portfolio, catalog

KON_TUM = "kon-tum-908-2023"


def _kon_tum() -> plans.Plan:
    return catalog.plan(KON_TUM)


def _table() -> object:
    budget = _kon_tum().budget
    assert budget is not None
    return budget.built()[0]


CALLS: dict[str, Callable[[], object]] = {
    "ragged score_batch": lambda: score_batch(
        scoresheet(7, regulation=Regime.QD26_2026), [[0] * 32, [0] * 31]
    ),
    "progress result of a huge int": lambda: plans.progress(
        _kon_tum(), Portfolio(subjects=(), products=()), date(2026, 6, 1)
    ).result(10**5000),  # type: ignore[arg-type]
    "check with a huge national": lambda: plans.check(_kon_tum(), national=10**5000),  # type: ignore[arg-type]
    "council_average(1)": lambda: council_average(1),  # type: ignore[arg-type]
    "law.weakest([])": lambda: law.weakest([]),
    "amount out of range": lambda: _table().amount(Level.ITEM, 99),  # type: ignore[attr-defined]
    "national_for a string": lambda: catalog.national_for("2026-01-01"),  # type: ignore[arg-type]
    "requirements([])": lambda: stars.requirements([]),  # type: ignore[arg-type]
    "evaluate a huge Decimal": lambda: plans.evaluate(
        _kon_tum().targets[0], Decimal("1E+999999999")
    ),
    "classify a tiny Decimal": lambda: stars.classify(
        Decimal("1E-999999999"), regulation=Regime.QD26_2026
    ),
    "portfolio of range(10**20)": lambda: Portfolio(subjects=range(10**20), products=()),  # type: ignore[arg-type]
    "portfolio of 3,000,000 items": lambda: Portfolio.model_validate(
        {"subjects": [0] * 3_000_000, "products": []}
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_reproducer_is_an_ocop_error(name: str) -> None:
    with pytest.raises(OcopError) as caught:
        CALLS[name]()
    assert caught.value.code and str(caught.value)
    caught.value.to_dict()
