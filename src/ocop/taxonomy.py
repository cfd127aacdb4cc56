"""OCOP product classification per regulation version, and mappings between versions.

Each version is a tree: product group (Roman numeral) → nhóm (Arabic number) →
phân nhóm (letter).  Every leaf is a *product set* (bộ sản phẩm): the unit a
scoresheet is written for.  A nhóm without phân nhóm is itself the product set.
Codes are composed from the printed labels (``"I.3.c"``); no official code exists.

>>> from ocop.law import Regime
>>> t = taxonomy(Regime.QD26_2026)
>>> s = t.product_set("I.3.c")
>>> s.name_vi, s.sheet_number, s.ministries
('Chế biến từ rau, củ, quả, hạt', 7, ('Bộ Nông nghiệp và Môi trường',))
>>> t.find("che").code            # folded exact match: the nhóm "Chè"
'I.5'
>>> map_product_set("Ca cao", KON_TUM_908_2023, Regime.QD26_2026).kind
<MappingKind.MERGED: 'merged'>
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Final, TypeVar

import attrs

from ocop import _taxonomy_files as files
from ocop._convert import from_model
from ocop._regulation_files import read
from ocop._taxonomy_files import MappingKind
from ocop.arguments import same_kind
from ocop.dates import require_date
from ocop.errors import (
    AmbiguousInput,
    InconsistentData,
    InvalidInput,
    NotEncoded,
    NotFound,
    OcopWarning,
)
from ocop.law import Citation, Regime, SourceStrength, regime_on, regime_span, weakest
from ocop.text import fold, lookup, nfc, show

__all__ = [
    "KON_TUM_908_2023",
    "PRODUCT_CODE_PATTERN",
    "DataSource",
    "MappingKind",
    "Nhom",
    "ProductGroup",
    "ProductSet",
    "SetMapping",
    "Taxonomy",
    "TreeLevel",
    "looks_like_code",
    "map_product_set",
    "mappings",
    "taxonomy",
    "taxonomy_on",
    "versions",
]

#: Version id of the taxonomy printed in Kế hoạch 908/KH-UBND (Kon Tum, 31/3/2023).
KON_TUM_908_2023: Final = "kon-tum-908-2023"

VersionId = Regime | str

_DATA_FILES: Final = (
    "qd1048_2019.json",
    "qd148_2023.json",
    "qd26_2026.json",
    "kon_tum_908_2023.json",
)
_ROMAN: Final = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class TreeLevel(StrEnum):
    """The level of the tree a product set sits at."""

    GROUP = "group"  # a group with no nhóm is itself the category (Kon Tum plan, tourism)
    NHOM = "nhom"
    PHAN_NHOM = "phan_nhom"


@attrs.frozen(slots=True)
class DataSource:
    """Where a data file's content was read."""

    instrument: str
    appendix: str
    where_obtained: str
    urls: tuple[str, ...]
    date_read: date
    strength: SourceStrength


@attrs.frozen(slots=True)
class ProductSet:
    """A leaf of the classification: one bộ sản phẩm (one scoresheet where numbered).

    ``ministries`` raises :class:`~ocop.errors.NotEncoded` where the source's ministry
    column was not read (``ministries_known`` is then ``False``).  ``verified`` is
    ``False`` where the row's wording was not read and is assumed (see ``note``).
    """

    code: str
    name_vi: str
    version: VersionId
    level: TreeLevel
    group_code: str
    nhom_code: str | None
    sheet_number: int | None
    sheet_title: str | None
    _ministries: tuple[str, ...] | None = attrs.field(repr=False)
    verified: bool = True
    note: str | None = None

    @property
    def ministries(self) -> tuple[str, ...]:
        """Managing ministries (cơ quan chủ trì quản lý), verbatim as printed."""
        if self._ministries is None:
            raise NotEncoded(
                f"managing ministries of product set {self.code} ({self.name_vi}) in "
                f"{self.version} are not encoded: {self.note or 'not read'}",
                code=self.code,
                version=str(self.version),
            )
        return self._ministries

    @property
    def ministries_known(self) -> bool:
        return self._ministries is not None


