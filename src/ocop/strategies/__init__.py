"""Hypothesis strategies for every ``ocop`` input type, for property-based suites.

Requires the optional ``hypothesis`` extra (``pip install 'ocop[hypothesis]'``);
``import ocop`` never imports this package.  Installing ``ocop`` registers a
strategy for every input model with Hypothesis (an entry point, see
:mod:`ocop.strategies.registry`), so ``st.from_type`` builds valid inputs
with no import from here:

>>> from hypothesis import given, settings, strategies as st
>>> from ocop.criteria import Scorecard, score
>>> @settings(max_examples=20, derandomize=True, deadline=None)
... @given(st.from_type(Scorecard))
... def test_total_within_bounds(card):
...     assert 0 <= score(card).total <= 100
>>> test_total_within_bounds()

The functions here take what a type cannot say: a sheet, a period, a unit, a locale:

>>> from ocop.budget import check_budget
>>> from ocop.strategies import budgets, scorecards
>>> @settings(max_examples=20, derandomize=True, deadline=None)
... @given(scorecards(sheet=7), budgets(period=(2021, 2025), unit="triệu đồng", locale="vi"))
... def test_sheet_7_and_a_budget(card, budget):
...     assert card.product_set == "I.3.c"
...     assert check_budget(budget, period=(2021, 2025)).reconciled
>>> test_sheet_7_and_a_budget()

docs/strategies.md describes each strategy and its parameters.
"""

from ocop.strategies.budget import (
    budget_tables,
    budgets,
    claim_parts,
    claims,
    entries,
    item_specs,
    period_specs,
    table_documents,
)
from ocop.strategies.certificates import boundary_dates, certificates, switch_overs
from ocop.strategies.criteria import (
    DEFECTS,
    Defect,
    boundary_scorecards,
    choice_matrices,
    edge_scorecards,
    nearly_valid_scorecards,
    scorecards,
    sheets,
)
from ocop.strategies.plans import (
    PLAN_DEFECTS,
    PlanDefect,
    PlantedPlan,
    baselines,
    inconsistent_plans,
    plans,
    portfolios,
    products,
    quotes,
    scopes,
    star_ranges,
    subjects,
    targets,
    timetable_steps,
    years,
)
from ocop.strategies.registry import STRATEGIES, register_all

__all__ = [
    "DEFECTS",
    "PLAN_DEFECTS",
    "STRATEGIES",
    "Defect",
    "PlanDefect",
    "PlantedPlan",
    "baselines",
    "boundary_dates",
    "boundary_scorecards",
    "budget_tables",
    "budgets",
    "certificates",
    "choice_matrices",
    "claim_parts",
    "claims",
    "edge_scorecards",
    "entries",
    "inconsistent_plans",
    "item_specs",
    "nearly_valid_scorecards",
    "period_specs",
    "plans",
    "portfolios",
    "products",
    "quotes",
    "register_all",
    "scopes",
    "scorecards",
    "sheets",
    "star_ranges",
    "subjects",
    "switch_overs",
    "table_documents",
    "targets",
    "timetable_steps",
    "years",
]
