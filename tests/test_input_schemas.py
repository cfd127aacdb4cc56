"""Input models accept what their JSON Schema says, the same from JSON text and a parsed dict.

Instances are drawn from each model's own JSON Schema by a small generator over
the keywords those schemas use ($ref, anyOf, enum, const, type, format date,
pattern, bounds, items, properties): hypothesis-jsonschema was the first choice,
but it fails on the Hypothesis this suite pins.  For every instance, validating
the dict (``model_validate``) and its JSON text (``model_validate_json``) must
agree: both give the same model, or both refuse with the same error code.
"""

from __future__ import annotations

import importlib
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.certificates import Certificate
from ocop.cli.schema import MODELS
from ocop.errors import OcopError

DEPTH = 4  # past this, optional properties are left out and arrays are empty


def instances(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """JSON values valid against ``schema`` (a model's JSON Schema with its ``$defs``)."""
    return _node(schema, schema.get("$defs", {}), 0)


def _node(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        return st.deferred(lambda: _node(defs[node["$ref"].split("/")[-1]], defs, depth + 1))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([_node(n, defs, depth) for n in node[key]])
    if "allOf" in node:
        return _node(node["allOf"][0], defs, depth)
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([_node({**node, "type": k}, defs, depth) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        low = node.get("minimum", node.get("exclusiveMinimum", -(10**6) - 1) + 1)
        high = node.get("maximum", node.get("exclusiveMaximum", 10**6 + 1) - 1)
        return st.integers(low, high)
    if kind == "number":
        return st.integers(-(10**6), 10**6)
    if kind == "string":
        return _string(node)
    if kind == "array":
        return _array(node, defs, depth)
    if kind == "object" or "properties" in node:
        return _object(node, defs, depth)
    return st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    if node.get("format") == "date":
        return st.dates(date(2015, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True).filter(
            lambda s: len(s) <= node.get("maxLength", 200)
        )
    return st.text(min_size=node.get("minLength", 0), max_size=min(node.get("maxLength", 8), 8))


def _array(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    low = node.get("minItems", 0)
    if "prefixItems" in node:
        return st.tuples(*(_node(n, defs, depth + 1) for n in node["prefixItems"])).map(list)
    high = low if depth >= DEPTH else min(node.get("maxItems", low + 2), low + 2)
    return st.lists(_node(node.get("items", {}), defs, depth + 1), min_size=low, max_size=high)


def _object(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", ()))
    if not properties and isinstance(node.get("additionalProperties"), dict):
        values = _node(node["additionalProperties"], defs, depth + 1)
        keys = _string(node.get("propertyNames", {"type": "string"}))
        return st.dictionaries(keys, values, max_size=0 if depth >= DEPTH else 2)
    fixed = {k: _node(v, defs, depth + 1) for k, v in properties.items() if k in required}
    optional = {k: _node(v, defs, depth + 1) for k, v in properties.items() if k not in required}
    return st.fixed_dictionaries(fixed, optional={} if depth >= DEPTH else optional)


def _outcome(validate: Any, value: Any) -> Any:
    try:
        return validate(value)
    except OcopError as err:
        return err.code


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_parsed_dict_and_its_json_text_validate_alike(kind: str) -> None:
    module, name = MODELS[kind]
    model = getattr(importlib.import_module(module), name)

    @given(instances(model.model_json_schema()))
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def agree(value: Any) -> None:
        from_dict = _outcome(model.model_validate, value)
        from_text = _outcome(model.model_validate_json, json.dumps(value, ensure_ascii=False))
        assert from_dict == from_text

    agree()


def test_a_certificate_from_a_parsed_dict_takes_iso_dates() -> None:
    # The schema says a date is an ISO string; a dict parsed from JSON holds exactly that.
    cert = Certificate.model_validate({"star": 4, "issued_on": "2024-03-15"})
    assert cert.issued_on == date(2024, 3, 15)
    assert cert == Certificate.model_validate_json('{"star": 4, "issued_on": "2024-03-15"}')
    # Python objects still validate as Python, and a date that is not one is still refused.
    assert Certificate.model_validate({"star": 4, "issued_on": date(2024, 3, 15)}) == cert
    with pytest.raises(OcopError) as refused:
        Certificate.model_validate({"star": 4, "issued_on": "2024-02-30"})
    assert refused.value.code == "invalid_input"
