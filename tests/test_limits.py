"""The limits of ocop.limits: each refused before the expensive work, naming itself."""

from __future__ import annotations

import pytest

from ocop import limits
from ocop.criteria import Scorecard
from ocop.errors import InvalidInput
from ocop.inputs import loads_strict
from ocop.plans import Plan
from ocop.text import show


def _refused(text: str | bytes, limit: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Scorecard.model_validate_json(text)
    assert caught.value.context["limit"] == limit
    assert limit in str(caught.value)


def test_a_5000_digit_integer_is_refused_naming_the_limit() -> None:
    _refused('{"regulation": ' + "1" * 5000 + "}", "MAX_NUMBER_DIGITS")
    _refused('{"x": 0.' + "1" * 5000 + "}", "MAX_NUMBER_DIGITS")


def test_a_huge_exponent_is_refused() -> None:
    _refused('{"x": 1e999999999}', "MAX_DECIMAL_EXPONENT")


def test_numbers_within_the_limit_are_read() -> None:
    n = "9" * limits.MAX_NUMBER_DIGITS
    assert loads_strict(f"[{n}, 1.5e10]", what="t") == [int(n), 1.5e10]


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_json_is_refused_before_parsing(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    _refused(opener * 100_000 + closer * 100_000, "MAX_JSON_DEPTH")


def test_depth_at_the_limit_is_read_and_brackets_in_strings_do_not_count() -> None:
    depth = limits.MAX_JSON_DEPTH
    assert loads_strict("[" * depth + "]" * depth, what="t") is not None
    assert loads_strict('["' + "[" * 1000 + '"]', what="t") == ["[" * 1000]
    assert loads_strict(b'["\\"[[[[", 1]', what="t") == ['"[[[[', 1]


def test_nan_and_infinity_are_not_json() -> None:
    for text in ("[NaN]", "[Infinity]", "[-Infinity]"):
        with pytest.raises(InvalidInput):
            loads_strict(text, what="t")


def test_text_longer_than_the_input_limit_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Plan.as_written(" " * (limits.MAX_INPUT_BYTES + 1))
    assert caught.value.context["limit"] == "MAX_INPUT_BYTES"


def test_an_error_message_names_the_first_problems_and_counts_the_rest() -> None:
    with pytest.raises(InvalidInput) as caught:
        Scorecard.model_validate({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7})
    err = caught.value
    assert len(err.context["errors"]) == limits.MAX_ERRORS_SHOWN
    assert err.context["error_count"] > limits.MAX_ERRORS_SHOWN
    assert "more (limit MAX_ERRORS_SHOWN)" in str(err)


class _Hostile:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    __str__ = __repr__


def _deep(n: int) -> list[object]:
    top: list[object] = []
    node = top
    for _ in range(n):
        child: list[object] = []
        node.append(child)
        node = child
    return top


@pytest.mark.parametrize(
    "value",
    [_Hostile(), _deep(100_000), 10**5000, "x" * 10**7, [10**5000]],
    ids=["raising-repr", "deep", "huge-int", "long-str", "list-of-huge-int"],
)
def test_show_and_to_dict_never_raise(value: object) -> None:
    assert len(show(value)) < 200
    err = InvalidInput("bad", value=value, nested={"v": value, _Hostile(): 1})
    data = err.to_dict()
    assert data["code"] == "invalid_input" and data["message"] == "bad"
    assert str(err) == "bad"
