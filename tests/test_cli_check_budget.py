"""``ocop check`` on budgets: the Kon Tum 2021–2025 report, JSON, exit status, bad files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ocop.plans import catalog
from tests.cli import run
from tests.test_budget_kon_tum import PL1_HELD, T1, _held

KEYS = {"code", "severity", "location", "expected", "actual", "message_vi", "message_en", "unit"}
M = 1_000_000


pytestmark = pytest.mark.usefixtures("fixed_today")


def kon_tum() -> dict[str, Any]:
    source = Path(catalog.__file__).parent / "data" / "kon-tum-908-2023.json"
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_check_without_argument_prints_the_kon_tum_budget(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "check", "--verbose")
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Tóm tắt: 11 lỗi, 6 cảnh báo, 2 thông tin; 48 kiểm tra đạt"
    assert lines[1].startswith("Kế hoạch triển khai thực hiện Chương trình mỗi xã một sản phẩm")
    # The findings by severity come first, then what held.
    order = [out.index(h) for h in ("LỖI (11):", "CẢNH BÁO (6):", "THÔNG TIN (2):", "ĐẠT (48):")]
    assert order == sorted(order)
    # Every total of appendix 1, reconciled, with its cells, amounts the Vietnamese way.
    for _, place, _, message in _held(T1, PL1_HELD):
        assert f"  ✓ kon-tum-908-2023 › {place}: {message}" in lines
    assert (
        "  ✓ kon-tum-908-2023 › phu-luc-1 › Tổng × mọi nguồn × cả giai đoạn: 134.750 = "
        "NSTW 24.250 + NSĐP 17.500 + lồng ghép 19.000 + chủ thể 74.000 (triệu đồng)"
    ) in lines
    # The prose against the appendix, and the two appendices against each other.
    at = lines.index(
        "  [claim_mismatch] kon-tum-908-2023 › Mục V.1 (claim tong-nhu-cau) ↔ phu-luc-1 › lồng ghép"
    )
    assert (
        lines[at + 1]
        == "    Mục V.1 ghi lồng ghép 14.000 triệu đồng, bảng phu-luc-1 ghi 19.000 triệu đồng"
    )
    assert lines[at + 2].startswith("    « Tổng nhu cầu kinh phí thực hiện Chương trình là 134.750")
    at = lines.index("  [tables_disagree] kon-tum-908-2023 › phu-luc-1 ↔ phu-luc-2 › Tổng")
    assert "134.750 triệu đồng ≠ 275.000 triệu đồng" in lines[at + 1]
    assert out.count("[tables_disagree]") == 5 and out.count("[claim_mismatch]") == 6
    assert "[claim_parts_short]" in out and out.count("[period_mismatch]") == 3
    # A sentence behind several findings is quoted once in a row.
    assert out.count("« Tổng nhu cầu kinh phí") < out.count("Mục V.1 (claim tong-nhu-cau) ↔")


def test_check_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert set(data) == {
        "schema_version",
        "ocop_version",
        "plan",
        "compared_with",
        "reconciled",
        "findings",
    }
    assert data["plan"]["id"] == "kon-tum-908-2023"
    assert data["compared_with"] == ["national-919-2022"]
    for finding in data["findings"]:
        assert KEYS <= set(finding) <= KEYS | {"quote"}, finding
    found = {(f["code"], f["location"]): f for f in data["findings"]}
    pooled = found[
        (
            "claim_mismatch",
            "kon-tum-908-2023 › Mục V.1 (claim tong-nhu-cau) ↔ phu-luc-1 › lồng ghép",
        )
    ]
    assert (pooled["severity"], pooled["expected"], pooled["actual"]) == (
        "error",
        19_000 * M,
        14_000 * M,
    )
    assert ("tables_disagree", "kon-tum-908-2023 › phu-luc-1 ↔ phu-luc-2 › Tổng") in found
    held = {(r["code"], r["location"]): r for r in data["reconciled"]}
    total = held[("sources_sum", "kon-tum-908-2023 › phu-luc-1 › Tổng × mọi nguồn × cả giai đoạn")]
    assert total["value"] == 134_750 * M
    assert total["message_vi"].startswith("134.750 = NSTW 24.250")
    assert total["message_en"].startswith("134,750 = central budget 24,250")
    assert sum(1 for code, where in held if "› phu-luc-1 ›" in where and code != "period") == 23


def test_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check")[0] == 1
    assert run(capsys, "check", "--fail-on", "never")[0] == 0
    assert run(capsys, "check", "--fail-on", "error")[0] == 1
    assert run(capsys, "check", "kon-tum-908-2023", "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "quang-ngai-69-2024", "--fail-on", "warning")[0] == 0
    assert run(capsys, "check", "quang-ngai-69-2024", "--fail-on", "error")[0] == 0


def test_a_users_plan_with_a_budget_that_does_not_add_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = kon_tum()
    table = data["budget"]["tables"][0]
    cell = next(
        e for e in table["entries"] if (e.get("item"), e.get("source")) == ("tt1", "central_budget")
    )
    cell["amount"] = "600"  # printed 500: row 1 and the NSTW column no longer add up
    status, out, err = run(capsys, "check", write(tmp_path, data), "--format", "json")
    assert status == 1 and err == ""
    found = [
        (f["code"], f["location"], f["expected"], f["actual"])
        for f in json.loads(out)["findings"]
        if "› phu-luc-1 ›" in f["location"] and "↔" not in f["location"]
        and f["code"] != "period_mismatch"
    ]  # fmt: skip
    assert found == [
        (
            "sources_sum_mismatch",
            "kon-tum-908-2023 › phu-luc-1 › 1. Đánh giá phân hạng sản phẩm các cấp × mọi nguồn "
            "× cả giai đoạn",
            (600 + 500) * M,
            1_000 * M,
        ),
        (
            "items_sum_mismatch",
            "kon-tum-908-2023 › phu-luc-1 › Tổng × NSTW × cả giai đoạn",
            (600 + 3_000 + 3_000 + 15_000 + 1_750 + 1_000) * M,
            24_250 * M,
        ),
    ]
    assert run(capsys, "check", write(tmp_path, data), "--fail-on", "error")[0] == 1


def _entry(data: dict[str, Any], **change: Any) -> None:
    data["budget"]["tables"][0]["entries"][0].update(change)


BAD_FILES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("negative amount", lambda d: _entry(d, amount="-500"), "invalid_input", "negative"),
    ("negative integer", lambda d: _entry(d, amount=-500), "invalid_input", "negative"),
    ("float amount", lambda d: _entry(d, amount=500.5), "invalid_input", "amount"),
    ("unknown source", lambda d: _entry(d, source="gold"), "not_found", "gold"),
    ("source the table lacks", lambda d: _entry(d, source="credit"), "not_found", "credit"),
    (
        "year outside the plan",
        lambda d: d["budget"]["tables"][1]["years"].append(2026),
        "invalid_input",
        "2026",
    ),
    ("unreadable number", lambda d: _entry(d, amount="12,34,5"), "invalid_input", "12,34,5"),
    ("words for a number", lambda d: _entry(d, amount="năm trăm"), "invalid_input", "năm trăm"),
    ("duplicate entry", lambda d: d["budget"]["tables"][0]["entries"].append(
        dict(d["budget"]["tables"][0]["entries"][0])), "invalid_input", "two figures"),
    ("no locale", lambda d: d["budget"]["tables"][0].pop("locale"), "invalid_input", "locale"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "spoil", "code", "word"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_budget_in_a_users_file_exits_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    spoil: Callable[[dict[str, Any]], None],
    code: str,
    word: str,
) -> None:
    data = kon_tum()
    spoil(data)
    status, out, err = run(capsys, "check", write(tmp_path, data))
    assert status == 2 and out == ""
    assert err.startswith(f"ocop: error [{code}]: ") and word in err, err
    status, out, _ = run(capsys, "check", write(tmp_path, data), "--format", "json")
    assert status == 2 and out == ""
