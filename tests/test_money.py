"""Tests for ocop.money: exact đồng, units, strict vi/en figures."""

from __future__ import annotations

import contextlib
import inspect
import io
import math
import re
import tokenize
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import money
from ocop.errors import AmbiguousInput, InvalidInput, NotFound, OcopError
from ocop.money import (
    INT64_MAX,
    INT64_MIN,
    Locale,
    Rounding,
    Unit,
    format_amount,
    format_decimal,
    from_dong,
    parse_amount,
    parse_decimal,
    to_dong,
)

# --- the Kon Tum plan (Kế hoạch 908/KH-UBND, 31/3/2023) and the examples -------


def test_kon_tum_prose_total_in_trieu() -> None:
    # Mục V.1: "Tổng nhu cầu kinh phí thực hiện Chương trình là 134.750 triệu đồng"
    assert parse_amount("134.750", Unit.TRIEU) == 134_750_000_000
    assert parse_amount("134.750 triệu đồng", None) == 134_750_000_000


def test_kon_tum_appendix_figures_are_en_style() -> None:
    # The appendix table writes "134,750" and "24250" in the "Triệu đồng" column.
    assert parse_amount("134,750", Unit.TRIEU, locale="en") == 134_750_000_000
    assert parse_amount("24250", Unit.TRIEU, locale="en") == 24_250_000_000
    assert parse_amount("24250", Unit.TRIEU, locale=None) == 24_250_000_000


def test_billions_with_decimal_comma_and_thousands_dot() -> None:
    assert parse_amount("400,7", Unit.TY) == 400_700_000_000
    assert parse_amount("1.179 tỷ", None) == 1_179_000_000_000
    assert parse_amount("4,44 tỷ đồng", None) == 4_440_000_000
    assert parse_amount("377,880", "tỷ") == 377_880_000_000


def test_format_back() -> None:
    assert format_amount(134_750_000_000) == "134.750 triệu đồng"
    assert format_amount(134_750_000_000, locale="en") == "134,750 million VND"
    assert format_amount(400_700_000_000, Unit.TY) == "400,7 tỷ đồng"
    assert format_amount(400_700_000_000, Unit.TY, locale="en") == "400.7 billion VND"
    assert format_amount(1_500_000, Unit.TY) == "0,0015 tỷ đồng"  # exact, never rounded
    assert format_amount(-1_000, Unit.DONG) == "-1.000 đồng"
    assert format_amount(0, Unit.NGHIN, with_unit=False) == "0"
    assert format_amount(1_234, Unit.NGHIN, locale="en") == "1.234 thousand VND"
    assert format_amount(INT64_MAX, Unit.DONG) == "9.223.372.036.854.775.807 đồng"
    assert format_amount(INT64_MIN, Unit.TY, with_unit=False) == "-9.223.372.036,854775808"


# --- the grammar -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("0", "vi", "0"),
        ("7", "vi", "7"),
        ("24250", "vi", "24250"),
        ("1.000", "vi", "1000"),
        ("1.234.567,089", "vi", "1234567.089"),
        ("0,5", "vi", "0.5"),
        ("-1.000", "vi", "-1000"),
        ("\u22121.000", "vi", "-1000"),  # the typographic minus sign
        ("1,234,567.089", "en", "1234567.089"),
        ("1 234 567,5", "vi", "1234567.5"),  # space between thousands
        ("1\u00a0234,5", "vi", "1234.5"),  # no-break space
        ("1\u202f234.5", "en", "1234.5"),  # narrow no-break space
        ("  134.750\n", "vi", "134750"),  # outer whitespace is stripped
        ("-0", "vi", "0"),
        ("400,70", "vi", "400.70"),  # digits kept as written
    ],
)
def test_parse_decimal_accepts(text: str, locale: str, expected: str) -> None:
    value = parse_decimal(text, locale=locale)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "locale", "why"),
    [
        ("1.34.750", "vi", "followed by 2 digits"),
        ("134.75", "vi", "for a decimal write 134,75"),
        ("1234.567", "vi", "has 4 digits"),
        (".750", "vi", "before the first digit"),
        ("1.", "vi", "followed by 0 digits"),
        ("1,234.5", "vi", "after the decimal mark"),
        ("1,2,3", "vi", "more than one decimal mark"),
        ("5,", "vi", "no digits after"),
        (",5", "vi", "no digits before"),
        ("0123", "vi", "leading zero"),
        ("0.123", "vi", "leading zero"),
        ("1 234.567", "vi", "different marks"),
        ("400,7", "en", "followed by 1 digits"),
        ("1.234,5", "en", "after the decimal mark"),
        ("1  234", "vi", "followed by 0 digits"),
        ("1\t234", "vi", "U+0009"),
        ("--5", "vi", "only stand first"),
        ("5-", "vi", "only stand first"),
        ("-", "vi", "empty table cell"),
        ("+5", "vi", "'+'"),
        ("1e5", "en", "'e'"),
        ("１２", "vi", "U+FF11"),  # full-width digits are not ASCII digits
        ("٣", "vi", "U+0663"),  # neither are Arabic-Indic ones
        ("12%", "vi", "'%'"),
        ("nan", "en", "'n'"),
        ("134.750 triệu", "vi", "'t'"),  # parse_decimal takes no unit
    ],
)
def test_parse_decimal_refuses_with_reason(text: str, locale: str, why: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_decimal(text, locale=locale)
    assert why in str(info.value)
    assert repr(text) in str(info.value)
    assert info.value.context["value"] == text
    assert info.value.context["locale"] == locale


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_empty_text_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="empty figure"):
        parse_decimal(text, locale="vi")


