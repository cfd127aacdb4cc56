"""Reading rows back: a DataFrame, a structured array or records → checked Python values.

Every value is checked against its column's kind; nothing is coerced that
could change a number.  Money must be an integer (a float is refused even when
whole: it may already have lost đồng), within 0 … 2**63 - 1.  Other integer
columns (years, stars) accept a whole float, which is how pandas stores an
integer column with blanks read from CSV.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

import numpy as np

from ocop.errors import InvalidInput
from ocop.money import INT64_MAX
from ocop.tabular.schema import Column, Kind, Schema
from ocop.text import show

__all__ = ["read_columns"]

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_columns(
    data: object, schema: Schema, *, required: Sequence[str]
) -> tuple[dict[str, list[Any]], int]:
    """The columns of ``data`` that ``schema`` names, as checked Python values (None: empty).

    ``data`` is a pandas DataFrame, a numpy structured array, a list of dicts
    (records) or a mapping of column name → values.  A column the schema does
    not know is refused (a misspelt name must not be silently ignored), and so
    is a missing column of ``required``; an optional column left out is empty.
    """
    raw, n, structured = _raw_columns(data)
    unknown = [name for name in raw if name not in schema.names]
    if unknown:
        raise InvalidInput(
            f"unknown column(s) {', '.join(map(repr, unknown))}; {schema.name} columns are "
            f"{', '.join(schema.names)}",
            unknown=unknown,
        )
    # An empty list of records names no column: it is simply no rows.
    missing = [name for name in required if name not in raw and (raw or n)]
    if missing:
        raise InvalidInput(
            f"missing column(s) {', '.join(map(repr, missing))}; required: {', '.join(required)}",
            missing=missing,
        )
    out: dict[str, list[Any]] = {}
    for name, values in raw.items():
        column = schema.column(name)
        if structured:
            values = [_from_numpy(column, v) for v in values]
        out[name] = [_value(column, v, row) for row, v in enumerate(values)]
    return out, n


def _raw_columns(data: object) -> tuple[dict[str, list[Any]], int, bool]:
    if _is_frame(data):
        frame: Any = data
        names = list(frame.columns)
        if len(set(names)) != len(names):
            twice = sorted({str(n) for n in names if names.count(n) > 1})
            raise InvalidInput(f"column(s) {', '.join(twice)} appear twice", columns=twice)
        _names(names)
        return {name: frame[name].tolist() for name in names}, len(frame), False
    if isinstance(data, np.ndarray):
        if data.dtype.names is None or data.ndim != 1:
            raise InvalidInput(
                f"a numpy array must be 1-D and structured (named fields), not {data.dtype} "
                f"of shape {data.shape}"
            )
        return {n: data[n].tolist() for n in data.dtype.names}, int(data.shape[0]), True
    if isinstance(data, Mapping):
        _names(list(data))
        columns = {name: _list(values, name) for name, values in data.items()}
        sizes = {len(v) for v in columns.values()}
        if len(sizes) > 1:
            raise InvalidInput(f"columns of different lengths: {sorted(sizes)}")
        return columns, sizes.pop() if sizes else 0, False
    if isinstance(data, list | tuple):
        return _from_records(data)
    raise InvalidInput(
        "rows are read from a pandas DataFrame, a numpy structured array, a list of dicts "
        f"or a mapping of columns; not {type(data).__name__}"
    )


def _is_frame(data: object) -> bool:
    # Recognised without importing pandas: a DataFrame is only here if pandas is loaded.
    return any(
        k.__module__.startswith("pandas") and k.__name__ == "DataFrame" for k in type(data).__mro__
    )


def _names(names: list[Any]) -> None:
    for name in names:
        if not isinstance(name, str):
            raise InvalidInput(f"column names are text, not {show(name)}")


def _list(values: object, name: str) -> list[Any]:
    if isinstance(values, np.ndarray):
        return list(values.tolist()) if values.ndim == 1 else _not_column(name)
    if isinstance(values, list | tuple):
        return list(values)
    return _not_column(name)


def _not_column(name: str) -> list[Any]:
    raise InvalidInput(f"column {name!r} is not a list or a 1-D array of values")


def _from_records(data: Sequence[Any]) -> tuple[dict[str, list[Any]], int, bool]:
    names: dict[str, None] = {}
    for i, record in enumerate(data):
        if not isinstance(record, Mapping):
            raise InvalidInput(f"record {i} is not a mapping (dict) but {show(record)}", row=i)
        _names(list(record))
        names.update(dict.fromkeys(record))
    columns = {name: [record.get(name) for record in data] for name in names}
    return columns, len(data), False


def _from_numpy(column: Column, value: Any) -> Any:
    """Undo the structured array's conventions: -1 for an empty int or bool."""
    if column.nullable and column.kind in (Kind.INT, Kind.BOOL) and _exactly(value, -1):
        return None
    if column.kind is Kind.BOOL and column.nullable and (_exactly(value, 0) or _exactly(value, 1)):
        return bool(value)
    return value


