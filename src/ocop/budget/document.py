"""Budget tables and claims as a plan document writes them (validated input, JSON Schema).

A :class:`TableDocument` lists the table's items, sources and years, and its
figures as *entries*: each names an item, a source and a year, or leaves one
out for a total over it, with the amount as printed.  ``locale`` is the
table's number convention, stated by whoever encodes it (or ``"detect"``).
A :class:`Claim` is a sentence of the plan's prose that states a total and
its split by source.

>>> doc = TableDocument.model_validate_json('''{
...   "id": "pl1", "title": "Phụ lục", "unit": "triệu đồng", "locale": "en",
...   "sources": ["central_budget", "subjects"], "years": [2024, 2025],
...   "items": [{"id": "xttm", "name": "Hỗ trợ xúc tiến thương mại"}],
...   "entries": [
...     {"item": "xttm", "source": "central_budget", "amount": "1,000"},
...     {"item": "xttm", "source": "subjects", "amount": "2,500"},
...     {"item": "xttm", "amount": "3,500"}]}''')
>>> table = doc.build()
>>> table.amount(Level.ITEM, 0)
3500000000
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Self

import numpy as np
from pydantic import BeforeValidator, Field, PrivateAttr, WithJsonSchema, model_validator

from ocop import arguments
from ocop.budget._reading import PrintedAmount, read_figures
from ocop.budget.table import BudgetTable, Item, Level, PeriodClaim, span
from ocop.budget.vocabulary import Activity, Source
from ocop.errors import InvalidInput, NotFound, OcopError
from ocop.figures import Figure, Hedge
from ocop.inputs import InputModel, require_unique
from ocop.money import Locale, Unit, from_dong
from ocop.text import show

__all__ = [
    "Budget",
    "Claim",
    "ClaimPart",
    "Entry",
    "ItemSpec",
    "PeriodSpec",
    "TableDocument",
    "table_from_csv",
    "table_from_records",
]


def _source(value: object) -> Source:
    if not isinstance(value, str):
        raise InvalidInput(f"a funding source is a name, not {show(value)}")
    return Source.parse(value)


def _unit(value: object) -> Unit:
    if not isinstance(value, str):
        raise InvalidInput(f"a unit is a name ('triệu đồng'), not {show(value)}")
    return Unit.parse(value)


#: A funding source in an input model, by its code or any name ocop.budget knows for it.
#: The schema says so (a string, with the codes as examples): an enum of codes would
#: refuse the names the validator reads ('ngân sách tỉnh').
SourceName = Annotated[
    Source,
    BeforeValidator(_source),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A funding source: its code or a name ('ngân sách tỉnh', 'NSTW').",
            "examples": [s.value for s in Source],
        }
    ),
]
# The schema lists what the validator reads: codes ("trieu") and labels ("triệu đồng").
UnitName = Annotated[
    Unit,
    BeforeValidator(_unit),
    WithJsonSchema({"enum": [*(u.value for u in Unit), *(u.label_vi for u in Unit)]}),
]
# The number notation, inline in the schema as the values a document writes.
LocaleName = Annotated[
    Locale,
    WithJsonSchema({"enum": [loc.value for loc in Locale], "title": "Locale", "type": "string"}),
]
Year = Annotated[int, Field(ge=2000, le=2100)]


class ItemSpec(InputModel):
    """A line of a table: its id, name as printed, and unit and quantity if given."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: str = Field(min_length=1)
    activity: Activity | None = Field(default=None, strict=False)
    number: str | None = Field(default=None, min_length=1, description="TT as printed.")
    unit: str | None = Field(default=None, min_length=1, description="ĐVT as printed.")
    quantity: int | None = Field(default=None, ge=0, le=10**12)


class PeriodSpec(InputModel):
    """A period the document says the table covers, where it says so, and the words."""

    start: Year
    end: Year
    where: str = Field(min_length=1)
    text: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise InvalidInput(f"period {self.start}–{self.end} ends before it starts")
        return self