@pytest.mark.parametrize("bad", [b"134", 134.75, 134, None, Decimal("1"), ["1"]])
def test_only_str_is_parsed(bad: object) -> None:
    with pytest.raises(InvalidInput, match="must be str"):
        parse_decimal(bad, locale="vi")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="must be str"):
        parse_amount(bad, Unit.DONG)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["vi-VN", "VI", "fr", 1, True])
def test_unknown_locale_refused(bad: object) -> None:
    with pytest.raises(InvalidInput, match="locale must be"):
        parse_decimal("1", locale=bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="locale must be"):
        format_amount(1, locale=bad)  # type: ignore[arg-type]


def test_format_needs_a_locale() -> None:
    with pytest.raises(InvalidInput, match="locale must be 'vi', 'en', got None"):
        format_amount(1, locale=None)  # type: ignore[arg-type]


# --- locale=None: detect, refuse two readings ------------------------------------------


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("134,750", "134.750", "134750"),
        ("1.500", "1500", "1.500"),
        ("-2,500", "-2.500", "-2500"),
    ],
)
def test_two_readings_are_refused_naming_both(text: str, vi: str, en: str) -> None:
    with pytest.raises(AmbiguousInput) as info:
        parse_decimal(text, locale=None)
    assert info.value.context["readings"] == [Decimal(vi), Decimal(en)]
    assert info.value.context["readings_by_locale"] == {"vi": Decimal(vi), "en": Decimal(en)}
    assert "locale='vi' or locale='en'" in str(info.value)


def test_ambiguous_amount_names_both_in_dong() -> None:
    with pytest.raises(AmbiguousInput) as info:
        parse_amount("134,750", Unit.TRIEU, locale=None)
    err = info.value
    assert err.context["readings_dong"] == [Decimal(134_750_000), Decimal(134_750_000_000)]
    assert "134.750.000 đồng" in str(err) and "134.750.000.000 đồng" in str(err)
    assert err.to_dict()["context"]["readings"] == ["134.750", "134750"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24250", "24250"),  # no separator: one reading
        ("1 000", "1000"),  # spaces group in both notations
        ("1.5", "1.5"),  # vi cannot read it (a dot needs 3 digits after it)
        ("1,5", "1.5"),  # en cannot read it
        ("1.234.567", "1234567"),  # en cannot read two dots
        ("1,234,567", "1234567"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("134.7500", "134.7500"),  # 4 digits after the dot: en only
    ],
)
def test_one_reading_under_detection(text: str, expected: str) -> None:
    assert parse_decimal(text, locale=None) == Decimal(expected)


def test_no_reading_under_detection_explains_both() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_decimal("1.2,3.4", locale=None)
    assert set(info.value.context["reason"]) == {"vi", "en"}
    assert "as vi," in str(info.value) and "as en," in str(info.value)


def test_ambiguity_is_textual_even_when_one_reading_is_a_fraction_of_a_dong() -> None:
    # vi reads 1,234 đồng (not an amount); refusing is safer than picking en silently.
    with pytest.raises(AmbiguousInput):
        parse_amount("1,234", Unit.DONG, locale=None)


