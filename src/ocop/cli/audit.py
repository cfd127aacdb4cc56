"""``ocop audit``: check properties of the law itself and print what held and what failed.

    ocop audit [--regulation R | --draft FILE] [--format text|json] [--fail-on error|warning|info]

R is a regulation (default ``26/2026/QĐ-TTg``); FILE a draft regulation
(docs/drafts.md), audited on its own tables.  Exit status: 0 once the audit
ran; 1 with ``--fail-on`` when findings at that severity or above exist; 2 for
bad input (an unknown regulation).
"""

from __future__ import annotations

import argparse
from typing import ClassVar

import attrs

from ocop.audit import AuditReport, SheetMarks, audit, sheet_marks
from ocop.cli._common import add_draft_option, add_format_option, draft_option, print_json
from ocop.criteria import sheet_version
from ocop.display import text
from ocop.findings import Severity, at_or_above
from ocop.law import Regime

__all__ = ["DOCUMENT", "EXIT_FINDINGS", "AuditDocument", "payload", "register", "run"]


EXIT_FINDINGS = 1


@attrs.frozen(slots=True, kw_only=True)
class AuditDocument:
    """What ``ocop audit --format json`` prints: the report's fields, then each sheet's marks."""

    report: AuditReport
    marks: tuple[SheetMarks, ...]
    draft: str | None = None  # the draft's name, when a draft was audited

    _json_flatten: ClassVar = ("report",)
    _json_omit: ClassVar = ("draft",)  # only a draft's audit names one


DOCUMENT = AuditDocument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="check the law itself: bands, star marks, maxima, version changes, certificates",
        description=(
            "Compute properties of a regulation's rule tables exactly (score bands, star marks "
            "against the bands, printed maxima, what changes star between versions, "
            "certificate statuses) and print what held and the findings, with citations."
        ),
    )
    which = parser.add_mutually_exclusive_group()
    add_draft_option(
        which,
        "a draft regulation (JSON, or YAML with ocop[yaml]; docs/drafts.md): audit its own "
        "bands and star marks; a draft that breaks them is refused (exit 2, each finding named)",
    )
    which.add_argument(
        "--regulation",
        metavar="R",
        help="regulation to audit (default: the default regulation, today 26/2026/QĐ-TTg); "
        "one of: " + ", ".join(r.value for r in Regime),
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="exit 1 when findings at this severity or above exist",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    draft = draft_option(args)
    if draft is not None:
        report = audit(draft.regulation)
        encoded = draft.regulation.sheets.encoded
        marks = sheet_marks(draft.regulation) if encoded else ()
        document = AuditDocument(report=report, marks=marks, draft=draft.name)
    else:
        report = audit(args.regulation)
        marks = sheet_marks(report.regulation) if sheet_version(report.regulation).encoded else ()
        document = payload(report, marks)
    if args.format == "json":
        print_json(document)
    else:
        if document.draft is not None:  # the report is labelled with the regime it would replace
            print(f"Draft: {document.draft} (audited on its own bands, marks and sheets)")
        print(text(document))
    if args.fail_on and at_or_above(report.findings, Severity(args.fail_on)):
        return EXIT_FINDINGS
    return 0


def payload(report: AuditReport, marks: tuple[SheetMarks, ...]) -> AuditDocument:
    return AuditDocument(report=report, marks=marks)
