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
from typing import Any, Final

import attrs
from pydantic import BaseModel

from ocop.arguments import choice, same_kind
from ocop.certificates import Certificate, ExpiryRule, ExtensionReading
from ocop.cli import certificate as certificate_command
from ocop.cli import check as check_command
from ocop.cli import rules as rules_command
from ocop.cli import sheets as sheets_command
from ocop.cli._common import ascii_digits, date_or_today, parse_date
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
    schema: Mapping[str, Any] = attrs.field(factory=lambda: {"type": "string"})
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


def _json_body(call: Call, what: str) -> Any:
    if not call.body:
        raise InvalidInput(f"the request has no body; send the {what} as JSON")
    return loads_strict(call.body, what=what)


# --- handlers ----------------------------------------------------------------------------


def _rules(call: Call) -> rules_command.RulesDocument:
    filed = call.one("filed_on")
    kind = call.one("kind")
    found = regime_on(
        _day(call),
        filed_on=None if filed is None else parse_date(filed),
        kind=None if kind is None else choice(kind, EvaluationKind, "kind"),
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
    _json_body(call, "scorecard")  # an empty or malformed body is invalid_input, as below
    return _scored(score(Scorecard.model_validate_json(call.body)), call)


def _council(call: Call) -> ScoreDocument:
    cards = _json_body(call, "list of scorecards")
    if not isinstance(cards, list):
        raise InvalidInput("a council is a JSON array of scorecards")
    return _scored(council_average([Scorecard.model_validate(c) for c in cards]), call)


def _certificate(call: Call) -> certificate_command.CertificateDocument:
    _json_body(call, "certificate")
    cert = Certificate.model_validate_json(call.body)
    rule, reading = call.one("expiry_rule"), call.one("reading")
    return certificate_command.document(
        cert,
        _day(call),
        rule=ExpiryRule.CIVIL_CODE if rule is None else choice(rule, ExpiryRule, "expiry_rule"),
        reading=(
            ExtensionReading.TRANSITIONAL
            if reading is None
            else choice(reading, ExtensionReading, "reading")
        ),
    )


def _check(call: Call) -> check_command.CheckDocument | DocumentCheck:
    found = _json_body(call, "document")
    if not isinstance(found, dict):
        raise InvalidInput(f"a document is a JSON object, not {type(found).__name__}")
    text = call.body.decode("utf-8")
    if "sections" in found:
        return check_document(Document.model_validate_json(text))
    plan = Plan.as_written(text)
    return check_command.payload(plan, check(plan), _day(call))


def _plans(call: Call) -> PlanList:
    on = _day(call)
    return PlanList(tuple(row(p, on) for p in catalog.plans()))


def _plan_check(call: Call) -> check_command.CheckDocument:
    plan = catalog.plan(call.path["id"])
    return check_command.payload(plan, check(plan), _day(call))


# --- the table -----------------------------------------------------------------------------


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    found: dict[str, Any] = model.model_json_schema()
    return found


_ON: Final = Parameter(
    name="on",
    where="query",
    description="the date whose law applies (default: today)",
    schema=_DATE,
)
_REGULATION: Final = Parameter(
    name="regulation", where="query", description="a regulation, e.g. 26/2026/QĐ-TTg (not with on)"
)
_KNOCKOUT: Final = Parameter(
    name="knockout",
    where="query",
    description="a knock-out the council found: 'dossier' or a criterion code (repeatable)",
    schema={"type": "array", "items": {"type": "string"}},
)

#: Every endpoint of ``ocop serve``, in the order of the OpenAPI description.
ENDPOINTS: Final = (
    Endpoint(
        method="GET",
        path="/v1/rules",
        summary="the instruments and the regime in force on a date, with citations",
        handler=_rules,
        answer=rules_command.RulesDocument,
        parameters=(
            _ON,
            Parameter(
                name="filed_on",
                where="query",
                description="the date the dossier was filed",
                schema=_DATE,
            ),
            Parameter(
                name="kind",
                where="query",
                description="the kind of evaluation (matters for dossiers filed before 22/5/2026)",
                schema=_enum_schema(EvaluationKind),
            ),
        ),
    ),
    Endpoint(
        method="GET",
        path="/v1/sheets",
        summary="the scoresheets of a regulation, one row each",
        handler=_sheets,
        answer=sheets_command.SheetList,
        parameters=(_ON, _REGULATION),
    ),
    Endpoint(
        method="GET",
        path="/v1/sheets/{set}",
        summary="one scoresheet: its criteria, options, points and star marks",
        handler=_sheet,
        answer=sheets_command.SheetDetail,
        parameters=(
            Parameter(
                name="set",
                where="path",
                description="sheet number, product set code (I.3.c) or name",
                required=True,
            ),
            _ON,
            _REGULATION,
        ),
    ),
    Endpoint(
        method="POST",
        path="/v1/score",
        summary="score a scorecard and classify it: the total, the star and the reasons",
        handler=_score,
        answer=ScoreDocument,
        parameters=(_KNOCKOUT,),
        body=_schema(Scorecard),
    ),
    Endpoint(
        method="POST",
        path="/v1/council",
        summary="the council's average of several evaluators' cards, and its star",
        handler=_council,
        answer=ScoreDocument,
        parameters=(_KNOCKOUT,),
        body={"type": "array", "items": _schema(Scorecard), "minItems": 1},
    ),
    Endpoint(
        method="POST",
        path="/v1/certificates/status",
        summary="a certificate's expiry, renewal window, status and competent authority",
        handler=_certificate,
        answer=certificate_command.CertificateDocument,
        parameters=(
            _ON,
            Parameter(
                name="expiry_rule",
                where="query",
                description="how the 36 months end (default: civil_code)",
                schema=_enum_schema(ExpiryRule),
            ),
            Parameter(
                name="reading",
                where="query",
                description="scope of 26/2026/QĐ-TTg Điều 12 khoản 3 (default: transitional)",
                schema=_enum_schema(ExtensionReading),
            ),
        ),
        body=_schema(Certificate),
    ),
    Endpoint(
        method="POST",
        path="/v1/check",
        summary="check a plan, or a document of reports and budgets: its findings",
        handler=_check,
        answer=check_command.CheckDocument | DocumentCheck,
        parameters=(_ON,),
        body={"anyOf": [_schema(Plan), _schema(Document)]},
    ),
    Endpoint(
        method="GET",
        path="/v1/plans",
        summary="the catalogue of encoded plans",
        handler=_plans,
        answer=PlanList,
        parameters=(_ON,),
    ),
    Endpoint(
        method="GET",
        path="/v1/plans/{id}/check",
        summary="check a catalogued plan: its findings and what held",
        handler=_plan_check,
        answer=check_command.CheckDocument,
        parameters=(
            Parameter(name="id", where="path", description="a catalogue id", required=True),
            _ON,
        ),
    ),
)
