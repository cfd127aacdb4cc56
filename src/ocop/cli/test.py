"""``ocop test [CASES ...] [--draft FILE]``: run test cases written as YAML or JSON.

With no file, the cases shipped with ocop (written from 26/2026/QĐ-TTg) run.  One
line per case (``PASS`` or ``FAIL``, its file and line, its title and clause),
then a summary.  Exit status 1 when a case fails; 2 for a file that cannot be read.
"""

from __future__ import annotations

import argparse
from typing import Any, ClassVar

import attrs

from ocop.cli._common import add_draft_option, add_format_option, draft_option, print_json
from ocop.display import text
from ocop.testing.cases import Report, run_cases

__all__ = ["DOCUMENT", "EXIT_FAILED", "TestDocument", "register", "run"]

EXIT_FAILED = 1


@attrs.frozen(slots=True, kw_only=True)
class TestDocument:
    """What ``ocop test --format json`` prints: every case's result and the draft, if any."""

    __test__: ClassVar = False  # not a pytest test class, despite its name
    report: Report

    _json_flatten: ClassVar = ("report",)


DOCUMENT = TestDocument


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "test",
        help="run test cases written in YAML or JSON (default: the shipped 26/2026 cases)",
        description="Each case gives an input (a scorecard, a council, a total, a certificate "
        "and a date, an evaluation, a catalogued plan, an audit), the outcome expected and the "
        "clause it illustrates (docs/drafts.md).",
    )
    parser.add_argument("cases", metavar="CASES", nargs="*", help="case files (.yaml, .json)")
    add_draft_option(parser, "judge the cases under this draft")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    draft = draft_option(args)
    report = run_cases(args.cases, draft=None if draft is None else draft.regulation)
    document = TestDocument(report=report)
    print_json(document) if args.format == "json" else print(text(document))
    return EXIT_FAILED if report.failed else 0