@attrs.frozen(slots=True)
class Nhom:
    """A nhóm; ``is_product_set`` when it has no phân nhóm (its only set has its code)."""

    code: str
    name_vi: str
    group_code: str
    product_sets: tuple[ProductSet, ...]
    verified: bool = True

    @property
    def is_product_set(self) -> bool:
        return len(self.product_sets) == 1 and self.product_sets[0].code == self.code


@attrs.frozen(slots=True)
class ProductGroup:
    """A top-level product group (``own_set`` where the group itself is the category)."""

    code: str
    name_vi: str
    nhoms: tuple[Nhom, ...]
    own_set: ProductSet | None = None
    verified: bool = True
    note: str | None = None

    @property
    def product_sets(self) -> tuple[ProductSet, ...]:
        if self.own_set is not None:
            return (self.own_set,)
        return tuple(s for n in self.nhoms for s in n.product_sets)


Node = ProductGroup | Nhom | ProductSet
_N = TypeVar("_N", bound=Node)


@attrs.frozen(slots=True)
class Taxonomy:
    """One version of the classification, with its source and tolerant lookups."""

    version: VersionId
    regimes: tuple[Regime, ...]
    title: str
    citation: Citation
    source: DataSource
    groups: tuple[ProductGroup, ...]
    in_force_from: date | None
    notes: tuple[str, ...]
    has_sheet_numbers: bool
    sheets_missing: str | None = attrs.field(default=None, repr=False)

    @property
    def source_strength(self) -> SourceStrength:
        return self.source.strength

    def nhoms(self) -> tuple[Nhom, ...]:
        return tuple(n for g in self.groups for n in g.nhoms)

    def product_sets(self) -> tuple[ProductSet, ...]:
        """Every product set, in the order printed."""
        return tuple(s for g in self.groups for s in g.product_sets)

    def product_set(self, query: str) -> ProductSet:
        """The product set with this code, name or scoresheet title (case/diacritics-tolerant)."""
        return self._lookup(query, self.product_sets(), "product set")

    def group(self, query: str) -> ProductGroup:
        return self._lookup(query, self.groups, "product group")

    def nhom(self, query: str) -> Nhom:
        return self._lookup(query, self.nhoms(), "nhóm")

    def find(self, query: str) -> Node:
        """A group, nhóm or product set by code or name; where a nhóm is itself a product
        set, the product set is returned."""
        # A group or nhóm that is itself a product set answers as the product set.
        nodes: list[Node] = [g for g in self.groups if g.own_set is None]
        nodes += [n for n in self.nhoms() if not n.is_product_set]
        nodes += self.product_sets()
        return self._lookup(query, nodes, "group, nhóm or product set")

    def by_sheet(self, number: int) -> ProductSet:
        """The product set of scoresheet (Bộ sản phẩm) ``number``."""
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidInput(
                f"scoresheet number must be an int, got {show(number)}", value=show(number)
            )
        if not self.has_sheet_numbers:
            raise NotEncoded(
                f"{self.version}: scoresheet numbers are not encoded ({self.sheets_missing})",
                version=str(self.version),
            )
        for s in self.product_sets():
            if s.sheet_number == number:
                return s
        count = len(self.product_sets())
        raise NotFound(
            f"{self.version} has no scoresheet {show(number)}; allowed: 1..{count}",
            value=show(number),
            allowed=f"1..{count}",
        )

    def _lookup(self, query: str, nodes: Iterable[_N], what: str) -> _N:
        if not isinstance(query, str):
            raise InvalidInput(
                f"{what} must be given as a str (code or name), got {type(query).__name__} "
                f"{show(query)}",
                value=show(query),
            )
        if query.strip() and not fold(query):  # e.g. a lone combining accent: would match all
            raise InvalidInput(
                f"{what} {show(query)} has no letters or digits once diacritics are removed",
                value=query,
            )
        buckets = _buckets(nodes)
        if looks_like_code(query):  # "II.3" is inside "III.3": codes match whole or not at all
            buckets = {key: nodes for key, nodes in buckets.items() if looks_like_code(key)}
        try:
            bucket = lookup(query, buckets, what=what, substring=not looks_like_code(query))
        except AmbiguousInput as err:
            names = err.context.get("readings", [])
            nodes = _unique(buckets[n] for n in names)
            raise _ambiguous(query, what, self.version, nodes) from None
        except NotFound:
            raise NotFound(
                f"no {what} in {self.version} matches {show(query)}; "
                "give a code (e.g. 'I.3.c') or a name as printed (diacritics optional)",
                value=query,
                version=str(self.version),
            ) from None
        if len(bucket) > 1:  # one printed name shared by several nodes
            raise _ambiguous(query, what, self.version, bucket)
        return bucket[0]


