"""Test cases a lawyer can write: an input, the outcome the law gives, and the clause it shows.

A case file (YAML with ``ocop[yaml]``, or JSON) holds a list of cases.  Each has a
``title``, the ``clause`` it illustrates (a citation: ``instrument``, ``dieu``,
``khoan``, ``diem``, ``phu_luc``), one input and an ``expect``:

- ``scorecard``: ``product_set``, ``choices`` by criterion code (the option's
  index, from 0), and ``start: lowest | best`` for the criteria not written;
  ``council``: a list of such cards for one product; ``total``: a total alone
  (its band).  Expect ``total``, ``star`` (0: no star, knocked out),
  ``recognised``, ``reasons`` (each a part of one of the library's reasons);
- ``certificate`` (``star``, ``issued_on``, and the optional fields of
  :class:`ocop.certificates.Certificate`) with ``date``: expect ``status`` and
  ``expires_on`` on that date;
- ``evaluation`` (``evaluated_on``, ``filed_on``, ``kind``): expect ``regime``,
  the regulation that governs it;
- ``plan`` (a catalogued plan id, ``ocop plans``) or ``audit`` (a regulation, or
  the draft under ``--draft``): expect finding ``codes`` present and
  ``not_codes`` absent.

:func:`run_cases` runs them; with a draft, the scorecard, council, total, audit
and certificate cases are judged under the draft (a certificate by the draft's
term when issued under the regime it would replace); evaluations keep the
encoded transitional rules.  The
cases shipped with ocop (``ocop/data/cases``) are written from the decision text,
one or more per encoded clause of 26/2026/QĐ-TTg Điều 3 and Điều 12 and per
star-mark kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date as Date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ocop import _regulation_files as files
from ocop import arguments
from ocop.certificates import Certificate
from ocop.errors import InvalidInput, OcopError
from ocop.law import Citation, Regime
from ocop.regulations import Regulation, default_regulation
from ocop.serialize import Serialized
from ocop.text import show

__all__ = ["CaseResult", "Report", "case_files", "run_cases"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Card(_Model):
    product_set: str
    regulation: str | None = None
    start: Literal["lowest", "best"] | None = None
    choices: dict[str, int] = Field(default_factory=dict)


class Evaluation(_Model):
    evaluated_on: Date
    filed_on: Date | None = None
    kind: str | None = None


class Expect(_Model):
    total: int | str | None = None
    star: int | None = Field(default=None, ge=0, le=5)
    recognised: bool | None = None
    reasons: tuple[str, ...] = ()
    status: str | None = None
    expires_on: Date | None = None
    regime: str | None = None
    codes: tuple[str, ...] = ()
    not_codes: tuple[str, ...] = ()


class Case(_Model):
    title: str = Field(min_length=1)
    clause: files.CitationModel
    scorecard: Card | None = None
    council: tuple[Card, ...] | None = Field(default=None, min_length=1)
    total: int | str | None = None
    certificate: Certificate | None = None
    date: Date | None = None  # of the certificate's status (YAML 1.1 reads a key "on" as true)
    evaluation: Evaluation | None = None
    plan: str | None = None
    audit: str | None = None
    expect: Expect


_INPUTS = ("scorecard", "council", "total", "certificate", "evaluation", "plan", "audit")


@attrs.frozen(slots=True, kw_only=True)
class CaseResult(Serialized):
    """One case as run: where it is written, what it shows, and what did not hold."""

    file: str
    line: int | None
    title: str
    clause: Citation
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


@attrs.frozen(slots=True, kw_only=True)
class Report(Serialized):
    """Every case run, in file order, and the draft they were judged under, if any."""

    draft: str | None
    results: tuple[CaseResult, ...]

    @property
    def failed(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if not r.passed)


def case_files() -> tuple[Path, ...]:
    """The case files shipped with ocop (``ocop/data/cases``), in name order."""
    root = Path(str(resources.files("ocop.data").joinpath("cases")))
    return tuple(sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml", ".json")))


def run_cases(paths: Iterable[str | Path] = (), *, draft: Regulation | None = None) -> Report:
    """Run the cases of ``paths`` (default: the shipped cases), under ``draft`` if given."""
    from ocop.drafts import _reading

    if draft is not None and not isinstance(draft, Regulation):
        raise InvalidInput(f"draft must be a Regulation, got {show(draft)}", value=show(draft))
    if isinstance(paths, str | Path) or not isinstance(paths, Iterable):
        raise InvalidInput(f"paths must be a list of case files, got {show(paths)}")
    found = []
    for path in arguments.items(paths, "paths"):  # bounded; a 0-d array cannot be iterated
        if not isinstance(path, str | Path):
            raise InvalidInput(f"a case file is a path, got {show(path)}", value=show(path))
        found.append(Path(path))
    results: list[CaseResult] = []
    for path in found or case_files():
        text, where, _, yaml = _reading.read(path)
        data, lines = _reading.parse(text, where, yaml)
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            key = str(i) if isinstance(data, list) else ""
            line = lines.get(key)
            results.append(_run_one(item, where, line, draft))
    return Report(draft=None if draft is None else draft.id, results=tuple(results))


def _run_one(item: object, where: str, line: int | None, draft: Regulation | None) -> CaseResult:
    title = item.get("title") if isinstance(item, dict) else None
    located = f"{where}{'' if line is None else f':{line}'}"
    try:
        case = Case.model_validate_json(json.dumps(item))  # JSON mode: ISO text is a date
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise InvalidInput(
            f"{located}: {field}: {first['msg']}", file=where, line=line, field=field
        ) from None
    given = [name for name in _INPUTS if getattr(case, name) is not None]
    if len(given) != 1:
        raise InvalidInput(
            f"{located}: a case has exactly one input of {', '.join(_INPUTS)}; got {given}",
            file=where,
            line=line,
        )
    try:
        failures = _judge(case, given[0], draft)
    except OcopError as err:  # the law refused the input: a failure of the case, named
        failures = [f"{err.code}: {err.message}"]
    return CaseResult(
        file=where,
        line=line,
        title=str(title),
        clause=case.clause.value(),
        failures=tuple(failures),
    )


def _judge(case: Case, kind: str, draft: Regulation | None) -> list[str]:
    e = case.expect
    fails: list[str] = []

    def check(name: str, expected: object, got: object) -> None:
        if expected is not None and expected != got:
            fails.append(f"{name}: expected {show(expected)}, got {show(got)}")

    if kind in ("scorecard", "council", "total"):
        from ocop.stars import classify

        scored: Any
        if kind == "total":
            scored = Fraction(str(case.total))
            rules: Regulation = draft or default_regulation()
        else:
            cards = [case.scorecard] if kind == "scorecard" else list(case.council or ())
            built = [_scorecard(c, draft) for c in cards if c is not None]
            scored, rules = _score(built, draft)
            check("total", None if e.total is None else Fraction(str(e.total)), scored.total)
        found = classify(scored, regulation=rules)
        check("star", e.star, found.star or 0)
        check("recognised", e.recognised, found.recognised)
        for part in e.reasons:
            if not any(part in r for r in found.reasons):
                fails.append(f"reasons: none says {show(part)}; they are {list(found.reasons)}")
    elif kind == "certificate":
        from ocop.certificates import status

        assert case.certificate is not None
        if case.date is None:
            fails.append("certificate: give the 'date' on which its status is asked")
            return fails
        found_status = status(case.certificate, case.date, regulation=draft)
        check("status", e.status, found_status.status.value)
        check("expires_on", e.expires_on, found_status.expires_on)
    elif kind == "evaluation":
        from ocop.law import regime_on

        ev = case.evaluation
        assert ev is not None
        got = regime_on(ev.evaluated_on, filed_on=ev.filed_on, kind=ev.kind).regulation
        check("regime", None if e.regime is None else Regime.parse(e.regime), got)
    else:
        codes = _codes(kind, case, draft)
        fails += [f"codes: {c!r} expected, not found" for c in e.codes if c not in codes]
        fails += [f"not_codes: {c!r} found" for c in e.not_codes if c in codes]
    return fails


def _scorecard(card: Card, draft: Regulation | None) -> Any:
    from ocop.criteria import Scorecard, scoresheet

    regime = (
        Regime.parse(card.regulation) if card.regulation else (draft or default_regulation()).regime
    )
    rules: Regulation | Regime = draft if draft is not None else regime
    sheet = scoresheet(card.product_set, regulation=rules)
    choices: dict[str, int] = {}
    if card.start is not None:
        for node in sheet.criteria():
            points = [o.points for o in node.options]
            pick = min if card.start == "lowest" else max
            choices[node.code] = points.index(pick(points))
    choices.update(card.choices)
    # A draft's sheet may have options the encoded sheet lacks: the card is checked against it.
    fields = {"regulation": regime, "product_set": card.product_set, "choices": choices}
    return Scorecard.model_validate(fields, context={"regulation": draft} if draft else None)


def _score(cards: Sequence[Any], draft: Regulation | None) -> tuple[Any, Regulation]:
    from ocop.criteria import council_average, score
    from ocop.regulations import regulation

    rules = draft if draft is not None else regulation(cards[0].regulation)
    if len(cards) == 1:
        return score(cards[0], regulation=rules), rules
    return council_average(cards, regulation=rules), rules


def _codes(kind: str, case: Case, draft: Regulation | None) -> Mapping[str, int]:
    found: dict[str, int] = {}
    if kind == "plan":
        from ocop.plans import catalog, check

        findings = check(catalog.plan(str(case.plan))).findings
    else:
        from ocop.audit import audit

        report = audit(draft if draft is not None else str(case.audit))
        findings = report.findings
    for f in findings:
        found[f.code] = found.get(f.code, 0) + 1
    return found
