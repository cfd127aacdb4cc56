"""Pydantic models of a regulation version's data files, and the one reader that uses them.

A regulation version is one folder: ``regulation.json`` (every per-regulation
value beside its citation, sources and source strength) and, where the sheets
are encoded, the sheets file it names.  The models are the files' schema
(:func:`schemas` exports it as JSON Schema; the packaged copies are
``data/regulations/*.schema.json``); :func:`read` turns any flaw into
:class:`~ocop.errors.InconsistentData` naming the file and the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)

from ocop.errors import InconsistentData
from ocop.law import Citation, Regime, SourceStrength
from ocop.text import nfc

M = TypeVar("M", bound=BaseModel)


def _nfc(value: object) -> object:
    if isinstance(value, str) and nfc(value) != value:
        raise ValueError("text must be in Unicode NFC")
    return value


Text = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_nfc)]
Positive = Annotated[int, Field(gt=0)]


def _by_name(cls: type[StrEnum]) -> Any:
    # Data files name enum members by their Python name ("NEWS", "QD26_2026").
    def convert(value: object) -> object:
        if isinstance(value, str) and value in cls.__members__:
            return cls.__members__[value]
        raise ValueError(f"must be one of {sorted(cls.__members__)}")

    return convert


Strength = Annotated[
    SourceStrength,
    BeforeValidator(_by_name(SourceStrength)),
    WithJsonSchema({"enum": sorted(SourceStrength.__members__)}),
]
RegimeName = Annotated[
    Regime,
    BeforeValidator(_by_name(Regime)),
    WithJsonSchema({"enum": sorted(Regime.__members__)}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CitationModel(_Model):
    """A place in an instrument (see :class:`ocop.law.Citation`)."""

    instrument: Text
    dieu: Positive | None = None
    khoan: Positive | None = None
    diem: Text | None = None
    phu_luc: Text | None = None
    mau: Text | None = None
    detail: Text | None = None

    def value(self) -> Citation:
        return Citation(**self.model_dump())


class SourceHeader(_Model):
    """Where the file's values were read, and when."""

    instrument: Text
    where: Text
    read_on: date
    note: Text | None = None


class Sheets(_Model):
    """What is known of the version's scoresheets; ``file`` holds them where encoded."""

    appendix: Text
    sheet_count: Positive | None
    encoded: bool
    missing: Text | None
    file: Text | None
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class PartMaxima(_Model):
    values: dict[Text, Positive]
    citation: CitationModel


class Band(_Model):
    star: Annotated[int, Field(ge=1, le=5)]
    low: Annotated[int, Field(ge=0, le=100)]
    high: Annotated[int, Field(ge=0, le=100)]
    high_inclusive: bool
    printed: Text


class Bands(_Model):
    """The star bands as printed, highest star first."""

    rows: tuple[Band, ...] = Field(min_length=1)
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class Recognised(_Model):
    """The stars that are recognised and certified, and where that is said."""

    stars: tuple[Annotated[int, Field(ge=1, le=5)], ...] = Field(min_length=1)
    citation: CitationModel


class Marks(_Model):
    """The per-star marks printed on the sheets, and their legend as printed."""

    stars: tuple[Annotated[int, Field(ge=1, le=5)], ...] = Field(min_length=1)
    legend: Text


class ZeroPointKnockout(_Model):
    """Zero points on any of ``zero_points_on`` knocks out, by the note under ``criterion``."""

    sheet: Positive
    criterion: Text
    zero_points_on: tuple[Text, ...] = Field(min_length=1)


class Validity(_Model):
    months: Positive
    printed: Text
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class Window(_Model):
    opens_days_before: Positive
    closes_days_before: Positive
    printed: Text
    citation: CitationModel


class Decision(_Model):
    days: Positive
    printed: Text
    citation: CitationModel


class Notice(_Model):
    days_before: Positive
    printed: Text
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class RegulationFile(_Model):
    """``regulation.json``: one regulation version's values, each beside its citation.

    ``sources`` lists each source once by a short key; the groups name their
    sources by key.  ``regime`` is the :class:`~ocop.law.Regime` whose cards and
    certificates the version applies to; ``id`` is its name as printed.
    """

    schema_: str | None = Field(default=None, alias="$schema")
    source: SourceHeader
    regime: RegimeName
    id: Text
    sources: dict[Text, Text]
    sheets: Sheets
    part_maxima: PartMaxima
    bands: Bands
    recognised: Recognised
    marks: Marks | None
    zero_point_knockouts: tuple[ZeroPointKnockout, ...]
    five_star_central: CitationModel | None
    validity: Validity
    re_evaluation_window: Window | None
    re_evaluation_decision: Decision | None
    written_notice: Notice | None


class OptionModel(_Model):
    text: Text
    points: int | None
    min_star: Annotated[int, Field(ge=1, le=5)] | None
    case: Annotated[int, Field(ge=1)] | None


class NodeModel(_Model):
    code: Text
    title: Text
    max_points: Annotated[int, Field(ge=0)] | Text  # text: a misprint an erratum must fix
    options: tuple[OptionModel, ...]
    notes: tuple[Text, ...]
    knockouts: tuple[Text, ...]


class PartModel(_Model):
    part: Text
    label: Text
    max_points: Annotated[int, Field(ge=0)]
    nodes: tuple[NodeModel, ...]


class SheetModel(_Model):
    number: Positive
    product_set: Text
    name: Text
    classification_line: Text | None
    disqualified_when: Text | None
    total: Annotated[int, Field(ge=0)]
    parts: tuple[PartModel, ...]


class ErratumModel(_Model):
    id: Text
    sheets: tuple[Positive, ...] = Field(min_length=1)
    criterion: Text | None
    option: Annotated[int, Field(ge=0)] | None
    field: Text
    printed: JsonValue
    applied: JsonValue
    status: Text
    decision_vi: Text
    decision_en: Text
    reason: Text


class SheetsFile(_Model):
    """The sheets file: every sheet as printed, and the errata the library applies."""

    schema_: str | None = Field(default=None, alias="$schema")
    source: dict[Text, Text]
    regulation: Text
    sheets: tuple[SheetModel, ...] = Field(min_length=1)
    errata: tuple[ErratumModel, ...]


#: Each data file's model, by the name of its packaged JSON Schema.
SCHEMAS: Mapping[str, type[BaseModel]] = {
    "regulation.schema.json": RegulationFile,
    "sheets.schema.json": SheetsFile,
}


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each data file, by file name."""
    return {name: model.model_json_schema(by_alias=True) for name, model in SCHEMAS.items()}


def read(model: type[M], file: Traversable | Path) -> M:
    """Read and validate one data file; every flaw is InconsistentData naming file and field."""
    where = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InconsistentData(f"{where} cannot be read: {err}", file=where) from None
    try:
        json.loads(text)  # a syntax error reads better from json than from pydantic
        return model.model_validate_json(text)
    except ValueError as err:
        if not isinstance(err, ValidationError):
            raise InconsistentData(f"{where} is not valid JSON: {err}", file=where) from None
        first = err.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise InconsistentData(
            f"{where}: {field}: {first['msg']}"
            + (f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""),
            file=where,
            field=field,
        ) from None
