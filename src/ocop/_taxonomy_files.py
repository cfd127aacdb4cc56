"""Pydantic models of the taxonomy data files (``data/taxonomy/*.json``) and their reader.

The models are the files' schema (``data/taxonomy/taxonomy.schema.json`` and
``mappings.schema.json``, written by ``tools/gen_regulation_schemas.py``); the
reader is :func:`ocop._regulation_files.read`, so a malformed file is an
:class:`~ocop.errors.InconsistentData` naming the file and the field, never a
``KeyError``.  What the files say about themselves (counts, codes, sheet
numbers, one mapping per product set) is checked by :mod:`ocop.taxonomy` once
the tree is built.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

from pydantic import Field, model_validator

from ocop._regulation_files import CitationModel, Day, FileModel, Positive, Text
from ocop.law import Regime, SourceStrength


class MappingKind(StrEnum):
    """How an older category relates to the product sets of the target version."""

    SAME = "same"  # one target, same name and scope
    RENAMED = "renamed"  # one target, wording (and possibly scope) changed
    SPLIT = "split"  # several targets; which one applies depends on the product
    MERGED = "merged"  # one target that also absorbs other source categories
    UNMAPPED = "unmapped"  # no target; the reason says why


class _Read(FileModel):
    """Where a file's contents were read (or compiled), and when."""

    instrument: Text
    appendix: Text
    where_obtained: Text
    urls: tuple[Text, ...]
    date_read: Day


class TaxonomySource(_Read):
    """Where the classification was read, and how strong that source is."""

    strength: SourceStrength


class ProductSetRow(FileModel):
    """What a product set carries besides its name (a leaf of the tree)."""

    ministries: tuple[Text, ...] | None = None
    sheet_number: Positive | None = None
    sheet_title: Text | None = None
    verified: bool = True
    note: Text | None = None


class PhanNhom(ProductSetRow):
    """A phân nhóm: a product set under a nhóm, labelled a, b, c …"""

    label: Text
    name_vi: Text


class Nhom(FileModel):
    """A nhóm: either split into phân nhóm, or a product set itself (``leaf``)."""

    label: Text
    name_vi: Text
    phan_nhom: tuple[PhanNhom, ...] | None = None
    leaf: ProductSetRow | None = None
    verified: bool = True

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if (self.phan_nhom is None) == (self.leaf is None):
            raise ValueError("a nhóm has either phan_nhom or leaf, not both or neither")
        return self


class Group(FileModel):
    """One of the six groups (ngành), labelled I–VI; ``leaf`` where it is a product set too."""

    label: Text
    name_vi: Text
    nhom: tuple[Nhom, ...]
    leaf: ProductSetRow | None = None
    verified: bool = True
    note: Text | None = None


class Counts(FileModel):
    groups: Positive
    nhom: Positive
    product_sets: Positive


class AmendmentCitation(FileModel):
    instrument: Text
    detail: Text | None = None


class Amendment(FileModel):
    """An amending instrument that changes names only: the same tree under another regime."""

    regime: Regime
    in_force_citation: AmendmentCitation
    renames: dict[Text, Text]
    url: Text
    note: Text


class TaxonomyFile(FileModel):
    """One classification: a regulation's Phụ lục I, or a provincial plan's groups."""

    version: Text
    regimes: tuple[Regime, ...]
    title: Text
    citation: CitationModel
    in_force_citation: CitationModel | None = None
    source: TaxonomySource
    expected_counts: Counts
    has_sheet_numbers: bool
    sheets_missing: Text | None = None
    ministries_missing: Text | None = None
    ministries_footnote: Text | None = None
    notes: tuple[Text, ...]
    amendments: tuple[Amendment, ...] = ()
    groups: tuple[Group, ...] = Field(min_length=1)


class MappingSource(_Read):
    """Where the correspondences come from: ocop's own comparison of names."""

    strength: Literal["derived"]


class MappingEntry(FileModel):
    from_: Text = Field(alias="from")
    kind: MappingKind
    to: tuple[Text, ...]
    reason: Text
    verified: bool = True


class MappingTable(FileModel):
    from_: Text = Field(alias="from")
    to: Text
    entries: tuple[MappingEntry, ...]


class MappingsFile(FileModel):
    """``mappings.json``: product sets of one classification against another's."""

    source: MappingSource
    tables: tuple[MappingTable, ...]
