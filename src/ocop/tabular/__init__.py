"""Results, findings, portfolios and budget tables as rows: records, numpy arrays, DataFrames.

Each exportable type has one row schema (:mod:`ocop.tabular.schemas`), and
three views of it: :func:`records` (a list of JSON-ready dicts),
:func:`array` (a numpy structured array) and :func:`frame` (a pandas
DataFrame; pandas is optional: ``pip install 'ocop[pandas]'``).  Amounts are
int64 đồng in every view, never float.  Budget tables and portfolios are
built back from any of the three with :func:`budget_table_from_frame` and
:func:`portfolio_from_frame`, exactly.

>>> from ocop import tabular
>>> from ocop.plans import catalog
>>> table = catalog.plan("kon-tum-908-2023").budget.tables[0].build()
>>> rows = tabular.array(table)
>>> rows.dtype["amount_dong"], len(rows)
(dtype('int64'), 56)
>>> tabular.records(table)[-1]
{'level': 'total', 'item': None, 'item_name': None, 'source': None, 'year': None,
 'amount_dong': 134750000000, 'stated': True}
>>> again = tabular.budget_table_from_frame(rows, id=table.id, sources=table.sources)
>>> again.amount(tabular.Level.TOTAL) == table.amount(tabular.Level.TOTAL)
True
"""

from __future__ import annotations

from typing import Any

import numpy.typing as npt

from ocop.budget.table import Level
from ocop.tabular.build import budget_table_from_frame, portfolio_from_frame
from ocop.tabular.export import rows, schema_of
from ocop.tabular.schema import Column, Kind, Rows, Schema
from ocop.tabular.schemas import SCHEMAS

__all__ = [
    "SCHEMAS",
    "Column",
    "Kind",
    "Level",
    "Rows",
    "Schema",
    "array",
    "budget_table_from_frame",
    "frame",
    "portfolio_from_frame",
    "records",
    "schema",
]


def records(obj: object, *, of: type | None = None, computed: bool = False) -> list[dict[str, Any]]:
    """``obj`` as a list of dicts, one per row, every value a JSON type.

    ``obj`` is a ScoreResult, Classification, CheckReport, BudgetReport,
    Reconciliation, Finding, Proven, Portfolio, PortfolioTable, BudgetTable,
    TableDocument or Progress, or a list of one of these (rows concatenated;
    an empty list needs ``of=``, the type it would hold).  ``computed=True``
    adds to a budget table's stated figures every total its stated cells
    determine, with ``stated`` false.
    """
    return rows(obj, of=of, computed=computed).records()


def array(obj: object, *, of: type | None = None, computed: bool = False) -> npt.NDArray[Any]:
    """``obj`` as a numpy structured array (see :func:`records` for what ``obj`` may be)."""
    return rows(obj, of=of, computed=computed).array()


def frame(obj: object, *, of: type | None = None, computed: bool = False) -> Any:
    """``obj`` as a pandas DataFrame (see :func:`records`); ImportError without pandas."""
    return rows(obj, of=of, computed=computed).frame()


def schema(obj: object) -> Schema:
    """The row schema of ``obj``, a list of such objects, or one of the exported types."""
    return schema_of(obj)
