"""Regulation versions as data: the registry, the data files' schemas, and a new version
added as a folder (a synthetic regulation loaded from a temporary folder and used through
the explicit ``regulation=`` parameter, never joining the encoded law)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

from ocop import _regulation_files as files
from ocop.certificates import validity_rule
from ocop.criteria import Scorecard, council_average, score, scoresheet, scoresheets
from ocop.errors import InconsistentData, InvalidInput
from ocop.law import Regime, regimes
from ocop.regulations import (
    Regulation,
    default_regulation,
    load,
    regulation,
    regulation_on,
    regulations,
)
from ocop.stars import classify

DATA = Path(str(resources.files("ocop.data").joinpath("regulations")))
QD26 = DATA / "qd26-2026"


# ------------------------------------------------------------------ the encoded registry


def test_every_regime_has_one_folder_and_the_registry_follows_law_json() -> None:
    assert [r.regime for r in regulations()] == list(Regime)
    assert all(r.id == r.regime.value and r.encoded for r in regulations())
    assert default_regulation().regime is regimes()[-1].regulation is Regime.QD26_2026
    assert regulation_on(date(2024, 1, 1)).regime is Regime.QD148_2023
    assert regulation("148+1489") is regulation(Regime.QD148_1489_2025)
    assert regulation(default_regulation()) is default_regulation()


def test_values_moved_from_python_tables_are_unchanged() -> None:
    r26 = regulation(Regime.QD26_2026)
    assert r26.recognised_stars == r26.marked_stars == (3, 4, 5)
    assert str(r26.recognised_citation) == "điểm a khoản 1 Điều 4 26/2026/QĐ-TTg"
    assert dict(r26.zero_point_knockouts) == {(16, "6.4"): ("6.1", "6.2", "6.3", "6.4")}
    assert r26.re_evaluation_window is not None and r26.re_evaluation_decision is not None
    assert (r26.re_evaluation_window.opens_days_before, r26.re_evaluation_decision.days) == (
        180,
        45,
    )
    assert r26.written_notice is None and regulation("148").written_notice is not None
    assert regulation("1048").marked_stars == () and regulation("1048").marks_legend is None
    assert validity_rule(Regime.QD26_2026) is r26.validity
    # The 26/2026 official listing is written once in its folder.
    raw = json.loads((QD26 / "regulation.json").read_text(encoding="utf-8"))
    assert list(raw["sources"].values()).count(r26.sheets.bands_sources[0]) == 1


def test_what_the_registry_hands_out_cannot_change_the_law() -> None:
    r26 = regulation(Regime.QD26_2026)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r26.recognised_stars = (1, 2, 3, 4, 5)  # type: ignore[misc]
    for mapping in (r26.zero_point_knockouts, r26.sheets.part_maxima):
        assert isinstance(mapping, MappingProxyType)
        with pytest.raises(TypeError):
            mapping["A"] = 1  # type: ignore[index]
    assert isinstance(r26.sheets.bands, tuple) and isinstance(r26.marked_stars, tuple)
    assert regulation(Regime.QD26_2026) is r26


# ------------------------------------------------------------------ data files and schemas


def test_packaged_schemas_match_the_models_and_every_file_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    root = DATA.parent
    for name, schema in files.schemas().items():
        packaged = json.loads((root / name).read_text(encoding="utf-8"))
        assert packaged == schema, f"run tools/gen_regulation_schemas.py ({name})"
    every = files.schemas()
    folders = sorted(p for p in DATA.iterdir() if p.is_dir())
    assert len(folders) == len(Regime)
    for folder in folders:
        raw = json.loads((folder / "regulation.json").read_text(encoding="utf-8"))
        patch = "based_on" in raw
        kind = "-patch" if patch else ""
        jsonschema.validate(raw, every[f"regulations/regulation{kind}.schema.json"])
        name = raw.get("sheets", {}).get("file")
        if name is not None:
            sheets = json.loads((folder / name).read_text(encoding="utf-8"))
            kind = "-patch" if "based_on" in sheets else ""
            jsonschema.validate(sheets, every[f"regulations/sheets{kind}.schema.json"])
    for name in ("law", "authority"):
        data = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, every[f"{name}.schema.json"])


@pytest.mark.parametrize(
    ("amended", "base", "replaced"),
    [
        ("1048/QĐ-TTg+781/QĐ-TTg", "1048/QĐ-TTg", {26}),
        ("148/QĐ-TTg+1489/QĐ-TTg", "148/QĐ-TTg", set()),
    ],
)
def test_an_amended_version_written_based_on_its_base_resolves_to_the_base_where_unchanged(
    amended: str, base: str, replaced: set[int]
) -> None:
    new, old = regulation(amended), regulation(base)
    assert new.based_on == base and old.based_on is None
    # Only what the amendment changed is written in its folder ...
    raw = json.loads((DATA / new.folder.name / "regulation.json").read_text(encoding="utf-8"))
    assert set(raw) <= {"$schema", "based_on", "source", "regime", "id", "sheets"}
    # ... and every other value and sheet is the base's, as the base reads it.
    assert new.sheets.bands == old.sheets.bands and new.validity.months == old.validity.months
    assert new.marked_stars == old.marked_stars
    assert new.zero_point_knockouts == old.zero_point_knockouts
    new_sheets, old_sheets = scoresheets(regulation=new), scoresheets(regulation=old)
    assert [s.number for s in new_sheets] == [s.number for s in old_sheets]
    for a, b in zip(new_sheets, old_sheets, strict=True):
        if a.number in replaced:
            assert a.name != b.name
            continue
        # Equal but for the version they name (citations, labels, the errata's version).
        assert {c: attrs.evolve(n, citation=b.nodes[c].citation) for c, n in a.nodes.items()} == (
            dict(b.nodes)
        )
        assert [attrs.evolve(e, regulation=b.regulation) for e in a.errata] == list(b.errata)
        same = attrs.evolve(a, regulation=b.regulation, citation=b.citation, nodes=b.nodes)
        assert attrs.evolve(same, errata=b.errata) == b
        assert new.id in str(a.citation) and a.regulation is new.regime


def test_a_patch_naming_no_encoded_version_or_a_missing_band_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    patch: dict[str, Any] = {"based_on": "99/2099", "id": "Dự thảo"}
    (folder / "regulation.json").write_text(json.dumps(patch), "utf-8")
    with pytest.raises(InconsistentData, match="not an encoded version") as err:
        load(folder)
    assert err.value.context["field"] == "based_on"
    patch = {"based_on": "26/2026", "id": "Dự thảo", "bands": {"rows": [{"star": 6, "low": 1}]}}
    (folder / "regulation.json").write_text(json.dumps(patch), "utf-8")
    with pytest.raises(InconsistentData, match="no row with star 6"):
        load(folder)
    patch = {"based_on": "26/2026", "id": "Dự thảo", "bands": {"rows": [{"star": 5, "low": 85}]}}
    (folder / "regulation.json").write_text(json.dumps(patch), "utf-8")
    draft = load(folder)
    assert [b.low for b in draft.sheets.bands] == [85, 70, 50, 30, 0]
    assert draft.based_on == "26/2026" and regulation("26/2026").sheets.bands[0].low == 90
    assert len(scoresheets(regulation=draft)) == 26


def _copy_26(tmp_path: Path, change: Any = None, sheets_change: Any = None) -> Path:
    folder = tmp_path / "copy"
    folder.mkdir()
    raw = json.loads((QD26 / "regulation.json").read_text(encoding="utf-8"))
    sheets = json.loads((QD26 / "sheets.json").read_text(encoding="utf-8"))
    if change:
        change(raw)
    if sheets_change:
        sheets_change(sheets)
    (folder / "regulation.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    (folder / "sheets.json").write_text(json.dumps(sheets, ensure_ascii=False), "utf-8")
    return folder


def test_a_faithful_copy_loads_and_scores_like_the_encoded_law(tmp_path: Path) -> None:
    copy_26 = load(_copy_26(tmp_path))
    assert copy_26 is not regulation("26/2026") and not copy_26.encoded
    best = {n.code: len(n.options) - 1 for n in scoresheet(7, regulation="26/2026").criteria()}
    card = Scorecard(regulation="26/2026/QĐ-TTg", product_set="I.3.c", choices=best)
    assert score(card, regulation=copy_26) == score(card)
    assert classify(score(card, regulation=copy_26), regulation=copy_26) == classify(score(card))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda raw: raw.pop("validity"), "validity"),
        (lambda raw: raw["bands"]["rows"][0].update(low="90"), "bands.rows.0.low"),
        (lambda raw: raw["sheets"].update(source_strength="RUMOUR"), "sheets.source_strength"),
        (lambda raw: raw.update(regime="QD27_2027"), "regime"),
        (lambda raw: raw["bands"].update(sources=["nowhere"]), "bands.sources"),
        (lambda raw: raw["bands"]["rows"].reverse(), "bands.rows"),
        (lambda raw: raw.update(extra=1), "extra"),
    ],
)
def test_a_malformed_regulation_file_names_the_file_and_field(
    tmp_path: Path, change: Any, field: str
) -> None:
    with pytest.raises(InconsistentData) as err:
        load(_copy_26(tmp_path, change))
    assert err.value.context["field"] == field
    assert "regulation.json" in str(err.value) and field in str(err.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s["sheets"][0]["parts"][0]["nodes"][1].pop("title"), "title"),
        (lambda s: s["errata"][0].pop("reason"), "errata.0.reason"),
        (lambda s: s["sheets"][0].update(total="100"), "sheets.0.total"),
    ],
)
def test_a_malformed_sheets_file_is_inconsistent_data_not_a_key_error(
    tmp_path: Path, change: Any, field: str
) -> None:
    reg = load(_copy_26(tmp_path, sheets_change=change))
    with pytest.raises(InconsistentData) as err:
        scoresheets(regulation=reg)
    assert field in err.value.context["field"] and "sheets.json" in str(err.value)


def test_load_refuses_a_folder_without_a_regulation(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"holds no regulation\.json"):
        load(tmp_path)
    with pytest.raises(InvalidInput):
        load(3)  # type: ignore[arg-type]


# ------------------------------------------------------------------ a new version as data

SYNTHETIC_SHEET = {
    "number": 1,
    "product_set": "I.1.a",
    "name": "Sản phẩm thử",
    "classification_line": None,
    "disqualified_when": "Hồ sơ bị loại khi: giả mạo hồ sơ",
    "total": 100,
    "parts": [
        {
            "part": "A",
            "label": "Phần A (40 Điểm)",
            "max_points": 40,
            "nodes": [
                {"code": "1", "title": "NHÓM A", "max_points": 40, "options": []},
                {
                    "code": "1.1",
                    "title": "Tiêu chí A",
                    "max_points": 40,
                    "options": [
                        {"text": "Không", "points": 0, "min_star": None, "case": None},
                        {"text": "Một phần", "points": 20, "min_star": 3, "case": None},
                        {"text": "Đầy đủ", "points": 40, "min_star": None, "case": None},
                    ],
                },
            ],
        },
        {
            "part": "B",
            "label": "Phần B (25 Điểm)",
            "max_points": 25,
            "nodes": [
                {"code": "4", "title": "NHÓM B", "max_points": 25, "options": []},
                {
                    "code": "4.1",
                    "title": "Tiêu chí B",
                    "max_points": 25,
                    "options": [
                        {"text": "Không", "points": 0, "min_star": None, "case": None},
                        {"text": "Có", "points": 25, "min_star": None, "case": None},
                    ],
                },
            ],
        },
        {
            "part": "C",
            "label": "Phần C (35 Điểm)",
            "max_points": 35,
            "nodes": [
                {"code": "6", "title": "NHÓM C", "max_points": 35, "options": []},
                {
                    "code": "6.1",
                    "title": "Tiêu chí C",
                    "max_points": 35,
                    "options": [
                        {"text": "Không đạt", "points": 0, "min_star": None, "case": None},
                        {"text": "Đạt", "points": 35, "min_star": None, "case": None},
                    ],
                    "notes": ["Nếu được 0 điểm, sẽ không đánh giá các bước tiếp theo"],
                    "knockouts": ["Nếu được 0 điểm, sẽ không đánh giá các bước tiếp theo"],
                },
            ],
        },
    ],
}


def synthetic_regulation(folder: Path) -> Path:
    """A version with one short sheet, 5★ from 85, a 4★ band from 60, and a zero-point
    knock-out: written from 26/2026's folder by changing values only."""
    raw = json.loads((QD26 / "regulation.json").read_text(encoding="utf-8"))
    raw["id"] = "99/2099/QĐ-TEST"
    raw["sheets"].update(appendix="IX", sheet_count=1, file="sheet.json")
    raw["bands"]["citation"] = {"instrument": "99/2099/QĐ-TEST", "dieu": 3}
    for row, low in zip(raw["bands"]["rows"], (85, 60, 40, 20, 0), strict=True):
        row["low"] = low
    for row, high in zip(raw["bands"]["rows"][1:], (85, 60, 40, 20), strict=True):
        row["high"] = high
    raw["zero_point_knockouts"] = [{"sheet": 1, "criterion": "6.1", "zero_points_on": ["6.1"]}]
    sheet = copy.deepcopy(SYNTHETIC_SHEET)
    for part in sheet["parts"]:  # type: ignore[attr-defined]
        for node in part["nodes"]:
            node.setdefault("notes", [])
            node.setdefault("knockouts", [])
    sheets = {"source": {"document": "synthetic"}, "regulation": raw["id"], "sheets": [sheet]}
    sheets["errata"] = []
    folder.mkdir()
    (folder / "regulation.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    (folder / "sheet.json").write_text(json.dumps(sheets, ensure_ascii=False), "utf-8")
    return folder


def test_a_new_version_is_a_folder_scored_and_classified_through_regulation(
    tmp_path: Path,
) -> None:
    encoded_before = scoresheet(1, regulation="26/2026")
    draft = load(synthetic_regulation(tmp_path / "draft"))
    assert isinstance(draft, Regulation) and draft.id == "99/2099/QĐ-TEST"
    sheet = scoresheet(1, regulation=draft)
    assert sheet.leaves == ("1.1", "4.1", "6.1") and str(sheet.citation).startswith("Phụ lục IX")

    # 0 + 25 + 35 = 60: 4★ under the draft's bands (3★ under 26/2026's).
    card = Scorecard(
        regulation="26/2026/QĐ-TTg", product_set="I.1.a", choices={"1.1": 0, "4.1": 1, "6.1": 1}
    )
    result = score(card, regulation=draft)
    assert (result.total, result.citation.instrument) == (60, "99/2099/QĐ-TEST")
    found = classify(result, regulation=draft)
    assert (found.band_star, found.band.printed) == (4, "từ 70 đến dưới 90 điểm")
    # Criterion 1.1's *** mark (20 points) holds it at 2★, with the reason.
    assert found.star == 2 and [u.criterion for u in found.held_back_by] == ["1.1"]
    assert str(found.citations[0]) == "Điều 3 99/2099/QĐ-TEST"

    # 0 points on 6.1 knocks out, by the draft's own zero-point rule.
    zero = card.model_copy(update={"choices": {"1.1": 2, "4.1": 1, "6.1": 0}})
    assert classify(score(zero, regulation=draft), regulation=draft).star is None
    full = card.model_copy(update={"choices": {"1.1": 2, "4.1": 1, "6.1": 1}})
    council = council_average([full, card], regulation=draft)
    # The council's average on 1.1 is 20, which meets the *** mark: 80 points give 4★.
    assert council.total == 80 and classify(council, regulation=draft).star == 4
    assert classify(Fraction(171, 2), regulation=draft).star == 5  # 85.5 ≥ 85

    # The encoded law is untouched, and a draft's result is never read with it.
    assert scoresheet(1, regulation="26/2026") is encoded_before
    assert all(r.encoded for r in regulations()) and draft not in regulations()
    with pytest.raises(InvalidInput, match="pass the Regulation it was scored with"):
        classify(result)
    with pytest.raises(InvalidInput, match="applies to"):
        score(card.model_copy(update={"regulation": Regime.QD148_2023}), regulation=draft)
    with pytest.raises(InvalidInput, match="takes a Regulation"):
        score(card, regulation="26/2026")  # type: ignore[arg-type]


def test_importing_the_packages_reads_no_data_file() -> None:
    code = (
        "import ocop.criteria, ocop.stars, ocop.certificates, ocop.audit, ocop.cli, "
        "ocop.strategies, ocop.display; "
        "import ocop.regulations as r, ocop.law as law; "
        "print(r._registry.cache_info().currsize, law._registry.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["0", "0"]


def test_a_loaded_version_keeps_its_own_marks_whatever_its_regime(tmp_path: Path) -> None:
    # A version applied to 1048's cards, whose encoded version prints no marks.
    folder = synthetic_regulation(tmp_path / "draft")
    raw = json.loads((folder / "regulation.json").read_text(encoding="utf-8"))
    raw["regime"] = "QD1048_2019"
    (folder / "regulation.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    draft = load(folder)
    assert draft.regime is Regime.QD1048_2019 and regulation("1048").marked_stars == ()
    card = Scorecard(regulation="1048", product_set="I.1.a", choices={"1.1": 0, "4.1": 1, "6.1": 1})
    found = classify(score(card, regulation=draft), regulation=draft)
    assert (found.band_star, found.star) == (4, 2)
    assert [u.criterion for u in found.held_back_by] == ["1.1"]
