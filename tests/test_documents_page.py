"""docs/documents.md: every JSON example is a valid document and gives the findings stated."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from ocop.cli.check import load
from ocop.plans import Plan, check
from ocop.reports import Document, check_document
from tests.cli import run

PAGE = Path(__file__).parent.parent / "docs" / "documents.md"
BLOCKS = re.findall(r"```json\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)

#: Per example, in page order: (error and warning codes, information codes), as the page says.
EXPECTED = [
    (["sum_mismatch"], []),
    (["share_mismatch"], []),
    ([], ["sum_undecided"]),
    (["breakdown_sum_mismatch", "annual_behind_multi_year"], []),
]


def test_the_page_has_the_examples_the_test_knows() -> None:
    assert len(BLOCKS) == len(EXPECTED)


@pytest.mark.parametrize(("text", "expected"), list(zip(BLOCKS, EXPECTED, strict=True)))
def test_each_example_gives_the_findings_the_page_states(
    text: str, expected: tuple[list[str], list[str]], tmp_path: Path
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    doc = load(str(path))
    findings = check_document(doc).findings if isinstance(doc, Document) else check(doc).findings
    serious = [f.code for f in findings if f.severity.value != "info"]
    info = [f.code for f in findings if f.severity.value == "info"]
    assert (serious, info) == expected
    if isinstance(doc, Plan):
        assert json.loads(text)["id"] == doc.id


def test_the_remainder_example_holds(tmp_path: Path) -> None:
    doc = Document.model_validate_json(BLOCKS[1])
    held = [p for p in check_document(doc).proven if p.code == "remainder"]
    assert [p.value for p in held] == ["≥ 1,5 tỷ đồng"]


def test_check_reads_a_document_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def stdin() -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(BLOCKS[0].encode("utf-8")), encoding="utf-8")

    monkeypatch.setattr("sys.stdin", stdin())
    status, out, _ = run(capsys, "check", "-", "--on", "2026-01-01")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "Tóm tắt: 1 lỗi, 0 cảnh báo, 0 thông tin; 1 kiểm tra đạt"
    assert "Tỉnh vào ngày 01/01/2026: tỉnh Lào Cai" in lines
    assert (
        "    Các phần 12 sản phẩm + 27 sản phẩm cộng lại 39 sản phẩm, không bằng tổng "
        "41 sản phẩm đã nêu." in lines
    )
    monkeypatch.setattr("sys.stdin", stdin())
    status, out, _ = run(capsys, "check", "-", "--fail-on", "never", "--format", "json")
    data = json.loads(out)
    assert status == 0 and set(data) == {
        "schema_version",
        "ocop_version",
        "document",
        "reconciled",
        "findings",
    }
    assert data["document"]["province_today"].startswith("tỉnh ")


@pytest.mark.parametrize("kind", ["plan", "report", "budget", "scorecard", "certificate"])
def test_schema_prints_each_input_document(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    status, out, _ = run(capsys, "schema", kind)
    schema = json.loads(out)
    assert status == 0 and schema["type"] == "object" and schema["properties"]


@pytest.mark.parametrize("text", BLOCKS[:3])
def test_the_examples_are_valid_under_ocop_schema_report(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    jsonschema = pytest.importorskip("jsonschema")  # installed with nbformat (the test extra)
    status, out, _ = run(capsys, "schema", "report")
    assert status == 0
    jsonschema.validate(json.loads(text), json.loads(out))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(text), "sections": "none"}, json.loads(out))
