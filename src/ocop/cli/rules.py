"""``ocop rules``: the instruments and the criteria-and-process regime in force on a date.

    ocop rules [--on DATE] [--filed-on DATE] [--kind KIND] [--format text|json]

``--on`` defaults to today.  ``--filed-on``/``--kind`` apply the transitional
rules of 26/2026/QĐ-TTg Điều 12 to a dossier filed before 22/5/2026.
"""

from __future__ import annotations

import argparse
from typing import Any

from ocop.cli._common import add_format_option, date_or_today, parse_date, print_json
from ocop.law import EvaluationKind, RegimeInForce, instruments_in_force, regime_on


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="instruments and regime in force on a date, with citations",
        description=(
            "Print the legal instruments in force on a date and the criteria-and-process "
            "regime that governs an evaluation on that date, with citations."
        ),
    )
    # Dates are parsed in run(), not by argparse, so a bad date is an InvalidInput that
    # the dispatcher reports like every other ocop error.
    parser.add_argument("--on", metavar="DATE", help="evaluation date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--filed-on", metavar="DATE", help="date the dossier was filed, YYYY-MM-DD (optional)"
    )
    parser.add_argument(
        "--kind",
        choices=[k.value for k in EvaluationKind],
        help="kind of evaluation (matters for dossiers filed before 2026-05-22)",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    on = date_or_today(args.on)
    filed_on = None if args.filed_on is None else parse_date(args.filed_on)
    result = regime_on(on, filed_on=filed_on, kind=args.kind)
    if args.format == "json":
        print_json(payload(result))
    else:
        print(text(result))
    return 0


def payload(result: RegimeInForce) -> dict[str, Any]:
    """The JSON document printed by ``--format json``."""
    members = {i.number for i in result.instruments}
    data = result.to_dict()
    return {
        "on": data["on"],
        "filed_on": data["filed_on"],
        "kind": data["kind"],
        "regime": {
            "name": data["regime"],
            "label": data["regime_label"],
            "starts_on": data["regime_starts_on"],
            "ends_on": data["regime_ends_on"],
            "instruments": data["regime_instruments"],
            "source_strength": data["source_strength"],
        },
        "instruments": [
            {
                "number": i.number,
                "kind": i.kind.value,
                "title_vi": i.title_vi,
                "signed_on": i.signed_on.isoformat(),
                "effective_from": i.effective_from.isoformat(),
                "in_force_until": None
                if i.in_force_until is None
                else i.in_force_until.isoformat(),
                "source_strength": i.source_strength.value,
                "sources": list(i.sources),
                "part_of_regime": i.number in members,
            }
            for i in instruments_in_force(result.on)
        ],
        "citations": data["citations"],
        "governed_by": data["governed_by"],
        "transitional_rules": data["transitional_rules"],
        "notes": data["notes"],
    }


def text(result: RegimeInForce) -> str:
    """The readable summary printed by default."""
    span = result.span
    until = "open-ended" if span.ends_on is None else f"to {span.ends_on.isoformat()}"
    lines = [f"OCOP rules on {result.on.isoformat()}"]
    if result.filed_on is not None:
        kind = "" if result.kind is None else f", {result.kind.value}"
        lines.append(f"Dossier filed on {result.filed_on.isoformat()}{kind}")
    lines += [
        "",
        f"Regime: {result.regulation.value} ({result.regulation.name}), "
        f"from {span.starts_on.isoformat()} {until}; source: {result.source_strength.value}",
        "Citations:",
        *(f"  - {c}" for c in result.citations),
        "",
        "Instruments in force:",
    ]
    members = {i.number for i in result.instruments}
    for i in instruments_in_force(result.on):
        end = "" if i.in_force_until is None else i.in_force_until.isoformat()
        mark = " [regime]" if i.number in members else ""
        lines.append(f"  * {i.number}{mark}: {i.title_vi}")
        lines.append(
            f"    {i.effective_from.isoformat()} → {end}; source: {i.source_strength.value}; "
            f"{i.sources[0]}"
        )
    if result.transitional_rules:
        lines += ["", "Transitional rules:"]
        for r in result.transitional_rules:
            end = "" if r.applies_until is None else r.applies_until.isoformat()
            lines.append(f"  - {r.citation} ({r.applies_from.isoformat()} → {end}):")
            lines.append(f"    {r.description_en}")
    if result.notes:
        lines += ["", "Notes:", *(f"  - {n}" for n in result.notes)]
    return "\n".join(lines)
