"""Row schemas: each column's name, kind and whether it may be empty, defined once.

A :class:`Schema` fixes the columns of one kind of row; a :class:`Rows` holds
the columns of some rows as numpy arrays, the one form the three views are
made from: :meth:`Rows.records` (JSON-ready dicts), :meth:`Rows.array` (a
numpy structured array) and :meth:`Rows.frame` (a pandas DataFrame).

How each :class:`Kind` appears, and what stands for "empty" where a column may be:

=========  ======================  ===========================  ============================
kind       records (JSON)          numpy structured array       pandas
=========  ======================  ===========================  ============================
text       str / None              object: str / None           object: str / None
int        int / None              int64, empty is -1           int64, or Int64 (<NA>)
money      int (đồng)              int64 (never empty)          int64 (never empty)
bool       bool / None             bool, or int8 1/0/-1         bool, or boolean (<NA>)
date       "YYYY-MM-DD" / None     datetime64[D], NaT           datetime64 (NaT)
float      float / None            float64, NaN                 float64, NaN
codes      list of str             object: tuple of str         object: tuple of str
=========  ======================  ===========================  ============================

Nullable ``int`` columns only hold values that are never negative (years,
stars, option indexes, sheet numbers), so ``-1`` cannot be mistaken for a
value; it is the convention of :class:`ocop.plans.PortfolioTable` too.  A
``float`` column always sits beside an exact text column (``total`` and
``total_exact``): it is for plotting and sorting, never for money.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from ocop.arguments import same_kind
from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["Column", "Kind", "Rows", "Schema"]

_NAT: Final = np.datetime64("NaT", "D")
PANDAS_MISSING: Final = "pandas is needed for DataFrames: pip install 'ocop[pandas]'"


class Kind(StrEnum):
    """What a column holds (see the module's table for each view's dtype)."""

    TEXT = "text"
    INT = "int"
    MONEY = "money"
    BOOL = "bool"
    DATE = "date"
    FLOAT = "float"
    CODES = "codes"


@attrs.frozen(slots=True)
class Column:
    """One column: its name (snake_case English), kind, and whether a row may leave it empty."""

    name: str
    kind: Kind
    nullable: bool = False
    doc: str = ""

    @property
    def numpy_dtype(self) -> np.dtype[Any]:
        return np.dtype(_NUMPY[self.kind, self.nullable])

    @property
    def pandas_dtype(self) -> str:
        """The dtype's name in a DataFrame ('Int64', 'boolean', 'datetime64[s]' …)."""
        return _PANDAS[self.kind, self.nullable]


_NUMPY: Final[Mapping[tuple[Kind, bool], str]] = {
    **{(Kind.TEXT, n): "O" for n in (False, True)},
    (Kind.INT, False): "int64",
    (Kind.INT, True): "int64",
    (Kind.MONEY, False): "int64",
    (Kind.BOOL, False): "bool",
    (Kind.BOOL, True): "int8",
    **{(Kind.DATE, n): "datetime64[D]" for n in (False, True)},
    **{(Kind.FLOAT, n): "float64" for n in (False, True)},
    **{(Kind.CODES, n): "O" for n in (False, True)},
}
# pandas has no day unit: a datetime64[D] array becomes datetime64[s] in a DataFrame.
_PANDAS: Final[Mapping[tuple[Kind, bool], str]] = {
    **{(Kind.TEXT, n): "object" for n in (False, True)},
    (Kind.INT, False): "int64",
    (Kind.INT, True): "Int64",
    (Kind.MONEY, False): "int64",
    (Kind.BOOL, False): "bool",
    (Kind.BOOL, True): "boolean",
    **{(Kind.DATE, n): "datetime64[s]" for n in (False, True)},
    **{(Kind.FLOAT, n): "float64" for n in (False, True)},
    **{(Kind.CODES, n): "object" for n in (False, True)},
}


@attrs.frozen(slots=True)
class Schema:
    """The columns of one kind of row, and what one row stands for."""

    name: str
    row: str  # "one row per criterion"
    columns: tuple[Column, ...]

    def __attrs_post_init__(self) -> None:
        same_kind(self.name, str, "name")
        same_kind(self.row, str, "row")
        columns = same_kind(self.columns, tuple, "columns")
        for c in columns:
            same_kind(c, Column, "columns")
            same_kind(c.name, str, "column name")
            if not (isinstance(c.kind, Kind) and isinstance(c.nullable, bool)):
                raise InvalidInput(f"column {c.name}: kind is a Kind and nullable a bool")
            if (c.kind, c.nullable) not in _NUMPY:
                raise InvalidInput(f"schema {self.name}: {c.kind} column {c.name} cannot be empty")
        names = [c.name for c in columns]
        if len(set(names)) != len(names):
            raise InvalidInput(f"schema {self.name} names a column twice")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        name = same_kind(name, str, "name")
        for c in self.columns:
            if c.name == name:
                return c
        raise InvalidInput(
            f"{self.name} rows have no column {name!r}; columns: {', '.join(self.names)}"
        )

    @property
    def dtype(self) -> np.dtype[Any]:
        """The numpy structured dtype of :meth:`Rows.array`."""
        return np.dtype([(c.name, c.numpy_dtype) for c in self.columns])

    def rows(self, columns: Mapping[str, Sequence[Any] | npt.NDArray[Any]]) -> Rows:
        """Rows from columns of Python values (``None`` for empty) or ready numpy arrays."""
        if not isinstance(columns, Mapping) or set(columns) != set(self.names):
            raise InvalidInput(
                f"{self.name} rows take a mapping of the columns {', '.join(self.names)}, "
                f"got {show(columns)}"
            )
        arrays = {}
        for c in self.columns:
            try:
                arrays[c.name] = _to_numpy(c, columns[c.name])
            except (TypeError, ValueError, OverflowError, AssertionError) as err:
                raise InvalidInput(
                    f"{self.name} column {c.name} cannot hold {show(columns[c.name])}: "
                    f"{type(err).__name__}",
                    column=c.name,
                ) from None
        sizes = {a.shape[0] for a in arrays.values()}
        if len(sizes) > 1:
            raise InvalidInput(f"{self.name}: columns of different lengths {sorted(sizes)}")
        return Rows(self, arrays)


