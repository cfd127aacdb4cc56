"""Star classification: bands, cumulative minimums, knock-outs, reasons, batch path."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria import Scorecard, Scoresheet, choice_matrix, council_average, score, scoresheet
from ocop.criteria import scoresheets as all_sheets
from ocop.errors import InvalidInput, OcopError
from ocop.law import Regime
from ocop.stars import (
    DOSSIER,
    band_star,
    classify,
    classify_batch,
    knockout_rules,
    requirements,
)
from ocop.strategies import scorecards

DECISION = (Path(__file__).parent / "data" / "qd26-2026-QD-TTg.txt").read_text(encoding="utf-8")
QD26 = Regime.QD26_2026
SHEETS = all_sheets(regulation=QD26)


def best(sheet: Scoresheet) -> dict[str, int | None]:
    """The top option of every criterion (cases: the sheet's highest-scoring one)."""
    return {n.code: max(n.options, key=lambda o: o.points).index for n in sheet.criteria()}


def card(sheet: Scoresheet, choices: dict[str, int | None]) -> Scorecard:
    return Scorecard(regulation=sheet.regulation, product_set=sheet.product_set, choices=choices)


# --- bands -----------------------------------------------------------------------------

HALF_OPEN = {"49.99": 2, "50": 3, "69.99": 3, "70": 4, "89.5": 4, "90": 5}


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("text", list(HALF_OPEN))
def test_boundary_scores_classify_under_every_version(regime: Regime, text: str) -> None:
    # The lower-bound rule gives 1048's whole-number bands the same answers as the
    # half-open bands of 148 and 26/2026; 1048 totals in a printed gap say so.
    result = classify(Decimal(text), regulation=regime)
    assert result.star == result.band_star == HALF_OPEN[text]
    gap = regime in (Regime.QD1048_2019, Regime.QD1048_781_2020) and text in (
        "49.99",
        "69.99",
        "89.5",
    )
    assert any("lower-bound rule" in n for n in result.notes) is gap


def test_float_and_fraction_totals_are_read_exactly() -> None:
    assert band_star(69.99, QD26) == 3
    assert band_star(Fraction(269, 3), QD26) == 4  # 89.67, a three-evaluator average
    assert band_star(Fraction(270, 3), QD26) == 5


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, -0.5, 100.01, True, "89.5", None, Decimal("NaN"), 10**400]
)
def test_bad_totals_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        classify(bad, regulation=QD26)  # type: ignore[arg-type]


def test_bare_points_need_a_regulation_and_say_minimums_were_not_checked() -> None:
    with pytest.raises(InvalidInput, match="regulation="):
        classify(75)
    result = classify(75, regulation="148/QĐ-TTg")
    assert (result.star, result.minimums_checked) == (4, False)
    assert any("upper bound" in n for n in result.notes)


def test_below_three_stars_is_not_recognised_with_the_citation() -> None:
    result = classify(49, regulation=QD26)
    assert (result.star, result.recognised) == (2, False)
    assert "điểm a khoản 1 Điều 4 26/2026/QĐ-TTg" in [str(c) for c in result.citations]
    assert "không ban hành quyết định công nhận" in " ".join(DECISION.split())


def test_next_star_gives_the_points_missing() -> None:
    result = classify(Fraction(131, 2), regulation=QD26)
    assert result.next_star is not None
    assert (result.next_star.star, result.next_star.points_needed) == (4, Fraction(9, 2))
    assert classify(95, regulation=QD26).next_star is None


# --- minimums --------------------------------------------------------------------------


def test_marks_legend_is_the_decision_text() -> None:
    assert "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao" in " ".join(DECISION.split())


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: f"sheet{s.number}")
def test_requirements_are_cumulative_and_come_from_the_printed_marks(sheet: Scoresheet) -> None:
    reqs = requirements(sheet)
    marked = {
        (n.code, o.index, o.min_star) for n in sheet.criteria() for o in n.options if o.min_star
    }
    own = {
        (r.criterion, r.option, r.star) for s in (3, 4, 5) for r in reqs[s] if r.marked_star == s
    }
    assert own == marked  # every mark becomes its star's requirement, nothing else does
    for lower, higher in ((3, 4), (4, 5)):
        low = {r.criterion: r.points for r in reqs[lower]}
        high = {r.criterion: r.points for r in reqs[higher]}
        assert set(low) <= set(high)
        assert all(high[c] >= p for c, p in low.items())


