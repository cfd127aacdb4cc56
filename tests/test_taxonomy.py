"""Tests for ocop.taxonomy: names verbatim against the decision, lookups, mappings."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import taxonomy as tax_module
from ocop._regulation_files import validate
from ocop._taxonomy_files import MappingsFile, TaxonomyFile
from ocop.errors import (
    AmbiguousInput,
    InconsistentData,
    InvalidInput,
    NotEncoded,
    NotFound,
    OcopError,
    OcopWarning,
    RuleNotInForce,
)
from ocop.law import Regime, SourceStrength, regime_span
from ocop.taxonomy import (
    KON_TUM_908_2023,
    MappingKind,
    ProductSet,
    TreeLevel,
    looks_like_code,
    map_product_set,
    mappings,
    taxonomy,
    taxonomy_on,
    versions,
)
from ocop.text import fold

SCHEMA_FILES = ("taxonomy.schema.json", "mappings.schema.json")

PHU_LUC = Path(__file__).parent / "data" / "qd26_phuluc1.txt"

# Kế hoạch 908/KH-UBND (UBND tỉnh Kon Tum, 31/3/2023), mục III.2.b, verbatim from the project's
# seed copy (shared/seeds/003_0cefdc8d9face0d1.txt, lines 97-110), line breaks as printed.
KON_TUM_EXCERPT = """\
Sản phẩm được phân theo 6 nhóm, gồm:
+ Nhóm thực phẩm, gồm: Thực phẩm tươi sống; Thực phẩm
thô sơ, sơ chế; Thực phẩm chế biến; Gia vị; Chè; Cà phê; Ca cao.
+ Nhóm đồ uống, gồm: Đồ uống có cồn; Đồ uống không
cồn.
+ Nhóm dược liệu và sản phẩm từ dược liệu, gồm: Thực
phẩm chức năng, thuốc dược liệu, thuốc Y học cổ truyền; Mỹ phẩm có thành phần từ
thảo dược; Tinh dầu và thảo dược khác.
+ Nhóm hàng thủ công mỹ nghệ, gồm: Thủ công mỹ nghệ
gia dụng, trang trí; Vải, may mặc.
+ Nhóm sinh vật cảnh, gồm: Hoa; Cây cảnh; Động vật
cảnh.
+ Nhóm dịch vụ du lịch cộng đồng, du lịch sinh thái
và điểm du lịch.
"""


def _quiet(version: Regime | str):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OcopWarning)
        return taxonomy(version)


def _parse_phu_luc() -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[int, str]]:
    """Code → (name, ministries) from Phụ lục I; sheet number → title from Phụ lục II."""
    rows: dict[str, tuple[str, tuple[str, ...]]] = {}
    sheets: dict[int, str] = {}
    group = nhom = ""
    for line in PHU_LUC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        label, text = cells[0], cells[1]
        if text.startswith("Bộ sản phẩm: "):
            sheets[int(label)] = text.removeprefix("Bộ sản phẩm: ")
            continue
        ministries = tuple(m for m in cells[2].split("; ") if m) if len(cells) > 2 else ()
        if re.fullmatch(r"[IVX]+", label):
            group = label
            rows[group] = (text, ())
        elif label.isdigit():
            nhom = f"{group}.{label}"
            rows[nhom] = (text.removeprefix("Nhóm: "), ministries)
        elif re.fullmatch(r"[a-z]", label):
            rows[f"{nhom}.{label}"] = (text.removeprefix("Phân nhóm: "), ministries)
    return rows, sheets


# ---------------------------------------------------------------- 26/2026


def test_qd26_counts_6_groups_17_nhom_26_sets() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert len(t.groups) == 6
    assert len(t.nhoms()) == 17
    assert len(t.product_sets()) == 26
    assert t.source_strength is SourceStrength.TRANSCRIPT
    assert t.citation.phu_luc == "I"


def test_qd26_sheet_numbers_are_1_to_26_once_each_in_printed_order() -> None:
    numbers = [s.sheet_number for s in taxonomy(Regime.QD26_2026).product_sets()]
    assert numbers == list(range(1, 27))


def test_qd26_names_and_ministries_verbatim_against_the_decision_text() -> None:
    rows, sheets = _parse_phu_luc()
    t = taxonomy(Regime.QD26_2026)
    assert {g.code: g.name_vi for g in t.groups} == {c: rows[c][0] for c in rows if "." not in c}
    assert {n.code: n.name_vi for n in t.nhoms()} == {
        c: rows[c][0] for c in rows if c.count(".") == 1
    }
    leaves: dict[str, tuple[str, tuple[str, ...]]] = {}
    for code, (name, ministries) in rows.items():
        if ministries:  # a row with a ministry is a product set
            leaves[code] = (name, ministries)
    assert {s.code: (s.name_vi, s.ministries) for s in t.product_sets()} == leaves
    assert {s.sheet_number: s.sheet_title for s in t.product_sets()} == sheets


def test_every_name_is_nfc() -> None:
    for version in versions():
        t = _quiet(version)
        for s in t.product_sets():
            assert unicodedata.is_normalized("NFC", s.name_vi)


def test_the_identifier_scheme_of_the_brief() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert t.group("I").name_vi == "SẢN PHẨM THỰC PHẨM"
    assert t.nhom("I.3").name_vi == "Thực phẩm chế biến"
    assert t.product_set("I.3.c").sheet_number == 7
    # a nhóm without phân nhóm is itself the product set
    for code, sheet in [("I.6", 13), ("III.1", 18), ("VI.1", 26)]:
        s = t.product_set(code)
        assert (s.sheet_number, s.level, s.nhom_code) == (sheet, TreeLevel.NHOM, code)
        assert t.nhom(code).is_product_set
        assert t.find(code) is s
    assert not t.nhom("I.5").is_product_set
    i3d = t.product_set("I.3.d")
    assert (i3d.group_code, i3d.nhom_code, i3d.level) == ("I", "I.3", TreeLevel.PHAN_NHOM)
    assert i3d.ministries == ("Bộ Nông nghiệp và Môi trường", "Bộ Công Thương")


def test_by_sheet() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert t.by_sheet(7).code == "I.3.c"
    assert t.by_sheet(26).code == "VI.1"
    with pytest.raises(NotFound, match=r"1\.\.26"):
        t.by_sheet(27)
    with pytest.raises(InvalidInput):
        t.by_sheet(True)
    with pytest.raises(InvalidInput):
        t.by_sheet("7")  # type: ignore[arg-type]
    with pytest.raises(NotEncoded, match="Phụ lục III"):
        taxonomy(Regime.QD148_2023).by_sheet(7)


# ---------------------------------------------------------------- lookups


def test_exact_name_wins_over_longer_names_containing_it() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert t.find("Chè").code == "I.5"  # not I.5.a "Chè tươi, chế biến"
    assert t.find("che").code == "I.5"  # folded exact match still wins over substrings
    assert t.find("CHÈ").code == "I.5"


def test_substring_matches_several_is_an_error_listing_them() -> None:
    t = taxonomy(Regime.QD26_2026)
    with pytest.raises(AmbiguousInput) as err:
        t.product_set("che")  # no product set is named "Chè": chè, chế biến … all match
    readings = err.value.context["readings"]
    assert "I.5.a Chè tươi, chế biến" in readings
    assert "I.5.b Sản phẩm chè từ thực vật khác" in readings
    assert "I.3.c Chế biến từ rau, củ, quả, hạt" in readings
    assert "I.5.a" in str(err.value)


def test_diacritics_free_input_finds_the_set() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert t.product_set("che tuoi, che bien").code == "I.5.a"
    assert t.product_set("ruou trang").code == "II.1.a"
    assert t.product_set("dong vat canh").code == "V.3"
    assert t.product_set("i.3.c").code == "I.3.c"


def test_scoresheet_titles_are_aliases() -> None:
    t = taxonomy(Regime.QD26_2026)
    assert t.product_set("Gia vị khác (muối, hành, tỏi, tiêu)").code == "I.4.b"
    assert t.product_set("Sản phẩm trà từ thực vật khác").code == "I.5.b"
    assert t.product_set("Thủ công mỹ nghệ").code == "IV.1"
    # "chè tươi" is in both the name and the sheet title of I.5.a: one set, no ambiguity
    assert t.product_set("chè tươi").code == "I.5.a"


def test_a_name_printed_at_two_levels_is_ambiguous_in_find_but_not_among_sets() -> None:
    t = taxonomy(Regime.QD26_2026)
    with pytest.raises(AmbiguousInput) as err:
        t.find("Đồ uống không cồn")  # nhóm II.2 and phân nhóm II.2.b
    assert err.value.context["readings"] == [
        "II.2 Đồ uống không cồn",
        "II.2.b Đồ uống không cồn",
    ]
    assert t.product_set("Đồ uống không cồn").code == "II.2.b"
    assert t.nhom("Đồ uống không cồn").code == "II.2"


def test_lookup_errors() -> None:
    t = taxonomy(Regime.QD26_2026)
    with pytest.raises(NotFound, match="xyz"):
        t.find("xyz")
    with pytest.raises(InvalidInput):
        t.find("   ")
    with pytest.raises(InvalidInput, match="diacritics"):
        t.find("\u0301")  # a lone combining accent folds to nothing
    with pytest.raises(InvalidInput):
        t.find(7)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        t.product_set(None)  # type: ignore[arg-type]


@given(st.text(max_size=40))
def test_arbitrary_text_gives_a_result_or_an_ocop_error(query: str) -> None:
    t = taxonomy(Regime.QD26_2026)
    for method in (t.find, t.product_set, t.group, t.nhom):
        try:
            node = method(query)
        except OcopError:
            continue
        if looks_like_code(query):  # codes match whole, never as substrings
            assert node.code.casefold() == query.strip().casefold()
            continue
        keys = (node.code, node.name_vi, getattr(node, "sheet_title", None) or "")
        assert any(fold(query) in fold(key) for key in keys)


@pytest.mark.filterwarnings("ignore::ocop.errors.OcopWarning")  # 1048 warns by design
def test_taxonomy_dates_agree_with_the_law_registry() -> None:
    # Two tables hold in-force dates; they must never drift apart.
    for version in versions():
        t = taxonomy(version)
        if t.in_force_from is not None:
            starts = {regime_span(r).starts_on for r in t.regimes}
            assert t.in_force_from in starts, (version, t.in_force_from, starts)


@given(st.text(max_size=30), st.sampled_from([*versions(), "nonsense", "148"]))
def test_arbitrary_text_to_mapping_gives_a_result_or_an_ocop_error(
    query: str, version: Regime | str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OcopWarning)
        try:
            m = map_product_set(query, version)
        except OcopError:
            return
    assert m.target_version is Regime.QD26_2026


# ---------------------------------------------------------------- versions


def test_version_resolution() -> None:
    assert taxonomy("26/2026/QĐ-TTg") is taxonomy(Regime.QD26_2026)
    assert taxonomy("26/2026/qd-ttg") is taxonomy(Regime.QD26_2026)
    assert taxonomy("QD26_2026") is taxonomy(Regime.QD26_2026)
    # 1489 did not touch Phụ lục I: both regimes share one classification
    t148 = taxonomy(Regime.QD148_1489_2025)
    assert t148 is taxonomy(Regime.QD148_2023)
    assert t148.regimes == (Regime.QD148_2023, Regime.QD148_1489_2025)
    assert taxonomy("148") is t148  # both matches are one classification
    with pytest.raises(AmbiguousInput):  # 1048 and 1048+781 differ (781 renamed VI.1)
        taxonomy("1048")
    with pytest.raises(NotFound):
        taxonomy("ha-noi-2023")
    with pytest.raises(InvalidInput):
        taxonomy(26)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("on", "version"),
    [
        (date(2019, 8, 21), Regime.QD1048_2019),
        (date(2020, 6, 7), Regime.QD1048_2019),
        (date(2020, 6, 8), Regime.QD1048_781_2020),
        (date(2023, 2, 23), Regime.QD1048_781_2020),
        (date(2023, 2, 24), Regime.QD148_2023),
        (date(2025, 7, 6), Regime.QD148_2023),
        (date(2026, 5, 21), Regime.QD148_2023),
        (date(2026, 5, 22), Regime.QD26_2026),
        (date(2030, 1, 1), Regime.QD26_2026),
    ],
)
def test_taxonomy_on(on: date, version: Regime) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OcopWarning)
        assert taxonomy_on(on).version is version


def test_taxonomy_on_refuses_dates_before_1048_and_non_dates() -> None:
    with pytest.raises(RuleNotInForce, match="2019-08-21"):
        taxonomy_on(date(2019, 8, 20))
    with pytest.raises(InvalidInput):
        taxonomy_on(datetime(2026, 6, 1, 12, 0))
    with pytest.raises(InvalidInput):
        taxonomy_on("2026-06-01")  # type: ignore[arg-type]


def test_qd148_marks_unread_rows_and_refuses_their_ministries() -> None:
    t = taxonomy(Regime.QD148_2023)
    assert t.source_strength is SourceStrength.NEWS
    read = t.product_set("I.3.b")
    assert read.verified
    assert read.ministries == ("Nông nghiệp và Phát triển nông thôn", "Công Thương")
    unread = t.product_set("II.1.a")
    assert not unread.verified and not unread.ministries_known
    with pytest.raises(NotEncoded, match="not read"):
        _ = unread.ministries
    verified = [s.code for s in t.product_sets() if s.verified]
    assert verified == ["I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c"]
    # same printed structure: the codes coincide with 26/2026
    assert [s.code for s in t.product_sets()] == [
        s.code for s in taxonomy(Regime.QD26_2026).product_sets()
    ]
    assert all(s.sheet_number is None for s in t.product_sets())


def test_qd1048_is_a_student_source_and_warns() -> None:
    with pytest.warns(OcopWarning, match="student"):
        t = taxonomy(Regime.QD1048_2019)
    assert t.source_strength is SourceStrength.STUDENT
    assert (len(t.groups), len(t.nhoms()), len(t.product_sets())) == (6, 16, 26)
    assert t.product_set("III.3").name_vi == "Trang thiết bị, dụng cụ y tế"
    assert t.product_set("VI.1").name_vi == "Dịch vụ du lịch - truyền thống - lễ hội"
    with pytest.warns(OcopWarning):
        t781 = taxonomy(Regime.QD1048_781_2020)
    assert t781.product_set("VI.1").name_vi == "Dịch vụ du lịch cộng đồng và điểm du lịch"
    assert t781.in_force_from == date(2020, 6, 8)
    # 781 renamed only the tourism set
    assert all(
        a.name_vi == b.name_vi
        for a, b in zip(t.product_sets(), t781.product_sets(), strict=True)
        if a.code != "VI.1"
    )
    assert {s.version for s in t781.product_sets()} == {Regime.QD1048_781_2020}


def test_kon_tum_plan_taxonomy_verbatim() -> None:
    t = taxonomy(KON_TUM_908_2023)
    assert t.source_strength is SourceStrength.TRANSCRIPT
    flat = " ".join(KON_TUM_EXCERPT.split())
    for group in t.groups:
        assert f"+ {group.name_vi}" in flat
        for s in group.product_sets:
            assert s.name_vi in flat
    assert [s.code for s in t.product_sets()][:7] == [f"I.{i}" for i in range(1, 8)]
    assert t.product_set("Cà phê").code == "I.6"
    assert t.product_set("Ca cao").code == "I.7"
    tourism = t.find("VI")
    assert isinstance(tourism, ProductSet) and tourism.level is TreeLevel.GROUP
    with pytest.raises(NotEncoded, match="Kon Tum"):
        _ = tourism.ministries
    assert len(t.product_sets()) == 18


# ---------------------------------------------------------------- mappings


def test_kon_tum_mapping_is_total_and_points_at_real_26_2026_sets() -> None:
    t = taxonomy(KON_TUM_908_2023)
    table = mappings(KON_TUM_908_2023)
    assert [m.source.code for m in table] == [s.code for s in t.product_sets()]
    q26 = {s.code for s in taxonomy(Regime.QD26_2026).product_sets()}
    for m in table:
        assert m.kind is MappingKind.UNMAPPED or set(m.target_codes) <= q26
        assert m.reason
    # every 26/2026 set is reached from some Kon Tum category
    reached = {c for m in table for c in m.target_codes}
    assert reached == q26


@pytest.mark.parametrize(
    ("query", "kind", "targets"),
    [
        ("Chè", MappingKind.SPLIT, ("I.5.a", "I.5.b")),
        ("Cà phê", MappingKind.MERGED, ("I.6",)),
        ("Ca cao", MappingKind.MERGED, ("I.6",)),
        ("Mỹ phẩm có thành phần từ thảo dược", MappingKind.RENAMED, ("III.2",)),
        ("Hoa", MappingKind.SAME, ("V.1",)),
        ("VI", MappingKind.SAME, ("VI.1",)),
    ],
)
def test_kon_tum_examples(query: str, kind: MappingKind, targets: tuple[str, ...]) -> None:
    m = map_product_set(query, KON_TUM_908_2023)
    assert (m.kind, m.target_codes) == (kind, targets)


def test_1048_mapping_has_an_explicit_unmapped_case() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OcopWarning)
        m = map_product_set("Trang thiết bị, dụng cụ y tế", Regime.QD1048_2019)
        table = mappings(Regime.QD1048_2019)
        merged = map_product_set("Chế biến từ thủy, hải sản", Regime.QD1048_781_2020)
    assert m.kind is MappingKind.UNMAPPED and m.targets == ()
    assert "y tế" in m.reason
    assert m.source_strength is SourceStrength.STUDENT
    assert len(table) == 26
    assert (merged.kind, merged.target_codes) == (MappingKind.MERGED, ("I.3.d",))


def test_148_mapping_is_identity_with_unverified_rows_marked() -> None:
    table = mappings(Regime.QD148_1489_2025)
    assert all(m.kind is MappingKind.SAME for m in table)
    assert all(m.target_codes == (m.source.code,) for m in table)
    assert [m.verified for m in table] == [m.source.verified for m in table]


def test_same_version_mapping_and_unencoded_directions() -> None:
    m = map_product_set("I.3.c", Regime.QD26_2026, Regime.QD26_2026)
    assert m.kind is MappingKind.SAME and m.target_codes == ("I.3.c",)
    with pytest.raises(NotEncoded, match="no mapping"):
        map_product_set("I.3.c", Regime.QD26_2026, Regime.QD148_2023)
    with pytest.raises(NotFound):
        map_product_set("Trang thiết bị, dụng cụ y tế", KON_TUM_908_2023)


@given(st.text(max_size=30))
def test_arbitrary_version_text_gives_a_taxonomy_or_an_ocop_error(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OcopWarning)
        try:
            t = taxonomy(text)
        except OcopError:
            return
    assert t.version in versions()


def test_load_validation_refuses_inconsistent_data() -> None:
    from ocop import taxonomy as tax

    data = tax._registry()["26/2026/QĐ-TTg"].file.model_dump(mode="json", by_alias=True)

    def build(raw: dict[str, Any]) -> object:
        # The file as read: validated against its model, then built into the tree.
        parsed = validate(TaxonomyFile, raw, "qd26_2026.json")
        return tax._build("26/2026/QĐ-TTg", tax._Entry(parsed))

    dropped = copy.deepcopy(data)
    del dropped["groups"][0]["nhom"][0]["phan_nhom"][1]  # lose I.1.b: 25 sets
    with pytest.raises(InconsistentData, match="counts"):
        build(dropped)
    relabelled = copy.deepcopy(data)
    relabelled["groups"][0]["nhom"][2]["phan_nhom"][2]["label"] = "d"  # a, b, d: a gap
    with pytest.raises(InconsistentData, match="label"):
        build(relabelled)
    renumbered = copy.deepcopy(data)
    renumbered["groups"][0]["nhom"][0]["phan_nhom"][0]["sheet_number"] = 2  # 2 twice
    with pytest.raises(InconsistentData, match="sheet numbers"):
        build(renumbered)
    spaced = copy.deepcopy(data)
    spaced["groups"][1]["name_vi"] += " "
    with pytest.raises(InconsistentData, match="NFC"):
        build(spaced)


def test_a_malformed_taxonomy_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    # Read through validated models (ocop._taxonomy_files), as the regulation folders are:
    # a missing or mistyped field is InconsistentData naming both, never a KeyError.
    from ocop import taxonomy as tax
    from ocop._regulation_files import read

    good = tax._registry()["26/2026/QĐ-TTg"].file.model_dump(mode="json", by_alias=True)
    missing = copy.deepcopy(good)
    del missing["groups"][2]["nhom"][0]["label"]
    path = tmp_path / "qd26_2026.json"
    path.write_text(json.dumps(missing, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InconsistentData, match=r"qd26_2026.json: groups.2.nhom.0.label") as err:
        read(TaxonomyFile, path)
    assert err.value.context["field"] == "groups.2.nhom.0.label"
    both = copy.deepcopy(good)
    both["groups"][0]["nhom"][0]["leaf"] = {"ministries": None}
    path.write_text(json.dumps(both, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InconsistentData, match="either phan_nhom or leaf"):
        read(TaxonomyFile, path)
    mapped = {"source": {}, "tables": [{"from": "a", "to": "b", "entries": [{"from": "x"}]}]}
    path.write_text(json.dumps(mapped), encoding="utf-8")
    with pytest.raises(InconsistentData, match=r"qd26_2026\.json: source"):
        read(MappingsFile, path)


def test_every_taxonomy_file_validates_against_its_packaged_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    folder = Path(tax_module.__file__).parent / "data" / "taxonomy"
    schemas = {n: json.loads((folder / n).read_text(encoding="utf-8")) for n in SCHEMA_FILES}
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".schema.json"):
            continue
        name = "mappings.schema.json" if path.name == "mappings.json" else "taxonomy.schema.json"
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schemas[name])


def test_mapping_validation_refuses_partial_or_miskinded_tables() -> None:
    from ocop import taxonomy as tax
    from ocop.errors import InconsistentData

    source, target = taxonomy(KON_TUM_908_2023), taxonomy(Regime.QD26_2026)
    table = {m.source.code: m for m in mappings(KON_TUM_908_2023)}
    entries = [{"from": c} for c in table]
    partial = {c: m for c, m in table.items() if c != "I.7"}
    with pytest.raises(InconsistentData, match="exactly once"):
        tax._validate_mapping(source, target, entries[:-1], partial)
    lonely = {c: m for c, m in table.items() if c != "I.7"}  # "Cà phê" merged with nothing
    lonely["I.7"] = attrs.evolve(table["I.7"], targets=())
    with pytest.raises(InconsistentData, match="kind merged"):
        tax._validate_mapping(source, target, entries, lonely)
