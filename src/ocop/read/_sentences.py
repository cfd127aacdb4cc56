"""Splitting a document's text into sentences and list items, with their offsets.

Text converted from Word or PDF wraps lines in the middle of sentences, so a
line break alone does not end a sentence; a blank line, a list item ("- ",
"+ ", "a) ") or a numbered heading ("II. ", "2. ", "2.1. ") does, and so
does a full stop followed by a capital letter.  Lines that are cells of a
table exported one cell per line (separated by lines holding only "|") are
not prose: they are set aside as table text (reading them is not done,
docs/decisions/reading.md).  A title in capitals ends where the prose under
it starts, on the next line ("KẾT QUẢ NĂM 2023" / "Toàn tỉnh có …").

>>> [s.text for s in split("Có 87 sản phẩm. Trong đó: 02 sản phẩm 5 sao\\n- 29 sản phẩm")]
['Có 87 sản phẩm.', 'Trong đó: 02 sản phẩm 5 sao', '- 29 sản phẩm']
"""

from __future__ import annotations

import re
from bisect import bisect_right

import attrs

__all__ = ["PARAGRAPH_END", "Sentence", "split", "table_lines"]

#: Ends a line that ends its paragraph (Unicode PARAGRAPH SEPARATOR, which Word and some
#: editors write): the next line starts a sentence even without a full stop.  A .docx's
#: paragraphs are joined with it.
PARAGRAPH_END = "\u2029"

# A line that starts a new item: a bullet, a Roman or Arabic heading number, "a)".
_ITEM = re.compile(r"[-+•*–]\s|(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3})[.)]\s|[a-zđ]\)\s")
# A full stop (or ! ?) that ends a sentence: followed by space and a capital letter.
_STOP = re.compile(r"[.!?;]\s+(?=[A-ZĐÀ-Ỹ])|[.!?]\s+(?=[-+•])")


@attrs.frozen(slots=True)
class Sentence:
    """A sentence (or list item) of the text: ``text == whole[start:end]``, and its line."""

    start: int
    end: int
    text: str
    line: int
    #: The last heading above it ("II. MỤC TIÊU"), which tells targets from results.
    heading: str | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def table_lines(text: str) -> set[int]:
    """Indexes of lines that are table cells: "|" lines and the lines next to them."""
    lines = _lines(text)
    bars = {i for i, (_, line) in enumerate(lines) if line.strip() == "|"}
    return bars | {i - 1 for i in bars} | {i + 1 for i in bars}


def _is_heading(line: str) -> bool:
    words = line.strip()
    letters = [c for c in words if c.isalpha()]
    return bool(re.match(r"(?:[IVXLC]{1,6}|\d{1,2})\.\s", words)) and (
        bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    )


def _capitals(line: str) -> bool | None:
    """Whether a line is written in capitals (None: it has no letters, "2023", "-----")."""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return None
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` (table cells left out), in order, with their offsets."""
    lines = _lines(text)
    cells = table_lines(text)
    blocks: list[tuple[int, int, int, str | None]] = []  # start, end, line number, heading
    heading: str | None = None
    current: list[int] | None = None
    title = False  # the block so far is a title in capitals, wrapped over lines or not
    for i, (at, line) in enumerate(lines):
        stripped = line.strip()
        if i in cells or not stripped:
            current = None
            continue
        if i and lines[i - 1][1].rstrip(" \t").endswith(PARAGRAPH_END):
            current = None
        lead = len(line) - len(line.lstrip())
        if _is_heading(stripped):
            heading = stripped
        capitals = _capitals(stripped)
        # A title ends where the prose under it starts ("… GIAI ĐOẠN 2021-2025" / "Căn cứ …").
        ends_title = title and capitals is False and stripped[:1].isupper()
        if current is None or _ITEM.match(line, lead) or _is_heading(stripped) or ends_title:
            title = capitals is True
            current = [at + lead, at + len(line.rstrip()), i + 1]
            blocks.append((current[0], current[1], current[2], heading))
        else:
            title = title and capitals is not False
            current[1] = at + len(line.rstrip())
            start, _, number, head = blocks[-1]
            blocks[-1] = (start, current[1], number, head)
    out: list[Sentence] = []
    starts = [at for at, _ in lines]
    for start, end, _, head in blocks:
        piece = text[start:end]
        cut = 0
        for stop in _STOP.finditer(piece):
            _add(out, text, starts, start + cut, start + stop.start() + 1, head)
            cut = stop.end()
        _add(out, text, starts, start + cut, end, head)
    return out


def _add(
    out: list[Sentence], text: str, starts: list[int], start: int, end: int, head: str | None
) -> None:
    while start < end and text[start].isspace():
        start += 1
    if start < end:
        out.append(Sentence(start, end, text[start:end], bisect_right(starts, start), head))
