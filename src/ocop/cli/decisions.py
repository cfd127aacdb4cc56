"""``ocop decisions [TOPIC]``: the decision pages that messages point to, as installed.

    ocop decisions                      # every topic and its title
    ocop decisions stars                # the page docs/decisions/stars.md
    ocop decisions docs/decisions/stars.md   # the same, as a message prints it

From :mod:`ocop.decisions`, which reads the pages shipped inside the package.
"""

from __future__ import annotations

import argparse
import sys

import attrs

from ocop import decisions
from ocop.cli._common import print_json
from ocop.display import text

__all__ = ["DOCUMENT", "DecisionList", "DecisionPage", "DecisionRow", "register", "run"]


@attrs.frozen(slots=True)
class DecisionRow:
    """One decision page: its topic (what ``ocop decisions TOPIC`` takes) and title."""

    topic: str
    title: str


@attrs.frozen(slots=True)
class DecisionList:
    """What ``ocop decisions --format json`` prints: every page, by topic."""

    decisions: tuple[DecisionRow, ...]


@attrs.frozen(slots=True)
class DecisionPage:
    """What ``ocop decisions TOPIC --format json`` prints: the page's Markdown text."""

    topic: str
    title: str
    text: str


DOCUMENT = DecisionList | DecisionPage


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "decisions",
        help="print a decision page (docs/decisions/TOPIC.md), or list them",
        description="Print the decision page a message points to, as shipped with ocop.",
    )
    parser.add_argument(
        "topic", nargs="?", help="a topic ('stars') or a pointer ('docs/decisions/stars.md')"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    document: DecisionList | DecisionPage
    if args.topic is None:
        topics = decisions.topics()
        document = DecisionList(tuple(DecisionRow(t, decisions.title(t)) for t in topics))
    else:
        topic = decisions.topic(args.topic)
        document = DecisionPage(topic, decisions.title(topic), decisions.page(topic))
    if args.format == "json":
        print_json(document)
    else:
        shown = text(document)
        sys.stdout.write(shown if shown.endswith("\n") else shown + "\n")
    return 0
