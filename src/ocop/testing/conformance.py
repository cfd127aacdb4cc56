"""Conformance kit: compare your own OCOP implementation with ``ocop``, property by property.

Each ``check_*`` function takes your implementation (a plain callable), feeds it
inputs drawn by Hypothesis, compares every answer with ``ocop``'s, and returns
a :class:`Conformance`.  When the two disagree, Hypothesis shrinks the input
to a minimal case (a score exactly on a band edge, one missed star mark, the
day after expiry) and the :class:`Disagreement` says what ``ocop`` answers,
why, and which rule of the law it applies.

>>> from ocop.criteria import score
>>> from ocop.stars import band_star
>>> from ocop.testing.conformance import check_classification
>>> def bands_only(card):  # forgets every per-star minimum mark
...     return band_star(score(card).total, card.regulation)
>>> result = check_classification(bands_only, sheet=1)
>>> result.agrees
False
>>> result.disagreement.expected, result.disagreement.got
(4, 5)

Inputs are valid by construction, so ``ocop`` never refuses one; an
implementation that raises on an input disagrees on it.  Runs are
derandomised by default (the same implementation always gets the same
report); pass ``derandomize=False`` to explore further in a long run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Generic, TypeVar

import attrs
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from ocop import limits
from ocop.arguments import flag, integer, same_kind
from ocop.budget import Level, TableDocument
from ocop.budget.vocabulary import SOURCE_CITATION
from ocop.certificates import Certificate, Status, status, validity
from ocop.certificates.model import ExpiryRule, ExtensionReading
from ocop.criteria import Scorecard, Scoresheet, score, scoresheet
from ocop.errors import InvalidInput
from ocop.law import Citation, Regime
from ocop.money import Unit
from ocop.regulations import Regulation, default_regulation
from ocop.stars import classify
from ocop.strategies import (
    boundary_dates,
    boundary_scorecards,
    certificates,
    edge_scorecards,
    scorecards,
    table_documents,
)
from ocop.text import show

__all__ = [
    "Conformance",
    "Disagreement",
    "boundary_scorecards",
    "check_budget_total",
    "check_certificate_status",
    "check_classification",
    "check_scoring",
    "describe_card",
    "edge_scorecards",
]

T = TypeVar("T")


@attrs.frozen(slots=True, kw_only=True)
class Disagreement(Generic[T]):
    """The minimal input on which your implementation and ``ocop`` differ.

    ``input`` is what both were given (a :class:`~ocop.criteria.Scorecard`, or a
    ``(Certificate, date)`` pair); ``expected`` is ``ocop``'s answer and ``got``
    yours (or ``"raised ValueError: …"``); ``reasons`` says why ``ocop``
    answers so, and ``citations`` which rules it applied.
    """

    subject: str
    input: T
    described: str
    expected: object
    got: object
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...]

    def __str__(self) -> str:
        lines = [
            f"{self.subject}: your implementation disagrees with ocop",
            f"  input:  {self.described}",
            f"  ocop:   {self.expected!r}",
            f"  yours:  {self.got!r}",
        ]
        lines += [f"  why:    {r}" for r in self.reasons[:1]]
        lines += [f"          {r}" for r in self.reasons[1:]]
        lines += [f"  law:    {'; '.join(str(c) for c in self.citations)}"]
        return "\n".join(lines)


@attrs.frozen(slots=True, kw_only=True)
class Conformance(Generic[T]):
    """The result of one ``check_*`` run: how many inputs were compared, and the first
    minimal disagreement (``None`` when none was found)."""

    subject: str
    compared: int
    disagreement: Disagreement[T] | None

    @property
    def agrees(self) -> bool:
        return self.disagreement is None

    def __str__(self) -> str:
        if self.disagreement is None:
            return f"{self.subject}: agrees with ocop on {self.compared} inputs"
        return str(self.disagreement)

    def assert_agrees(self) -> None:
        """Raise ``AssertionError`` with the disagreement (for use inside a test)."""
        if self.disagreement is not None:
            raise AssertionError(str(self.disagreement))


@attrs.frozen(slots=True)
class _Answer:
    value: object
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...]


# --- the four checks -----------------------------------------------------------------------


def check_scoring(
    implementation: Callable[[Scorecard], object],
    *,
    sheet: Scoresheet | int | str | None = None,
    regulation: Regime | str | Regulation | None = None,
    max_examples: int = 300,
    derandomize: bool = True,
) -> Conformance[Scorecard]:
    """Compare your total for a scorecard with :func:`ocop.criteria.score`, exactly.

    Your function gets a :class:`~ocop.criteria.Scorecard` and returns its total
    (``int``, ``Fraction``, ``Decimal``, or ``float`` read by its shortest
    decimal form).  ``sheet`` limits the run to one product set.  ``regulation``
    may be a draft (``ocop.drafts``): the cards are drawn on the sheets of the
    regime it would replace and judged by the draft.
    """
    regime, rules = _judged_by(regulation)

    def oracle(card: Scorecard) -> _Answer:
        result = score(card, regulation=rules)
        parts = " / ".join(f"{p.part} {p.points}" for p in result.parts)
        return _Answer(result.total, (f"parts {parts}",), (result.citation,))

    return _run_cards(
        "scoring", oracle, implementation, _as_points, sheet, regime, max_examples, derandomize
    )


def check_classification(
    implementation: Callable[[Scorecard], object],
    *,
    sheet: Scoresheet | int | str | None = None,
    regulation: Regime | str | Regulation | None = None,
    max_examples: int = 300,
    derandomize: bool = True,
) -> Conformance[Scorecard]:
    """Compare your star for a scorecard with :func:`ocop.stars.classify` of its score.

    Your function gets a :class:`~ocop.criteria.Scorecard` and returns the star
    (1–5, or ``None`` for a product knocked out).  Cards are drawn on and
    around every band edge (30, 50, 70, 90), meeting or missing one star mark
    at a time, as well as anywhere on the sheet.  ``regulation`` may be a draft
    (``ocop.drafts``): the cards are those of the regime it would replace, and
    the draft's bands and marks judge them.
    """
    regime, rules = _judged_by(regulation)

    def oracle(card: Scorecard) -> _Answer:
        found = classify(score(card, regulation=rules), regulation=rules)
        return _Answer(found.star, found.reasons, found.citations)

    return _run_cards(
        "star classification",
        oracle,
        implementation,
        _as_star,
        sheet,
        regime,
        max_examples,
        derandomize,
    )


def check_certificate_status(
    implementation: Callable[[Certificate, date], object],
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
    max_examples: int = 300,
    derandomize: bool = True,
) -> Conformance[tuple[Certificate, date]]:
    """Compare your status of a certificate on a date with :func:`ocop.certificates.status`.

    Your function gets ``(certificate, on)`` and returns a
    :class:`~ocop.certificates.Status` or its value (``"valid"``,
    ``"renewal_window"``, …), or a ``bool`` meaning "valid on that date"
    (compared with :attr:`Status.is_valid`).  Dates are drawn on and around
    every date where the status may change (issue, window, expiry, events).
    """

    def oracle(pair: tuple[Certificate, date]) -> _Answer:
        cert, on = pair
        found = status(cert, on, rule=rule, reading=reading)
        term = found.validity
        reasons = (f"issued {cert.issued_on.isoformat()}, expires {term.expires_on.isoformat()}",)
        return _Answer(found.status, reasons + found.notes, found.basis or term.citations)

    def compare(got: object, expected: object) -> object:
        if isinstance(got, bool):  # a yes/no answer is compared with validity
            assert isinstance(expected, Status)
            return expected if got == expected.is_valid else _DIFFERENT
        return got if isinstance(got, Status) else Status(str(got))

    return _run(
        "certificate status",
        _certificate_dates(rule, reading),
        oracle,
        implementation,
        compare,
        _describe_certificate,
        max_examples,
        derandomize,
        star_args=True,
    )


def check_budget_total(
    implementation: Callable[[TableDocument], object],
    *,
    unit: Unit | str | None = None,
    locale: str | None = None,
    max_examples: int = 300,
    derandomize: bool = True,
) -> Conformance[TableDocument]:
    """Compare your grand total of a budget table with ``ocop``'s, to the đồng.

    Your function gets a :class:`~ocop.budget.TableDocument` whose entries are
    its cells (item × source × year), each figure as printed in the table's
    ``unit`` and number convention (``locale``: ``"vi"`` writes "1.234,5",
    ``"en"`` writes "1,234.5"; default: either), and returns the grand total as
    an ``int`` of đồng.  A source the table lists inside another (NSTW inside
    NSNN) is part of it, not added again.
    """

    def oracle(doc: TableDocument) -> _Answer:
        table = doc.build()
        top = table.top_sources()
        total = int(table.values(Level.CELL)[:, list(top), :].sum())
        added = ", ".join(table.sources[i].short for i in top)
        inside = [s.short for i, s in enumerate(table.sources) if i not in top]
        reasons = [f"figures in {table.unit.label_vi}, written the {doc.locale} way"]
        reasons.append(
            f"sources added: {added}" + (f"; inside them: {', '.join(inside)}" if inside else "")
        )
        return _Answer(total, tuple(reasons), (SOURCE_CITATION,))

    def exact(got: object, _: object) -> int:
        if isinstance(got, bool) or not isinstance(got, int):
            raise TypeError(f"a total in đồng is an int, got {show(got)}")
        return got

    documents = table_documents(
        unit=unit, locale=locale, levels={Level.CELL}, blanks=False, json_integers=False
    )
    return _run(
        "budget total",
        documents,
        oracle,
        implementation,
        exact,
        _describe_document,
        max_examples,
        derandomize,
    )


def _judged_by(regulation: object) -> tuple[Regime, Regulation | None]:
    """The regime whose cards are drawn, and the draft that judges them (None: the law)."""
    if isinstance(regulation, Regulation):
        return regulation.regime, regulation
    if regulation is None:
        return default_regulation().regime, None
    return Regime.parse(regulation), None


def _run_cards(
    subject: str,
    oracle: Callable[[Scorecard], _Answer],
    implementation: Callable[[Scorecard], object],
    normalise: Callable[[object, object], object],
    sheet: Scoresheet | int | str | None,
    regime: Regime,
    max_examples: int,
    derandomize: bool,
) -> Conformance[Scorecard]:
    """Scorecards: the boundary sweep, then edge cards and cards anywhere on the sheets."""
    return _run(
        subject,
        st.one_of(edge_scorecards(sheet, regulation=regime), scorecards(sheet, regulation=regime)),
        oracle,
        implementation,
        normalise,
        describe_card,
        max_examples,
        derandomize,
        sweep=boundary_scorecards(sheet, regulation=regime),
    )


# --- the engine ------------------------------------------------------------------------------

_DIFFERENT = object()  # a normalised answer that equals nothing


def _run(
    subject: str,
    inputs: st.SearchStrategy[T],
    oracle: Callable[[T], _Answer],
    implementation: Callable[..., object],
    normalise: Callable[[object, object], object],
    describe: Callable[[T], str],
    max_examples: int,
    derandomize: bool,
    *,
    sweep: Iterable[T] = (),
    star_args: bool = False,
) -> Conformance[T]:
    """Compare on the ``sweep`` in order, then search ``inputs`` for a disagreement and shrink it.

    The sweep's first disagreement is reported as it is: the sweep is ordered
    simplest first, so it is already the minimal case.
    """
    if not callable(implementation):
        raise InvalidInput(f"the implementation must be callable, got {show(implementation)}")
    max_examples = integer(max_examples, "max_examples", low=1, high=limits.MAX_COLLECTION)
    derandomize = flag(derandomize, "derandomize")
    compared = 0

    def theirs(value: T) -> object:
        return implementation(*value) if star_args else implementation(value)  # type: ignore[misc]

    def verdict(value: T) -> tuple[_Answer, object, bool]:
        expected = oracle(value)
        try:
            got = theirs(value)
        except Exception as err:  # their failure is a disagreement, not ours
            return expected, f"raised {type(err).__name__}: {_said(err)}", False
        try:
            same = normalise(got, expected.value) == expected.value
        except Exception:  # an answer we cannot read is a disagreement too
            same = False
        return expected, got, same

    def differs(value: T) -> bool:
        nonlocal compared
        compared += 1
        return not verdict(value)[2]

    for value in sweep:
        if differs(value):
            return _report(subject, compared, value, verdict, describe)
    run = settings(
        max_examples=max_examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        minimal = find(inputs, differs, settings=run)
    except NoSuchExample:
        return Conformance(subject=subject, compared=compared, disagreement=None)
    return _report(subject, compared, minimal, verdict, describe)


def _report(
    subject: str,
    compared: int,
    value: T,
    verdict: Callable[[T], tuple[_Answer, object, bool]],
    describe: Callable[[T], str],
) -> Conformance[T]:
    expected, got, _ = verdict(value)
    disagreement = Disagreement(
        subject=subject,
        input=value,
        described=describe(value),
        expected=_plain(expected.value),
        got=got,
        reasons=expected.reasons,
        citations=expected.citations,
    )
    return Conformance(subject=subject, compared=compared, disagreement=disagreement)


def _plain(value: object) -> object:
    """``ocop``'s answer as a user writes it: 90 rather than Fraction(90, 1), 'valid'."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    if isinstance(value, Status):
        return value.value
    return value