def _exactly(value: object, number: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value == number


def missing(value: object) -> bool:
    """None, NaN, pandas' NA and NaT, numpy's NaT."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


def _value(column: Column, value: object, row: int) -> Any:
    where = f"row {row}, column {column.name!r}"
    if missing(value):
        if column.kind is Kind.CODES:
            return ()
        if not column.nullable:
            raise InvalidInput(f"{where} is empty; it needs a value", row=row, column=column.name)
        return None
    reader = _READERS[column.kind]
    return reader(value, where, row, column.name)


def _bad(what: str, value: object, where: str, row: int, name: str) -> InvalidInput:
    return InvalidInput(f"{where}: {what}, not {show(value)}", row=row, column=name)


def _text(value: object, where: str, row: int, name: str) -> str:
    if isinstance(value, str):
        return str(value)
    raise _bad("text expected", value, where, row, name)


def _int(value: object, where: str, row: int, name: str) -> int:
    if isinstance(value, bool | np.bool_):
        raise _bad("a whole number expected", value, where, row, name)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating) and math.isfinite(value) and value == int(value):
        return int(value)
    raise _bad("a whole number expected", value, where, row, name)


def _money(value: object, where: str, row: int, name: str) -> int:
    if isinstance(value, float | np.floating):
        raise InvalidInput(
            f"{where}: amounts are integer đồng, not the float {show(value)}; a float may "
            "already have lost đồng: build the column from ints (ocop.money.to_dong)",
            row=row,
            column=name,
        )
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise _bad("an amount is an integer number of đồng", value, where, row, name)
    amount = int(value)
    if amount < 0:
        raise InvalidInput(
            f"{where}: negative amount {amount}; funding amounts are never negative",
            row=row,
            column=name,
        )
    if amount > INT64_MAX:
        raise InvalidInput(
            f"{where}: {show(amount)} đồng is beyond what int64 can hold ({INT64_MAX})",
            row=row,
            column=name,
        )
    return amount


def _bool(value: object, where: str, row: int, name: str) -> bool:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    # A column of True and blanks comes back from a CSV or spreadsheet as 1.0 and NaN.
    if isinstance(value, float | np.floating) and value in (0.0, 1.0):
        return bool(value)
    raise _bad("True or False expected", value, where, row, name)


def _date(value: object, where: str, row: int, name: str) -> date:
    if isinstance(value, datetime):  # also a pandas Timestamp
        if value.tzinfo is not None or value.time() != datetime.min.time():
            raise _bad("a date without a time of day or zone expected", value, where, row, name)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]")
        if day != value:
            raise _bad("a date without a time of day expected", value, where, row, name)
        return _date(day.item(), where, row, name)
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad("a date (or 'YYYY-MM-DD') expected", value, where, row, name)


def _codes(value: object, where: str, row: int, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        written = _written_tuple(value)
        if written is not None:
            return written
        # as a spreadsheet writes a list: 'a; b'
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list | tuple | np.ndarray):
        items = list(value)
        if all(isinstance(v, str) for v in items):
            return tuple(str(v) for v in items)
    raise _bad("a list of text expected", value, where, row, name)


def _written_tuple(text: str) -> tuple[str, ...] | None:
    """The tags of a cell that ``DataFrame.to_csv`` wrote from a tuple: ``"('a', 'b c')"``.

    Only a literal tuple or list of strings counts (``ast.literal_eval`` evaluates no
    code); anything else, such as the tag ``"(organic)"``, is read as text.
    """
    stripped = text.strip()
    if len(stripped) > 100_000 or stripped[:1] not in "([" or stripped[-1:] not in ")]":
        return None
    try:
        found = ast.literal_eval(stripped)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(found, tuple | list) and all(isinstance(v, str) for v in found):
        return tuple(found)
    return None


_READERS: Final[Mapping[Kind, Any]] = {
    Kind.TEXT: _text,
    Kind.INT: _int,
    Kind.MONEY: _money,
    Kind.BOOL: _bool,
    Kind.DATE: _date,
    Kind.CODES: _codes,
}
