"""Regime.parse: the one reader of a regulation written as text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates import Certificate
from ocop.criteria import Scorecard, scoresheet
from ocop.errors import InvalidInput, OcopError
from ocop.law import Regime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/2026/QĐ-TTg", Regime.QD26_2026),
        ("26/2026/QD-TTg", Regime.QD26_2026),
        ("26/2026/qđ-ttg", Regime.QD26_2026),
        ("26/2026", Regime.QD26_2026),
        ("QĐ 26/2026/QĐ-TTg", Regime.QD26_2026),
        ("Quyết định số 26/2026/QĐ-TTg", Regime.QD26_2026),
        ("QD26_2026", Regime.QD26_2026),
        ("148", Regime.QD148_2023),
        ("148/QĐ-TTg", Regime.QD148_2023),
        ("148/QĐ-TTg+1489/QĐ-TTg", Regime.QD148_1489_2025),
        ("148 + 1489", Regime.QD148_1489_2025),
        ("1048", Regime.QD1048_2019),
        ("1048+781", Regime.QD1048_781_2020),
        ("1048/QD-TTg+781/QD-TTg", Regime.QD1048_781_2020),
        ("QD1048_781_2020", Regime.QD1048_781_2020),
        (Regime.QD148_2023, Regime.QD148_2023),
    ],
)
def test_parse_reads_the_spellings_users_write(text: str, expected: Regime) -> None:
    assert Regime.parse(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "27/2026",
        "26/2025/QĐ-TTg",
        "781",
        "1489",
        "781+1048",
        "1048+781+148",
        "qd",
        "14",
        26,
        None,
    ],
)
def test_parse_refuses_unknown_text_listing_the_known(text: object) -> None:
    with pytest.raises(InvalidInput, match="unknown regulation") as err:
        Regime.parse(text)
    assert err.value.context["known"] == [r.value for r in Regime]
    assert "26/2026/QĐ-TTg (QD26_2026)" in str(err.value)


def test_every_value_and_name_round_trips() -> None:
    for regime in Regime:
        assert Regime.parse(regime.value) is regime
        assert Regime.parse(regime.name) is regime
        assert Regime.parse(f"  {regime.value.replace('Đ', 'D')}  ") is regime


@given(st.text(max_size=30))
def test_parse_answers_a_regime_or_an_ocop_error(text: str) -> None:
    try:
        found = Regime.parse(text)
    except OcopError as err:
        assert err.code == "invalid_input" and "known:" in str(err)
    else:
        assert Regime.parse(found.value) is found


def test_input_models_and_lookups_use_parse() -> None:
    card = Scorecard(regulation="26/2026/QD-TTg", product_set="I.3.c", choices={})
    assert card.regulation is Regime.QD26_2026
    cert = Certificate(star=3, issued_on=date(2024, 3, 15), regulation="148")
    assert cert.regulation is Regime.QD148_2023
    assert scoresheet(7, regulation="26/2026").regulation is Regime.QD26_2026
    with pytest.raises(InvalidInput, match="unknown regulation '27/2026'"):
        Scorecard(regulation="27/2026", product_set="I.3.c", choices={})
