"""``ocop sheets [--on DATE | --regulation R] [SET]``: list product sets, or show one sheet."""

from __future__ import annotations

import argparse
from typing import Any

from ocop.cli._common import add_format_option, ascii_digits, date_or_today, print_json
from ocop.criteria import Scoresheet, scoresheet, scoresheets


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sheets",
        help="list the product sets' scoresheets, or show one sheet's criteria",
        description="Without SET, list the scoresheets in force; with SET (number, code such "
        "as I.3.c, or name), show its criteria, options, points and star marks.",
    )
    parser.add_argument("set", nargs="?", metavar="SET", help="sheet number, code or name")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--on", help="date whose law applies, YYYY-MM-DD (default: today)")
    when.add_argument("--regulation", help="regulation, e.g. 26/2026/QĐ-TTg")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    law: dict[str, Any] = (
        {"regulation": args.regulation} if args.regulation else {"on": date_or_today(args.on)}
    )
    if args.set is None:
        rows = [_summary(s) for s in scoresheets(**law)]
        if args.format == "json":
            print_json(rows)
        else:
            for r in rows:
                print(f"#{r['number']:>2}  {r['product_set']:<7} {r['name']}")
        return 0
    key: int | str = int(args.set) if ascii_digits(args.set) else args.set
    sheet = scoresheet(key, **law)
    if args.format == "json":
        print_json(_detail(sheet))
    else:
        _print_sheet(sheet)
    return 0


def _summary(sheet: Scoresheet) -> dict[str, Any]:
    return {
        "number": sheet.number,
        "product_set": sheet.product_set,
        "name": sheet.name,
        "regulation": sheet.regulation.value,
        "criteria": len(sheet.leaves),
        "maximum": sheet.total,
        "floor": sheet.floor,
        "citation": str(sheet.citation),
    }


def _detail(sheet: Scoresheet) -> dict[str, Any]:
    return _summary(sheet) | {
        "disqualified_when": sheet.disqualified_when,
        "parts": [
            {"part": p.part, "label": p.label, "max_points": p.max_points} for p in sheet.parts
        ],
        "nodes": [
            {
                "code": n.code,
                "title": n.title,
                "part": n.part,
                "max_points": n.max_points,
                "parent": n.parent,
                "options": [
                    {
                        "index": o.index,
                        "text": o.text,
                        "points": o.points,
                        "printed_points": o.printed_points,
                        "min_star": o.min_star,
                        "case": o.case,
                        "errata": list(o.errata),
                    }
                    for o in n.options
                ],
                "notes": list(n.notes),
                "knockouts": list(n.knockouts),
                "citation": str(n.citation),
            }
            for n in sheet.nodes.values()
        ],
        "errata": [
            {"id": e.id, "criterion": e.criterion, "status": e.status, "decision_en": e.decision_en}
            for e in sheet.errata
        ],
    }


def _print_sheet(sheet: Scoresheet) -> None:
    print(f"Bộ sản phẩm số {sheet.number} ({sheet.product_set}): {sheet.name}")
    print(f"{sheet.citation}; maximum {sheet.total}, floor {sheet.floor}")
    for node in sheet.nodes.values():
        depth = node.code.count(".")
        print(f"{'  ' * depth}{node.code} {node.title} [{node.max_points}]")
        for o in node.options:
            star = f" {'*' * o.min_star}" if o.min_star else ""
            print(f"{'  ' * depth}    {o.index}: ({o.points}){star} {o.text}")
