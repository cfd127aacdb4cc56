"""Who evaluates and who recognises a 3★, 4★ or 5★ OCOP product on a date.

The answer follows the criteria-and-process regime of :func:`ocop.law.regime_on`
(so a dossier kept under 148+1489 by 26/2026/QĐ-TTg Điều 12 khoản 2 gets the
148+1489 authority) and the table in ``ocop/data/authority.json`` (one row per
regime and star, each with citations, sources and their strength; loaded once
and checked on load).  Choices taken where the law is unclear are in
``docs/decisions/authority.md`` and show in each answer's ``notes``.

>>> from datetime import date
>>> a = authority(3, date(2024, 3, 1))
>>> print(a.recognised_by, "|", a.recognition_level, "|", a.regulation.name)
UBND cấp huyện | district | QD148_2023
>>> print(authority(5, date(2026, 6, 1)).recognised_by)
Bộ trưởng Bộ Nông nghiệp và Môi trường
>>> authority(2, date(2026, 6, 1))
Traceback (most recent call last):
...
ocop.errors.InvalidInput: star 2 is never recognised: only stars 3–5 are recognised ...
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from ocop import _datafile as df
from ocop._convert import from_model
from ocop.admin import DISTRICT_LEVEL_END, district_level_exists
from ocop.dates import iso, require_date
from ocop.errors import InconsistentData, InvalidInput, NotEncoded, RuleNotInForce
from ocop.law import (
    Citation,
    EvaluationKind,
    Regime,
    RegimeInForce,
    SourceStrength,
    regime_on,
    regime_span,
    regimes,
    weakest,
)
from ocop.serialize import Serialized
from ocop.text import show

if TYPE_CHECKING:
    from ocop._regulation_files import CitationModel
    from ocop.certificates._authority_file import (
        FallbackModel,
        MinistryModel,
        RevocationModel,
        RowModel,
    )

__all__ = [
    "Authority",
    "AuthorityLevel",
    "CentralFallback",
    "Ministry",
    "Revocation",
    "authorities",
    "authority",
    "ministry_on",
    "revocation_authority",
]


def _recognised_stars() -> tuple[int, ...]:
    """The recognised stars (26/2026/QĐ-TTg Điều 4 khoản 1 điểm a), from the regulation data."""
    from ocop.regulations import default_regulation

    return default_regulation().recognised_stars


class AuthorityLevel(StrEnum):
    """A level of government, lowest first (``rank`` orders them)."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    CENTRAL = "central"

    @property
    def rank(self) -> int:
        """0 for the commune … 3 for the central government."""
        return tuple(AuthorityLevel).index(self)


@attrs.frozen(slots=True, kw_only=True)
class Ministry(Serialized):
    """The ministry in charge of OCOP over the days it existed under this name.

    ``valid_from`` ``None``: before the period ``ocop`` covers; ``valid_until``
    ``None``: still in office.
    """

    key: str
    name_vi: str
    short_vi: str
    name_en: str
    minister_en: str
    valid_from: date | None
    valid_until: date | None
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]

    def covers(self, on: date) -> bool:
        require_date(on)
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


@attrs.frozen(slots=True, kw_only=True)
class CentralFallback(Serialized):
    """What happens to a product sent to the ministry that scores under 90 there.

    26/2026/QĐ-TTg Điều 7 khoản 4 (last paragraph): ``decided_by`` may recognise it
    as one of ``stars`` on the central council's result, or have it evaluated again
    by the province.  ``text_vi`` is the provision, verbatim.
    """

    decided_by: str
    decided_by_en: str
    level: AuthorityLevel
    stars: tuple[int, ...]
    text_vi: str
    summary_en: str
    citations: tuple[Citation, ...]
    source_strength: SourceStrength


