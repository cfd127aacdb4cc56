"""Provincial and national OCOP plans as objects: targets, checks, progress, a catalogue.

>>> from ocop.plans import catalog, check
>>> plan = catalog.plan("kon-tum-908-2023")
>>> plan.targets[0].describe()
'≥ 250 OCOP products recognised at 3★–5★, by 2025-12-31'
"""

from ocop.plans import catalog
from ocop.plans.checks import CheckReport, check
from ocop.plans.documents import DocumentKind, Plan, PlanLevel, TextKind, TimetableStep, Years
from ocop.plans.metrics import METRICS, EntityType, Metric, MetricInfo, MetricUnit, Per, Population
from ocop.plans.portfolio import Portfolio, PortfolioTable, Product, Subject
from ocop.plans.progress import Progress, progress
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
