"""A province's OCOP portfolio: subjects (chủ thể), their products and certificates.

:class:`Portfolio` is the validated input; :class:`PortfolioTable` holds the
same facts as numpy columns, which is what :func:`ocop.plans.progress`
computes on.  Build the table from a portfolio (:meth:`Portfolio.table`); for
bulk data, from the records a portfolio is read from, with the same checks and
no model objects (:meth:`PortfolioTable.from_records`), or straight from
columns, with fewer checks (:meth:`PortfolioTable.from_columns`).
Unknown facts are ``None`` in the model and ``-1`` in the table: a target that
needs them is then "not evaluable", never guessed.

>>> from datetime import date
>>> from ocop.plans.portfolio import Portfolio
>>> p = Portfolio.model_validate({
...     "subjects": [{"id": "htx-1", "entity_type": "cooperative", "modern_channels": True}],
...     "products": [{"id": "p1", "subject": "htx-1", "district": "Đăk Tô",
...                   "certificates": [{"star": 3, "issued_on": date(2024, 5, 1)}]}]})
>>> p.table().product_count, p.table().certificate_count
(1, 1)
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, Self

import attrs
import numpy as np
import numpy.typing as npt
from pydantic import Field, PrivateAttr, model_validator
from pydantic_core import PydanticSerializationError, to_json

from ocop._records import collection_paused, json_scan, records_validator
from ocop.certificates.model import Certificate, _check_facts
from ocop.dates import day_array
from ocop.errors import InvalidInput, OcopError
from ocop.inputs import InputModel, loads_strict, require_unique
from ocop.limits import MAX_COLLECTION, MAX_INPUT_BYTES, MAX_PORTFOLIO
from ocop.plans.metrics import EntityType
from ocop.plans.targets import ProductGroupCode
from ocop.readonly import frozen_array
from ocop.text import fold

__all__ = ["ENTITY_TYPES", "Portfolio", "PortfolioTable", "Product", "Subject"]

#: Table codes of ``entity_type``: the index in this tuple.
ENTITY_TYPES: tuple[EntityType, ...] = tuple(EntityType)
#: Subject facts a share target may need: each a field of Subject and a column of the table.
SUBJECT_FLAGS = ("modern_channels", "closed_value_chain", "circular_value_chain", "trained")
_NAT = np.datetime64("NaT", "D")
Int8s = npt.NDArray[np.int8]


class Subject(InputModel):
    """An OCOP subject; each flag is ``None`` when not known."""

    id: str = Field(min_length=1)
    entity_type: EntityType = Field(strict=False)
    modern_channels: bool | None = Field(default=None, description="Sells in modern channels.")
    closed_value_chain: bool | None = None
    circular_value_chain: bool | None = None
    trained: bool | None = None


class Product(InputModel):
    """A product of a subject, where it is made, and every certificate it has held."""

    id: str = Field(min_length=1)
    subject: str = Field(min_length=1, description="Id of its subject.")
    name: str | None = None
    district: str | None = Field(default=None, min_length=1)
    commune: str | None = Field(default=None, min_length=1)
    product_group: ProductGroupCode | None = None
    tags: tuple[str, ...] = Field(default=(), strict=False, max_length=MAX_COLLECTION)
    craft_village: bool | None = Field(default=None, description="From a craft village.")
    certificates: tuple[Certificate, ...] = Field(
        default=(), strict=False, max_length=MAX_COLLECTION
    )


class Portfolio(InputModel):
    # fail_fast: a million bad items give one error, not a million (docs/decisions/reliability.md)
    subjects: tuple[Subject, ...] = Field(strict=False, max_length=MAX_PORTFOLIO, fail_fast=True)
    products: tuple[Product, ...] = Field(strict=False, max_length=MAX_PORTFOLIO, fail_fast=True)
    _table: PortfolioTable | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _linked(self) -> Self:
        _links([s.id for s in self.subjects], [(p.id, p.subject) for p in self.products])
        return self

    def table(self) -> PortfolioTable:
        """The portfolio as columns (built on first use; the portfolio is frozen)."""
        if self._table is None:
            products = [
                {**vars(p), "certificates": list(map(vars, p.certificates))} for p in self.products
            ]
            self._table = _table(list(map(vars, self.subjects)), products)
        return self._table


def _links(subjects: list[str], products: list[tuple[str, str]]) -> dict[str, int]:
    """Each subject's row; InvalidInput for an id given twice or an unknown subject."""
    require_unique(subjects, "subject")
    require_unique([p for p, _ in products], "product")
    index = {s: i for i, s in enumerate(subjects)}
    for product, subject in products:
        if subject not in index:
            raise InvalidInput(f"product {product}: unknown subject {subject!r}", product=product)
    return index


