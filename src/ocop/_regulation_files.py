"""Pydantic models of a regulation version's data files, and the one reader that uses them.

A regulation version is one folder: ``regulation.json`` (every per-regulation
value beside its citation, sources and source strength) and, where the sheets
are encoded, the sheets file it names.  The models are the files' schema
(:func:`schemas` exports it as JSON Schema; the packaged copies are
``data/regulations/*.schema.json``).  ``law.json`` (the instruments, the regime
table and the transitional rules) is read through :class:`LawFile`, schema
``data/law.schema.json``; :func:`read` turns any flaw into
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
from ocop.law import Citation, EvaluationKind, InstrumentKind, Regime, SourceStrength
from ocop.text import nfc, show

M = TypeVar("M", bound=BaseModel)


def _nfc(value: object) -> object:
    if isinstance(value, str) and nfc(value) != value:
        raise ValueError("text must be in Unicode NFC")
    return value


Text = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_nfc)]
Positive = Annotated[int, Field(gt=0)]


def by_name(cls: type[StrEnum]) -> Any:
    # Data files name enum members by their Python name ("NEWS", "QD26_2026").
    def convert(value: object) -> object:
        if isinstance(value, str) and value in cls.__members__:
            return cls.__members__[value]
        raise ValueError(f"{show(value)} is not one of {sorted(cls.__members__)}")

    return convert


Strength = Annotated[
    SourceStrength,
    BeforeValidator(by_name(SourceStrength)),
    WithJsonSchema({"enum": sorted(SourceStrength.__members__)}),
]
RegimeName = Annotated[
    Regime,
    BeforeValidator(by_name(Regime)),
    WithJsonSchema({"enum": sorted(Regime.__members__)}),
]
KindName = Annotated[
    InstrumentKind,
    BeforeValidator(by_name(InstrumentKind)),
    WithJsonSchema({"enum": sorted(InstrumentKind.__members__)}),
]
EvaluationName = Annotated[
    EvaluationKind,
    BeforeValidator(by_name(EvaluationKind)),
    WithJsonSchema({"enum": sorted(EvaluationKind.__members__)}),
]


def _day(value: object) -> object:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{show(value)} is not a YYYY-MM-DD date") from None
    return value


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]


class FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CitationModel(FileModel):
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


class SourceHeader(FileModel):
    """Where the file's values were read, and when."""

    instrument: Text
    appendix: Text | None = None
    where: Text
    read_on: Day
    note: Text | None = None


class Sheets(FileModel):
    """What is known of the version's scoresheets; ``file`` holds them where encoded."""

    appendix: Text
    sheet_count: Positive | None
    encoded: bool
    missing: Text | None
    file: Text | None
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class PartMaxima(FileModel):
    values: dict[Text, Positive]
    citation: CitationModel


class Band(FileModel):
    star: Annotated[int, Field(ge=1, le=5)]
    low: Annotated[int, Field(ge=0, le=100)]
    high: Annotated[int, Field(ge=0, le=100)]
    high_inclusive: bool
    printed: Text


class Bands(FileModel):
    """The star bands as printed, highest star first."""

    rows: tuple[Band, ...] = Field(min_length=1)
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class Recognised(FileModel):
    """The stars that are recognised and certified, and where that is said."""

    stars: tuple[Annotated[int, Field(ge=1, le=5)], ...] = Field(min_length=1)
    citation: CitationModel


class Marks(FileModel):
    """The per-star marks printed on the sheets, and their legend as printed."""

    stars: tuple[Annotated[int, Field(ge=1, le=5)], ...] = Field(min_length=1)
    legend: Text


class ZeroPointKnockout(FileModel):
    """Zero points on any of ``zero_points_on`` knocks out, by the note under ``criterion``."""

    sheet: Positive
    criterion: Text
    zero_points_on: tuple[Text, ...] = Field(min_length=1)


class Validity(FileModel):
    months: Positive
    printed: Text
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class Window(FileModel):
    opens_days_before: Positive
    closes_days_before: Positive
    printed: Text
    citation: CitationModel


class Decision(FileModel):
    days: Positive
    printed: Text
    citation: CitationModel


class Notice(FileModel):
    days_before: Positive
    printed: Text
    citation: CitationModel
    sources: tuple[Text, ...]
    source_strength: Strength


class RegulationFile(FileModel):
    """``regulation.json``: one regulation version's values, each beside its citation.

    ``sources`` lists each source once by a short key; the groups name their
    sources by key.  ``regime`` is the :class:`~ocop.law.Regime` whose cards and
    certificates the version applies to; ``id`` is its name as printed.
    ``based_on`` names the version this one was resolved from (see :func:`merge`).
    """

    schema_: str | None = Field(default=None, alias="$schema")
    based_on: Text | None = None
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


