"""Helpers shared by the sub-commands: dates, JSON output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date

from ocop.errors import InvalidInput
from ocop.serialize import document
from ocop.text import show


def parse_date(text: str) -> date:
    """Read an ISO date (YYYY-MM-DD) from the command line, or fail with InvalidInput."""
    # date.fromisoformat also takes 20260601 and 2026-W23-1; the CLI promises one form.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InvalidInput(
            f"not a date: {text!r}; expected YYYY-MM-DD (e.g. 2026-06-01)", value=text
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"not a date: {show(text)}; expected YYYY-MM-DD (e.g. 2026-06-01)", value=text
        ) from None


def today() -> date:
    """The default date of the commands (a function, so tests can fix it)."""
    return date.today()


def date_or_today(text: str | None) -> date:
    """``--on``-style option: the date given, or today when the option was left out."""
    return today() if text is None else parse_date(text)


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )


def print_json(value: object) -> None:
    """Print ``value`` (a result or a command's document class) as a JSON document.

    The document is ``ocop.serialize.document(value)``: an object whose first key
    is ``schema_version``; its schema is ``ocop.cli.json_schema(command)``.
    """
    json.dump(document(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
