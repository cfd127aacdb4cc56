"""The bulk path for portfolios, ``PortfolioTable.from_records``: it takes exactly what
``Portfolio.model_validate`` takes, refuses what it refuses with the same error, and gives
the same table (issue 22)."""

from __future__ import annotations

import copy
import gc
import json
from datetime import date
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from ocop._records import _json_node, _records, json_scan, records_validator
from ocop.errors import OcopError
from ocop.limits import MAX_JSON_DEPTH
from ocop.plans import Portfolio, PortfolioTable
from ocop.plans.portfolio import _RUNS, _records_table
from ocop.strategies.certificates import certificates
from ocop.strategies.plans import portfolios


def same_table(a: PortfolioTable, b: PortfolioTable) -> None:
    for field in attrs.fields(PortfolioTable):
        x, y = getattr(a, field.name), getattr(b, field.name)
        pairs = [(x[k], y[k]) for k in x] if hasattr(x, "keys") else [(x, y)]
        if hasattr(x, "keys"):
            assert list(x) == list(y), field.name
        for u, v in pairs:
            if isinstance(u, np.ndarray):
                assert u.dtype == v.dtype and np.array_equal(u, v, equal_nan=u.dtype.kind == "M")
            else:
                assert u == v, field.name


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid portfolio as JSON values, some certificates with every detail filled in."""
    portfolio = draw(portfolios(max_subjects=5, max_products=8))
    data: dict[str, Any] = portfolio.model_dump(mode="json", exclude_defaults=draw(st.booleans()))
    for product in data["products"]:
        if draw(st.booleans()):
            detailed = draw(certificates(details=True))
            product.setdefault("certificates", []).append(detailed.model_dump(mode="json"))
    return data


def outcome(read: Any) -> PortfolioTable | tuple[type, str, str, dict[str, Any]]:
    try:
        return read()  # type: ignore[no-any-return]
    except OcopError as err:
        return type(err), err.code, str(err), err.context


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(records())
def test_valid_records_take_the_bulk_path_to_the_same_table(data: dict[str, Any]) -> None:
    fast = _records_table(copy.deepcopy(data))
    assert fast is not None  # valid JSON values never need the model
    same_table(fast, Portfolio.model_validate(data).table())
    same_table(PortfolioTable.from_records(data), fast)


HOSTILE = [
    None, "", "x", "2024-02-30", "2010-05-05", "2024-03-15T00:00:00", "2024-3-5", "1710460800",
    "I", "VII", "cooperative", "sme", "civil_code", "26/2026/QĐ-TTg", "148", "province",
    "\ud800", 0, 2, 3, 6, -1, 10**120, 3.0, float("nan"), 1e300, True, False, [], ["a"], [1],
    {}, {"star": 3}, date(2024, 3, 15), ("a",),
]  # fmt: skip
KEYS = [
    "id", "subject", "entity_type", "modern_channels", "trained", "name", "district", "tags",
    "product_group", "craft_village", "certificates", "star", "issued_on", "regulation",
    "issued_by", "revoked_on", "revocation_ground", "superseded_on", "re_evaluation_filed_on",
    "re_evaluation_decided_on", "product_set", "unknown",
]  # fmt: skip


def containers(value: Any) -> list[Any]:
    """Every dict and list in ``value``, itself first."""
    inner = value.values() if isinstance(value, dict) else value
    if not isinstance(value, dict | list):
        return []
    return [value, *(c for v in inner for c in containers(v))]


@st.composite
def bad_records(draw: st.DrawFn) -> dict[str, Any]:
    """Valid records with one to three values replaced, removed or added anywhere."""
    data = draw(records())
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(containers(data)))
        if isinstance(place, list):
            if place and draw(st.booleans()):
                place.append(copy.deepcopy(draw(st.sampled_from(place))))  # an id twice
            else:
                place.append(copy.deepcopy(draw(st.sampled_from(HOSTILE))))
        elif draw(st.integers(0, 4)) == 0 and place:
            del place[draw(st.sampled_from(sorted(place, key=str)))]
        else:
            place[draw(st.sampled_from(KEYS))] = copy.deepcopy(draw(st.sampled_from(HOSTILE)))
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(bad_records())
def test_the_bulk_path_refuses_what_the_model_refuses_with_the_same_error(
    data: dict[str, Any],
) -> None:
    model = outcome(lambda: Portfolio.model_validate(copy.deepcopy(data)).table())
    fast = _records_table(copy.deepcopy(data))
    if fast is not None:  # the bulk path vouched for the records: the model takes them too
        assert isinstance(model, PortfolioTable), model
        same_table(fast, model)
    bulk = outcome(lambda: PortfolioTable.from_records(copy.deepcopy(data)))
    if isinstance(model, PortfolioTable):
        assert isinstance(bulk, PortfolioTable)
        same_table(bulk, model)
    else:
        assert bulk == model


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    records() | bad_records(),
    st.sampled_from(["", "dup", "bytes", "nan", "colon", "utf16", "bom", "ascii", "surrogate"]),
)
def test_json_text_gives_what_the_model_gives(data: dict[str, Any], twist: str) -> None:
    products = data.get("products")
    if (
        twist == "colon"
        and isinstance(products, list)
        and products
        and isinstance(products[0], dict)
    ):
        products[0]["name"] = "Trà: loại 1"  # a colon in a text: the text is read strictly
    if twist == "surrogate" and isinstance(products, list) and products:
        products[0] = {**products[0], "name": "\ud800"} if isinstance(products[0], dict) else 0
    ascii_only = twist in ("ascii", "surrogate")
    text: str | bytes = json.dumps(data, ensure_ascii=ascii_only, default=str)
    assert isinstance(text, str)
    if twist == "dup" and text.startswith('{"subjects"'):
        text = '{"subjects": [], ' + text[1:]  # a key twice: the last one would win
    elif twist == "nan":
        text = text.replace('"star": 3', '"star": NaN')
    elif twist == "bytes":
        text = text.encode("utf-8", "surrogatepass")
    elif twist == "bom":
        text = b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    elif twist == "utf16":
        text = text.encode("utf-16", "surrogatepass")
    model = outcome(lambda: Portfolio.model_validate_json(text).table())
    bulk = outcome(lambda: PortfolioTable.from_json(text))
    if isinstance(model, PortfolioTable):
        assert isinstance(bulk, PortfolioTable)
        same_table(bulk, model)
    else:
        assert bulk == model


def test_refusals_are_worded_by_the_model() -> None:
    data = {"subjects": [{"id": "s", "entity_type": "sme"}], "products": []}
    data["products"] = [{"id": "p", "subject": "s", "certificates": [{"star": 3}]}]
    with pytest.raises(OcopError, match=r"products\.0\.certificates\.0\.issued_on"):
        PortfolioTable.from_records(data)
    data["products"] = [{"id": "p", "subject": "t"}]
    with pytest.raises(OcopError, match="product p: unknown subject 't'"):
        PortfolioTable.from_records(data)
    data["products"] = [
        {"id": "p", "subject": "s", "certificates": [{"star": 3, "issued_on": "2010-05-05"}]}
    ]
    with pytest.raises(OcopError, match="no criteria-and-process regime is encoded for 2010-05-05"):
        PortfolioTable.from_records(data)
    cert = {"star": 3, "issued_on": "2024-03-15", "revoked_on": "2024-03-01"}
    data["products"] = [{"id": "p", "subject": "s", "certificates": [cert]}]
    with pytest.raises(OcopError, match="revoked_on 2024-03-01 is before the certificate"):
        PortfolioTable.from_records(data)


def test_python_values_are_read_by_the_model() -> None:
    data = {
        "subjects": [{"id": "s", "entity_type": "sme"}],
        "products": [{"id": "p", "subject": "s", "tags": ("a",),
                      "certificates": [{"star": 4, "issued_on": date(2024, 3, 15)}]}],
    }  # fmt: skip
    assert _records_table(data) is None
    same_table(PortfolioTable.from_records(data), Portfolio.model_validate(data).table())


def test_a_model_check_the_bulk_path_does_not_run_cannot_be_skipped() -> None:
    with pytest.raises(TypeError, match="need that check run"):
        records_validator(Portfolio, frozenset({Portfolio._linked}))
    assert records_validator(Portfolio, _RUNS) is records_validator(Portfolio, _RUNS)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_it_was(enabled: bool) -> None:
    data = {"subjects": [{"id": "s", "entity_type": "sme"}], "products": []}
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        PortfolioTable.from_records(data)
        assert gc.isenabled() is enabled
        with pytest.raises(OcopError):
            PortfolioTable.from_records({"subjects": []})
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


ISO_LIKE = st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z") | st.text(max_size=12)


@given(ISO_LIKE)
def test_a_date_from_a_json_value_is_read_as_json_text_reads_it(text: str) -> None:
    def read(go: Any) -> Any:
        try:
            return go()
        except ValidationError:
            return "refused"

    records = SchemaValidator(_records(cs.date_schema(), frozenset()))
    from_value = read(lambda: records.validate_python(text))
    from_text = read(lambda: SchemaValidator(cs.date_schema(strict=True)).validate_json(
        json.dumps(text)))  # fmt: skip
    # The records path may refuse more (the model then decides), never take more or other.
    assert from_value == "refused" or from_value == from_text


class Dict(dict):  # type: ignore[type-arg]
    pass


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3)
    | st.dates() | st.sampled_from([("t",), b"b", 10**101, -(10**101)]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=2) | st.integers(), inner, max_size=3)
    | st.dictionaries(st.text(max_size=2), inner, max_size=2).map(Dict),
    max_leaves=12,
)  # fmt: skip


def nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def numbers(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return [value] if type(value) in (int, float) else []


@given(JSONISH, st.sampled_from([0, MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH + 1]))
def test_the_json_scan_is_the_node_walk(value: Any, depth: int) -> None:
    value = nested(value, depth)
    scan = json_scan(value)
    assert scan.json == _json_node(value, 0)
    if scan.json and scan.plain_numbers:  # nothing the strict JSON reader would refuse
        assert all(type(n) is int and abs(n) < 10**100 for n in numbers(value))


KEYS_TEXT = st.sampled_from(["a", "b", "a:b", "c", "\\u003a", "x\\u003Ay"])
SCALAR_TEXT = st.sampled_from(
    ["1", "-0", "3.5", "1e400", "NaN", "-Infinity", "1" * 101, "1" * 99, '"x:y"', '"\\u003a"',
     "true", "null", '"2024-03-15"', "[]", "{}", '"a::"', '"\\u003A:"', "03", "1E2"]
)  # fmt: skip


@st.composite
def json_texts(draw: st.DrawFn, depth: int = 0) -> str:
    """JSON texts and near-JSON texts: keys given twice, colons in strings, NaN, long numbers,
    deep nesting, a missing bracket."""
    if depth > 3 or draw(st.booleans()):
        return draw(SCALAR_TEXT)
    if draw(st.booleans()):
        items = draw(st.lists(json_texts(depth + 1), max_size=3))
        return "[" + ", ".join(items) + "]"
    keys = draw(st.lists(KEYS_TEXT, max_size=3))
    return "{" + ",".join(f'"{k}" : {draw(json_texts(depth + 1))}' for k in keys) + "}"


@settings(max_examples=300, deadline=None)
@given(
    json_texts(),
    st.sampled_from([0, 1, MAX_JSON_DEPTH]),
    st.sampled_from([None, "utf-8", "utf-16", "utf-8-sig"]),
    st.booleans(),
)
def test_the_plain_reading_is_kept_only_where_the_strict_reading_agrees(
    text: str, depth: int, encoding: str | None, broken: bool
) -> None:
    from ocop.inputs import _strict, loads_strict

    text = "[" * depth + text + "]" * depth + ("]" if broken else "")
    data: str | bytes = text if encoding is None else text.encode(encoding)
    strict = outcome(lambda: _strict(data, "t"))
    assert outcome(lambda: loads_strict(data, what="t")) == strict


@pytest.mark.parametrize("as_json", [True, False])
def test_the_first_collection_past_its_limit_is_named_in_the_order_of_the_fields(
    as_json: bool,
) -> None:
    from ocop.limits import MAX_COLLECTION
    from ocop.plans import Product

    too_many = [0] * (MAX_COLLECTION + 1)
    data: dict[str, Any] = {"certificates": too_many, "tags": too_many, "id": "p", "subject": "s"}
    if not as_json:
        data["name"] = date(2024, 1, 1)  # Python input: read without its JSON text
    with pytest.raises(OcopError, match=r"invalid Product: tags has more than 100000 items"):
        Product.model_validate(data)
