"""``ocop check``: run the checks on a plan, targets and budget, and print what held and what not.

    ocop check [PLAN] [--on DATE] [--format text|json] [--fail-on error|warning]

PLAN is a catalogue id (default: the Kon Tum 2021–2025 plan) or a path to a
plan document in JSON (the :class:`ocop.plans.Plan` model, read as written).
Exit status: 0 once the check ran; 1 with ``--fail-on`` when findings at that
severity or above exist; 2 for bad input.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import Any

from ocop.cli._common import add_format_option, date_or_today, print_json, read_text
from ocop.cli.plans import summary
from ocop.findings import Severity, at_or_above
from ocop.plans import CheckReport, Plan, catalog, check

EXIT_FINDINGS = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a plan: targets (breakdowns, shares, deadlines, references) and budget",
        description=(
            "Check a catalogued plan (default: kon-tum-908-2023) or a plan JSON file and "
            "print the totals that hold and the findings, most serious first."
        ),
    )
    parser.add_argument(
        "plan",
        nargs="?",
        default=catalog.DEFAULT_PLAN,
        metavar="PLAN",
        help="catalogue id or path to a plan .json (default: %(default)s)",
    )
    parser.add_argument("--on", metavar="DATE", help="date for 'province today' (default: today)")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        help="exit 1 when findings at this severity or above exist",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def load(reference: str) -> Plan:
    """A catalogue id, or a JSON file when ``reference`` names one."""
    if reference.endswith(".json") or os.path.isfile(reference):  # isfile: False on any OSError
        return Plan.as_written(read_text(reference, "plan file"))
    return catalog.plan(reference)


def run(args: argparse.Namespace) -> int:
    on = date_or_today(args.on)
    plan = load(args.plan)
    report = check(plan)
    if args.format == "json":
        print_json(payload(plan, report, on))
    else:
        print(text(plan, report, on))
    if args.fail_on and at_or_above(report.findings, Severity(args.fail_on)):
        return EXIT_FINDINGS
    return 0


def payload(plan: Plan, report: CheckReport, on: date) -> dict[str, Any]:
    data = report.to_dict()
    return {"plan": summary(plan, on), **{k: v for k, v in data.items() if k != "plan"}}


def text(plan: Plan, report: CheckReport, on: date) -> str:
    row = summary(plan, on)
    lines = [f"{plan.title}", f"{plan.label()}"]
    if row["province_today"]:
        lines.append(f"Province on {on.isoformat()}: {row['province_today']}")
    if report.compared_with:
        lines.append(f"Compared with: {', '.join(report.compared_with)}")
    lines += ["", f"Held ({len(report.proven)}):"]
    lines += [f"  ✓ {p.location}: {p.message_vi or p.message_en}" for p in report.proven] or [
        "  (none)"
    ]
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        lines += ["", f"{severity.value.upper()} ({len(found)}):"]
        quoted = None
        for f in found:
            lines.append(f"  [{f.code}] {f.location}")
            lines.append(f"    {f.message_vi}")
            lines.append(f"    {f.message_en}")
            if f.quote and f.quote != quoted:  # a sentence behind several findings is shown once
                lines.append(f"    « {f.quote} »")
            quoted = f.quote
        if not found:
            lines.append("  (none)")
    return "\n".join(lines)
