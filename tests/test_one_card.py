"""Scoring and classifying one card from compiled tables gives exactly the general answers.

``score()`` reads a sheet compiled once into flat tables (``ocop.criteria._compiled``)
and ``classify()`` of one card reads a star table (``ocop.stars._compiled``); the
reference here is the breakdown built by walking the sheet's tree, as ``score()`` did
before (issue 22), and the general classification path.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria import (
    CriterionScore,
    GroupScore,
    PartScore,
    Scorecard,
    ScoreResult,
    score,
    scoresheet,
)
from ocop.criteria.cases import CaseReading
from ocop.criteria.model import PART_CODES
from ocop.criteria.scoring import _check_choices
from ocop.errors import OcopError
from ocop.regulations import regulations
from ocop.stars import classify
from ocop.stars.classification import _classify
from ocop.strategies.criteria import nearly_valid_scorecards, scorecards

#: Every regulation with encoded sheets (26/2026 in full, 148 in part).
ENCODED = [r.regime for r in regulations() if r.sheets.encoded]
any_card = st.sampled_from(ENCODED).flatmap(lambda regime: scorecards(regulation=regime))


def reference_score(card: Scorecard) -> ScoreResult:
    """The breakdown built by walking the sheet, one object per line (score() before issue 22)."""
    sheet = scoresheet(card.product_set, regulation=card.regulation)
    _check_choices(sheet, card.choices, CaseReading.PER_CRITERION)
    criteria = []
    for node in sheet.criteria():
        index = card.choices[node.code]
        option = None if index is None else node.options[index]
        own = tuple(e.id for e in sheet.errata if e.criterion == node.code and e.option is None)
        criteria.append(
            CriterionScore(
                code=node.code,
                title=node.title,
                part=node.part,
                group=sheet.group_of(node.code),
                option=index,
                option_text=None if option is None else option.text,
                points=0 if option is None else option.points,
                max_points=node.max_points,
                citation=node.citation,
                errata=(option.errata if option else ()) + own,
            )
        )
    groups = tuple(
        GroupScore(
            code=g,
            title=sheet.nodes[g].title,
            part=part.part,
            points=sum(c.points for c in criteria if c.group == g),
            max_points=sheet.nodes[g].max_points,
        )
        for part in sheet.parts
        for g in part.groups
    )
    parts = tuple(
        PartScore(p, sum(g.points for g in groups if g.part == p), m.max_points)
        for p, m in zip(PART_CODES, sheet.parts, strict=True)
    )
    return ScoreResult(
        regulation=sheet.regulation,
        product_set=sheet.product_set,
        sheet=sheet.number,
        product=card.product,
        evaluator=card.evaluator,
        total=sum(p.points for p in parts),
        maximum=sheet.total,
        parts=parts,
        groups=groups,
        criteria=tuple(criteria),
        citation=sheet.citation,
    )


@given(any_card)
def test_score_equals_the_breakdown_walked_from_the_sheet(card: Scorecard) -> None:
    fast, walked = score(card), reference_score(card)
    assert fast == walked
    assert fast.to_dict() == walked.to_dict()
    assert fast.errata == walked.errata


@given(any_card)
def test_classify_of_one_card_equals_the_general_path(card: Scorecard) -> None:
    result = score(card)
    fast = classify(result)
    general = _classify(result, None, None, (), "average")
    assert fast == general
    assert fast.to_dict() == general.to_dict()
    assert fast.reasons == general.reasons


@given(any_card, st.randoms(use_true_random=False))
def test_a_result_edited_by_hand_is_read_by_code(card: Scorecard, rng: Any) -> None:
    """Criteria out of the sheet's order are not read by place: the general path answers."""
    result = score(card)
    shuffled = list(result.criteria)
    rng.shuffle(shuffled)
    edited = attrs.evolve(result, criteria=tuple(shuffled))
    assert classify(edited) == _classify(edited, None, None, (), "average")
    assert classify(edited) == classify(result)


@given(nearly_valid_scorecards())
def test_a_bad_card_fails_as_the_full_check_says(
    case: tuple[dict[str, Any], str],
) -> None:
    payload, _defect = case
    try:
        card = Scorecard.model_validate(payload)
    except OcopError:
        return  # refused by the model itself, before scoring
    sheet = scoresheet(card.product_set, regulation=card.regulation)
    with pytest.raises(OcopError) as full:
        _check_choices(sheet, card.choices, CaseReading.PER_CRITERION)
    with pytest.raises(OcopError) as fast:
        score(card)
    assert (type(fast.value), fast.value.code, str(fast.value)) == (
        type(full.value),
        full.value.code,
        str(full.value),
    )
