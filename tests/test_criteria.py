"""Scoresheets, scorecards, scoring, council averages and the batch path."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.criteria import (
    CaseReading,
    Scorecard,
    StarBand,
    choice_matrix,
    council_average,
    score,
    score_batch,
    scoresheet,
    scoresheets,
    sheet_version,
)
from ocop.errors import (
    AmbiguousInput,
    InvalidInput,
    NotEncoded,
    NotFound,
    OcopError,
    RuleNotInForce,
)
from ocop.law import Regime
from ocop.strategies import choice_matrices, nearly_valid_scorecards, scorecards
from ocop.taxonomy import taxonomy

R26 = Regime.QD26_2026
ALL = scoresheets(regulation=R26)


def card(sheet_no: int, picks: dict[str, int | None], **extra: object) -> Scorecard:
    sheet = scoresheet(sheet_no, regulation=R26)
    return Scorecard(
        regulation=R26,
        product_set=sheet.product_set,
        choices=picks,
        **extra,  # type: ignore[arg-type]
    )


def extreme(sheet_no: int, pick: str) -> dict[str, int | None]:
    """Choices picking the best (or weakest) option by points on every criterion."""
    sheet = scoresheet(sheet_no, regulation=R26)
    choose = max if pick == "max" else min
    return {n.code: choose(n.options, key=lambda o: o.points).index for n in sheet.criteria()}


# --- the sheets themselves -------------------------------------------------------------


def test_all_26_sheets_load_with_their_numbers_and_codes() -> None:
    assert [s.number for s in ALL] == list(range(1, 27))
    assert len({s.product_set for s in ALL}) == 26
    assert scoresheet(7, regulation=R26).product_set == "I.3.c"
    assert scoresheet(13, regulation=R26).product_set == "I.6"
    assert scoresheet(26, regulation=R26).product_set == "VI.1"


@pytest.mark.parametrize("sheet", ALL, ids=lambda s: f"#{s.number}")
def test_sheet_arithmetic(sheet) -> None:  # type: ignore[no-untyped-def]
    # Điều 3 khoản 1: A 40 / B 25 / C 35; the sheets' own groups must add up.
    assert [(p.part, p.max_points) for p in sheet.parts] == [("A", 40), ("B", 25), ("C", 35)]
    for part in sheet.parts:
        assert sum(sheet.nodes[g].max_points for g in part.groups) == part.max_points
    for node in sheet.nodes.values():
        if node.children:
            assert sum(sheet.nodes[c].max_points for c in node.children) == node.max_points
        else:
            assert max(o.points for o in node.options) == node.max_points
            assert all(0 <= o.points <= node.max_points for o in node.options)
    assert sheet.maximum == 100


@pytest.mark.parametrize("number", range(1, 27))
def test_maximum_card_scores_100_and_minimum_the_floor(number: int) -> None:
    sheet = scoresheet(number, regulation=R26)
    assert score(card(number, extreme(number, "max"))).total == 100
    floor = sum(min(o.points for o in n.options) for n in sheet.criteria())
    assert score(card(number, extreme(number, "min"))).total == floor == sheet.floor
    assert score(card(number, dict.fromkeys(sheet.leaves))).total == 0


def test_errata_are_applied_and_reported() -> None:
    sheet4 = scoresheet(4, regulation=R26)
    nutrition = sheet4.node("7")
    printed_13 = [o for o in nutrition.options if o.printed_points == 13]
    assert len(printed_13) == 1 and printed_13[0].points == 3 and printed_13[0].errata
    result = score(card(4, extreme(4, "max")))
    assert printed_13[0].errata[0] in result.errata
    # Bilingual labelling prints no option rows: the options are synthesised by an erratum.
    bilingual = scoresheet(7, regulation=R26).node("2.4")
    assert [o.printed_points for o in bilingual.options] == [None, None]
    assert sorted(o.points for o in bilingual.options) == [0, 1]


# --- hand-worked examples (docs/scoring.md works them step by step) ----------------------

# Sheet #7 "Chế biến từ rau, củ, quả, hạt": indices are 0-based, in printed order.
CARD_7 = {
    "1.1": 2, "1.2": 0, "1.3": 1, "1.4": 1, "1.5": 1, "1.6": 0, "1.7": 1,
    "2.1": 2, "2.2": 2, "2.3": 1, "2.4": 1,
    "3.1": 2, "3.2": 1, "3.3": 2, "3.4": 0, "3.5": 0,
    "4.1": 1, "4.2": 1, "4.3": 2,
    "5.1": 2, "5.2": 1, "5.3": 2,
    "6.1": 2, "6.2": 1, "6.3": 2, "6.4": 1, "6.5": 2,
    "7": 2, "8": 0, "9": 0, "10": 1, "11": 0,
}  # fmt: skip
# Sheet #21 "Thủ công mỹ nghệ gia dụng, trang trí".
CARD_21 = {
    "1.1": 2, "1.2": 1, "1.3": 0, "1.4": 2, "1.5": 0, "1.6": 1,
    "2.1": 3, "2.2": 1, "2.3": 0,
    "3.1": 2, "3.2": 0, "3.3": 1, "3.4": 1, "3.5": 1,
    "4.1": 2, "4.2": 2, "4.3": 3,
    "5.1": 3, "5.2": 2, "5.3": 2,
    "6.1": 2, "6.2": 1, "6.3": 3, "6.4": 2, "6.5": 1,
    "7": 1, "8": 1, "9": 0,
}  # fmt: skip
# Sheet #26 tourism: 8, 9 and 15 are scored under "Trường hợp 1" (community-provided).
CARD_26 = {
    "1.1": 1, "1.2": 1, "1.3": 2, "1.4": 0,
    "2.1": 1, "2.2": 1, "2.3": 0,
    "3.1": 2, "3.2": 1, "3.3": 2, "3.4": 0, "3.5": 0,
    "4.1": 1, "4.2": 0, "4.3": 0, "4.4": 1, "4.5": 1,
    "5.1": 1, "5.2": 0, "5.3": 1,
    "6": 1, "7": 2, "8": 1, "9": 0, "10": 1, "11": 0, "12": 1, "13": 3, "14": 1,
    "15": 0, "16": 0, "17": 1,
}  # fmt: skip


@pytest.mark.parametrize(
    ("number", "picks", "parts", "groups"),
    [
        (7, CARD_7, (26, 11, 19), {"1": 10, "2": 7, "3": 9, "4": 5, "5": 6, "6": 10, "11": 1}),
        (21, CARD_21, (27, 16, 20), {"1": 11, "2": 7, "3": 9, "4": 8, "5": 8, "6": 14}),
        (26, CARD_26, (26, 14, 24), {"1": 10, "2": 6, "3": 10, "4": 9, "5": 5, "13": 4}),
    ],
)
def test_hand_worked_examples(
    number: int, picks: dict[str, int], parts: tuple[int, int, int], groups: dict[str, int]
) -> None:
    result = score(card(number, picks))  # type: ignore[arg-type]
    assert tuple(p.points for p in result.parts) == parts
    assert result.total == sum(parts)
    by_code = {g.code: g.points for g in result.groups}
    assert {code: by_code[code] for code in groups} == groups
    assert sum(c.points for c in result.criteria) == result.total


def test_breakdown_names_options_and_citations() -> None:
    result = score(card(7, CARD_7, product="mut-gung", evaluator="ev1"))
    c = result.criterion("4.1")
    assert (c.option, c.points, c.max_points, c.part, c.group) == (1, 2, 5, "B", "4")
    assert c.option_text is not None and c.option_text.startswith("Thị trường ngoài địa bàn")
    assert str(c.citation) == "Phụ lục II 26/2026/QĐ-TTg (Bộ sản phẩm số 7, mục 4.1)"
    payload = result.to_dict()
    assert payload["parts"] == {"A": 26, "B": 11, "C": 19}
    assert payload["product"] == "mut-gung" and len(payload["criteria"]) == 32
    json.dumps(payload)


# --- bad scorecards ----------------------------------------------------------------------


def test_missing_criterion_is_an_error_naming_it() -> None:
    picks = dict(CARD_7)
    del picks["6.3"]
    with pytest.raises(InvalidInput, match=r"no option chosen for 6\.3"):
        score(card(7, picks))


def test_unknown_criterion_and_group_codes() -> None:
    with pytest.raises(NotFound, match="no criterion '12'"):
        score(card(7, CARD_7 | {"12": 0}))
    with pytest.raises(NotFound, match="is a group"):
        score(card(7, CARD_7 | {"6": 0}))


def test_option_that_does_not_exist() -> None:
    with pytest.raises(InvalidInput, match=r"criterion 1\.1: option 3 does not exist"):
        score(card(7, CARD_7 | {"1.1": 3}))
    with pytest.raises(InvalidInput):
        score(card(7, CARD_7 | {"1.1": -1}))


def test_model_level_refusals_are_ocop_errors() -> None:
    base = {"regulation": R26.value, "product_set": "I.3.c", "choices": CARD_7}
    for bad in (
        base | {"choices": CARD_7 | {"1.1": True}},  # a bool is not an option index
        base | {"choices": CARD_7 | {"1.1": 1.0}},  # nor a float
        base | {"product_set": "7"},
        base | {"regulation": "999/QĐ-TTg"},
        base | {"extra": 1},
    ):
        with pytest.raises(InvalidInput):
            Scorecard.model_validate(bad)


def test_duplicated_criterion_in_json_is_refused() -> None:
    text = json.dumps({"regulation": R26.value, "product_set": "I.3.c", "choices": CARD_7})
    text = text.replace('"1.1": 2', '"1.1": 2, "1.1": 0')
    with pytest.raises(InvalidInput, match="appears twice"):
        Scorecard.model_validate_json(text)


def test_mixing_alternative_cases_is_refused_under_one_case() -> None:
    # Option 2 of criterion 8 belongs to Trường hợp 2; 9 and 15 stay in case 1.
    mixed = CARD_26 | {"8": 2}
    assert scoresheet(26, regulation=R26).node("8").options[2].case == 2
    with pytest.raises(InvalidInput, match="both alternative cases"):
        score(card(26, mixed), cases="one_case")
    sheet = scoresheet(26, regulation=R26)
    row = np.array([[mixed[c] for c in sheet.leaves]], dtype=np.int8)
    with pytest.raises(InvalidInput, match="mixes options"):
        score_batch(sheet, row, cases=CaseReading.ONE_CASE)


def test_each_criterion_chooses_its_case_by_default() -> None:
    # Issue 19: criterion 8's case 2 ("Điểm dịch vụ du lịch") is a different fact from
    # case 2 of 9 and 15, and each criterion prints its own "Lựa chọn một trong hai".
    mixed = CARD_26 | {"8": 2}
    sheet = scoresheet(26, regulation=R26)
    one = score(card(26, mixed))
    base = score(card(26, CARD_26))
    option_8 = sheet.node("8").options
    assert one.criterion("8").points == option_8[2].points
    assert one.total == base.total - option_8[CARD_26["8"]].points + option_8[2].points
    row = np.array([[mixed[c] for c in sheet.leaves]], dtype=np.int8)
    assert int(score_batch(sheet, row).totals[0]) == one.total
    with pytest.raises(InvalidInput, match="cases must be one of"):
        score(card(26, mixed), cases="mixed")


@given(nearly_valid_scorecards())
def test_every_planted_defect_is_refused(case: tuple[dict[str, object], str]) -> None:
    payload, _defect = case
    with pytest.raises(OcopError):
        score(Scorecard.model_validate(payload))


# --- choosing a sheet ------------------------------------------------------------------


def test_lookup_by_number_code_and_name() -> None:
    assert scoresheet("I.3.c", regulation=R26).number == 7
    assert scoresheet("che bien tu rau", regulation=R26).number == 7
    assert scoresheet("Hoa", regulation=R26).number == 23
    with pytest.raises(AmbiguousInput) as err:
        scoresheet("rau", regulation=R26)
    assert len(err.value.context["readings"]) == 2
    with pytest.raises(InvalidInput):
        scoresheet(27, regulation=R26)
    with pytest.raises(InvalidInput):
        scoresheet(True, regulation=R26)  # type: ignore[arg-type]


def test_sheet_for_a_date_never_substitutes_another_version() -> None:
    assert scoresheet(7, on=date(2026, 6, 1)).regulation is R26
    # Issue 19: 148 holds one sheet of 26; the others say what is missing.
    with pytest.raises(NotEncoded, match="148/QĐ-TTg is not encoded"):
        scoresheet(7, on=date(2024, 1, 1))
    assert scoresheet(1, on=date(2024, 1, 1)).regulation is Regime.QD148_2023
    assert scoresheet(7, on=date(2020, 1, 1)).regulation is Regime.QD1048_2019
    assert scoresheet(7, on=date(2021, 1, 1)).regulation is Regime.QD1048_781_2020
    with pytest.raises(RuleNotInForce):
        scoresheet(7, on=date(2019, 1, 1))
    with pytest.raises(InvalidInput, match="exactly one"):
        scoresheet(7)
    assert dict(sheet_version(Regime.QD1048_2019).part_maxima) == {"A": 35, "B": 25, "C": 40}


# --- council average ------------------------------------------------------------------


def test_council_average_is_exact() -> None:
    low = CARD_7 | {"1.2": 1}  # 57
    high = CARD_7 | {"1.2": 2}  # 58
    cards = [
        card(7, CARD_7, evaluator="a"),
        card(7, low, evaluator="b"),
        card(7, high, evaluator="c"),
    ]
    council = council_average(cards)
    assert [c.total for c in council.cards] == [56, 57, 58]
    assert council.total == Fraction(57)
    council = council_average([*cards[:2], card(7, low, evaluator="c")])
    assert council.total == Fraction(170, 3)  # 56.666…, not rounded
    assert council.part("A") == Fraction(26 * 3 + 2, 3)


def test_council_average_refuses_mixed_or_duplicated_cards() -> None:
    with pytest.raises(InvalidInput, match="more than one card"):
        council_average([card(7, CARD_7, evaluator="a"), card(7, CARD_7, evaluator="a")])
    with pytest.raises(InvalidInput, match="product_set"):
        council_average([card(7, CARD_7), card(21, CARD_21)])
    with pytest.raises(InvalidInput, match="product"):
        council_average([card(7, CARD_7, product="x"), card(7, CARD_7, product="y")])
    with pytest.raises(InvalidInput):
        council_average([])


# --- properties and the batch path -------------------------------------------------------


@given(scorecards())
def test_score_is_consistent(c: Scorecard) -> None:
    result = score(c)
    assert 0 <= result.total <= result.maximum == 100
    assert result.total == sum(p.points for p in result.parts)
    for part in result.parts:
        assert part.points == sum(g.points for g in result.groups if g.part == part.part)
        assert 0 <= part.points <= part.max_points


@given(st.data())
def test_batch_equals_one_at_a_time(data: st.DataObject) -> None:
    sheet = data.draw(st.sampled_from(ALL))
    cards = data.draw(st.lists(scorecards(sheet), max_size=6))
    batch = score_batch(sheet, choice_matrix(sheet, cards))
    singles = [score(c) for c in cards]
    assert batch.totals.tolist() == [r.total for r in singles]
    assert batch.parts.tolist() == [[p.points for p in r.parts] for r in singles]


@given(st.data())
def test_batch_matches_on_random_matrices(data: st.DataObject) -> None:
    sheet = scoresheet(data.draw(st.sampled_from([7, 13, 21])), regulation=R26)  # no cases
    matrix = data.draw(choice_matrices(sheet))
    batch = score_batch(sheet, matrix)
    for row, total in zip(matrix, batch.totals, strict=True):
        picks = {c: None if v == -1 else int(v) for c, v in zip(sheet.leaves, row, strict=True)}
        assert score(card(sheet.number, picks)).total == total


def test_batch_refuses_bad_arrays() -> None:
    sheet = scoresheet(7, regulation=R26)
    good = choice_matrix(sheet, [card(7, CARD_7)])
    with pytest.raises(InvalidInput, match="shape"):
        score_batch(sheet, good[:, :-1])
    with pytest.raises(InvalidInput, match="integer"):
        score_batch(sheet, good.astype(float))
    bad = good.copy()
    bad[0, 3] = 3  # criterion 1.4 has options 0–2
    with pytest.raises(InvalidInput, match=r"row 0, criterion 1\.4"):
        score_batch(sheet, bad)
    with pytest.raises(InvalidInput, match=r"option 300"):
        score_batch(
            sheet, good.astype(np.int64) + np.eye(1, good.shape[1], 0, dtype=np.int64) * 298
        )
    assert score_batch(sheet, good[:0]).totals.shape == (0,)
    with pytest.raises(InvalidInput, match="not sheet #7"):
        choice_matrix(sheet, [card(21, CARD_21)])


def test_json_schema_export() -> None:
    schema = Scorecard.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"regulation", "product_set", "choices"}


# --- bands and consistency with the taxonomy --------------------------------------------


def _in_band(score: Fraction, band: StarBand) -> bool:
    return band.low <= score and (score <= band.high if band.high_inclusive else score < band.high)


def test_half_open_bands_cover_0_to_100_exactly_once() -> None:
    for regime in (Regime.QD148_2023, Regime.QD148_1489_2025, Regime.QD26_2026):
        bands = sheet_version(regime).bands
        for tenths in range(0, 1001):
            score_ = Fraction(tenths, 10)
            assert sum(_in_band(score_, b) for b in bands) == 1, (regime, score_)


def test_1048_integer_bands_leave_fractional_gaps_as_printed() -> None:
    bands = sheet_version(Regime.QD1048_2019).bands
    assert all(sum(_in_band(Fraction(n), b) for b in bands) == 1 for n in range(101))
    # 89.5 is in no printed 1048 band: classification must rule on it, the data does not.
    assert not any(_in_band(Fraction(179, 2), b) for b in bands)


def test_26_2026_bands_match_the_decision_text() -> None:
    text = (Path(__file__).parent / "data" / "qd26-2026-QD-TTg.txt").read_text("utf-8")
    article = " ".join(text[text.index("Điều 3. Bộ tiêu chí") : text.index("Điều 4.")].split())
    for band in sheet_version(R26).bands:
        assert f"Hạng {band.star} sao" in article
        assert band.printed in article, band.printed
    assert str(sheet_version(R26).bands_citation) == "khoản 3 Điều 3 26/2026/QĐ-TTg"


def test_sheets_agree_with_the_taxonomy() -> None:
    tax = taxonomy(R26)
    for sheet in ALL:
        product_set = tax.by_sheet(sheet.number)
        assert product_set.code == sheet.product_set
        # The Phụ lục I name finds the same sheet by name lookup.
        assert scoresheet(product_set.name_vi, regulation=R26) is sheet


def test_part_maxima_carry_their_own_citation() -> None:
    version = sheet_version(R26)
    assert str(version.part_maxima_citation) == "khoản 1 Điều 3 26/2026/QĐ-TTg"
    text = (Path(__file__).parent / "data" / "qd26-2026-QD-TTg.txt").read_text("utf-8")
    article = " ".join(text[text.index("Điều 3. Bộ tiêu chí") : text.index("Điều 4.")].split())
    for part, points in version.part_maxima.items():
        assert f"Phần {part}:" in article and f"({points} điểm)" in article