@attrs.frozen(slots=True, kw_only=True)
class Authority(Serialized):
    """Who handles a ``star``★ product evaluated on ``on`` (the answer of :func:`authority`).

    ``proposed_by`` examines the dossier first and sends it on (``None`` where not
    read); ``evaluated_by`` is the council whose result the recognition rests on;
    ``recognised_by`` decides recognition and issues the certificate (Vietnamese,
    verbatim where printed).  ``ministry`` is the ministry in office on ``on`` for a
    central-level answer.  ``vacant`` is true when a body this answer names did not
    exist on ``on`` (the printed authority is still given: ``ocop`` names no
    substitute).  ``quote_vi`` is the provision as printed, where it was read.
    ``source_strength`` is the weakest of the table row, the regime answer and, when
    used, the ministry record.  ``central_fallback`` is set for 5★ under 26/2026.
    """

    star: int
    on: date
    filed_on: date | None
    kind: EvaluationKind | None
    regulation: Regime
    proposed_by: str | None
    proposal_level: AuthorityLevel | None
    evaluated_by: str
    evaluation_level: AuthorityLevel
    recognised_by: str
    recognition_level: AuthorityLevel
    recognised_by_en: str
    ministry: Ministry | None
    quote_vi: str | None
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    source_strength: SourceStrength
    vacant: bool
    central_fallback: CentralFallback | None
    notes: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class Revocation(Serialized):
    """Who revokes the certificate of a ``star``★ product on ``on`` (see
    :func:`revocation_authority`)."""

    star: int
    on: date
    regulation: Regime
    revoked_by: str
    revoked_by_en: str
    level: AuthorityLevel
    quote_vi: str | None
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]


# --- public lookups -------------------------------------------------------------------


def authority(
    star: int,
    on: date,
    *,
    filed_on: date | None = None,
    kind: EvaluationKind | str | None = None,
) -> Authority:
    """Who proposes, evaluates and recognises a ``star``★ product evaluated on ``on``.

    ``filed_on`` and ``kind`` go to :func:`ocop.law.regime_on`: a dossier filed
    before 22/5/2026 and evaluated within the deadline of 26/2026/QĐ-TTg Điều 12
    khoản 2 gets the 148+1489 authority.  Only stars 3–5 are recognised
    (:class:`InvalidInput` otherwise); before 21/8/2019: :class:`RuleNotInForce`.

    >>> a = authority(3, date(2026, 6, 1), filed_on=date(2026, 5, 1), kind="first")
    >>> print(a.regulation.name, "|", a.recognised_by, "|", a.citations[-1])
    QD148_1489_2025 | UBND cấp tỉnh | điểm a khoản 2 Điều 12 26/2026/QĐ-TTg
    """
    star = _check_star(star)
    return _answer(star, regime_on(on, filed_on=filed_on, kind=kind))


def authorities(
    on: date,
    *,
    filed_on: date | None = None,
    kind: EvaluationKind | str | None = None,
) -> tuple[Authority, ...]:
    """:func:`authority` for 3★, 4★ and 5★, in that order."""
    answer = regime_on(on, filed_on=filed_on, kind=kind)
    return tuple(_answer(star, answer) for star in _recognised_stars())


def ministry_on(on: date) -> Ministry:
    """The ministry in charge of OCOP on ``on``: Bộ Nông nghiệp và Phát triển nông thôn,
    then, from 01/3/2025, Bộ Nông nghiệp và Môi trường.

    Dates before the first regime (21/8/2019) are outside what ``ocop`` encodes:
    :class:`RuleNotInForce`.

    >>> ministry_on(date(2025, 2, 28)).short_vi, ministry_on(date(2025, 3, 1)).short_vi
    ('Bộ NN&PTNT', 'Bộ NN&MT')
    """
    require_date(on, "on")
    first = regimes()[0].starts_on
    if on < first:
        raise RuleNotInForce(
            f"no ministry is encoded for {on.isoformat()}: ocop's rules start on "
            f"{first.isoformat()}",
            on=on.isoformat(),
            first_rule_from=first.isoformat(),
        )
    return next(m for m in _table().ministries if m.covers(on))


def revocation_authority(star: int, on: date) -> Revocation:
    """Who revokes the certificate of a ``star``★ product on ``on``.

    From 22/5/2026: 26/2026/QĐ-TTg Điều 8 khoản 2.  For earlier dates the text on
    revocation was not read: :class:`NotEncoded` (``ocop`` does not guess).

    >>> print(revocation_authority(4, date(2026, 6, 1)).revoked_by)
    Chủ tịch UBND cấp tỉnh
    """
    star = _check_star(star)
    answer = regime_on(on)
    table = _table()
    row = table.revocations.get((answer.regulation, star))
    if row is None:
        reason = table.revocation_not_read[answer.regulation]
        first = min({r for r, _ in table.revocations}, key=lambda r: regime_span(r).starts_on)
        raise NotEncoded(
            f"the authority that revokes a {star}★ certificate on {on.isoformat()} "
            f"(regime {answer.regulation.value}) is not encoded: {reason}; "
            f"26/2026/QĐ-TTg Điều 8 khoản 2 applies from "
            f"{regime_span(first).starts_on.isoformat()}",
            star=star,
            on=on.isoformat(),
            regulation=answer.regulation.value,
        )
    return Revocation(
        star=star,
        on=on,
        regulation=answer.regulation,
        revoked_by=row.revoked_by,
        revoked_by_en=row.revoked_by_en,
        level=row.level,
        quote_vi=row.quote_vi,
        citations=row.citations,
        sources=row.sources,
        source_strength=weakest([row.source_strength, answer.source_strength]),
        notes=row.notes,
    )