#: Table codes of the flags: 1 yes, 0 no, -1 unknown.
_FLAG = {True: 1, False: 0, None: -1}
_ENTITY_CODE = {e: i for i, e in enumerate(ENTITY_TYPES)}


_EPOCH = date(1970, 1, 1).toordinal()
_NAT_ORDINAL = np.iinfo(np.int64).min + _EPOCH  # NaT once the epoch is taken off


def _days(values: list[date | None]) -> npt.NDArray[np.datetime64]:
    """Dates (``None`` for none) as ``datetime64[D]``, by their ordinals: numpy reads a list of
    ``date`` objects one by one, ten times slower."""
    ordinals = [_NAT_ORDINAL if d is None else d.toordinal() for d in values]
    return (np.array(ordinals, dtype=np.int64) - _EPOCH).view("datetime64[D]")


def _field(records: list[dict[str, Any]], name: str, default: Any = None) -> list[Any]:
    """The field ``name`` of each record, ``default`` where it is left out."""
    return list(map(dict.get, records, itertools.repeat(name), itertools.repeat(default)))


def _table(
    subjects: list[dict[str, Any]],
    products: list[dict[str, Any]],
    index: dict[str, int] | None = None,
) -> PortfolioTable:
    """The columns of validated records: a model's fields (``vars``), or the bulk path's
    records, in which a field left out has its default; ``index`` is each subject's row."""
    column = _field

    def given(records: list[dict[str, Any]], name: str) -> list[Any] | None:
        values = column(records, name)
        return None if values.count(None) == len(values) else values

    def dates(name: str) -> npt.NDArray[np.datetime64] | None:
        values = given(certs, name)
        return None if values is None else _days(values)

    index = {s["id"]: i for i, s in enumerate(subjects)} if index is None else index
    held = column(products, "certificates", ())
    certs = [c for cs in held for c in cs]
    return PortfolioTable.from_columns(
        subject_entity=[_ENTITY_CODE[s["entity_type"]] for s in subjects],
        subject_flags={f: list(map(_FLAG.__getitem__, column(subjects, f))) for f in SUBJECT_FLAGS},
        product_subject=list(map(index.__getitem__, column(products, "subject"))),
        product_district=given(products, "district"),
        product_commune=given(products, "commune"),
        product_group=given(products, "product_group"),
        product_tags=column(products, "tags", ()),
        product_craft_village=list(map(_FLAG.__getitem__, column(products, "craft_village"))),
        certificate_product=np.repeat(np.arange(len(products)), list(map(len, held))),
        certificate_star=column(certs, "star"),
        certificate_issued_on=_days(column(certs, "issued_on")),
        certificate_revoked_on=dates("revoked_on"),
        certificate_superseded_on=dates("superseded_on"),
        certificate_re_evaluation_filed_on=dates("re_evaluation_filed_on"),
        certificate_re_evaluation_decided_on=dates("re_evaluation_decided_on"),
    )


