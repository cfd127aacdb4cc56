"""The endpoints of ``ocop serve``: what each one reads, the library call it makes, what it answers.

An :class:`Endpoint` is plain data (no web framework here): its parameters,
the input model its body is, and the attrs document class it answers with.
The ASGI app (:func:`ocop.serve.create_app`) and the OpenAPI description
(:func:`ocop.serve.openapi`) are both built from :data:`ENDPOINTS`, so the
description cannot drift from what the server does.  Each handler is the
same call the CLI command makes, with the same document class: ``POST
/v1/score`` answers what ``ocop score --format json`` prints.

>>> [f"{e.method} {e.path}" for e in ENDPOINTS][:3]
['GET /v1/rules', 'GET /v1/sheets', 'GET /v1/sheets/{set}']
>>> call = Call(query={"regulation": ("26/2026/QĐ-TTg",)}, path={"set": "7"})
>>> ENDPOINTS[2].handler(call).product_set
'I.3.c'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final, TypeVar, overload

import attrs
from pydantic import BaseModel

from ocop.arguments import choice, same_kind
from ocop.certificates import Certificate, ExpiryRule, ExtensionReading
from ocop.cli import certificate as certificate_command
from ocop.cli import check as check_command
from ocop.cli import rules as rules_command
from ocop.cli import sheets as sheets_command
from ocop.cli._common import ascii_digits, date_or_today, parse_date, scorecard
from ocop.cli.plans import PlanList, row
from ocop.cli.score import ScoreDocument
from ocop.criteria import CouncilScore, Scorecard, ScoreResult, council_average, score, scoresheet
from ocop.criteria import scoresheets as all_scoresheets
from ocop.errors import InvalidInput
from ocop.inputs import loads_strict
from ocop.law import EvaluationKind, regime_on
from ocop.plans import Plan, catalog, check
from ocop.reports import Document, DocumentCheck, check_document
from ocop.stars import classify

__all__ = ["ENDPOINTS", "Call", "Endpoint", "Parameter"]

_STRING: Final[Mapping[str, Any]] = {"type": "string"}

E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M", bound=BaseModel)


@attrs.frozen(slots=True, kw_only=True)
class Call:
    """One request as a handler sees it: query values (repeatable), path values, the body."""

    query: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    path: Mapping[str, str] = attrs.field(factory=dict)
    body: bytes = b""

    def one(self, name: str) -> str | None:
        """The query value ``name``, or ``None``; given twice is an error, not a guess."""
        name = same_kind(name, str, "name")
        values = self.query.get(name, ())
        if len(values) > 1:
            raise InvalidInput(f"query parameter {name!r} given {len(values)} times", name=name)
        return values[0] if values else None


@attrs.frozen(slots=True, kw_only=True)
class Parameter:
    """A query or path parameter: ``schema`` is its JSON Schema (a string unless told)."""

    name: str
    where: str  # "query" or "path"
    description: str
    schema: Mapping[str, Any] = attrs.field(factory=lambda: dict(_STRING))
    required: bool = False


@attrs.frozen(slots=True, kw_only=True)
class Endpoint:
    """A versioned endpoint: ``body`` the input model of a POST, ``answer`` its document class."""

    method: str
    path: str
    summary: str
    handler: Callable[[Call], object]
    answer: Any
    parameters: tuple[Parameter, ...] = ()
    body: Mapping[str, Any] | None = None  # the JSON Schema of the body (from input models)


_DATE: Final = {"type": "string", "format": "date"}


def _enum_schema(kind: type[enum.Enum]) -> dict[str, Any]:
    return {"type": "string", "enum": [m.value for m in kind]}


def _day(call: Call, name: str = "on") -> date:
    return date_or_today(call.one(name))


@overload
def _choice(call: Call, name: str, kind: type[E], default: E) -> E: ...
@overload
def _choice(call: Call, name: str, kind: type[E], default: None = None) -> E | None: ...
def _choice(call: Call, name: str, kind: type[E], default: E | None = None) -> E | None:
    """The query value ``name`` as a member of ``kind`` (by value), or ``default`` if not given."""
    given = call.one(name)
    return default if given is None else choice(given, kind, name)


def _json_body(call: Call, what: str) -> Any:
    if not call.body:
        raise InvalidInput(f"the request has no body; send the {what} as JSON")
    return loads_strict(call.body, what=what)


def _model_body(call: Call, model: type[M], what: str) -> M:
    """The body as ``model``: an empty or malformed body is invalid_input before the model reads
    it (in JSON mode, so that ISO text is a date)."""
    _json_body(call, what)
    return model.model_validate_json(call.body)


# --- handlers ----------------------------------------------------------------------------


def _rules(call: Call) -> rules_command.RulesDocument:
    filed = call.one("filed_on")
    found = regime_on(
        _day(call),
        filed_on=None if filed is None else parse_date(filed),
        kind=_choice(call, "kind", EvaluationKind),
    )
    return rules_command.payload(found)


def _law(call: Call) -> dict[str, Any]:
    regulation, on = call.one("regulation"), call.one("on")
    if regulation is not None and on is not None:
        raise InvalidInput("give 'regulation' or 'on', not both")
    return {"regulation": regulation} if regulation is not None else {"on": date_or_today(on)}


def _sheets(call: Call) -> sheets_command.SheetList:
    return sheets_command.SheetList(
        tuple(sheets_command.row(s) for s in all_scoresheets(**_law(call)))
    )


def _sheet(call: Call) -> sheets_command.SheetDetail:
    key = call.path["set"]
    return sheets_command.detail(scoresheet(int(key) if ascii_digits(key) else key, **_law(call)))


def _scored(scored: ScoreResult | CouncilScore, call: Call) -> ScoreDocument:
    found = classify(scored, knockouts=call.query.get("knockout", ()))
    return ScoreDocument(score=scored, star=found.star, classification=found)


def _score(call: Call) -> ScoreDocument:
    return _scored(score(_model_body(call, Scorecard, "scorecard")), call)


def _council(call: Call) -> ScoreDocument:
    cards = _json_body(call, "list of scorecards")
    if not isinstance(cards, list):
        raise InvalidInput("a council is a JSON array of scorecards")
    return _scored(council_average([scorecard(c) for c in cards]), call)


def _certificate(call: Call) -> certificate_command.CertificateDocument:
    return certificate_command.document(
        _model_body(call, Certificate, "certificate"),
        _day(call),
        rule=_choice(call, "expiry_rule", ExpiryRule, ExpiryRule.CIVIL_CODE),
        reading=_choice(call, "reading", ExtensionReading, ExtensionReading.TRANSITIONAL),
    )


def _check(call: Call) -> check_command.CheckDocument | DocumentCheck:
    found = _json_body(call, "document")
    if not isinstance(found, dict):
        raise InvalidInput(f"a document is a JSON object, not {type(found).__name__}")
    text = call.body.decode("utf-8")
    if "sections" in found:
        return check_document(Document.model_validate_json(text))
    return _checked(Plan.as_written(text), call)


def _plans(call: Call) -> PlanList:
    on = _day(call)
    return PlanList(tuple(row(p, on) for p in catalog.plans()))


def _plan_check(call: Call) -> check_command.CheckDocument:
    return _checked(catalog.plan(call.path["id"]), call)


def _checked(plan: Plan, call: Call) -> check_command.CheckDocument:
    return check_command.payload(plan, check(plan), _day(call))


# --- the table -----------------------------------------------------------------------------


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    found: dict[str, Any] = model.model_json_schema()
    return found


def _query(name: str, description: str, schema: Mapping[str, Any] = _STRING) -> Parameter:
    return Parameter(name=name, where="query", description=description, schema=schema)


def _path(name: str, description: str) -> Parameter:
    # OpenAPI: a path parameter is always required.
    return Parameter(name=name, where="path", description=description, required=True)


def _get(
    path: str, summary: str, handler: Callable[[Call], object], answer: Any, *query: Parameter
) -> Endpoint:
    return Endpoint(
        method="GET", path=path, summary=summary, handler=handler, answer=answer, parameters=query
    )


def _post(
    path: str,
    summary: str,
    handler: Callable[[Call], object],
    answer: Any,
    body: Mapping[str, Any],
    *query: Parameter,
) -> Endpoint:
    return attrs.evolve(_get(path, summary, handler, answer, *query), method="POST", body=body)


_ON: Final = _query("on", "the date whose law applies (default: today)", _DATE)
_REGULATION: Final = _query("regulation", "a regulation, e.g. 26/2026/QĐ-TTg (not with on)")
_KNOCKOUT: Final = _query(
    "knockout",
    "a knock-out the council found: 'dossier' or a criterion code (repeatable)",
    {"type": "array", "items": {"type": "string"}},
)

#: Every endpoint of ``ocop serve``, in the order of the OpenAPI description: one entry each.
ENDPOINTS: Final = (
    _get(
        "/v1/rules",
        "the instruments and the regime in force on a date, with citations",
        _rules,
        rules_command.RulesDocument,
        _ON,
        _query("filed_on", "the date the dossier was filed", _DATE),
        _query(
            "kind",
            "the kind of evaluation (matters for dossiers filed before 22/5/2026)",
            _enum_schema(EvaluationKind),
        ),
    ),
    _get(
        "/v1/sheets",
        "the scoresheets of a regulation, one row each",
        _sheets,
        sheets_command.SheetList,
        _ON,
        _REGULATION,
    ),
    _get(
        "/v1/sheets/{set}",
        "one scoresheet: its criteria, options, points and star marks",
        _sheet,
        sheets_command.SheetDetail,
        _path("set", "sheet number, product set code (I.3.c) or name"),
        _ON,
        _REGULATION,
    ),
    _post(
        "/v1/score",
        "score a scorecard and classify it: the total, the star and the reasons",
        _score,
        ScoreDocument,
        _schema(Scorecard),
        _KNOCKOUT,
    ),
    _post(
        "/v1/council",
        "the council's average of several evaluators' cards, and its star",
        _council,
        ScoreDocument,
        {"type": "array", "items": _schema(Scorecard), "minItems": 1},
        _KNOCKOUT,
    ),
    _post(
        "/v1/certificates/status",
        "a certificate's expiry, renewal window, status and competent authority",
        _certificate,
        certificate_command.CertificateDocument,
        _schema(Certificate),
        _ON,
        _query(
            "expiry_rule",
            "how the 36 months end (default: civil_code)",
            _enum_schema(ExpiryRule),
        ),
        _query(
            "reading",
            "scope of 26/2026/QĐ-TTg Điều 12 khoản 3 (default: transitional)",
            _enum_schema(ExtensionReading),
        ),
    ),
    _post(
        "/v1/check",
        "check a plan, or a document of reports and budgets: its findings",
        _check,
        check_command.CheckDocument | DocumentCheck,
        {"anyOf": [_schema(Plan), _schema(Document)]},
        _ON,
    ),
    _get("/v1/plans", "the catalogue of encoded plans", _plans, PlanList, _ON),
    _get(
        "/v1/plans/{id}/check",
        "check a catalogued plan: its findings and what held",
        _plan_check,
        check_command.CheckDocument,
        _path("id", "a catalogue id"),
        _ON,
    ),
)
