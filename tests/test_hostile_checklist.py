"""The hand-made hostile checklist: one test per escape it found, each named for what it proves.

The probes and their outcomes are listed in docs/decisions/reliability.md ("The hand-made
checklist"); the probes that held are not repeated here (the fuzz suite, test_cli_errors.py,
test_hostile_input.py and test_serve.py already pin them).
"""

from __future__ import annotations

import asyncio
import json
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

import ocop.read._document
from ocop import limits
from ocop.criteria import Scorecard, council_average, score, scoresheet
from ocop.errors import InvalidInput
from ocop.read import read_file, read_text, table_from_rows
from ocop.serve import create_app
from tests.cli import run
from tests.test_criteria import CARD_7

HUGE_DIGITS = "9" * 5000  # past the 4,300 digits int() reads


def _http(method: str, path: str, **request: Any) -> httpx.Response:
    """One request to ``ocop serve``'s app, in process (no socket)."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(time_limit=60.0))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, path, **request)

    return asyncio.run(send())


def _one_line(status: int, err: str) -> None:
    assert status == 2, err
    assert err.startswith("ocop: error [invalid_input]: "), err
    assert err.count("\n") == 1


def test_a_5000_digit_sheet_number_is_not_found_not_an_internal_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "sheets", HUGE_DIGITS)
    assert status == 2 and err.startswith("ocop: error [not_found]: "), err
    answer = _http("GET", f"/v1/sheets/{HUGE_DIGITS}")
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"


def test_a_5000_digit_star_is_refused_as_a_star(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "certificate", "--issued", "2024-01-01", "--star", HUGE_DIGITS)
    _one_line(status, err)
    assert "--star must be 3, 4 or 5" in err


def _rezip(source: Path, target: Path, part: str, write: Callable[[Any, bytes], None]) -> None:
    """``source`` zipped again as ``target``, ``part`` written by ``write(stream, original)``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in zin.namelist():
            if name == part:
                with out.open(name, "w", force_zip64=True) as stream:
                    write(stream, zin.read(name))
            else:
                out.writestr(name, zin.read(name))


