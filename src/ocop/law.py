"""Legal instruments of the OCOP programme as cited data, and the regime in force on a date.

The instruments (490/QĐ-TTg … 26/2026/QĐ-TTg), the succession of criteria-and-process
regimes and the transitional rules of 26/2026/QĐ-TTg live in ``ocop/data/law.json``
(loaded once, on first use, and checked on load).  Every record names its sources
and how strong they are.

:func:`regime_on`, :func:`regime_span` and :func:`regimes` keep the word
*regime*: they answer about that regime table (a dated row, the transitional
rules that keep an older version for a dossier filed earlier), while
:func:`ocop.regulations.regulation_on` returns the regulation version's values.
What a row names is a regulation (``.regulation``, written as its value);
docs/decisions/law.md §14.

>>> from datetime import date
>>> from ocop.law import instrument, regime_on
>>> print(regime_on(date(2024, 1, 1)).regulation)
148/QĐ-TTg
>>> instrument("148/QD-TTg").effective_from
datetime.date(2023, 2, 24)
>>> instrument("26/2026").source_strength
<SourceStrength.TRANSCRIPT: 'transcript'>
>>> regime_on(date(2019, 1, 1))
Traceback (most recent call last):
...
ocop.errors.RuleNotInForce: no criteria-and-process regime is encoded for 2019-01-01: ...
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ClassVar

import attrs
from dateutil.relativedelta import relativedelta
from pydantic import BeforeValidator, Strict

from ocop import _datafile as df
from ocop._convert import from_model
from ocop.arguments import choice, items
from ocop.dates import iso, require_date
from ocop.errors import AmbiguousInput, InconsistentData, InvalidInput, NotFound, RuleNotInForce
from ocop.serialize import Serialized
from ocop.text import fold, lookup, show

if TYPE_CHECKING:
    from ocop import _regulation_files as files

__all__ = [
    "Citation",
    "EvaluationKind",
    "Instrument",
    "InstrumentKind",
    "Period",
    "Regime",
    "RegimeInForce",
    "RegimeSpan",
    "SourceStrength",
    "TransitionalRule",
    "instrument",
    "instruments",
    "instruments_in_force",
    "regime_on",
    "regime_span",
    "regimes",
    "regimes_applying_on",
    "transitional_rules",
    "weakest",
]


class Regime(StrEnum):
    """A criteria-and-process regime: which national rules govern an evaluation."""

    QD1048_2019 = "1048/QĐ-TTg"
    QD1048_781_2020 = "1048/QĐ-TTg+781/QĐ-TTg"
    QD148_2023 = "148/QĐ-TTg"
    QD148_1489_2025 = "148/QĐ-TTg+1489/QĐ-TTg"
    QD26_2026 = "26/2026/QĐ-TTg"

    @classmethod
    def parse(cls, text: object) -> Regime:
        """The regime a user's spelling names: the one parser of text to a regulation.

        Accepts the value (``"26/2026/QĐ-TTg"``), the member name (``"QD26_2026"``),
        ``QD`` for ``QĐ``, a leading ``"QĐ"`` or ``"Quyết định số"``, short numbers
        (``"26/2026"``, ``"148"``) and amended regimes joined by ``+``
        (``"1048+781"``, ``"148/QĐ-TTg+1489/QĐ-TTg"``); case and spaces do not
        matter.  Anything else is :class:`~ocop.errors.InvalidInput` listing the
        known regimes.

        >>> Regime.parse("26/2026/QD-TTg"), Regime.parse("148+1489").name
        (<Regime.QD26_2026: '26/2026/QĐ-TTg'>, 'QD148_1489_2025')
        """
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            if text.strip() in cls.__members__:
                return cls.__members__[text.strip()]
            wanted = _instrument_keys(text)
            if wanted is not None:
                found = [r for r in cls if _keys_match(wanted, _instrument_keys(r.value))]
                if len(found) == 1:
                    return found[0]
        known = "; ".join(f"{r.value} ({r.name})" for r in cls)
        raise InvalidInput(
            f"unknown regulation {show(text)}; known: {known}",
            value=show(text),
            known=[r.value for r in cls],
        )


def _parse_input(value: object) -> object:
    # Input models accept every spelling Regime.parse does; other types are pydantic's to refuse.
    return Regime.parse(value) if isinstance(value, str) else value


#: A regime field of an input model: any spelling :meth:`Regime.parse` reads.
RegimeInput = Annotated[Regime, Strict(False), BeforeValidator(_parse_input)]

_INSTRUMENT = re.compile(r"(?:quyetdinh(?:so)?|qd)?(\d+)(?:/(\d{4}))?(?:/qd-ttg)?")


def _instrument_keys(text: str) -> tuple[tuple[str, str | None], ...] | None:
    """``"QĐ 26/2026/QĐ-TTg + 781"`` → ``(("26", "2026"), ("781", None))``; None if not a number."""
    folded = fold(text)
    keys = []
    for part in "".join(folded.split()).split("+"):
        match = _INSTRUMENT.fullmatch(part)
        if match is None:
            return None
        keys.append((match.group(1), match.group(2)))
    return tuple(keys)


def _keys_match(
    wanted: tuple[tuple[str, str | None], ...], have: tuple[tuple[str, str | None], ...] | None
) -> bool:
    # A year written must agree; a year left out matches any ("26" is 26/2026).
    return (
        have is not None
        and len(wanted) == len(have)
        and all(
            n == m and (y is None or x is None or y == x)
            for (n, y), (m, x) in zip(wanted, have, strict=True)
        )
    )


@attrs.frozen(slots=True)
class Citation:
    """A place in a legal instrument: ``Citation("26/2026/QĐ-TTg", dieu=4, khoan=3)``.

    ``instrument`` is the instrument's number as written (e.g. ``"148/QĐ-TTg"``);
    the other fields are the Vietnamese subdivisions: Điều (article), khoản
    (clause), điểm (point), Phụ lục (appendix), Mẫu (form).  ``detail`` is free
    text for what the subdivisions cannot say (a scoresheet row, a table cell).
    """

    instrument: str
    dieu: int | None = None
    khoan: int | None = None
    diem: str | None = None
    phu_luc: str | None = None
    mau: str | None = None
    detail: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.diem is not None:
            parts.append(f"điểm {self.diem}")
        if self.khoan is not None:
            parts.append(f"khoản {self.khoan}")
        if self.dieu is not None:
            parts.append(f"Điều {self.dieu}")
        if self.phu_luc is not None:
            parts.append(f"Phụ lục {self.phu_luc}")
        if self.mau is not None:
            parts.append(f"Mẫu {self.mau}")
        place = " ".join(parts)
        text = f"{place} {self.instrument}" if place else self.instrument
        return f"{text} ({self.detail})" if self.detail else text


class InstrumentKind(StrEnum):
    """Kind of legal instrument (value: its Vietnamese name)."""

    QUYET_DINH = "Quyết định"
    NGHI_QUYET = "Nghị quyết"


class SourceStrength(StrEnum):
    """How strong the source of a record is, strongest first.

    OFFICIAL: the official gazette or vanban.chinhphu.vn; LEGAL_DATABASE: a legal
    database (thuvienphapluat.vn …) or an official document reproduced there;
    NEWS: news and government-portal pages; BLOG: commercial or consultancy pages;
    TRANSCRIPT: an unofficial copy of the text (e.g. hosted on GitHub), complete
    but of unproven provenance; STUDENT: a student project's data.
    """

    OFFICIAL = "official"
    LEGAL_DATABASE = "legal_database"
    NEWS = "news"
    BLOG = "blog"
    TRANSCRIPT = "transcript"
    STUDENT = "student"

    @property
    def rank(self) -> int:
        """Higher is stronger (OFFICIAL 5 … STUDENT 0)."""
        return len(_STRENGTH_ORDER) - 1 - _STRENGTH_ORDER.index(self)


_STRENGTH_ORDER = tuple(SourceStrength)


def weakest(strengths: Iterable[SourceStrength]) -> SourceStrength:
    """The weakest of several strengths: an answer is only as strong as its weakest source."""
    given = tuple(choice(s, SourceStrength, "strength") for s in items(strengths, "strengths"))
    if not given:
        raise InvalidInput("weakest() needs at least one source strength")
    return min(given, key=lambda s: s.rank)


class EvaluationKind(StrEnum):
    """What a dossier asks for: lần đầu, nâng hạng, đánh giá lại (26/2026 Mẫu 01)."""

    FIRST = "first"
    UPGRADE = "upgrade"
    RE_EVALUATION = "re_evaluation"


@attrs.frozen(slots=True)
class Period:
    """A period counted per Bộ luật Dân sự 2015 Điều 147–148.

    The day of the event (``counted_from``) is not counted (Điều 147 khoản 2); a
    period in days ends ``days`` days later, one in months on the corresponding
    day of the last month, or that month's last day if it has no such day
    (Điều 148 khoản 3).  ``next_working_day`` moves an end falling on a Saturday
    or Sunday to the next Monday (Điều 148 khoản 5).  Public holidays are
    not modelled: the dates stored in ``law.json`` were checked against the
    holiday calendar by hand.

    >>> Period(date(2026, 5, 22), days=30, next_working_day=True).end()
    datetime.date(2026, 6, 22)
    """

    counted_from: date
    days: int | None = None
    months: int | None = None
    next_working_day: bool = False

    def __attrs_post_init__(self) -> None:
        require_date(self.counted_from, "counted_from")
        lengths = [
            (n, v) for n, v in (("days", self.days), ("months", self.months)) if v is not None
        ]
        if len(lengths) != 1:
            raise InvalidInput("a Period needs exactly one of days= or months=")
        name, length = lengths[0]
        if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
            raise InvalidInput(f"{name} must be a positive int, got {show(length)}", field=name)
        if not isinstance(self.next_working_day, bool):
            raise InvalidInput(
                f"next_working_day must be a bool, got {show(self.next_working_day)}"
            )

    def end(self) -> date:
        """Last day of the period (InvalidInput if it falls outside the calendar)."""
        try:
            if self.days is not None:
                end = self.counted_from + timedelta(days=self.days)
            else:
                # One step, never month by month: relativedelta keeps the day of the
                # month and clamps it to the last day, as Điều 148 khoản 3 prescribes
                # (31/1 + 36 months = 31/1; 29/2/2024 + 36 months = 28/2/2027).
                end = self.counted_from + relativedelta(months=self.months or 0)
            while self.next_working_day and end.weekday() >= 5:
                end += timedelta(days=1)
        except (OverflowError, ValueError):
            raise InvalidInput(
                f"the period {show(self)} ends outside the calendar (year 1–9999)"
            ) from None
        return end


@attrs.frozen(slots=True)
class Instrument(Serialized):
    """One legal instrument, with its dates, its relations and where it was read.

    ``in_force_until`` is the last day it applied (``None``: still in force);
    ``end_basis`` says why it ended and ``ended_by`` cites the provision that ended
    it, if one was read.  ``unverified`` names the fields that rest on inference
    rather than on a source (e.g. an effective date assumed equal to the signing
    date).
    """

    number: str
    kind: InstrumentKind
    issuer: str
    signer: str | None
    signed_on: date
    effective_from: date
    in_force_until: date | None
    end_basis: str | None
    ended_by: Citation | None
    replaced_by: tuple[str, ...]
    amends: tuple[str, ...]
    amended_by: tuple[str, ...]
    title_vi: str
    summary_en: str
    sources: tuple[str, ...]
    source_strength: SourceStrength
    source_note: str
    unverified: tuple[str, ...]
    notes: tuple[str, ...]

    def in_force_on(self, on: date) -> bool:
        """Whether the instrument applied on ``on`` (a ``datetime.date``)."""
        require_date(on, "on")
        return self.effective_from <= on and (
            self.in_force_until is None or on <= self.in_force_until
        )


@attrs.frozen(slots=True)
class RegimeSpan(Serialized):
    """A row of the regime table: ``regime`` governs new evaluations from
    ``starts_on`` to ``ends_on`` (inclusive; ``None``: open-ended)."""

    regulation: Regime
    starts_on: date
    ends_on: date | None
    instruments: tuple[str, ...]
    citations: tuple[Citation, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]

    def covers(self, on: date) -> bool:
        require_date(on)
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


@attrs.frozen(slots=True)
class TransitionalRule(Serialized):
    """A transitional provision, as data (e.g. 26/2026/QĐ-TTg Điều 12 khoản 2 điểm a).

    ``applies_from``–``applies_until`` is the window in which the rule matters
    (``None``: no end encoded).  Where ``applies_until`` comes from a day count,
    ``period`` reproduces it and ``computation`` explains it.  A rule with a
    ``continuing_regulation`` keeps dossiers filed before ``filed_before`` (of the
    ``evaluation_kinds`` listed) under that older regime until ``applies_until``.
    """

    id: str
    citation: Citation
    description_vi: str
    description_en: str
    applies_from: date
    applies_until: date | None
    period: Period | None
    computation: str | None
    filed_before: date | None
    recognised_before: date | None
    evaluation_kinds: tuple[EvaluationKind, ...]
    continuing_regulation: Regime | None
    max_days_after_expiry: int | None

    def relevant_on(self, on: date) -> bool:
        require_date(on)
        return self.applies_from <= on and (self.applies_until is None or on <= self.applies_until)


@attrs.frozen(slots=True)
class RegimeInForce(Serialized):
    """The answer of :func:`regime_on`: which regime governs an evaluation on ``on``.

    ``governed_by`` holds the transitional rule(s) that kept an older regime for
    a dossier filed earlier (empty when the regime simply follows the date; two
    when ``kind`` was not given and both readings agree);
    ``transitional_rules`` lists every transitional rule that matters on ``on``;
    ``source_strength`` is the weakest strength among the regime, its
    instruments and any transitional provision in ``governed_by``; ``notes`` spell
    out any decision taken for this answer.
    """

    on: date
    filed_on: date | None
    kind: EvaluationKind | None
    regulation: Regime
    span: RegimeSpan
    instruments: tuple[Instrument, ...]
    citations: tuple[Citation, ...]
    transitional_rules: tuple[TransitionalRule, ...]
    governed_by: tuple[TransitionalRule, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]

    #: The rules that kept an older regulation, by id (each is in ``transitional_rules``).
    _json_as: ClassVar = {"governed_by": "_governed_ids"}

    def _governed_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.governed_by)


# --- public lookups -------------------------------------------------------------------


def instruments() -> tuple[Instrument, ...]:
    """Every encoded instrument, in order of signing."""
    return _registry().instruments


def instrument(number: str) -> Instrument:
    """The instrument with this number; accepts ``"148/QD-TTg"``, ``"148"``, ``"QĐ 148/QĐ-TTg"``.

    >>> instrument("1489").amends
    ('148/QĐ-TTg',)
    """
    reg = _registry()
    try:
        # Instrument numbers are identifiers: "90" must not find 490/QĐ-TTg.
        return lookup(number, reg.aliases, what="instrument", substring=False)
    except AmbiguousInput as err:
        # lookup names whichever alias matched; report the instruments' numbers instead.
        numbers = sorted({reg.aliases[name].number for name in err.context["readings"]})
        raise AmbiguousInput(
            f"instrument {show(number)} matches several: {'; '.join(numbers)}; "
            "give the full number",
            value=number,
            readings=numbers,
        ) from None
    except NotFound:
        known = [i.number for i in reg.instruments]
        raise NotFound(
            f"no instrument {show(number)}; known: {', '.join(known)}", value=number, known=known
        ) from None


def instruments_in_force(on: date) -> tuple[Instrument, ...]:
    """The encoded instruments that applied on ``on`` (possibly none)."""
    require_date(on, "on")
    return tuple(i for i in _registry().instruments if i.in_force_on(on))


def regimes() -> tuple[RegimeSpan, ...]:
    """The regime table, oldest first; consecutive rows leave no gap."""
    return _registry().spans


def regime_span(regulation: Regime) -> RegimeSpan:
    """The table row of one regime."""
    if not isinstance(regulation, Regime):
        allowed = ", ".join(r.name for r in Regime)
        raise InvalidInput(
            f"regime must be a Regime ({allowed}), got {show(regulation)}", value=show(regulation)
        )
    return next(s for s in _registry().spans if s.regulation is regulation)


def transitional_rules() -> tuple[TransitionalRule, ...]:
    """Every encoded transitional rule."""
    return _registry().rules


def regimes_applying_on(on: date) -> tuple[Regime, ...]:
    """The regime in force on ``on``, then any older one a transitional rule keeps that day.

    >>> [r.value for r in regimes_applying_on(date(2026, 6, 1))]
    ['26/2026/QĐ-TTg', '148/QĐ-TTg+1489/QĐ-TTg']
    """
    require_date(on, "on")
    span = _span_on(on)
    # regime_on(on).regulation is the span's; regime_on is called only to word the refusal
    in_force = regime_on(on).regulation if span is None else span.regulation
    kept = [
        r.continuing_regulation
        for r in transitional_rules()
        if r.continuing_regulation is not None and r.relevant_on(on)
    ]
    return tuple(dict.fromkeys([in_force, *kept]))


def _span_on(on: date) -> RegimeSpan | None:
    """The span of the regime in force on ``on`` for a new evaluation, if one is encoded."""
    return next((s for s in _registry().spans if s.covers(on)), None)


def regime_on(
    on: date,
    *,
    filed_on: date | None = None,
    kind: EvaluationKind | str | None = None,
) -> RegimeInForce:
    """The criteria-and-process regime that governs an evaluation made on ``on``.

    Without ``filed_on`` the answer is the regime for a dossier filed on or after
    the regime's start (a new evaluation).  With ``filed_on`` the transitional
    rules apply: a dossier filed before 22/5/2026 and evaluated afterwards stays
    under 148/QĐ-TTg + 1489/QĐ-TTg until the deadline of 26/2026/QĐ-TTg Điều 12
    khoản 2 for its ``kind`` (60 days for a first evaluation or an upgrade, 30 for
    a re-evaluation).  After that deadline the law gives no rule:
    :class:`RuleNotInForce`.  If the deadline depends on ``kind`` and none is
    given: :class:`AmbiguousInput`.  Before 21/8/2019: :class:`RuleNotInForce`.

    >>> r = regime_on(date(2026, 6, 1), filed_on=date(2026, 5, 1), kind="first")
    >>> print(r.regulation, "|", r.governed_by[0].citation)
    148/QĐ-TTg+1489/QĐ-TTg | điểm a khoản 2 Điều 12 26/2026/QĐ-TTg
    """
    require_date(on, "on")
    if filed_on is not None:
        require_date(filed_on, "filed_on")
        if filed_on > on:
            raise InvalidInput(
                f"filed_on {filed_on.isoformat()} is after the evaluation date {on.isoformat()}; "
                "a dossier is evaluated on or after the day it is filed",
                value=filed_on.isoformat(),
                field="filed_on",
            )
    kind = _check_kind(kind)
    reg = _registry()
    span = _span_on(on)
    if span is None:
        first = reg.spans[0]
        raise RuleNotInForce(
            f"no criteria-and-process regime is encoded for {on.isoformat()}: the first, "
            f"{first.regulation.value}, applies from {first.starts_on.isoformat()}",
            on=on.isoformat(),
            first_rule_from=first.starts_on.isoformat(),
        )
    notes: list[str] = []
    governed_by: tuple[TransitionalRule, ...] = ()
    if filed_on is not None:
        governed_by = _continuing_rules(reg.rules, on, filed_on, kind)
        if governed_by:
            old = governed_by[0].continuing_regulation
            assert old is not None  # selected for it
            span = regime_span(old)
            notes.append(
                f"dossier filed on {filed_on.isoformat()} stays under {old.value} by "
                + "; ".join(
                    f"{r.citation} (to be completed by {iso(r.applies_until)})" for r in governed_by
                )
            )
        elif filed_on < span.starts_on:
            notes.append(
                f"dossier filed on {filed_on.isoformat()}, before {span.regulation.value} began on "
                f"{span.starts_on.isoformat()}; no transitional rule is encoded for that change, "
                "so the regime in force on the evaluation date applies (docs/decisions/law.md)"
            )
    else:
        for rule in reg.rules:
            if rule.continuing_regulation is not None and rule.relevant_on(on):
                kinds = "/".join(k.value for k in rule.evaluation_kinds)
                notes.append(
                    f"{rule.continuing_regulation.value} still governs dossiers filed before "
                    f"{iso(rule.filed_before)} ({kinds}) "
                    f"until {iso(rule.applies_until)} by {rule.citation}; pass filed_on= and kind="
                )
    members = tuple(reg.by_number[n] for n in span.instruments)
    return RegimeInForce(
        on=on,
        filed_on=filed_on,
        kind=kind,
        regulation=span.regulation,
        span=span,
        instruments=members,
        citations=span.citations + tuple(r.citation for r in governed_by),
        transitional_rules=tuple(r for r in reg.rules if r.relevant_on(on)),
        governed_by=governed_by,
        # The answer is only as strong as every source it rests on, including the
        # transitional provision (of 26/2026, a transcript) that kept an old regime.
        source_strength=weakest(
            [
                span.source_strength,
                *(i.source_strength for i in members),
                *(_instrument_strength(reg, r.citation.instrument) for r in governed_by),
            ]
        ),
        notes=(*span.notes, *notes),
    )


def _instrument_strength(reg: _Registry, number: str) -> SourceStrength:
    return next(i.source_strength for i in reg.instruments if i.number == number)


def _continuing_rules(
    rules: tuple[TransitionalRule, ...], on: date, filed_on: date, kind: EvaluationKind | None
) -> tuple[TransitionalRule, ...]:
    """The rules keeping an older regime for this dossier (several when ``kind`` is
    unknown and every reading agrees), or () when none reaches it."""
    candidates = [
        r
        for r in rules
        if r.continuing_regulation is not None
        and r.filed_before is not None
        and filed_on < r.filed_before
        and r.applies_from <= on
        and (kind is None or kind in r.evaluation_kinds)
    ]
    still_open = [r for r in candidates if r.relevant_on(on)]
    if len(still_open) == len(candidates):
        return tuple(candidates)
    if not still_open:
        deadlines = "; ".join(f"{r.citation}: {iso(r.applies_until)}" for r in candidates)
        raise RuleNotInForce(
            f"dossier filed on {filed_on.isoformat()} had to be evaluated by the transitional "
            f"deadline ({deadlines}); no rule is encoded for an evaluation on {on.isoformat()}",
            on=on.isoformat(),
            filed_on=filed_on.isoformat(),
        )
    readings = [
        f"{'/'.join(k.value for k in r.evaluation_kinds)}: "
        + (
            f"{r.continuing_regulation.value if r.continuing_regulation else ''} by {r.citation}"
            if r.relevant_on(on)
            else f"no rule (deadline {iso(r.applies_until)} of {r.citation} passed)"
        )
        for r in candidates
    ]
    raise AmbiguousInput(
        f"the regime for a dossier filed on {filed_on.isoformat()} and evaluated on "
        f"{on.isoformat()} depends on the kind of evaluation: {'; '.join(readings)}; pass kind=",
        readings=readings,
        on=on.isoformat(),
        filed_on=filed_on.isoformat(),
    )


# --- input checks ---------------------------------------------------------------------


def _check_kind(kind: object) -> EvaluationKind | None:
    if kind is None or isinstance(kind, EvaluationKind):
        return kind
    if isinstance(kind, str):
        for member in EvaluationKind:
            if kind == member.value:
                return member
    allowed = ", ".join(k.value for k in EvaluationKind)
    raise InvalidInput(
        f"kind must be an EvaluationKind ({allowed}) or None, got {show(kind)}",
        value=show(kind),
        field="kind",
    )


# --- data loading ---------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Registry:
    instruments: tuple[Instrument, ...]
    by_number: Mapping[str, Instrument]
    aliases: Mapping[str, Instrument]
    spans: tuple[RegimeSpan, ...]
    rules: tuple[TransitionalRule, ...]


@functools.cache
def _registry() -> _Registry:
    return _parse_registry(df.load("law.json"))


def _parse_registry(raw: object) -> _Registry:
    """Build and cross-check the registry; any flaw raises InconsistentData.

    The file's shape is checked by its pydantic model (:mod:`ocop._regulation_files`,
    schema ``law.schema.json``); what a schema cannot say (dates computed from
    periods, relations between records, a regime table without gaps) is checked here.
    """
    from ocop import _regulation_files as files  # its models use this module's enums

    data = files.validate(files.LawFile, raw, "law.json")
    items = [_instrument(m) for m in data.instruments]
    by_number: dict[str, Instrument] = {}
    for item in items:
        if item.number in by_number:
            raise InconsistentData(f"law.json: instrument {item.number} is listed twice")
        by_number[item.number] = item
    _check_relations(by_number)
    spans = tuple(_span(m, by_number) for m in data.regimes)
    _check_spans(spans)
    rules = tuple(_rule(m) for m in data.transitional_rules)
    _check_rules(rules, by_number)
    ordered = tuple(sorted(items, key=lambda i: (i.signed_on, i.number)))
    return _Registry(ordered, by_number, _aliases(ordered), spans, rules)


def _aliases(items: tuple[Instrument, ...]) -> dict[str, Instrument]:
    # "148", "26/2026" and "QĐ 148/QĐ-TTg" are how people write numbers.  Exact aliases
    # win over the substring matching of ocop.text.lookup (which would find "148" inside
    # "1489"); an alias two instruments share is dropped so that lookup reports ambiguity.
    owners: dict[str, set[str]] = {}
    by_alias: dict[str, Instrument] = {}
    for item in items:
        short = "QĐ" if item.kind is InstrumentKind.QUYET_DINH else "NQ"
        parts = item.number.split("/")
        names = {
            item.number,
            f"{short} {item.number}",
            f"{item.kind.value} {item.number}",
            f"{item.kind.value} số {item.number}",
            parts[0],
        }
        if len(parts) == 3:  # "26/2026/QĐ-TTg" is also written "26/2026"
            names.add("/".join(parts[:2]))
        for name in names:
            owners.setdefault(name, set()).add(item.number)
            by_alias[name] = item
    return {name: item for name, item in by_alias.items() if len(owners[name]) == 1}


def _check_relations(by_number: Mapping[str, Instrument]) -> None:
    for item in by_number.values():
        where = f"law.json: instrument {item.number}"
        if item.effective_from < item.signed_on:
            raise InconsistentData(f"{where}: effective_from is before signed_on")
        if item.in_force_until is not None and item.in_force_until < item.effective_from:
            raise InconsistentData(f"{where}: in_force_until is before effective_from")
        for field, mirror in (("amends", "amended_by"), ("amended_by", "amends")):
            for other in getattr(item, field):
                if other not in by_number:
                    raise InconsistentData(f"{where}: {field} names unknown {other}")
                if item.number not in getattr(by_number[other], mirror):
                    raise InconsistentData(
                        f"{where}: {field} {other}, but {other}.{mirror} does not name it"
                    )
        for other in item.replaced_by:
            if other not in by_number:
                raise InconsistentData(f"{where}: replaced_by names unknown {other}")
        if item.ended_by is not None and item.ended_by.instrument not in by_number:
            raise InconsistentData(f"{where}: ended_by cites unknown {item.ended_by.instrument}")


def _check_spans(spans: tuple[RegimeSpan, ...]) -> None:
    if sorted(s.regulation for s in spans) != sorted(Regime) or len(spans) != len(Regime):
        raise InconsistentData("law.json: regimes must list every Regime exactly once")
    for prev, nxt in itertools.pairwise(spans):
        if prev.ends_on is None or prev.ends_on + timedelta(days=1) != nxt.starts_on:
            raise InconsistentData(
                f"law.json: regime {nxt.regulation.name} must start the day after "
                f"{prev.regulation.name} ends (no gap, no overlap)"
            )
    if spans[-1].ends_on is not None:
        raise InconsistentData("law.json: the last regime must be open-ended")


def _check_rules(rules: tuple[TransitionalRule, ...], by_number: Mapping[str, Instrument]) -> None:
    seen: set[str] = set()
    for rule in rules:
        where = f"law.json: transitional rule {rule.id}"
        if rule.id in seen:
            raise InconsistentData(f"{where} is listed twice")
        seen.add(rule.id)
        if rule.citation.instrument not in by_number:
            raise InconsistentData(f"{where}: cites unknown {rule.citation.instrument}")
        if rule.period is not None and rule.period.end() != rule.applies_until:
            raise InconsistentData(
                f"{where}: applies_until {iso(rule.applies_until)} does not match its period, "
                f"which ends on {rule.period.end().isoformat()}"
            )
        if (rule.period is None) != (rule.computation is None):
            raise InconsistentData(f"{where}: a computed date needs both period and computation")
        if rule.continuing_regulation is not None and (
            rule.filed_before is None or rule.applies_until is None or not rule.evaluation_kinds
        ):
            raise InconsistentData(
                f"{where}: a continuing regime needs filed_before, applies_until and kinds"
            )
        # An instrument ended by this provision must end on the date the rule computes.
        for item in by_number.values():
            if (
                rule.continuing_regulation is None
                and item.ended_by is not None
                and item.ended_by == rule.citation
                and item.in_force_until != rule.applies_until
            ):
                raise InconsistentData(
                    f"law.json: {item.number} in_force_until {iso(item.in_force_until)} "
                    f"differs from {rule.id} ({iso(rule.applies_until)})"
                )
        if rule.continuing_regulation is not None:
            # The old regime's instruments must still be in force until the deadline.
            for item in by_number.values():
                if item.number in rule.continuing_regulation.value.split("+") and (
                    item.in_force_until is not None
                    and rule.applies_until is not None
                    and item.in_force_until < rule.applies_until
                ):
                    raise InconsistentData(
                        f"{where}: keeps {item.number} beyond its last day "
                        f"{iso(item.in_force_until)}"
                    )


def _instrument(m: files.InstrumentModel) -> Instrument:
    if not m.sources:
        raise InconsistentData(f"law.json: instrument {m.number}: needs at least one source")
    return from_model(Instrument, m, ended_by=None if m.ended_by is None else m.ended_by.value())


def _span(m: files.SpanModel, known: Mapping[str, Instrument]) -> RegimeSpan:
    where = f"law.json: regime {m.regime.name}"
    if "+".join(m.instruments) != m.regime.value:
        raise InconsistentData(
            f"{where}: instruments {m.instruments} do not spell {m.regime.value}"
        )
    span = from_model(
        RegimeSpan, m, regulation=m.regime, citations=tuple(c.value() for c in m.citations)
    )
    for number in m.instruments:
        item = known.get(number)
        if item is None:
            raise InconsistentData(f"{where}: names unknown instrument {number}")
        if not item.in_force_on(span.starts_on) or (
            span.ends_on is not None and not item.in_force_on(span.ends_on)
        ):
            raise InconsistentData(f"{where}: {number} is not in force throughout the regime")
    for citation in span.citations:
        if citation.instrument not in m.instruments:
            raise InconsistentData(f"{where}: cites {citation.instrument}, not part of it")
    return span


def _rule(m: files.RuleModel) -> TransitionalRule:
    where = f"law.json: transitional rule {m.id}"
    period = None
    if m.period is not None:
        p = m.period
        if (p.days is None) == (p.months is None):
            raise InconsistentData(f"{where}: period: give exactly one of days or months")
        period = from_model(Period, p)
    return from_model(
        TransitionalRule,
        m,
        citation=m.citation.value(),
        period=period,
        continuing_regulation=m.continuing_regime,
    )
