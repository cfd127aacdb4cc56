"""`ocop rules`: instruments and regime on a date, text and JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from ocop.cli import _common as cli_common
from ocop.cli import main


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["rules", *argv, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_json_on_2026_06_01(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--on", "2026-06-01")
    assert data["on"] == "2026-06-01"
    assert data["regime"]["regulation"] == "26/2026/QĐ-TTg"  # its value, as everywhere
    assert data["regime"]["instruments"] == ["26/2026/QĐ-TTg"]
    assert data["regime"]["source_strength"] == "transcript"
    in_force = {i["number"]: i for i in data["instruments"]}
    assert set(in_force) == {"148/QĐ-TTg", "1489/QĐ-TTg", "26/2026/QĐ-TTg", "202/2025/QH15"}
    assert in_force["26/2026/QĐ-TTg"]["part_of_regime"] is True
    assert in_force["148/QĐ-TTg"]["part_of_regime"] is False
    assert in_force["148/QĐ-TTg"]["in_force_until"] == "2026-07-21"
    assert in_force["26/2026/QĐ-TTg"]["sources"]
    assert "khoản 1 Điều 11 26/2026/QĐ-TTg" in [c.split(" (")[0] for c in data["citations"]]
    ids = [r["id"] for r in data["transitional_rules"]]
    assert "qd26-d12-k2-a-first-or-upgrade" in ids


def test_json_for_an_old_dossier(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        capsys, "--on", "2026-06-01", "--filed-on", "2026-05-01", "--kind", "re_evaluation"
    )
    assert data["regime"]["regulation"] == "148/QĐ-TTg+1489/QĐ-TTg"
    assert data["governed_by"] == ["qd26-d12-k2-b-re-evaluation"]
    assert data["kind"] == "re_evaluation"


@pytest.mark.parametrize(
    ("on", "regime"),
    [
        ("2020-01-01", "1048/QĐ-TTg"),
        ("2024-01-01", "148/QĐ-TTg"),
        ("2025-08-01", "148/QĐ-TTg+1489/QĐ-TTg"),
    ],
)
def test_json_reference_dates(capsys: pytest.CaptureFixture[str], on: str, regime: str) -> None:
    assert _json(capsys, "--on", on)["regime"]["regulation"] == regime


def test_text_summary_has_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--on", "2025-08-01"]) == 0
    out = capsys.readouterr().out
    assert "OCOP rules on 2025-08-01" in out
    assert "Regime: 148/QĐ-TTg+1489/QĐ-TTg" in out
    assert "Điều 1 1489/QĐ-TTg" in out
    assert "* 1489/QĐ-TTg [regime]" in out


def test_default_date_is_today(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_common, "today", lambda: date(2024, 1, 1))
    assert _json(capsys)["on"] == "2024-01-01"


@pytest.mark.parametrize("bad", ["2026-13-01", "01/06/2026", "yesterday", ""])
def test_bad_date_exits_2(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert main(["rules", "--on", bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "invalid_input" in captured.err and "YYYY-MM-DD" in captured.err


def test_bad_filing_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--on", "2026-06-01", "--filed-on", "2026-02-30"]) == 2
    assert "invalid_input" in capsys.readouterr().err


def test_before_1048_names_490_and_provincial_criteria(capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 19: 490/QĐ-TTg was in force and printed no national scoresheet.
    assert main(["rules", "--on", "2019-01-01", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["regime"] is None and "provincial criteria" in answer["notes"][0]
    assert "no national scoresheet" in answer["notes"][0]
    assert [i["number"] for i in answer["instruments"]] == ["490/QĐ-TTg"]
    assert main(["rules", "--on", "2019-01-01"]) == 0
    out = capsys.readouterr().out
    assert "490/QĐ-TTg" in out and "provincial criteria, no national scoresheet" in out


def test_before_the_programme_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--on", "2018-01-01"]) == 2
    assert "rule_not_in_force" in capsys.readouterr().err


def test_ambiguous_kind_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--on", "2026-06-25", "--filed-on", "2026-05-01"]) == 2
    assert "ambiguous_input" in capsys.readouterr().err