def test_92_points_missing_a_five_star_mark_is_four_stars_with_the_reason() -> None:
    sheet = scoresheet(7, regulation=QD26)
    choices = best(sheet)
    choices["1.5"] = 2  # "**** " option (2 points) where ***** needs option 3
    unmarked = [n for n in sheet.criteria() if not any(o.min_star for o in n.options)]
    for node in unmarked:  # drop points only where no mark can be missed
        if score(card(sheet, choices)).total <= 92:
            break
        choices[node.code] = min(node.options, key=lambda o: o.points).index
    result = classify(score(card(sheet, choices)))
    assert result.total == 92
    assert (result.star, result.band_star, result.recognised) == (4, 5, True)
    (unmet,) = result.held_back_by
    assert (unmet.star, unmet.criterion, unmet.required_option, unmet.chosen_option) == (
        5,
        "1.5",
        3,
        2,
    )
    assert any("5★ needs criterion 1.5" in r for r in result.reasons)


def test_three_star_mark_also_binds_a_four_star_product() -> None:
    sheet = scoresheet(7, regulation=QD26)
    choices = best(sheet)
    choices["3.5"] = None  # 3.5 has *** on option 0 and **** on option 1
    result = classify(score(card(sheet, choices)))
    assert (result.band_star, result.star, result.recognised) == (5, 2, False)
    assert {(u.star, u.criterion) for u in result.held_back_by} == {(3, "3.5"), (4, "3.5")}


def test_council_minimums_are_checked_on_the_average() -> None:
    sheet = scoresheet(7, regulation=QD26)
    high, low = best(sheet), best(sheet)
    low["1.5"] = 2  # 2 points; the ***** option scores 3
    cards = [card(sheet, high), card(sheet, low)]
    result = classify(council_average(cards))
    assert result.total == Fraction(199, 2)
    assert result.star == 4
    assert result.held_back_by[0].chosen_points == Fraction(5, 2)
    assert result.held_back_by[0].chosen_option is None


# --- knock-outs ------------------------------------------------------------------------


def test_declared_knockout_leaves_the_product_unranked() -> None:
    sheet = scoresheet(7, regulation=QD26)
    result = classify(score(card(sheet, best(sheet))), knockouts=[DOSSIER])
    assert (result.star, result.band_star, result.recognised) == (None, 5, False)
    assert result.knockouts[0].text.startswith("Hồ sơ bị loại khi")
    assert result.next_star is None


def test_sheet_16_zero_points_on_a_sensory_criterion_knocks_out_by_itself() -> None:
    sheet = scoresheet(16, regulation=QD26)
    choices = best(sheet)
    choices["6.2"] = 0  # "Có màu": 0 points
    result = classify(score(card(sheet, choices)))
    assert result.star is None
    assert [(k.id, k.automatic) for k in result.knockouts] == [("6.4", True)]
    assert "Nếu được 0 điểm tại một trong các chỉ tiêu trên" in " ".join(DECISION.split())