class Entry(InputModel):
    """One printed figure.  A missing item, source or year means "total over all of them"."""

    item: str | None = None
    source: SourceName | None = None
    year: Year | None = None
    amount: PrintedAmount = Field(
        description="As printed ('134,750'), or an integer in the table unit."
    )

    @property
    def column(self) -> str:
        return self.source.short if self.source is not None else "Tổng"


class TableDocument(InputModel):
    """One budget table of a plan, as printed."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str = Field(min_length=1)
    where: str | None = Field(default=None, min_length=1, description="e.g. 'Phụ lục 1'.")
    unit: UnitName
    locale: LocaleName = Field(
        strict=False, description="Number convention of the figures, or 'detect'."
    )
    items: tuple[ItemSpec, ...] = Field(default=(), strict=False)
    sources: tuple[SourceName, ...] = Field(min_length=1, strict=False)
    years: tuple[Year, ...] = Field(default=(), strict=False)
    periods: tuple[PeriodSpec, ...] = Field(default=(), strict=False)
    entries: tuple[Entry, ...] = Field(strict=False)
    _table: BudgetTable = PrivateAttr()

    @model_validator(mode="after")
    def _read(self) -> Self:
        if not self.entries:
            raise InvalidInput(f"table {self.id} has no figure: entries must list at least one")
        require_unique((i.id for i in self.items), "item")
        require_unique((s.value for s in self.sources), "source")
        require_unique((str(y) for y in self.years), "year")
        if list(self.years) != sorted(self.years):
            raise InvalidInput(f"table {self.id}: years must be in order, got {list(self.years)}")
        self._table = _build(self)
        return self

    def build(self) -> BudgetTable:
        """The table as arrays (read once, when the document was validated)."""
        return self._table


def _build(doc: TableDocument) -> BudgetTable:
    items = {spec.id: i for i, spec in enumerate(doc.items)}
    sources = {s: i for i, s in enumerate(doc.sources)}
    years = {y: i for i, y in enumerate(doc.years)}
    places: list[tuple[Level, tuple[int, ...]]] = []
    seen: set[tuple[Level, tuple[int, ...]]] = set()
    for entry in doc.entries:
        place = _place(doc.id, entry, items, sources, years)
        if place in seen:
            raise InvalidInput(f"table {doc.id}: two figures for {_where(entry)}", table=doc.id)
        seen.add(place)
        places.append(place)
    amounts = read_figures(
        [(e.column, e.amount) for e in doc.entries], unit=doc.unit, locale=doc.locale
    )
    sizes = (len(doc.items), len(doc.sources), len(doc.years))
    values: dict[Level, Any] = {}
    stated: dict[Level, Any] = {}
    for (level, index), amount in zip(places, amounts, strict=True):
        if level not in values:
            shape = level.shape_in(sizes)
            values[level] = np.zeros(shape, dtype=np.int64)
            stated[level] = np.zeros(shape, dtype=np.bool_)
        values[level][index] = amount
        stated[level][index] = True
    return BudgetTable.from_arrays(
        totals=values,
        masks=stated,
        items=tuple(
            Item(s.id, s.name, s.activity, s.number, s.unit, s.quantity) for s in doc.items
        ),
        sources=doc.sources,
        years=doc.years,
        id=doc.id,
        title=doc.title,
        unit=doc.unit,
        where=doc.where,
        periods=tuple(PeriodClaim(p.start, p.end, p.where, p.text) for p in doc.periods),
    )


def _place(
    table: str,
    entry: Entry,
    items: Mapping[str, int],
    sources: Mapping[Source, int],
    years: Mapping[int, int],
) -> tuple[Level, tuple[int, ...]]:
    index: list[int] = []
    for value, known, what in (
        (entry.item, items, "item"),
        (entry.source, sources, "source"),
        (entry.year, years, "year"),
    ):
        if value is None:
            continue
        if value not in known:
            allowed = ", ".join(str(getattr(k, "value", k)) for k in known) or "none"
            named = show(getattr(value, "value", value))
            raise NotFound(
                f"table {table}: {_where(entry)} names {what} {named}, which the table "
                f"does not list (its {what}s: {allowed})",
                table=table,
                value=named,
            )
        index.append(known[value])  # type: ignore[index]
    level = Level.of(
        item=entry.item is not None, source=entry.source is not None, year=entry.year is not None
    )
    return level, tuple(index)


def _where(entry: Entry) -> str:
    return " × ".join(
        [
            entry.item or "all items",
            entry.source.short if entry.source else "all sources",
            str(entry.year) if entry.year else "all years",
        ]
    )


class ClaimPart(InputModel):
    source: SourceName
    amount: PrintedAmount


class Claim(InputModel):
    """A sentence that states a total and how it splits by source ("trong đó …")."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    where: str = Field(min_length=1)
    text: str = Field(min_length=1, description="The sentence, verbatim.")
    unit: UnitName
    locale: LocaleName = Field(strict=False, description="Number convention of the figures.")
    total: PrintedAmount | None = None
    parts: tuple[ClaimPart, ...] = Field(default=(), strict=False)
    parts_complete: bool = Field(
        default=False,
        description="True when the parts are the whole ('gồm'); 'trong đó' is partial.",
    )
    _amounts: tuple[int | None, tuple[int, ...]] = PrivateAttr()

    @model_validator(mode="after")
    def _read(self) -> Self:
        if self.total is None and not self.parts:
            raise InvalidInput(f"claim {self.id} states neither a total nor parts")
        require_unique((p.source.value for p in self.parts), f"claim {self.id} source")
        figures = [(p.source.short, p.amount) for p in self.parts]
        if self.total is not None:
            figures.append(("Tổng", self.total))
        amounts = read_figures(figures, unit=self.unit, locale=self.locale)
        total = amounts[-1] if self.total is not None else None
        self._amounts = (total, amounts[: len(self.parts)])
        return self

    @property
    def total_dong(self) -> int | None:
        return self._amounts[0]

    @property
    def parts_dong(self) -> tuple[tuple[Source, int], ...]:
        return tuple(zip((p.source for p in self.parts), self._amounts[1], strict=True))

    def as_figures(self) -> tuple[Figure | None, tuple[tuple[Source, Figure], ...]]:
        """The total and the parts as :class:`ocop.figures.Figure` (exact, in the claim's unit).

        A budget claim prints exact amounts; as figures they compare with a
        report's hedged ones (:mod:`ocop.reports`), the sentence kept as words.
        """

        def figure(dong: int) -> Figure:
            return Figure.of(Hedge.EXACT, from_dong(dong, self.unit), words=self.text)

        total = None if self.total_dong is None else figure(self.total_dong)
        return total, tuple((source, figure(v)) for source, v in self.parts_dong)