@attrs.frozen(slots=True, eq=False)
class PortfolioTable:
    """Columns of a portfolio: subjects (S), products (P) and certificates (C).

    Text columns (district, commune, group) are coded: ``*_codes`` index the
    ``*_names`` tuples, ``-1`` for none.  Flags are int8: 1 yes, 0 no, -1 unknown.
    """

    subject_entity: Int8s
    subject_flags: Mapping[str, Int8s]
    product_subject: npt.NDArray[np.int32]
    district_codes: npt.NDArray[np.int32]
    district_names: tuple[str, ...]
    commune_codes: npt.NDArray[np.int32]
    commune_names: tuple[str, ...]
    group_codes: npt.NDArray[np.int32]
    group_names: tuple[str, ...]
    product_tags: tuple[frozenset[str], ...]
    product_craft_village: Int8s
    certificate_product: npt.NDArray[np.int32]
    certificate_star: Int8s
    certificate_dates: Mapping[str, npt.NDArray[np.datetime64]]

    @property
    def subject_count(self) -> int:
        return int(self.subject_entity.size)

    @property
    def product_count(self) -> int:
        return int(self.product_subject.size)

    @property
    def certificate_count(self) -> int:
        return int(self.certificate_product.size)

    @classmethod
    def from_records(cls, data: object) -> PortfolioTable:
        """The table of a portfolio given as plain data: what :class:`Portfolio` reads, in
        the shape ``json.loads`` makes it (``{"subjects": [...], "products": [...]}``, ISO
        date strings).  Every check :class:`Portfolio` makes is made, with the same
        refusals; no model object is built for a subject, product or certificate.

        Records that the bulk path cannot vouch for (Python values such as a ``date``, a
        refusal of any kind, a text of more than half of MAX_INPUT_BYTES) are read by
        ``Portfolio.model_validate(data).table()``, which decides and words the refusal.
        """
        with collection_paused():
            table = _records_table(data)
        return Portfolio.model_validate(data).table() if table is None else table

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> PortfolioTable:
        """:meth:`from_records` of a JSON text: what ``Portfolio.model_validate_json`` reads,
        with every check it makes and its refusals, without building a model object."""
        with collection_paused():
            table = _json_table(text)
        return Portfolio.model_validate_json(text).table() if table is None else table

    @classmethod
    def from_columns(
        cls,
        *,
        subject_entity: npt.ArrayLike,
        product_subject: npt.ArrayLike,
        certificate_product: npt.ArrayLike,
        certificate_star: npt.ArrayLike,
        certificate_issued_on: npt.ArrayLike,
        subject_flags: dict[str, npt.ArrayLike] | None = None,
        product_district: Sequence[str | None] | None = None,
        product_commune: Sequence[str | None] | None = None,
        product_group: Sequence[str | None] | None = None,
        product_tags: Sequence[Sequence[str]] | None = None,
        product_craft_village: npt.ArrayLike | None = None,
        certificate_revoked_on: npt.ArrayLike | None = None,
        certificate_superseded_on: npt.ArrayLike | None = None,
        certificate_re_evaluation_filed_on: npt.ArrayLike | None = None,
        certificate_re_evaluation_decided_on: npt.ArrayLike | None = None,
    ) -> PortfolioTable:
        """Build from columns, checking lengths, codes and links; unknown flags are ``-1``."""
        entity = _ints(subject_entity, "subject_entity", np.int8, 0, len(ENTITY_TYPES) - 1)
        n_subjects = entity.size
        owner = _ints(product_subject, "product_subject", np.int32, 0, n_subjects - 1)
        n_products = owner.size
        flags = {
            name: _flags((subject_flags or {}).get(name), n_subjects, f"subject_flags[{name}]")
            for name in SUBJECT_FLAGS
        }
        unknown = set(subject_flags or {}) - set(SUBJECT_FLAGS)
        if unknown:
            raise InvalidInput(f"unknown subject flags {sorted(unknown)}; known: {SUBJECT_FLAGS}")
        product = _ints(certificate_product, "certificate_product", np.int32, 0, n_products - 1)
        star = _ints(certificate_star, "certificate_star", np.int8, 3, 5)
        _same_length(star, product, "certificate_star")
        certificate_dates = {
            "issued_on": _dates(certificate_issued_on, product.size, "certificate_issued_on"),
            "revoked_on": _dates(certificate_revoked_on, product.size, "certificate_revoked_on"),
            "superseded_on": _dates(
                certificate_superseded_on, product.size, "certificate_superseded_on"
            ),
            "re_evaluation_filed_on": _dates(
                certificate_re_evaluation_filed_on, product.size, "re_evaluation_filed_on"
            ),
            "re_evaluation_decided_on": _dates(
                certificate_re_evaluation_decided_on, product.size, "re_evaluation_decided_on"
            ),
        }
        if np.isnat(certificate_dates["issued_on"]).any():
            raise InvalidInput("certificate_issued_on has an empty date")
        districts, district_names = _codes(product_district, n_products, "product_district")
        communes, commune_names = _codes(product_commune, n_products, "product_commune")
        groups, group_names = _codes(product_group, n_products, "product_group")
        tags = tuple(map(frozenset, product_tags or [()] * n_products))
        if len(tags) != n_products:
            raise InvalidInput(f"product_tags has {len(tags)} rows, products {n_products}")
        craft = _flags(product_craft_village, n_products, "product_craft_village")
        # Every column in immutable memory: the table is cached by Portfolio.table() and
        # shared by every later answer, and the caller's arrays stay theirs.
        f = frozen_array
        return cls(
            f(entity), MappingProxyType({k: f(v) for k, v in flags.items()}), f(owner),
            f(districts), district_names, f(communes), commune_names, f(groups), group_names,
            tags, f(craft), f(product), f(star),
            MappingProxyType({k: f(v) for k, v in certificate_dates.items()}),
        )  # fmt: skip


