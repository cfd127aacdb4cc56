"""When a certificate expires, and when and how it is re-evaluated.

>>> from datetime import date
>>> from ocop.certificates import Certificate, validity
>>> v = validity(Certificate(star=4, issued_on=date(2024, 2, 29)))
>>> v.expires_on, v.renewal.notice_by
(datetime.date(2027, 2, 28), None)
>>> v.renewal.opens_on, v.renewal.closes_on
(datetime.date(2026, 9, 1), datetime.date(2026, 10, 31))
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

import attrs

from ocop.arguments import choice, integer
from ocop.certificates import rules as _rules
from ocop.certificates.model import Certificate, ExpiryRule, ExtensionReading
from ocop.certificates.rules import transition, validity_rule
from ocop.dates import require_date
from ocop.errors import InvalidInput, OcopError
from ocop.law import Citation, Period, Regime, SourceStrength, instruments, weakest
from ocop.regulations import Regulation
from ocop.serialize import Serialized

__all__ = ["Renewal", "Validity", "expires_on", "renewal", "validity"]


# Days kept from date.min and date.max: every window counted from a date stays inside them.
_MARGIN = 400


def options(rule: object, reading: object) -> tuple[ExpiryRule, ExtensionReading]:
    """``rule`` and ``reading`` as their enums (members or exact value strings), or InvalidInput."""
    return choice(rule, ExpiryRule, "rule"), choice(reading, ExtensionReading, "reading")


def expires_on(
    issued_on: date, *, rule: ExpiryRule = ExpiryRule.CIVIL_CODE, months: int = 36
) -> date:
    """Last day of validity: ``months`` after ``issued_on``, in one step (see ExpiryRule)."""
    require_date(issued_on, "issued_on")
    rule = choice(rule, ExpiryRule, "rule")
    months = integer(months, "months", low=1, high=1200)
    roll = rule is ExpiryRule.CIVIL_CODE_NEXT_WORKING_DAY
    try:
        return Period(issued_on, months=months, next_working_day=roll).end()
    except (OverflowError, ValueError) as err:  # past year 9999
        if isinstance(err, OcopError):
            raise
        raise InvalidInput(
            f"issued_on {issued_on} is too late to count {months} months", field="issued_on"
        ) from None


@attrs.frozen(slots=True, kw_only=True)
class Renewal(Serialized):
    """How the certificate is re-evaluated (đánh giá, phân hạng lại).

    ``opens_on``–``closes_on`` is the 26/2026 filing window (both days included),
    ``None`` when it had closed before 22/5/2026; ``decision_within_days`` counts
    from a complete dossier.  ``notice_by`` is the last day of the issuing
    authority's written notice under 148 (when that rule governed the notice
    date).  ``kept_until`` is the latest day 26/2026 Điều 12 khoản 3 can keep the
    certificate valid after expiry (180 days), for certificates whose window had
    closed before 22/5/2026.
    """

    opens_on: date | None
    closes_on: date | None
    decision_within_days: int | None
    notice_by: date | None
    kept_until: date | None
    citations: tuple[Citation, ...]
    notes: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class Validity(Serialized):
    """A certificate's term and renewal, with the rules they rest on."""

    issued_on: date
    expires_on: date
    regulation: Regime
    rule: ExpiryRule
    renewal: Renewal
    citations: tuple[Citation, ...]
    source_strength: SourceStrength
    notes: tuple[str, ...]

    _json_names: ClassVar = {"rule": "expiry_rule"}


