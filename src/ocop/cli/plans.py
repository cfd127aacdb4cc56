"""``ocop plans``: the catalogue of encoded plans.

    ocop plans [--on DATE] [--format text|json]

``--on`` (default today) is the date for "province today": a plan keeps the
province that issued it, and this says which province that is part of then.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

import attrs

from ocop.cli._common import add_format_option, date_or_today, print_json
from ocop.display import text
from ocop.plans import Plan, catalog
from ocop.plans.documents import TextKind
from ocop.serialize import data

__all__ = ["DOCUMENT", "PlanList", "PlanRow", "register", "row", "run", "summary"]


@attrs.frozen(slots=True, kw_only=True)
class PlanRow:
    """A catalogued plan in one row; ``province_today`` is ``None`` for a national plan."""

    id: str
    title: str
    issuer: str
    number: str | None
    issued_on: date | None
    issued_year: int
    period: str
    province: str | None
    province_today: str | None
    targets: int
    text: TextKind


@attrs.frozen(slots=True)
class PlanList:
    """What ``ocop plans --format json`` prints."""

    plans: tuple[PlanRow, ...]


DOCUMENT = PlanList


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
    document = PlanList(tuple(row(p, on) for p in catalog.plans()))
    if args.format == "json":
        print_json(document)
    else:
        print(text(document))
    return 0


def row(plan: Plan, on: date) -> PlanRow:
    """The catalogue row of ``plan``, with the province that issued it as it is on ``on``."""
    today = None if plan.province is None else plan.province_on(on).province.full_name
    return PlanRow(
        id=plan.id,
        title=plan.title,
        issuer=plan.issuer,
        number=plan.number,
        issued_on=plan.issued_on,
        issued_year=plan.issued_year,
        period=str(plan.period),
        province=plan.province,
        province_today=today,
        targets=len(plan.all_targets()),
        text=plan.text,
    )


def summary(plan: Plan, on: date) -> dict[str, Any]:
    """:func:`row` as JSON-ready values."""
    found: dict[str, Any] = data(row(plan, on))
    return found
