"""Certificates: validity, renewal, status on a date, authority, revocation, upgrades.

>>> from datetime import date
>>> from ocop.certificates import Certificate, status
>>> cert = Certificate(star=4, issued_on=date(2024, 5, 31), issued_by="province")
>>> s = status(cert, date(2026, 11, 23))
>>> s.status.value, s.expires_on
('valid', datetime.date(2027, 5, 31))
"""

from ocop.certificates.batch import STATUS_CODES, BatchStatus, expiry_dates, status_batch
from ocop.certificates.competence import (
    Authority,
    AuthorityLevel,
    CentralFallback,
    Ministry,
    Revocation,
    authorities,
    authority,
    ministry_on,
    revocation_authority,
)
from ocop.certificates.model import Certificate, ExpiryRule, ExtensionReading
from ocop.certificates.rules import REVOCATION_GROUNDS, RevocationGround, validity_rule
from ocop.certificates.status import (
    CertificateStatus,
    Segment,
    Status,
    boundaries,
    revocation_deadline,
    status,
    supersede,
    timeline,
)
from ocop.certificates.validity import Renewal, Validity, expires_on, renewal, validity

__all__ = [
    "REVOCATION_GROUNDS",
    "STATUS_CODES",
    "Authority",
    "AuthorityLevel",
    "BatchStatus",
    "CentralFallback",
    "Certificate",
    "CertificateStatus",
    "ExpiryRule",
    "ExtensionReading",
    "Ministry",
    "Renewal",
    "Revocation",
    "RevocationGround",
    "Segment",
    "Status",
    "Validity",
    "authorities",
    "authority",
    "boundaries",
    "expires_on",
    "expiry_dates",
    "ministry_on",
    "renewal",
    "revocation_authority",
    "revocation_deadline",
    "status",
    "status_batch",
    "supersede",
    "timeline",
    "validity",
    "validity_rule",
]
