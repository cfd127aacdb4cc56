"""Documents as printed: reports of results, budgets and plans in sections, and their checks.

A :class:`Document` holds sections (a report of results, a budget), each with
its own area and period, of quantities whose figures are kept as printed
(:mod:`ocop.figures`); :func:`check_document` checks each section and the
sections against each other (docs/documents.md).
"""

from __future__ import annotations

from ocop.reports.checks import DocumentCheck, check_document
from ocop.reports.model import (
    Area,
    Document,
    Measure,
    MeasureKind,
    Placed,
    Quantity,
    Rate,
    Section,
    measure_of,
)

__all__ = [
    "Area",
    "Document",
    "DocumentCheck",
    "Measure",
    "MeasureKind",
    "Placed",
    "Quantity",
    "Rate",
    "Section",
    "check_document",
    "measure_of",
]