class Budget(InputModel):
    """A plan's budget: its tables (appendices) and the totals its prose states."""

    tables: tuple[TableDocument, ...] = Field(default=(), strict=False)
    claims: tuple[Claim, ...] = Field(default=(), strict=False)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        require_unique((t.id for t in self.tables), "budget table")
        require_unique((c.id for c in self.claims), "budget claim")
        return self

    def built(self) -> tuple[BudgetTable, ...]:
        return tuple(t.build() for t in self.tables)

    def require_years_within(self, start: int, end: int) -> None:
        """InvalidInput when a table lists a year outside ``start``–``end`` (the plan's)."""
        start = arguments.integer(start, "start", low=1, high=9999)
        end = arguments.integer(end, "end", low=1, high=9999)
        for t in self.tables:
            outside = [y for y in t.years if not start <= y <= end]
            if outside:
                raise InvalidInput(
                    f"budget table {t.id} has year {outside[0]}, outside the plan's period "
                    f"{span(range(start, end + 1))}",
                    table=t.id,
                    year=outside[0],
                )


def table_from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    id: str,
    unit: Unit | str,
    locale: Locale | str,
    sources: Iterable[Source | str] | None = None,
    years: Iterable[int] | None = None,
    items: Iterable[ItemSpec | Mapping[str, Any]] | None = None,
    title: str | None = None,
) -> TableDocument:
    """A table from long records ``{"item", "source", "year", "amount"}``.

    Items, sources and years not given are taken from the records in the
    order they first appear (years sorted); items are then named by their id.
    """
    rows = [
        dict(r) if isinstance(r, Mapping) else _not_mapping(r)
        for r in arguments.items(records, "records")
    ]
    try:  # records hold the caller's values: one that cannot be hashed is not a key
        if sources is None:
            sources = list(dict.fromkeys(r["source"] for r in rows if r.get("source") is not None))
        if years is None:
            years = sorted({r["year"] for r in rows if r.get("year") is not None})
        if items is None:
            ids = dict.fromkeys(r["item"] for r in rows if r.get("item") is not None)
            items = [{"id": i, "name": i} for i in ids]
    except TypeError as err:
        raise InvalidInput(f"records hold values that cannot be keys or be sorted: {err}") from None
    data = {
        "id": arguments.same_kind(id, str, "id"),
        "title": title or id,
        "unit": arguments.choice(unit, Unit, "unit").value,
        "locale": arguments.choice(locale, Locale, "locale").value,
        "sources": [Source.parse(s).value for s in arguments.items(sources, "sources")],
        "years": [arguments.integer(y, "years") for y in arguments.items(years, "years")],
        "items": [
            i if isinstance(i, ItemSpec) else ItemSpec.model_validate(i)
            for i in arguments.items(items, "items")
        ],
        "entries": [Entry.model_validate(r) for r in rows],
    }
    return TableDocument.model_validate(data)


