"""Regulation versions as values: each version's rules, read from its data folder.

Every per-regulation value (the sheets' appendix and whether they are encoded,
part maxima, star bands as printed, the recognised stars, the per-star marks,
zero-point knock-outs, the certificate's validity, the re-evaluation window and
decision time, the written notice) lives in one folder per version under
``ocop/data/regulations/`` beside its citation, sources and source strength.
Python holds no per-regulation table: adding a version is its folder plus one
:class:`~ocop.law.Regime` member (docs/contributing.md).

The encoded versions come from a registry that callers cannot change:

>>> from datetime import date
>>> from ocop.regulations import default_regulation, regulation, regulation_on
>>> regulation("148").validity.months
36
>>> regulation_on(date(2024, 1, 1)).id, default_regulation().id
('148/QĐ-TTg', '26/2026/QĐ-TTg')

A version kept elsewhere (a draft, a test's synthetic regulation) is read with
:func:`load` and passed to the functions that apply the law through their
``regulation=`` parameter; it never joins the registry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

import attrs

from ocop import _regulation_files as files
from ocop import _regulation_patch as patch
from ocop._convert import from_model
from ocop.errors import InconsistentData, InvalidInput
from ocop.law import Citation, Regime, SourceStrength, regime_on, regimes
from ocop.text import show

__all__ = [
    "DecisionRule",
    "NoticeRule",
    "Regulation",
    "SheetVersion",
    "StarBand",
    "ValidityRule",
    "WindowRule",
    "default_regulation",
    "load",
    "regulation",
    "regulation_on",
    "regulations",
]

REGULATION_FILE = "regulation.json"


@attrs.frozen(slots=True)
class StarBand:
    """One star's score range as printed: ``low`` ≤ score, then ≤ or < ``high``.

    1048/QĐ-TTg prints whole-number ranges ("70–89"), which leave gaps for
    fractional averages (89.5 falls in none); 148 and 26/2026 print half-open
    ranges ("từ 70 đến dưới 90").  The bands are kept as printed; ruling on
    the gaps belongs to classification, not to this table.
    """

    star: int
    low: int
    high: int
    high_inclusive: bool
    printed: str


@attrs.frozen(slots=True, kw_only=True)
class SheetVersion:
    """What is known of one regulation's scoresheets, part maxima and score bands.

    Each group of values carries its own citation, sources and source strength:
    ``citation`` for the sheets, ``part_maxima_citation`` for Part A/B/C maxima,
    ``bands_citation`` for the star bands.
    """

    regulation: Regime
    appendix: str
    sheet_count: int | None
    encoded: bool
    missing: str | None
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength
    part_maxima: Mapping[str, int]
    part_maxima_citation: Citation
    bands: tuple[StarBand, ...]
    bands_citation: Citation
    bands_sources: tuple[str, ...]
    bands_source_strength: SourceStrength


@attrs.frozen(slots=True, kw_only=True)
class ValidityRule:
    """How long a certificate issued under ``regulation`` is valid."""

    regulation: Regime
    months: int
    printed: str
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength


@attrs.frozen(slots=True, kw_only=True)
class WindowRule:
    """The re-evaluation filing window of 26/2026: from ``opens`` to ``closes`` days before
    expiry (both days included), and the ``decision_days`` allowed once the dossier is complete.
    """

    opens_days_before: int
    closes_days_before: int
    printed: str
    citation: Citation


@attrs.frozen(slots=True, kw_only=True)
class DecisionRule:
    days: int
    printed: str
    citation: Citation


@attrs.frozen(slots=True, kw_only=True)
class NoticeRule:
    """148/QĐ-TTg: the issuing authority notifies the holder in writing before expiry."""

    days_before: int
    printed: str
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength


@attrs.frozen(slots=True, kw_only=True, eq=False)
class Regulation:
    """One regulation version's rules, each beside its citation (read-only).

    ``id`` is the version's name as printed (for an encoded version, its
    ``regime``'s value); ``regime`` is the :class:`~ocop.law.Regime` whose cards
    and certificates it applies to, which results are labelled with.
    ``encoded`` is true for the versions of the registry, false for one read
    with :func:`load`; ``based_on`` names the version whose values it changes
    (an amended version, a draft), if it was written as a patch.
    ``zero_point_knockouts`` maps (sheet, criterion with the note) to the
    criteria on which 0 points knocks the product out.  Two
    regulations are the same value only if they are the same object (each
    :func:`load` reads afresh; the registry hands out one per version).
    """

    id: str
    regime: Regime
    encoded: bool
    based_on: str | None
    folder: Traversable | None = attrs.field(repr=False)
    read_sheets: Callable[[], files.SheetsFile] | None = attrs.field(repr=False)
    sheets: SheetVersion
    recognised_stars: tuple[int, ...]
    recognised_citation: Citation
    marked_stars: tuple[int, ...]
    marks_legend: str | None
    zero_point_knockouts: Mapping[tuple[int, str], tuple[str, ...]]
    five_star_central: Citation | None
    validity: ValidityRule
    re_evaluation_window: WindowRule | None
    re_evaluation_decision: DecisionRule | None
    written_notice: NoticeRule | None

    def __str__(self) -> str:
        return self.id


def regulation(which: Regime | str | Regulation) -> Regulation:
    """An encoded version by :class:`~ocop.law.Regime` or any spelling
    :meth:`~ocop.law.Regime.parse` reads; a :class:`Regulation` is returned as is."""
    if isinstance(which, Regulation):
        return which
    return _registry()[Regime.parse(which)]


def regulations() -> tuple[Regulation, ...]:
    """Every encoded version, oldest first."""
    return tuple(_registry().values())


def regulation_on(on: date) -> Regulation:
    """The version governing a new evaluation on ``on`` (from ``law.json``'s regime table)."""
    return regulation(regime_on(on).regulation)


def default_regulation() -> Regulation:
    """The version in force today and onwards: the open-ended row of ``law.json``."""
    return regulation(regimes()[-1].regulation)


def load(path: str | Path) -> Regulation:
    """Read a regulation version from a folder holding ``regulation.json`` (and its sheets).

    The result is checked like the encoded versions and never joins the
    registry: pass it explicitly, e.g. ``score(card, regulation=reg)``.
    """
    if not isinstance(path, str | Path):
        raise InvalidInput(f"path must be a folder path, got {show(path)}", value=show(path))
    folder = Path(path)
    try:
        found = (folder / REGULATION_FILE).is_file()
    except (OSError, ValueError) as err:  # a name too long for the system, a NUL byte
        raise InvalidInput(
            f"{show(str(folder))} cannot be read: {type(err).__name__}", field="path"
        ) from None
    if not found:
        raise InvalidInput(
            f"{show(str(folder))} holds no {REGULATION_FILE}", value=str(folder), field="path"
        )
    return _build(folder, encoded=False)


@functools.cache
def _registry() -> Mapping[Regime, Regulation]:
    root = resources.files("ocop.data").joinpath("regulations")
    found: dict[Regime, Regulation] = {}
    for folder in sorted(root.iterdir(), key=lambda f: f.name):
        if not folder.is_dir():
            continue
        reg = _build(folder, encoded=True)
        if reg.regime in found:
            raise InconsistentData(
                f"regulations/{folder.name}: {reg.regime.name} already has a folder",
                file=str(folder),
            )
        if reg.id != reg.regime.value:
            raise InconsistentData(
                f"regulations/{folder.name}: id {reg.id!r} is not {reg.regime.value!r}",
                file=str(folder),
                field="id",
            )
        found[reg.regime] = reg
    missing = [r.name for r in Regime if r not in found]
    if missing:
        raise InconsistentData(f"regulations/: no data folder for {', '.join(missing)}")
    return MappingProxyType({r: found[r] for r in Regime})


SheetsReader = Callable[[], files.SheetsFile]


def _build(folder: Traversable, *, encoded: bool) -> Regulation:
    where = f"{folder}/{REGULATION_FILE}"
    data, read_sheets = _resolve(folder, ())
    return build(data, read_sheets, where, folder=folder, encoded=encoded)


def _resolve(folder: Traversable, trail: tuple[str, ...]) -> tuple[object, SheetsReader | None]:
    """A folder's ``regulation.json`` as read, with any ``based_on`` merged in, and the
    reader of its resolved sheets."""
    file = folder.joinpath(REGULATION_FILE)
    data = files.read_json(file)
    return resolve(data, str(file), folder, trail)


def resolve(
    data: object, where: str, folder: Traversable | None, trail: tuple[str, ...] = ()
) -> tuple[object, SheetsReader | None]:
    """``data`` (a regulation file as read) resolved against its ``based_on`` version.

    A draft's ``sheet_changes`` (no folder) or a sheets file of the folder that
    is itself ``based_on`` (a :class:`~ocop._regulation_files.SheetsPatchFile`)
    change the base's sheets; otherwise the base's sheets are kept as they are.
    """
    if not isinstance(data, dict) or "based_on" not in data:
        return data, _sheets_reader(data, folder, where)
    based_on = data["based_on"]
    if not isinstance(based_on, str):
        raise InconsistentData(
            f"{where}: based_on: name an encoded version, got {show(based_on)}",
            file=where,
            field="based_on",
        )
    base_folder = _packaged_folder(based_on, where)
    if base_folder.name in trail:
        raise InconsistentData(
            f"{where}: based_on: {' → '.join((*trail, base_folder.name))} is a cycle",
            file=where,
            field="based_on",
        )
    base_data, base_sheets = _resolve(base_folder, (*trail, base_folder.name))
    changes = {k: v for k, v in data.items() if k not in ("$schema", "sheet_changes")}
    merged = patch.merge(base_data, changes, where)
    regulation_id = merged.get("id") if isinstance(merged, dict) else None
    sheets = data.get("sheets")
    own_file = sheets.get("file") if isinstance(sheets, dict) else None
    if own_file is not None or base_sheets is None:
        return merged, _sheets_reader(merged, folder, where, base=base_sheets)
    sheet_changes = data.get("sheet_changes", {})

    def read_sheets() -> files.SheetsFile:
        edits = files.validate(files.SheetChanges, sheet_changes, f"{where}: sheet_changes")
        return patch.patch_sheets(
            base_sheets(), edits, regulation=str(regulation_id), source={}, where=where
        )

    return merged, read_sheets


def _sheets_reader(
    data: object, folder: Traversable | None, where: str, base: SheetsReader | None = None
) -> SheetsReader | None:
    sheets = data.get("sheets") if isinstance(data, dict) else None
    name = sheets.get("file") if isinstance(sheets, dict) else None
    if not isinstance(name, str) or folder is None:
        return None  # the model check reports a missing or misplaced file name
    file = folder.joinpath(name)

    def read_sheets() -> files.SheetsFile:
        raw = files.read_json(file)
        if not (isinstance(raw, dict) and "based_on" in raw):
            return files.validate(files.SheetsFile, raw, str(file))
        changes = files.validate(files.SheetsPatchFile, raw, str(file))
        based_on = data.get("based_on") if isinstance(data, dict) else None
        if base is None or changes.based_on != based_on:
            raise InconsistentData(
                f"{file}: based_on: the sheets must be based on the regulation's own based_on "
                f"({show(based_on)})",
                file=str(file),
                field="based_on",
            )
        return patch.patch_sheets(
            base(), changes, regulation=changes.regulation, source=changes.source, where=str(file)
        )

    return read_sheets


@functools.cache
def _packaged_folders() -> Mapping[Regime, Traversable]:
    root = resources.files("ocop.data").joinpath("regulations")
    found = {}
    for folder in root.iterdir():
        data = files.read_json(folder.joinpath(REGULATION_FILE)) if folder.is_dir() else None
        if isinstance(data, dict) and data.get("regime") in Regime.__members__:
            found[Regime.__members__[data["regime"]]] = folder
    return MappingProxyType(found)


def _packaged_folder(name: str, where: str) -> Traversable:
    try:
        return _packaged_folders()[Regime.parse(name)]
    except (KeyError, InvalidInput):
        raise InconsistentData(
            f"{where}: based_on: {show(name)} is not an encoded version; one of "
            + ", ".join(r.value for r in _packaged_folders()),
            file=where,
            field="based_on",
        ) from None


def build(
    data: object,
    read_sheets: SheetsReader | None,
    where: str,
    *,
    folder: Traversable | None,
    encoded: bool,
) -> Regulation:
    """A :class:`Regulation` from resolved data, checked as every version is."""
    raw = files.validate(files.RegulationFile, data, where)

    def sources(keys: tuple[str, ...], field: str) -> tuple[str, ...]:
        unknown = [k for k in keys if k not in raw.sources]
        if unknown:
            raise InconsistentData(
                f"{where}: {field}: unknown source keys {unknown}; known: {sorted(raw.sources)}",
                file=where,
                field=field,
            )
        return tuple(raw.sources[k] for k in keys)

    _check(raw, where)
    s, b, v = raw.sheets, raw.bands, raw.validity
    # Each value's fields are the file model's, but for its citation (a model here, a Citation
    # there), its source keys (resolved to the texts they name) and the regime it belongs to.
    sheets = from_model(
        SheetVersion,
        s,
        regulation=raw.regime,
        citation=s.citation.value(),
        sources=sources(s.sources, "sheets.sources"),
        part_maxima=MappingProxyType(dict(raw.part_maxima.values)),
        part_maxima_citation=raw.part_maxima.citation.value(),
        bands=tuple(from_model(StarBand, band) for band in b.rows),
        bands_citation=b.citation.value(),
        bands_sources=sources(b.sources, "bands.sources"),
        bands_source_strength=b.source_strength,
    )
    w, d, n = raw.re_evaluation_window, raw.re_evaluation_decision, raw.written_notice
    return Regulation(
        id=raw.id,
        regime=raw.regime,
        encoded=encoded,
        based_on=raw.based_on,
        folder=folder,
        read_sheets=read_sheets,
        sheets=sheets,
        recognised_stars=raw.recognised.stars,
        recognised_citation=raw.recognised.citation.value(),
        marked_stars=() if raw.marks is None else raw.marks.stars,
        marks_legend=None if raw.marks is None else raw.marks.legend,
        zero_point_knockouts=MappingProxyType(
            {(k.sheet, k.criterion): k.zero_points_on for k in raw.zero_point_knockouts}
        ),
        five_star_central=None if raw.five_star_central is None else raw.five_star_central.value(),
        validity=from_model(
            ValidityRule,
            v,
            regulation=raw.regime,
            citation=v.citation.value(),
            sources=sources(v.sources, "validity.sources"),
        ),
        re_evaluation_window=None
        if w is None
        else from_model(WindowRule, w, citation=w.citation.value()),
        re_evaluation_decision=None
        if d is None
        else from_model(DecisionRule, d, citation=d.citation.value()),
        written_notice=None
        if n is None
        else from_model(
            NoticeRule,
            n,
            citation=n.citation.value(),
            sources=sources(n.sources, "written_notice.sources"),
        ),
    )


def _check(raw: files.RegulationFile, where: str) -> None:
    """What the schema cannot say: the bands run 5★ to 1★ down to 0, the file is named
    exactly when the sheets are encoded, what is missing where they are not, the marks are
    recognised stars."""

    def fail(field: str, message: str) -> None:
        raise InconsistentData(f"{where}: {field}: {message}", file=where, field=field)

    stars = [band.star for band in raw.bands.rows]
    if stars != [5, 4, 3, 2, 1]:
        fail("bands.rows", f"stars must run 5, 4, 3, 2, 1, got {stars}")
    if raw.bands.rows[-1].low != 0:
        fail("bands.rows", "the 1★ band must start at 0")
    for band in raw.bands.rows:
        if band.high < band.low:
            fail("bands.rows", f"the {band.star}★ band ends below its start")
    if raw.sheets.encoded != (raw.sheets.file is not None):
        fail("sheets.file", "name the sheets file exactly when the sheets are encoded")
    # Encoded sheets may still be partial (148: 1 of 26), and then say what is missing.
    if not raw.sheets.encoded and raw.sheets.missing is None:
        fail("sheets.missing", "say what is missing when the sheets are not encoded")
    if sorted(raw.part_maxima.values) != ["A", "B", "C"]:
        fail("part_maxima.values", f"parts must be A, B, C, got {sorted(raw.part_maxima.values)}")
    if raw.marks is not None and not set(raw.marks.stars) <= set(raw.recognised.stars):
        fail("marks.stars", "a star mark must be a recognised star")
    if raw.re_evaluation_window is not None and (
        raw.re_evaluation_window.closes_days_before >= raw.re_evaluation_window.opens_days_before
    ):
        fail("re_evaluation_window", "the window must open before it closes")