# --- amounts ---------------------------------------------------------------------------


def test_fraction_of_a_dong_refused() -> None:
    with pytest.raises(InvalidInput, match="not a whole number of đồng") as info:
        parse_amount("0,0000001", Unit.TRIEU)
    assert info.value.context == {"unit": "trieu", "value": "0,0000001", "locale": "vi"}
    assert parse_amount("0,000001", Unit.TRIEU) == 1


@pytest.mark.parametrize(
    ("mode", "half", "minus_half", "one_and_half"),
    [
        (Rounding.HALF_UP, 1, -1, 2),
        (Rounding.HALF_EVEN, 0, 0, 2),
        (Rounding.HALF_DOWN, 0, 0, 1),
        (Rounding.DOWN, 0, 0, 1),
        (Rounding.UP, 1, -1, 2),
        (Rounding.FLOOR, 0, -1, 1),
        (Rounding.CEILING, 1, 0, 2),
    ],
)
def test_rounding_only_when_named(
    mode: Rounding, half: int, minus_half: int, one_and_half: int
) -> None:
    assert parse_amount("0,5", Unit.DONG, rounding=mode) == half
    assert parse_amount("-0,5", Unit.DONG, rounding=mode, allow_negative=True) == minus_half
    assert to_dong(Decimal("1.5"), Unit.DONG, rounding=mode.value) == one_and_half
    assert to_dong(Decimal("0.0000015"), Unit.TRIEU, rounding=mode) == one_and_half


def test_unknown_rounding_refused() -> None:
    with pytest.raises(InvalidInput, match="rounding must be"):
        parse_amount("1", Unit.DONG, rounding="nearest")


def test_negative_refused_by_default() -> None:
    with pytest.raises(InvalidInput, match="allow_negative=True"):
        parse_amount("-1.000", Unit.DONG)
    assert parse_amount("-1.000", Unit.DONG, allow_negative=True) == -1_000
    with pytest.raises(InvalidInput, match="empty table cell"):
        parse_amount("-", Unit.DONG)
    with pytest.raises(InvalidInput, match="allow_negative must be"):
        parse_amount("1", Unit.DONG, allow_negative=1)  # type: ignore[arg-type]


def test_positions_count_from_the_first_character_of_the_figure() -> None:
    with pytest.raises(InvalidInput, match=re.escape("'.' at position 5 is followed by 2 digits")):
        parse_amount("  -134.75", Unit.DONG, allow_negative=True)


def test_malformed_beats_negative() -> None:
    with pytest.raises(InvalidInput, match=re.escape("'x' (U+0078) at position 2")):
        parse_amount("-x", Unit.DONG)
    with pytest.raises(InvalidInput, match="allow_negative=True"):
        parse_amount("-0", Unit.DONG)  # a minus sign is refused even on zero


def test_a_sign_inside_the_figure_is_refused() -> None:
    with pytest.raises(InvalidInput, match="minus sign may only stand first"):
        parse_amount("5-3", Unit.DONG)


def test_unit_in_text_must_agree() -> None:
    with pytest.raises(InvalidInput, match="is in tỷ đồng but unit='triệu đồng'"):
        parse_amount("5 tỷ", Unit.TRIEU)
    assert parse_amount("5 tỷ", Unit.TY) == 5_000_000_000
    assert parse_amount("50.000đ", None) == 50_000
    with pytest.raises(InvalidInput, match="names no unit"):
        parse_amount("5", None)


