"""Provincial and national OCOP plans as objects: targets, checks, progress, a catalogue.

>>> from ocop.plans import catalog, check
>>> plan = catalog.plan("kon-tum-908-2023")
>>> plan.targets[0].describe()
'≥ 250 OCOP products recognised at 3★–5★, by 2025-12-31'
"""

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ocop.plans import catalog
from ocop.plans.checks import CheckReport, check
from ocop.plans.documents import DocumentKind, Plan, PlanLevel, TextKind, TimetableStep, Years
from ocop.plans.metrics import METRICS, EntityType, Metric, MetricInfo, MetricUnit, Per, Population
from ocop.plans.targets import (
    Baseline,
    Comparator,
    Outcome,
    Quote,
    Scope,
    Stars,
    Target,
    TargetResult,
    evaluate,
)

if TYPE_CHECKING:
    from ocop.plans.portfolio import Portfolio, PortfolioTable, Product, Subject
    from ocop.plans.progress import Progress, progress

# A portfolio and its progress need ocop.certificates, which checking a plan never does:
# they are imported on first use, so that `ocop check` starts without them (a fifth of its
# start-up, docs/performance.md).
_LATER = {
    "Portfolio": "ocop.plans.portfolio",
    "PortfolioTable": "ocop.plans.portfolio",
    "Product": "ocop.plans.portfolio",
    "Subject": "ocop.plans.portfolio",
    "Progress": "ocop.plans.progress",
    "progress": "ocop.plans.progress",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


class _Package(ModuleType):
    """``ocop.plans.progress`` is the function, as it was when imported eagerly: importing
    the submodule of that name binds the module on the package, and this keeps the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "progress" and isinstance(value, ModuleType):
            value = value.progress
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "METRICS",
    "Baseline",
    "CheckReport",
    "Comparator",
    "DocumentKind",
    "EntityType",
    "Metric",
    "MetricInfo",
    "MetricUnit",
    "Outcome",
    "Per",
    "Plan",
    "PlanLevel",
    "Population",
    "Portfolio",
    "PortfolioTable",
    "Product",
    "Progress",
    "Quote",
    "Scope",
    "Stars",
    "Subject",
    "Target",
    "TargetResult",
    "TextKind",
    "TimetableStep",
    "Years",
    "catalog",
    "check",
    "evaluate",
    "progress",
]