# The model validators of Portfolio and Certificate: the bulk path runs both itself.
_RUNS = frozenset({Portfolio._linked, Certificate._consistent})


def _records_table(data: object) -> PortfolioTable | None:
    """The bulk path of :meth:`PortfolioTable.from_records`; ``None`` where it cannot vouch
    for the records, to be decided by the model."""
    if not isinstance(data, dict):
        return None
    scan = json_scan(data)
    if not (scan.json and scan.plain_numbers):
        return None
    try:
        text = to_json(data)
    except PydanticSerializationError:  # text the JSON encoder refuses (a lone surrogate)
        return None
    # The model reads a dict of JSON values as its text (json.dumps: a space after every
    # ',' and ':'), which is at most twice as long as this compact text.
    if 2 * len(text) > MAX_INPUT_BYTES:
        return None
    return _json_values_table(data)


def _json_table(text: str | bytes | bytearray) -> PortfolioTable | None:
    """The bulk path of :meth:`PortfolioTable.from_json` (the values read are let go before
    the cycle collector runs again).  The text is first read by plain ``json.loads``: of
    all the values the strict reading (``loads_strict``) refuses, the records' validator
    refuses every one (a float, NaN, a number too long, nesting too deep: see
    ``ocop._records``) but a key given twice, which plain reading resolves to the last.
    Each key is followed by a colon, so a text with no more colons than the records have
    keys has no key twice; any other text is read strictly, as the model reads it."""
    if not _read_alike(text):
        return None
    if isinstance(text, str | bytes | bytearray) and len(text) <= MAX_INPUT_BYTES:
        try:
            data = json.loads(text)
        except (ValueError, TypeError, RecursionError):  # the model words the refusal
            return None
        colons = text.count(":") if isinstance(text, str) else text.count(b":")
        try:
            return _json_values_table(data, colons) if isinstance(data, dict) else None
        except _KeyMayRepeat:
            pass
    data = loads_strict(text, what=Portfolio.__name__)  # the model's first step, its refusals
    return _json_values_table(data) if isinstance(data, dict) else None


# A JSON escape of a UTF-16 surrogate: Python's reader takes a lone one, pydantic's refuses it.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _read_alike(text: object) -> bool:
    """Whether Python's JSON reader (``loads_strict``) and pydantic's (the model's values)
    read ``text`` alike: UTF-8 without a byte-order mark, no lone surrogate.  Python's also
    reads UTF-16 and UTF-32 bytes and lone surrogates, which pydantic's refuses; such a text
    is left to the model."""
    try:
        if isinstance(text, bytes | bytearray):
            text = bytes(text).decode("utf-8")
        elif isinstance(text, str):
            text.encode("utf-8")
        else:
            return False
    except UnicodeError:
        return False
    return not text.startswith("\ufeff") and _SURROGATE_ESCAPE.search(text) is None


