"""ocop.certificates.competence: who evaluates, recognises and revokes, on any date."""

from __future__ import annotations

import contextlib
import copy
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates import competence as mod
from ocop.certificates.competence import (
    Authority,
    AuthorityLevel,
    authorities,
    authority,
    ministry_on,
    revocation_authority,
)
from ocop.errors import (
    AmbiguousInput,
    InconsistentData,
    InvalidInput,
    NotEncoded,
    OcopError,
    RuleNotInForce,
)
from ocop.law import EvaluationKind, Regime, SourceStrength

FIRST_DAY = date(2019, 8, 21)
DECISION = Path(__file__).parent / "data" / "qd26-2026-QD-TTg.txt"


def _raw() -> dict[str, Any]:
    text = resources.files("ocop.data").joinpath("authority.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _cited(a: Authority) -> list[str]:
    """Citations without their free-text detail, e.g. 'điểm a khoản 1 Điều 4 26/2026/QĐ-TTg'."""
    return [str(c).split(" (")[0] for c in a.citations]


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# --- the table on the reference dates ---------------------------------------------------

MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MAE = "Bộ Nông nghiệp và Môi trường"

D, P, C = AuthorityLevel.DISTRICT, AuthorityLevel.PROVINCE, AuthorityLevel.CENTRAL
UT, CT = "UBND cấp tỉnh", "Chủ tịch UBND cấp tỉnh"
A26 = "26/2026/QĐ-TTg"

CASES = [
    # 1048 alone (before 08/6/2020) and 1048 + 781 (from 08/6/2020): no change of authority.
    (date(2020, 6, 7), 3, Regime.QD1048_2019, UT, P, "Phụ lục II 1048/QĐ-TTg"),
    (date(2020, 6, 7), 4, Regime.QD1048_2019, UT, P, "Phụ lục II 1048/QĐ-TTg"),
    (date(2020, 6, 7), 5, Regime.QD1048_2019, MARD, C, "Phụ lục II 1048/QĐ-TTg"),
    (date(2020, 6, 8), 3, Regime.QD1048_781_2020, UT, P, "Điều 1 781/QĐ-TTg"),
    (date(2020, 6, 8), 4, Regime.QD1048_781_2020, UT, P, "Điều 1 781/QĐ-TTg"),
    (date(2020, 6, 8), 5, Regime.QD1048_781_2020, MARD, C, "Điều 1 781/QĐ-TTg"),
    # 148: the district recognises 3★.
    (
        date(2024, 3, 1),
        3,
        Regime.QD148_2023,
        "UBND cấp huyện",
        D,
        "điểm b khoản 1 Phụ lục II 148/QĐ-TTg",
    ),
    (date(2024, 3, 1), 4, Regime.QD148_2023, UT, P, "khoản 1 Phụ lục II 148/QĐ-TTg"),
    (
        date(2024, 3, 1),
        5,
        Regime.QD148_2023,
        f"Bộ trưởng {MARD}",
        C,
        "khoản 1 Phụ lục II 148/QĐ-TTg",
    ),
    # 148 + 1489: two levels.
    (date(2025, 8, 1), 3, Regime.QD148_1489_2025, UT, P, "Điều 1 1489/QĐ-TTg"),
    (date(2025, 8, 1), 4, Regime.QD148_1489_2025, UT, P, "Điều 1 1489/QĐ-TTg"),
    (date(2025, 8, 1), 5, Regime.QD148_1489_2025, MAE, C, "Điều 1 1489/QĐ-TTg"),
    # 26/2026.
    (date(2026, 6, 1), 3, Regime.QD26_2026, CT, P, f"điểm a khoản 1 Điều 4 {A26}"),
    (date(2026, 6, 1), 4, Regime.QD26_2026, CT, P, f"điểm e khoản 3 Điều 7 {A26}"),
    (date(2026, 6, 1), 5, Regime.QD26_2026, f"Bộ trưởng {MAE}", C, f"điểm b khoản 1 Điều 4 {A26}"),
    (date(2026, 6, 1), 5, Regime.QD26_2026, f"Bộ trưởng {MAE}", C, f"điểm e khoản 4 Điều 7 {A26}"),
]


@pytest.mark.parametrize(("on", "star", "regime", "by", "level", "cited"), CASES)
def test_reference_dates(
    on: date, star: int, regime: Regime, by: str, level: AuthorityLevel, cited: str
) -> None:
    a = authority(star, on)
    assert (a.star, a.on, a.regulation) == (star, on, regime)
    assert a.recognised_by == by
    assert a.recognition_level is level and a.evaluation_level is level
    assert cited in _cited(a)
    assert a.sources and not a.vacant


def test_district_3_star_under_148_in_detail() -> None:
    a = authority(3, date(2024, 3, 1))
    assert a.evaluated_by == "Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp huyện"
    assert a.recognised_by_en == "District People's Committee"
    assert a.proposed_by is None and a.proposal_level is None  # the commune's role was not read
    assert a.source_strength is SourceStrength.NEWS


def test_who_proposes() -> None:
    assert authority(3, date(2020, 1, 1)).proposal_level is AuthorityLevel.DISTRICT
    assert authority(4, date(2024, 3, 1)).proposed_by == "UBND cấp huyện"
    assert authority(3, date(2025, 8, 1)).proposal_level is AuthorityLevel.COMMUNE
    assert authority(3, date(2026, 6, 1)).proposed_by == "UBND cấp xã"
    five = authority(5, date(2026, 6, 1))
    assert (five.proposed_by, five.proposal_level) == ("UBND cấp tỉnh", AuthorityLevel.PROVINCE)


def test_781_attribution_is_visible_as_uncertain() -> None:
    a = authority(3, date(2021, 6, 1))
    assert a.regulation is Regime.QD1048_781_2020
    assert a.source_strength is SourceStrength.NEWS
    assert any(n.startswith("UNCERTAIN") and "781" in n for n in a.notes)


def test_authorities_gives_3_4_5_in_order() -> None:
    for on in (date(2020, 1, 1), date(2025, 7, 3), date(2026, 6, 1)):
        assert authorities(on) == tuple(authority(s, on) for s in (3, 4, 5))
    both = authorities(date(2026, 6, 1), filed_on=date(2026, 5, 1), kind="first")
    assert [a.regulation for a in both] == [Regime.QD148_1489_2025] * 3


# --- district level gone before 1489 took effect ---------------------------------------


@pytest.mark.parametrize("on", _days(date(2025, 7, 1), date(2025, 7, 5)))
def test_3_star_vacant_between_district_end_and_1489(on: date) -> None:
    a = authority(3, on)
    assert a.regulation is Regime.QD148_2023
    assert a.recognised_by == "UBND cấp huyện" and a.recognition_level is AuthorityLevel.DISTRICT
    assert a.vacant
    note = next(n for n in a.notes if n.startswith("VACANT"))
    assert "2025-06-30" in note and "203/2025/QH15" in note and "2025-07-06" in note
    # 4★ and 5★ keep their authority; the district step before them is reported.
    four = authority(4, on)
    assert not four.vacant and four.recognised_by == "UBND cấp tỉnh"
    assert any("district step" in n for n in four.notes)


def test_vacancy_edges() -> None:
    assert not authority(3, date(2025, 6, 30)).vacant
    after = authority(3, date(2025, 7, 6))
    assert not after.vacant and after.recognised_by == "UBND cấp tỉnh"


# --- the ministry ----------------------------------------------------------------------


def test_ministry_either_side_of_the_merger() -> None:
    before, after = authority(5, date(2025, 2, 28)), authority(5, date(2025, 3, 1))
    assert before.regulation is after.regulation is Regime.QD148_2023
    assert before.recognised_by == f"Bộ trưởng {MARD}"
    assert before.recognised_by_en == "Minister of Agriculture and Rural Development"
    assert after.recognised_by == f"Bộ trưởng {MAE}"
    assert after.recognised_by_en == "Minister of Agriculture and Environment"
    assert before.ministry is not None and before.ministry.key == "MARD"
    assert after.ministry is not None and after.ministry.key == "MAE"
    assert "176/2025/QH15" in _cited(after) and "35/2025/NĐ-CP" in _cited(after)
    assert any("148/QĐ-TTg names" in n and MAE in n for n in after.notes)
    assert not any("148/QĐ-TTg names" in n for n in before.notes)


def test_ministry_on() -> None:
    assert ministry_on(date(2025, 2, 28)).name_vi == MARD
    assert ministry_on(date(2025, 3, 1)).name_vi == MAE
    assert ministry_on(date(2030, 1, 1)).valid_until is None
    with pytest.raises(RuleNotInForce):
        ministry_on(date(2019, 8, 20))
    with pytest.raises(InvalidInput):
        ministry_on(datetime(2025, 3, 1, 0, 0))  # type: ignore[arg-type]


def test_provincial_answers_name_no_ministry() -> None:
    assert authority(4, date(2025, 8, 1)).ministry is None


# --- the 2026 transition ---------------------------------------------------------------


def test_dossier_filed_before_26_2026_keeps_148_1489_authority() -> None:
    on, filed = date(2026, 6, 1), date(2026, 5, 1)
    three = authority(3, on, filed_on=filed, kind="first")
    assert three.regulation is Regime.QD148_1489_2025
    assert three.recognised_by == "UBND cấp tỉnh"
    assert (three.filed_on, three.kind) == (filed, EvaluationKind.FIRST)
    assert _cited(three)[-1] == "điểm a khoản 2 Điều 12 26/2026/QĐ-TTg"
    assert any("stays under 148/QĐ-TTg+1489/QĐ-TTg" in n for n in three.notes)
    # the transitional provision rests on the 26/2026 transcript
    assert three.source_strength is SourceStrength.TRANSCRIPT
    five = authority(5, on, filed_on=filed, kind=EvaluationKind.UPGRADE)
    assert five.recognised_by == MAE and five.central_fallback is None
    # the same date without a filing date: a new dossier under 26/2026
    new = authority(3, on)
    assert new.regulation is Regime.QD26_2026 and new.recognised_by == "Chủ tịch UBND cấp tỉnh"
    assert any("pass filed_on= and kind=" in n for n in new.notes)


def test_transitional_refusals_come_from_regime_on() -> None:
    with pytest.raises(RuleNotInForce):
        authority(3, date(2026, 6, 23), filed_on=date(2026, 5, 1), kind="re_evaluation")
    with pytest.raises(AmbiguousInput):
        authority(3, date(2026, 7, 1), filed_on=date(2026, 5, 1))
    with pytest.raises(InvalidInput):
        authority(3, date(2026, 6, 1), filed_on=date(2026, 6, 2))
    with pytest.raises(InvalidInput):
        authority(3, date(2026, 6, 1), kind="renewal")


# --- central fallback and revocation ----------------------------------------------------


def test_central_fallback_on_5_star_under_26_2026() -> None:
    fb = authority(5, date(2026, 6, 1)).central_fallback
    assert fb is not None
    assert fb.decided_by == "Chủ tịch UBND cấp tỉnh" and fb.level is AuthorityLevel.PROVINCE
    assert fb.stars == (3, 4)
    assert [str(c).split(" (")[0] for c in fb.citations] == [
        "khoản 4 Điều 7 26/2026/QĐ-TTg",
        "điểm e khoản 6 Điều 7 26/2026/QĐ-TTg",
    ]
    assert authority(3, date(2026, 6, 1)).central_fallback is None
    assert authority(5, date(2025, 8, 1)).central_fallback is None


@pytest.mark.parametrize(
    ("star", "by", "cited"),
    [
        (3, "Chủ tịch UBND cấp tỉnh", "điểm a khoản 2 Điều 8 26/2026/QĐ-TTg"),
        (4, "Chủ tịch UBND cấp tỉnh", "điểm a khoản 2 Điều 8 26/2026/QĐ-TTg"),
        (5, f"Bộ trưởng {MAE}", "điểm b khoản 2 Điều 8 26/2026/QĐ-TTg"),
    ],
)
def test_revocation_under_26_2026(star: int, by: str, cited: str) -> None:
    r = revocation_authority(star, date(2026, 6, 1))
    assert r.revoked_by == by and [str(c) for c in r.citations] == [cited]
    assert r.regulation is Regime.QD26_2026 and r.source_strength is SourceStrength.TRANSCRIPT
    json.dumps(r.to_dict())


@pytest.mark.parametrize(
    "on",
    [date(2020, 1, 1), date(2021, 1, 1), date(2024, 1, 1), date(2025, 8, 1), date(2026, 5, 21)],
)
def test_revocation_before_26_2026_is_not_encoded(on: date) -> None:
    with pytest.raises(NotEncoded, match=r"not encoded.*Điều 8 khoản 2 applies from 2026-05-22"):
        revocation_authority(3, on)


def test_revocation_refusals() -> None:
    with pytest.raises(InvalidInput, match="only stars 3–5"):
        revocation_authority(2, date(2026, 6, 1))
    with pytest.raises(RuleNotInForce):
        revocation_authority(3, date(2019, 1, 1))


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("star", [1, 2])
def test_stars_1_and_2_are_never_recognised(star: int) -> None:
    with pytest.raises(InvalidInput, match=r"only stars 3–5 are recognised") as info:
        authority(star, date(2026, 6, 1))
    assert "Điều 4 khoản 1 điểm a" in str(info.value)
    assert info.value.context["allowed"] == [3, 4, 5]


BAD_STARS = [
    True,
    False,
    3.0,
    "3",
    None,
    Decimal(3),
    0,
    6,
    -3,
    10**5000,
    (3,),
    EvaluationKind.FIRST,
]


@pytest.mark.parametrize("star", BAD_STARS, ids=[type(s).__name__ for s in BAD_STARS])
def test_bad_stars(star: object) -> None:
    with pytest.raises(InvalidInput, match="star"):
        authority(star, date(2026, 6, 1))  # type: ignore[arg-type]


def test_before_first_regime() -> None:
    with pytest.raises(RuleNotInForce, match="2019-08-21"):
        authority(3, date(2019, 8, 20))
    assert authority(3, FIRST_DAY).regulation is Regime.QD1048_2019


@pytest.mark.parametrize("on", [datetime(2026, 6, 1, 12), "2026-06-01", 20260601, None])
def test_bad_dates(on: object) -> None:
    with pytest.raises(InvalidInput):
        authority(3, on)  # type: ignore[arg-type]


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-2, max_value=8),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=8),
    st.dates(),
    st.datetimes(),
    st.decimals(allow_nan=True),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(["first", "upgrade", "re_evaluation", EvaluationKind.FIRST]),
)


