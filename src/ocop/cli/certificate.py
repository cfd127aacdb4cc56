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
from typing import Any

from ocop.certificates import (
    AuthorityLevel,
    Certificate,
    ExpiryRule,
    ExtensionReading,
    authority,
    revocation_authority,
    status,
)
from ocop.cli._common import add_format_option, ascii_digits, date_or_today, parse_date, print_json
from ocop.dates import iso
from ocop.errors import InvalidInput, NotEncoded


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
        _print(result)
    return 0


def payload(args: argparse.Namespace) -> dict[str, Any]:
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
    on = date_or_today(args.on)
    found = status(
        cert, on, rule=ExpiryRule(args.expiry_rule), reading=ExtensionReading(args.reading)
    )
    term, renewal = found.validity, found.validity.renewal
    competent = authority(cert.star, on)
    try:
        revoked_by: str | None = revocation_authority(cert.star, on).revoked_by
    except NotEncoded:
        revoked_by = None
    return {
        "issued_on": cert.issued_on.isoformat(),
        "star": cert.star,
        "regulation": cert.issued_under.value,
        "on": on.isoformat(),
        "expires_on": term.expires_on.isoformat(),
        "renewal_window": {
            "opens_on": iso(renewal.opens_on),
            "closes_on": iso(renewal.closes_on),
            "decision_within_days": renewal.decision_within_days,
        },
        "notice_by": iso(renewal.notice_by),
        "kept_until": iso(renewal.kept_until),
        "status": found.status.value,
        "valid": found.status.is_valid,
        "authority": {
            "recognised_by": competent.recognised_by,
            "recognition_level": competent.recognition_level.value,
            "evaluated_by": competent.evaluated_by,
            "revoked_by": revoked_by,
            "vacant": competent.vacant,
            "citations": [str(c) for c in competent.citations],
        },
        "citations": list(
            dict.fromkeys(str(c) for c in (*term.citations, *renewal.citations, *found.basis))
        ),
        "notes": [*term.notes, *renewal.notes, *found.notes, *competent.notes],
        "source_strength": term.source_strength.value,
    }


def _print(result: dict[str, Any]) -> None:
    window = result["renewal_window"]
    print(f"{result['star']}★ certificate issued {result['issued_on']} ({result['regulation']})")
    print(f"  expires on:     {result['expires_on']}")
    print(f"  renewal window: {window['opens_on'] or '—'} to {window['closes_on'] or '—'}")
    print(f"  status on {result['on']}: {result['status']}")
    print(f"  competent:      {result['authority']['recognised_by']}")
    for citation in result["citations"]:
        print(f"  cites: {citation}")
    for note in result["notes"]:
        print(f"  note: {note}")