def table_from_csv(text: str, **meta: Any) -> TableDocument:
    """A table from CSV text with a header ``item,source,year,amount`` (blank = total).

    Amounts stay text and are read under ``locale``, so ``"1,000"`` in a CSV
    cell is the printed figure.  ``meta`` is passed to :func:`table_from_records`.
    """
    if not isinstance(text, str):
        raise InvalidInput(f"table_from_csv takes the CSV text, not {type(text).__name__}")
    try:  # csv.Error: a NUL byte, a bare carriage return inside a field
        return _table_from_csv(text, **meta)
    except csv.Error as err:
        raise InvalidInput(f"CSV text cannot be read: {err}") from None


def _table_from_csv(text: str, **meta: Any) -> TableDocument:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if sorted(header) != ["amount", "item", "source", "year"]:
        raise InvalidInput(
            f"CSV header must be item,source,year,amount (any order), got {','.join(header)}"
        )
    records = []
    for line, row in enumerate(reader, start=2):
        if None in row or None in row.values():
            raise InvalidInput(
                f"CSV line {line} does not have the header's {len(header)} fields "
                f"({', '.join(header)})",
                line=line,
            )
        try:
            records.append(
                {
                    "item": row["item"].strip() or None,
                    "source": row["source"].strip() or None,
                    "year": _csv_year(row["year"]),
                    "amount": row["amount"].strip(),
                }
            )
        except (AttributeError, OcopError) as err:
            raise InvalidInput(f"CSV line {line}: {err}", line=line) from None
    return table_from_records(records, **meta)


def _csv_year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):  # "²", "٢٠٢٥", "２０２５" pass isdigit()
        raise InvalidInput(f"year {show(text)} is not a whole number in digits 0-9")
    return int(text)


def _not_mapping(record: object) -> dict[str, Any]:
    raise InvalidInput(f"a record is a mapping with item, source, year, amount; not {show(record)}")
