"""``ocop read``: what the reader understood in a document's text, before trusting a check.

    ocop read PATH [--format text|json] [--all]

PATH is a .txt or .md file (or ``-`` for text on stdin), or a .docx, .xlsx
or .csv file whose budget tables are read too (extras ``ocop[docx]``,
``ocop[xlsx]``).  The text report
lists every claim with its line, stance, figure as printed, stars and
period, totals with their parts indented, then the figures not read and why
(``--all`` also lists numbers that were no quantity: references, dates,
numbers with no unit).  ``--format json`` prints the document that
``ocop check`` takes (:class:`ocop.reports.Document`, ``ocop schema
report``): save it, correct it by hand, and check it with ``ocop check
FILE.json``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import PurePath

from ocop.cli._common import TABLE_SUFFIXES, TEXT_SUFFIXES, add_format_option, read_text
from ocop.errors import InvalidInput
from ocop.read import Reading, read_file
from ocop.read import read_text as read_document
from ocop.read._structure import Node
from ocop.reports import Document
from ocop.text import fold, show

__all__ = ["TABLE_SUFFIXES", "TEXT_SUFFIXES", "document_of", "read_path", "register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "read",
        help=(
            "read the figures of a plan or report (.txt, .md, .docx, .xlsx, .csv), "
            "each with its place"
        ),
        description=(
            "Read a .txt or .md document: every figure with its unit, hedge, stars, period "
            "and line; what was not read and why. --format json prints the document "
            "`ocop check` takes."
        ),
    )
    parser.add_argument(
        "path", metavar="PATH", help="a .txt, .md, .docx, .xlsx or .csv file, or - for stdin"
    )
    add_format_option(parser)
    parser.add_argument(
        "--all", action="store_true", help="also list numbers that are no quantity, and why"
    )
    parser.set_defaults(func=run)


def read_path(path: str) -> Reading:
    """The reading of the text file ``path`` (``-``: stdin); its document's id is the file's."""
    suffix = PurePath(path).suffix.lower()
    stem = "stdin" if path == "-" else PurePath(path).stem
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "van-ban"
    if suffix in TABLE_SUFFIXES:
        return read_file(path, id=slug)
    if path != "-" and suffix not in TEXT_SUFFIXES:
        raise InvalidInput(
            f"{show(path)}: ocop reads .txt, .md, .docx, .xlsx and .csv documents, "
            f"not {suffix or 'no suffix'}",
            file=show(path),
        )
    text = read_text(path, "document")
    return read_document(text, id=slug)


def document_of(reading: Reading, path: str) -> Document:
    """The document read, or a refusal saying that nothing was read (and what was not)."""
    if reading.document is not None:
        return reading.document
    unsure = [n.text for n in reading.not_read if n.reason == "convention"]
    also = (
        f"; {len(unsure)} not read for want of a number convention ({', '.join(unsure[:5])}): "
        "see `ocop read`"
        if unsure
        else ""
    )
    raise InvalidInput(f"{show(path)}: no figure with a unit was read, nothing to check{also}")


def run(args: argparse.Namespace) -> int:
    reading = read_path(args.path)
    if args.format == "json":
        data = document_of(reading, args.path).model_dump(mode="json", exclude_defaults=True)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(_report(reading, show_all=args.all)))
    return 0


def _report(reading: Reading, *, show_all: bool) -> list[str]:
    convention = reading.locale.value if reading.locale else "không xác định (undecided)"
    lines = [f"Cách viết số (number convention): {convention}", ""]
    for node in reading.totals:
        lines.extend(_node(reading, node, 0))
    if not reading.totals:
        lines.append("Không đọc được số liệu nào (no figure read).")
    skipped = [n for n in reading.not_read if show_all or n.reason not in {"no_unit", "reference"}]
    if skipped:
        lines += ["", "Không đọc (not read):"]
        for item in skipped:
            line = reading.sentences[item.sentence].line
            lines.append(f"  dòng {line}: {item.text!r} [{item.reason}] at {item.span[0]}")
    lines += [f"Ghi chú (note): {n}" for n in reading.notes]
    return lines


def _node(reading: Reading, node: Node, depth: int) -> list[str]:
    claim = node.claim
    facts = [claim.stance.value]
    if claim.stars is not None:
        facts.append(str(claim.stars))
    if claim.source is not None:
        facts.append(claim.source.value)
    if claim.years is not None:
        start, end = claim.years
        facts.append(str(start) if start == end else f"{start}-{end}")
    if claim.share is not None:
        facts.append(f"share {claim.share}")
    if claim.change:
        facts.append("change")
    if node.parts:
        facts.append("gồm (whole)" if node.complete else "trong đó (some)")
    line = reading.sentences[claim.sentence].line
    pad = "  " * (depth + 1)
    out = [f"{pad}dòng {line}: {claim.figure} [{', '.join(facts)}] {claim.span[0]}-{claim.span[1]}"]
    for part in node.parts:
        out.extend(_node(reading, part, depth + 1))
    if node.remainder:
        out.append(f"{pad}  còn lại: {node.remainder}")
    return out