def _word(path: Path, paragraph: str, rows: list[list[str]] | None = None) -> None:
    """A .docx of one paragraph, and a table of ``rows`` after it if given."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(paragraph)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(path)


def test_a_docx_zip_bomb_is_refused_by_its_declared_size_before_unzipping(
    tmp_path: Path,
) -> None:
    # 40 MiB of empty paragraphs zip to about 60 KB; lxml held 16 bytes for each byte of them
    # (a 380 KB file of 240 MB took 3.8 GB before the fix).
    plain, bomb = tmp_path / "plain.docx", tmp_path / "bomb.docx"
    _word(plain, "Kinh phí năm 2025 là 100 triệu đồng.")

    def empty_paragraphs(stream: Any, original: bytes) -> None:
        head, tail = original.split(b"<w:body>")
        stream.write(head + b"<w:body>")
        for _ in range(40):
            stream.write(b"<w:p/>" * ((1 << 20) // 6 + 1))
        stream.write(tail)

    _rezip(plain, bomb, "word/document.xml", empty_paragraphs)
    assert bomb.stat().st_size < limits.MAX_INPUT_BYTES
    with pytest.raises(InvalidInput) as caught:
        read_file(bomb)
    assert caught.value.context["limit"] == "MAX_UNPACKED_BYTES"
    assert read_file(plain).document is not None  # the same file, unbombed, is read


def test_an_xlsx_declaring_a_full_sheet_is_read_by_its_cells_not_its_dimension(
    tmp_path: Path,
) -> None:
    # <dimension ref="A1:XFD1048576"/> made openpyxl pad every row to 16,384 cells and add
    # rows to 1,048,576: a 5 KB file took gigabytes.  The rows are now those present.
    openpyxl = pytest.importorskip("openpyxl")
    plain, lying = tmp_path / "plain.xlsx", tmp_path / "lying.xlsx"
    book = openpyxl.Workbook()
    for row in (["Bảng kinh phí (triệu đồng)"], ["Nguồn", "2025", "2026"], ["NSTW", 100, 50]):
        book.active.append(row)
    book.save(plain)

    def declare_everything(stream: Any, original: bytes) -> None:
        text = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', original)
        stream.write(text)

    _rezip(plain, lying, "xl/worksheets/sheet1.xml", declare_everything)
    assert read_file(lying).findings == read_file(plain).findings
    far = tmp_path / "far.xlsx"  # and a cell really at XFD1048576 is past MAX_TABLE_CELLS
    _rezip(
        lying,
        far,
        "xl/worksheets/sheet1.xml",
        lambda stream, original: stream.write(
            original.replace(
                b"</sheetData>",
                b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
            )
        ),
    )
    with pytest.raises(InvalidInput) as caught:
        read_file(far)
    assert caught.value.context["limit"] == "MAX_TABLE_CELLS"


def test_a_word_cell_spanning_two_million_columns_is_refused_not_expanded(
    tmp_path: Path,
) -> None:
    # python-docx repeats a cell once per column it spans: one <w:gridSpan w:val="2000000"/>
    # in a 37 KB file ran for minutes before the fix.
    plain, wide = tmp_path / "plain.docx", tmp_path / "wide.docx"
    _word(plain, "Bảng kinh phí", [["Nguồn", "2025"], ["NSTW", "100"]])

    def span(stream: Any, original: bytes) -> None:
        stream.write(original.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000"/>', 1))

    _rezip(plain, wide, "word/document.xml", span)
    with pytest.raises(InvalidInput) as caught:
        read_file(wide)
    assert caught.value.context["limit"] == "MAX_TABLE_CELLS"


class _CountedName(str):
    """An evaluator's name that counts how often it is compared (no clock in the tests)."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _CountedName.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_council_with_one_evaluator_twice_is_refused_in_linear_comparisons() -> None:
    # list.count per name compared every name with every other: 40,000 cards took 64 s,
    # 100,000 (7 MB of JSON, under the 16 MiB a CLI file or HTTP body may be) about 400 s.
    card = Scorecard(regulation="26/2026/QĐ-TTg", product_set="I.3.c", choices=CARD_7)
    scored = score(card)
    n = 2000
    results = [attrs.evolve(scored, evaluator=_CountedName(f"e{i}")) for i in range(n)]
    _CountedName.compared = 0
    with pytest.raises(InvalidInput, match=r"\['e7'\] handed in more than one card"):
        council_average([*results, attrs.evolve(scored, evaluator=_CountedName("e7"))])
    assert _CountedName.compared < 10 * n  # quadratic was n × n = 4,000,000


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("134 750", "134750"),  # a space between thousands, as the money grammar reads it
        ("12\u00a0000", "12000"),  # a no-break space
        ("1 234,5", "1234.5"),
        ("1\u200b234", "1234"),  # a zero-width space inside the figure
        ("1.\u200b234.\u200b567", "1234567"),  # after each thousands dot (web copy)
    ],
    ids=["space", "nbsp", "space-decimal", "zwsp", "zwsp-after-dot"],
)
def test_a_figure_grouped_by_spaces_or_zero_width_spaces_is_read_whole(
    printed: str, value: str
) -> None:
    # Before the fix, the reader took the last group alone with the unit: "134 750 triệu
    # đồng" was 750 triệu đồng and "12 000 triệu đồng" was 0, without a word.
    reading = read_text(
        f"Năm 2025, tổng kinh phí thực hiện Chương trình OCOP là {printed} triệu đồng."
    )
    assert [c.figure.exact for c in reading.claims] == [Decimal(value)]


def test_a_400_digit_number_in_a_table_cell_is_refused_not_an_overflow(tmp_path: Path) -> None:
    # A cell was written out through float(): OverflowError from table_from_rows, and from
    # read_file of an .xlsx whose cell holds the number (openpyxl reads it as an int).
    huge = 10**400
    rows = [["Bảng kinh phí (triệu đồng)"], ["Nguồn vốn", "2025", "Tổng"], ["NSTW", huge, "150"]]
    with pytest.raises(InvalidInput, match="MAX_NUMBER_DIGITS"):
        table_from_rows(rows, id="bang", title="Bảng")
    openpyxl = pytest.importorskip("openpyxl")
    plain, sheet = tmp_path / "plain.xlsx", tmp_path / "huge.xlsx"
    book = openpyxl.Workbook()
    for row in (rows[0], rows[1], ["NSTW", 150, 150]):
        book.active.append(row)
    book.save(plain)
    _rezip(
        plain,
        sheet,
        "xl/worksheets/sheet1.xml",
        lambda stream, original: stream.write(
            original.replace(b"<v>150</v>", f"<v>{huge}</v>".encode(), 1)
        ),
    )
    (finding,) = read_file(sheet).findings
    assert finding.code == "table_not_read" and "MAX_NUMBER_DIGITS" in finding.message_en


