"""The OpenAPI 3.1 description of ``ocop serve``, generated from the endpoints' own schemas.

Bodies are the input models' JSON Schemas (``model_json_schema``), answers
the documents' schemas from :func:`ocop.serialize.document_schema`, errors
:data:`ERROR_SCHEMA`: nothing is written twice.  OpenAPI 3.1 speaks JSON
Schema 2020-12, so each schema goes in as it is; only its ``$defs`` move to
``components/schemas`` (a name two schemas define differently gets a suffix).

>>> spec = openapi()
>>> spec["openapi"], sorted(spec["paths"])[:2]
('3.1.0', ['/v1/certificates/status', '/v1/check'])
>>> spec["paths"]["/v1/score"]["post"]["responses"]["200"]["content"]["application/json"]
{'schema': {'$ref': '#/components/schemas/ScoreDocumentResponse'}}
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

from ocop import __version__
from ocop.serialize import SCHEMA_VERSION, document_schema, header_schema
from ocop.serve.routes import ENDPOINTS, Endpoint

__all__ = ["ERROR_SCHEMA", "ERROR_STATUSES", "openapi"]

#: Every error answer: the error's stable code, a message, the values involved.
ERROR_SCHEMA: Final[Mapping[str, Any]] = {
    "type": "object",
    "properties": {
        **header_schema()["properties"],
        "code": {"type": "string"},
        "message": {"type": "string"},
        "context": {"type": "object"},
    },
    "required": ["schema_version", "ocop_version", "code", "message", "context"],
    "additionalProperties": False,
}

#: The error statuses any endpoint may answer, and when.
ERROR_STATUSES: Final[Mapping[int, str]] = {
    400: "malformed input: bad JSON, a value of the wrong type or out of range (invalid_input)",
    404: "no such sheet, plan, regulation or path (not_found)",
    405: "the path exists for another method (method_not_allowed)",
    413: "the body is larger than ocop.limits.MAX_INPUT_BYTES (input_too_large)",
    422: "well-formed input the law does not cover or contradicts (rule_not_in_force, …)",
    503: "the request took longer than the time limit (time_limit)",
}


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document ``GET /openapi.json`` answers."""
    components: dict[str, Any] = {"Error": copy.deepcopy(dict(ERROR_SCHEMA))}
    originals: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for endpoint in ENDPOINTS:
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = _operation(
            endpoint, components, originals
        )
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "ocop",
            "version": __version__,
            "description": "Vietnam's OCOP programme rules over HTTP, as `ocop serve` answers "
            f"them; every JSON answer carries schema_version {SCHEMA_VERSION!r} and "
            "ocop_version (the package's).",
        },
        "paths": paths,
        "components": {"schemas": components},
    }


def _operation(
    endpoint: Endpoint, components: dict[str, Any], originals: dict[str, Any]
) -> dict[str, Any]:
    name = _answer_name(endpoint.answer)
    _hoist(name, document_schema(endpoint.answer), components, originals)
    responses: dict[str, Any] = {
        "200": {
            "description": "the document",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }
    for status, when in ERROR_STATUSES.items():
        responses[str(status)] = {
            "description": when,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    operation_id = "".join(
        part.strip("{}").capitalize() for part in (endpoint.method, *endpoint.path.split("/"))
    )
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": endpoint.summary,
        "parameters": [
            {
                "name": p.name,
                "in": p.where,
                "description": p.description,
                "required": p.required,
                "schema": dict(p.schema),
                **({"style": "form", "explode": True} if p.schema.get("type") == "array" else {}),
            }
            for p in endpoint.parameters
        ],
        "responses": responses,
    }
    if endpoint.body is not None:
        body_name = f"{operation_id}Body"
        _hoist(body_name, dict(endpoint.body), components, originals)
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{body_name}"}}
            },
        }
    return operation


def _answer_name(answer: Any) -> str:
    names = [getattr(a, "__name__", "") for a in getattr(answer, "__args__", (answer,))]
    return "Or".join(names) + "Response"


def _hoist(
    name: str, schema: dict[str, Any], components: dict[str, Any], originals: dict[str, Any]
) -> None:
    """Put ``schema`` under ``name`` and its ``$defs`` beside it, references rewritten."""
    schema = copy.deepcopy(schema)
    defs: dict[str, Any] = {}
    _pop_defs(schema, defs)
    renamed: dict[str, str] = {}
    for key, value in defs.items():
        final, n = key, 1
        while final in originals and originals[final] != value:
            n += 1
            final = f"{key}{n}"
        renamed[key] = final
        originals[final] = value
    for key, value in defs.items():
        components[renamed[key]] = _rewrite(value, renamed)
    components[name] = _rewrite(schema, renamed)


def _pop_defs(value: Any, defs: dict[str, Any]) -> None:
    """Move every ``$defs`` in ``value`` (a body's items hold their own) into ``defs``."""
    if isinstance(value, dict):
        value.pop("$schema", None)
        for key, inner in value.pop("$defs", {}).items():
            _pop_defs(inner, defs)
            defs[key] = inner
        for inner in value.values():
            _pop_defs(inner, defs)
    elif isinstance(value, list):
        for inner in value:
            _pop_defs(inner, defs)


def _rewrite(value: Any, renamed: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        out = {k: _rewrite(v, renamed) for k, v in value.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            out["$ref"] = f"#/components/schemas/{renamed[ref.removeprefix('#/$defs/')]}"
        return out
    if isinstance(value, list):
        return [_rewrite(v, renamed) for v in value]
    return value