@given(star=ANYTHING, on=ANYTHING, filed_on=ANYTHING, kind=ANYTHING)
def test_hostile_input_gives_only_ocop_errors(
    star: object, on: object, filed_on: object, kind: object
) -> None:
    calls = (
        lambda: authority(star, on, filed_on=filed_on, kind=kind),  # type: ignore[arg-type]
        lambda: authorities(on, filed_on=filed_on, kind=kind),  # type: ignore[arg-type]
        lambda: revocation_authority(star, on),  # type: ignore[arg-type]
        lambda: ministry_on(on),  # type: ignore[arg-type]
    )
    for call in calls:
        with contextlib.suppress(OcopError):
            call()


@given(star=st.sampled_from([3, 4, 5]), on=st.dates(), filed_on=st.none() | st.dates())
def test_valid_star_and_dates_answer_or_refuse_with_a_reason(
    star: int, on: date, filed_on: date | None
) -> None:
    try:
        a = authority(star, on, filed_on=filed_on, kind="first")
    except (RuleNotInForce, InvalidInput):
        return
    assert a.star == star and a.recognised_by
    json.dumps(a.to_dict())


# --- every day, every star ---------------------------------------------------------------

# Where the law moves a star to a lower level: 148/QĐ-TTg gave 3★ to the district.
ALLOWED_DECREASES = {(3, date(2023, 2, 24))}


