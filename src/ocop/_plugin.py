"""Hypothesis's entry point for ``ocop``: a strategy for every input type, at no import cost.

Hypothesis calls :func:`setup_hook` whenever it is imported, in every project
where ``ocop`` is installed (``pyproject.toml``,
``[project.entry-points.hypothesis]``), so the hook imports nothing: it
registers the ``ocop`` types already imported, and every type imported later
registers itself as it is defined (:meth:`ocop.inputs.InputModel.__pydantic_init_subclass__`
and the end of :mod:`ocop.budget.table` call :func:`on_new_type`).  Either way
a strategy is built only when ``st.from_type`` first asks for its type.
``HYPOTHESIS_NO_PLUGINS=1`` turns all of this off; then call
:func:`ocop.strategies.register_all`.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["STRATEGY_OF", "on_new_type", "register", "setup_hook"]

#: Type (module and name) → the ``ocop.strategies`` function ``st.from_type`` uses for it,
#: with its keyword arguments.
STRATEGY_OF: Mapping[str, tuple[str, Mapping[str, Any]]] = MappingProxyType(
    {
        "ocop.criteria.scoring.Scorecard": ("criteria.scorecards", {}),
        "ocop.certificates.model.Certificate": ("certificates.certificates", {"details": True}),
        "ocop.plans.documents.Years": ("plans.years", {}),
        "ocop.plans.documents.TimetableStep": ("plans.timetable_steps", {}),
        "ocop.plans.documents.Plan": ("plans.plans", {"level": None}),
        "ocop.plans.targets.Quote": ("plans.quotes", {}),
        "ocop.plans.targets.Stars": ("plans.star_ranges", {}),
        "ocop.plans.targets.Scope": ("plans.scopes", {}),
        "ocop.plans.targets.Baseline": ("plans.baselines", {}),
        "ocop.plans.targets.Target": ("plans.targets", {}),
        "ocop.plans.portfolio.Subject": ("plans.subjects", {}),
        "ocop.plans.portfolio.Product": ("plans.products", {}),
        "ocop.plans.portfolio.Portfolio": ("plans.portfolios", {}),
        "ocop.budget.document.ItemSpec": ("budget.item_specs", {}),
        "ocop.budget.document.PeriodSpec": ("budget.period_specs", {}),
        "ocop.budget.document.Entry": ("budget.entries", {}),
        "ocop.budget.document.TableDocument": ("budget.table_documents", {}),
        "ocop.budget.document.ClaimPart": ("budget.claim_parts", {}),
        "ocop.budget.document.Claim": ("budget.claims", {}),
        "ocop.budget.document.Budget": ("budget.budgets", {}),
        "ocop.budget.table.BudgetTable": ("budget.budget_tables", {}),
        "ocop.figures.Figure": ("reports.figures", {}),
        "ocop.reports.model.Rate": ("reports.rates", {}),
        "ocop.reports.model.Quantity": ("reports.quantities", {}),
        "ocop.reports.model.Area": ("reports.areas", {}),
        "ocop.reports.model.Section": ("reports.sections", {}),
        "ocop.reports.model.Document": ("reports.documents", {}),
    }
)

_registered: set[str] = set()


def register(cls: type) -> None:
    """Register the strategy of ``cls`` with Hypothesis, once: a strategy the user
    registered for it since is kept.  A type without one (a user's subclass) is skipped."""
    name = f"{cls.__module__}.{cls.__qualname__}"
    if name not in STRATEGY_OF or name in _registered:
        return
    from hypothesis import strategies as st

    path, kwargs = STRATEGY_OF[name]
    module, function = path.rsplit(".", 1)

    # A function, not a strategy: Hypothesis calls it when the type is first drawn.
    def resolve(_: type) -> Any:
        return getattr(importlib.import_module(f"ocop.strategies.{module}"), function)(**kwargs)

    st.register_type_strategy(cls, resolve)
    _registered.add(name)


def on_new_type(cls: type) -> None:
    """Called as each ``ocop`` type is defined: register it if Hypothesis is loaded.

    Never imports Hypothesis: ``import ocop`` must not.
    """
    if "hypothesis.strategies" in sys.modules and not os.environ.get("HYPOTHESIS_NO_PLUGINS"):
        register(cls)


def setup_hook() -> None:
    """The entry point: register the ``ocop`` types imported so far."""
    for name in STRATEGY_OF:
        module, _, qualname = name.rpartition(".")
        loaded = sys.modules.get(module)
        cls = getattr(loaded, qualname, None)
        if isinstance(cls, type):
            register(cls)
