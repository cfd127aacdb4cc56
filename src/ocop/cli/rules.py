"""``ocop rules``: the instruments and the criteria-and-process regime in force on a date.

    ocop rules [--on DATE] [--filed-on DATE] [--kind KIND] [--format text|json]

``--on`` defaults to today.  ``--filed-on``/``--kind`` apply the transitional
rules of 26/2026/QĐ-TTg Điều 12 to a dossier filed before 22/5/2026.
"""

from __future__ import annotations

import argparse
from datetime import date

import attrs

from ocop.cli._common import add_format_option, date_or_today, parse_date, print_json
from ocop.display import text
from ocop.errors import RuleNotInForce
from ocop.law import (
    Citation,
    EvaluationKind,
    Instrument,
    InstrumentKind,
    Regime,
    RegimeInForce,
    SourceStrength,
    TransitionalRule,
    instruments_in_force,
    regime_on,
    regimes,
)

__all__ = [
    "DOCUMENT",
    "InstrumentRow",
    "RegimeRow",
    "RulesDocument",
    "payload",
    "register",
    "run",
    "text",
]


@attrs.frozen(slots=True, kw_only=True)
class RegimeRow:
    """The regime in force: the regulation it applies, its dates and instruments."""

    regulation: Regime
    starts_on: date
    ends_on: date | None
    instruments: tuple[str, ...]
    source_strength: SourceStrength


@attrs.frozen(slots=True, kw_only=True)
class InstrumentRow:
    """An instrument in force on the date, and whether it is part of the regime."""

    number: str
    kind: InstrumentKind
    title_vi: str
    signed_on: date
    effective_from: date
    in_force_until: date | None
    source_strength: SourceStrength
    sources: tuple[str, ...]
    part_of_regime: bool


@attrs.frozen(slots=True, kw_only=True)
class RulesDocument:
    """What ``ocop rules --format json`` prints."""

    on: date
    filed_on: date | None
    kind: EvaluationKind | None
    # None before 1048/QĐ-TTg (21/8/2019): 490/QĐ-TTg left the criteria to the provinces.
    regime: RegimeRow | None
    instruments: tuple[InstrumentRow, ...]
    citations: tuple[Citation, ...]
    governed_by: tuple[str, ...]
    transitional_rules: tuple[TransitionalRule, ...]
    notes: tuple[str, ...]


DOCUMENT = RulesDocument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="instruments and regime in force on a date, with citations",
        description=(
            "Print the legal instruments in force on a date and the criteria-and-process "
            "regime that governs an evaluation on that date, with citations."
        ),
    )
    # Dates are parsed in run(), not by argparse, so a bad date is an InvalidInput that
    # the dispatcher reports like every other ocop error.
    parser.add_argument("--on", metavar="DATE", help="evaluation date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--filed-on", metavar="DATE", help="date the dossier was filed, YYYY-MM-DD (optional)"
    )
    parser.add_argument(
        "--kind",
        choices=[k.value for k in EvaluationKind],
        help="kind of evaluation (matters for dossiers filed before 2026-05-22)",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    on = date_or_today(args.on)
    filed_on = None if args.filed_on is None else parse_date(args.filed_on)
    try:
        document = payload(regime_on(on, filed_on=filed_on, kind=args.kind))
    except RuleNotInForce:
        if not instruments_in_force(on):  # before 490/QĐ-TTg: no OCOP rule at all
            raise
        document = _before_national(on, filed_on, args.kind)
    print_json(document) if args.format == "json" else print(text(document))
    return 0


def _before_national(on: date, filed_on: date | None, kind: str | None) -> RulesDocument:
    """The answer before the first national criteria (1048/QĐ-TTg, 21/8/2019).

    490/QĐ-TTg (7/5/2018) approved the programme but printed no national scoresheet:
    products were evaluated on criteria each province set (docs/decisions/law.md §13).
    """
    first = regimes()[0]
    programme = instruments_in_force(on)
    return RulesDocument(
        on=on,
        filed_on=filed_on,
        kind=None if kind is None else EvaluationKind(kind),
        regime=None,
        instruments=tuple(_row(i, set()) for i in programme),
        citations=tuple(Citation(i.number) for i in programme),
        governed_by=(),
        transitional_rules=(),
        notes=(
            f"no national criteria-and-process regime before {first.starts_on.isoformat()} "
            f"({first.regulation.value}): under {', '.join(i.number for i in programme)} products "
            "were evaluated on provincial criteria; there is no national scoresheet, and ocop "
            "holds no provincial one",
        ),
    )


def _row(i: Instrument, members: set[str]) -> InstrumentRow:
    return InstrumentRow(
        number=i.number,
        kind=i.kind,
        title_vi=i.title_vi,
        signed_on=i.signed_on,
        effective_from=i.effective_from,
        in_force_until=i.in_force_until,
        source_strength=i.source_strength,
        sources=i.sources,
        part_of_regime=i.number in members,
    )


def payload(result: RegimeInForce) -> RulesDocument:
    """The JSON document printed by ``--format json``."""
    members = {i.number for i in result.instruments}
    span = result.span
    return RulesDocument(
        on=result.on,
        filed_on=result.filed_on,
        kind=result.kind,
        regime=RegimeRow(
            regulation=result.regulation,
            starts_on=span.starts_on,
            ends_on=span.ends_on,
            instruments=tuple(i.number for i in result.instruments),
            source_strength=result.source_strength,
        ),
        instruments=tuple(_row(i, members) for i in instruments_in_force(result.on)),
        citations=result.citations,
        governed_by=tuple(r.id for r in result.governed_by),
        transitional_rules=result.transitional_rules,
        notes=result.notes,
    )
