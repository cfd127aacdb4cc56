"""Word, Excel and CSV files: their prose read as text, their budget tables as tables.

A .docx gives its paragraphs (read by :func:`ocop.read.read_text`) and its
tables; a .xlsx gives one table per sheet; a .csv one table.  Each table is
read by :func:`ocop.read.table_from_rows`; one that is not a budget table or
cannot be read is reported as the finding ``table_not_read`` (naming the
table and, where one is to blame, the cell), never a crash and never a
guess.  The tables that were read join the document in a budget section
(``bang``), where the checks reconcile them.  python-docx and openpyxl are
the optional extras ``ocop[docx]`` and ``ocop[xlsx]``.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import re
import stat
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from ocop.budget.document import TableDocument
from ocop.errors import AmbiguousInput, InvalidInput, OcopError
from ocop.findings import Finding, finding
from ocop.limits import MAX_INPUT_BYTES, MAX_TABLE_CELLS, MAX_UNPACKED_BYTES
from ocop.read._document import Reading, read_text
from ocop.read._numbers import convention
from ocop.read._sentences import PARAGRAPH_END
from ocop.read._tables import table_from_rows
from ocop.reports.model import Document
from ocop.text import show

__all__ = ["read_file"]

_EXTRA = {".docx": ("docx", "python-docx"), ".xlsx": ("xlsx", "openpyxl")}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def read_file(path: str | os.PathLike[str], *, id: str = "van-ban") -> Reading:
    """The reading of a .docx, .xlsx or .csv file: its prose and its budget tables."""
    if not isinstance(path, str | os.PathLike):
        raise InvalidInput(f"path is a file name, not {show(path)}")
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".docx", ".xlsx", ".csv"):
        raise InvalidInput(f"{show(str(file))}: read_file reads .docx, .xlsx and .csv files")
    _check_size(file)
    if suffix in _EXTRA:
        _check_unpacked(file)
    try:
        if suffix == ".docx":
            prose, grids = _docx(file)
        elif suffix == ".xlsx":
            prose, grids = "", _xlsx(file)
        else:
            rows = _csv(file)
            prose, grids = "", [(_sheet_title(rows, file.stem), rows)]
    except OcopError:
        raise
    except Exception as err:  # python-docx and openpyxl raise their own types on a bad file
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise InvalidInput(f"{show(str(file))} cannot be opened as {suffix}: {reason}") from None
    tables: dict[int, TableDocument] = {}
    failed: dict[int, OcopError] = {}
    for n, (title, rows) in enumerate(grids, 1):
        try:
            tables[n] = table_from_rows(rows, id=f"bang-{n}", title=title or f"Bảng {n}")
        except OcopError as err:
            failed[n] = err
    _same_notation(grids, tables, failed)
    findings = [_not_read(n, grids[n - 1][0], err) for n, err in sorted(failed.items())]
    text = "\n".join([prose, *(t for t, _ in grids)]).strip()
    reading = _prose(text, id) if prose.strip() else None
    read = [tables[n] for n in sorted(tables)]
    return _with_tables(reading, read, findings, id, text or file.stem)


def _notation(table: TableDocument) -> str | None:
    if table.locale.value != "detect":
        return table.locale.value
    found = convention((str(e.amount), 0) for e in table.entries)
    return None if found is None else found.value


def _same_notation(
    grids: list[tuple[str, list[list[object]]]],
    tables: dict[int, TableDocument],
    failed: dict[int, OcopError],
) -> None:
    """A table no figure or total decides takes the notation the file's other tables do.

    The tables of one file are written in one notation (the prose may differ: Kon Tum
    908/2023 writes "134.750" in its text and "134,750" in its appendix).
    """
    decided = {n for n in (_notation(t) for t in tables.values()) if n is not None}
    if len(decided) != 1:
        return
    locale = decided.pop()
    for n, err in list(failed.items()):
        if not isinstance(err, AmbiguousInput):
            continue
        title, rows = grids[n - 1]
        note = f"cách viết số {locale}: như các bảng khác của tệp"
        try:
            tables[n] = table_from_rows(
                rows, id=f"bang-{n}", title=title or f"Bảng {n}", where=note, locale=locale
            )
        except OcopError:
            continue
        del failed[n]


def _check_size(file: Path) -> None:
    try:
        info = os.stat(file)
    except OSError as err:
        raise InvalidInput(f"cannot read {show(str(file))}: {err.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"cannot read {show(str(file))}: not a regular file")
    if info.st_size > MAX_INPUT_BYTES:
        raise InvalidInput(
            f"{show(str(file))} is larger than {MAX_INPUT_BYTES} bytes (limit MAX_INPUT_BYTES)"
        )


def _check_unpacked(file: Path) -> None:
    """Refuse a zip whose parts declare more than MAX_UNPACKED_BYTES, before unzipping any.

    The declared sizes bind: :mod:`zipfile` stops each part at its declared size (and then
    fails its CRC), so a part cannot unzip to more than it declares."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        suffix = file.suffix.lower()
        raise InvalidInput(f"{show(str(file))} cannot be opened as {suffix}: {reason}") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidInput(
            f"{show(str(file))} unzips to {unpacked} bytes, more than {MAX_UNPACKED_BYTES} "
            "(limit MAX_UNPACKED_BYTES)",
            limit="MAX_UNPACKED_BYTES",
        )