def test_every_day_answers_and_levels_only_fall_where_the_law_says() -> None:
    previous: dict[int, Authority] = {}
    decreases: set[tuple[int, date]] = set()
    vacant_days: set[date] = set()
    for on in _days(FIRST_DAY, date(2027, 12, 31)):
        for a in authorities(on):
            assert a.recognised_by and a.evaluated_by and a.citations and a.sources
            assert a.recognition_level is a.evaluation_level
            if a.vacant:
                vacant_days.add(on)
            before = previous.get(a.star)
            if before is not None and a.recognition_level.rank < before.recognition_level.rank:
                decreases.add((a.star, on))
            previous[a.star] = a
        three, four, five = authorities(on)
        assert three.recognition_level.rank <= four.recognition_level.rank
        assert four.recognition_level.rank < five.recognition_level.rank
        assert five.recognition_level is AuthorityLevel.CENTRAL
    assert decreases == ALLOWED_DECREASES
    assert vacant_days == set(_days(date(2025, 7, 1), date(2025, 7, 5)))


def test_source_strength_is_never_stronger_than_its_row() -> None:
    rows = mod._table().rows
    for on in (date(2020, 1, 1), date(2024, 3, 1), date(2025, 4, 1), date(2026, 6, 1)):
        for a in authorities(on):
            assert a.source_strength.rank <= rows[(a.regulation, a.star)].source_strength.rank
    assert authority(5, date(2026, 6, 1)).source_strength is SourceStrength.TRANSCRIPT