def issuer_problem(star: int, issued_on: date, regime: Regime, level: AuthorityLevel) -> str | None:
    """Why a ``level`` authority cannot have issued this certificate, or ``None``.

    The same table :func:`authority` answers from: the level that recognises a
    ``star``★ product under ``regime``; a district-level issuer also needs
    district-level units to exist on ``issued_on`` (they ended on 30/6/2025).
    """
    row = _table().rows.get((regime, star))
    if row is None:  # pragma: no cover - every regime has a row per recognised star
        return None
    if level is not row.recognition_level:
        by = row.recognised_by
        if row.recognition_level is AuthorityLevel.CENTRAL and _uses_placeholder(row):
            by = _fill(by, ministry_on(issued_on))
        return (
            f"under {regime.value} a {star}★ certificate is issued by the "
            f"{row.recognition_level.value} level ({by}), not the {level.value} level "
            f"({row.citations[0]})"
        )
    if level is AuthorityLevel.DISTRICT and not district_level_exists(issued_on):
        gone = DISTRICT_LEVEL_END.effective - timedelta(days=1)
        return (
            f"no district-level authority existed on {issued_on.isoformat()}: district-level "
            f"units ended on {gone.isoformat()} ({DISTRICT_LEVEL_END.citation.instrument})"
        )
    return None


# --- building an answer ---------------------------------------------------------------


def _answer(star: int, answer: RegimeInForce) -> Authority:
    table = _table()
    row = table.rows[(answer.regulation, star)]
    on = answer.on
    # Notes regime_on adds beyond its table row: the transitional rule that kept an
    # older regime, or the reminder to pass filed_on= during the 2026 overlap.
    notes = [*row.notes, *answer.notes[len(answer.span.notes) :]]
    citations = list(row.citations)
    sources = list(row.sources)
    strengths = [row.source_strength, answer.source_strength]

    ministry = ministry_on(on) if row.recognition_level is AuthorityLevel.CENTRAL else None
    recognised_by = row.recognised_by
    recognised_by_en = row.recognised_by_en
    if ministry is not None and _uses_placeholder(row):
        recognised_by = _fill(recognised_by, ministry)
        recognised_by_en = _fill(recognised_by_en, ministry)
        citations.extend(ministry.citations)
        sources.extend(s for s in ministry.sources if s not in sources)
        strengths.append(ministry.source_strength)
        printed = ministry_on(answer.span.starts_on)
        if printed != ministry:
            notes.append(
                f"{answer.regulation.value} names {printed.name_vi}; from "
                f"{iso(ministry.valid_from)} that ministry is {ministry.name_vi} "
                f"({'; '.join(str(c).split(' (')[0] for c in ministry.citations)}), "
                "so ocop names the ministry in office on the date asked "
                "(docs/decisions/authority.md)"
            )

    vacant = False
    if not district_level_exists(on):
        gone = DISTRICT_LEVEL_END.effective - timedelta(days=1)
        if AuthorityLevel.DISTRICT in (row.evaluation_level, row.recognition_level):
            vacant = True
            notes.append(
                f"VACANT: {row.recognised_by} ({row.recognised_by_en}), the authority "
                f"printed in {answer.regulation.value} for {star}★, did not exist on "
                f"{on.isoformat()}: district-level units ended on {gone.isoformat()} "
                f"({DISTRICT_LEVEL_END.citation.instrument}) and {_next_change(answer, star)}; "
                "ocop names no substitute (docs/decisions/authority.md)"
            )
        elif row.proposal_level is AuthorityLevel.DISTRICT:
            notes.append(
                f"the district step printed in {answer.regulation.value} ({row.proposed_by} "
                f"forwards the dossier) had no body on {on.isoformat()}: district-level "
                f"units ended on {gone.isoformat()} ({DISTRICT_LEVEL_END.citation.instrument})"
            )

    # The transitional provision that kept an older regime comes last.
    citations.extend(r.citation for r in answer.governed_by)
    fallback = table.fallback if star == 5 and table.fallback_regime is answer.regulation else None
    if fallback is not None:
        strengths.append(fallback.source_strength)
    return Authority(
        star=star,
        on=on,
        filed_on=answer.filed_on,
        kind=answer.kind,
        regulation=answer.regulation,
        proposed_by=row.proposed_by,
        proposal_level=row.proposal_level,
        evaluated_by=row.evaluated_by,
        evaluation_level=row.evaluation_level,
        recognised_by=recognised_by,
        recognition_level=row.recognition_level,
        recognised_by_en=recognised_by_en,
        ministry=ministry,
        quote_vi=row.quote_vi,
        citations=tuple(_unique(citations)),
        sources=tuple(sources),
        source_strength=weakest(strengths),
        vacant=vacant,
        central_fallback=fallback,
        notes=tuple(notes),
    )