@attrs.frozen(slots=True, eq=False)
class Rows:
    """Some rows of one schema, held as one numpy array per column."""

    schema: Schema
    arrays: Mapping[str, npt.NDArray[Any]]

    def __len__(self) -> int:
        first = self.schema.columns[0].name
        return int(self.arrays[first].shape[0])

    def records(self) -> list[dict[str, Any]]:
        """One dict per row; every value is a JSON type (dates ISO text, codes lists)."""
        columns = [(c.name, _python(c, self.arrays[c.name])) for c in self.schema.columns]
        return [dict(zip((n for n, _ in columns), row, strict=True)) for row in _zip(columns)]

    def array(self) -> npt.NDArray[Any]:
        """The rows as one numpy structured array (``schema.dtype``)."""
        out = np.empty(len(self), dtype=self.schema.dtype)
        for c in self.schema.columns:
            out[c.name] = self.arrays[c.name]
        return out

    def frame(self) -> Any:
        """The rows as a pandas DataFrame with each column's ``pandas_dtype``."""
        try:
            import pandas as pd  # type: ignore[import-untyped]
        except ImportError as err:
            raise ImportError(PANDAS_MISSING) from err
        data = {c.name: _series(pd, c, self.arrays[c.name]) for c in self.schema.columns}
        return pd.DataFrame(data, columns=list(self.schema.names))


def _zip(columns: list[tuple[str, list[Any]]]) -> Any:
    return zip(*(values for _, values in columns), strict=True)


def _to_numpy(column: Column, values: Sequence[Any] | npt.NDArray[Any]) -> npt.NDArray[Any]:
    dtype = column.numpy_dtype
    if isinstance(values, np.ndarray):
        if values.dtype != dtype or values.ndim != 1:
            raise AssertionError(f"column {column.name}: {values.dtype}, expected {dtype}")
        return values
    kind, n = column.kind, len(values)
    if kind in (Kind.TEXT, Kind.CODES):
        out = np.empty(n, dtype=object)
        for i, v in enumerate(values):  # element-wise: a tuple must not become a 2-D array
            out[i] = tuple(v) if kind is Kind.CODES else v
        return out
    if kind is Kind.DATE:
        return np.array([_NAT if v is None else v for v in values], dtype=dtype).reshape(n)
    if kind is Kind.FLOAT:
        return np.array([math.nan if v is None else float(v) for v in values], dtype=dtype)
    if kind is Kind.BOOL and column.nullable:
        return np.array([-1 if v is None else int(v) for v in values], dtype=dtype)
    return np.array([-1 if v is None else v for v in values], dtype=dtype).reshape(n)


def _python(column: Column, array: npt.NDArray[Any]) -> list[Any]:
    """A column's values as JSON types, empty as None."""
    kind, values = column.kind, array.tolist()
    if kind is Kind.CODES:
        return [list(v) for v in values]
    if kind is Kind.DATE:
        return [None if v is None else v.isoformat() for v in values]
    if kind is Kind.FLOAT:
        return [None if math.isnan(v) else v for v in values]
    if kind is Kind.BOOL and column.nullable:
        return [None if v == -1 else bool(v) for v in values]
    if kind is Kind.INT and column.nullable:
        return [None if v == -1 else v for v in values]
    return list(values)


def _series(pd: Any, column: Column, array: npt.NDArray[Any]) -> Any:
    kind = column.kind
    if kind is Kind.INT and column.nullable:
        values = pd.arrays.IntegerArray(np.where(array == -1, 0, array), array == -1)
        return pd.Series(values, dtype="Int64")
    if kind is Kind.BOOL and column.nullable:
        values = pd.arrays.BooleanArray(array == 1, array == -1)
        return pd.Series(values, dtype="boolean")
    if kind is Kind.DATE:
        return pd.Series(array.astype("datetime64[s]"))
    if kind in (Kind.TEXT, Kind.CODES):
        return pd.Series(array, dtype=object)
    return pd.Series(array, dtype=array.dtype)
