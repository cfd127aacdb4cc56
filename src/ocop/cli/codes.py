"""``ocop codes``: every finding code the library can report (from :mod:`ocop.codes`).

    ocop codes [--format text|json|markdown]

``markdown`` prints docs/codes.md, the page generated from the registry.
"""

from __future__ import annotations

import argparse
import sys

import attrs

from ocop import codes
from ocop.cli._common import print_json
from ocop.display import text

__all__ = ["DOCUMENT", "CodesDocument", "register", "run"]


@attrs.frozen(slots=True)
class CodesDocument:
    """What ``ocop codes --format json`` prints: every declared code, in registry order."""

    codes: tuple[codes.Code, ...]


DOCUMENT = CodesDocument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "codes",
        help="list the finding codes, their severities and value kinds",
        description="List every finding code ocop can report: severities, kind, meaning.",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text; markdown is docs/codes.md)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    document = CodesDocument(tuple(codes.CODES.values()))
    if args.format == "json":
        print_json(document)
    elif args.format == "markdown":
        sys.stdout.write(codes.markdown())
    else:
        print(text(document))
    return 0
