"""``ocop score FILE.json``: score one scorecard (or a council's cards) and classify it.

    ocop score FILE [--knockout ID ...] [--format text|json]

The output adds ``star`` (``null`` when knocked out) and ``classification``:
the band star, the unmet minimums that held the product back, what the next
star needs, and the reasons, as :func:`ocop.stars.classify` gives them.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ocop.cli._common import add_format_option, print_json, read_text
from ocop.criteria import CouncilScore, Scorecard, ScoreResult, council_average, score
from ocop.inputs import loads_strict
from ocop.stars import classify


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score a scorecard (or a list of evaluators' cards for one product)",
        description="FILE holds one scorecard object or a list of them (use - for stdin). "
        "Schema: python -c 'import ocop.criteria as c, json; "
        "print(json.dumps(c.Scorecard.model_json_schema()))'",
    )
    parser.add_argument("file", metavar="FILE", help="scorecard JSON, or - for standard input")
    parser.add_argument(
        "--knockout",
        metavar="ID",
        action="append",
        default=[],
        help="a knock-out the council found: 'dossier' or a criterion code (repeatable)",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = _read(args.file)
    document = loads_strict(text, what="scorecard file")
    scored: ScoreResult | CouncilScore
    if isinstance(document, list):
        scored = council_average([_card(c) for c in document])
    else:
        scored = score(_card(document))
    found = classify(scored, knockouts=args.knockout)
    payload = scored.to_dict() | {"star": found.star, "classification": found.to_dict()}
    if args.format == "json":
        print_json(payload)
    else:
        _print(payload)
    return 0


def _card(item: Any) -> Scorecard:
    # Read as JSON, so that an ISO "evaluated_on" is a date, as in every JSON document.
    if isinstance(item, dict):
        return Scorecard.model_validate_json(json.dumps(item))
    return Scorecard.model_validate(item)  # refused with the model's own message


def _read(name: str) -> str:
    return read_text(name, "scorecard file")


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
    star = payload["star"]
    print(f"Star: {'not ranked (knocked out)' if star is None else f'{star}★'}")
    for reason in payload["classification"]["reasons"]:
        print(f"  - {reason}")
