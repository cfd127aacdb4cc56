"""Council readings of the per-star marks: average (default), every evaluator, majority."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ocop.criteria import Scorecard, council_average, score, scoresheet
from ocop.errors import InvalidInput
from ocop.stars import CouncilReading, classify, requirements
from ocop.stars.council import council_points

SHEET = scoresheet(7, regulation="26/2026/QĐ-TTg")
BEST = {n.code: max(n.options, key=lambda o: o.points).index for n in SHEET.criteria()}


def card(evaluator: str, **changes: int) -> Scorecard:
    choices = BEST | {k.replace("_", "."): v for k, v in changes.items()}
    return Scorecard(
        regulation=SHEET.regulation, product_set=SHEET.product_set, choices=choices,
        evaluator=evaluator,
    )  # fmt: skip


def test_the_three_readings_of_one_council() -> None:
    # A 3★ mark met by the average of three cards but not by one evaluator.
    req = next(
        r
        for r in requirements(SHEET)[3]
        if min(o.points for o in SHEET.node(r.criterion).options) < r.points
        and 2 * SHEET.node(r.criterion).max_points >= 3 * r.points
    )
    node = SHEET.node(req.criterion)
    lowest = min(node.options, key=lambda o: o.points)
    assert lowest.points < req.points
    key = req.criterion.replace(".", "_")
    council = council_average([card("a"), card("b"), card("c", **{key: lowest.index})])
    average = Fraction(2 * node.max_points + lowest.points, 3)
    assert average >= req.points  # so the default reading meets the mark
    default = classify(council)
    every = classify(council, council="every_evaluator")
    majority = classify(council, council=CouncilReading.MAJORITY)
    assert default.council is CouncilReading.AVERAGE and default.to_dict()["council"] == "average"
    assert req.criterion not in {u.criterion for u in default.held_back_by}
    assert majority.star == default.star
    assert every.star is not None and default.star is not None and every.star < default.star
    assert every.held_back_by[0].criterion == req.criterion
    assert every.held_back_by[0].chosen_points == lowest.points
    assert classify(score(card("a"))).council is None  # one card: no council reading


@pytest.mark.parametrize(
    ("points", "reading", "expected"),
    [
        ([3, 3, 0], CouncilReading.AVERAGE, Fraction(2)),
        ([3, 3, 0], CouncilReading.EVERY_EVALUATOR, Fraction(0)),
        ([3, 3, 0], CouncilReading.MAJORITY, Fraction(3)),
        ([3, 0, 0, 3], CouncilReading.MAJORITY, Fraction(0)),  # 2 of 4 is not a majority
        ([3, 3, 3, 0], CouncilReading.MAJORITY, Fraction(3)),
    ],
)
def test_council_points(points: list[int], reading: CouncilReading, expected: Fraction) -> None:
    assert council_points(points, reading) == expected


def test_an_unknown_reading_is_refused() -> None:
    with pytest.raises(InvalidInput, match="council must be one of"):
        classify(score(card("a")), council="unanimous")
