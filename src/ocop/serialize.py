"""One serializer for every result, and the JSON Schema of each, from the same definition.

Results are attrs classes; :func:`data` turns one into JSON-ready values by
walking its fields, and :func:`schema` walks the same fields' resolved types
to give the JSON Schema (2020-12) of what :func:`data` returns.  Each kind of
value has one shape, whatever class holds it:

- a regulation (:class:`~ocop.law.Regime`) and every other enum: its value
  (``"26/2026/QĐ-TTg"``, ``"error"``);
- a citation: its text (``"khoản 3 Điều 4 26/2026/QĐ-TTg"``);
- a date: ISO text (``"2026-06-01"``);
- an amount or a count: an int (đồng for amounts); an int too long for Python
  to write as text (over 4,300 digits) becomes ``ocop.text.show``'s description,
  so serialising never raises;
- a fraction or a decimal: an int when whole, otherwise exact text
  (``"89.5"``, ``"100/3"`` when no decimal is exact; a decimal beyond 10**100
  in E notation, ``"1E+999"``);
- tuples: arrays; mappings: objects (int and enum keys as text).

A class adjusts its JSON by declaring, never by re-coding: ``_json_names``
renames fields, ``_json_omit`` drops fields that are ``None`` or empty,
``_json_hide`` leaves fields out, ``_json_computed`` adds properties (their
return annotation gives the schema), ``_json_as`` writes a field through a method
(likewise annotated), and ``_json_flatten`` merges a nested result's fields
into its parent.  :class:`Serialized` gives ``to_dict()``.  Every JSON document
the CLI prints and ``ocop serve`` answers is an object that starts with
``"schema_version"`` (the shape) and ``"ocop_version"`` (the package that wrote
it) (:func:`document`).

>>> from fractions import Fraction
>>> from ocop.findings import Finding, Severity
>>> f = Finding("breakdown_sum_mismatch", Severity.ERROR, "plan › t", Fraction(1, 3), 2,
...             "Các thành phần …", "The parts …")
>>> d = data(f)
>>> d["expected"], d["actual"], d["unit"]
('1/3', 2, 'text')
>>> sorted(schema(Finding)["$defs"]["Finding"]["required"])[:3]
['actual', 'code', 'expected']
"""

from __future__ import annotations

import copy
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Union

import attrs

from ocop import limits
from ocop.errors import InvalidInput
from ocop.text import show

__all__ = [
    "SCHEMA_VERSION",
    "Serialized",
    "data",
    "document",
    "document_schema",
    "header_schema",
    "schema",
]

#: The version of every JSON document's shape; raised when a shape changes (CHANGELOG.md).
SCHEMA_VERSION: Final = "1"

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_INT_TEXT_BITS: Final = 4000  # below Python's 4,300-digit limit on int → text
_EXPONENT: Final = 100  # a decimal further from 1 than 10**100 is written in E notation
_MAX_DEPTH: Final = limits.MAX_JSON_DEPTH  # levels of nesting data() writes


class Serialized:
    """Mixin of results: ``to_dict()`` is :func:`data` (JSON-ready, one shape per value)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = data(self)
        return out


# --- values --------------------------------------------------------------------------------


def _number(value: Fraction | Decimal) -> int | str:
    from ocop.money import exact_decimal  # money imports numpy: only when a fraction is written

    if isinstance(value, Decimal):
        # int(Decimal("1E+999999999")) never ends: far exponents and NaN keep their own text.
        if not value.is_finite() or abs(value.adjusted()) > _EXPONENT:
            return str(value)
        whole = value == value.to_integral_value()
        return _int(int(value)) if whole else format(value, "f")
    if value.denominator == 1:
        return _int(value.numerator)
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > _INT_TEXT_BITS:
        return show(value)
    decimal = exact_decimal(value)
    return f"{value.numerator}/{value.denominator}" if decimal is None else format(decimal, "f")


def _int(value: int) -> int | str:
    return show(value) if value.bit_length() > _INT_TEXT_BITS else value


def _key(key: object) -> str:
    if isinstance(key, enum.Enum):
        return str(key.value)
    return str(_int(key)) if isinstance(key, int) else str(key)


def data(value: object) -> Any:
    """``value`` as JSON-ready values: dicts, lists, str, int, bool and None."""
    return _data(value, 0)


def _data(value: object, depth: int) -> Any:
    if depth > _MAX_DEPTH:  # a cycle, or nesting no result has: refused before Python's stack
        raise InvalidInput(
            f"ocop.serialize writes at most {_MAX_DEPTH} levels of nesting",
            limit="MAX_JSON_DEPTH",
        )
    if isinstance(value, enum.Enum):  # before str and int: StrEnum and IntEnum are both
        return value.value
    if value is None or isinstance(value, bool | str | float):
        return value
    if isinstance(value, int):
        return _int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Fraction | Decimal):
        return _number(value)
    if _is_citation(value):
        return str(value)
    if attrs.has(type(value)):
        return _attrs_data(value, depth + 1)
    if isinstance(value, Mapping):
        return {_key(k): _data(v, depth + 1) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset | set):
        return [_data(v, depth + 1) for v in value]
    raise InvalidInput(f"ocop.serialize cannot write a {type(value).__name__}")


def _is_citation(value: object) -> bool:
    from ocop.law import Citation

    return isinstance(value, Citation)


def _declared(cls: type, name: str) -> Any:
    return getattr(cls, name, {} if name in ("_json_names", "_json_as") else ())


def _attrs_data(value: Any, depth: int) -> dict[str, Any]:
    cls = type(value)
    names: Mapping[str, str] = _declared(cls, "_json_names")
    via: Mapping[str, str] = _declared(cls, "_json_as")
    omit, hide, flatten = (_declared(cls, n) for n in ("_json_omit", "_json_hide", "_json_flatten"))
    out: dict[str, Any] = {}
    fields = [f.name for f in attrs.fields(cls)]
    for name in [*fields, *_declared(cls, "_json_computed")]:
        if name in hide:
            continue
        raw = getattr(value, via[name])() if name in via else getattr(value, name)
        if name in omit and (raw is None or raw == ()):
            continue
        if name in flatten:
            out |= _data(raw, depth)
            continue
        out[names.get(name, name)] = _data(raw, depth)
    return out


# --- schemas -------------------------------------------------------------------------------

_HUGE: Final = {"type": "string", "pattern": r"^<(int of [0-9]+ bits|Fraction)>$"}
_INT: Final = {"anyOf": [{"type": "integer"}, _HUGE]}
_NUMBER: Final = {
    "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+|/[0-9]+)?$"},
        {"type": "string", "pattern": r"^-?([0-9](\.[0-9]+)?E[+-][0-9]+|Infinity|s?NaN)$"},
        _HUGE,
    ],
    "description": "an int when whole, else exact text: '89.5', or '100/3' when no decimal is",
}


def schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of ``data(x)`` for an instance ``x`` of the attrs class ``cls``."""
    _require_results(cls, "cls", union=False)
    defs: dict[str, Any] = {}
    root = _type_schema(cls, defs)
    return {"$schema": _DIALECT, **root, "$defs": defs}


