"""Test cases a lawyer can write (ocop.testing.cases, ocop test): the shipped cases run here,
cover the encoded clauses of 26/2026/QĐ-TTg Điều 3 and Điều 12 and each star-mark kind, and
a changed expectation fails with its file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ocop.cli import main
from ocop.drafts import load_draft
from ocop.errors import InvalidInput
from ocop.testing.cases import case_files, run_cases

SHIPPED = run_cases()
FIVE_FROM_85 = Path(__file__).parent / "data" / "drafts" / "five-stars-from-85.yaml"


@pytest.mark.parametrize("result", SHIPPED.results, ids=lambda r: f"line {r.line}")
def test_every_shipped_case_holds(result: object) -> None:
    assert result.passed, result.failures  # type: ignore[attr-defined]


def test_the_shipped_cases_cover_the_encoded_clauses_and_every_mark_kind() -> None:
    cited = {(c.dieu, c.khoan, c.diem) for c in (r.clause for r in SHIPPED.results)}
    for clause in [(3, 1, None), (3, 2, None), (12, 1, None), (12, 3, None)]:
        assert clause in cited, clause
    for diem in "abcdđ":
        assert (3, 3, diem) in cited, diem
    assert (12, 2, "a") in cited and (12, 2, "b") in cited
    titles = " ".join(r.title for r in SHIPPED.results)
    for mark in ("(1.3)", "(1.5)", "(2.2)", "6.4"):  # *****, ****, *** and the zero knock-out
        assert mark in titles
    assert all(r.clause.instrument == "26/2026/QĐ-TTg" for r in SHIPPED.results)
    assert [p.name for p in case_files()] == ["qd26-2026.yaml"]


def test_changing_one_expectation_fails_with_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shipped,) = case_files()
    copy = tmp_path / "cases.yaml"
    text = shipped.read_text(encoding="utf-8")
    changed = text.replace("  total: 70\n  expect: {star: 4}", "  total: 70\n  expect: {star: 3}")
    assert changed != text
    copy.write_text(changed, encoding="utf-8")
    assert main(["test", str(copy)]) == 1
    out = capsys.readouterr().out
    failing = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(failing) == 1 and f"{copy}:35 " in failing[0]
    assert "star: expected 3, got 4" in failing[0] and out.endswith("19 passed, 1 failed\n")
    assert main(["test"]) == 0
    assert capsys.readouterr().out.endswith("20 passed, 0 failed\n")


def test_a_draft_changes_which_cases_hold() -> None:
    report = run_cases(draft=load_draft(FIVE_FROM_85).regulation)
    assert report.draft is not None and report.draft.startswith("Dự thảo")
    (failed,) = report.failed
    assert "89,99" in failed.title and failed.failures[0] == "star: expected 4, got 5"


def test_json_cases_and_malformed_cases(tmp_path: Path) -> None:
    case = {
        "title": "90 điểm là 5 sao",
        "clause": {"instrument": "26/2026/QĐ-TTg", "dieu": 3, "khoan": 3, "diem": "a"},
        "total": 90,
        "expect": {"star": 5},
    }
    good = tmp_path / "one.json"
    good.write_text(json.dumps([case], ensure_ascii=False), "utf-8")
    assert run_cases([good]).results[0].passed
    bad = tmp_path / "bad.yaml"
    bad.write_text("- title: x\n  clause: {instrument: A}\n  expect: {}\n", "utf-8")
    with pytest.raises(InvalidInput, match=r"bad\.yaml:1: a case has exactly one input"):
        run_cases([bad])
    bad.write_text(
        "- title: x\n  clause: {instrument: A}\n  total: 1\n  expect: {stars: 5}\n", "utf-8"
    )
    with pytest.raises(InvalidInput, match=r"bad\.yaml:1: expect\.stars"):
        run_cases([bad])
    with pytest.raises(InvalidInput):
        run_cases([tmp_path / "missing.yaml"])


def test_an_input_the_law_refuses_is_a_failure_naming_the_error(tmp_path: Path) -> None:
    file = tmp_path / "c.yaml"
    shutil.copy(case_files()[0], file)
    file.write_text(
        "- title: bộ không có\n  clause: {instrument: 26/2026/QĐ-TTg, dieu: 3, khoan: 2}\n"
        "  scorecard: {product_set: IX.9, start: best}\n  expect: {star: 5}\n",
        "utf-8",
    )
    (result,) = run_cases([file]).results
    assert not result.passed and result.failures[0].startswith("not_found")