class OptionModel(FileModel):
    text: Text
    points: int | None
    min_star: Annotated[int, Field(ge=1, le=5)] | None
    case: Annotated[int, Field(ge=1)] | None


class NodeModel(FileModel):
    code: Text
    title: Text
    max_points: Annotated[int, Field(ge=0)] | Text  # text: a misprint an erratum must fix
    options: tuple[OptionModel, ...]
    notes: tuple[Text, ...]
    knockouts: tuple[Text, ...]


class PartModel(FileModel):
    part: Text
    label: Text
    max_points: Annotated[int, Field(ge=0)]
    nodes: tuple[NodeModel, ...]


class SheetModel(FileModel):
    number: Positive
    product_set: Text
    name: Text
    classification_line: Text | None
    disqualified_when: Text | None
    total: Annotated[int, Field(ge=0)]
    parts: tuple[PartModel, ...]


class ErratumModel(FileModel):
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


class SheetsFile(FileModel):
    """The sheets file: every sheet as printed, and the errata the library applies."""

    schema_: str | None = Field(default=None, alias="$schema")
    source: dict[Text, Text]
    regulation: Text
    sheets: tuple[SheetModel, ...] = Field(min_length=1)
    errata: tuple[ErratumModel, ...]


class MarkChange(FileModel):
    """A star mark set on (``min_star``: 3, 4 or 5) or removed from (``null``) one option."""

    option: Annotated[int, Field(ge=0)]
    min_star: Annotated[int, Field(ge=1, le=5)] | None


class CriterionChange(FileModel):
    """One criterion changed on the named sheets (``sheets`` omitted: every sheet that has it).

    ``options`` replaces the criterion's options (its maximum becomes the best option's
    points unless ``max_points`` is given); ``marks`` sets or removes star marks by option
    index, after ``options``.  The groups above are not recomputed: a change that breaks
    a sum is reported by the checks every version passes.
    """

    sheets: tuple[Positive, ...] | None = Field(default=None, min_length=1)
    criterion: Text
    max_points: Annotated[int, Field(ge=0)] | None = None
    options: tuple[OptionModel, ...] | None = Field(default=None, min_length=1)
    marks: tuple[MarkChange, ...] = ()


class SheetChanges(FileModel):
    """What a version changes in its base's sheets: whole sheets replaced, added or removed
    by number, then criteria changed; ``errata`` are added to the base's errata that
    concern sheets kept as they were."""

    replace: tuple[SheetModel, ...] = ()
    add: tuple[SheetModel, ...] = ()
    remove: tuple[Positive, ...] = ()
    criteria: tuple[CriterionChange, ...] = ()
    errata: tuple[ErratumModel, ...] = ()


class SheetsPatchFile(SheetChanges):
    """A sheets file that gives only what differs from the sheets of ``based_on``."""

    schema_: str | None = Field(default=None, alias="$schema")
    based_on: Text
    source: dict[Text, Text | None]  # null drops the base's note (on a sheet replaced)
    regulation: Text


class InstrumentModel(FileModel):
    """One legal instrument of ``law.json`` (see :class:`ocop.law.Instrument`)."""

    number: Text
    kind: KindName
    issuer: Text
    signer: Text | None = None
    signed_on: Day
    effective_from: Day
    in_force_until: Day | None = None
    end_basis: Text | None = None
    ended_by: CitationModel | None = None
    replaced_by: tuple[Text, ...]
    amends: tuple[Text, ...]
    amended_by: tuple[Text, ...]
    title_vi: Text
    summary_en: Text
    sources: tuple[Text, ...]
    source_strength: Strength
    source_note: Text
    unverified: tuple[Text, ...]
    notes: tuple[Text, ...]


class SpanModel(FileModel):
    """A row of ``law.json``'s regime table (see :class:`ocop.law.RegimeSpan`)."""

    regime: RegimeName
    starts_on: Day
    ends_on: Day | None = None
    instruments: tuple[Text, ...]
    citations: tuple[CitationModel, ...]
    source_strength: Strength
    notes: tuple[Text, ...]


class PeriodModel(FileModel):
    """A period counted per the Civil Code (see :class:`ocop.law.Period`)."""

    counted_from: Day
    days: Positive | None = None
    months: Positive | None = None
    next_working_day: bool = False


