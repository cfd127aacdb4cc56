"""``ocop check``: a checker for plans, reports and budgets, as linters are for code.

    ocop check [DOC] [--on DATE] [--format text|json] [--lang vi|en] [--verbose]
               [--fail-on never|error|warning|info]

DOC is a catalogue id (default: the Kon Tum 2021–2025 plan), a path to a JSON
document, ``-`` for JSON on stdin, or a .txt, .md, .docx, .xlsx or .csv document, read first by
``ocop.read`` (``ocop read DOC`` shows what was read; a figure not read is the
warning ``figure_not_read``).  A JSON object with ``sections`` is a
document of reports and budgets (:class:`ocop.reports.Document`); any other is
a plan (:class:`ocop.plans.Plan`, read as written).  The text report opens
with one summary line, then the findings by severity, then what held.

Exit status: 1 when a finding at ``--fail-on`` (default: error) or above
exists, 0 otherwise (``--fail-on never``: always 0 once the check ran); 2 for
bad input.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import TYPE_CHECKING, Literal

import attrs

from ocop.cli._common import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    add_format_option,
    date_or_today,
    print_json,
    read_text,
)
from ocop.cli.plans import PlanRow, row, summary
from ocop.dates import day
from ocop.display.check import LANGS, text_report
from ocop.errors import InvalidInput
from ocop.findings import Finding, Proven, Severity, at_or_above
from ocop.inputs import loads_strict
from ocop.plans import CheckReport, Plan, catalog, check

if TYPE_CHECKING:
    # Imported where a document of reports is read: checking a plan (the default, and
    # `ocop check`'s start-up that docs/performance.md measures) never needs ocop.reports.
    from ocop.reports import Document

__all__ = [
    "DOCUMENT",
    "EXIT_FINDINGS",
    "CheckDocument",
    "DocumentCheckDocument",
    "DocumentRow",
    "load",
    "payload",
    "register",
    "run",
]


EXIT_FINDINGS = 1
FAIL_ON = ("never", "error", "warning", "info")


@attrs.frozen(slots=True, kw_only=True)
class CheckDocument:
    """What ``ocop check --format json`` prints: the plan's row, then the report."""

    plan: PlanRow
    compared_with: tuple[str, ...]
    reconciled: tuple[Proven, ...]
    findings: tuple[Finding, ...]


@attrs.frozen(slots=True, kw_only=True)
class DocumentRow:
    """A checked document of reports and budgets, in one row."""

    id: str
    title: str
    kind: Literal["report", "plan", "decision", "news"]
    number: str | None
    province: str | None
    province_today: str | None
    issued_on: date
    sections: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class DocumentCheckDocument:
    """What ``ocop check DOC --format json`` prints for a document with ``sections``."""

    document: DocumentRow
    reconciled: tuple[Proven, ...]
    findings: tuple[Finding, ...]


DOCUMENT = CheckDocument | DocumentCheckDocument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a plan, report or budget: what contradicts itself, what cannot be decided",
        description=(
            "Check a catalogued plan (default: kon-tum-908-2023), a plan or a document of "
            "reports and budgets in JSON (a file, or - for stdin). Prints one summary line, "
            "the findings by severity, then what held; exits 1 when errors were found."
        ),
    )
    parser.add_argument(
        "document",
        nargs="?",
        default=catalog.DEFAULT_PLAN,
        metavar="DOC",
        help="catalogue id, a .json, .txt or .md document, or - for JSON on stdin "
        "(default: %(default)s)",
    )
    parser.add_argument("--on", metavar="DATE", help="date for 'province today' (default: today)")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when findings at this severity or above exist (default: %(default)s)",
    )
    parser.add_argument(
        "--lang", choices=LANGS, default="vi", help="language of the text report (default: vi)"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list every check that held, not only their count"
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def load(reference: str) -> Plan | Document:
    """A catalogue id, a JSON file, ``-`` for JSON on stdin, or a .txt/.md document (read)."""
    return _load(reference)[0]


def _load(reference: str) -> tuple[Plan | Document, tuple[Finding, ...]]:
    """The plan or document, and the reader's findings when it was read from text."""
    if reference.lower().endswith((*TEXT_SUFFIXES, *TABLE_SUFFIXES)):
        # The reader (its patterns compiled at import) only when a document is read:
        # a check of JSON or of a catalogued plan starts without it (issue 22).
        from ocop.cli.read import document_of, read_path

        reading = read_path(reference)
        return document_of(reading, reference), reading.findings
    return _json(reference), ()


def _json(reference: str) -> Plan | Document:
    if reference == "-" or reference.endswith(".json") or os.path.isfile(reference):
        # isfile: False on any OSError
        return _parse(read_text(reference, "document"), "stdin" if reference == "-" else reference)
    return catalog.plan(reference)


def _parse(text: str, where: str) -> Plan | Document:
    data = loads_strict(text, what=f"document {where}")
    if isinstance(data, dict) and "sections" in data:
        from ocop.reports import Document

        return Document.model_validate_json(text)
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: a document is a JSON object, not {type(data).__name__}")
    return Plan.as_written(text)


def run(args: argparse.Namespace) -> int:
    on = date_or_today(args.on)
    doc, read_findings = _load(args.document)
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]
    if isinstance(doc, Plan):
        report = check(doc)
        findings, proven = report.findings, report.proven
        if args.format == "json":
            print_json(payload(doc, report, on))
        head = _plan_head(doc, report.compared_with, on, args.lang)
    else:
        from ocop.reports import check_document

        result = check_document(doc)
        findings, proven = (*read_findings, *result.findings), result.proven
        if args.format == "json":
            print_json(
                DocumentCheckDocument(
                    document=_document_row(doc, on),
                    reconciled=result.proven,
                    findings=findings,
                )
            )
        head = _document_head(doc, on, args.lang)
    if args.format != "json":
        print(text_report(head, findings, proven, lang=args.lang, verbose=args.verbose))
    if args.fail_on != "never" and at_or_above(findings, Severity(args.fail_on)):
        return EXIT_FINDINGS
    return 0


def payload(plan: Plan, report: CheckReport, on: date) -> CheckDocument:
    return CheckDocument(
        plan=row(plan, on),
        compared_with=report.compared_with,
        reconciled=report.proven,
        findings=report.findings,
    )


def _plan_head(plan: Plan, compared: tuple[str, ...], on: date, lang: str) -> list[str]:
    row = summary(plan, on)
    lines = [plan.title, plan.label()]
    if row["province_today"]:
        lines.append(_province_line(on, row["province_today"], lang))
    if compared:
        label = "So sánh với" if lang == "vi" else "Compared with"
        lines.append(f"{label}: {', '.join(compared)}")
    return lines


def _province_line(on: date, province: str, lang: str) -> str:
    if lang == "vi":
        return f"Tỉnh vào ngày {day(on, lang)}: {province}"
    return f"Province on {day(on, lang)}: {province}"


def _document_head(doc: Document, on: date, lang: str) -> list[str]:
    today = _province_today(doc, on)
    head = [doc.title, doc.label(lang)]
    return head if today is None else [*head, _province_line(on, today, lang)]


def _province_today(doc: Document, on: date) -> str | None:
    return None if doc.province is None else doc.province_on(on).province.full_name


def _document_row(doc: Document, on: date) -> DocumentRow:
    return DocumentRow(
        id=doc.id,
        title=doc.title,
        kind=doc.kind,
        number=doc.number,
        province=doc.province,
        province_today=_province_today(doc, on),
        issued_on=doc.issued_on,
        sections=tuple(s.id for s in doc.sections),
    )