def _as_points(value: object, _: object = None) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | Decimal):
        raise TypeError(f"a total must be a number, got {show(value)}")
    return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)


def _as_star(value: object, _: object = None) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"a star must be an int or None, got {show(value)}")


# --- inputs ----------------------------------------------------------------------------------


#: Where a certificate's status may change, in the order a disagreement shrinks to.
_CERTIFICATE_EDGES = (
    "expires_on",
    "issued_on",
    "opens_on",
    "closes_on",
    "kept_until",
    "revoked_on",
    "superseded_on",
    "re_evaluation_filed_on",
    "re_evaluation_decided_on",
)


def _certificate_dates(
    rule: ExpiryRule, reading: ExtensionReading
) -> st.SearchStrategy[tuple[Certificate, date]]:
    """A certificate and a date on, the day before or the day after one of its edges, or any
    date.  Edges are drawn by name, so the shrinker can drop an event and keep the date."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Certificate, date]:
        cert = draw(certificates())
        term = validity(cert, rule=rule, reading=reading)
        known = {"expires_on": term.expires_on, "issued_on": cert.issued_on}
        known |= {k: getattr(term.renewal, k) for k in ("opens_on", "closes_on", "kept_until")}
        edge = draw(st.sampled_from(_CERTIFICATE_EDGES))
        when = known.get(edge, getattr(cert, edge, None)) or term.expires_on
        near = when + timedelta(days=draw(st.sampled_from((1, 0, -1))))
        return cert, draw(st.one_of(st.just(near), boundary_dates()))

    return build()


# --- how inputs are shown --------------------------------------------------------------------


def _said(err: Exception) -> str:
    try:
        return str(err)
    except Exception:  # their exception's own str() fails (a huge int in its message)
        return show(err)


def describe_card(card: Scorecard) -> str:
    """A scorecard in a line: sheet, total, and the criteria not at their best option."""
    card = same_kind(card, Scorecard, "card")
    sheet = scoresheet(card.product_set, regulation=card.regulation)
    result = score(card)
    lowered = [
        f"{c.code} option {c.option} ({c.points} of {c.max_points})"
        for c in result.criteria
        if c.points < c.max_points
    ]
    rest = f" except {', '.join(lowered)}" if lowered else ""
    return (
        f"sheet #{sheet.number} ({card.product_set}), total {result.total}: "
        f"every criterion at its best option{rest}"
    )


def _describe_document(doc: TableDocument) -> str:
    figures = "; ".join(f"{e.item} × {e.column} × {e.year}: {e.amount!r}" for e in doc.entries)
    return f"table in {doc.unit.label_vi} ({doc.locale}): {figures}"


def _describe_certificate(pair: tuple[Certificate, date]) -> str:
    cert, on = pair
    events = [
        f"{name} {when.isoformat()}"
        for name in (
            "revoked_on",
            "superseded_on",
            "re_evaluation_filed_on",
            "re_evaluation_decided_on",
        )
        if (when := getattr(cert, name)) is not None
    ]
    more = f" ({', '.join(events)})" if events else ""
    return (
        f"{cert.star}★ certificate issued {cert.issued_on.isoformat()}{more}, on {on.isoformat()}"
    )
