"""Which strategy builds each input type, and registering them for ``st.from_type``.

Hypothesis runs every entry point of its ``hypothesis`` group when it is
imported; ocop's package metadata names :func:`_hypothesis_setup_hook` there
(``pyproject.toml``, ``[project.entry-points.hypothesis]``).  So once ``ocop``
is installed, ``st.from_type(Scorecard)`` works in any test suite with no
import of :mod:`ocop.strategies`.  With ``HYPOTHESIS_NO_PLUGINS=1`` Hypothesis
runs no entry point; call :func:`register_all` yourself.

Registration imports the model classes (the types are the keys) but builds no
strategy and loads no data file: each strategy is built when Hypothesis first
resolves its type.

>>> from hypothesis import given, settings, strategies as st
>>> from ocop.plans import Portfolio
>>> from ocop.strategies.registry import STRATEGIES, register_all
>>> register_all()  # done by the entry point already; a second call changes nothing
>>> Portfolio in STRATEGIES
True
>>> @settings(max_examples=10, deadline=None)
... @given(st.from_type(Portfolio))
... def test_portfolios(portfolio):
...     assert isinstance(portfolio, Portfolio)
>>> test_portfolios()
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from hypothesis import strategies as st

from ocop.budget import (
    Budget,
    BudgetTable,
    Claim,
    ClaimPart,
    Entry,
    ItemSpec,
    PeriodSpec,
    TableDocument,
)
from ocop.certificates import Certificate
from ocop.criteria import Scorecard
from ocop.plans import (
    Baseline,
    Plan,
    Portfolio,
    Product,
    Quote,
    Scope,
    Stars,
    Subject,
    Target,
    TimetableStep,
    Years,
)

__all__ = ["STRATEGIES", "register_all"]

Factory = Callable[[], st.SearchStrategy[Any]]


def _lazy(module: str, name: str, **kwargs: Any) -> Factory:
    """``ocop.strategies.<module>.<name>(**kwargs)``, imported when first called.

    Hypothesis imports this module while it is itself being imported, possibly
    from the middle of an import of ``ocop.strategies``: importing the strategy
    modules here would be circular.
    """

    def factory() -> st.SearchStrategy[Any]:
        found: Factory = getattr(importlib.import_module(f"ocop.strategies.{module}"), name)
        return found(**kwargs)

    factory.__qualname__ = f"{module}.{name}"
    return factory


#: The strategy ``st.from_type`` uses for each type: every input model, and BudgetTable.
STRATEGIES: Mapping[type, Factory] = MappingProxyType(
    {
        Scorecard: _lazy("criteria", "scorecards"),
        Certificate: _lazy("certificates", "certificates", details=True),
        Years: _lazy("plans", "years"),
        TimetableStep: _lazy("plans", "timetable_steps"),
        Quote: _lazy("plans", "quotes"),
        Stars: _lazy("plans", "star_ranges"),
        Scope: _lazy("plans", "scopes"),
        Baseline: _lazy("plans", "baselines"),
        Target: _lazy("plans", "targets"),
        Plan: _lazy("plans", "plans", level=None),
        Subject: _lazy("plans", "subjects"),
        Product: _lazy("plans", "products"),
        Portfolio: _lazy("plans", "portfolios"),
        ItemSpec: _lazy("budget", "item_specs"),
        PeriodSpec: _lazy("budget", "period_specs"),
        Entry: _lazy("budget", "entries"),
        TableDocument: _lazy("budget", "table_documents"),
        ClaimPart: _lazy("budget", "claim_parts"),
        Claim: _lazy("budget", "claims"),
        Budget: _lazy("budget", "budgets"),
        BudgetTable: _lazy("budget", "budget_tables"),
    }
)

_registered = False


def register_all() -> None:
    """Register every strategy of :data:`STRATEGIES` with Hypothesis (once: calling again
    does nothing, so a strategy the user registered since is kept)."""
    global _registered
    if _registered:
        return
    for cls, factory in STRATEGIES.items():
        st.register_type_strategy(cls, _resolver(factory))
    _registered = True


def _resolver(factory: Factory) -> Callable[[type], st.SearchStrategy[Any]]:
    # A function, not a strategy: Hypothesis calls it on first use, so registering
    # while Hypothesis is being imported builds nothing and loads no data.
    def resolve(_cls: type) -> st.SearchStrategy[Any]:
        return factory()

    return resolve


def _hypothesis_setup_hook() -> None:
    """The entry point Hypothesis calls when it is imported."""
    register_all()