def document(value: object) -> dict[str, Any]:
    """A JSON document as the CLI prints it: ``schema_version`` and ``ocop_version`` first,
    then ``data(value)``.

    ``ocop_version`` is the package's version (``ocop.__version__``): the same shape can
    hold different answers once the encoded law or a check changes, so a stored document
    says which release wrote it.
    """
    from ocop import __version__

    body = data(value)
    if not isinstance(body, dict):
        raise InvalidInput("a JSON document is an object, never a bare list or value")
    return {"schema_version": SCHEMA_VERSION, "ocop_version": __version__, **body}


def header_schema() -> dict[str, Any]:
    """The JSON Schema of the two keys every :func:`document` starts with.

    >>> sorted(header_schema()["properties"])
    ['ocop_version', 'schema_version']
    """
    return copy.deepcopy(_HEADER)


_HEADER: Final = {
    "type": "object",
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "ocop_version": {
            "type": "string",
            "minLength": 1,
            "description": "the version of the ocop package that wrote the document",
        },
    },
    "required": ["schema_version", "ocop_version"],
}


def document_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of ``document(x)`` for ``x`` of ``kind`` (a class, or a union of them)."""
    _require_results(kind, "kind", union=True)
    defs: dict[str, Any] = {}
    body = _type_schema(kind, defs)
    return {"$schema": _DIALECT, "allOf": [body, header_schema()], "$defs": defs}


def _require_results(kind: object, name: str, *, union: bool) -> None:
    """``kind`` is an attrs class (or, with ``union``, a union of them): else InvalidInput."""
    members = typing.get_args(kind) if union and _is_union(kind) else (kind,)
    if not all(isinstance(m, type) and attrs.has(m) for m in members):
        what = "an attrs class or a union of them" if union else "an attrs class"
        raise InvalidInput(f"{name} is {what}, not {show(kind)}", field=name, value=show(kind))


def _is_union(tp: object) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


@functools.cache
def _hints(owner: object) -> dict[str, Any]:
    return typing.get_type_hints(owner)


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any or tp is object:
        return {}
    if tp is type(None):
        return {"type": "null"}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return dict(_INT)
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is date:
        return {"type": "string", "format": "date"}
    if tp in (Fraction, Decimal):
        return dict(_NUMBER)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and tp.__name__ == "Citation" and tp.__module__ == "ocop.law":
        return {"type": "string", "description": "a citation as printed"}
    if origin in (tuple, list, frozenset, set) or tp in (tuple, list):
        if origin is tuple and args and args[-1] is not Ellipsis:
            items = [_type_schema(a, defs) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(args)}
        return {"type": "array", "items": _type_schema(args[0], defs) if args else {}}
    if origin in (dict, Mapping) or (isinstance(origin, type) and issubclass(origin, Mapping)):
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if isinstance(tp, type) and attrs.has(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise InvalidInput(f"ocop.serialize has no schema for {show(tp)}")


def _member_type(cls: type, name: str, via: Mapping[str, str]) -> Any:
    if name in via:
        return _hints(getattr(cls, via[name]))["return"]
    if name in {f.name for f in attrs.fields(cls)}:
        return _hints(cls)[name]
    member: Callable[..., Any] = getattr(cls, name).fget
    return _hints(member)["return"]


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # a placeholder, so a class that refers to itself terminates
    names: Mapping[str, str] = _declared(cls, "_json_names")
    via: Mapping[str, str] = _declared(cls, "_json_as")
    omit, hide, flatten = (_declared(cls, n) for n in ("_json_omit", "_json_hide", "_json_flatten"))
    properties: dict[str, Any] = {}
    required: list[str] = []
    merged: list[dict[str, Any]] = []
    fields = [f.name for f in attrs.fields(cls)]
    for name in [*fields, *_declared(cls, "_json_computed")]:
        if name in hide:
            continue
        found = _type_schema(_member_type(cls, name, via), defs)
        if name in flatten:
            merged.append(found)
            continue
        key = names.get(name, name)
        properties[key] = found
        if name not in omit:
            required.append(key)
    own: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if cls.__doc__:
        own["description"] = cls.__doc__.strip().split("\n\n")[0]
    defs[cls.__name__] = {"allOf": [*merged, own]} if merged else own
