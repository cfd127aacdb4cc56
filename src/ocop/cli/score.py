"""``ocop score FILE.json``: score one scorecard (or a council's cards) and classify it.

    ocop score FILE [--knockout ID ...] [--draft FILE] [--format text|json]

The output adds ``star`` (``null`` when knocked out) and ``classification``:
the band star, the unmet minimums that held the product back, what the next
star needs, and the reasons, as :func:`ocop.stars.classify` gives them.  With
``--draft`` the card is scored and classified under a draft regulation
(docs/drafts.md) instead of the encoded law.
"""

from __future__ import annotations

import argparse
from typing import Any, ClassVar

import attrs

from ocop.cli._common import (
    add_draft_option,
    add_format_option,
    draft_option,
    print_json,
    read_text,
    scorecard,
)
from ocop.criteria import CouncilScore, ScoreResult, council_average, score
from ocop.display import text
from ocop.inputs import loads_strict
from ocop.stars import Classification, classify

__all__ = ["DOCUMENT", "ScoreDocument", "register", "run"]


@attrs.frozen(slots=True, kw_only=True)
class ScoreDocument:
    """What ``ocop score --format json`` prints: the score's fields, ``star`` and the reasons."""

    score: ScoreResult | CouncilScore
    star: int | None
    classification: Classification

    _json_flatten: ClassVar = ("score",)


DOCUMENT = ScoreDocument


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
    add_draft_option(parser, "score under this draft regulation (docs/drafts.md)")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    draft = draft_option(args)
    rules = None if draft is None else draft.regulation
    cards = loads_strict(_read(args.file), what="scorecard file")
    scored: ScoreResult | CouncilScore
    if isinstance(cards, list):
        scored = council_average([scorecard(c) for c in cards], regulation=rules)
    else:
        scored = score(scorecard(cards), regulation=rules)
    found = classify(scored, knockouts=args.knockout, regulation=rules)
    document = ScoreDocument(score=scored, star=found.star, classification=found)
    if args.format == "json":
        print_json(document)
    else:
        print(text(document))
    return 0


def _read(name: str) -> str:
    return read_text(name, "scorecard file")
