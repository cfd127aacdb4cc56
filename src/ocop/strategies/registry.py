"""Which strategy ``st.from_type`` uses for each input type, and registering them by hand.

Installing ``ocop`` registers them already, through Hypothesis's entry point
(:mod:`ocop._plugin`): ``st.from_type(Scorecard)`` works in any test suite with
no import from here.  With ``HYPOTHESIS_NO_PLUGINS=1`` Hypothesis runs no entry
point; call :func:`register_all` then.

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
from collections.abc import Mapping
from types import MappingProxyType

from ocop._plugin import STRATEGY_OF, register

__all__ = ["STRATEGIES", "register_all"]


def _type(name: str) -> type:
    module, _, qualname = name.rpartition(".")
    found: type = getattr(importlib.import_module(module), qualname)
    return found


#: Every type ``st.from_type`` knows from ``ocop`` → the ``ocop.strategies`` function it uses.
STRATEGIES: Mapping[type, str] = MappingProxyType(
    {_type(name): path for name, (path, _) in STRATEGY_OF.items()}
)


def register_all() -> None:
    """Register the strategy of every type in :data:`STRATEGIES` (each once: calling again
    does nothing, so a strategy the user registered since is kept)."""
    for cls in STRATEGIES:
        register(cls)
