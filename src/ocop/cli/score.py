"""``ocop score FILE.json``: score one scorecard, or average several evaluators' cards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ocop.cli._common import add_format_option, print_json
from ocop.criteria import Scorecard, council_average, score
from ocop.errors import InvalidInput
from ocop.inputs import loads_strict
from ocop.text import show


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score a scorecard (or a list of evaluators' cards for one product)",
        description="FILE holds one scorecard object or a list of them (use - for stdin). "
        "Schema: python -c 'import ocop.criteria as c, json; "
        "print(json.dumps(c.Scorecard.model_json_schema()))'",
    )
    parser.add_argument("file", metavar="FILE", help="scorecard JSON, or - for standard input")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = _read(args.file)
    document = loads_strict(text, what="scorecard file")
    if isinstance(document, list):
        council = council_average([Scorecard.model_validate(c) for c in document])
        payload = council.to_dict() | {"star": None}
    else:
        payload = score(Scorecard.model_validate(document)).to_dict() | {"star": None}
    if args.format == "json":
        print_json(payload)
    else:
        _print(payload)
    return 0


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInput(f"cannot read scorecard file {show(name)}: {err}", file=name) from None


def _print(payload: dict[str, Any]) -> None:
    total = payload.get("total_exact", payload["total"])
    print(f"{payload['regulation']} · {payload['product_set']} · total {total}")
    for part, points in payload["parts"].items():
        print(f"  Part {part}: {points}")
    for c in payload.get("criteria", []):
        if "points" in c:
            print(f"  {c['code']:<7} {c['points']:>2}/{c['max_points']:<2} {c['title']}")
        else:
            print(f"  {c['code']:<7} avg {c['average']}")
