"""Budget tables from Word and Excel files: rows of cells → :class:`ocop.budget.TableDocument`.

A budget table is recognised from its header rows: a column is a funding
source when a header cell names one in the words of :mod:`ocop.budget`'s
vocabulary or of provincial plans ("NS TW từ Chương trình Nông thôn mới",
"Vốn lồng ghép từ các Chương trình, dự án"; the lowest header cell that
names one wins, as merged headers repeat the upper one), a year ("Năm 2023",
"2023"), or the total ("Tổng cộng", "Tổng kinh phí (tr.đ)").  Below the
header a row is an item ("TT", "Nội dung", "ĐVT", "Số lượng"), a source or
a year named in its first cells ("Năm 2022" under "Phân kỳ kinh phí"), or the
total ("Tổng cộng").  Each figure keeps its printed text and the table is
read with the number convention its own figures decide
(``locale="detect"``), as :mod:`ocop.budget` does; where no figure decides
(every one reads both ways), the notation under which clearly more of the
table's own printed totals hold is taken, and said in its ``where``
(docs/decisions/reading.md).  The unit is the money
unit its title or header prints ("(tr.đ)", "Đơn vị: triệu đồng").  A table
that is not a budget table, or that cannot be read, is refused with a
message naming the table and, where one is to blame, the cell ("C7").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ocop.arguments import exact
from ocop.budget.document import TableDocument
from ocop.budget.reconcile import reconcile
from ocop.budget.vocabulary import Source
from ocop.errors import AmbiguousInput, InvalidInput, OcopError
from ocop.money import Unit
from ocop.read._claims import source_in_words
from ocop.text import fold, show

__all__ = ["table_from_rows"]

_YEAR = re.compile(r"(?:năm\s*)?((?:19|20)\d\d)", re.I)
_UNIT = re.compile(
    r"(?:đơn vị(?: tính)?\s*:?\s*|\()\s*(tr\.?\s?đ|triệu đồng|tỷ đồng|nghìn đồng|đồng)", re.I
)
_LABELS = {
    "tt": "number",
    "stt": "number",
    "noi dung": "name",
    "hang muc": "name",
    "danh muc": "name",
    "nguon von": "name",
    "dvt": "unit",
    "don vi tinh": "unit",
    "so luong": "quantity",
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise InvalidInput(f"a table cell is text or a number, not {show(value)}")
    if isinstance(value, int):
        exact(
            value, "a table cell"
        )  # refuses more than MAX_NUMBER_DIGITS digits: float() overflows
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if not isinstance(value, str):
        raise InvalidInput(f"a table cell is text or a number, not {show(value)}")
    return " ".join(value.split())


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _source(text: str, *, strict: bool = False) -> Source | None:
    try:
        return Source.parse(text)
    except OcopError:
        if strict:
            return None
    return source_in_words(text)  # the reader's one table of the plans' words


def _key(text: str, *, strict: bool = False) -> tuple[str, Any] | None:
    """What a header or row label names: ("source", s), ("year", y) or ("total", None).

    ``strict`` (row labels): a source only when the words are a name of one, never for a
    word they contain ("Nâng cao năng lực chủ thể …" is an item, not the subjects' funds).
    """
    folded = fold(text)
    if not folded:
        return None
    if folded.startswith(("tong", "cong")):
        return ("total", None)
    year = _YEAR.fullmatch(text.strip())
    if year and 2000 <= int(year.group(1)) <= 2100:
        return ("year", int(year.group(1)))
    source = _source(text, strict=strict)
    return None if source is None else ("source", source)


def table_from_rows(
    rows: Sequence[Sequence[object]],
    *,
    id: str,
    title: str,
    where: str | None = None,
    unit: Unit | str | None = None,
    locale: str = "detect",
) -> TableDocument:
    """The budget table printed as ``rows`` of cells (text, numbers or None).

    >>> rows = [["TT", "Nội dung", "Tổng (tr.đ)", "NSTW", "Vốn doanh nghiệp"],
    ...         ["1", "Xúc tiến thương mại", "1.500,5", "500,5", "1000"],
    ...         ["", "Tổng cộng", "1.500,5", "500,5", "1000"]]
    >>> doc = table_from_rows(rows, id="pl", title="Phụ lục")
    >>> doc.locale.value, doc.unit.value, [s.value for s in doc.sources], len(doc.entries)
    ('detect', 'trieu', ['central_budget', 'subjects'], 6)
    """
    if isinstance(rows, str | bytes) or not isinstance(rows, Sequence):
        raise InvalidInput(f"rows are a list of rows of cells, not {show(rows)}")
    grid = []
    for row in rows:
        if isinstance(row, str | bytes) or not isinstance(row, Sequence):
            raise InvalidInput(f"a row is a list of cells, not {show(row)}")
        grid.append([_cell(c) for c in row])
    label = f"table {show(id)}"
    header_end, columns, roles = _header(grid, label)
    found_unit = unit or _unit(title, grid[:header_end], label)
    items: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for r in range(header_end, len(grid)):
        row = grid[r]
        place = _row_key(row, roles, items, r)
        if place is None:
            continue
        for c, column in columns.items():
            text = row[c] if c < len(row) else ""
            if not text or text in {"-", "–"}:
                continue
            entry = _combine(place, column)
            if entry is None:
                raise InvalidInput(
                    f"{label}, cell {_column_name(c)}{r + 1}: a figure where its row and column "
                    f"name the same kind of thing ({show(row[roles.get('name', 0)])})",
                    cell=f"{_column_name(c)}{r + 1}",
                )
            entries.append({**entry, "amount": text, "_cell": f"{_column_name(c)}{r + 1}"})
    if not entries:
        raise InvalidInput(f"{label}: no figure below its header rows")
    sources = list(dict.fromkeys(e["source"] for e in entries if e.get("source") is not None))
    years = sorted({e["year"] for e in entries if e.get("year") is not None})
    data = {
        "id": id,
        "title": title,
        "where": where,
        "unit": found_unit.value if isinstance(found_unit, Unit) else found_unit,
        "locale": locale,
        "sources": [s.value for s in sources],
        "years": years,
        "items": items,
        "entries": [{k: v for k, v in e.items() if k != "_cell"} for e in entries],
        "periods": _periods(title, grid[:header_end]),
    }
    try:
        return TableDocument.model_validate(data)
    except AmbiguousInput as err:
        decided = _by_totals(data) if locale == "detect" else None
        if decided is not None:
            return decided
        cell = _blame(err, entries)
        raise AmbiguousInput(f"{label}{cell}: {err.message}", **err.context) from None
    except OcopError as err:
        cell = _blame(err, entries)
        raise type(err)(f"{label}{cell}: {err.message}", **err.context) from None


_PERIOD = re.compile(r"giai đoạn\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", re.I)


def _periods(title: str, header: list[list[str]]) -> list[dict[str, Any]]:
    """The periods the title and the header cells print ("giai đoạn 2022-2025"), once each."""
    out: list[dict[str, Any]] = []
    places = [("tiêu đề bảng", title)] + [
        (f"tiêu đề cột {_column_name(c)}", text) for row in header for c, text in enumerate(row)
    ]
    seen: set[str] = set()
    for where, text in places:
        for m in _PERIOD.finditer(text):
            start, end = int(m.group(1)), int(m.group(2))
            if m.group() in seen or not 2000 <= start <= end <= 2100:
                continue
            seen.add(m.group())
            out.append({"start": start, "end": end, "where": where, "text": m.group()})
    return out


def _by_totals(data: dict[str, Any]) -> TableDocument | None:
    """The notation under which clearly more of the table's printed totals hold, if one.

    When no figure decides (every one reads both ways: "3,000", "24,250"), the two
    readings differ by a factor of 1000 on the figures with a separator, so at most one
    of them lets the totals the table prints hold.  Chosen only when it holds more than
    half of the totals and more than the other reading; said in the table's ``where``.
    """
    held: dict[str, tuple[int, int, TableDocument]] = {}
    for locale in ("vi", "en"):
        try:
            table = TableDocument.model_validate({**data, "locale": locale})
        except OcopError:
            continue
        result = reconcile(table.build())
        held[locale] = (result.held, result.checked, table)
    if len(held) != 2:
        return None  # one notation cannot read the figures: detection would have said so
    (vi_held, checked, _), (en_held, _, _) = held["vi"], held["en"]
    best = "vi" if vi_held > en_held else "en" if en_held > vi_held else None
    if best is None or 2 * held[best][0] <= checked:
        return None
    other = "en" if best == "vi" else "vi"
    note = (
        f"cách viết số {best}: không số nào tự quyết định, theo các tổng của bảng "
        f"({held[best][0]}/{checked} tổng khớp, đọc kiểu {other}: {held[other][0]}/{checked})"
    )
    where = f"{data['where']}; {note}" if data.get("where") else note
    return TableDocument.model_validate({**data, "locale": best, "where": where})


def _header(
    grid: list[list[str]], label: str
) -> tuple[int, dict[int, tuple[str, Any]], dict[str, int]]:
    """Where the header ends, each figure column's key, and the label columns."""
    for start, row in enumerate(grid[:20]):
        if not any(_key(cell) for cell in row[1:] if cell):
            continue
        columns: dict[int, tuple[str, Any]] = {}
        end = start
        for r in range(start, min(start + 4, len(grid))):
            named = {c: _key(t) for c, t in enumerate(grid[r]) if t}
            if r > start and any(t and _figure_like(t) for t in grid[r]):
                break
            for c, key in named.items():
                if key is not None and (c not in columns or key[0] == "source"):
                    columns[c] = key
            end = r + 1
        roles = {}
        for r in range(max(0, start - 3), end):  # "TT", "Nội dung" may sit above
            for c, text in enumerate(grid[r]):
                role = _LABELS.get(fold(text))
                if role and role not in roles and c not in columns:
                    roles[role] = c
        if sum(1 for k in columns.values() if k[0] != "total") >= 1:
            for c in list(columns):
                if c in roles.values():
                    del columns[c]
            return end, columns, roles
    raise InvalidInput(
        f"{label} is not a budget table: no header row names a funding source or a year "
        "(e.g. 'Ngân sách Trung ương', 'Năm 2023')"
    )


def _figure_like(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s-]+", text)) and any(ch.isdigit() for ch in text)


def _unit(title: str, header: list[list[str]], label: str) -> Unit:
    for text in [title, *(cell for row in header for cell in row)]:
        if m := _UNIT.search(text):
            return Unit.parse(m.group(1).replace(". ", "."))
    raise InvalidInput(
        f"{label}: its title and header print no money unit ('Đơn vị: triệu đồng', '(tr.đ)'); "
        "give unit="
    )


def _row_key(
    row: list[str], roles: dict[str, int], items: list[dict[str, Any]], r: int
) -> dict[str, Any] | None:
    """What a row stands for: an item (added to ``items``), a source, a year or the total."""
    name_col = roles.get("name", 1 if len(row) > 1 else 0)
    name = row[name_col] if name_col < len(row) else ""
    number = row[roles["number"]] if "number" in roles and roles["number"] < len(row) else ""
    labels = [t for t in (number, name) if t]
    if not labels:
        return None
    if "phan ky" in fold(" ".join(labels)):
        return None  # the heading of the years' rows
    for text in labels:
        key = _key(text, strict=True)
        if key is not None:
            kind, value = key
            return {} if kind == "total" else {kind: value}
    if not name:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", fold(number)).strip("-") if number else str(r + 1)
    item: dict[str, Any] = {"id": f"tt{slug}", "name": name}
    if number:
        item["number"] = number
    unit_col = roles.get("unit")
    if unit_col is not None and unit_col < len(row) and row[unit_col]:
        item["unit"] = row[unit_col]
    qty_col = roles.get("quantity")
    if qty_col is not None and qty_col < len(row):
        quantity = row[qty_col].replace(".", "").replace(",", "")
        if quantity.isascii() and quantity.isdigit():
            item["quantity"] = int(quantity)
    if any(i["id"] == item["id"] for i in items):
        item["id"] = f"{item['id']}-r{r + 1}"
    items.append(item)
    return {"item": item["id"]}


def _combine(place: dict[str, Any], column: tuple[str, Any]) -> dict[str, Any] | None:
    kind, value = column
    if kind == "total":
        return dict(place)
    if kind in place:
        return None
    return {**place, kind: value}


def _blame(err: OcopError, entries: list[dict[str, Any]]) -> str:
    value = err.context.get("value")
    cells = [e["_cell"] for e in entries if value is not None and e["amount"] == value]
    return f", cell {cells[0]}" if cells else ""