class _KeyMayRepeat(Exception):
    """A text has more colons than its records have keys: read it strictly."""


def _json_values_table(data: dict[str, Any], colons: int | None = None) -> PortfolioTable | None:
    """The table of ``data``, JSON values, if the model would take them; ``None`` for the
    model to decide and word its refusal.  ``colons``: those of the text ``data`` was read
    from by plain ``json.loads`` (see :func:`_json_table`)."""
    try:
        records = records_validator(Portfolio, _RUNS).validate_python(data)
    except Exception:  # a refusal, or a value no validator expected: the model words it
        return None
    subjects, products = list(records["subjects"]), list(records["products"])
    certificates = [c for cs in _field(products, "certificates", ()) for c in cs]
    if colons is not None:  # every record keeps the keys it was given, and only those
        keys = len(records) + sum(map(len, itertools.chain(subjects, products, certificates)))
        if colons != keys:
            raise _KeyMayRepeat
    owners = zip(_field(products, "id"), _field(products, "subject"), strict=True)
    days = zip(_field(certificates, "star"), _field(certificates, "issued_on"), strict=True)
    try:
        index = _links(_field(subjects, "id"), list(owners))
        # Certificate's own checks (the function the model runs): the star and issue day of
        # each certificate once for each pair (a register repeats them); then each record
        # holding more than those two, whole.
        for star, day in set(days):
            _check_facts({"star": star, "issued_on": day})
        for record in certificates:
            if len(record) > 2:
                _check_facts(record)
    except OcopError:
        return None
    return _table(subjects, products, index)


def _same_length(a: npt.NDArray[Any], b: npt.NDArray[Any], name: str) -> None:
    if a.shape != b.shape:
        raise InvalidInput(f"{name} has {a.size} rows, expected {b.size}")


def _ints(values: npt.ArrayLike, name: str, dtype: Any, low: int, high: int) -> npt.NDArray[Any]:
    try:
        array = np.asarray(values)
    except (ValueError, TypeError, OverflowError, RecursionError):  # ragged or too deep
        raise InvalidInput(f"{name} must be a 1-D array of integers", field=name) from None
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise InvalidInput(f"{name} must be a 1-D array of integers, got dtype {array.dtype}")
    if array.size and (array.min() < low or array.max() > high):
        bad = int(np.argmax((array < low) | (array > high)))
        raise InvalidInput(f"{name}[{bad}] = {array[bad]} is outside {low}..{high}", row=bad)
    return array.astype(dtype)


def _flags(values: npt.ArrayLike | None, n: int, name: str) -> Int8s:
    if values is None:
        return np.full(n, -1, dtype=np.int8)
    array = _ints(values, name, np.int8, -1, 1)
    if array.size != n:
        raise InvalidInput(f"{name} has {array.size} rows, expected {n}")
    return array


def _dates(values: npt.ArrayLike | None, n: int, name: str) -> npt.NDArray[np.datetime64]:
    if values is None:
        return np.full(n, _NAT)
    array = day_array(values, name)
    if array.shape != (n,):
        raise InvalidInput(f"{name} has {array.size} rows, expected {n}")
    return array


def _codes(
    values: Sequence[str | None] | None, n: int, name: str
) -> tuple[npt.NDArray[np.int32], tuple[str, ...]]:
    """Code text by its folded form, so 'Đăk Tô' and 'đăk tô' are one district."""
    if values is None:
        return np.full(n, -1, dtype=np.int32), ()
    if len(values) != n:
        raise InvalidInput(f"{name} has {len(values)} rows, expected {n}")
    names: dict[str, int] = {}
    shown: list[str] = []
    codes = np.empty(n, dtype=np.int32)
    for row, value in enumerate(values):
        if value is None:
            codes[row] = -1
            continue
        key = fold(value)
        if key not in names:
            names[key] = len(shown)
            shown.append(value)
        codes[row] = names[key]
    return codes, tuple(shown)
