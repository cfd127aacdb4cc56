"""`ocop certificate` through the real entry point."""

from __future__ import annotations

import json

import pytest

from tests.cli import run


def test_certificate_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "certificate",
        "--issued",
        "2024-03-15",
        "--star",
        "3",
        "--on",
        "2026-10-01",
        "--format",
        "json",
    )
    result = json.loads(out)
    assert status == 0
    assert result["expires_on"] == "2027-03-15"
    assert result["renewal_window"] | {} == {
        "opens_on": "2026-09-16",
        "closes_on": "2026-11-15",
        "decision_within_days": 45,
    }
    assert result["status"] == "renewal_window"
    assert result["authority"]["recognised_by"] == "Chủ tịch UBND cấp tỉnh"
    assert "khoản 1 Điều 12 26/2026/QĐ-TTg" in result["citations"]


def test_certificate_kept_valid_by_the_transitional_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys,
        "certificate",
        "--issued",
        "2023-07-01",
        "--star",
        "4",
        "--on",
        "2026-08-01",
        "--filed",
        "2026-06-10",
        "--format",
        "json",
    )
    result = json.loads(out)
    assert status == 0 and result["status"] == "kept_valid"
    assert result["renewal_window"] == {
        "opens_on": None,
        "closes_on": None,
        "decision_within_days": None,
    }
    assert result["kept_until"] == "2026-12-28"
    assert "khoản 3 Điều 12 26/2026/QĐ-TTg" in result["citations"]


def test_certificate_in_2024_names_the_district(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "certificate", "--issued", "2024-03-15", "--star", "3", "--on", "2024-06-01"
    )
    assert status == 0 and "competent:      UBND cấp huyện" in out


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--issued", "2024-02-30", "--star", "3"], "invalid_input"),
        (["--issued", "2024-03-15", "--star", "2"], "invalid_input"),
        (["--issued", "2024-03-15", "--star", "x"], "invalid_input"),
        (["--issued", "2018-03-15", "--star", "3"], "rule_not_in_force"),
        (["--issued", "2026-08-01", "--star", "3", "--regulation", "148/QĐ-TTg"], "invalid_input"),
        (["--issued", "2024-03-15", "--star", "3", "--decided", "2026-01-01"], "invalid_input"),
    ],
)
def test_certificate_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: str
) -> None:
    status, out, err = run(capsys, "certificate", *argv, "--on", "2026-06-01")
    assert status == 2 and out == "" and f"[{code}]" in err
