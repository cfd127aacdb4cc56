"""``ocop sheets [--on DATE | --regulation R] [SET]``: list product sets, or show one sheet."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from ocop.cli._common import add_format_option, ascii_digits, date_or_today, print_json
from ocop.criteria import Scoresheet, scoresheet, scoresheets
from ocop.criteria.model import Erratum, Node, Part
from ocop.display import text
from ocop.law import Citation, Regime

__all__ = ["DOCUMENT", "SheetDetail", "SheetList", "SheetRow", "detail", "register", "row", "run"]


@attrs.frozen(slots=True, kw_only=True)
class SheetRow:
    """A scoresheet in one row: ``maximum`` its total points, ``floor`` the least a card scores."""

    number: int
    product_set: str
    name: str
    regulation: Regime
    criteria: int
    maximum: int
    floor: int
    citation: Citation


@attrs.frozen(slots=True)
class SheetList:
    """What ``ocop sheets --format json`` prints without a SET."""

    sheets: tuple[SheetRow, ...]


@attrs.frozen(slots=True, kw_only=True)
class SheetDetail(SheetRow):
    """What ``ocop sheets SET --format json`` prints: the row, then every criterion."""

    disqualified_when: str | None
    parts: tuple[Part, ...]
    nodes: tuple[Node, ...]
    errata: tuple[Erratum, ...]


DOCUMENT = SheetList | SheetDetail


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
        listed = SheetList(tuple(row(s) for s in scoresheets(**law)))
        print_json(listed) if args.format == "json" else print(text(listed))
        return 0
    key: int | str = int(args.set) if ascii_digits(args.set) else args.set
    shown = detail(scoresheet(key, **law))
    print_json(shown) if args.format == "json" else print(text(shown))
    return 0


def row(sheet: Scoresheet) -> SheetRow:
    """The sheet in one row, as listed."""
    return SheetRow(
        number=sheet.number,
        product_set=sheet.product_set,
        name=sheet.name,
        regulation=sheet.regulation,
        criteria=len(sheet.leaves),
        maximum=sheet.total,
        floor=sheet.floor,
        citation=sheet.citation,
    )


def detail(sheet: Scoresheet) -> SheetDetail:
    """The row, then every criterion."""
    return SheetDetail(
        **attrs.asdict(row(sheet), recurse=False),
        disqualified_when=sheet.disqualified_when,
        parts=sheet.parts,
        nodes=tuple(sheet.nodes.values()),
        errata=sheet.errata,
    )
