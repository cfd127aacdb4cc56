"""The certificate record a user hands in, and the named options for counting its term."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, model_validator

from ocop.certificates.competence import AuthorityLevel, issuer_problem
from ocop.certificates.rules import RevocationGround
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.inputs import InputModel
from ocop.law import Regime, RegimeInput, regime_on, regimes_applying_on
from ocop.taxonomy import PRODUCT_CODE_PATTERN

__all__ = ["Certificate", "ExpiryRule", "ExtensionReading"]


class ExpiryRule(StrEnum):
    """How the 36-month term is counted (Bộ luật Dân sự 2015 Điều 147–148).

    Both count from the day after issue (Điều 147 khoản 2) and end on the
    corresponding day of the 36th month, or that month's last day if it has no
    such day (Điều 148 khoản 3).  The Code leaves one choice open for a
    certificate: whether Điều 148 khoản 5 (a period ending on a weekend or
    holiday runs to the next working day) applies to the *end of a validity*,
    which is not a deadline for an act.

    * ``CIVIL_CODE`` (default): no roll; the certificate is valid through the
      corresponding day.
    * ``CIVIL_CODE_NEXT_WORKING_DAY``: an end on a Saturday or Sunday moves to
      the Monday.  Public holidays are not modelled (docs/decisions/certificates.md).
    """

    CIVIL_CODE = "civil_code"
    CIVIL_CODE_NEXT_WORKING_DAY = "civil_code_next_working_day"


class ExtensionReading(StrEnum):
    """Which certificates 26/2026 Điều 12 khoản 3 keeps valid after expiry.

    The clause keeps a certificate valid until the re-evaluation decision, at
    most 180 days after expiry, when the dossier "không đáp ứng được" the filing
    window of Điều 7 khoản 6 điểm a.  It sits among the transitional provisions
    but states no date.

    * ``TRANSITIONAL`` (default): only certificates whose window had closed before
      26/2026 took effect (22/5/2026), i.e. whose holders could not have met it.
    * ``LITERAL``: any re-evaluation dossier filed after the window closed.
    * ``STILL_VALID``: as ``TRANSITIONAL``, but only certificates still valid on
      22/5/2026: "tiếp tục có hiệu lực" continues a validity, it does not revive one
      that had ended (a certificate that expired between 23/11/2025 and 21/5/2026 is
      not kept valid from 22/5/2026).  See docs/decisions/readings.md §4.
    """

    TRANSITIONAL = "transitional"
    LITERAL = "literal"
    STILL_VALID = "still_valid"


class Certificate(Displayable, InputModel):
    """One OCOP certificate (giấy chứng nhận) and what has happened to it since.

    ``regulation`` defaults to the regime in force on ``issued_on``; between
    22/5/2026 and 21/7/2026 a certificate may also be issued under 148+1489 for a
    dossier filed earlier (26/2026/QĐ-TTg Điều 12 khoản 2).  The event dates are
    optional: ``revoked_on`` (decision to revoke), ``superseded_on`` (a later
    certificate for the product, after an upgrade or a re-evaluation),
    ``re_evaluation_filed_on`` and ``re_evaluation_decided_on``.
    """

    star: int = Field(ge=3, le=5, description="3, 4 or 5: only these are certified.")
    issued_on: date = Field(description="Date the competent authority issued it.")
    regulation: RegimeInput | None = Field(default=None, description="Regime it was issued under.")
    product: str | None = Field(default=None, min_length=1, description="Product name or id.")
    product_set: str | None = Field(
        default=None, pattern=rf"^{PRODUCT_CODE_PATTERN}$", description="Product set code."
    )
    issued_by: AuthorityLevel | None = Field(
        default=None, strict=False, description="AuthorityLevel of the issuing authority."
    )
    issuer: str | None = Field(default=None, min_length=1, description="Issuing authority.")
    decision_number: str | None = Field(default=None, min_length=1, description="Số quyết định.")
    revoked_on: date | None = None
    revocation_ground: RevocationGround | None = Field(default=None, strict=False)
    superseded_on: date | None = None
    re_evaluation_filed_on: date | None = None
    re_evaluation_decided_on: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_facts(vars(self))
        return self

    @property
    def issued_under(self) -> Regime:
        """The regulation it was issued under (given, or in force on ``issued_on``)."""
        return self.regulation or regime_on(self.issued_on).regulation


@functools.lru_cache(maxsize=8192)  # a day's answer never changes; a portfolio repeats days
def _regimes_issuing_on(on: date) -> tuple[Regime, ...]:
    """The regime in force on ``on``, and any older one a transitional rule keeps then."""
    return regimes_applying_on(on)


_EVENTS = ("revoked_on", "superseded_on", "re_evaluation_filed_on", "re_evaluation_decided_on")


def _check_facts(facts: Mapping[str, Any]) -> None:
    """InvalidInput if a certificate's validated fields (a field left out is ``None``)
    contradict one another or the law of its issue day.  :class:`Certificate` runs it on
    validation; so does the bulk path of a portfolio, which builds no certificate."""
    issued: date = facts["issued_on"]
    for name in _EVENTS:
        when = facts.get(name)
        if when is not None and when < issued:
            raise InvalidInput(
                f"{name} {when.isoformat()} is before the certificate was issued "
                f"({issued.isoformat()})",
                field=name,
            )
    filed, decided = facts.get("re_evaluation_filed_on"), facts.get("re_evaluation_decided_on")
    if decided is not None and (filed is None or decided < filed):
        raise InvalidInput(
            "re_evaluation_decided_on needs a re_evaluation_filed_on on or before it",
            field="re_evaluation_decided_on",
        )
    if facts.get("revocation_ground") is not None and facts.get("revoked_on") is None:
        raise InvalidInput("revocation_ground needs revoked_on", field="revocation_ground")
    allowed = _regimes_issuing_on(issued)
    regulation: Regime | None = facts.get("regulation")
    if regulation is not None and regulation not in allowed:
        raise InvalidInput(
            f"a certificate issued on {issued.isoformat()} cannot be under "
            f"{regulation.value}; allowed: {', '.join(r.value for r in allowed)}",
            field="regulation",
        )
    issued_by: AuthorityLevel | None = facts.get("issued_by")
    if issued_by is not None:
        # Consistent with authority(): the level its table names for the star and regime.
        under = regulation or regime_on(issued).regulation  # as Certificate.issued_under
        problem = issuer_problem(facts["star"], issued, under, issued_by)
        if problem is not None:
            raise InvalidInput(
                f"issued_by {issued_by.value!r} is ruled out: {problem}", field="issued_by"
            )