def _grid(rows: Iterable[Iterable[object]], where: str) -> list[list[object]]:
    """The rows as lists, refused past MAX_TABLE_CELLS (rows × widest row) while reading."""
    out: list[list[object]] = []
    width = 0
    for row in rows:
        out.append(list(row))
        width = max(width, len(out[-1]))
        if len(out) * width > MAX_TABLE_CELLS:
            raise _too_many_cells(where)
    return out


def _too_many_cells(where: str) -> InvalidInput:
    return InvalidInput(
        f"{where} has more than {MAX_TABLE_CELLS} cells (limit MAX_TABLE_CELLS)",
        limit="MAX_TABLE_CELLS",
    )


def _texts(cells: Sequence[Any]) -> list[object]:
    """The text of each cell of a row; a cell spanning columns is one object, read once."""
    seen: dict[int, str] = {}  # the row holds its cells, so their ids are not reused
    for cell in cells:
        if id(cell) not in seen:
            seen[id(cell)] = cell.text
    return [seen[id(cell)] for cell in cells]


def _import(suffix: str) -> Any:
    extra, package = _EXTRA[suffix]
    try:
        return importlib.import_module("docx" if suffix == ".docx" else "openpyxl")
    except ImportError:
        raise InvalidInput(
            f"reading {suffix} files needs {package}: pip install 'ocop[{extra}]'", extra=extra
        ) from None


def _docx(file: Path) -> tuple[str, list[tuple[str, list[list[object]]]]]:
    docx = _import(".docx")
    document = docx.Document(str(file))
    paragraphs = [p.text for p in document.paragraphs]
    grids = []
    for n, table in enumerate(document.tables, 1):
        # Size from the XML first: python-docx repeats a cell once per column it spans.
        where = f"{show(str(file))}: table {n}"
        spans = [sum(tc.grid_span for tc in tr.tc_lst) for tr in table._tbl.tr_lst]
        if len(spans) * max(spans, default=0) > MAX_TABLE_CELLS:
            raise _too_many_cells(where)
        rows = _grid((_texts(row.cells) for row in table.rows), where)
        grids.append((_title_before(document, table) or "", rows))
    # A Word paragraph always ends its sentence (a line break alone is a wrapped line of a
    # PDF export, joined): each ends with the paragraph separator the splitter honours,
    # one paragraph a line, so that line numbers count paragraphs.
    return f"{PARAGRAPH_END}\n".join(paragraphs), grids


def _title_before(document: Any, table: Any) -> str | None:
    """The last non-empty paragraph before ``table`` (its title, in plans)."""
    title = None
    for block in document.element.body.iterchildren():
        if block is table._tbl:
            return title
        if block.tag.endswith("}p"):
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")).strip()
            title = text or title
    return title


def _xlsx(file: Path) -> list[tuple[str, list[list[object]]]]:
    openpyxl = _import(".xlsx")
    book = openpyxl.load_workbook(str(file), read_only=True, data_only=True)
    try:
        out = []
        for sheet in book.worksheets:
            # The declared size (<dimension ref="A1:XFD1048576"/>) pads every row to it, and
            # may lie; the rows are padded to the widest cell actually present instead.
            sheet.reset_dimensions()
            rows = _grid(sheet.iter_rows(values_only=True), f"{show(str(file))}: {sheet.title}")
            width = max(map(len, rows), default=0)
            rows = [row + [None] * (width - len(row)) for row in rows]
            out.append((_sheet_title(rows, sheet.title), rows))
        return out
    finally:
        book.close()


def _sheet_title(rows: list[list[object]], default: str) -> str:
    """A sheet's title: the first text in its first three rows (the line above the table)."""
    return next((str(c) for r in rows[:3] for c in r if isinstance(c, str) and c), default)


def _csv(file: Path) -> list[list[object]]:
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidInput(
            f"{show(str(file))}: not UTF-8 ({err.reason} at byte {err.start})"
        ) from None
    return _grid(csv.reader(io.StringIO(text)), show(str(file)))


def _prose(text: str, id: str) -> Reading | None:
    try:
        return read_text(text, id=id)
    except InvalidInput as err:
        if "limit" in err.context:
            raise  # too long to read: a refusal, not a document without prose
        return None  # no date, no figure: the tables alone are the document


def _not_read(n: int, title: str, err: OcopError) -> Finding:
    printed = f" ({title[:80]})" if title else ""  # the table's title, as printed
    return finding(
        "table_not_read",
        f"bảng {n}{printed}",
        "a budget table",
        err.code,
        number=n,
        title=printed,
        reason=err.message,
    )


def _with_tables(
    reading: Reading | None,
    tables: list[TableDocument],
    findings: list[Finding],
    id: str,
    text: str,
) -> Reading:
    document = reading.document if reading is not None else None
    if tables:
        data: dict[str, Any]
        if document is not None:
            data = document.model_dump(mode="json", exclude_defaults=True)
        else:
            years = [int(y) for y in _YEAR.findall(text)] or [y for t in tables for y in t.years]
            data = {
                "id": id,
                "title": " ".join(text.split())[:200] or id,
                "kind": "plan",
                "issued_on": date(min(years), 1, 1) if years else date(2000, 1, 1),
                "sections": [],
            }
        data["sections"] = [
            *data["sections"],
            {
                "id": "bang",
                "kind": "budget",
                "title": "Bảng kinh phí",
                "tables": [t.model_dump(mode="json", exclude_defaults=True) for t in tables],
            },
        ]
        document = Document.model_validate(data)
    if reading is None:
        return Reading((), (), (), (), None, document, tuple(findings), ())
    return attrs.evolve(reading, document=document, findings=(*reading.findings, *findings))
