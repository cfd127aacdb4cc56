"""Strategies for dates where the rules switch, and for certificates (``ocop.certificates``)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from ocop.admin import DISTRICT_LEVEL_END
from ocop.arguments import flag, same_kind
from ocop.certificates import Certificate, RevocationGround, authority
from ocop.certificates.model import _regimes_issuing_on
from ocop.dates import require_date
from ocop.errors import InvalidInput
from ocop.law import Regime, regimes, transitional_rules

__all__ = ["boundary_dates", "certificates", "switch_overs"]


def switch_overs() -> tuple[date, ...]:
    """Dates where OCOP rules switch, from the law and admin tables: the start of every
    regime (1048, 781, 148, 1489, 26/2026), the end of the district level (01/7/2025,
    also the provinces' merger) and the last day of 148/1489 (21/7/2026)."""
    starts = {span.starts_on for span in regimes()}
    ends = {r.applies_until for r in transitional_rules() if r.applies_until is not None}
    return tuple(sorted(starts | ends | {DISTRICT_LEVEL_END.effective}))


def boundary_dates(
    min_value: date = date(2019, 8, 21), max_value: date = date(2031, 12, 31)
) -> st.SearchStrategy[date]:
    """Dates near where date arithmetic and OCOP rules break: month ends, 29 February,
    the switch-overs of :func:`switch_overs` (±2 days), and any date in between."""
    min_value = require_date(min_value, "min_value")
    max_value = require_date(max_value, "max_value")
    if not date(1, 1, 31) <= min_value <= max_value <= date(9999, 12, 1):
        raise InvalidInput(
            f"boundary dates need min_value ≤ max_value within years 1–9999, got "
            f"{min_value} and {max_value}"
        )

    def month_end(day: date) -> date:  # the last or second-to-last day of day's month
        return day + relativedelta(day=31) - relativedelta(days=day.day % 2)

    near = st.sampled_from(switch_overs()).flatmap(
        lambda d: st.integers(-2, 2).map(lambda k: d + relativedelta(days=k))
    )
    leap = (
        st.integers(min_value.year, max_value.year)
        .filter(calendar.isleap)
        .map(lambda y: date(y, 2, 29))
    )
    any_day = st.dates(min_value, max_value)
    return st.one_of(near, leap, any_day.map(month_end), any_day).filter(
        lambda d: min_value <= d <= max_value
    )


def certificates(
    *,
    issued: st.SearchStrategy[date] | None = None,
    stars: st.SearchStrategy[int] | None = None,
    events: bool = True,
    details: bool = False,
) -> st.SearchStrategy[Certificate]:
    """Valid certificates issued on boundary dates, with optional events after issue.

    ``events`` adds revocation, supersession and re-evaluation dates (each
    sometimes absent), always in an order the model accepts.  ``details`` also
    fills the descriptive fields, each sometimes absent: the regulation (one the
    issue date allows), the product and its set, the issuing level and authority
    in force for the star on that date, the decision number, and a ground for a
    revocation.
    """
    # Checked when called, not at the first draw (an array has no truth value).
    if issued is not None:
        same_kind(issued, st.SearchStrategy, "issued")
    if stars is not None:
        same_kind(stars, st.SearchStrategy, "stars")
    events, details = flag(events, "events"), flag(details, "details")
    days = issued if issued is not None else boundary_dates(max_value=date(2029, 12, 31))
    ranks = stars if stars is not None else st.integers(3, 5)

    @st.composite
    def build(draw: st.DrawFn) -> Certificate:
        return _certificate_on(draw, draw(days), draw(ranks), events=events, details=details)

    return build()


def _certificate_on(
    draw: st.DrawFn, issued_on: date, star: int, *, events: bool, details: bool
) -> Certificate:
    """A certificate issued on ``issued_on``: what :func:`certificates` draws once it has
    the date and the star (and what a product's later certificate is drawn with)."""
    fields: dict[str, Any] = {"star": star, "issued_on": issued_on}
    if events:
        # Events rare enough not to mask expiry; filings near the expiry they concern.
        # Offsets in days, drawn as integers: no strategy is built for each certificate.
        def sometimes(low: int, high: int, start: date) -> date | None:
            if draw(st.integers(0, 2)) < 2:  # absent two times in three
                return None
            return start + timedelta(days=draw(st.integers(low, high)))

        fields["revoked_on"] = sometimes(0, 4 * 365, issued_on)
        fields["superseded_on"] = sometimes(0, 4 * 365, issued_on)
        expiry = issued_on + relativedelta(months=36)
        filed = sometimes(max(-200, (issued_on - expiry).days), 120, expiry)
        fields["re_evaluation_filed_on"] = filed
        if filed is not None:
            fields["re_evaluation_decided_on"] = sometimes(0, 240, filed)
    if details:
        fields |= _details(draw, star, issued_on, revoked=fields.get("revoked_on") is not None)
    return Certificate(**fields)


#: Products as a province's list names them, with their product set under 26/2026.
_PRODUCTS = (
    ("Cà phê bột Đăk Hà", "I.6"),
    ("Mật ong rừng", "I.2.b"),
    ("Rượu cần", "II.1.b"),
    ("Sâm Ngọc Linh", "III.3"),
)
_MAYBE_PRODUCT = st.none() | st.sampled_from(_PRODUCTS)
_MAYBE_NUMBER = st.none() | st.integers(1, 2000)
_MAYBE_GROUND = st.none() | st.sampled_from(list(RevocationGround))
_MAYBE = st.booleans()


def _details(draw: st.DrawFn, star: int, issued_on: date, *, revoked: bool) -> dict[str, Any]:
    allowed = _regimes_issuing_on(issued_on)
    regulation = draw(st.none() | st.sampled_from(allowed))
    product = draw(_MAYBE_PRODUCT)
    # The authority of the regime in force on the date; a certificate under a regime kept
    # by a transitional rule names none rather than a level the data does not give.
    answer = authority(star, issued_on)
    coherent = regulation in (None, answer.regulation)
    # A vacant authority (148's district level between 01/7/2025, when districts ended, and
    # 1489's new sequence) issued nothing: the model refuses it, so none is drawn.
    by = coherent and not answer.vacant and draw(_MAYBE)
    # The set codes are 26/2026's; other regimes numbered their sets differently.
    in_26 = coherent and answer.regulation is Regime.QD26_2026
    number = draw(_MAYBE_NUMBER)
    ground = draw(_MAYBE_GROUND) if revoked else None
    return {
        "regulation": regulation,
        "product": None if product is None else product[0],
        "product_set": product[1] if product is not None and in_26 else None,
        "issued_by": answer.recognition_level if by else None,
        "issuer": answer.recognised_by if by else None,
        "decision_number": None if number is None else f"{number}/QĐ-UBND",
        "revocation_ground": ground,
    }
