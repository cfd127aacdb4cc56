"""Budget tables and portfolios built from rows: a DataFrame, a structured array or records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

import numpy as np

from ocop.arguments import items as items_of
from ocop.budget.table import BudgetTable, Item, Level, PeriodClaim
from ocop.budget.vocabulary import Source
from ocop.certificates.model import Certificate
from ocop.errors import InconsistentData, InvalidInput, NotFound, OcopError
from ocop.money import Unit
from ocop.plans.portfolio import SUBJECT_FLAGS, Portfolio, Product, Subject
from ocop.tabular import schemas
from ocop.tabular._reading import read_columns
from ocop.text import show

__all__ = ["budget_table_from_frame", "portfolio_from_frame"]

M = TypeVar("M", Subject, Product, Certificate)

_LEVELS: Final = {level.name.lower(): level for level in Level}


def _at(row: int, err: OcopError) -> OcopError:
    """The same error, its message prefixed with the row it came from."""
    context = dict(err.context) | {"row": row}
    return type(err)(f"row {row}: {err.message}", **context)


# --- budget tables ---------------------------------------------------------------------------


def budget_table_from_frame(
    data: object,
    *,
    id: str,
    title: str | None = None,
    unit: Unit | str = Unit.TRIEU,
    items: Sequence[Item] | None = None,
    sources: Sequence[Source | str] | None = None,
    years: Sequence[int] | None = None,
    where: str | None = None,
    periods: Sequence[PeriodClaim] = (),
) -> BudgetTable:
    """A :class:`~ocop.budget.BudgetTable` from long rows ``item, source, year, amount_dong``.

    An empty item, source or year makes the row a total over that axis (as in
    :func:`ocop.budget.table_from_csv`); ``level``, if given, must agree.
    Rows with ``stated`` false are sums :func:`ocop.tabular.frame` computed, not
    figures of the document, and are skipped.  ``items``, ``sources`` and
    ``years`` default to those the rows name, in order of first appearance
    (years sorted; items named by ``item_name`` or else by their id): pass them
    to keep a source or item that has no figure, or to refuse rows naming others.
    """
    if not isinstance(id, str) or not id:
        raise InvalidInput(f"a table id is non-empty text, not {show(id)}")
    cols, n = read_columns(
        data, schemas.BUDGET_TABLE, required=("item", "source", "year", "amount_dong")
    )
    places: dict[tuple[Level, tuple[Any, ...]], int] = {}
    figures: list[tuple[Level, str | None, Source | None, int | None, int]] = []
    names: dict[str, tuple[str, int]] = {}
    for row in range(n):
        stated = cols["stated"][row] if "stated" in cols else True
        if not stated:
            continue
        item, source, year = _place(cols, row)
        level = Level.of(item=item is not None, source=source is not None, year=year is not None)
        given = cols["level"][row] if "level" in cols else None
        if given is not None and _LEVELS.get(given.lower()) is not level:
            raise InvalidInput(
                f"row {row}: level {given!r} does not match its item, source and year, "
                f"which make it {level.name.lower()} (levels: {', '.join(_LEVELS)})",
                row=row,
            )
        key = (level, (item, source, year))
        if key in places:
            raise InvalidInput(
                f"rows {places[key]} and {row} give two figures for the same place "
                f"({item or 'all items'} × {source or 'all sources'} × {year or 'all years'})",
                rows=[places[key], row],
            )
        places[key] = row
        name = cols["item_name"][row] if "item_name" in cols else None
        if item is not None and name is not None:
            first = names.setdefault(item, (name, row))
            if first[0] != name:
                raise InconsistentData(
                    f"rows {first[1]} and {row} name item {item!r} {first[0]!r} and {name!r}",
                    rows=[first[1], row],
                )
        figures.append((level, item, source, year, cols["amount_dong"][row]))
    listed_items = _items(items, figures, names)
    listed_sources = _sources(sources, figures)
    listed_years = tuple(sorted({f[3] for f in figures if f[3] is not None}))
    if years is not None:
        listed_years = items_of(years, "years")
    return _table(
        figures,
        places,
        items=listed_items,
        sources=listed_sources,
        years=listed_years,
        id=id,
        title=id if title is None else title,
        unit=unit,
        where=where,
        periods=periods,
    )


def _place(cols: Mapping[str, list[Any]], row: int) -> tuple[str | None, Source | None, int | None]:
    item = cols["item"][row] or None  # '' is blank, as in a CSV
    text = cols["source"][row] or None
    try:
        source = None if text is None else Source.parse(text)
    except OcopError as err:
        raise _at(row, err) from None
    return item, source, cols["year"][row]


def _items(
    given: Sequence[Item] | None,
    figures: list[tuple[Level, str | None, Source | None, int | None, int]],
    names: Mapping[str, tuple[str, int]],
) -> tuple[Item, ...]:
    if given is None:
        ids = dict.fromkeys(f[1] for f in figures if f[1] is not None)
        return tuple(Item(i, names[i][0] if i in names else i) for i in ids)
    listed = items_of(given, "items")
    for item in listed:
        if not isinstance(item, Item):
            raise InvalidInput(f"items are ocop.budget.Item objects, not {show(item)}")
        if item.id in names and names[item.id][0] != item.name:
            row = names[item.id][1]
            raise InconsistentData(
                f"row {row} names item {item.id!r} {names[item.id][0]!r}, items= {item.name!r}",
                row=row,
            )
    return listed


def _sources(
    given: Sequence[Source | str] | None,
    figures: list[tuple[Level, str | None, Source | None, int | None, int]],
) -> tuple[Source, ...]:
    if given is None:
        return tuple(dict.fromkeys(f[2] for f in figures if f[2] is not None))
    if isinstance(given, str):
        raise InvalidInput(f"sources is a list of sources, not the text {show(given)}")
    return tuple(Source.parse(s) for s in items_of(given, "sources"))


def _table(
    figures: list[tuple[Level, str | None, Source | None, int | None, int]],
    places: Mapping[tuple[Level, tuple[Any, ...]], int],
    *,
    items: tuple[Item, ...],
    sources: tuple[Source, ...],
    years: tuple[int, ...],
    **meta: Any,
) -> BudgetTable:
    positions: dict[str, dict[Any, int]] = {
        "item": {item.id: i for i, item in enumerate(items)},
        "source": {source: i for i, source in enumerate(sources)},
        "year": {year: i for i, year in enumerate(years)},
    }
    sizes = (len(items), len(sources), len(years))
    values: dict[Level, Any] = {}
    stated: dict[Level, Any] = {}
    for level, *place, amount in figures:
        row = places[level, tuple(place)]
        index = []
        for axis, value in zip(("item", "source", "year"), place, strict=True):
            if value is None:
                continue
            if value not in positions[axis]:
                shown = getattr(value, "value", value)
                known = ", ".join(str(getattr(k, "value", k)) for k in positions[axis]) or "none"
                raise NotFound(
                    f"row {row} names {axis} {shown!r}, which the table does not list "
                    f"(its {axis}s: {known})",
                    row=row,
                    value=str(shown),
                )
            index.append(positions[axis][value])
        if level not in values:
            values[level] = np.zeros(level.shape_in(sizes), dtype=np.int64)
            stated[level] = np.zeros(level.shape_in(sizes), dtype=np.bool_)
        values[level][tuple(index)] = amount
        stated[level][tuple(index)] = True
    masks = {level: mask for level, mask in stated.items() if not mask.all()}
    return BudgetTable.from_arrays(
        totals=values, masks=masks, items=items, sources=sources, years=years, **meta
    )


# --- portfolios ------------------------------------------------------------------------------

_SUBJECT: Final = ("entity_type", *SUBJECT_FLAGS)
_PRODUCT: Final = ("product_name", "district", "commune", "product_group", "tags", "craft_village")
_CERTIFICATE: Final = schemas.PORTFOLIO.names[schemas.PORTFOLIO.names.index("star") :]


def portfolio_from_frame(data: object) -> Portfolio:
    """A :class:`~ocop.plans.Portfolio` from rows in the schema :func:`ocop.tabular.frame` gives.

    ``subject``, ``entity_type`` and ``product`` are required; other columns may
    be left out (empty).  A row is a certificate of a product, a product with no
    certificate (every certificate column empty), or a subject with no product
    (``product`` empty).  A subject's or product's facts repeat on each of its
    rows and must agree.  Subjects and products come in the order of their
    first row, certificates in row order.
    """
    cols, n = read_columns(data, schemas.PORTFOLIO, required=("subject", "entity_type", "product"))

    def get(name: str, row: int) -> Any:
        return cols[name][row] if name in cols else (() if name == "tags" else None)

    subjects: dict[str, tuple[dict[str, Any], int]] = {}
    products: dict[str, tuple[dict[str, Any], int]] = {}
    certificates: dict[str, list[Certificate]] = {}
    bare: dict[str, int] = {}  # products given with no certificate: their row
    seen: dict[tuple[Any, ...], int] = {}
    for row in range(n):
        whole = tuple(get(name, row) for name in schemas.PORTFOLIO.names)
        if whole in seen:
            raise InvalidInput(
                f"rows {seen[whole]} and {row} are the same", rows=[seen[whole], row]
            )
        seen[whole] = row
        subject = get("subject", row)
        _agree(subjects, subject, {f: get(f, row) for f in _SUBJECT}, row, "subject")
        product = get("product", row)
        fields = {f: get(f, row) for f in _PRODUCT}
        certificate = {f: get(f, row) for f in _CERTIFICATE}
        if product is None:
            filled = [f for f in (*_PRODUCT, *_CERTIFICATE) if get(f, row) not in (None, ())]
            if filled:
                raise InvalidInput(
                    f"row {row} has no product but gives {', '.join(filled)}", row=row
                )
            continue
        _agree(products, product, fields | {"subject": subject}, row, "product")
        if all(v is None for v in certificate.values()):
            bare[product] = row
        else:
            certificates.setdefault(product, []).append(_certificate(certificate, row))
        if product in bare and product in certificates:
            raise InvalidInput(
                f"product {product!r} has rows with a certificate and row {bare[product]} "
                "without one; leave the certificate-less row out",
                row=bare[product],
            )
    return Portfolio(
        subjects=tuple(_model(Subject, {"id": s} | f, row) for s, (f, row) in subjects.items()),
        products=tuple(
            _model(
                Product,
                {"id": p, "name": f["product_name"], "certificates": certificates.get(p, ())}
                | {k: v for k, v in f.items() if k != "product_name"},
                row,
            )
            for p, (f, row) in products.items()
        ),
    )


def _agree(
    known: dict[str, tuple[dict[str, Any], int]],
    key: str,
    fields: dict[str, Any],
    row: int,
    what: str,
) -> None:
    first = known.setdefault(key, (fields, row))
    for name, value in fields.items():
        if first[0][name] != value:
            raise InconsistentData(
                f"rows {first[1]} and {row} give {what} {key!r} different {name}: "
                f"{show(first[0][name])} and {show(value)}",
                rows=[first[1], row],
                field=name,
            )


def _certificate(fields: Mapping[str, Any], row: int) -> Certificate:
    data = {k: v for k, v in fields.items() if v is not None}
    if "certificate_product" in data:
        data["product"] = data.pop("certificate_product")
    return _model(Certificate, data, row)


def _model(kind: type[M], data: Mapping[str, Any], row: int) -> M:
    try:
        return kind.model_validate(dict(data))
    except OcopError as err:
        raise _at(row, err) from None
