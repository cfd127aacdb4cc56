"""``ocop plans`` and ``ocop check``: output, exit status, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop.plans import catalog
from tests.cli import run

pytestmark = pytest.mark.usefixtures("fixed_today")


def test_plans_lists_the_catalogue_with_the_province_today(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "plans", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)["plans"]}
    assert status == 0 and set(rows) == set(catalog.ids())
    assert rows["kon-tum-908-2023"]["province_today"] == "tỉnh Quảng Ngãi"
    assert rows["ninh-thuan-2025"]["province_today"] == "tỉnh Khánh Hòa"
    assert rows["national-919-2022"]["province_today"] is None
    assert rows["kon-tum-908-2023"]["number"] == "908/KH-UBND"
    assert rows["kon-tum-908-2023"]["period"] == "2021–2025"
    status, out, _ = run(capsys, "plans", "--on", "2025-06-30", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)["plans"]}
    assert rows["kon-tum-908-2023"]["province_today"] == "tỉnh Kon Tum"


def test_check_without_argument_checks_kon_tum_2021_2025(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "check", "--lang", "en")
    assert status == 1  # the plan has errors: a checker exits 1, as linters do
    assert out.splitlines()[0] == "Summary: 11 errors, 6 warnings, 2 info; 48 checks held"
    assert out.splitlines()[2].startswith("908/KH-UBND — UBND tỉnh Kon Tum, 2023 (2021–2025)")
    # Two targets weaker than the national programme; the budget's warnings are in
    # tests/test_cli_check_budget.py.
    assert out.count("[weaker_than_national]") == 2 and "WARNING (6):" in out
    assert run(capsys, "check", "--fail-on", "never")[0] == 0


def test_check_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", "kon-tum-1392-2018", "--format", "json")
    data = json.loads(out)
    assert status == 1 and data["plan"]["id"] == "kon-tum-1392-2018"
    assert set(data) == {
        "schema_version",
        "ocop_version",
        "plan",
        "compared_with",
        "reconciled",
        "findings",
    }
    first = data["findings"][0]
    assert set(first) >= {
        "code",
        "severity",
        "location",
        "expected",
        "actual",
        "message_vi",
        "message_en",
    }
    assert (first["code"], first["expected"], first["actual"]) == (
        "breakdown_sum_mismatch",
        "≈ 138",
        "132",
    )


def test_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "kon-tum-1392-2018", "--fail-on", "error")[0] == 1
    assert run(capsys, "check", "kon-tum-718-2024", "--fail-on", "error")[0] == 0
    assert run(capsys, "check", "kon-tum-718-2024", "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "quang-ngai-69-2024", "--fail-on", "warning")[0] == 0


def test_check_reads_a_users_plan_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = Path(catalog.__file__).parent / "data" / "ninh-thuan-2025.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["targets"][2]["value"] = 150
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run(capsys, "check", str(mine), "--format", "json")
    assert status == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["percentage_out_of_range"]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("check", "atlantis"), "not_found"),
        (("check", "missing.json"), "invalid_input"),
        (("plans", "--on", "2026-02-30"), "invalid_input"),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], code: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and f"[{code}]" in err


def test_a_broken_plan_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "id": "y"}', encoding="utf-8")
    status, _, err = run(capsys, "check", str(bad))
    assert status == 2 and "appears twice" in err
    unknown = tmp_path / "unknown.json"
    source = Path(catalog.__file__).parent / "data" / "ninh-thuan-2025.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["targets"][0]["metric"] = "happiness"
    unknown.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, "check", str(unknown))
    assert status == 2 and "[invalid_input]" in err and "metric" in err