def validity(
    certificate: Certificate,
    *,
    rule: ExpiryRule = ExpiryRule.CIVIL_CODE,
    reading: ExtensionReading = ExtensionReading.TRANSITIONAL,
    regulation: Regulation | None = None,
) -> Validity:
    """The term of ``certificate`` (36 months under every regime) and its renewal.

    ``regulation`` (a draft, ``ocop.drafts``) sets the term of the certificates
    issued under the regime it would replace; others keep their own version's."""
    rule, reading = options(rule, reading)
    if not isinstance(certificate, Certificate):
        raise InvalidInput(f"validity() takes a Certificate, got {type(certificate).__name__}")
    if regulation is not None and not isinstance(regulation, Regulation):
        raise InvalidInput(f"regulation must be a Regulation, got {type(regulation).__name__}")
    regime = certificate.issued_under
    drafted = regulation is not None and regulation.regime is regime
    term = regulation.validity if drafted and regulation is not None else validity_rule(regime)
    end = expires_on(certificate.issued_on, rule=rule, months=term.months)
    civil_code = "91/2015/QH13 (Bộ luật Dân sự)"
    notes = [
        f"valid from {certificate.issued_on.isoformat()} through {end.isoformat()}: "
        f"{term.months} months counted from the day after issue (Bộ luật Dân sự 2015 "
        f"Điều 147–148; rule {rule.value}, docs/decisions/certificates.md)"
    ]
    citations = [
        term.citation,
        Citation(civil_code, dieu=147, khoan=2),
        Citation(civil_code, dieu=148, khoan=3),
    ]
    if certificate.issued_on < transition().effective <= end:
        notes.append(
            f"issued before {transition().effective.isoformat()}: keeps the term of its "
            "recognition decision (26/2026/QĐ-TTg Điều 12 khoản 1), whoever issued it"
        )
        citations.append(transition().kept_term)
    renewed = renewal(end, reading=reading)
    # A result is only as strong as its weakest source: 26/2026 rests on a transcript.
    cited = {c.instrument for c in (*citations, *renewed.citations)}
    strengths = [
        term.source_strength,
        *(i.source_strength for i in instruments() if i.number in cited),
    ]
    return Validity(
        issued_on=certificate.issued_on,
        expires_on=end,
        regulation=regime,
        rule=rule,
        renewal=renewed,
        citations=tuple(citations),
        source_strength=weakest(strengths),
        notes=tuple(notes),
    )


def renewal(expires: date, *, reading: ExtensionReading = ExtensionReading.TRANSITIONAL) -> Renewal:
    """The re-evaluation rules that apply to a certificate expiring on ``expires``.

    Window ends are counted back from the expiry day and are not rolled past a
    weekend: moving the last filing day later would break "không muộn hơn 120
    ngày" (docs/decisions/certificates.md).
    """
    require_date(expires, "expires")
    reading = choice(reading, ExtensionReading, "reading")
    if not _MARGIN <= expires.toordinal() <= date.max.toordinal() - _MARGIN:
        raise InvalidInput(
            f"expires {expires} is too close to the ends of the calendar to count its windows",
            field="expires",
        )
    window, switch = _rules.RE_EVALUATION_WINDOW, transition()
    closes = expires - timedelta(days=window.closes_days_before)
    opens = expires - timedelta(days=window.opens_days_before)
    notice = expires - timedelta(days=_rules.NOTICE_148.days_before)
    citations: list[Citation] = []
    notes: list[str] = []
    open_window = closes >= switch.effective
    if open_window:
        citations += [window.citation, _rules.RE_EVALUATION_DECISION.citation]
        if opens < switch.effective:
            notes.append(
                f"the window printed by 26/2026 opens on {opens.isoformat()}, before the "
                "decision took effect: filings before 22/5/2026 followed 148+1489 "
                "(Điều 12 khoản 2 điểm b)"
            )
    # 148's written notice applies while 148 governed re-evaluations.
    notice_applies = switch.notice_from <= notice <= switch.notice_until
    if notice_applies:
        citations.append(_rules.NOTICE_148.citation)
    rule, days = switch.late_filing, switch.late_filing_days
    kept = None
    # STILL_VALID: "tiếp tục có hiệu lực" continues a validity still running on 22/5/2026.
    ended_before = reading is ExtensionReading.STILL_VALID and expires < switch.effective
    if (
        expires + timedelta(days=days) >= switch.effective
        and (not open_window or reading is ExtensionReading.LITERAL)
        and not ended_before
    ):
        kept = expires + timedelta(days=days)
        citations.append(rule)
        why = (
            f"the 26/2026 filing window had closed on {closes.isoformat()}, before 22/5/2026"
            if not open_window
            else f"under the literal reading of {rule}"
        )
        notes.append(
            f"{why}: a re-evaluation filed after {closes.isoformat()} keeps the certificate "
            f"valid until the decision, at most to {kept.isoformat()} ({rule})"
        )
    if ended_before and expires + timedelta(days=days) >= switch.effective:
        notes.append(
            f"under the still_valid reading of {rule} the certificate, expired on "
            f"{expires.isoformat()} before 26/2026 took effect, is not kept valid"
        )
    if not open_window and not notice_applies and kept is None:
        notes.append("no re-evaluation rule of its time was read (before 148/QĐ-TTg)")
    return Renewal(
        opens_on=opens if open_window else None,
        closes_on=closes if open_window else None,
        decision_within_days=_rules.RE_EVALUATION_DECISION.days if open_window else None,
        notice_by=notice if notice_applies else None,
        kept_until=kept,
        citations=tuple(citations),
        notes=tuple(notes),
    )
