"""One bad figure, claim, sentence or table never refuses a whole document.

A real plan has typos, OCR slips and pasted tables: the reader leaves that one figure
out (``figure_not_read``, or ``table_not_read`` for a table) and reads the rest.  Only
what is about the text itself (its size, a binary file, no date at all) refuses it
(docs/decisions/reading.md §10).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

import ocop.read._document as reader
from ocop.errors import InvalidInput
from ocop.limits import MAX_PROSE_CHARS
from ocop.read import Reading, read_file, read_text
from ocop.read._claims import REASONS, REPORTED
from ocop.reports import check_document

HEAD = "Ngày 2/3/2024. Đến nay toàn tỉnh có 87 sản phẩm OCOP.\n"
TAIL = "\nPhấn đấu có ít nhất 50 sản phẩm OCOP."


def _figures(reading: Reading) -> list[str]:
    return [str(c.figure) for c in reading.claims]


def _quantities(reading: Reading) -> list[str]:
    assert reading.document is not None
    return [
        q.figure.words or "" for s in reading.document.sections for q in s.quantities if q.figure
    ]


def _left_out(reading: Reading) -> list[tuple[str, str]]:
    return [(n.text, n.reason) for n in reading.not_read if n.reason in REPORTED]


@pytest.mark.parametrize(
    ("sentence", "printed", "reason"),
    [
        # the hostile-input review's case: beyond the library's amount bounds
        (
            "Tổng kinh phí là 5.000.000.000.000.000.000.000.000 triệu đồng.",
            "5.000.000.000.000.000.000.000.000",
            "out_of_bounds",
        ),
        (
            "Tỷ lệ 1000000000000000000000000000000% sản phẩm có tem.",
            "1" + "0" * 30,
            "out_of_bounds",
        ),
        ("Có 100000000000000000000 chủ thể tham gia.", "1" + "0" * 20, "out_of_bounds"),
        (
            "Hỗ trợ 5.000.000.000.000.000 triệu đồng/sản phẩm.",
            "5.000.000.000.000.000",
            "out_of_bounds",
        ),
        # a range is left out whole when either end cannot be read as printed
        ("Hỗ trợ từ 5 đến 9000000000000000 triệu đồng.", "5 đến 9000000000000000", "out_of_bounds"),
        (
            "Mỗi mô hình được hỗ trợ từ 50 triệu đồng đến 5 triệu đồng.",
            "50 triệu đồng đến 5",
            "reversed_range",
        ),
        ("Mỗi huyện có 50-5 sản phẩm.", "50-5", "reversed_range"),
    ],
)
def test_one_bad_figure_is_left_out_and_the_rest_is_read(
    sentence: str, printed: str, reason: str
) -> None:
    reading = read_text(HEAD + sentence + TAIL)
    assert _figures(reading) == ["87 sản phẩm", "ít nhất 50 sản phẩm"]
    assert _quantities(reading) == ["87 sản phẩm", "ít nhất 50 sản phẩm"]
    assert _left_out(reading) == [(printed, reason)]
    [found] = reading.findings
    assert found.code == "figure_not_read"
    assert found.location == "dòng 2"  # the line of the sentence
    assert found.quote == sentence
    assert found.actual == printed
    assert found.expected == REASONS[reason]
    assert found.message_en.startswith(f"{printed!r} was not read: ")
    assert "misprint" in found.message_en
    assert found.message_vi.startswith(f"Không đọc {printed!r}: ")
    check_document(reading.document)  # the document that is left is checked as usual


def test_an_undecided_convention_keeps_its_message() -> None:
    reading = read_text("Ngày 2/3/2024. Đến nay có 5.361 chủ thể.")
    [found] = reading.findings
    assert found.message_en == (
        "'5.361' was not read: it can be read two ways (vi 5361 or en 5.361) and nothing in "
        "the document says which number convention it uses; write it in the JSON."
    )
    assert found.message_vi == (
        "Không đọc '5.361': có thể hiểu hai cách (vi 5361 or en 5.361) và văn bản không cho "
        "biết cách viết số; hãy ghi rõ trong JSON."
    )


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Đến năm 99999 có 30 hộ tham gia.", "99999"),  # a year no document prints
        ("Có 30 hộ đạt 1000000000 sao.", "1000000000"),  # a star count of 10^9
    ],
)
def test_an_absurd_year_or_star_count_is_no_figure_and_gives_nothing(
    sentence: str, number: str
) -> None:
    reading = read_text(HEAD + sentence + TAIL)
    assert _figures(reading) == ["87 sản phẩm", "30 hộ", "ít nhất 50 sản phẩm"]
    [claim] = [c for c in reading.claims if str(c.figure) == "30 hộ"]
    assert (claim.years, claim.stars) == (None, None)
    assert (number, "reference") in [(n.text, n.reason) for n in reading.not_read]
    assert reading.findings == ()


def test_a_share_over_a_hundred_percent_is_kept_as_printed_for_the_checks() -> None:
    reading = read_text(HEAD + "Có 40 chủ thể là hợp tác xã (chiếm 250%)." + TAIL)
    assert _figures(reading) == ["87 sản phẩm", "40 chủ thể", "ít nhất 50 sản phẩm"]
    [claim] = [c for c in reading.claims if str(c.figure) == "40 chủ thể"]
    assert str(claim.share) == "250%"
    assert reading.findings == ()


def test_a_total_with_ten_thousand_parts_is_read_whole() -> None:
    parts = ", ".join(["1 sản phẩm"] * 10_000)
    reading = read_text(HEAD + f"Có 10000 sản phẩm, trong đó {parts}." + TAIL)
    assert len(reading.claims) == 10_003
    # a part looks back at most 40 figures (§4): the first 40 are the total's parts, the
    # rest stand alone; nothing is refused
    quantities = _quantities(reading)
    assert quantities[:3] == ["87 sản phẩm", "10000 sản phẩm", "1 sản phẩm"]
    assert quantities[-1] == "ít nhất 50 sản phẩm"
    assert len(quantities) == 3 + 10_000 - 40
    assert reading.document is not None
    [total] = [
        q
        for s in reading.document.sections
        for q in s.quantities
        if q.figure and q.figure.words == "10000 sản phẩm"
    ]
    assert len(total.parts) == 40
    assert reading.findings == ()


def test_a_sentence_of_a_hundred_thousand_characters_is_read_and_quoted_around_its_figure() -> None:
    reading = read_text(HEAD + "Có 30 hộ " + "rất " * 25_000 + "." + TAIL)
    assert _figures(reading) == ["87 sản phẩm", "30 hộ", "ít nhất 50 sản phẩm"]
    assert reading.document is not None
    quote = next(q.text for s in reading.document.sections for q in s.quantities if q.id == "q2")
    assert quote is not None and quote.startswith("… Có 30 hộ rất") and len(quote) < 700


def test_an_impossible_date_is_skipped_for_the_next_one() -> None:
    reading = read_text("Ngày 31/02/2025 họp. Ngày 5/3/2025. Đến nay có 87 sản phẩm OCOP.")
    assert reading.document is not None
    assert reading.document.issued_on == date(2025, 3, 5)
    assert _figures(reading) == ["87 sản phẩm"]


def test_a_quantity_the_document_model_refuses_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No figure the reader builds today is refused by the model (the cases above are caught
    # where the figure is read); this is the net under whatever a later rule adds.
    built = reader._quantity

    def with_a_bad_year(*args: Any, **kwargs: Any) -> dict[str, Any]:
        out = built(*args, **kwargs)
        if out.get("figure", {}).get("exact") == 30:
            out["year"] = 3000
        return out

    monkeypatch.setattr(reader, "_quantity", with_a_bad_year)
    reading = read_text(HEAD + "Có 30 hộ tham gia." + TAIL)
    assert _figures(reading) == ["87 sản phẩm", "30 hộ", "ít nhất 50 sản phẩm"]
    assert _quantities(reading) == ["87 sản phẩm", "ít nhất 50 sản phẩm"]
    assert _left_out(reading) == [("30 hộ", "refused")]
    [found] = reading.findings
    assert (found.code, found.location, found.actual) == ("figure_not_read", "dòng 2", "30 hộ")
    assert found.message_en.endswith(
        "(invalid Quantity: year: Input should be less than or equal to 2100)."
    )
    assert [q.id for s in reading.document.sections for q in s.quantities] == ["q1", "q2"]


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Ngày 2/3/2024. Có 87 sản phẩm." + " " * MAX_PROSE_CHARS, "MAX_PROSE_CHARS"),
        ("Ngày 2/3/2024. Có 87 sản phẩm.\x00", None),  # a binary file
        ("Có 87 sản phẩm OCOP.", None),  # no date and no year
        ("   \n ", None),  # no text
    ],
)
def test_what_is_about_the_text_itself_still_refuses_it(text: str, limit: str | None) -> None:
    with pytest.raises(InvalidInput) as raised:
        read_text(text)
    assert raised.value.context.get("limit") == limit


def test_a_table_with_one_absurd_cell_is_left_out_and_the_rest_of_the_file_is_read(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("Ngày 2/3/2024. Đến nay toàn tỉnh có 87 sản phẩm OCOP.")
    document.add_paragraph("Tổng kinh phí là 5.000.000.000.000.000.000 triệu đồng.")
    header = ["Nội dung", "Tổng (tr.đ)", "NSTW", "Vốn doanh nghiệp"]
    for title, total in (("Bảng 1", "1500"), ("Bảng 2", "1" + "0" * 30)):
        document.add_paragraph(title)
        grid = [header, ["Xúc tiến", "1500", "500", "1000"], ["Tổng cộng", total, "500", "1000"]]
        table = document.add_table(rows=3, cols=4)
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    reading = read_file(path)
    assert _figures(reading) == ["87 sản phẩm"]
    assert [(f.code, f.location) for f in reading.findings] == [
        ("figure_not_read", "dòng 2"),
        ("table_not_read", "bảng 2 (Bảng 2)"),
    ]
    assert "cell B3" in reading.findings[1].message_en
    assert reading.document is not None
    [tables] = [s.tables for s in reading.document.sections if s.id == "bang"]
    assert [t.title for t in tables] == ["Bảng 1"]
