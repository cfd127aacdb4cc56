"""Helpers shared by the sub-commands: dates, numbers, bounded file reading, drafts, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from datetime import date
from typing import TYPE_CHECKING

from ocop.errors import InvalidInput
from ocop.limits import MAX_INPUT_BYTES, MAX_NUMBER_DIGITS
from ocop.serialize import document
from ocop.text import show

if TYPE_CHECKING:
    from ocop.criteria import Scorecard
    from ocop.drafts import Draft

#: Files `ocop read` and `ocop check` read as prose.
TEXT_SUFFIXES = (".txt", ".md")
#: Files read with their tables (.docx, .xlsx need the extras ocop[docx], ocop[xlsx]).
TABLE_SUFFIXES = (".docx", ".xlsx", ".csv")


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


def ascii_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 only: ``"٣"``, ``"²"`` and fullwidth digits are not numbers
    here, as the money grammar refuses them too (str.isdigit accepts all three).  Nor is a run
    longer than MAX_NUMBER_DIGITS, which ``int()`` refuses past 4,300 digits with a ValueError."""
    return text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS


def read_text(name: str, what: str) -> str:
    """The UTF-8 text of file ``name`` (``-`` for stdin), at most MAX_INPUT_BYTES long.

    Only regular files are read: a device (``/dev/zero``) never ends and opening a
    FIFO blocks until someone writes, so both are refused before reading.
    """
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            if not stat.S_ISREG(os.stat(name).st_mode):
                raise InvalidInput(
                    f"cannot read {what} {show(name)}: not a regular file", file=show(name)
                )
            with open(name, "rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise InvalidInput(f"cannot read {what} {show(name)}: {reason}", file=show(name)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InvalidInput(
            f"{what} {show(name)} is larger than {MAX_INPUT_BYTES} bytes (limit MAX_INPUT_BYTES)",
            file=show(name),
            limit="MAX_INPUT_BYTES",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidInput(
            f"cannot read {what} {show(name)}: not UTF-8 ({err.reason} at byte {err.start})",
            file=show(name),
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


def add_draft_option(
    parser: argparse._ActionsContainer, help: str, *, required: bool = False
) -> None:
    """``--draft FILE``: a draft regulation (docs/drafts.md); ``help`` says what the command does
    with it.  ``parser`` may be a mutually exclusive group (``ocop audit``)."""
    parser.add_argument("--draft", metavar="FILE", required=required, help=help)


def draft_option(args: argparse.Namespace) -> Draft | None:
    """The draft ``--draft`` names, read and checked (:func:`ocop.drafts.load_draft`), or ``None``
    when the option was left out."""
    if args.draft is None:
        return None
    from ocop.drafts import load_draft  # only this option reads drafts (and YAML)

    return load_draft(args.draft)


def scorecard(item: object) -> Scorecard:
    """A scorecard from one parsed JSON value (a command's file, an HTTP body's item).

    An object is read in pydantic's JSON mode, so that an ISO ``evaluated_on`` is a date as in
    every JSON document; anything else is refused with the model's own message.
    """
    from ocop.criteria import Scorecard

    if isinstance(item, dict):
        return Scorecard.model_validate_json(json.dumps(item))
    return Scorecard.model_validate(item)


def print_json(value: object) -> None:
    """Print ``value`` (a result or a command's document class) as a JSON document.

    The document is ``ocop.serialize.document(value)``: an object whose first key
    is ``schema_version``; its schema is ``ocop.cli.json_schema(command)``.
    """
    json.dump(document(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
