"""ocop.admin: provinces before/after 01/7/2025 (NQ 202/2025/QH15) and communes."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import admin
from ocop.admin import (
    COVERAGE_START,
    REORGANISATION_2025,
    REORGANISATION_DATE,
    CommuneKind,
    ProvinceKind,
)
from ocop.errors import AmbiguousInput, InvalidInput, NotEncoded, NotFound, OcopError

LAST_OLD_DAY = date(2025, 6, 30)


# --- the issue's "done when": Kon Tum and Ninh Thuận either side of 01/7/2025


@pytest.mark.parametrize(
    ("name", "old_code", "new_name", "new_code"),
    [("Kon Tum", "62", "Quảng Ngãi", "51"), ("Ninh Thuận", "58", "Khánh Hòa", "56")],
)
def test_merged_province_either_side_of_reorganisation(
    name: str, old_code: str, new_name: str, new_code: str
) -> None:
    before = admin.province_of(name, on=LAST_OLD_DAY)
    assert (before.province.name_vi, before.province.code) == (name, old_code)
    assert not before.changed and before.changes == ()
    assert before.province.valid_until == LAST_OLD_DAY

    after = admin.province_of(name, on=REORGANISATION_DATE)
    assert after.asked == before.province
    assert (after.province.name_vi, after.province.code) == (new_name, new_code)
    assert after.province.kind is ProvinceKind.TINH
    assert after.province.valid_from == REORGANISATION_DATE
    assert after.changed
    assert after.changes == (REORGANISATION_2025,)
    assert after.changes[0].citation.instrument == "202/2025/QH15"
    assert admin.successor(name) == after.province


def test_earlier_dates_answer_the_former_province() -> None:
    assert admin.province_of("Kon Tum", on=date(2018, 12, 12)).province.code == "62"
    assert admin.province_of("Ninh Thuận", on=COVERAGE_START).province.code == "58"


def test_dates_between_adoption_and_operation_carry_a_note() -> None:
    answer = admin.province_of("Kon Tum", on=date(2025, 6, 12))
    assert answer.province.name_vi == "Kon Tum"
    assert answer.note is not None and "12/6/2025" in answer.note
    assert admin.province_of("Kon Tum", on=date(2025, 6, 11)).note is None


def test_the_merged_provinces_keep_their_old_name_and_code_as_distinct_units() -> None:
    old = admin.province("Quảng Ngãi", on=LAST_OLD_DAY)
    new = admin.province("Quảng Ngãi", on=REORGANISATION_DATE)
    assert old != new and old.code == new.code == "51"
    assert admin.predecessors("Quảng Ngãi") == (old, admin.province("Kon Tum", on=LAST_OLD_DAY))
    assert [p.name_vi for p in admin.predecessors("Khánh Hòa")] == ["Khánh Hòa", "Ninh Thuận"]


def test_strict_province_refuses_a_unit_that_no_longer_exists() -> None:
    with pytest.raises(NotFound, match="tỉnh Quảng Ngãi"):
        admin.province("Kon Tum", on=date(2025, 8, 1))


# --- counts and structure of the succession


def test_counts_63_then_34() -> None:
    assert len(admin.provinces(on=LAST_OLD_DAY)) == 63
    assert len(admin.provinces(on=REORGANISATION_DATE)) == 34
    assert len(admin.provinces(on=date(2015, 1, 1))) == 63
    kinds = Counter(p.kind for p in admin.provinces(on=REORGANISATION_DATE))
    assert kinds == {ProvinceKind.TINH: 28, ProvinceKind.THANH_PHO: 6}


def test_every_former_province_maps_to_exactly_one_new_province() -> None:
    rows = admin.successions()
    assert len(rows) == 63
    assert len({r.former for r in rows}) == 63
    new = set(admin.provinces(on=REORGANISATION_DATE))
    assert all(r.successor in new for r in rows)
    assert sum(r.merged for r in rows) == 52
    assert len({r.successor for r in rows if not r.merged}) == 11


def test_predecessors_partition_the_63() -> None:
    seen: list[admin.Province] = []
    for p in admin.provinces(on=REORGANISATION_DATE):
        parts = admin.predecessors(p)
        assert parts, p
        assert all(admin.successor(x) == p for x in parts)
        seen.extend(parts)
    assert sorted(seen, key=lambda p: p.code) == list(admin.provinces(on=LAST_OLD_DAY))


def test_merger_sizes_match_the_resolution() -> None:
    # NQ 202/2025/QH15: 23 new units from 52; 11 kept. Three-way mergers as reported.
    sizes = {p.name_vi: len(admin.predecessors(p)) for p in admin.provinces(on=REORGANISATION_DATE)}
    assert Counter(sizes.values()) == {1: 11, 2: 17, 3: 6}
    triples = {n for n, k in sizes.items() if k == 3}
    assert triples == {"Phú Thọ", "Ninh Bình", "Lâm Đồng", "Hồ Chí Minh", "Cần Thơ", "Vĩnh Long"}


def test_codes_are_unique_on_every_day() -> None:
    for day in (
        COVERAGE_START,
        date(2024, 12, 31),
        date(2025, 1, 1),
        LAST_OLD_DAY,
        REORGANISATION_DATE,
    ):
        codes = [p.code for p in admin.provinces(on=day)]
        assert len(codes) == len(set(codes))
        assert all(len(c) == 2 and c.isdigit() for c in codes)


def test_codes_from_the_sources() -> None:
    # QĐ 124/2004/QĐ-TTg (former) and QĐ 19/2025/QĐ-TTg (new) as listed by NSO.
    assert admin.province("Kon Tum", on=LAST_OLD_DAY).code == "62"
    assert admin.province("Ninh Thuận", on=LAST_OLD_DAY).code == "58"
    assert admin.province("Bắc Ninh", on=LAST_OLD_DAY).code == "27"
    assert admin.province("Bắc Ninh", on=REORGANISATION_DATE).code == "24"
    assert admin.province("Hà Nội", on=REORGANISATION_DATE).code == "01"


def test_unchanged_provinces_are_one_continuing_unit() -> None:
    hanoi = admin.province("Hà Nội", on=COVERAGE_START)
    assert hanoi.valid_until is None
    assert admin.province_of("Hà Nội", on=date(2026, 1, 1)).province is hanoi
    assert admin.predecessors(hanoi) == (hanoi,)


def test_thua_thien_hue_became_hue_on_1_january_2025() -> None:
    old = admin.province_of("Thừa Thiên Huế", on=date(2024, 12, 31)).province
    assert old.kind is ProvinceKind.TINH and old.code == "46"
    new = admin.province_of("Thừa Thiên Huế", on=date(2025, 1, 1))
    assert new.province.full_name == "thành phố Huế"
    assert new.changes[0].citation.instrument == "175/2024/QH15"
    back = admin.province_of("Huế", on=date(2020, 1, 1))
    assert back.province == old and back.note is not None
    assert admin.successor("Thừa Thiên Huế") == new.province


def test_backwards_to_several_predecessors_is_ambiguous() -> None:
    # A new province asked for before it existed, where no former unit shares its name.
    new_hcm = admin.province("Hồ Chí Minh", on=REORGANISATION_DATE)
    with pytest.raises(AmbiguousInput) as err:
        admin.province_of(new_hcm, on=date(2024, 1, 1))
    assert len(err.value.context["readings"]) == 3


# --- lookups


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("kon tum", "62"),
        ("KON TUM", "62"),
        ("tỉnh Kon Tum", "62"),
        ("KHANH HOA", "56"),
        ("Khánh Hoà", "56"),  # old-style tone placement
        ("Ba Ria Vung Tau", "77"),
        ("Bà Rịa - Vũng Tàu", "77"),
        ("TP HCM", "79"),
        ("62", "62"),
        (62, "62"),
        ("01", "01"),
        (1, "01"),
    ],
)
def test_tolerant_lookup(query: str | int, code: str) -> None:
    assert admin.province(query, on=date(2024, 1, 1)).code == code


@pytest.mark.parametrize("query", ["Quảng", "Nam", "Ninh", "Giang", "Bình"])
def test_ambiguous_queries(query: str) -> None:
    with pytest.raises(AmbiguousInput) as err:
        admin.province_of(query, on=date(2024, 1, 1))
    assert len(err.value.context["readings"]) > 1


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("", InvalidInput),
        ("   ", InvalidInput),
        (True, InvalidInput),
        (3.0, InvalidInput),
        (None, InvalidInput),
        (-1, InvalidInput),
        ("Atlantis", NotFound),
        ("99", NotFound),
        (3, NotFound),
    ],
)
def test_bad_queries(query: object, error: type[OcopError]) -> None:
    with pytest.raises(error):
        admin.province_of(query, on=date(2024, 1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize("on", ["2025-07-01", datetime(2025, 7, 1), 20250701, None])
def test_dates_must_be_dates(on: object) -> None:
    with pytest.raises(InvalidInput):
        admin.provinces(on=on)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        admin.district_level_exists(on)  # type: ignore[arg-type]


def test_before_coverage_is_not_encoded() -> None:
    day = COVERAGE_START - timedelta(days=1)
    for call in (
        lambda: admin.provinces(on=day),
        lambda: admin.province_of("Kon Tum", on=day),
        lambda: admin.district_level_exists(day),
    ):
        with pytest.raises(NotEncoded):
            call()


def test_district_level() -> None:
    assert admin.district_level_exists(LAST_OLD_DAY) is True
    assert admin.district_level_exists(REORGANISATION_DATE) is False
    assert admin.DISTRICT_LEVEL_END.citation.instrument == "203/2025/QH15"


# --- communes


def test_communes_total_and_kinds() -> None:
    all_communes = [
        c
        for p in admin.provinces(on=REORGANISATION_DATE)
        for c in admin.communes(p, on=REORGANISATION_DATE)
    ]
    assert len(all_communes) == 3321
    assert len({c.code for c in all_communes}) == 3321
    kinds = Counter(c.kind for c in all_communes)
    assert kinds == {CommuneKind.XA: 2621, CommuneKind.PHUONG: 687, CommuneKind.DAC_KHU: 13}


def test_communes_of_the_issue_provinces() -> None:
    khanh_hoa = admin.communes("Khánh Hòa", on=REORGANISATION_DATE)
    assert len(khanh_hoa) == 65  # 48 xã, 16 phường, 1 đặc khu
    assert Counter(c.kind for c in khanh_hoa)[CommuneKind.DAC_KHU] == 1
    # Kon Tum's communes are now communes of tỉnh Quảng Ngãi.
    tu_mo_rong = admin.commune("Tu Mơ Rông", on=REORGANISATION_DATE)
    assert (tu_mo_rong.code, tu_mo_rong.province_code) == ("23425", "51")
    assert admin.commune(23425, on=REORGANISATION_DATE) == tu_mo_rong
    assert tu_mo_rong in admin.communes("Kon Tum", on=REORGANISATION_DATE)


def test_commune_lookup_refuses_ambiguity_and_old_dates() -> None:
    with pytest.raises(AmbiguousInput):
        admin.commune("Phú Mỹ", on=REORGANISATION_DATE)
    found = admin.commune("Phú Mỹ", on=REORGANISATION_DATE, province="Hồ Chí Minh")
    assert found.kind is CommuneKind.PHUONG
    with pytest.raises(NotEncoded):
        admin.communes("Kon Tum", on=LAST_OLD_DAY)
    with pytest.raises(NotFound):
        admin.commune("00000", on=REORGANISATION_DATE)
    with pytest.raises(InvalidInput):
        admin.commune(False, on=REORGANISATION_DATE)


# --- the data files


def test_data_files_carry_their_source() -> None:
    for name in ("provinces.json", "communes.json"):
        text = resources.files("ocop.data").joinpath("admin", name).read_text(encoding="utf-8")
        source = json.loads(text)["source"]
        assert "vietnamadminunits" in source["package"]
        assert "19/2025/QĐ-TTg" in source["codes_after"]


def test_names_are_nfc() -> None:
    import unicodedata

    for day in (LAST_OLD_DAY, REORGANISATION_DATE):
        for p in admin.provinces(on=day):
            assert unicodedata.is_normalized("NFC", p.name_vi)


# --- properties


PROVINCE_NAMES = sorted(
    {p.name_vi for day in (date(2024, 1, 1), REORGANISATION_DATE) for p in admin.provinces(on=day)}
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(
    query=st.one_of(st.text(max_size=30), st.integers(-5, 200), st.sampled_from(PROVINCE_NAMES)),
    on=dates,
)
def test_any_query_gives_a_result_or_an_ocop_error(query: str | int, on: date) -> None:
    try:
        answer = admin.province_of(query, on=on)
    except OcopError:
        return
    assert answer.province.exists_on(on)
    assert answer.province in admin.provinces(on=on)


@given(
    name=st.sampled_from(PROVINCE_NAMES),
    on=st.dates(min_value=COVERAGE_START, max_value=date(2100, 1, 1)),
)
def test_answer_exists_on_the_date_and_is_stable_after_reorganisation(name: str, on: date) -> None:
    try:
        answer = admin.province_of(name, on=on)
    except AmbiguousInput:
        return
    assert answer.province.exists_on(on)
    if on >= REORGANISATION_DATE:
        assert answer.province == admin.successor(name)
        assert answer.province.valid_until is None


def test_reorganisation_agrees_with_the_law_registry() -> None:
    # admin's constants cannot read law.json at import time, so a test keeps them in step.
    from ocop import admin, law

    nq202 = law.instrument("202/2025/QH15")
    assert admin.REORGANISATION_2025.citation.instrument == nq202.number
    assert admin.REORGANISATION_2025.passed == nq202.effective_from
    assert admin.REORGANISATION_2025.source_url in nq202.sources
