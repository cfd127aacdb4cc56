"""How a council's per-star marks are checked when its evaluators disagree.

26/2026/QĐ-TTg Điều 3 khoản 3 ranks a product on the council's "tổng điểm trung
bình"; it is silent on how a per-star mark (``***`` …) is checked when the
evaluators tick different options (docs/decisions/readings.md §5).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from fractions import Fraction

__all__ = ["CouncilReading"]


class CouncilReading(Enum):
    """Which points of a council a per-star mark is checked against.

    * ``AVERAGE`` (default): the council's average points on the criterion;
    * ``EVERY_EVALUATOR``: every evaluator's card must meet the mark;
    * ``MAJORITY``: more than half of the cards must meet it.
    """

    AVERAGE = "average"
    EVERY_EVALUATOR = "every_evaluator"
    MAJORITY = "majority"


def council_points(points: Sequence[int], reading: CouncilReading) -> Fraction:
    """The points a mark is compared with: a mark of ``p`` is met when this is ≥ ``p``.

    The lowest card for ``EVERY_EVALUATOR``; for ``MAJORITY`` the highest value that
    more than half of the cards reach (the (n//2 + 1)-th highest).
    """
    if reading is CouncilReading.AVERAGE:
        return Fraction(sum(points), len(points))
    ranked = sorted(points, reverse=True)
    if reading is CouncilReading.EVERY_EVALUATOR:
        return Fraction(ranked[-1])
    return Fraction(ranked[len(ranked) // 2])