@pytest.mark.parametrize(
    ("knockouts", "message"),
    [("dossier", "list of ids"), (["9.9"], "no knock-out"), ([DOSSIER], "product set")],
)
def test_bad_knockouts_are_refused(knockouts: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        if message == "product set":
            classify(80, regulation=QD26, knockouts=knockouts)  # type: ignore[arg-type]
        else:
            classify(80, regulation=QD26, product_set=7, knockouts=knockouts)  # type: ignore[arg-type]


def test_every_knockout_rule_is_printed_in_the_decision() -> None:
    text = " ".join(DECISION.split())
    for sheet in SHEETS:
        for rule in knockout_rules(sheet).values():
            assert re.sub(r"\s+", " ", rule.text.split(": ", 1)[-1])[:40] in text


# --- properties ------------------------------------------------------------------------


@given(scorecards(), st.data())
def test_raising_an_option_never_lowers_the_star(scorecard: Scorecard, data: st.DataObject) -> None:
    sheet = scoresheet(scorecard.product_set, regulation=scorecard.regulation)
    before = classify(score(scorecard))
    code = data.draw(st.sampled_from(sheet.leaves))
    node = sheet.node(code)
    current = scorecard.choices[code]
    got = 0 if current is None else node.options[current].points
    cases = {
        o.case
        for c, i in scorecard.choices.items()
        if i is not None
        for o in [sheet.node(c).options[i]]
        if o.case
    }
    better = [o.index for o in node.options if o.points > got and o.case in (None, *cases)]
    if not better or (len(cases) == 0 and any(o.case for o in node.options)):
        return  # nothing higher, or raising would pick a tourism case for the card
    raised = dict(scorecard.choices) | {code: data.draw(st.sampled_from(better))}
    after = classify(score(card(sheet, raised)))
    assert (after.star or 0) >= (before.star or 0)


@given(scorecards())
def test_star_never_exceeds_the_band_and_named_minimums_are_really_unmet(
    scorecard: Scorecard,
) -> None:
    result = classify(score(scorecard))
    sheet = scoresheet(scorecard.product_set, regulation=scorecard.regulation)
    assert result.star is None or result.star <= result.band_star
    assert result.recognised == (result.star is not None and result.star >= 3)
    named = result.held_back_by + (result.next_star.unmet if result.next_star else ())
    for unmet in named:
        chosen = scorecard.choices[unmet.criterion]
        got = 0 if chosen is None else sheet.node(unmet.criterion).options[chosen].points
        required = sheet.node(unmet.criterion).options[unmet.required_option]
        assert got < required.points == unmet.required_points
        assert required.min_star == unmet.star
    if result.star is not None and result.star < result.band_star:
        assert result.held_back_by  # held back means a named reason


@given(st.sampled_from(SHEETS).flatmap(lambda s: st.lists(scorecards(s), min_size=1, max_size=20)))
def test_batch_gives_the_same_stars_as_one_at_a_time(cards: list[Scorecard]) -> None:
    sheet = scoresheet(cards[0].product_set, regulation=QD26)
    single = [classify(score(c)) for c in cards]
    totals = np.array([r.total for r in single], dtype=np.float64)
    batch = classify_batch(sheet, totals, choice_matrix(sheet, cards))
    assert batch.stars.tolist() == [r.star or 0 for r in single]
    assert batch.band_stars.tolist() == [r.band_star for r in single]
    assert batch.recognised.tolist() == [r.recognised for r in single]


def test_batch_knockouts_and_bands_only() -> None:
    sheet = scoresheet(7, regulation=QD26)
    result = classify_batch(sheet, [95, 60, 20], knocked_out=np.array([False, True, False]))
    assert result.stars.tolist() == [5, 0, 1]
    assert result.minimums_checked is False


@pytest.mark.parametrize(
    ("totals", "choices", "match"),
    [
        ([float("nan")], None, "row 0"),
        ([50, 101], None, "row 1"),
        (["50"], None, "1-D array of numbers"),
        ([50], [[0]], "one column per criterion"),
        ([50, 60], "best1", "2 totals but 1 rows"),
        ([50], "bad", "does not exist"),
    ],
)
def test_batch_refuses_bad_arrays(totals: list[object], choices: object, match: str) -> None:
    sheet = scoresheet(7, regulation=QD26)
    row = [0] * len(sheet.leaves)
    if choices == "best1":
        choices = [row]
    elif choices == "bad":
        choices = [[9] * len(sheet.leaves)]
    with pytest.raises(OcopError, match=match):
        classify_batch(sheet, totals, choices)  # type: ignore[arg-type]


def test_reasons_read_well_for_councils_and_single_points() -> None:
    sheet = scoresheet(7, regulation=QD26)
    high, low = best(sheet), best(sheet)
    low["1.5"] = 2
    result = classify(council_average([card(sheet, high), card(sheet, low)]))
    assert "got an average (2.5 points)" in result.held_back_by[0].describe()
    assert "3★ needs 1 more point" in classify(49, regulation=QD26).reasons