@attrs.frozen(slots=True)
class SetMapping:
    """Which product set(s) of ``target_version`` an older category became."""

    source_version: VersionId
    source: ProductSet
    target_version: VersionId
    kind: MappingKind
    targets: tuple[ProductSet, ...]
    reason: str
    citation: Citation
    source_strength: SourceStrength
    verified: bool = True

    @property
    def target_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.targets)


# ---------------------------------------------------------------- public functions


def versions() -> tuple[VersionId, ...]:
    """Every version that has a taxonomy: the regimes, then the provincial plans."""
    return tuple(Regime(k) if k in Regime._value2member_map_ else k for k in _registry())


def taxonomy(version: VersionId) -> Taxonomy:
    """The classification of ``version`` (a :class:`~ocop.law.Regime`, its value, or a
    provincial id such as :data:`KON_TUM_908_2023`).  Weak sources warn (OcopWarning)."""
    t = _taxonomy(_resolve(version))
    _warn_if_weak(t)
    return t


def taxonomy_on(on: date) -> Taxonomy:
    """The national classification in force on ``on`` (the newest decision in force).

    Dossiers still evaluated under 148/QĐ-TTg after 22/5/2026 (26/2026/QĐ-TTg Điều 12
    khoản 2) must ask for ``taxonomy(Regime.QD148_2023)`` explicitly.
    """
    # The law registry is the one table of dates: the regime of a new evaluation
    # on ``on`` names the classification (RuleNotInForce before 1048).
    return taxonomy(regime_on(require_date(on)).regulation)


def map_product_set(
    code_or_name: str, from_version: VersionId, to_version: VersionId | None = None
) -> SetMapping:
    """What the category ``code_or_name`` of ``from_version`` became in ``to_version``
    (default: the default regulation)."""
    source_key, target_key = _resolve(from_version), _resolve(_or_default(to_version))
    source = _taxonomy(source_key).product_set(code_or_name)
    return _mapping_table(source_key, target_key)[source.code]


def mappings(
    from_version: VersionId, to_version: VersionId | None = None
) -> tuple[SetMapping, ...]:
    """The mapping of every category of ``from_version`` (total: one entry per set;
    ``to_version`` defaults to the default regulation)."""
    source_key, target_key = _resolve(from_version), _resolve(_or_default(to_version))
    table = _mapping_table(source_key, target_key)
    return tuple(table[s.code] for s in _taxonomy(source_key).product_sets())


def _or_default(version: VersionId | None) -> VersionId:
    if version is None:
        from ocop.regulations import default_regulation  # read on use, never at import

        return default_regulation().regime
    return version


# ---------------------------------------------------------------- loading


def _resolve(version: object) -> str:
    """The registry key for a version given as a Regime, its value/name, or a plan id."""
    registry = _registry()
    if isinstance(version, Regime):
        return _canonical(version)
    if not isinstance(version, str):
        raise InvalidInput(
            f"version must be an ocop.law.Regime or a str, got {type(version).__name__} "
            f"{show(version)}; allowed: {', '.join(map(str, registry))}",
            value=show(version),
        )
    names: dict[str, str] = {}
    for key in registry:
        names[key] = key
        if key in Regime._value2member_map_:
            names[Regime(key).name] = key
    try:
        return _canonical(lookup(version, names, what="taxonomy version"))
    except AmbiguousInput as err:
        # "148" names both 148 and 148+1489, which share one classification.
        keys = {_canonical(names[name]) for name in err.context.get("readings", [])}
        if len(keys) == 1:
            return keys.pop()
        raise


def _canonical(key: str) -> str:
    """Regimes sharing one classification (148 and 148+1489) resolve to its data key."""
    entry = _registry()[key]
    return entry.file.version if entry.shared else str(key)  # a str: one cache entry


