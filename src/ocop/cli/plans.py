"""``ocop plans``: the catalogue of encoded plans.

    ocop plans [--on DATE] [--format text|json]

``--on`` (default today) is the date for "province today": a plan keeps the
province that issued it, and this says which province that is part of then.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ocop.cli._common import add_format_option, date_or_today, print_json
from ocop.dates import iso
from ocop.plans import Plan, catalog


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "plans",
        help="list the catalogued OCOP plans",
        description="List the plans ocop ships: id, issuer, number, date, period, province today.",
    )
    parser.add_argument("--on", metavar="DATE", help="date for 'province today' (default: today)")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    on = date_or_today(args.on)
    rows = [summary(p, on) for p in catalog.plans()]
    if args.format == "json":
        print_json(rows)
        return 0
    for row in rows:
        number = row["number"] or "(no number)"
        issued = row["issued_on"] or str(row["issued_year"])
        today = row["province_today"] or "—"
        print(
            f"{row['id']:<22} {number:<14} {issued:<11} {row['period']:<10} "
            f"{row['issuer']} → {today}"
        )
    return 0


def summary(plan: Plan, on: date) -> dict[str, Any]:
    """The catalogue row of ``plan``; ``province_today`` is ``None`` for a national plan."""
    today = None if plan.province is None else plan.province_on(on).province.full_name
    return {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "number": plan.number,
        "issued_on": iso(plan.issued_on),
        "issued_year": plan.issued_year,
        "period": str(plan.period),
        "province": plan.province,
        "province_today": today,
        "targets": len(plan.all_targets()),
        "text": plan.text.value,
    }
