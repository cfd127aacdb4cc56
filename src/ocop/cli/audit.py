"""``ocop audit``: check properties of the law itself and print what held and what failed.

    ocop audit [--regulation R] [--format text|json] [--fail-on error|warning|info]

R is a regulation (default ``26/2026/QĐ-TTg``).  Exit status: 0 once the audit
ran; 1 with ``--fail-on`` when findings at that severity or above exist; 2 for
bad input (an unknown regulation).
"""

from __future__ import annotations

import argparse
from typing import ClassVar

import attrs

from ocop.audit import AuditReport, SheetMarks, audit, sheet_marks
from ocop.cli._common import add_format_option, print_json
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

    _json_flatten: ClassVar = ("report",)


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
    parser.add_argument(
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
    report = audit(args.regulation)
    marks = sheet_marks(report.regulation) if sheet_version(report.regulation).encoded else ()
    document = payload(report, marks)
    print_json(document) if args.format == "json" else print(text(document))
    if args.fail_on and at_or_above(report.findings, Severity(args.fail_on)):
        return EXIT_FINDINGS
    return 0


def payload(report: AuditReport, marks: tuple[SheetMarks, ...]) -> AuditDocument:
    return AuditDocument(report=report, marks=marks)