def test_to_dict_is_json() -> None:
    a = authority(5, date(2025, 4, 1))
    payload = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
    assert payload["recognised_by"] == f"Bộ trưởng {MAE}"
    assert payload["regulation"] == "148/QĐ-TTg" and payload["recognition_level"] == "central"
    assert payload["ministry"]["key"] == "MAE"
    fb = authority(5, date(2026, 6, 1)).to_dict()["central_fallback"]
    assert fb["stars"] == [3, 4]


# --- against the decision text -----------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def decision() -> str:
    return _normalised(DECISION.read_text(encoding="utf-8"))


def test_26_2026_phrases_are_in_the_decision(decision: str) -> None:
    for a in authorities(date(2026, 6, 1)):
        phrases = [a.recognised_by, a.evaluated_by, a.proposed_by, a.quote_vi]
        for phrase in phrases:
            assert phrase is not None
            assert _normalised(phrase) in decision, phrase
    fb = authority(5, date(2026, 6, 1)).central_fallback
    assert fb is not None
    assert _normalised(fb.text_vi) in decision and fb.decided_by in decision
    for star in (3, 4, 5):
        r = revocation_authority(star, date(2026, 6, 1))
        assert r.quote_vi is not None and _normalised(r.quote_vi) in decision
        assert r.revoked_by in decision


