"""ocop.law: the instrument registry, the regime on a date and the transitional rules."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import law
from ocop.errors import (
    AmbiguousInput,
    InconsistentData,
    InvalidInput,
    NotFound,
    OcopError,
    RuleNotInForce,
)
from ocop.law import (
    Citation,
    EvaluationKind,
    Period,
    Regime,
    RegimeInForce,
    SourceStrength,
    instrument,
    instruments,
    instruments_in_force,
    regime_on,
    regime_span,
    regimes,
    transitional_rules,
)
from ocop.serialize import schema

REQUIRED = (
    "490/QĐ-TTg",
    "1048/QĐ-TTg",
    "781/QĐ-TTg",
    "919/QĐ-TTg",
    "148/QĐ-TTg",
    "1489/QĐ-TTg",
    "26/2026/QĐ-TTg",
    "202/2025/QH15",
)


def _raw() -> dict[str, Any]:
    text = resources.files("ocop.data").joinpath("law.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# --- the "done when" dates ------------------------------------------------------------


def test_no_regime_before_1048() -> None:
    with pytest.raises(RuleNotInForce) as info:
        regime_on(date(2019, 1, 1))
    assert "2019-08-21" in str(info.value)
    assert info.value.context["first_rule_from"] == "2019-08-21"


@pytest.mark.parametrize(
    ("on", "regime", "numbers", "cited"),
    [
        (date(2020, 1, 1), Regime.QD1048_2019, ("1048/QĐ-TTg",), ["Điều 1 1048/QĐ-TTg"]),
        (date(2024, 1, 1), Regime.QD148_2023, ("148/QĐ-TTg",), ["Điều 1 148/QĐ-TTg"]),
        (
            date(2025, 8, 1),
            Regime.QD148_1489_2025,
            ("148/QĐ-TTg", "1489/QĐ-TTg"),
            ["Điều 1 148/QĐ-TTg", "Điều 1 1489/QĐ-TTg"],
        ),
        (
            date(2026, 6, 1),
            Regime.QD26_2026,
            ("26/2026/QĐ-TTg",),
            ["Điều 1 26/2026/QĐ-TTg", "khoản 1 Điều 11 26/2026/QĐ-TTg"],
        ),
    ],
)
def test_regime_on_the_reference_dates(
    on: date, regime: Regime, numbers: tuple[str, ...], cited: list[str]
) -> None:
    result = regime_on(on)
    assert result.regulation is regime
    assert tuple(i.number for i in result.instruments) == numbers
    texts = [str(c) for c in result.citations]
    for prefix in cited:
        assert any(t.startswith(prefix) for t in texts), (prefix, texts)
    assert result.governed_by == ()


def test_2026_06_01_lists_the_transitional_rules_and_rests_on_a_transcript() -> None:
    result = regime_on(date(2026, 6, 1))
    ids = {r.id for r in result.transitional_rules}
    assert ids == {
        "qd26-d11-k2-sunset",
        "qd26-d12-k1-recognition-kept",
        "qd26-d12-k2-a-first-or-upgrade",
        "qd26-d12-k2-b-re-evaluation",
        "qd26-d12-k3-late-re-evaluation",
    }
    assert result.source_strength is SourceStrength.TRANSCRIPT
    # The overlap with 148/1489 is said, not hidden.
    assert any("filed_on=" in note for note in result.notes)


@pytest.mark.parametrize(
    ("last_day", "before", "after"),
    [
        (date(2020, 6, 7), Regime.QD1048_2019, Regime.QD1048_781_2020),
        (date(2023, 2, 23), Regime.QD1048_781_2020, Regime.QD148_2023),
        (date(2025, 7, 5), Regime.QD148_2023, Regime.QD148_1489_2025),
        (date(2026, 5, 21), Regime.QD148_1489_2025, Regime.QD26_2026),
    ],
)
def test_regime_boundaries(last_day: date, before: Regime, after: Regime) -> None:
    assert regime_on(last_day).regulation is before
    assert regime_on(last_day + timedelta(days=1)).regulation is after


def test_first_day_of_1048() -> None:
    assert regime_on(date(2019, 8, 21)).regulation is Regime.QD1048_2019
    with pytest.raises(RuleNotInForce):
        regime_on(date(2019, 8, 20))


# --- transitional rules of 26/2026 Điều 12 khoản 2 ----------------------------------------

OLD = date(2026, 5, 1)  # a dossier filed before 22/5/2026


def test_old_dossier_stays_under_148_1489() -> None:
    result = regime_on(date(2026, 6, 1), filed_on=OLD, kind=EvaluationKind.FIRST)
    assert result.regulation is Regime.QD148_1489_2025
    assert [r.id for r in result.governed_by] == ["qd26-d12-k2-a-first-or-upgrade"]
    assert Citation("26/2026/QĐ-TTg", dieu=12, khoan=2, diem="a") in result.citations
    assert tuple(i.number for i in result.instruments) == ("148/QĐ-TTg", "1489/QĐ-TTg")


def test_old_dossier_without_kind_cites_both_points_while_both_run() -> None:
    result = regime_on(date(2026, 6, 22), filed_on=OLD)
    assert result.regulation is Regime.QD148_1489_2025
    assert {r.citation.diem for r in result.governed_by} == {"a", "b"}


def test_re_evaluation_deadline_is_monday_22_june() -> None:
    kind = EvaluationKind.RE_EVALUATION
    assert (
        regime_on(date(2026, 6, 22), filed_on=OLD, kind=kind).regulation is Regime.QD148_1489_2025
    )
    with pytest.raises(RuleNotInForce) as info:
        regime_on(date(2026, 6, 23), filed_on=OLD, kind=kind)
    assert "2026-06-22" in str(info.value)


def test_first_evaluation_deadline_is_21_july() -> None:
    for kind in (EvaluationKind.FIRST, EvaluationKind.UPGRADE, "upgrade"):
        result = regime_on(date(2026, 7, 21), filed_on=OLD, kind=kind)
        assert result.regulation is Regime.QD148_1489_2025
        with pytest.raises(RuleNotInForce):
            regime_on(date(2026, 7, 22), filed_on=OLD, kind=kind)


def test_unknown_kind_between_the_deadlines_is_ambiguous() -> None:
    with pytest.raises(AmbiguousInput) as info:
        regime_on(date(2026, 6, 23), filed_on=OLD)
    readings = info.value.context["readings"]
    assert len(readings) == 2
    assert any("148/QĐ-TTg+1489/QĐ-TTg" in r for r in readings)
    assert any("no rule" in r for r in readings)


def test_dossier_filed_on_the_first_day_of_26_2026_is_under_it() -> None:
    result = regime_on(date(2026, 6, 1), filed_on=date(2026, 5, 22))
    assert result.regulation is Regime.QD26_2026
    assert result.governed_by == ()
    assert regime_on(date(2026, 6, 1), filed_on=date(2026, 5, 21)).regulation is (
        Regime.QD148_1489_2025
    )


def test_dossier_evaluated_before_22_may_follows_the_date() -> None:
    result = regime_on(date(2026, 5, 21), filed_on=date(2025, 6, 1))
    assert result.regulation is Regime.QD148_1489_2025
    assert result.governed_by == ()
    # Filed under 148 alone, evaluated under 148+1489: the choice is stated in a note.
    assert any("no transitional rule is encoded" in n for n in result.notes)


def test_filed_after_evaluation_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        regime_on(date(2026, 6, 1), filed_on=date(2026, 6, 2))
    assert info.value.context["field"] == "filed_on"


@pytest.mark.parametrize("kind", ["FIRST", "lần đầu", 1, EvaluationKind])
def test_bad_kind_is_refused(kind: object) -> None:
    with pytest.raises(InvalidInput):
        regime_on(date(2026, 6, 1), kind=kind)  # type: ignore[arg-type]


# --- computed dates -------------------------------------------------------------------


def test_148_and_1489_sunset_is_computed_per_civil_code() -> None:
    sunset = next(r for r in transitional_rules() if r.id == "qd26-d11-k2-sunset")
    assert sunset.period == Period(date(2026, 5, 22), days=60)
    assert sunset.period.end() == date(2026, 7, 21)
    assert sunset.citation == Citation("26/2026/QĐ-TTg", dieu=11, khoan=2)
    for number in ("148/QĐ-TTg", "1489/QĐ-TTg"):
        item = instrument(number)
        assert item.in_force_until == date(2026, 7, 21)
        assert item.ended_by == sunset.citation
        assert item.in_force_on(date(2026, 7, 21))
        assert not item.in_force_on(date(2026, 7, 22))


@pytest.mark.parametrize(
    ("period", "end"),
    [
        (Period(date(2026, 5, 22), days=30), date(2026, 6, 21)),  # a Sunday
        (Period(date(2026, 5, 22), days=30, next_working_day=True), date(2026, 6, 22)),
        (Period(date(2026, 5, 22), days=60, next_working_day=True), date(2026, 7, 21)),
        (Period(date(2026, 5, 21), months=36), date(2029, 5, 21)),
        (Period(date(2024, 1, 31), months=1), date(2024, 2, 29)),  # no 31 Feb: last day
        (Period(date(2023, 11, 30), months=3), date(2024, 2, 29)),
    ],
)
def test_period_end(period: Period, end: date) -> None:
    assert period.end() == end


def test_re_evaluation_extension_is_data() -> None:
    rule = next(r for r in transitional_rules() if r.id == "qd26-d12-k3-late-re-evaluation")
    assert rule.max_days_after_expiry == 180
    assert rule.evaluation_kinds == (EvaluationKind.RE_EVALUATION,)
    assert rule.citation == Citation("26/2026/QĐ-TTg", dieu=12, khoan=3)


# --- the registry ---------------------------------------------------------------------


def test_registry_holds_the_required_instruments() -> None:
    numbers = [i.number for i in instruments()]
    assert set(REQUIRED) <= set(numbers)
    signed = [i.signed_on for i in instruments()]
    assert signed == sorted(signed)
    for item in instruments():
        assert item.sources and all(s.startswith(("http://", "https://")) for s in item.sources)
        assert item.title_vi and item.source_note


def test_instrument_facts() -> None:
    assert instrument("1048/QĐ-TTg").signed_on == date(2019, 8, 21)
    assert instrument("781/QĐ-TTg").amends == ("1048/QĐ-TTg",)
    assert instrument("1048/QĐ-TTg").replaced_by == ("148/QĐ-TTg",)
    assert instrument("148/QĐ-TTg").effective_from == date(2023, 2, 24)
    assert instrument("1489/QĐ-TTg").effective_from == date(2025, 7, 6)
    assert instrument("26/2026/QĐ-TTg").effective_from == date(2026, 5, 22)
    assert instrument("26/2026/QĐ-TTg").in_force_until is None
    assert instrument("202/2025/QH15").kind is law.InstrumentKind.NGHI_QUYET


def test_source_strength_is_recorded_honestly() -> None:
    assert instrument("26/2026/QĐ-TTg").source_strength is SourceStrength.TRANSCRIPT
    assert instrument("781/QĐ-TTg").source_strength is SourceStrength.NEWS
    # Inferred facts are named, not hidden.
    assert "effective_from" in instrument("781/QĐ-TTg").unverified
    assert SourceStrength.OFFICIAL.rank > SourceStrength.NEWS.rank > SourceStrength.STUDENT.rank


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("148/QĐ-TTg", "148/QĐ-TTg"),
        ("148/QD-TTg", "148/QĐ-TTg"),
        ("148", "148/QĐ-TTg"),
        ("1489", "1489/QĐ-TTg"),
        ("26/2026", "26/2026/QĐ-TTg"),
        ("quyet dinh 26/2026/qd-ttg", "26/2026/QĐ-TTg"),
        ("NQ 202/2025/QH15", "202/2025/QH15"),
        ("  781/qđ-ttg ", "781/QĐ-TTg"),
    ],
)
def test_instrument_lookup(query: str, number: str) -> None:
    assert instrument(query).number == number


def test_instrument_not_found_lists_known_numbers() -> None:
    with pytest.raises(NotFound) as info:
        instrument("999/QĐ-TTg")
    assert "148/QĐ-TTg" in str(info.value)
    assert set(REQUIRED) <= set(info.value.context["known"])


@pytest.mark.parametrize("fragment", ["14", "90", "19", "04", "2025"])
def test_instrument_numbers_are_not_matched_by_fragments(fragment: str) -> None:
    # Identifiers: "90" must not find 490/QĐ-TTg, nor "2025" one of two 2025 instruments.
    with pytest.raises(NotFound):
        instrument(fragment)


@pytest.mark.parametrize("query", ["", "   ", None, 148, b"148"])
def test_instrument_bad_query(query: object) -> None:
    with pytest.raises(InvalidInput):
        instrument(query)  # type: ignore[arg-type]


def test_instruments_in_force() -> None:
    assert instruments_in_force(date(2018, 1, 1)) == ()
    assert [i.number for i in instruments_in_force(date(2019, 1, 1))] == ["490/QĐ-TTg"]
    on = [i.number for i in instruments_in_force(date(2026, 6, 1))]
    assert on == ["148/QĐ-TTg", "202/2025/QH15", "1489/QĐ-TTg", "26/2026/QĐ-TTg"]
    assert "148/QĐ-TTg" not in [i.number for i in instruments_in_force(date(2026, 7, 22))]


def test_regime_table() -> None:
    spans = regimes()
    assert [s.regulation for s in spans] == list(Regime)
    assert regime_span(Regime.QD148_1489_2025).ends_on == date(2026, 5, 21)
    with pytest.raises(InvalidInput):
        regime_span("QD26_2026")  # type: ignore[arg-type]


def test_to_dict_is_json() -> None:
    # One serializer (ocop.serialize): a regulation is its value, a citation its text,
    # and the schema comes from the same fields (CHANGELOG: "regime" became "regulation").
    found = regime_on(date(2026, 6, 1), filed_on=OLD, kind="re_evaluation")
    data = found.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["regulation"] == "148/QĐ-TTg+1489/QĐ-TTg" == data["span"]["regulation"]
    assert data["governed_by"] == ["qd26-d12-k2-b-re-evaluation"]
    assert data["citations"] == [str(c) for c in found.citations]
    rule = data["transitional_rules"][0]
    assert rule["citation"] == str(found.transitional_rules[0].citation)
    jsonschema.validate(data, schema(RegimeInForce))
    assert json.loads(json.dumps(instrument("148").to_dict()))["in_force_until"] == "2026-07-21"
    assert instrument("148").to_dict()["ended_by"] == "khoản 2 Điều 11 26/2026/QĐ-TTg"


# --- validation of the data file --------------------------------------------------------


def test_packaged_data_has_a_source_header() -> None:
    source = _raw()["source"]
    assert {"instrument", "where", "read_on"} <= set(source)


def _mutated(path: list[Any], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(_raw())
    node: Any = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return raw


def _index(section: str, key: str, value: str) -> int:
    return next(n for n, x in enumerate(_raw()[section]) if x[key] == value)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        # A computed date that no longer matches the rule that produced it.
        (
            ["transitional_rules", "@qd26-d12-k2-b-re-evaluation", "applies_until"],
            "2026-06-21",
            "does not match its period",
        ),
        (["instruments", "@148/QĐ-TTg", "in_force_until"], "2026-07-20", "differs from"),
        (["regimes", 1, "starts_on"], "2020-06-09", "no gap"),
        (["instruments", "@781/QĐ-TTg", "amends"], ["919/QĐ-TTg"], "does not name it"),
        (["instruments", "@26/2026/QĐ-TTg", "source_strength"], "RUMOUR", "is not one of"),
        (["instruments", "@26/2026/QĐ-TTg", "sources"], [], "at least one source"),
        (["instruments", "@490/QĐ-TTg", "signed_on"], "2018-02-30", "not a YYYY-MM-DD"),
        (["regimes", 0, "instruments"], ["148/QĐ-TTg"], "do not spell"),
        (["source"], None, "expected an object"),
    ],
)
def test_loader_rejects_inconsistent_data(path: list[Any], value: Any, message: str) -> None:
    resolved: list[Any] = []
    for part in path:
        if isinstance(part, str) and part.startswith("@"):
            section = resolved[-1]
            key = "id" if section == "transitional_rules" else "number"
            resolved.append(_index(section, key, part[1:]))
        else:
            resolved.append(part)
    with pytest.raises(InconsistentData, match=message):
        law._parse_registry(_mutated(resolved, value))


def test_loader_accepts_the_packaged_data() -> None:
    reg = law._parse_registry(_raw())
    assert len(reg.instruments) == len(_raw()["instruments"])


def test_import_loads_no_data() -> None:
    code = "import ocop.law as m; print(m._registry.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


# --- properties -----------------------------------------------------------------------

FIRST_DAY = date(2019, 8, 21)
kinds = st.one_of(st.none(), st.sampled_from(list(EvaluationKind)))


NEW_RULES = date(2026, 5, 22)  # 26/2026/QĐ-TTg in force (Điều 11)
DEADLINE = {  # Điều 12 khoản 2: old dossiers must be finished by these days
    EvaluationKind.FIRST: date(2026, 7, 21),
    EvaluationKind.UPGRADE: date(2026, 7, 21),
    EvaluationKind.RE_EVALUATION: date(2026, 6, 22),
}


def _expected_refusals(
    on: date, filed_on: date | None, kind: EvaluationKind | None
) -> tuple[type[OcopError], ...]:
    """Which refusals the law (as decided in docs/decisions/law.md) allows for these dates."""
    allowed: list[type[OcopError]] = []
    if on < FIRST_DAY:
        allowed.append(RuleNotInForce)
    if filed_on is None:
        return tuple(allowed)
    if filed_on > on:
        allowed.append(InvalidInput)
    if filed_on < NEW_RULES <= on:
        if kind is not None and on > DEADLINE[kind]:
            allowed.append(RuleNotInForce)  # the transitional window has closed
        if kind is None and on > max(DEADLINE.values()):
            allowed.append(RuleNotInForce)
        if kind is None and DEADLINE[EvaluationKind.RE_EVALUATION] < on <= max(DEADLINE.values()):
            allowed.append(AmbiguousInput)  # open for first/upgrade, closed for re-evaluation
    return tuple(allowed)


# Any date, but often one near the 2026 switch-over, where the transitional rules bite.
near_switch = st.one_of(st.dates(), st.dates(date(2026, 4, 1), date(2026, 8, 31)))


@given(on=near_switch, filed_on=st.one_of(st.none(), near_switch), kind=kinds)
def test_regime_on_raises_only_ocop_errors(
    on: date, filed_on: date | None, kind: EvaluationKind | None
) -> None:
    allowed = _expected_refusals(on, filed_on, kind)
    try:
        result = regime_on(on, filed_on=filed_on, kind=kind)
    except OcopError as err:
        assert isinstance(err, allowed), (type(err).__name__, allowed)
        return
    assert not allowed, f"expected one of {allowed}"
    assert on >= FIRST_DAY
    # Every instrument of the answer applies on the date, and the answer is cited.
    assert all(i.in_force_on(on) for i in result.instruments)
    assert result.citations
    assert all(r.relevant_on(on) for r in result.transitional_rules)
    if not result.governed_by:
        assert result.span.covers(on)


@given(on=st.dates())
def test_exactly_one_regime_covers_each_date_from_the_first(on: date) -> None:
    covering = [s for s in regimes() if s.covers(on)]
    assert len(covering) == (1 if on >= FIRST_DAY else 0)


non_dates = st.one_of(
    st.datetimes(),
    st.text(),
    st.none(),
    st.integers(),
    st.booleans(),
    st.floats(),
    st.dates().map(lambda d: d.isoformat()),
    st.tuples(st.integers(), st.integers(), st.integers()),
)


@given(value=non_dates)
def test_non_dates_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput):
        regime_on(value)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        instruments_in_force(value)  # type: ignore[arg-type]
    if value is not None:  # filed_on is optional: None means "not given"
        with pytest.raises(InvalidInput):
            regime_on(date(2026, 6, 1), filed_on=value)  # type: ignore[arg-type]


@given(value=st.one_of(st.text(max_size=30), st.integers(), st.none(), st.binary(max_size=5)))
def test_instrument_lookup_raises_only_ocop_errors(value: object) -> None:
    try:
        found = instrument(value)  # type: ignore[arg-type]
    except OcopError:
        return
    assert found in instruments()


def test_datetime_is_not_a_date() -> None:
    with pytest.raises(InvalidInput, match="datetime"):
        regime_on(datetime(2026, 6, 1, 12, 0))


@given(kind=st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.booleans()))
def test_arbitrary_kinds_raise_only_invalid_input(kind: object) -> None:
    try:
        result = regime_on(date(2026, 6, 1), filed_on=OLD, kind=kind)  # type: ignore[arg-type]
    except InvalidInput:
        assert kind not in {k.value for k in EvaluationKind}
        return
    assert result.kind is not None and result.kind.value == kind


def test_answer_kept_by_a_transitional_rule_is_as_weak_as_that_rule() -> None:
    # 148+1489 rest on a legal database, but the rule keeping a dossier under them is
    # 26/2026 Điều 12, read in a transcript: the answer cannot be stronger than that.
    answer = regime_on(date(2026, 6, 1), filed_on=date(2026, 5, 1), kind="first")
    assert answer.regulation is Regime.QD148_1489_2025
    assert answer.source_strength is SourceStrength.TRANSCRIPT
