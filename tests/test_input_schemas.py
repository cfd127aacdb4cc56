"""Input models accept what their JSON Schema says, the same from JSON text and a parsed dict.

Instances are drawn from each model's own JSON Schema by a small generator over
the keywords those schemas use ($ref, anyOf, enum, const, type, format date,
pattern, bounds, items, properties): hypothesis-jsonschema was the first choice,
but it fails on the Hypothesis this suite pins.  For every instance, validating
the dict (``model_validate``) and its JSON text (``model_validate_json``) must
agree: both give the same model, or both refuse with the same error code.  Every
input model of the library is drawn, and the documents users write (MODELS) must
be accepted some of the time, not only refused: :data:`NARROW` narrows a few
definitions to what their validators add to the schema (a figure has exactly
one hedge, a section states something), so that the accepting path is tested too.
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
from ocop.criteria import Scorecard
from ocop.errors import OcopError
from ocop.inputs import InputModel
from ocop.plans import Plan, catalog
from ocop.plans.metrics import EntityType
from ocop.plans.portfolio import Portfolio, Subject
from ocop.reports import Document
from tests.test_documents_page import BLOCKS

DEPTH = 4  # models nested deeper than this leave out optional properties and arrays are empty


def instances(schema: dict[str, Any], narrow: bool = False) -> st.SearchStrategy[Any]:
    """JSON values valid against ``schema`` (a model's JSON Schema with its ``$defs``);
    ``narrow`` draws the definitions in :data:`NARROW` as narrowed there."""
    defs = dict(schema.get("$defs", {}))
    if narrow:
        defs |= {name: change(defs[name]) for name, change in NARROW.items() if name in defs}
    return _node(schema, defs, 0)


def _keep(
    node: dict[str, Any], required: tuple[str, ...] = (), drop: tuple[str, ...] = ()
) -> dict[str, Any]:
    properties = {k: v for k, v in node["properties"].items() if k not in drop}
    for name in required:  # a required value is not null, a required array not empty
        found = properties[name]
        if "anyOf" in found:
            found = next(a for a in found["anyOf"] if a.get("type") != "null")
        if found.get("type") == "array":
            found = {**found, "minItems": 1}
        if found.get("type") == "string":
            found = {**found, "minLength": 1}
        properties[name] = found
    return {**node, "properties": properties, "required": [*node.get("required", ()), *required]}


#: What validators add to a definition's schema, for drawing instances that pass them.
NARROW: dict[str, Any] = {
    # ocop.figures.Figure: exactly one hedge; a bare number is the exact figure.
    "Figure": lambda node: {"type": "integer", "minimum": 0},
    # ocop.reports.Document: a province is a name or a code of one (ocop.admin).
    "Document": lambda node: _keep(node, drop=("province",)),
    # ocop.reports.Section: states something; tables only in a budget section.
    "Section": lambda node: _keep(node, required=("quantities",), drop=("tables", "period")),
    # ocop.reports.Quantity: a top-level quantity names its what and unit, and has a figure.
    "Quantity": lambda node: _keep(
        node,
        required=("figure", "what", "unit"),
        drop=(
            *("parts", "parts_complete", "year", "period", "rate", "share", "share_of"),
            "source",  # a funding source is one ocop.budget knows
        ),
    ),
    # ocop.budget.TableDocument, Claim: left out of the drawn budgets (see test_budget_*).
    "Budget": lambda node: _keep(node, drop=("tables",)),
    "Claim": lambda node: _keep(node, required=("total",), drop=("parts",)),
    # ocop.certificates.Certificate: events after the issue, in order; drawn without them.
    "Certificate": lambda node: _keep(
        node,
        drop=(
            "revoked_on",
            "revocation_ground",
            "superseded_on",
            "re_evaluation_filed_on",
            "re_evaluation_decided_on",
        ),
    ),
}


def _node(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        # Depth counts models ($ref), not every array and object in between.
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
        return st.tuples(*(_node(n, defs, depth) for n in node["prefixItems"])).map(list)
    high = low if depth >= DEPTH else min(node.get("maxItems", low + 2), low + 2)
    return st.lists(_node(node.get("items", {}), defs, depth), min_size=low, max_size=high)


def _object(node: dict[str, Any], defs: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", ()))
    if not properties and isinstance(node.get("additionalProperties"), dict):
        values = _node(node["additionalProperties"], defs, depth)
        keys = _string(node.get("propertyNames", {"type": "string"}))
        return st.dictionaries(keys, values, max_size=0 if depth >= DEPTH else 2)
    fixed = {k: _node(v, defs, depth) for k, v in properties.items() if k in required}
    optional = {k: _node(v, defs, depth) for k, v in properties.items() if k not in required}
    return st.fixed_dictionaries(fixed, optional={} if depth >= DEPTH else optional)


def _outcome(validate: Any, value: Any) -> Any:
    try:
        return validate(value)
    except OcopError as err:
        return err.code


def _input_models() -> list[type[InputModel]]:
    """Every input model the library defines (after importing the packages that hold them)."""
    for module in ("ocop.budget", "ocop.certificates", "ocop.criteria", "ocop.plans"):
        importlib.import_module(module)
    importlib.import_module("ocop.reports")
    found: list[type[InputModel]] = []
    todo = [InputModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ocop."):
                found.append(sub)
    return sorted(set(found), key=lambda m: f"{m.__module__}.{m.__name__}")


INPUT_MODELS = _input_models()


def _agree(model: type[InputModel], narrow: bool) -> list[Any]:
    """Draw 40 instances from ``model``'s schema; both ways agree; the outcomes."""
    outcomes: list[Any] = []

    @given(instances(model.model_json_schema(), narrow))
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def agree(value: Any) -> None:
        from_dict = _outcome(model.model_validate, value)
        from_text = _outcome(model.model_validate_json, json.dumps(value, ensure_ascii=False))
        assert from_dict == from_text
        outcomes.append(from_dict)

    agree()
    return outcomes


def test_every_input_model_is_drawn() -> None:
    names = {m.__name__ for m in INPUT_MODELS}
    assert {"Portfolio", "Product", "Figure", "Quantity", "Target", "Scorecard"} <= names
    assert all(getattr(importlib.import_module(m), n) in INPUT_MODELS for m, n in MODELS.values())


@pytest.mark.parametrize("model", INPUT_MODELS, ids=lambda m: m.__name__)
def test_a_parsed_dict_and_its_json_text_validate_alike(model: type[InputModel]) -> None:
    _agree(model, narrow=False)


@pytest.mark.parametrize("kind", sorted(set(MODELS) - {"scorecard"}))
def test_documents_drawn_from_their_schema_are_accepted_too(kind: str) -> None:
    # The same agreement on the accepting path: narrowed draws that the model takes.
    module, name = MODELS[kind]
    outcomes = _agree(getattr(importlib.import_module(module), name), narrow=True)
    accepted = [o for o in outcomes if not isinstance(o, str)]
    assert len(accepted) >= len(outcomes) // 10, (kind, outcomes[:5])


@given(st.from_type(Scorecard))
@settings(max_examples=40, deadline=None, database=None)
def test_a_valid_scorecard_as_a_parsed_dict_is_the_same_card(card: Scorecard) -> None:
    # A card's choices depend on its sheet, which its JSON Schema cannot say: valid cards
    # come from ocop.strategies, and their JSON form reads back the same both ways.
    as_json = card.model_dump(mode="json")
    assert Scorecard.model_validate(as_json) == card
    assert Scorecard.model_validate_json(json.dumps(as_json)) == card


def test_nested_models_given_as_json_dicts_read_as_json_at_every_depth() -> None:
    # Python values at the top (a Subject, a tuple), JSON dicts inside: each dict is read
    # as JSON, so the product's certificate takes an ISO date as the schema says.
    subject = Subject(id="s", entity_type=EntityType.COOPERATIVE)
    certificate = {"star": 4, "issued_on": "2024-03-15"}
    product = {"id": "p", "subject": "s", "tags": ("a",), "certificates": [certificate]}
    portfolio = Portfolio(subjects=(subject,), products=[product])
    assert portfolio.products[0].certificates[0].issued_on == date(2024, 3, 15)
    as_json = {"subjects": [subject.model_dump(mode="json")], "products": [product]}
    as_json["products"][0] = {**product, "tags": ["a"]}
    assert Portfolio.model_validate(as_json) == portfolio
    assert Portfolio.model_validate({"subjects": [subject], "products": [product]}) == portfolio
    # A nested dict holding a Python value is Python input: strict, as at the top.
    mixed = {**certificate, "revoked_on": date(2025, 1, 1)}
    with pytest.raises(OcopError, match=r"products\.0\.certificates\.0\.issued_on"):
        Portfolio(subjects=(subject,), products=[{**product, "certificates": [mixed]}])
    # A refusal inside names the place from the top, as the same input read as JSON does.
    bad = {**product, "certificates": [{**certificate, "star": 9}]}
    with pytest.raises(OcopError) as from_python:
        Portfolio(subjects=(subject,), products=[bad])
    with pytest.raises(OcopError) as from_text:
        Portfolio.model_validate_json(
            json.dumps({"subjects": as_json["subjects"], "products": [{**bad, "tags": ["a"]}]})
        )
    assert str(from_python.value) == str(from_text.value)
    assert "products.0.certificates.0.star" in str(from_python.value)


def test_a_report_document_from_python_values_takes_json_sections() -> None:
    # docs/documents.md's first report: its top level as Python (a date), sections as JSON.
    text = next(b for b in BLOCKS if '"sections"' in b)
    parsed = json.loads(text)
    top = {**parsed, "issued_on": date.fromisoformat(parsed["issued_on"])}
    assert Document(**top) == Document.model_validate(top) == Document.model_validate_json(text)


def test_a_validation_context_is_kept_for_a_parsed_dict() -> None:
    # Plan.as_written passes a context: a parsed dict still reads as JSON, context and all.
    plan = catalog.plan("ninh-thuan-2025")
    as_json = plan.model_dump(mode="json", exclude_defaults=True)
    assert Plan.as_written(as_json) == plan


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