@pytest.mark.parametrize("text", ["1.000.", "5 tháng", "5 n", "5 nghìn tỷ", "1.000 triệu."])
def test_text_after_figure_must_be_a_unit(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a money unit"):
        parse_amount(text, Unit.DONG)


def test_int64_range() -> None:
    assert parse_amount("9.223.372.036.854.775.807", Unit.DONG) == INT64_MAX
    assert parse_amount("-9.223.372.036.854.775.808", Unit.DONG, allow_negative=True) == INT64_MIN
    for text, unit in [("9.223.372.036.854.775.808", Unit.DONG), ("9.223.372.037", Unit.TY)]:
        with pytest.raises(InvalidInput, match="outside the int64 range") as info:
            parse_amount(text, unit)
        assert info.value.context["limit"] == [INT64_MIN, INT64_MAX]
    with pytest.raises(InvalidInput, match="outside the int64 range"):
        parse_amount("1" + "0" * 5000, Unit.DONG)
    with pytest.raises(InvalidInput, match="outside the int64 range"):
        format_amount(INT64_MAX + 1)
    with pytest.raises(InvalidInput, match="outside the int64 range"):
        from_dong(INT64_MIN - 1, Unit.DONG)


# --- units -----------------------------------------------------------------------------


def test_unit_factors_and_labels() -> None:
    assert [u.factor for u in Unit] == [1, 1_000, 1_000_000, 1_000_000_000]
    assert [u.label_vi for u in Unit] == ["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"]
    assert [u.label_en for u in Unit] == ["VND", "thousand VND", "million VND", "billion VND"]
    assert all(u.factor == 10**u.exponent for u in Unit)


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("đồng", Unit.DONG),
        ("VND", Unit.DONG),
        ("vnđ", Unit.DONG),
        ("Đ", Unit.DONG),
        ("nghìn đồng", Unit.NGHIN),
        ("ngàn", Unit.NGHIN),
        ("TRIỆU ĐỒNG", Unit.TRIEU),
        ("trieu", Unit.TRIEU),
        ("trđ", Unit.TRIEU),
        ("million VND", Unit.TRIEU),
        ("tỷ", Unit.TY),
        ("tỉ đồng", Unit.TY),
        ("ty  dong", Unit.TY),
        ("billion dong", Unit.TY),
        (Unit.TY, Unit.TY),
    ],
)
def test_unit_parse(name: str, unit: Unit) -> None:
    assert Unit.parse(name) is unit


def test_every_unit_alias_reads_back_to_its_unit() -> None:
    # Catches two aliases of different units folding to the same key.
    for name, unit in money._UNIT_NAMES.items():
        assert Unit.parse(name) is unit, name


@pytest.mark.parametrize("name", [".", "n", "tr", "million", "nghìn tỷ", "USD"])
def test_unit_parse_never_matches_a_fragment(name: str) -> None:
    with pytest.raises(NotFound, match="allowed: đồng"):
        Unit.parse(name)


@pytest.mark.parametrize("bad", ["", "  ", None, 3, b"ty"])
def test_unit_parse_refuses_non_names(bad: object) -> None:
    with pytest.raises(InvalidInput):
        Unit.parse(bad)  # type: ignore[arg-type]


# --- conversion ------------------------------------------------------------------------


def test_to_dong_exact() -> None:
    assert to_dong(Decimal("400.7"), Unit.TY) == 400_700_000_000
    assert to_dong(134_750, "triệu đồng") == 134_750_000_000
    assert to_dong(-5, Unit.NGHIN) == -5_000
    assert to_dong(Decimal("1.000000000"), Unit.DONG) == 1
    assert to_dong(Decimal("1E+3"), Unit.DONG) == 1_000


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        (1.5, "floats are not exact"),
        (1.0, "floats are not exact"),
        (math.nan, "floats are not exact"),
        (True, "got bool"),
        ("5", "parse_amount"),
        (None, "got NoneType"),
        (Decimal("NaN"), "finite"),
        (Decimal("sNaN"), "finite"),
        (Decimal("-Infinity"), "finite"),
        (Decimal("0.0000001"), "not a whole number"),
        (Decimal("1E-999999999"), "not a whole number"),
        (Decimal("1E+999999999"), "int64"),
    ],
)
def test_to_dong_refuses(bad: object, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        to_dong(bad, Unit.TRIEU)  # type: ignore[arg-type]


def test_numpy_integers_are_amounts() -> None:
    np = pytest.importorskip("numpy")
    assert format_amount(np.int64(134_750_000_000)) == "134.750 triệu đồng"
    assert to_dong(np.int64(3), Unit.TY) == 3_000_000_000
    with pytest.raises(InvalidInput):
        format_amount(np.float64(1.0))


def test_from_dong_exact() -> None:
    assert from_dong(134_750_000_000, Unit.TRIEU) == Decimal(134_750)
    assert str(from_dong(1_500_000, Unit.TY)) == "0.0015"
    assert from_dong(-1, Unit.TY) == Decimal("-0.000000001")
    with pytest.raises(InvalidInput, match="use to_dong"):
        from_dong(Decimal(5), Unit.DONG)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="got bool"):
        format_amount(False)


