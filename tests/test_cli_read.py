"""``ocop read`` and ``ocop check`` on text files: the report, the JSON round trip, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import run

PLANS = Path(__file__).parent / "data" / "plans"


def test_read_lists_claims_with_their_lines(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "read", str(PLANS / "kon-tum-1392-2018.txt"))
    assert status == 0
    assert "dòng 15: 138 sản phẩm [target, 2018-2030, gồm (whole)]" in out
    assert "    dòng 15: 108 sản phẩm" in out


def test_read_lists_what_it_did_not_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "thuong.txt"
    path.write_text("Ngày 1/3/2023. Tổng tiền thưởng là 1,020 tỷ đồng.", encoding="utf-8")
    status, out, _ = run(capsys, "read", str(path))
    assert status == 0
    assert "dòng 1: '1,020' [convention]" in out
    status, _, err = run(capsys, "check", str(path))
    assert status == 2 and "1 not read for want of a number convention (1,020)" in err
    path.write_text(
        "Ngày 1/3/2023. Tổng tiền thưởng là 1,020 tỷ đồng cho 45 sản phẩm.", encoding="utf-8"
    )
    status, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["figure_not_read"]


def test_the_json_read_is_what_check_takes_and_checks_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = PLANS / "kon-tum-908-2023.txt"
    status, out, _ = run(capsys, "read", str(text), "--format", "json")
    assert status == 0
    saved = tmp_path / "kon-tum-908-2023.json"
    saved.write_text(out, encoding="utf-8")
    _, from_text, _ = run(capsys, "check", str(text), "--format", "json")
    _, from_json, _ = run(capsys, "check", str(saved), "--format", "json")
    assert json.loads(from_text)["findings"] == json.loads(from_json)["findings"]
    found = json.loads(from_json)["findings"]
    assert [f["code"] for f in found if f["severity"] == "error"] == ["sum_mismatch"]
    # Corrected by hand (the 74.000 should have been 79.000): the check then holds.
    data = json.loads(out)
    budget = next(s for s in data["sections"] if s["id"] == "kinh-phi")
    split = next(q for q in budget["quantities"] if q.get("parts"))
    split["parts"][-1]["figure"] = 79000
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, fixed, _ = run(capsys, "check", str(saved), "--format", "json")
    errors = [f for f in json.loads(fixed)["findings"] if f["severity"] == "error"]
    assert status == 0 and errors == []


def test_check_a_text_exits_1_on_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(PLANS / "kon-tum-1392-2018.txt"))
    assert status == 1
    assert "[sum_mismatch]" in out and "« Giai đoạn năm 2018 - 2030 Quy hoạch" in out


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)), "not UTF-8"),
        ("nul.txt", b"5 s\xe1\xba\xa3n ph\xe1\xba\xa9m\x00\x01", "control character"),
        ("latin.txt", "Có 5 sản phẩm".encode("cp1258", errors="replace"), "not UTF-8"),
        ("plan.docx", b"PK\x03\x04", "cannot be opened as .docx"),
        ("plan.xlsx", b"PK\x03\x04", "cannot be opened as .xlsx"),
        ("plan.pdf", b"%PDF-1.4", "reads .txt, .md, .docx|invalid JSON"),
        ("no-figure.txt", "Ngày 1/1/2024. Không có số liệu.".encode(), "no figure"),
    ],
)
@pytest.mark.parametrize("command", ["read", "check"])
def test_unreadable_files_give_one_line_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: bytes,
    says: str,
    command: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    argv = [command, str(path)] + (["--format", "json"] if command == "read" else [])
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("ocop: error [invalid_input]: ")
    read_says, _, check_says = says.partition("|")  # check reads any other file as JSON
    assert (check_says if command == "check" and check_says else read_says) in err