def _next_change(answer: RegimeInForce, star: int) -> str:
    """Where the law next moved this star away from the district, for the vacancy note."""
    table = _table()
    later = [s for s in regimes() if s.starts_on > answer.span.starts_on]
    for span in later:
        if table.rows[(span.regulation, star)].recognition_level is not AuthorityLevel.DISTRICT:
            return (
                f"{span.regulation.value} moved {star}★ to the "
                f"{table.rows[(span.regulation, star)].recognition_level.value} only from "
                f"{span.starts_on.isoformat()}"
            )
    return "no later rule is encoded"  # pragma: no cover - every row after 1489 is provincial


def _check_star(star: object) -> int:
    # type() rather than isinstance(): True is an int to Python but not a star.
    if type(star) is not int:
        raise InvalidInput(
            f"star must be the int 3, 4 or 5, got {show(star)}", value=show(star), field="star"
        )
    if star in (1, 2):
        raise InvalidInput(
            f"star {star} is never recognised: only stars 3–5 are recognised (no recognition "
            "decision and no certificate for 1★ or 2★, 26/2026/QĐ-TTg Điều 4 khoản 1 điểm a)",
            value=star,
            field="star",
            allowed=list(_recognised_stars()),
        )
    if star not in _recognised_stars():
        raise InvalidInput(
            f"star must be 3, 4 or 5 (OCOP ranks run from 1 to 5 and only stars 3–5 are "
            f"recognised), got {show(star)}",
            value=show(star),
            field="star",
            allowed=list(_recognised_stars()),
        )
    return star


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_FIELDS = {"{ministry}": "name_vi", "{ministry_en}": "name_en", "{minister_en}": "minister_en"}


def _uses_placeholder(row: _Row) -> bool:
    return bool(_PLACEHOLDER.search(row.recognised_by + row.recognised_by_en))


def _fill(text: str, ministry: Ministry) -> str:
    for key, field in _FIELDS.items():
        text = text.replace(key, getattr(ministry, field))
    return text


def _unique(citations: Iterable[Citation]) -> list[Citation]:
    seen: list[Citation] = []
    for c in citations:
        if c not in seen:
            seen.append(c)
    return seen


# --- data loading ---------------------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class _Row:
    regulation: Regime
    star: int
    proposed_by: str | None
    proposal_level: AuthorityLevel | None
    evaluated_by: str
    evaluation_level: AuthorityLevel
    recognised_by: str
    recognised_by_en: str
    recognition_level: AuthorityLevel
    quote_vi: str | None
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class _RevocationRow:
    regulation: Regime
    stars: tuple[int, ...]
    revoked_by: str
    revoked_by_en: str
    level: AuthorityLevel
    quote_vi: str | None
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class _Table:
    ministries: tuple[Ministry, ...]
    rows: Mapping[tuple[Regime, int], _Row]
    fallback_regime: Regime
    fallback: CentralFallback
    revocations: Mapping[tuple[Regime, int], _RevocationRow]
    revocation_not_read: Mapping[Regime, str]


@functools.cache
def _table() -> _Table:
    return _parse_table(df.load("authority.json"))


def _parse_table(raw: object) -> _Table:
    """Build and cross-check the table; any flaw raises InconsistentData.

    The shape is checked by the file's pydantic model
    (:mod:`ocop.certificates._authority_file`); the relations here.
    """
    from ocop._regulation_files import validate
    from ocop.certificates._authority_file import AuthorityFile

    data = validate(AuthorityFile, raw, "authority.json")
    ministries = tuple(_ministry(m) for m in data.ministries)
    _check_ministries(ministries)
    rows: dict[tuple[Regime, int], _Row] = {}
    for item in data.rows:
        row = _row(item, ministries)
        if (row.regulation, row.star) in rows:
            raise InconsistentData(
                f"authority.json: {row.regulation.name} {row.star}★ is listed twice"
            )
        rows[(row.regulation, row.star)] = row
    _check_rows(rows)
    fallback_regime, fallback = _fallback(data.central_fallback, rows)
    revocations, not_read = _revocation(data.revocation)
    return _Table(
        ministries=ministries,
        rows=rows,
        fallback_regime=fallback_regime,
        fallback=fallback,
        revocations=revocations,
        revocation_not_read=not_read,
    )


