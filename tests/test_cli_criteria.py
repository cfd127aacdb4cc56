"""`ocop sheets` and `ocop score` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop.criteria import Scorecard, score
from ocop.stars import classify
from tests.cli import run
from tests.test_criteria import CARD_7, CARD_21


def write(tmp_path: Path, payload: object, name: str = "card.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return str(path)


def card7(**extra: object) -> dict[str, object]:
    return {"regulation": "26/2026/QĐ-TTg", "product_set": "I.3.c", "choices": CARD_7} | extra


def test_sheets_lists_26_sets_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "sheets", "--on", "2026-06-01", "--format", "json")
    rows = json.loads(out)["sheets"]
    assert status == 0 and len(rows) == 26
    assert rows[6] | {} == rows[6] and rows[6]["product_set"] == "I.3.c"
    assert rows[6]["citation"] == "Phụ lục II 26/2026/QĐ-TTg (Bộ sản phẩm số 7)"


def test_sheets_shows_one_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "sheets", "--regulation", "26/2026/QĐ-TTg", "21", "--format", "json"
    )
    sheet = json.loads(out)
    assert status == 0 and sheet["number"] == 21 and sheet["maximum"] == 100
    node = next(n for n in sheet["nodes"] if n["code"] == "2.3")
    assert [o["points"] for o in node["options"]] == [0, 1]
    assert node["options"][1]["printed_points"] is None  # synthesised by an erratum
    status, out, _ = run(capsys, "sheets", "--regulation", "26/2026/QĐ-TTg", "hoa")
    assert status == 0 and out.startswith("Bộ sản phẩm số 23 (V.1): Hoa")


def test_sheets_refuses_unencoded_versions_and_bad_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Issue 19: 148 holds sheet #1 only; asking for another says what is missing.
    status, out, _ = run(capsys, "sheets", "--on", "2024-01-01")
    assert status == 0 and "Rau, củ, quả, hạt tươi" in out
    status, _, err = run(capsys, "sheets", "--on", "2024-01-01", "7")
    assert status == 2 and "[not_encoded]" in err and "148/QĐ-TTg is not encoded" in err
    status, _, err = run(capsys, "sheets", "--on", "2024-02-30")
    assert status == 2 and "[invalid_input]" in err
    status, _, err = run(capsys, "sheets", "--regulation", "26/2026/QĐ-TTg", "rau")
    assert status == 2 and "[ambiguous_input]" in err


def test_sheets_lists_the_26_sets_of_1048(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "sheets", "--regulation", "1048/QĐ-TTg", "--format", "json")
    listed = json.loads(out)["sheets"]
    assert status == 0 and [s["number"] for s in listed] == list(range(1, 27))
    assert {s["regulation"] for s in listed} == {"1048/QĐ-TTg"}


def test_score_one_card(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "score", write(tmp_path, card7()), "--format", "json")
    result = json.loads(out)
    assert status == 0
    assert result["total"] == 56 and result["parts"] == {"A": 26, "B": 11, "C": 19}
    assert len(result["criteria"]) == 32
    expected = classify(score(Scorecard.model_validate(card7())))
    assert result["star"] == expected.star and result["star"] is not None
    assert result["classification"]["band_star"] == 3
    assert result["classification"]["reasons"] == list(expected.reasons)
    status, out, _ = run(capsys, "score", write(tmp_path, card7()))
    assert status == 0 and "total 56" in out and f"Star: {expected.star}★" in out


def test_score_with_a_declared_knockout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, card7())
    status, out, _ = run(capsys, "score", path, "--knockout", "dossier", "--format", "json")
    result = json.loads(out)
    assert status == 0 and result["star"] is None
    assert result["classification"]["knockouts"][0]["id"] == "dossier"
    status, _, err = run(capsys, "score", path, "--knockout", "9.9")
    assert status == 2 and "[invalid_input]" in err


def test_score_council_of_cards(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cards = [
        card7(evaluator="a"),
        card7(evaluator="b", choices=CARD_7 | {"1.2": 1}),
        card7(evaluator="c", choices=CARD_7 | {"1.2": 1}),
    ]
    status, out, _ = run(capsys, "score", write(tmp_path, cards), "--format", "json")
    result = json.loads(out)
    assert status == 0 and result["total"] == "170/3"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (card7(choices={k: v for k, v in CARD_7.items() if k != "1.1"}), "invalid_input"),
        (card7(choices=CARD_7 | {"99": 0}), "not_found"),
        (card7(choices=CARD_7 | {"1.1": 7}), "invalid_input"),
        (card7(product_set="IV.1"), "not_found"),  # choices of another sheet
        ([card7(evaluator="a"), card7(product_set="IV.1", choices=CARD_21)], "invalid_input"),
        ({"regulation": "26/2026/QĐ-TTg"}, "invalid_input"),
        ([], "invalid_input"),
    ],
)
def test_score_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: object, code: str
) -> None:
    status, out, err = run(capsys, "score", write(tmp_path, payload))
    assert status == 2 and out == "" and f"[{code}]" in err


def test_score_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "score", str(tmp_path / "missing.json"))
    assert status == 2 and "cannot read" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"regulation": ', encoding="utf-8")
    status, _, err = run(capsys, "score", str(bad))
    assert status == 2 and "invalid JSON" in err
    dup = tmp_path / "dup.json"
    dup.write_text(json.dumps(card7()).replace('"1.1": 2', '"1.1": 2, "1.1": 1'), "utf-8")
    status, _, err = run(capsys, "score", str(dup))
    assert status == 2 and "appears twice" in err
