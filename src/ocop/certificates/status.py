"""A certificate's status on a date, its timeline, upgrades and revocation deadlines.

Precedence, first match wins: not yet issued → revoked (from ``revoked_on``) →
superseded (from ``superseded_on``) → valid through ``expires_on`` (in the
renewal window while the 26/2026 filing window is open) → kept valid by
26/2026 Điều 12 khoản 3 → expired.

>>> from datetime import date
>>> from ocop.certificates import Certificate, status
>>> cert = Certificate(star=3, issued_on=date(2024, 3, 15), issued_by="district")
>>> [status(cert, date(y, m, d)).status.value for y, m, d in
...  [(2024, 3, 14), (2026, 6, 1), (2026, 9, 20), (2027, 3, 15), (2027, 3, 16)]]
['not_yet_issued', 'valid', 'renewal_window', 'valid', 'expired']
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import ClassVar

import attrs

from ocop.certificates import rules as _rules
from ocop.certificates.model import Certificate, ExpiryRule, ExtensionReading
from ocop.certificates.rules import (
    REVOCATION_DAYS,
    RevocationGround,
    transition,
)
from ocop.certificates.validity import Validity, options, validity
from ocop.dates import iso, require_date
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.law import Citation, Period
from ocop.regulations import Regulation
from ocop.serialize import Serialized
from ocop.workdays import next_working_day

__all__ = [
    "CertificateStatus",
    "Segment",
    "Status",
    "boundaries",
    "revocation_deadline",
    "status",
    "supersede",
    "timeline",
]


class Status(StrEnum):
    """Where a certificate stands on a date; exactly one applies to every date."""

    NOT_YET_ISSUED = "not_yet_issued"
    VALID = "valid"
    RENEWAL_WINDOW = "renewal_window"
    KEPT_VALID = "kept_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"

    @property
    def is_valid(self) -> bool:
        """Whether the certificate may be relied on (valid, in its window, or kept valid)."""
        return self in (Status.VALID, Status.RENEWAL_WINDOW, Status.KEPT_VALID)


@attrs.frozen(slots=True, kw_only=True)
class CertificateStatus(Displayable, Serialized):
    """The answer of :func:`status`: the status on ``on`` and the rules behind it."""

    on: date
    status: Status
    validity: Validity
    basis: tuple[Citation, ...]
    notes: tuple[str, ...]

    _json_computed: ClassVar = ("valid", "expires_on")

    @property
    def expires_on(self) -> date:
        return self.validity.expires_on

    @property
    def valid(self) -> bool:
        """Whether the certificate is valid on ``on`` (its status says so)."""
        return self.status.is_valid


def status(
    certificate: Certificate,
    on: date,
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
    regulation: Regulation | None = None,
) -> CertificateStatus:
    """The status of ``certificate`` on ``on`` (see the module docstring for the order);
    ``regulation``, a draft, sets the term as in :func:`~ocop.certificates.validity`."""
    rule, reading = options(rule, reading)
    require_date(on, "on")
    term = validity(certificate, rule=rule, reading=reading, regulation=regulation)
    found, basis, notes = _decide(certificate, term, on)
    return CertificateStatus(
        on=on, status=found, validity=term, basis=tuple(basis), notes=tuple(notes)
    )


def _decide(
    cert: Certificate, term: Validity, on: date
) -> tuple[Status, list[Citation], list[str]]:
    renewal = term.renewal
    if on < cert.issued_on:
        return Status.NOT_YET_ISSUED, [], []
    if cert.revoked_on is not None and on >= cert.revoked_on:
        ground = cert.revocation_ground
        return Status.REVOKED, [ground.citation] if ground else [], []
    if cert.superseded_on is not None and on >= cert.superseded_on:
        return Status.SUPERSEDED, [], ["a later certificate for the product replaced this one"]
    if on <= term.expires_on:
        basis = [term.citations[0]]
        switch = transition()
        if cert.issued_on < switch.effective <= on:
            basis.append(switch.kept_term)  # an older recognition keeps its term
        window = (
            renewal.opens_on and renewal.closes_on and renewal.opens_on <= on <= renewal.closes_on
        )
        if window and on >= switch.effective:  # the window is a 26/2026 rule
            return Status.RENEWAL_WINDOW, [*basis, _rules.RE_EVALUATION_WINDOW.citation], []
        return Status.VALID, basis, []
    if _kept(cert, term, on):
        days = transition().late_filing_days
        note = (
            f"re-evaluation filed on {iso(cert.re_evaluation_filed_on)}, after the window "
            f"closed; valid until the decision, at most {days} days after expiry "
            f"({iso(renewal.kept_until)})"
        )
        return Status.KEPT_VALID, [transition().late_filing], [note]
    return Status.EXPIRED, [term.citations[0]], []


def _kept(cert: Certificate, term: Validity, on: date) -> bool:
    """26/2026 Điều 12 khoản 3: a late re-evaluation keeps the certificate until decided."""
    filed, decided = cert.re_evaluation_filed_on, cert.re_evaluation_decided_on
    kept_until = term.renewal.kept_until
    late_after = term.expires_on - timedelta(days=_rules.RE_EVALUATION_WINDOW.closes_days_before)
    return (
        kept_until is not None
        and filed is not None
        and filed > late_after
        and max(filed, transition().effective) <= on <= kept_until
        and (decided is None or on < decided)
    )


def boundaries(
    certificate: Certificate,
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
) -> tuple[date, ...]:
    """Every date on which the status of ``certificate`` may change (sorted).

    The documented boundaries: issue, the window's first day and the day after
    its last, the day after expiry, the day after the Điều 12 khoản 3 limit,
    22/5/2026, and the event dates of the record.
    """
    rule, reading = options(rule, reading)
    term = validity(certificate, rule=rule, reading=reading)
    ren = term.renewal
    day = timedelta(days=1)
    candidates = [
        certificate.issued_on,
        ren.opens_on,
        None if ren.closes_on is None else ren.closes_on + day,
        term.expires_on + day,
        None if ren.kept_until is None else ren.kept_until + day,
        transition().effective,
        certificate.revoked_on,
        certificate.superseded_on,
        certificate.re_evaluation_filed_on,
        certificate.re_evaluation_decided_on,
    ]
    return tuple(sorted({d for d in candidates if d is not None}))


@attrs.frozen(slots=True)
class Segment:
    """A stretch of days with one status: ``starts_on`` to ``ends_on`` (None: open-ended)."""

    starts_on: date
    ends_on: date | None
    status: Status


def timeline(
    certificate: Certificate,
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
) -> tuple[Segment, ...]:
    """The certificate's statuses from its issue on, merged into segments.

    >>> from datetime import date
    >>> from ocop.certificates import Certificate
    >>> for s in timeline(Certificate(star=4, issued_on=date(2026, 6, 1))):
    ...     print(s.starts_on, s.ends_on, s.status.value)
    2026-06-01 2028-12-02 valid
    2028-12-03 2029-02-01 renewal_window
    2029-02-02 2029-06-01 valid
    2029-06-02 None expired
    """
    rule, reading = options(rule, reading)
    term = validity(certificate, rule=rule, reading=reading)
    starts = boundaries(certificate, rule=rule, reading=reading)
    found = [(d, _decide(certificate, term, d)[0]) for d in starts if d >= certificate.issued_on]
    merged = [pair for i, pair in enumerate(found) if i == 0 or pair[1] != found[i - 1][1]]
    day = timedelta(days=1)
    return tuple(
        Segment(start, merged[i + 1][0] - day if i + 1 < len(merged) else None, state)
        for i, (start, state) in enumerate(merged)
    )


def supersede(old: Certificate, new: Certificate) -> Certificate:
    """``old`` as replaced by ``new`` (nâng hạng, or a re-evaluation), from ``new.issued_on``.

    An upgrade is a new evaluation (26/2026/QĐ-TTg Điều 7 khoản 5): the new
    certificate has its own 36-month term; the old one stops being valid the
    day the new one is issued.
    """
    if not isinstance(old, Certificate) or not isinstance(new, Certificate):
        raise InvalidInput("supersede() takes two Certificates")
    if new.issued_on < old.issued_on:
        raise InvalidInput(
            f"the new certificate ({new.issued_on.isoformat()}) predates the old one "
            f"({old.issued_on.isoformat()})"
        )
    if old.revoked_on is not None and old.revoked_on <= new.issued_on:
        raise InvalidInput("the old certificate was revoked before the new one was issued")
    if old.product is not None and new.product is not None and old.product != new.product:
        raise InvalidInput(
            f"the certificates are for different products: {old.product!r}, {new.product!r}"
        )
    return Certificate.model_validate(old.model_dump() | {"superseded_on": new.issued_on})


def revocation_deadline(
    concluded_on: date, ground: RevocationGround | str
) -> tuple[date, Citation]:
    """Last day to decide a revocation: 15 days after the conclusion (Điều 8 khoản 4).

    Counted per Bộ luật Dân sự 2015 Điều 147 (the day of the conclusion is not
    counted) and Điều 148 khoản 5 (a deadline on a weekend or public holiday runs
    to the next working day, :mod:`ocop.workdays`: NotEncoded outside the years
    its calendar covers).  For ground đ the clock starts at the commune's
    confirmation that production stopped.

    >>> revocation_deadline(date(2026, 8, 18), "b")[0]  # day 15 is Quốc khánh, 2/9
    datetime.date(2026, 9, 3)
    """
    require_date(concluded_on, "concluded_on")
    try:
        RevocationGround(ground)
    except ValueError:
        allowed = ", ".join(g.value for g in RevocationGround)
        raise InvalidInput(f"unknown revocation ground {ground!r}; grounds: {allowed}") from None
    citation, days = REVOCATION_DAYS
    return next_working_day(Period(concluded_on, days=days).end()), citation