def _ministry(m: MinistryModel) -> Ministry:
    where = f"authority.json: ministry {m.key}"
    return from_model(
        Ministry,
        m,
        citations=_citations(m.citations, "citations", where, required=False),
        sources=_required(m.sources, "sources", where),
    )


def _check_ministries(ministries: tuple[Ministry, ...]) -> None:
    if not ministries:
        raise InconsistentData("authority.json: ministries must not be empty")
    if ministries[0].valid_from is not None or ministries[-1].valid_until is not None:
        raise InconsistentData(
            "authority.json: the first ministry must have no valid_from and the last no "
            "valid_until (together they cover every date)"
        )
    if len({m.key for m in ministries}) != len(ministries):
        raise InconsistentData("authority.json: a ministry key is listed twice")
    for prev, nxt in itertools.pairwise(ministries):
        if prev.valid_until is None or nxt.valid_from != prev.valid_until + timedelta(days=1):
            raise InconsistentData(
                f"authority.json: ministry {nxt.key} must start the day after {prev.key} ends "
                "(no gap, no overlap)"
            )


def _row(m: RowModel, ministries: tuple[Ministry, ...]) -> _Row:
    if m.star not in _recognised_stars():
        raise InconsistentData(f"authority.json: {m.regime.name}: star must be 3, 4 or 5")
    where = f"authority.json: {m.regime.name} {m.star}★"
    row = from_model(
        _Row,
        m,
        regulation=m.regime,
        citations=_citations(m.citations, "citations", where, required=True),
        sources=_required(m.sources, "sources", where),
    )
    _check_row(row, where, ministries)
    return row


# Words that must appear in a body's name at each level: the level field and the name
# cannot drift apart.  A central body may also be named through its ministry.
_MARKERS = {
    AuthorityLevel.COMMUNE: ("cấp xã",),
    AuthorityLevel.DISTRICT: ("cấp huyện",),
    AuthorityLevel.PROVINCE: ("cấp tỉnh",),
    AuthorityLevel.CENTRAL: ("cấp trung ương", "{ministry}"),
}


def _check_level(
    name: str, level: AuthorityLevel, field: str, where: str, extra: Iterable[str]
) -> None:
    markers = _MARKERS[level] + (tuple(extra) if level is AuthorityLevel.CENTRAL else ())
    if not any(m in name for m in markers):
        raise InconsistentData(
            f"{where}: {field} {show(name)} does not name a {level.value}-level body"
        )


def _check_row(row: _Row, where: str, ministries: tuple[Ministry, ...]) -> None:
    names = [m.name_vi for m in ministries]
    for text in (row.recognised_by, row.recognised_by_en):
        for token in _PLACEHOLDER.findall(text):
            if token not in _FIELDS:
                raise InconsistentData(f"{where}: unknown placeholder {token}")
            if row.recognition_level is not AuthorityLevel.CENTRAL:
                raise InconsistentData(f"{where}: only a central row may name {token}")
    if (row.proposed_by is None) != (row.proposal_level is None):
        raise InconsistentData(f"{where}: proposed_by and proposal_level go together")
    if row.proposed_by is not None and row.proposal_level is not None:
        _check_level(row.proposed_by, row.proposal_level, "proposed_by", where, names)
        if row.proposal_level.rank >= row.evaluation_level.rank:
            raise InconsistentData(f"{where}: the proposing level must be below the evaluating")
    _check_level(row.evaluated_by, row.evaluation_level, "evaluated_by", where, names)
    _check_level(row.recognised_by, row.recognition_level, "recognised_by", where, names)
    if row.evaluation_level.rank > row.recognition_level.rank:
        raise InconsistentData(f"{where}: a lower level cannot recognise a higher one's result")
    if row.quote_vi is not None and row.recognised_by not in row.quote_vi:
        raise InconsistentData(f"{where}: quote_vi does not name {row.recognised_by}")
    members = regime_span(row.regulation).instruments
    for c in row.citations:
        if c.instrument not in members:
            raise InconsistentData(f"{where}: cites {c.instrument}, not part of the regime")
    # A ministry named literally must be the one in office throughout the regime.
    span = regime_span(row.regulation)
    for m in ministries:
        if any(m.name_vi in t for t in (row.recognised_by, row.evaluated_by)) and not (
            m.covers(span.starts_on) and (span.ends_on is None or m.covers(span.ends_on))
        ):
            raise InconsistentData(f"{where}: names {m.name_vi}, not in office throughout")