@attrs.frozen(slots=True)
class _Entry:
    """A registry entry: a file's classification, under its own regime or another's."""

    file: files.TaxonomyFile
    shared: bool = False  # the file's tree under another regime it lists (148+1489)
    amendment: files.Amendment | None = None  # the tree as an amendment renamed it


@functools.cache
def _registry() -> dict[str, _Entry]:
    """Version key → its file (one entry per regime or plan id), loaded once."""
    registry: dict[str, _Entry] = {}
    folder = resources.files("ocop.data").joinpath("taxonomy")
    for name in _DATA_FILES:
        data = read(files.TaxonomyFile, folder.joinpath(name))
        registry[data.version] = _Entry(data)
        for regime in data.regimes:
            if regime.value != data.version:
                registry[regime.value] = _Entry(data, shared=True)
        for amendment in data.amendments:
            registry[amendment.regime.value] = _Entry(data, amendment=amendment)
    return registry


@functools.cache
def _taxonomy(key: str) -> Taxonomy:
    if _canonical(key) != key:
        return _taxonomy(_canonical(key))
    return _build(key, _registry()[key])


def _build(key: str, entry: _Entry) -> Taxonomy:
    data, amendment = entry.file, entry.amendment
    version: VersionId = Regime(key) if key in Regime._value2member_map_ else key
    renames: Mapping[str, str] = amendment.renames if amendment else {}
    missing_ministries = data.ministries_missing
    groups = []
    for gi, g in enumerate(data.groups):
        gcode = _expect_label(g.label, _ROMAN[gi], key)
        nhoms = []
        for ni, n in enumerate(g.nhom):
            ncode = f"{gcode}.{_expect_label(n.label, str(ni + 1), key)}"
            rows: list[tuple[str, str, files.ProductSetRow]]
            if n.phan_nhom is not None:
                rows = [
                    (f"{ncode}.{_expect_label(p.label, chr(ord('a') + pi), key)}", p.name_vi, p)
                    for pi, p in enumerate(n.phan_nhom)
                ]
                level = TreeLevel.PHAN_NHOM
            else:
                assert n.leaf is not None  # the model requires one of them
                rows, level = [(ncode, n.name_vi, n.leaf)], TreeLevel.NHOM
            sets = tuple(
                _product_set(
                    code, name, row, version, level, gcode, ncode, renames, missing_ministries
                )
                for code, name, row in rows
            )
            nhoms.append(
                Nhom(
                    code=ncode,
                    name_vi=_text(renames.get(ncode, n.name_vi)),
                    group_code=gcode,
                    product_sets=sets,
                    verified=n.verified,
                )
            )
        own = None
        if g.leaf is not None:
            own = _product_set(
                gcode,
                g.name_vi,
                g.leaf,
                version,
                TreeLevel.GROUP,
                gcode,
                None,
                {},
                missing_ministries,
            )
        groups.append(
            ProductGroup(
                code=gcode,
                name_vi=_text(g.name_vi),
                nhoms=tuple(nhoms),
                own_set=own,
                verified=g.verified,
                note=g.note,
            )
        )
    src = data.source
    notes = [_text(x) for x in data.notes]
    urls = list(src.urls)
    title = data.title
    regimes = data.regimes
    if amendment:
        notes.append(_text(amendment.note))
        urls.append(amendment.url)
        regimes = (amendment.regime,)
        title = f"{title}, as amended by {amendment.in_force_citation.instrument}"
    taxonomy_ = Taxonomy(
        version=version,
        regimes=regimes,
        title=_text(title),
        citation=data.citation.value(),
        source=from_model(DataSource, src, urls=tuple(urls)),
        groups=tuple(groups),
        # Dates live in ocop.law only; a provincial plan's taxonomy has none.
        in_force_from=regime_span(regimes[0]).starts_on if regimes else None,
        notes=tuple(notes),
        has_sheet_numbers=data.has_sheet_numbers,
        sheets_missing=data.sheets_missing,
    )
    _validate(taxonomy_, data.expected_counts.model_dump())
    return taxonomy_


