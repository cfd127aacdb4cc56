"""``ocop audit``: check properties of the law itself and print what held and what failed.

    ocop audit [--regulation R] [--format text|json] [--fail-on error|warning|info]

R is a regulation (default ``26/2026/QĐ-TTg``).  Exit status: 0 once the audit
ran; 1 with ``--fail-on`` when findings at that severity or above exist; 2 for
bad input (an unknown regulation).
"""

from __future__ import annotations

import argparse
from typing import Any

from ocop.audit import AuditReport, SheetMarks, audit, sheet_marks
from ocop.cli._common import add_format_option, print_json
from ocop.criteria import sheet_version
from ocop.findings import Severity, at_or_above
from ocop.law import Regime

EXIT_FINDINGS = 1


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
    if args.format == "json":
        print_json(payload(report, marks))
    else:
        print(text(report, marks))
    if args.fail_on and at_or_above(report.findings, Severity(args.fail_on)):
        return EXIT_FINDINGS
    return 0


def payload(report: AuditReport, marks: tuple[SheetMarks, ...]) -> dict[str, Any]:
    return report.to_dict() | {"marks": [m.to_dict() for m in marks]}


def text(report: AuditReport, marks: tuple[SheetMarks, ...]) -> str:
    counts = report.counts()
    lines = [
        f"Audit of {report.regulation.value}: "
        + ", ".join(f"{counts[s]} {s.value}" for s in Severity)
        + f"; {sum(report.held().values())} checks held",
    ]
    for prop in report.properties:
        lines += ["", f"{prop.title} ({prop.name}): {prop.held} held, {len(prop.findings)} found"]
        lines += [f"  ✓ {p.message_en} [{p.location}]" for p in prop.proven]
    if marks:
        lines += [
            "",
            "Lowest total of a card meeting every mark of the star, and the stars a card can be "
            "ranked at:",
            "  sheet    ***   ****  *****  ranked",
        ]
        for m in marks:
            lows = "".join(f"{_show(b.min_total):>7}" for b in m.stars)
            ranked = ", ".join(f"{s}★" for s in m.reachable)
            lines.append(f"  #{m.sheet:<4}{lows}  {ranked}")
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        lines += ["", f"{severity.value.upper()} ({len(found)}):"]
        for f in found:
            lines.append(f"  [{f.code}] {f.location}")
            lines.append(f"    {f.message_vi}")
            lines.append(f"    {f.message_en}")
            if f.citations:
                lines.append(f"    cites: {'; '.join(map(str, f.citations))}")
        if not found:
            lines.append("  (none)")
    return "\n".join(lines)


def _show(total: int | None) -> str:
    return "–" if total is None else str(total)
