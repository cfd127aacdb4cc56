"""``ocop certificate``: a certificate's expiry, renewal window, status and authority on a date.

    ocop certificate --issued DATE --star N [--regulation ID] [--on DATE]
                     [--issued-by LEVEL] [--filed DATE] [--decided DATE]
                     [--expiry-rule RULE] [--reading READING] [--format text|json]

``--on`` defaults to today.  ``--filed``/``--decided`` are the dates of a
re-evaluation dossier and of its decision (for 26/2026/QĐ-TTg Điều 12 khoản 3).
``authority`` is who is competent on ``--on`` for a product at that star.
"""

from __future__ import annotations

import argparse
from datetime import date

import attrs

from ocop.certificates import (
    AuthorityLevel,
    Certificate,
    ExpiryRule,
    ExtensionReading,
    Status,
    authority,
    revocation_authority,
    status,
)
from ocop.cli._common import add_format_option, ascii_digits, date_or_today, parse_date, print_json
from ocop.display import text
from ocop.errors import InvalidInput, NotEncoded
from ocop.law import Citation, Regime, SourceStrength

__all__ = [
    "DOCUMENT",
    "AuthorityRow",
    "CertificateDocument",
    "RenewalWindow",
    "document",
    "payload",
    "register",
    "run",
]


@attrs.frozen(slots=True, kw_only=True)
class RenewalWindow:
    """The 26/2026 re-evaluation filing window (``None`` ends when it had closed)."""

    opens_on: date | None
    closes_on: date | None
    decision_within_days: int | None


@attrs.frozen(slots=True, kw_only=True)
class AuthorityRow:
    """Who is competent on the date for a product at the star."""

    recognised_by: str
    recognition_level: AuthorityLevel
    evaluated_by: str
    revoked_by: str | None
    vacant: bool
    citations: tuple[Citation, ...]


@attrs.frozen(slots=True, kw_only=True)
class CertificateDocument:
    """What ``ocop certificate --format json`` prints."""

    issued_on: date
    star: int
    regulation: Regime
    on: date
    expires_on: date
    renewal_window: RenewalWindow
    notice_by: date | None
    kept_until: date | None
    status: Status
    valid: bool
    authority: AuthorityRow
    citations: tuple[Citation, ...]
    notes: tuple[str, ...]
    source_strength: SourceStrength


DOCUMENT = CertificateDocument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "certificate",
        help="expiry, renewal window, status and competent authority of a certificate",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--issued", metavar="DATE", required=True, help="issue date, YYYY-MM-DD")
    parser.add_argument("--star", metavar="N", required=True, help="3, 4 or 5")
    parser.add_argument(
        "--regulation",
        metavar="R",
        help="regime it was issued under, e.g. 26/2026/QĐ-TTg or 148+1489 "
        "(default: the one in force on --issued)",
    )
    parser.add_argument(
        "--on", metavar="DATE", help="date of the status, YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--issued-by", choices=[level.value for level in AuthorityLevel])
    parser.add_argument("--filed", metavar="DATE", help="re-evaluation dossier filed, YYYY-MM-DD")
    parser.add_argument("--decided", metavar="DATE", help="re-evaluation decided, YYYY-MM-DD")
    parser.add_argument(
        "--expiry-rule",
        choices=[r.value for r in ExpiryRule],
        default=ExpiryRule.CIVIL_CODE.value,
        help="how the 36 months end (default: civil_code)",
    )
    parser.add_argument(
        "--reading",
        choices=[r.value for r in ExtensionReading],
        default=ExtensionReading.TRANSITIONAL.value,
        help="scope of 26/2026 Điều 12 khoản 3 (default: transitional)",
    )
    add_format_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = payload(args)
    if args.format == "json":
        print_json(result)
    else:
        print(text(result))
    return 0


def payload(args: argparse.Namespace) -> CertificateDocument:
    """The JSON document printed by ``--format json``."""
    if not ascii_digits(args.star):
        raise InvalidInput(f"--star must be 3, 4 or 5, got {args.star!r}", value=args.star)
    cert = Certificate(
        star=int(args.star),
        issued_on=parse_date(args.issued),
        regulation=args.regulation,
        issued_by=args.issued_by,
        re_evaluation_filed_on=None if args.filed is None else parse_date(args.filed),
        re_evaluation_decided_on=None if args.decided is None else parse_date(args.decided),
    )
    return document(
        cert,
        date_or_today(args.on),
        rule=ExpiryRule(args.expiry_rule),
        reading=ExtensionReading(args.reading),
    )


def document(
    cert: Certificate, on: date, *, rule: ExpiryRule, reading: ExtensionReading
) -> CertificateDocument:
    """``cert`` on ``on``: what ``--format json`` prints and ``ocop serve`` answers."""
    found = status(cert, on, rule=rule, reading=reading)
    term, renewal = found.validity, found.validity.renewal
    competent = authority(cert.star, on)
    try:
        revoked_by: str | None = revocation_authority(cert.star, on).revoked_by
    except NotEncoded:
        revoked_by = None
    return CertificateDocument(
        issued_on=cert.issued_on,
        star=cert.star,
        regulation=cert.issued_under,
        on=on,
        expires_on=term.expires_on,
        renewal_window=RenewalWindow(
            opens_on=renewal.opens_on,
            closes_on=renewal.closes_on,
            decision_within_days=renewal.decision_within_days,
        ),
        notice_by=renewal.notice_by,
        kept_until=renewal.kept_until,
        status=found.status,
        valid=found.status.is_valid,
        authority=AuthorityRow(
            recognised_by=competent.recognised_by,
            recognition_level=competent.recognition_level,
            evaluated_by=competent.evaluated_by,
            revoked_by=revoked_by,
            vacant=competent.vacant,
            citations=competent.citations,
        ),
        citations=tuple(dict.fromkeys((*term.citations, *renewal.citations, *found.basis))),
        notes=(*term.notes, *renewal.notes, *found.notes, *competent.notes),
        source_strength=term.source_strength,
    )