FIVE_FROM_85 = Path(__file__).parent / "data" / "drafts" / "five-stars-from-85.yaml"


@pytest.mark.parametrize(
    ("cell", "what"),
    [
        ("1" * 200_000, "a field past the csv module's limit (was internal_error)"),
        ("\uff11", "a fullwidth 1 (int() read it as 1)"),
        ("1_0", "an underscore (int() read it as 10)"),
    ],
    ids=["long-field", "fullwidth", "underscore"],
)
def test_a_portfolio_csv_option_is_ascii_digits_or_one_line_refusal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str, what: str
) -> None:
    # A whole card at the lowest options is read; the same card with one cell hostile is not.
    codes = [n.code for n in scoresheet(1, regulation="26/2026").criteria()]
    portfolio = tmp_path / "cards.csv"
    argv = ["compare", "--draft", str(FIVE_FROM_85), "--sheet", "1", "--cards", "10"]
    for first, expected in (("0", 0), (cell, 2)):
        row = ",".join(["I.1.a", first, *("0" for _ in codes[1:])])
        portfolio.write_text(f"product_set,{','.join(codes)}\n{row}\n", "utf-8")
        status, _, err = run(capsys, *argv, "--portfolio", str(portfolio))
        assert status == expected, err
    _one_line(status, err)
    assert "an option index must be a whole number" in err or "cannot be read as CSV" in err


def test_a_yaml_case_file_with_a_5000_digit_number_is_invalid_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # PyYAML builds the int itself, and int() raises ValueError past 4,300 digits.
    cases = tmp_path / "cases.yaml"
    cases.write_text(f"- name: x\n  input:\n    total: {HUGE_DIGITS}\n", "utf-8")
    status, _, err = run(capsys, "test", str(cases))
    _one_line(status, err)
    assert "not valid YAML" in err


@pytest.mark.parametrize(
    "update",
    [
        {"choices": {**CARD_7, "1.1": True}},  # was scored as option 1
        {"choices": {**CARD_7, "1.1": 1.5}},  # was TypeError from the scoring
        {"choices": None},  # was TypeError
        {"star": 3},  # not a field of a Scorecard
    ],
    ids=["bool-choice", "float-choice", "no-choices", "unknown-field"],
)
def test_model_copy_with_an_update_validates_it_as_a_new_card_would(update: dict[str, Any]) -> None:
    # pydantic's model_copy takes ``update`` without validating it; a frozen, validated card
    # copied so was scored as if valid.
    card = Scorecard(regulation="26/2026/QĐ-TTg", product_set="I.3.c", choices=CARD_7)
    with pytest.raises(InvalidInput):
        score(card.model_copy(update=update))
    fewer = card.model_copy(update={"choices": {**CARD_7, "1.1": 0}})
    assert score(fewer).total < score(card).total == score(card.model_copy()).total


def test_prose_longer_than_max_prose_chars_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader holds about 275 bytes per character of text dense with figures: 16 MiB of
    # "Năm 2025 có 1 sản phẩm." lines (what the CLI reads at most) took about 4.5 GB.
    line = "Năm 2025 có 1 sản phẩm.\n"
    text = line * (limits.MAX_PROSE_CHARS // len(line) + 1)
    with pytest.raises(InvalidInput) as caught:
        read_text(text)
    assert caught.value.context["limit"] == "MAX_PROSE_CHARS"
    # A .docx is refused too, not read as its tables alone (a small limit keeps the file small).
    monkeypatch.setattr(ocop.read._document, "MAX_PROSE_CHARS", 10 * len(line))
    long = tmp_path / "long.docx"
    _word(long, line * 11, [["Nguồn", "2025"], ["NSTW", "100"]])
    with pytest.raises(InvalidInput) as caught:
        read_file(long)
    assert caught.value.context["limit"] == "MAX_PROSE_CHARS"


def test_a_body_that_never_arrives_is_answered_within_the_time_limit() -> None:
    # A client that sends fewer bytes than its Content-Length held its connection open for
    # as long as it liked: the time limit started only once the body was read.
    app = create_app(time_limit=0.5)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if not sent:
            sent.append({})
            return {"type": "http.request", "body": b'{"regulation"', "more_body": True}
        await asyncio.sleep(3600)  # the rest never comes
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/score",
        "raw_path": b"/v1/score",
        "query_string": b"",
        "headers": [(b"content-length", b"100")],
    }
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 10))
    start, body = sent[1], sent[2]
    assert start["status"] == 503
    assert json.loads(body["body"])["code"] == "time_limit"
