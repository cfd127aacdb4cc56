"""Budget tables read from .docx, .xlsx and .csv files built from the Kon Tum 908/2023 appendix.

The files are written here, in the appendix's layout (two header rows naming the sources
as the plan does, items, "Tổng cộng", "Phân kỳ kinh phí" with a row per year), from the
catalogued tables; the tables read back must reconcile exactly as the catalogued ones do.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from ocop.budget.document import TableDocument
from ocop.budget.vocabulary import Source
from ocop.errors import OcopError
from ocop.plans import catalog
from ocop.read import read_file, read_text, table_from_rows
from ocop.reports import Document, check_document
from tests.cli import run

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

# The appendix's column headers: the upper row merged over the two state budgets.
_HEADS = {
    Source.CENTRAL_BUDGET: (
        "Ngân sách nhà nước hỗ trợ trực tiếp",
        "NS TW từ Chương trình Nông thôn mới",
    ),
    Source.LOCAL_BUDGET: ("Ngân sách nhà nước hỗ trợ trực tiếp", "NS địa phương"),
    Source.POOLED: ("Vốn lồng ghép từ các Chương trình, dự án", ""),
    Source.SUBJECTS: (
        "Vốn đóng góp của các chủ thể (doanh nghiệp, HTX, cơ sở sản xuất...)",
        "",
    ),
}


def _tables() -> tuple[TableDocument, ...]:
    budget = catalog.plan("kon-tum-908-2023").budget
    assert budget is not None
    return budget.tables


def _amount(table: TableDocument, **where: Any) -> str:
    for e in table.entries:
        if all(
            getattr(e, k) == v
            for k, v in {"item": None, "source": None, "year": None, **where}.items()
        ):
            return str(e.amount)
    return ""


def _grid(table: TableDocument) -> list[list[str]]:
    """The table in the appendix's layout."""
    if table.items:  # items × sources, then the years × sources
        heads = [_HEADS[s] for s in table.sources]
        span = "Dự kiến kinh phí giai đoạn 2022-2025"
        rows = [
            ["TT", "Nội dung", "ĐVT", "Số lượng", *(span for _ in range(len(heads) + 1))],
            ["", "", "", "", "Tổng kinh phí (tr.đ)", *(h[0] for h in heads)],
            ["", "", "", "", "", *(h[1] for h in heads)],
        ]
        for item in table.items:
            rows.append(
                [
                    item.number or "",
                    item.name,
                    item.unit or "",
                    str(item.quantity or ""),
                    _amount(table, item=item.id),
                    *(_amount(table, item=item.id, source=s) for s in table.sources),
                ]
            )
        rows.append(
            [
                "",
                "Tổng cộng",
                "",
                "",
                _amount(table),
                *(_amount(table, source=s) for s in table.sources),
            ]
        )
        rows.append(["", "Phân kỳ kinh phí", "", "", "", *("" for _ in table.sources)])
        for year in table.years:
            rows.append(
                [
                    "",
                    f"Năm {year}",
                    "",
                    "",
                    _amount(table, year=year),
                    *(_amount(table, year=year, source=s) for s in table.sources),
                ]
            )
        return rows
    rows = [
        [
            "TT",
            "Nguồn vốn",
            "Tổng kinh phí thực hiện giai đoạn 2021- 2025 (triệu đồng)",
            *(f"Năm {y}" for y in table.years),
        ]
    ]
    for n, source in enumerate(table.sources, 1):
        rows.append(
            [
                str(n),
                source.label_vi,
                _amount(table, source=source),
                *(_amount(table, source=source, year=y) for y in table.years),
            ]
        )
    rows.append(["", "Tổng cộng", _amount(table), *(_amount(table, year=y) for y in table.years)])
    return rows


def _findings(tables: tuple[TableDocument, ...]) -> list[tuple[str, str, Any, Any]]:
    doc = Document.model_validate(
        {
            "id": "pl",
            "title": "Phụ lục",
            "kind": "plan",
            "issued_on": "2023-03-31",
            "sections": [
                {
                    "id": "bang",
                    "kind": "budget",
                    "tables": [t.model_dump(mode="json", exclude_defaults=True) for t in tables],
                }
            ],
        }
    )
    result = check_document(doc)
    return sorted(
        (f.code, f.severity.value, str(f.expected), str(f.actual)) for f in result.findings
    ) + sorted((p.code, "held", str(p.value), "") for p in result.proven)


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Kon Tum, ngày 31 tháng 3 năm 2023")
    for table in _tables():
        document.add_paragraph(table.title)
        grid = _grid(table)
        out = document.add_table(rows=len(grid), cols=len(grid[0]))
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                out.cell(r, c).text = text
    document.save(str(path))