def _check_rows(rows: Mapping[tuple[Regime, int], _Row]) -> None:
    missing = [f"{r.name} {s}★" for r in Regime for s in _recognised_stars() if (r, s) not in rows]
    if missing:
        raise InconsistentData(f"authority.json: no row for {', '.join(missing)}")
    for regime in Regime:
        ranks = [rows[(regime, s)].recognition_level.rank for s in _recognised_stars()]
        if ranks != sorted(ranks):
            raise InconsistentData(
                f"authority.json: {regime.name}: a higher star must not be recognised at a "
                "lower level than a lower star"
            )


def _fallback(
    m: FallbackModel, rows: Mapping[tuple[Regime, int], _Row]
) -> tuple[Regime, CentralFallback]:
    where = "authority.json: central_fallback"
    regime = m.regime
    fallback = from_model(
        CentralFallback,
        m,
        stars=_stars(m.stars, where, allowed=(3, 4)),
        citations=_citations(m.citations, "citations", where, required=True),
    )
    if rows[(regime, 5)].recognition_level is not AuthorityLevel.CENTRAL:
        raise InconsistentData(f"{where}: {regime.name} 5★ is not recognised centrally")
    if fallback.decided_by not in fallback.text_vi:
        raise InconsistentData(f"{where}: text_vi does not name {fallback.decided_by}")
    _check_level(fallback.decided_by, fallback.level, "decided_by", where, ())
    if any(c.instrument not in regime_span(regime).instruments for c in fallback.citations):
        raise InconsistentData(f"{where}: cites an instrument outside {regime.value}")
    return regime, fallback


def _revocation(
    m: RevocationModel,
) -> tuple[dict[tuple[Regime, int], _RevocationRow], dict[Regime, str]]:
    where = "authority.json: revocation"
    rows: dict[tuple[Regime, int], _RevocationRow] = {}
    for n, entry in enumerate(m.rows):
        at = f"{where}.rows[{n}]"
        row = from_model(
            _RevocationRow,
            entry,
            regulation=entry.regime,
            stars=_stars(entry.stars, at, allowed=_recognised_stars()),
            citations=_citations(entry.citations, "citations", at, required=True),
            sources=_required(entry.sources, "sources", at),
        )
        _check_level(row.revoked_by, row.level, "revoked_by", at, ("Bộ",))
        if row.quote_vi is not None and row.revoked_by not in row.quote_vi:
            raise InconsistentData(f"{at}: quote_vi does not name {row.revoked_by}")
        for star in row.stars:
            if (row.regulation, star) in rows:
                raise InconsistentData(f"{at}: {row.regulation.name} {star}★ is listed twice")
            rows[(row.regulation, star)] = row
    not_read = {entry.regime: entry.reason for entry in m.not_read}
    for regime in Regime:
        covered = [s for s in _recognised_stars() if (regime, s) in rows]
        if regime in not_read and covered:
            raise InconsistentData(f"{where}: {regime.name} is both encoded and not read")
        if regime not in not_read and covered != list(_recognised_stars()):
            raise InconsistentData(
                f"{where}: {regime.name} needs rows for 3★, 4★ and 5★ or a not_read reason"
            )
    return rows, not_read


def _stars(stars: tuple[int, ...], where: str, *, allowed: tuple[int, ...]) -> tuple[int, ...]:
    if not stars or any(s not in allowed for s in stars):
        raise InconsistentData(f"{where}: stars must be a non-empty list drawn from {allowed}")
    if len(set(stars)) != len(stars):
        raise InconsistentData(f"{where}: a star is listed twice")
    return stars


def _citations(
    models: tuple[CitationModel, ...], key: str, where: str, *, required: bool
) -> tuple[Citation, ...]:
    if required and not models:
        raise InconsistentData(f"{where}: {key} must not be empty")
    return tuple(c.value() for c in models)


def _required(values: tuple[str, ...], key: str, where: str) -> tuple[str, ...]:
    if not values:
        raise InconsistentData(f"{where}: {key} must not be empty")
    return values
