"""1048, 1048+781 and 148 scored and classified through the regulation registry (issue 19)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ocop.criteria import Scorecard, score, scoresheet, scoresheets, sheet_version
from ocop.errors import InvalidInput, NotEncoded
from ocop.law import Regime
from ocop.stars import classify
from tests.cli import run as run_cli

R1048, R781, R148 = Regime.QD1048_2019, Regime.QD1048_781_2020, Regime.QD148_2023


def best(regulation: Regime, number: int) -> dict[str, int | None]:
    sheet = scoresheet(number, regulation=regulation)
    return {n.code: max(n.options, key=lambda o: o.points).index for n in sheet.criteria()}


def test_every_1048_sheet_scores_its_best_card_to_100_except_the_recorded_shortfalls() -> None:
    for regulation, short in ((R1048, {19: 98, 26: 99}), (R781, {19: 98})):
        for sheet in scoresheets(regulation=regulation):
            card = Scorecard(
                regulation=regulation,
                product_set=sheet.product_set,
                choices=best(regulation, sheet.number),
            )
            assert score(card).total == short.get(sheet.number, 100), (regulation, sheet.number)
    assert len(scoresheets(regulation=R781)) == 26
    assert sheet_version(R781).source_strength.value == "student"


def test_a_card_dated_in_2021_is_scored_under_1048_and_781() -> None:
    card = Scorecard(product_set="I.3.c", evaluated_on=date(2021, 5, 1), choices=best(R781, 7))
    assert card.regulation is R781 and score(card).total == 100
    first = Scorecard(product_set="I.3.c", evaluated_on=date(2020, 1, 6), choices=best(R1048, 7))
    assert first.regulation is R1048
    with pytest.raises(InvalidInput, match="cannot be under 26/2026"):
        Scorecard(
            product_set="I.3.c",
            regulation="26/2026/QĐ-TTg",
            evaluated_on=date(2021, 5, 1),
            choices=best(R781, 7),
        )


def test_a_1048_star_is_an_upper_bound_because_781s_minimums_were_not_found() -> None:
    result = classify(score(Scorecard(regulation=R781, product_set="I.3.c", choices=best(R781, 7))))
    assert (result.star, result.minimums_checked) == (5, False)
    assert any("781/QĐ-TTg added was not found" in n for n in result.notes)


def test_the_148_sheet_checks_its_printed_marks_and_the_others_say_what_is_missing() -> None:
    choices = best(R148, 1) | {"10": 0}  # Đảm bảo chất lượng at its lowest: *** at option 2
    result = classify(score(Scorecard(regulation=R148, product_set="I.1.a", choices=choices)))
    assert result.minimums_checked and result.band_star == 5 and result.star == 2
    with pytest.raises(NotEncoded, match="sheet #7 of 148/QĐ-TTg is not encoded"):
        scoresheet(7, regulation=R148)
    with pytest.raises(NotEncoded, match=r"product set V\.1 of 148/QĐ-TTg"):
        scoresheet("V.1", regulation=R148)


def test_the_tourism_sheet_of_781_scores_cases_per_criterion() -> None:
    sheet = scoresheet(26, regulation=R781)
    choices = best(R781, 26)
    case_2 = {c: next(o.index for o in sheet.node(c).options if o.case == 2) for c in ("9",)}
    result = score(Scorecard(regulation=R781, product_set="VI.1", choices=choices | case_2))
    assert result.total == 100 - sheet.node("9").max_points + 1
    with pytest.raises(InvalidInput, match="both alternative cases"):
        score(
            Scorecard(regulation=R781, product_set="VI.1", choices=choices | case_2),
            cases="one_case",
        )


def test_ocop_score_picks_1048_for_a_card_dated_in_2021(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "card.json"
    card = {"product_set": "I.3.c", "evaluated_on": "2021-05-01", "choices": best(R781, 7)}
    path.write_text(json.dumps(card), encoding="utf-8")
    status, out, _ = run_cli(capsys, "score", str(path), "--format", "json")
    result = json.loads(out)
    assert status == 0 and result["regulation"] == R781.value and result["total"] == 100
    assert result["classification"]["minimums_checked"] is False