def _write_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table in _tables():
        sheet = book.create_sheet(table.id)
        sheet.append([table.title])
        for row in _grid(table):
            sheet.append(row)
    book.save(str(path))


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_the_appendix_read_from_a_file_reconciles_as_the_catalogued_tables(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"ke-hoach-908{suffix}"
    (_write_docx if suffix == ".docx" else _write_xlsx)(path)
    reading = read_file(path)
    assert reading.findings == ()
    assert reading.document is not None
    section = next(s for s in reading.document.sections if s.id == "bang")
    read, catalogued = section.tables, _tables()
    assert [t.locale.value for t in read] == ["en", "en"]  # by the totals, then the file
    assert [len(t.entries) for t in read] == [len(t.entries) for t in catalogued]
    assert _findings(read) == _findings(catalogued)
    assert any(code == "sum_mismatch" or "mismatch" in code for code, *_ in _findings(read))


def test_check_a_docx_reports_the_appendix_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ke-hoach-908.docx"
    _write_docx(path)
    status, out, _ = run(capsys, "check", str(path), "--fail-on", "never")
    assert status == 0 and "bang-1" in out


def test_a_csv_grid_is_read_like_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "phu-luc-1.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[_tables()[0].title], *_grid(_tables()[0])])
    reading = read_file(path)
    assert reading.document is not None and reading.findings == ()
    section = next(s for s in reading.document.sections if s.id == "bang")
    assert _findings(section.tables) == _findings(_tables()[:1])


def test_a_table_no_figure_or_total_decides_is_refused_naming_a_cell(tmp_path: Path) -> None:
    # Appendix 2 alone: every figure has a comma and its totals hold read either way
    # (31,250 x 4 = 125,000 as 31,25 x 4 = 125), so nothing says which notation it is.
    path = tmp_path / "phu-luc-2.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(_grid(_tables()[1]))
    reading = read_file(path)
    assert [f.code for f in reading.findings] == ["table_not_read"]
    assert "cell C2" in reading.findings[0].message_en and reading.document is None


def test_a_table_that_is_no_budget_table_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ngày 1/3/2024. Phấn đấu có 50 sản phẩm OCOP.")
    out = document.add_table(rows=2, cols=2)
    out.cell(0, 0).text, out.cell(0, 1).text = "Họ tên", "Chức vụ"
    out.cell(1, 0).text, out.cell(1, 1).text = "Nguyễn Văn A", "Giám đốc"
    path = tmp_path / "danh-sach.docx"
    document.save(str(path))
    reading = read_file(path)
    assert [f.code for f in reading.findings] == ["table_not_read"]
    assert "bảng 1" in reading.findings[0].location
    assert reading.findings[0].message_en.startswith("Table 1 (")  # was "bảng 1 (…) was not read"
    assert reading.claims and reading.document is not None


def test_a_figure_read_two_ways_names_its_table_and_cell() -> None:
    rows = [["TT", "Nội dung", "Tổng (tr.đ)", "NSTW"], ["1", "Xúc tiến", "1,500", "1,500"]]
    with pytest.raises(OcopError, match=r"table 'pl', cell C2"):
        table_from_rows(rows, id="pl", title="Phụ lục")


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a zip", bytes(range(256))])
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_broken_office_files_give_one_line_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(content)
    status, out, err = run(capsys, "check", str(path))
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("ocop: error [invalid_input]: ")


def test_each_word_paragraph_ends_its_sentence_and_is_one_line(tmp_path: Path) -> None:
    # A heading and a date line printed without a full stop were joined to the first
    # sentence under them, as wrapped lines of a PDF export are; in Word a paragraph ends.
    document = docx.Document()
    document.add_heading("KẾ HOẠCH Thực hiện Chương trình OCOP tỉnh Gia Lai năm 2025", 1)
    document.add_paragraph("Gia Lai, ngày 15 tháng 3 năm 2025")
    document.add_paragraph("Mục tiêu cụ thể")
    document.add_paragraph(
        "Tổng kinh phí thực hiện là 3.500 triệu đồng, trong đó ngân sách trung ương 1.500 "
        "triệu đồng, ngân sách địa phương 1.200 triệu đồng, vốn của chủ thể 700 triệu đồng."
    )
    path = tmp_path / "gia-lai.docx"
    document.save(str(path))
    reading = read_file(path)
    assert reading.document is not None
    assert reading.document.title == "KẾ HOẠCH Thực hiện Chương trình OCOP tỉnh Gia Lai năm 2025"
    assert [s.text for s in reading.sentences][:3] == [
        "KẾ HOẠCH Thực hiện Chương trình OCOP tỉnh Gia Lai năm 2025",
        "Gia Lai, ngày 15 tháng 3 năm 2025",
        "Mục tiêu cụ thể",
    ]
    total = next(c for c in reading.claims if str(c.figure) == "3.500 triệu đồng")
    assert reading.sentences[total.sentence].line == 4  # the fourth paragraph


def test_a_paragraph_separator_in_text_ends_a_sentence() -> None:
    reading = read_text("KẾ HOẠCH OCOP năm 2025\u2029\nNăm 2025 có 5 sản phẩm OCOP")
    assert [s.text for s in reading.sentences] == [
        "KẾ HOẠCH OCOP năm 2025",
        "Năm 2025 có 5 sản phẩm OCOP",
    ]
