"""A document as printed: sections (a report of results, a budget) of quantities with figures.

A :class:`Document` (a report, a plan, a decision, a news article) holds one
or more :class:`Section`, each with its own area and period: the province's
results and a district's, or the budget of two periods.  A section states
:class:`Quantity` claims: what is counted or paid, its unit, its figure as
printed (:class:`ocop.figures.Figure`), a share of the quantity it is part of
("(chiếm 58,49%)"), a rate ("3 sản phẩm × 40 triệu"), what it is restricted
to (stars, group, district, commune, funding source, kind of subject, year or
period), and its parts ("trong đó …"; "gồm …" when ``parts_complete``).
Parts inherit what they do not say from the quantity they break down.

>>> doc = Document.model_validate_json('''{
...   "id": "bao-cao", "title": "Báo cáo kết quả OCOP", "kind": "report",
...   "province": "Kon Tum", "issued_on": "2024-06-01",
...   "sections": [{"id": "tinh", "kind": "report", "as_of": "2024-06-01",
...     "quantities": [{"id": "san-pham", "what": "sản phẩm OCOP", "unit": "sản phẩm",
...       "figure": 87, "stars": {"min": 3},
...       "parts": [{"id": "5-sao", "stars": {"min": 5, "max": 5}, "figure": 2},
...                 {"id": "4-sao", "stars": {"min": 4, "max": 4}, "figure": 29},
...                 {"id": "3-sao", "stars": {"min": 3, "max": 3}, "figure": 56}]}]}]}''')
>>> [q.id for q in doc.sections[0].walk()]
['san-pham', 'san-pham.5-sao', 'san-pham.4-sao', 'san-pham.3-sao']
>>> doc.province_on(date(2026, 1, 1)).province.full_name
'tỉnh Quảng Ngãi'
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

import attrs
from pydantic import BeforeValidator, Field, model_validator

from ocop.admin import ProvinceOnDate, province_of
from ocop.budget.document import SourceName, TableDocument
from ocop.dates import day, require_date
from ocop.errors import InvalidInput, NotFound
from ocop.figures import Figure, Hedge
from ocop.inputs import InputModel, require_unique
from ocop.money import Unit
from ocop.plans.documents import Years
from ocop.plans.metrics import EntityType
from ocop.plans.targets import Stars
from ocop.text import fold, show

__all__ = [
    "Area",
    "Document",
    "Measure",
    "MeasureKind",
    "Placed",
    "Quantity",
    "Rate",
    "Section",
    "measure_of",
]

_ID = r"^[a-z0-9][a-z0-9._-]*$"


class MeasureKind(StrEnum):
    MONEY = "money"  # đồng, at the scale printed (triệu, tỷ)
    COUNT = "count"  # products, subjects, villages … (the noun says which)
    PERCENT = "percent"
    POINTS = "points"  # điểm of a scoresheet
    RATE = "rate"  # money per thing: "triệu đồng/sản phẩm" (the noun says per what)


@attrs.frozen(slots=True)
class Measure:
    """What a unit as printed measures: its kind, đồng per unit (money), the noun counted."""

    kind: MeasureKind
    factor: int
    noun: str | None
    label: str

    def same_as(self, other: Measure) -> bool:
        """Figures in the two can be added (tỷ and triệu đồng can; products and subjects not)."""
        if not isinstance(other, Measure):
            raise InvalidInput(f"other is a Measure, not {show(other)}", field="other")
        return self.kind is other.kind and self.noun == other.noun


_PERCENT = ("%", "phần trăm", "percent")
_POINTS = ("điểm", "points")
# Folded once: measure_of runs once per quantity of a document (thousands for a long one).
_PERCENT_FOLDED = frozenset(fold(p) for p in _PERCENT)
_POINTS_FOLDED = frozenset(fold(p) for p in _POINTS)


def measure_of(unit: str) -> Measure:
    """The measure of a unit as printed: ``"tỷ đồng"``, ``"sản phẩm"``, ``"%"``, ``"điểm"``.

    >>> measure_of("triệu đồng/sản phẩm").kind.value, measure_of("chủ thể").noun
    ('rate', 'chu the')
    """
    if not isinstance(unit, str) or not unit.strip():
        raise InvalidInput(f"a unit is a non-empty name ('sản phẩm', 'tỷ đồng'), not {show(unit)}")
    # A document names a handful of units, once per quantity: each is parsed once (a str
    # subclass, whose hashing is its own, is parsed every time).
    return _measure(unit) if type(unit) is str else _measure.__wrapped__(unit)


@functools.lru_cache(maxsize=1024)
def _measure(unit: str) -> Measure:
    folded = fold(unit)
    if folded in _PERCENT_FOLDED:
        return Measure(MeasureKind.PERCENT, 1, None, "%")
    if folded in _POINTS_FOLDED:
        return Measure(MeasureKind.POINTS, 1, None, "điểm")
    amount, slash, per = unit.partition("/")
    money = _money(amount)
    if slash and money is not None and per.strip():
        label = f"{money.label_vi}/{per.strip()}"
        return Measure(MeasureKind.RATE, money.factor, fold(per), label)
    if slash or money is None:
        return Measure(MeasureKind.COUNT, 1, folded, unit.strip())
    return Measure(MeasureKind.MONEY, money.factor, None, money.label_vi)


def _money(text: str) -> Unit | None:
    try:
        return Unit.parse(text)
    except (InvalidInput, NotFound):
        return None


def _unit(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"a unit is a name ('sản phẩm', 'tỷ đồng'), not {show(value)}")
    measure_of(value)
    return value


UnitName = Annotated[str, BeforeValidator(_unit)]


class Rate(InputModel):
    """An amount written as a count times an amount each: "3 sản phẩm × 40 triệu"."""

    count: Figure = Field(strict=False)
    each: Figure = Field(strict=False)
    unit: UnitName = Field(description="Money unit of 'each', e.g. 'triệu đồng'.")
    per: str = Field(default="sản phẩm", min_length=1, description="What is counted.")

    @model_validator(mode="after")
    def _money(self) -> Self:
        if measure_of(self.unit).kind is not MeasureKind.MONEY:
            raise InvalidInput(f"a rate is an amount of money each, not {show(self.unit)}")
        if Hedge.REMAINDER in (self.count.hedge, self.each.hedge):
            raise InvalidInput("a rate's count and amount are printed figures, not 'còn lại'")
        return self


class Quantity(InputModel):
    """One figure a section states, what it is of, and how it breaks down."""

    id: str = Field(pattern=_ID, description="Unique among its siblings.")
    what: str | None = Field(
        default=None,
        min_length=1,
        description="What is counted or paid: 'sản phẩm OCOP', 'kinh phí', 'doanh thu'.",
    )
    unit: UnitName | None = Field(default=None, description="'sản phẩm', 'tỷ đồng', '%', 'điểm'.")
    figure: Figure | None = Field(default=None, strict=False)
    share: Figure | None = Field(
        default=None, strict=False, description="Percent of the quantity it is part of, as printed."
    )
    share_of: str | None = Field(
        default=None,
        min_length=1,
        description="Id path of the base of the share, if not the parent.",
    )
    rate: Rate | None = None
    stars: Stars | None = None
    group: str | None = Field(default=None, min_length=1, description="Product group as printed.")
    district: str | None = Field(default=None, min_length=1)
    commune: str | None = Field(default=None, min_length=1)
    source: SourceName | None = Field(default=None, description="Funding source (ocop.budget).")
    subject_kind: EntityType | None = Field(default=None, strict=False)
    year: int | None = Field(default=None, ge=2000, le=2100)
    period: Years | None = None
    parts: tuple[Quantity, ...] = Field(default=(), strict=False)
    parts_complete: bool = Field(
        default=False, description="True when the parts are the whole ('gồm'); 'trong đó' is not."
    )
    where: str | None = Field(default=None, min_length=1, description="e.g. 'Mục I.2'.")
    text: str | None = Field(default=None, min_length=1, description="The sentence, verbatim.")

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if self.figure is None and self.rate is None and self.share is None:
            raise InvalidInput(
                f"quantity {self.id}: give a figure, a rate or a share (or several)", id=self.id
            )
        if self.year is not None and self.period is not None:
            raise InvalidInput(f"quantity {self.id}: give a year or a period, not both", id=self.id)
        if self.parts_complete and not self.parts:
            raise InvalidInput(f"quantity {self.id}: parts_complete but no parts", id=self.id)
        require_unique((p.id for p in self.parts), f"quantity {self.id} part")
        remainders = [p.id for p in self.parts if p.is_remainder]
        if len(remainders) > 1:
            raise InvalidInput(
                f"quantity {self.id}: only one part can be 'còn lại' ({', '.join(remainders)})",
                id=self.id,
            )
        if remainders and self.is_remainder:
            raise InvalidInput(f"quantity {self.id}: a remainder cannot break down into one")
        return self

    @property
    def is_remainder(self) -> bool:
        return self.figure is not None and self.figure.hedge is Hedge.REMAINDER

    @property
    def share_only(self) -> bool:
        """Printed as a share alone ("67,3% sản phẩm 3 sao"): that share of its base."""
        return self.figure is None and self.rate is None


class Area(InputModel):
    """Where a section's figures are for; the province is the document's unless named."""

    province: str | None = Field(default=None, min_length=1)
    district: str | None = Field(default=None, min_length=1)
    commune: str | None = Field(default=None, min_length=1)

    def __str__(self) -> str:
        return ", ".join(v for v in (self.commune, self.district, self.province) if v) or "—"


class Section(InputModel):
    """One report or budget within a document, with its area and its period (or date)."""

    id: str = Field(pattern=_ID)
    kind: Literal["report", "budget", "plan"]
    title: str | None = Field(default=None, min_length=1)
    area: Area = Area()
    period: Years | None = Field(default=None, description="The years the figures are for.")
    as_of: date | None = Field(default=None, description="'Đến nay': the date of a count.")
    quantities: tuple[Quantity, ...] = Field(default=(), strict=False)
    tables: tuple[TableDocument, ...] = Field(
        default=(), strict=False, description="Budget tables (ocop.budget), budget sections only."
    )

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if not self.quantities and not self.tables:
            raise InvalidInput(f"section {self.id} states nothing: give quantities or tables")
        if self.tables and self.kind != "budget":
            raise InvalidInput(f"section {self.id}: tables belong in a budget section")
        require_unique((q.id for q in self.quantities), f"section {self.id} quantity")
        for q in self.quantities:
            if q.is_remainder:
                raise InvalidInput(f"quantity {q.id}: 'còn lại' is a part of another quantity")
            if q.what is None or q.unit is None:
                raise InvalidInput(f"quantity {q.id}: a top-level quantity names its what and unit")
        if self.period is not None:
            for t in self.tables:
                outside = [y for y in t.years if not self.period.start <= y <= self.period.end]
                if outside:
                    raise InvalidInput(
                        f"section {self.id}: table {t.id} has year {outside[0]}, outside "
                        f"the section's period {self.period}"
                    )
        return self

    def walk(self) -> Iterator[Placed]:
        """Every quantity and part, depth first, with what it inherits filled in."""
        for q in self.quantities:
            yield from _walk(q, None, self)


@attrs.frozen(slots=True, eq=False)
class Placed:
    """A quantity in its place: its id path, parent, and what it inherits from its parents."""

    quantity: Quantity
    id: str
    parent: Placed | None
    what: str
    unit: str
    measure: Measure
    facets: tuple[tuple[str, Any], ...]  # stars, group, district, … inherited or own
    years: tuple[int, int] | None
    quote: str | None
    where: str | None

    def facet(self, name: str) -> Any:
        """The facet ``name`` ("stars", "group", …), own or inherited; None when not stated."""
        if not isinstance(name, str):
            raise InvalidInput(f"a facet's name is text, not {show(name)}", field="name")
        return dict(self.facets).get(name)

    def ancestors(self) -> Iterator[Placed]:
        up = self.parent
        while up is not None:
            yield up
            up = up.parent


_FACETS = ("stars", "group", "district", "commune", "source", "subject_kind")


def _walk(q: Quantity, parent: Placed | None, section: Section) -> Iterator[Placed]:
    def inherit(name: str) -> Any:
        own = getattr(q, name)
        return own if own is not None or parent is None else parent.facet(name)

    if q.year is not None:
        years: tuple[int, int] | None = (q.year, q.year)
    elif q.period is not None:
        years = (q.period.start, q.period.end)
    elif parent is not None:
        years = parent.years
    else:
        years = None if section.period is None else (section.period.start, section.period.end)
    unit = q.unit or (parent.unit if parent else "")
    placed = Placed(
        quantity=q,
        id=q.id if parent is None else f"{parent.id}.{q.id}",
        parent=parent,
        what=q.what or (parent.what if parent else ""),
        unit=unit,
        measure=measure_of(unit),
        facets=tuple((name, inherit(name)) for name in _FACETS),
        years=years,
        quote=q.text or (parent.quote if parent else None),
        where=q.where or (parent.where if parent else None),
    )
    if parent is not None and not placed.measure.same_as(parent.measure):
        raise InvalidInput(
            f"quantity {placed.id} is in {placed.unit}, its total in {parent.unit}: "
            "parts are counted in the total's measure",
            id=placed.id,
        )
    yield placed
    for part in q.parts:
        yield from _walk(part, placed, section)


class Document(InputModel):
    """A document as printed, in sections each with its area and period.

    ``province`` is the issuing province as it was named then
    (:meth:`province_on` gives the one it is part of on a later date); ``None``
    for a national document (the programme's own reports, national news).
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    kind: Literal["report", "plan", "decision", "news"]
    province: str | None = Field(default=None, min_length=1, description="None: national.")
    issuer: str | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, min_length=1, description="Số hiệu, when known.")
    issued_on: date
    url: str | None = None
    sections: tuple[Section, ...] = Field(min_length=1, strict=False)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        require_unique((s.id for s in self.sections), "section")
        if self.province is not None:
            province_of(self.province, on=self.issued_on)  # NotFound for an unknown province
        for s in self.sections:
            for placed in s.walk():
                q = placed.quantity
                if q.share is not None and q.share_of is None and placed.parent is None:
                    raise InvalidInput(
                        f"quantity {placed.id}: a share of a top-level quantity names its base "
                        "(share_of)"
                    )
                if q.share_of is not None:
                    self.find(s, q.share_of)
        return self

    def find(self, section: Section, path: str) -> Placed:
        """The quantity at id path ``path`` ("san-pham.4-sao") in ``section``."""
        if not isinstance(section, Section):
            raise InvalidInput(f"section is a Section, not {show(section)}", field="section")
        if not isinstance(path, str):
            raise InvalidInput(f"path is an id path (text), not {show(path)}", field="path")
        for placed in section.walk():
            if placed.id == path:
                return placed
        raise NotFound(f"section {section.id} has no quantity {show(path)}", id=show(path))

    def province_on(self, on: date) -> ProvinceOnDate:
        """The province the issuing province is, or belongs to, on ``on``."""
        if self.province is None:
            raise InvalidInput(f"{self.id} is a national document; it has no province")
        return province_of(self.province, on=require_date(on, "on"))

    def label(self, lang: str = "vi") -> str:
        """Number, issuer and date in one line; ``lang="en"`` writes the date ISO and a
        national document's issuer in English."""
        when = day(self.issued_on, lang)  # reads lang first: one refusal of a bad one
        number = self.number or "(no number)"
        national = "toàn quốc" if lang == "vi" else "national"
        issuer = self.issuer or self.province or national
        return f"{number} — {issuer}, {when}"
