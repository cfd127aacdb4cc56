"""Plain records (what ``json.loads`` makes) validated by an input model's own field rules,
without building a model object per record: the bulk path of :mod:`ocop.plans.portfolio`.

:func:`records_validator` derives a pydantic-core validator from a model's own core
schema: each nested model becomes a dict with the same fields, types, bounds,
strictness and refusal of unknown keys (a field left out stays out, so a record
is no larger than it was given).  There is no second copy of the field rules to
drift from the model's.  The model-level validators (``model_validator``) are
the one thing a dict cannot run: the caller names each one it runs itself, and
a model validator it does not name is refused when the validator is built, so
that a check added to a model later cannot be skipped silently.  So is any
kind of value whose reading in Python could differ from its reading as JSON
text, and a float, an int without bounds or a recursive model: whatever the
derived validator takes is then something the strict JSON reader
(``ocop.inputs.loads_strict``) takes too, but for a key given twice (see
``ocop.plans.portfolio._json_table``).

:func:`json_scan` is the walk :mod:`ocop.inputs` uses to tell a dict of JSON
values from Python input, done a level of the tree at a time so that a
20,000-product portfolio costs a few milliseconds rather than a call per value.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator

from ocop import limits

__all__ = ["JsonScan", "collection_paused", "json_scan", "records_validator"]

_SCALARS = frozenset({str, int, float, bool, type(None)})
_NUMBER_BOUND = 10**limits.MAX_NUMBER_DIGITS


class JsonScan:
    """What :func:`json_scan` found: ``json`` (only what ``json.loads`` makes, nested at
    most MAX_JSON_DEPTH), ``plain_numbers`` (no float, and no int of more than
    MAX_NUMBER_DIGITS digits: nothing the strict JSON reader could refuse), ``pairs``
    (the keys of every dict plus the colons in every text, keys included; ``-1`` when a
    subclass of dict or list was walked) and ``brackets`` (the nesting of its JSON text:
    1 for ``[]``, 2 for ``[[]]``)."""

    __slots__ = ("brackets", "json", "pairs", "plain_numbers")

    def __init__(self, json: bool, plain_numbers: bool, pairs: int = -1, brackets: int = 0):
        self.json, self.plain_numbers, self.pairs = json, plain_numbers, pairs
        self.brackets = brackets


def json_scan(value: Any, *, count: bool = False) -> JsonScan:
    """Whether ``value`` holds only dicts with text keys, lists, text, numbers, booleans and
    null (a Python date, tuple or enum means Python input), as the node-by-node walk
    ``_json_node`` decides; exact dicts and lists are read a whole level at a time.
    ``pairs`` is counted only if ``count``."""
    level, depth, plain, pairs, unread, brackets = [value], 0, True, 0, False, 0
    while level:
        if depth > limits.MAX_JSON_DEPTH:
            return JsonScan(False, plain)
        kinds = set(map(type, level))
        if float in kinds:
            plain = False
        if count and str in kinds:
            texts = [v for v in level if type(v) is str]
            pairs += sum(map(str.count, texts, itertools.repeat(":")))
        if int in kinds and plain:
            ints = [v for v in level if type(v) is int]
            plain = min(ints) > -_NUMBER_BOUND and max(ints) < _NUMBER_BOUND
        below: list[Any] = []
        if kinds - _SCALARS:
            brackets = depth + 1
        for kind in kinds - _SCALARS:
            nodes: list[Any] = [v for v in level if type(v) is kind]
            if kind is dict:
                keys = list(itertools.chain.from_iterable(nodes))
                if not all(issubclass(k, str) for k in set(map(type, keys))):
                    return JsonScan(False, plain)
                if count:
                    pairs += len(keys) + sum(map(str.count, keys, itertools.repeat(":")))
                below.extend(itertools.chain.from_iterable(map(dict.values, nodes)))
            elif kind is list:
                below.extend(itertools.chain.from_iterable(nodes))
            elif all(_json_node(v, depth) for v in nodes):  # a subclass: by its own methods
                plain, unread = False, True  # its numbers and keys: the strict reader's
            else:
                return JsonScan(False, plain)
        level, depth = below, depth + 1
    return JsonScan(True, plain, -1 if unread or not count else pairs, brackets)


def _json_node(value: Any, depth: int) -> bool:
    """One node and what it holds, walked through its own ``items()`` and iteration (a
    subclass of dict or list may override them)."""
    if depth > limits.MAX_JSON_DEPTH:
        return False
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_node(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_node(v, depth + 1) for v in value)
    return value is None or type(value) in (str, int, float, bool)


@functools.cache
def records_validator(
    model: type[BaseModel], runs: frozenset[Callable[..., Any]]
) -> SchemaValidator:
    """A validator of ``model``'s input given as JSON values, read in Python as the model
    reads their JSON text; ``runs`` are the model validators (of ``model`` and of the
    models it nests) that the caller runs itself."""
    return SchemaValidator(_records(model.__pydantic_core_schema__, runs))


_VALIDATORS = frozenset({"function-after", "function-before", "function-wrap", "function-plain"})
# Kinds of schema that take a JSON value in Python as they take it in JSON text, or refuse
# it where JSON text would be taken (an enum member for a strict enum), never the reverse.
_SAME_AS_JSON = _VALIDATORS | {"str", "int", "bool", "literal", "enum", "nullable", "tuple", "list"}
# A date from JSON text is ISO text; in Python a strict date takes only a ``date``.  Lax, it
# would also take a time of midnight ("2024-03-15T00:00"), which JSON text refuses: so the
# text must first be the ISO form alone, then it is read by the parser JSON text uses.
_ISO_DAY = r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z"


def _records(schema: Any, runs: frozenset[Callable[..., Any]]) -> Any:
    if isinstance(schema, list):
        return [_records(s, runs) for s in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind in _VALIDATORS and schema.get("schema", {}).get("type") == "model":
        function = schema["function"]["function"]
        if function not in runs:
            raise TypeError(f"the records of a model checked by {function} need that check run")
        return _records(schema["schema"], runs)
    if kind == "model":
        fields = schema["schema"]["fields"]
        return {
            "type": "typed-dict",
            "config": schema.get("config", {}),
            "extra_behavior": "forbid",
            "fields": {name: _field(field, runs) for name, field in fields.items()},
            **({"ref": schema["ref"]} if "ref" in schema else {}),
        }
    if kind == "int" and not _bounded_int(schema):
        raise TypeError("records of an int without bounds are not read as JSON text reads them")
    if kind == "date":
        iso = {"type": "str", "pattern": _ISO_DAY, "strict": True}
        return {"type": "chain", "steps": [iso, {**schema, "strict": False}]}
    if kind not in _SAME_AS_JSON:
        raise TypeError(f"records of {kind!r} values are not read as JSON text reads them")
    inner = {k: _records(schema[k], runs) for k in ("schema", "items_schema") if k in schema}
    return {**schema, **inner}


def _field(field: dict[str, Any], runs: frozenset[Callable[..., Any]]) -> dict[str, Any]:
    inner = field["schema"]
    optional = inner.get("type") == "default"
    derived = {
        "type": "typed-dict-field",
        "required": not optional,
        # a default is the model's to fill: a record keeps only what it was given
        "schema": _records(inner["schema"] if optional else inner, runs),
    }
    if "validation_alias" in field:
        derived["validation_alias"] = field["validation_alias"]
    return derived


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while records are read in bulk: the records and
    columns built hold no reference cycle, yet the tens of thousands of dicts they allocate
    set off full collections that walk the whole heap (about a third of the bulk path's
    time for 20,000 products).  Left off if the caller had turned it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bounded_int(schema: dict[str, Any]) -> bool:
    """Whether an int schema refuses every number of more than MAX_NUMBER_DIGITS digits, as
    the strict JSON reader does (so a text read plainly can be judged by the validator)."""
    low = schema.get("ge", schema.get("gt"))
    high = schema.get("le", schema.get("lt"))
    return low is not None and high is not None and -_NUMBER_BOUND < low <= high < _NUMBER_BOUND
