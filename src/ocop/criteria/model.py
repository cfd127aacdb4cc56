"""Scoresheets as immutable rule tables.

A scoresheet ("Bộ tiêu chí … kiêm phiếu đánh giá") is a tree printed as a flat
list of numbered rows: Part (A/B/C) → group ("1. TỔ CHỨC SẢN XUẤT") →
criterion ("1.1 …") → sometimes sub-criterion ("6.1.1 …") → options ("□ …").
The evaluator ticks one option on every *leaf* (a node without children).
Here a node's parent is the longest printed code that is a dotted prefix of
its own, and the leaves are what a scorecard chooses options for.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ocop.errors import NotFound
from ocop.law import Citation, Regime
from ocop.readonly import frozen_data
from ocop.text import show

__all__ = ["Erratum", "Node", "Option", "Part", "Scoresheet"]

PART_CODES = ("A", "B", "C")


@attrs.frozen(slots=True)
class Option:
    """One tick-box of a criterion, with the points it scores.

    ``points`` is what the library scores with; ``printed_points`` is what the
    decision prints (``None`` for a blank cell).  They differ only where an
    :class:`Erratum` says so.  ``min_star`` is the star mark printed beside the
    option (3 for ``***``, 4 for ``****``, 5 for ``*****``): to be ranked at that
    star, a product must reach at least this option's points on the criterion.
    ``case`` is 1 or 2 where a tourism criterion offers alternative cases
    ("Trường hợp 1 / Trường hợp 2").
    """

    index: int
    text: str
    points: int
    printed_points: int | None
    min_star: int | None
    case: int | None
    errata: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Node:
    """A group, criterion or sub-criterion of a scoresheet."""

    code: str
    title: str
    part: str
    max_points: int
    parent: str | None
    children: tuple[str, ...]
    options: tuple[Option, ...]
    notes: tuple[str, ...]
    knockouts: tuple[str, ...]
    citation: Citation
    #: Criteria on which 0 points knocks the product out by this node's note (the
    #: regulation's ``zero_point_knockouts``); empty for most nodes.
    zero_points_on: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def floor(self) -> int:
        """Points of the lowest option (what ticking the weakest box scores)."""
        return min((o.points for o in self.options), default=0)


@attrs.frozen(slots=True)
class Part:
    part: str
    label: str
    max_points: int
    groups: tuple[str, ...]


@attrs.frozen(slots=True)
class Erratum:
    """A misprint in the decision, encoded as printed and corrected (or kept) on purpose."""

    id: str
    regulation: Regime
    sheets: tuple[int, ...]
    criterion: str | None
    option: int | None
    field: str
    # Lists in the data file (an option table) become tuples: one erratum is shared by
    # every sheet it names, so a caller's .append must not reach the others.
    printed: object = attrs.field(converter=frozen_data)
    applied: object = attrs.field(converter=frozen_data)
    status: str
    decision_vi: str
    decision_en: str
    reason: str


@attrs.frozen(slots=True)
class Scoresheet:
    """One product set's criteria, options and points under one regulation."""

    regulation: Regime
    number: int
    product_set: str
    name: str
    classification_line: str | None
    disqualified_when: str | None
    total: int
    parts: tuple[Part, ...]
    nodes: Mapping[str, Node] = attrs.field(repr=False, eq=False)
    leaves: tuple[str, ...] = attrs.field(repr=False, eq=False)
    errata: tuple[Erratum, ...] = attrs.field(repr=False, eq=False)
    citation: Citation

    def node(self, code: str) -> Node:
        """The group or criterion with this printed code (``"1.1"``, ``"6.1.1"``, ``"7"``)."""
        try:
            return self.nodes[code]
        except (KeyError, TypeError):
            raise NotFound(
                f"sheet #{self.number} ({self.name}) has no criterion {show(code)}; "
                f"criteria are: {', '.join(self.leaves)}",
                sheet=self.number,
                criterion=code,
            ) from None

    def criterion(self, code: str) -> Node:
        """A leaf criterion (one an option is chosen for)."""
        node = self.node(code)
        if not node.is_leaf:
            raise NotFound(
                f"{show(code)} on sheet #{self.number} is a group, not a criterion; "
                f"choose options for {', '.join(node.children)}",
                sheet=self.number,
                criterion=code,
            )
        return node

    def criteria(self) -> tuple[Node, ...]:
        """The leaf criteria in printed order."""
        return tuple(self.nodes[c] for c in self.leaves)

    @property
    def maximum(self) -> int:
        return sum(self.nodes[c].max_points for c in self.leaves)

    @property
    def floor(self) -> int:
        """Total when the lowest option is ticked on every criterion."""
        return sum(self.nodes[c].floor for c in self.leaves)

    def group_of(self, code: str) -> str:
        """The top-level group ("1" … "17") a node belongs to."""
        node = self.node(code)
        while node.parent is not None:
            node = self.nodes[node.parent]
        return node.code
