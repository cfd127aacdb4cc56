"""Totals and their parts within a sentence: "trong đó", "gồm", "bao gồm", parentheses, "còn lại".

A figure followed by "trong đó" (or "trong số này", "cụ thể") is a total,
and the figures of the same measure after it are some of it; after "gồm",
"bao gồm" or "chia ra" they are all of it.  Figures in parentheses right
after a figure of the same measure are its parts ("… 250 sản phẩm (07 …, 05
…, 38 …)"), all of it after "(gồm".  A split of money by funding source that
names both a state budget and a source outside it ("ngân sách Trung ương …,
vốn doanh nghiệp …") is read as the whole split, as provincial plans write
their funding sentence.  "còn lại là …" is a part: what the total leaves.
A percentage after "trong đó" under a count is a part printed as a share
("trong đó 67,3% sản phẩm 3 sao").  A difference ("tăng 50 sản phẩm so
với…") is never a total or a part, and a percentage is never a total (each
is a share of a base named in words, not a sum).  docs/decisions/reading.md says why.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import attrs

from ocop.budget.vocabulary import Source
from ocop.read._claims import Claim
from ocop.reports.model import MeasureKind, measure_of

__all__ = ["Node", "nest"]

_MARKER = re.compile(r"trong số (?:này|đó)|trong đó|bao gồm|gồm|cụ thể|chia ra", re.I)
_WHOLE = ("bao gồm", "gồm", "chia ra")
_OPENS_WHOLE = re.compile(r"\s*(?:bao gồm|gồm|chia ra)", re.I)
_COLON = re.compile(r"\s*:")
_PAREN = re.compile(r"[()]")
# How many figures back a part looks for its total: prose lists are short, and a bound keeps
# a hostile "sentence" of thousands of figures linear.
_LOOK_BACK = 40
_DEEPEST = 3  # parts of parts of parts: deeper nesting is not prose
_REMAINDER = re.compile(r"còn lại(?:\s+là)?\s+([^,;.()]{1,80})", re.I)
_REMAINDER_WITHIN = 200  # "còn lại là …" follows the last part: a bounded window, linear time
_STATE = {
    Source.STATE_BUDGET,
    Source.CENTRAL_BUDGET,
    Source.LOCAL_BUDGET,
    Source.PROVINCIAL_BUDGET,
    Source.DISTRICT_BUDGET,
    Source.COMMUNE_BUDGET,
}


@attrs.define(slots=True)
class Node:
    """A claim in its place: its parts, whether they are all of it, a "còn lại" part."""

    claim: Claim
    parts: list[Node] = attrs.Factory(list)
    complete: bool = False
    remainder: str | None = None  # the words of "còn lại là …"
    share_only: bool = False  # a part printed as a percentage of its total
    level: int = 0  # 0 for a total, 1 for its part, …


def _same(a: Claim, b: Claim) -> bool:
    return measure_of(a.unit).same_as(measure_of(b.unit))


def nest(claims: list[Claim], text: str, base: int) -> list[Node]:
    """The claims of one sentence as totals with their parts; ``base`` is its offset."""
    nodes = [Node(c) for c in claims]
    top: list[Node] = []
    markers = [(m.start(), m.group().lower()) for m in _MARKER.finditer(text)]
    semicolons = [i for i, ch in enumerate(text) if ch == ";"]
    placed: list[tuple[Node, int]] = []  # node, paren depth
    # The parentheses open before the figure (where each opened), kept along the text once:
    # every slice or search below is bounded, so a sentence of thousands of figures is linear.
    opened: list[int] = []
    seen = 0
    for node in nodes:
        start = node.claim.span[0] - base
        for m in _PAREN.finditer(text, seen, max(seen, start)):
            if m.group() == "(":
                opened.append(m.start())
            elif opened:
                opened.pop()
        seen = max(seen, start)
        where = _Where(start, len(opened), opened[-1] if opened else -1, markers, semicolons)
        parent = None if node.claim.change else _owner(node, where, placed, text, base)
        if parent is not None and parent.level < _DEEPEST:
            parent.parts.append(node)
            node.level = parent.level + 1
        else:
            top.append(node)
        if not node.claim.change:
            placed.append((node, where.depth))
    for node in nodes:
        if node.parts:
            _finish(node, text, base)
    return top


@attrs.frozen(slots=True)
class _Where:
    """Where a figure stands in its sentence: offset, parentheses, markers, semicolons."""

    start: int
    depth: int  # parentheses open before it
    opened: int  # where the innermost of them opened (-1: none)
    markers: list[tuple[int, str]]
    semicolons: list[int]

    def semicolon_between(self, start: int, end: int) -> bool:
        i = bisect_left(self.semicolons, start)
        return i < len(self.semicolons) and self.semicolons[i] < end


def _owner(
    node: Node, where: _Where, placed: list[tuple[Node, int]], text: str, base: int
) -> Node | None:
    """The total ``node`` is a part of, if any."""
    claim = node.claim
    start, depth, opened = where.start, where.depth, where.opened
    if depth > 0:
        for candidate, d in reversed(placed[-_LOOK_BACK:]):
            end = candidate.claim.span[1] - base
            if d != depth - 1 or end > opened:
                continue
            if (
                _is_share(candidate)
                or not _same(candidate.claim, claim)
                or where.semicolon_between(end, opened)
            ):
                return None
            if _OPENS_WHOLE.match(text, opened + 1):
                candidate.complete = True
            return candidate
        return None
    markers = where.markers
    last = bisect_left(markers, (start, "")) - 1
    if last < 0:
        return None
    at, word = markers[last]
    listed = _COLON.match(text, at + len(word)) is not None
    if not listed and where.semicolon_between(at, start):
        return None  # a ";" ends a list that did not open with ":"
    for candidate, d in reversed(placed[-_LOOK_BACK:]):
        if d != 0 or candidate.claim.span[0] - base >= at:
            continue
        if _is_share(candidate):
            return None
        share = claim.unit == "%" and measure_of(candidate.claim.unit).kind is MeasureKind.COUNT
        if not (_same(candidate.claim, claim) or share):
            return None
        if word in _WHOLE:
            candidate.complete = True
        node.share_only = share
        return candidate
    return None


def _is_share(node: Node) -> bool:
    # A percentage is a share of a base the sentence names in words: never a sum of parts.
    return node.claim.unit == "%"


def _finish(node: Node, text: str, base: int) -> None:
    sources = {p.claim.source for p in node.parts}
    if "đồng" in node.claim.unit and None not in sources and sources & _STATE and sources - _STATE:
        node.complete = True
    last = node.parts[-1].claim.span[1] - base
    if m := _REMAINDER.search(text, last, last + _REMAINDER_WITHIN):
        node.remainder = m.group().strip()
