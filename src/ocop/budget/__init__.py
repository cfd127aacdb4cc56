"""Plan budgets: items × funding sources × years, exact to the đồng, and their reconciliation.

>>> from ocop.plans import catalog
>>> from ocop.budget import check_budget
>>> plan = catalog.plan("kon-tum-908-2023")
>>> report = check_budget(plan.budget, period=(2021, 2025))
>>> report.reconciliations[0].reconciled
True
"""

from ocop.budget._reading import read_figures
from ocop.budget.allocate import (
    Allocation,
    allocate,
    allocate_percent,
    rephase,
    rescale,
)
from ocop.budget.checks import BudgetReport, check_budget
from ocop.budget.document import (
    Budget,
    Claim,
    ClaimPart,
    Entry,
    ItemSpec,
    PeriodSpec,
    TableDocument,
    table_from_csv,
    table_from_records,
)
from ocop.budget.reconcile import Comparison, Reconciliation, reconcile
from ocop.budget.table import AXES, BudgetTable, Item, Level, PeriodClaim
from ocop.budget.vocabulary import Activity, Source

__all__ = [
    "AXES",
    "Activity",
    "Allocation",
    "Budget",
    "BudgetReport",
    "BudgetTable",
    "Claim",
    "ClaimPart",
    "Comparison",
    "Entry",
    "Item",
    "ItemSpec",
    "Level",
    "PeriodClaim",
    "PeriodSpec",
    "Reconciliation",
    "Source",
    "TableDocument",
    "allocate",
    "allocate_percent",
    "check_budget",
    "read_figures",
    "reconcile",
    "rephase",
    "rescale",
    "table_from_csv",
    "table_from_records",
]
