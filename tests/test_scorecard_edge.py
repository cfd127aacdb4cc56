"""A scorecard is checked against its sheet when it is built (docs/decisions/scorecards.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocop.criteria import Scorecard, council_average, score, scoresheet
from ocop.errors import InvalidInput, NotEncoded, NotFound, OcopError
from ocop.regulations import Regulation, load, regulation
from tests.test_criteria import CARD_7
from tests.test_regulations import synthetic_regulation

CARD: dict[str, Any] = {"regulation": "26/2026/QĐ-TTg", "product_set": "I.3.c", "choices": CARD_7}


def _each_way(payload: dict[str, Any], **kwargs: Any) -> list[OcopError]:
    """The refusal of ``payload`` built from Python, a parsed dict and JSON text."""
    refusals = []
    builds = [
        lambda: Scorecard.model_validate(payload, **kwargs),
        lambda: Scorecard.model_validate_json(json.dumps(payload), **kwargs),
    ]
    if not kwargs:
        builds.append(lambda: Scorecard(**payload))
    for build in builds:
        with pytest.raises(OcopError) as refused:
            build()
        refusals.append(refused.value)
    return refusals


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"choices": CARD_7 | {"1.1": 3}}, InvalidInput, "criterion 1.1: option 3 does not exist"),
        ({"choices": CARD_7 | {"1.1": -1}}, InvalidInput, "option -1 does not exist"),
        ({"choices": CARD_7 | {"99": 0}}, NotFound, "has no criterion '99'"),
        ({"choices": {"9.9": None}}, NotFound, "has no criterion '9.9'"),
        ({"product_set": "IX.9.z"}, NotFound, "no product set with code 'IX.9.z'"),
        ({"regulation": "99/2099/QĐ-TEST"}, InvalidInput, "unknown regulation"),
    ],
)
def test_a_card_that_does_not_fit_its_sheet_is_refused_when_built(
    change: dict[str, Any], error: type[OcopError], words: str
) -> None:
    for refused in _each_way(CARD | change):
        assert type(refused) is error and words in str(refused)


def test_what_only_scoring_can_say_is_left_to_scoring() -> None:
    # A partial card is a valid record; scoring names the criteria left out.
    partial = Scorecard.model_validate(CARD | {"choices": {"1.1": 2}})
    with pytest.raises(InvalidInput, match=r"no option chosen for 1\.2"):
        score(partial)
    # 148/QĐ-TTg encodes sheet #1 only: a card for another set is kept, and scoring says so.
    kept = Scorecard.model_validate(
        {"regulation": "148/QĐ-TTg", "product_set": "I.3.c", "choices": {"1.1": 9}}
    )
    with pytest.raises(NotEncoded, match="not encoded"):
        score(kept)


def test_a_card_for_a_loaded_version_is_checked_against_it(tmp_path: Path) -> None:
    draft = load(synthetic_regulation(tmp_path / "draft"))
    sheet = scoresheet(1, regulation=draft)
    assert (
        len(sheet.criterion("4.1").options)
        == 2
        < len(scoresheet(1, regulation="26/2026").criterion("4.1").options)
    )
    card = {"regulation": "26/2026/QĐ-TTg", "product_set": "I.1.a", "choices": {"4.1": 3}}
    # Option 3 of 4.1 exists in the encoded sheet #1, not in the draft's.
    assert Scorecard.model_validate(card).choices["4.1"] == 3
    for refused in _each_way(card, context={"regulation": draft}):
        assert isinstance(refused, InvalidInput) and "option 3 does not exist" in str(refused)
    # 1.2 is on the encoded sheet, not on the draft's.
    for refused in _each_way(card | {"choices": {"1.2": 0}}, context={"regulation": draft}):
        assert isinstance(refused, NotFound)
    full = card | {"choices": {"1.1": 2, "4.1": 1, "6.1": 1}}
    built = Scorecard.model_validate(full, context={"regulation": draft})
    assert built == Scorecard.model_validate_json(json.dumps(full), context={"regulation": draft})
    assert score(built, regulation=draft).total == 100  # the draft sheet's maximum
    assert council_average([built, built], regulation=draft).total == 100


def test_the_context_is_a_regulation_for_the_cards_regime() -> None:
    for refused in _each_way(CARD, context={"regulation": "26/2026/QĐ-TTg"}):
        assert isinstance(refused, InvalidInput) and "is a Regulation" in str(refused)
    other = regulation("148/QĐ-TTg+1489/QĐ-TTg")
    assert isinstance(other, Regulation)
    for refused in _each_way(CARD, context={"regulation": other}):
        assert isinstance(refused, InvalidInput) and "applies to" in str(refused)
    # Other context keys (Plan.as_written's) leave the card to its encoded sheet.
    assert Scorecard.model_validate(CARD, context={"as_written": True}).choices == CARD_7