class RuleModel(FileModel):
    """A transitional rule of ``law.json`` (see :class:`ocop.law.TransitionalRule`)."""

    id: Text
    citation: CitationModel
    description_vi: Text
    description_en: Text
    applies_from: Day
    applies_until: Day | None = None
    period: PeriodModel | None = None
    computation: Text | None = None
    filed_before: Day | None = None
    recognised_before: Day | None = None
    evaluation_kinds: tuple[EvaluationName, ...]
    continuing_regime: RegimeName | None = None
    max_days_after_expiry: Positive | None = None


class LawFile(FileModel):
    """``law.json``: the instruments, the regime table and the transitional rules."""

    schema_: str | None = Field(default=None, alias="$schema")
    source: SourceHeader
    instruments: tuple[InstrumentModel, ...]
    regimes: tuple[SpanModel, ...] = Field(min_length=1)
    transitional_rules: tuple[RuleModel, ...]


#: Each data file's model, by the path of its packaged JSON Schema under ``ocop/data``.
SCHEMAS: Mapping[str, type[BaseModel]] = {
    "regulations/regulation.schema.json": RegulationFile,
    "regulations/sheets.schema.json": SheetsFile,
    "regulations/sheets-patch.schema.json": SheetsPatchFile,
    "law.schema.json": LawFile,
}


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each data file, by its path under ``ocop/data``."""
    from ocop._taxonomy_files import MappingsFile, TaxonomyFile  # they import this module
    from ocop.certificates._authority_file import AuthorityFile

    models: dict[str, type[BaseModel]] = {
        **SCHEMAS,
        "authority.schema.json": AuthorityFile,
        "taxonomy/taxonomy.schema.json": TaxonomyFile,
        "taxonomy/mappings.schema.json": MappingsFile,
    }
    found = {name: model.model_json_schema(by_alias=True) for name, model in models.items()}
    found["regulations/regulation-patch.schema.json"] = _patch_schema(
        found["regulations/regulation.schema.json"]
    )
    return found


def _patch_schema(schema: dict[str, Any]) -> dict[str, Any]:
    # A regulation.json written "based_on" another gives only what differs: the same
    # fields, none required but based_on and id (ocop._regulation_patch merges them).
    def loosen(node: object) -> object:
        if isinstance(node, dict):
            return {k: loosen(v) for k, v in node.items() if k != "required"}
        if isinstance(node, list):
            return [loosen(v) for v in node]
        return node

    loose = loosen(schema)
    assert isinstance(loose, dict)
    return {
        **loose,
        "title": "RegulationPatch",
        "description": "A regulation.json that names the version it is based_on and gives only "
        "the values that differ (objects merge, other values replace; bands.rows merge by star).",
        "required": ["based_on", "id"],
    }


def read(model: type[M], file: Traversable | Path) -> M:
    """Read and validate one data file; every flaw is InconsistentData naming file and field."""
    text = _read_text(file)
    _parse(text, str(file))  # a syntax error reads better from json than from pydantic
    return _validate(model, text, str(file))


def _read_text(file: Traversable | Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InconsistentData(f"{file} cannot be read: {err}", file=str(file)) from None


def _parse(text: str, where: str) -> object:
    try:
        return json.loads(text)
    except ValueError as err:
        raise InconsistentData(f"{where} is not valid JSON: {err}", file=where) from None


def read_json(file: Traversable | Path) -> object:
    """A data file's JSON, as read; every flaw is InconsistentData naming the file."""
    return _parse(_read_text(file), str(file))


def validate(model: type[M], raw: object, where: str) -> M:
    """Validate an already parsed data file (as read from JSON) against its model."""
    try:
        text = json.dumps(raw, ensure_ascii=False)
    except (TypeError, ValueError) as err:
        raise InconsistentData(f"{where} is not JSON data: {err}", file=where) from None
    return _validate(model, text, where)


def _validate(model: type[M], text: str, where: str) -> M:
    try:
        return model.model_validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top)"
        # pydantic's words for a few common flaws, in the words of the other readers.
        if first["type"] in ("model_type", "dict_type", "model_attributes_type"):
            message = f"{field}: expected an object"
        elif first["type"] == "extra_forbidden":
            message = f"unknown fields [{show(str(first['loc'][-1]))}] in {field}"
        else:  # "star_marks.3 'TOWN' is not one of …", "title: Field required"
            text = str(first["msg"]).removeprefix("Value error, ")
            message = f"{field} {text}" if text.startswith("'") else f"{field}: {text}"
        raise InconsistentData(
            f"{where}: {message}"
            + (f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""),
            file=where,
            field=field,
        ) from None