def _product_set(
    code: str,
    name_vi: str,
    row: files.ProductSetRow,
    version: VersionId,
    level: TreeLevel,
    group_code: str,
    nhom_code: str | None,
    renames: Mapping[str, str],
    missing_ministries: str | None,
) -> ProductSet:
    ministries = row.ministries
    note = row.note or (missing_ministries if ministries is None else None)
    return ProductSet(
        code=code,
        name_vi=_text(renames.get(code, name_vi)),
        version=version,
        level=level,
        group_code=group_code,
        nhom_code=nhom_code,
        sheet_number=row.sheet_number,
        sheet_title=None if row.sheet_title is None else _text(row.sheet_title),
        ministries=None if ministries is None else tuple(_text(m) for m in ministries),
        verified=row.verified,
        note=note,
    )


def _validate(t: Taxonomy, expected: Mapping[str, int]) -> None:
    """Refuse data whose counts, codes or sheet numbers contradict themselves."""
    sets = t.product_sets()
    counts = {"groups": len(t.groups), "nhom": len(t.nhoms()), "product_sets": len(sets)}
    if counts != dict(expected):
        raise InconsistentData(
            f"taxonomy {t.version}: counts {counts} differ from the expected {dict(expected)}",
            version=str(t.version),
        )
    codes = [g.code for g in t.groups] + [n.code for n in t.nhoms()]
    codes += [s.code for s in sets if s.level is TreeLevel.PHAN_NHOM]
    if len(codes) != len(set(codes)):
        raise InconsistentData(f"taxonomy {t.version}: duplicate codes", version=str(t.version))
    numbers = [s.sheet_number for s in sets]
    if t.has_sheet_numbers and sorted(n or 0 for n in numbers) != list(range(1, len(sets) + 1)):
        raise InconsistentData(
            f"taxonomy {t.version}: sheet numbers must be 1..{len(sets)} once each, got {numbers}",
            version=str(t.version),
        )
    if not t.has_sheet_numbers and any(n is not None for n in numbers):
        raise InconsistentData(
            f"taxonomy {t.version}: sheet numbers given but not declared", version=str(t.version)
        )


def _expect_label(label: str, expected: str, key: str) -> str:
    # Labels are printed in sequence (I, II …; 1, 2 …; a, b …): a gap means a lost row.
    if label != expected:
        raise InconsistentData(
            f"taxonomy {key}: label {show(label)} found where {show(expected)} was expected",
            version=key,
        )
    return label


def _text(value: str) -> str:
    if not isinstance(value, str) or value != nfc(value).strip() or not value:
        raise InconsistentData(f"taxonomy text is not stripped NFC: {show(value)}")
    return value


# ---------------------------------------------------------------- mappings


@functools.cache
def _mapping_table(source_key: str, target_key: str) -> dict[str, SetMapping]:
    source, target = _taxonomy(source_key), _taxonomy(target_key)
    if source_key == target_key:
        return {
            s.code: SetMapping(
                source_version=source.version,
                source=s,
                target_version=target.version,
                kind=MappingKind.SAME,
                targets=(s,),
                reason="Same version.",
                citation=target.citation,
                source_strength=source.source_strength,
                verified=s.verified,
            )
            for s in source.product_sets()
        }
    tables = _mapping_data()
    entries = tables.get((source_key, target_key))
    if entries is None:
        encoded = "; ".join(f"{a} → {b}" for a, b in tables)
        raise NotEncoded(
            f"no mapping from {source_key} to {target_key} is encoded; encoded: {encoded}",
            from_version=source_key,
            to_version=target_key,
        )
    # The correspondences are ocop's comparison of names: as strong as the weaker side.
    strength = weakest([source.source_strength, target.source_strength])
    table: dict[str, SetMapping] = {}
    for e in entries:
        table[e.from_] = SetMapping(
            source_version=source.version,
            source=source.product_set(e.from_),
            target_version=target.version,
            kind=e.kind,
            targets=tuple(target.product_set(c) for c in e.to),
            reason=_text(e.reason),
            citation=target.citation,
            source_strength=strength,
            verified=e.verified,
        )
    _validate_mapping(source, target, entries, table)
    return table