def test_1_and_2_star_rule_is_in_the_decision(decision: str) -> None:
    assert (
        "Đối với sản phẩm đạt 1 sao hoặc 2 sao, không ban hành quyết định công nhận "
        "và không cấp giấy chứng nhận." in decision
    )


# --- the data file is checked on load ------------------------------------------------------


def test_packaged_table_loads() -> None:
    table = mod._parse_table(_raw())
    assert len(table.rows) == len(Regime) * 3
    assert [m.key for m in table.ministries] == ["MARD", "MAE"]
    assert table.ministries[1].valid_from == date(2025, 3, 1)


def _row(data: dict[str, Any], regime: str, star: int) -> dict[str, Any]:
    row: dict[str, Any] = next(
        r for r in data["rows"] if r["regime"] == regime and r["star"] == star
    )
    return row


def _drop_row(d: dict[str, Any]) -> None:
    d["rows"] = [r for r in d["rows"] if (r["regime"], r["star"]) != ("QD148_2023", 4)]


def _bad_level(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 3)["recognition_level"] = "TOWN"


def _name_level_mismatch(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 3)["recognition_level"] = "PROVINCE"


def _placeholder_in_province_row(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 4)["recognised_by"] = "UBND cấp tỉnh {ministry}"


def _unknown_placeholder(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 5)["recognised_by"] = "Bộ trưởng {minister}"


