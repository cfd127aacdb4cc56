"""``ocop compare --draft FILE``: what a draft regulation changes, sheet by sheet.

    ocop compare --draft FILE [--against R] [--cards N] [--seed S] [--sheet N ...]
                 [--baseline CARD.json] [--portfolio CARDS.json|CARDS.csv] [--format text|json]

For each sheet: the criteria, options and marks that differ; the share of cards
whose star changes (exact up to N cards, else estimated on N generated cards with
a 95% interval, seeded); the minimal cards, from the baseline (every criterion at
its lowest option, or CARD), that gain or lose a star, with the reasons from each
side; and how many of a portfolio's scorecards change star.  A CSV portfolio has a
``product_set`` column and one column per criterion code holding the option index.
"""

from __future__ import annotations

import argparse
import csv
import io
from typing import Any, ClassVar

import attrs

from ocop.cli._common import (
    add_draft_option,
    add_format_option,
    ascii_digits,
    draft_option,
    print_json,
    read_text,
    scorecard,
)
from ocop.criteria import Scorecard
from ocop.display import text
from ocop.drafts.compare import DEFAULT_CARDS, Comparison, compare
from ocop.errors import InvalidInput
from ocop.inputs import loads_strict
from ocop.law import Regime
from ocop.limits import MAX_PORTFOLIO
from ocop.regulations import Regulation

__all__ = ["DOCUMENT", "CompareDocument", "register", "run"]


@attrs.frozen(slots=True, kw_only=True)
class CompareDocument:
    """What ``ocop compare --format json`` prints: the comparison's fields."""

    comparison: Comparison

    _json_flatten: ClassVar = ("comparison",)


DOCUMENT = CompareDocument


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="what a draft regulation changes: differences, cards that change star, portfolio",
        description=__doc__.split("\n\n")[2].replace("\n", " ") if __doc__ else None,
    )
    add_draft_option(parser, "the draft (docs/drafts.md)", required=True)
    parser.add_argument(
        "--against",
        metavar="R",
        help="the version to compare with (default: the one the draft is based on); one of: "
        + ", ".join(r.value for r in Regime),
    )
    parser.add_argument(
        "--cards",
        metavar="N",
        type=int,
        default=DEFAULT_CARDS,
        help=f"cards classified per sheet: all of them up to N, else N generated (default "
        f"{DEFAULT_CARDS})",
    )
    parser.add_argument("--seed", metavar="S", type=int, default=0, help="the sample's seed")
    parser.add_argument(
        "--sheet", metavar="N", type=int, action="append", help="only this sheet (repeatable)"
    )
    parser.add_argument(
        "--baseline", metavar="CARD", help="scorecard JSON the minimal cards start from"
    )
    parser.add_argument("--portfolio", metavar="FILE", help="scorecards: a JSON list, or CSV")
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    given = draft_option(args)
    if given is None:  # argparse requires it: only a Namespace built by hand lacks it
        raise InvalidInput("ocop compare needs --draft FILE")
    draft = given.regulation
    baseline = None
    if args.baseline is not None:
        baseline = scorecard(loads_strict(read_text(args.baseline, "baseline"), what="baseline"))
    portfolio: list[Scorecard] = []
    if args.portfolio is not None:
        portfolio = _portfolio(read_text(args.portfolio, "portfolio"), args.portfolio, draft)
    found = compare(
        draft,
        args.against,
        cards=args.cards,
        seed=args.seed,
        baseline=baseline,
        portfolio=portfolio,
        sheets=args.sheet,
    )
    document = CompareDocument(comparison=found)
    print_json(document) if args.format == "json" else print(text(document))
    return 0


def _portfolio(content: str, name: str, draft: Regulation) -> list[Scorecard]:
    if not name.lower().endswith(".csv"):
        cards = loads_strict(content, what="portfolio")
        if not isinstance(cards, list):
            raise InvalidInput(f"portfolio {name}: expected a JSON list of scorecards")
        if len(cards) > MAX_PORTFOLIO:
            raise InvalidInput(f"portfolio {name}: more than {MAX_PORTFOLIO} cards")
        return [scorecard(c) for c in cards]
    try:  # csv.Error: a field over the csv module's 131,072 characters, a NUL byte
        rows = list(csv.DictReader(io.StringIO(content)))
    except csv.Error as err:
        raise InvalidInput(f"portfolio {name} cannot be read as CSV: {err}") from None
    if len(rows) > MAX_PORTFOLIO:
        raise InvalidInput(f"portfolio {name}: more than {MAX_PORTFOLIO} rows")
    out = []
    for line, row in enumerate(rows, start=2):
        given = {k: v for k, v in row.items() if k != "product_set" and v not in ("", None)}
        # ASCII digits, as every number ocop reads from text: int() also takes "１", "٣", "1_0".
        if not all(isinstance(v, str) and ascii_digits(v.strip()) for v in given.values()):
            raise InvalidInput(f"{name}:{line}: an option index must be a whole number")
        choices = {k: int(v) for k, v in given.items()}
        out.append(
            scorecard(
                {
                    "regulation": draft.regime.value,
                    "product_set": row.get("product_set") or "",
                    "choices": choices,
                }
            )
        )
    return out
