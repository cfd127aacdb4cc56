"""``ocop audit`` through the real entry point: text, JSON, --fail-on, bad input."""

from __future__ import annotations

import json

import pytest

from tests import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return cli.run(capsys, "audit", *argv)


def test_text_report_on_26_2026(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert status == 0 and err == ""
    first = out.splitlines()[0]
    assert first == "Audit of 26/2026/QĐ-TTg: 6 error, 2 warning, 5 info; 20015 checks held"
    for title in (
        "Score bands cover 0–100 once (bands): 27 held, 0 found",
        "Star marks are reachable and fit the bands (marks): 258 held, 5 found",
        "Printed maxima add up (maxima): 3706 held, 7 found",
        "What changes star when the law changes (versions): 10004 held, 1 found",
        "Every date has exactly one certificate status (certificates): 6020 held, 0 found",
    ):
        assert title in out
    assert "  #26       31     34     34  2★, 3★, 4★, 5★" in out
    assert "ERROR (6):" in out and "WARNING (2):" in out and "INFO (5):" in out
    assert "[option_above_maximum] 26/2026/QĐ-TTg Phụ lục II, bộ số 4, tiêu chí 7" in out
    assert "cites: Phụ lục II 26/2026/QĐ-TTg (Bộ sản phẩm số 26, Phần A); khoản 1 Điều 3" in out
    # errors come first, info last
    assert out.index("ERROR (6)") < out.index("WARNING (2)") < out.index("INFO (5)")


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == [
        "schema_version",
        "ocop_version",
        "regulation",
        "proven",
        "findings",
        "marks",
    ]
    assert data["regulation"] == "26/2026/QĐ-TTg"
    assert len(data["findings"]) == 13
    first = data["findings"][0]
    assert first["property"] == "maxima" and first["severity"] == "error"
    assert first["citations"] == ["Phụ lục II 26/2026/QĐ-TTg (Bộ sản phẩm số 1–20, mục 2.4)"]
    held = {(p["property"], p["code"]): p["value"] for p in data["proven"]}
    assert held[("versions", "band_star_same")] == 10001
    sheet26 = data["marks"][25]
    assert sheet26["sheet"] == 26 and sheet26["reachable"] == [2, 3, 4, 5]
    five = sheet26["stars"][2]
    assert five["star"] == 5 and five["printed_marks"] == 0 and five["min_total"] == 34
    assert five["lowest"]["total"] == 34 and len(five["lowest"]["choices"]) == 32


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--fail-on", "error"], 1),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "info"], 1),
        (["--regulation", "148/QĐ-TTg+1489/QĐ-TTg", "--fail-on", "error"], 0),
        (["--regulation", "148/QĐ-TTg+1489/QĐ-TTg", "--fail-on", "warning"], 0),
        (["--regulation", "148/QĐ-TTg+1489/QĐ-TTg", "--fail-on", "info"], 1),
        (["--regulation", "1048/QĐ-TTg", "--fail-on", "warning"], 1),
        # Issue 19: 1048's sheets are encoded; #19 Part C and #26 Part A fall short.
        (["--regulation", "1048/QĐ-TTg", "--fail-on", "error"], 1),
    ],
)
def test_fail_on(capsys: pytest.CaptureFixture[str], argv: list[str], expected: int) -> None:
    status, _, _ = run(capsys, *argv, "--format", "json")
    assert status == expected


def test_unencoded_regulation_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--regulation", "1048/QĐ-TTg")
    assert status == 0
    assert out.count("[band_gap]") == 3
    assert "89.5 is ranked 4★, never rounded up (docs/decisions/stars.md)" in out
    assert out.count("[groups_do_not_add_up]") == 2  # #19 Part C, #26 Part A (issue 19)


@pytest.mark.parametrize("regulation", ["27/2027/QĐ-TTg", "26/2025", ""])
def test_unknown_regulation_exits_2(capsys: pytest.CaptureFixture[str], regulation: str) -> None:
    status, out, err = run(capsys, "--regulation", regulation)
    assert status == 2 and out == ""
    assert err.startswith("ocop: error [invalid_input]: unknown regulation")
    assert "26/2026/QĐ-TTg" in err  # the allowed values are listed


def test_bad_fail_on_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--fail-on", "fatal")
    assert status == 2 and out == ""
    assert err.startswith("ocop: error [invalid_input]: argument --fail-on: invalid choice")
    assert err.count("\n") == 1