def _no_citations(d: dict[str, Any]) -> None:
    _row(d, "QD26_2026", 3)["citations"] = []


def _foreign_citation(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 3)["citations"] = [{"instrument": "26/2026/QĐ-TTg", "dieu": 4}]


def _quote_not_naming(d: dict[str, Any]) -> None:
    _row(d, "QD26_2026", 3)["quote_vi"] = "UBND cấp tỉnh quyết định."


def _literal_ministry_out_of_office(d: dict[str, Any]) -> None:
    _row(d, "QD148_2023", 5)["recognised_by"] = f"Bộ trưởng {MAE}"


def _ministry_gap(d: dict[str, Any]) -> None:
    d["ministries"][1]["valid_from"] = "2025-03-02"


def _higher_star_lower_level(d: dict[str, Any]) -> None:
    row = _row(d, "QD148_2023", 4)
    row.update(
        evaluated_by="Hội đồng cấp huyện",
        evaluation_level="DISTRICT",
        recognised_by="UBND cấp huyện",
        recognition_level="DISTRICT",
        proposed_by=None,
        proposal_level=None,
    )
    three = _row(d, "QD148_2023", 3)
    three.update(
        evaluated_by="Hội đồng cấp tỉnh",
        evaluation_level="PROVINCE",
        recognised_by="UBND cấp tỉnh",
        recognition_level="PROVINCE",
    )


def _revocation_gap(d: dict[str, Any]) -> None:
    d["revocation"]["not_read"] = d["revocation"]["not_read"][1:]


def _extra_field(d: dict[str, Any]) -> None:
    _row(d, "QD26_2026", 5)["recognized_by"] = "typo"


def _not_nfc(d: dict[str, Any]) -> None:
    _row(d, "QD26_2026", 3)["recognised_by"] = "Chu\u0309 tịch UBND cấp tỉnh"


def _fallback_text(d: dict[str, Any]) -> None:
    d["central_fallback"]["text_vi"] = "Trường hợp sản phẩm không đạt 90 điểm."


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_drop_row, "no row for QD148_2023 4★"),
        (_bad_level, "recognition_level 'TOWN'"),
        (_name_level_mismatch, "does not name a province-level body"),
        (_placeholder_in_province_row, "only a central row may name {ministry}"),
        (_unknown_placeholder, "unknown placeholder"),
        (_no_citations, "citations must not be empty"),
        (_foreign_citation, "not part of the regime"),
        (_quote_not_naming, "quote_vi does not name"),
        (_literal_ministry_out_of_office, "not in office throughout"),
        (_ministry_gap, "no gap, no overlap"),
        (_higher_star_lower_level, "higher star"),
        (_revocation_gap, "needs rows for 3★, 4★ and 5★ or a not_read reason"),
        (_extra_field, "unknown fields"),
        (_not_nfc, "NFC"),
        (_fallback_text, "text_vi does not name"),
    ],
)
def test_flawed_data_is_refused(mutate: Any, message: str) -> None:
    data = copy.deepcopy(_raw())
    mutate(data)
    with pytest.raises(InconsistentData, match=message):
        mod._parse_table(data)
