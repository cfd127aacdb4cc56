"""The pydantic model of ``authority.json``: who proposes, evaluates, recognises and revokes.

The file's shape (every key present, enums named by their Python name, text in
NFC) is checked here; what relates records to each other and to the law (levels
named in the bodies, ministries in office, citations inside the regime) is checked
by :mod:`ocop.certificates.competence` on the values built from it.  Schema:
``data/authority.schema.json``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from ocop._regulation_files import (
    CitationModel,
    Day,
    FileModel,
    RegimeName,
    SourceHeader,
    Strength,
    Text,
    by_name,
)
from ocop.certificates.competence import AuthorityLevel

LevelName = Annotated[
    AuthorityLevel,
    BeforeValidator(by_name(AuthorityLevel)),
    WithJsonSchema({"enum": sorted(AuthorityLevel.__members__)}),
]
Star = Annotated[int, Field(ge=1, le=5)]


class MinistryModel(FileModel):
    key: Text
    name_vi: Text
    short_vi: Text
    name_en: Text
    minister_en: Text
    valid_from: Day | None
    valid_until: Day | None
    citations: tuple[CitationModel, ...]
    sources: tuple[Text, ...]
    source_strength: Strength
    notes: tuple[Text, ...]


class RowModel(FileModel):
    regime: RegimeName
    star: Star
    proposed_by: Text | None
    proposal_level: LevelName | None
    evaluated_by: Text
    evaluation_level: LevelName
    recognised_by: Text
    recognised_by_en: Text
    recognition_level: LevelName
    quote_vi: Text | None
    citations: tuple[CitationModel, ...]
    sources: tuple[Text, ...]
    source_strength: Strength
    notes: tuple[Text, ...]


class FallbackModel(FileModel):
    regime: RegimeName
    decided_by: Text
    decided_by_en: Text
    level: LevelName
    stars: tuple[Star, ...]
    text_vi: Text
    summary_en: Text
    citations: tuple[CitationModel, ...]
    source_strength: Strength


class RevocationRowModel(FileModel):
    regime: RegimeName
    stars: tuple[Star, ...]
    revoked_by: Text
    revoked_by_en: Text
    level: LevelName
    quote_vi: Text | None
    citations: tuple[CitationModel, ...]
    sources: tuple[Text, ...]
    source_strength: Strength
    notes: tuple[Text, ...]


class NotReadModel(FileModel):
    regime: RegimeName
    reason: Text


class RevocationModel(FileModel):
    rows: tuple[RevocationRowModel, ...]
    not_read: tuple[NotReadModel, ...]


class AuthorityFile(FileModel):
    """``authority.json``: the competent bodies per regulation and star, with sources."""

    source: SourceHeader
    ministries: tuple[MinistryModel, ...]
    rows: tuple[RowModel, ...]
    central_fallback: FallbackModel
    revocation: RevocationModel