def test_format_decimal() -> None:
    assert format_decimal(Decimal("-1234567.25")) == "-1.234.567,25"
    assert format_decimal(Decimal("1E+3"), locale="en") == "1,000"
    assert format_decimal(Decimal("0.000")) == "0"
    with pytest.raises(InvalidInput, match="more than 1000 digits"):
        format_decimal(Decimal("1E+5000"))
    with pytest.raises(InvalidInput, match="finite"):
        format_decimal(Decimal("Infinity"))


def test_module_holds_no_float() -> None:
    # "Money is exact": no float() call and no float literal anywhere in the module.
    source = inspect.getsource(money)
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    numbers = [t.string for t in tokens if t.type == tokenize.NUMBER]
    assert numbers and all(n.replace("_", "").isdigit() for n in numbers), numbers
    assert "float(" not in source


# --- properties ------------------------------------------------------------------------

amounts = st.integers(INT64_MIN, INT64_MAX)
units = st.sampled_from(list(Unit))
locales = st.sampled_from(Locale.written())  # DETECT reads columns, not one figure


@given(amounts, units, locales, st.booleans())
def test_format_then_parse_is_identity(
    amount: int, unit: Unit, loc: Locale, with_unit: bool
) -> None:
    text = format_amount(amount, unit, locale=loc, with_unit=with_unit)
    back = parse_amount(text, None if with_unit else unit, locale=loc, allow_negative=True)
    assert back == amount


@given(amounts, units)
def test_from_then_to_dong_is_identity(amount: int, unit: Unit) -> None:
    assert to_dong(from_dong(amount, unit), unit) == amount


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6), locales)
def test_format_then_parse_decimal_is_identity(value: Decimal, loc: Locale) -> None:
    assert parse_decimal(format_decimal(value, locale=loc), locale=loc) == value


@given(st.integers(0, 10**30), st.integers(0, 3))
def test_detection_agrees_with_the_locale_that_can_read(n: int, frac_digits: int) -> None:
    value = Decimal(n).scaleb(-frac_digits)
    for loc in Locale.written():
        text = format_decimal(value, locale=loc)
        readings = {}
        for other in Locale.written():
            with contextlib.suppress(InvalidInput):
                readings[other] = parse_decimal(text, locale=other)
        assert readings[loc] == value
        if len(set(readings.values())) > 1:
            with pytest.raises(AmbiguousInput):
                parse_decimal(text, locale=None)
        else:
            assert parse_decimal(text, locale=None) == value


FIGURE_LIKE = st.text(alphabet="0123456789.,- \u00a0\u2212trieudông tỷđVNDk%+e\t", max_size=24)
ANY_TEXT = st.one_of(st.text(), FIGURE_LIKE)
ANY_LOCALE = st.sampled_from(["vi", "en", None])


@given(ANY_TEXT, ANY_LOCALE)
def test_parse_decimal_returns_or_raises_ocop_error(text: str, locale: str | None) -> None:
    try:
        value = parse_decimal(text, locale=locale)
    except OcopError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


@given(ANY_TEXT, st.one_of(st.none(), units), ANY_LOCALE, st.booleans())
def test_parse_amount_returns_or_raises_ocop_error(
    text: str, unit: Unit | None, locale: str | None, allow_negative: bool
) -> None:
    try:
        amount = parse_amount(text, unit, locale=locale, allow_negative=allow_negative)
    except OcopError:
        return
    assert type(amount) is int and INT64_MIN <= amount <= INT64_MAX
    assert allow_negative or amount >= 0


@given(st.one_of(st.decimals(), st.integers(), st.floats(), st.text(), st.none()), units)
def test_to_dong_returns_or_raises_ocop_error(value: object, unit: Unit) -> None:
    try:
        amount = to_dong(value, unit)  # type: ignore[arg-type]
    except OcopError:
        return
    assert type(amount) is int and INT64_MIN <= amount <= INT64_MAX


def test_detect_is_a_member_refused_where_one_figure_is_read_or_written() -> None:
    assert Locale("detect") is Locale.DETECT and Locale.written() == (Locale.VI, Locale.EN)
    for call in (
        lambda: format_amount(1, Unit.DONG, locale="detect"),
        lambda: format_decimal(Decimal(1), locale=Locale.DETECT),
        lambda: parse_decimal("1", locale=Locale.DETECT),
        lambda: parse_amount("1", Unit.DONG, locale="detect"),
        lambda: Locale.DETECT.group,
    ):
        with pytest.raises(InvalidInput, match="column of figures"):
            call()