def _validate_mapping(
    source: Taxonomy,
    target: Taxonomy,
    entries: Sequence[files.MappingEntry],
    table: dict[str, SetMapping],
) -> None:
    where = f"mapping {source.version} → {target.version}"
    codes = [s.code for s in source.product_sets()]
    if len(entries) != len(table) or sorted(table) != sorted(codes):
        raise InconsistentData(f"{where}: must list every source product set exactly once")
    hits: dict[str, int] = {}
    for m in table.values():
        for c in m.target_codes:
            hits[c] = hits.get(c, 0) + 1
    for m in table.values():
        n = len(m.targets)
        ok = {
            MappingKind.UNMAPPED: n == 0,
            MappingKind.SPLIT: n >= 2,
            MappingKind.MERGED: n == 1 and hits[m.target_codes[0]] >= 2,
        }.get(m.kind, n == 1)
        if not ok:
            raise InconsistentData(f"{where}: {m.source.code} kind {m.kind} with {m.target_codes}")


@functools.cache
def _mapping_data() -> dict[tuple[str, str], tuple[files.MappingEntry, ...]]:
    folder = resources.files("ocop.data").joinpath("taxonomy")
    data = read(files.MappingsFile, folder.joinpath("mappings.json"))
    return {(t.from_, t.to): t.entries for t in data.tables}


# ---------------------------------------------------------------- helpers


def _warn_if_weak(t: Taxonomy) -> None:
    if t.source_strength is SourceStrength.STUDENT:
        warnings.warn(
            f"the {t.version} classification rests on a student transcription, not on the "
            "decision's text: use it as indicative only",
            OcopWarning,
            stacklevel=3,
        )


# The library's composed product code ("VI", "I.6", "I.3.c"); docs/decisions/taxonomy.md.
PRODUCT_CODE_PATTERN = r"[IVX]+(\.[0-9]+(\.[a-z])?)?"
_CODE_SHAPE = re.compile(PRODUCT_CODE_PATTERN, re.IGNORECASE)


def looks_like_code(query: str) -> bool:
    """Whether ``query`` has the shape of a product code ("VI", "I.6", "I.3.c").

    Such queries are matched against codes exactly, never as substrings or names.
    """
    query = same_kind(query, str, "query")
    return _CODE_SHAPE.fullmatch(query.strip()) is not None


def _buckets(nodes: Iterable[_N]) -> dict[str, tuple[_N, ...]]:
    """Name or code → the nodes printed with it; one shared tuple per node set so that
    ocop.text.lookup sees a node reached by two keys (name, sheet title) as one match."""
    keyed: dict[str, list[_N]] = {}
    for node in nodes:
        keys = {node.code, node.name_vi}
        if isinstance(node, ProductSet) and node.sheet_title:
            keys.add(node.sheet_title)
        for key in keys:
            bucket = keyed.setdefault(key, [])
            if not any(x is node for x in bucket):
                bucket.append(node)
    interned: dict[tuple[int, ...], tuple[_N, ...]] = {}
    return {
        key: interned.setdefault(tuple(map(id, bucket)), tuple(bucket))
        for key, bucket in keyed.items()
    }


def _code_key(code: str) -> tuple[int, ...]:
    """Printed order of a composed code: I.3.c → (0, 3, 3); I.3 sorts before I.3.a."""
    roman, *rest = code.split(".")
    key = [_ROMAN.index(roman) if roman in _ROMAN else len(_ROMAN)]
    key += [int(p) if p.isdigit() else ord(p) - ord("a") + 1 for p in rest]
    return tuple(key)


def _unique(buckets: Iterable[tuple[_N, ...]]) -> tuple[_N, ...]:
    seen: dict[int, _N] = {}
    for bucket in buckets:
        for node in bucket:
            seen.setdefault(id(node), node)
    return tuple(seen.values())


def _ambiguous(query: str, what: str, version: VersionId, nodes: Iterable[Node]) -> AmbiguousInput:
    ordered = sorted(nodes, key=lambda n: _code_key(n.code))
    readings = [f"{n.code} {n.name_vi}" for n in ordered]
    return AmbiguousInput(
        f"{what} {show(query)} matches several in {version}: {'; '.join(readings)}; "
        "give the code or the full name",
        value=query,
        version=str(version),
        readings=readings,
    )
