"""Certificates: 36-month validity, renewal window, status on any date, batch status."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from ocop.certificates import (
    REVOCATION_GROUNDS,
    Certificate,
    ExpiryRule,
    ExtensionReading,
    Status,
    authority,
    boundaries,
    expires_on,
    revocation_deadline,
    status,
    status_batch,
    supersede,
    timeline,
    validity,
)
from ocop.certificates.rules import RE_EVALUATION_DECISION, RE_EVALUATION_WINDOW, validity_rule
from ocop.errors import InvalidInput, OcopError, RuleNotInForce
from ocop.law import Regime
from ocop.strategies import boundary_dates, certificates

DECISION = " ".join(
    (Path(__file__).parent / "data" / "qd26-2026-QD-TTg.txt").read_text(encoding="utf-8").split()
)
READINGS = list(ExtensionReading)


# --- validity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (date(2024, 2, 29), date(2027, 2, 28)),  # no 29/2/2027: the month's last day
        (date(2025, 2, 28), date(2028, 2, 28)),  # not 29/2/2028: the corresponding day
        (date(2023, 1, 31), date(2026, 1, 31)),
        (date(2023, 3, 31), date(2026, 3, 31)),
        (date(2024, 5, 31), date(2027, 5, 31)),
        (date(2025, 11, 30), date(2028, 11, 30)),
        (date(2026, 5, 21), date(2029, 5, 21)),  # last recognition before 26/2026
    ],
)
def test_expiry_is_the_corresponding_day_36_months_later(issued: date, expected: date) -> None:
    assert expires_on(issued) == expected
    assert validity(Certificate(star=3, issued_on=issued)).expires_on == expected


def test_next_working_day_option_moves_a_weekend_end_to_monday() -> None:
    assert expires_on(date(2023, 5, 31)) == date(2026, 5, 31)  # a Sunday
    rolled = expires_on(date(2023, 5, 31), rule=ExpiryRule.CIVIL_CODE_NEXT_WORKING_DAY)
    assert rolled == date(2026, 6, 1)


@given(boundary_dates(max_value=date(2040, 12, 31)), st.sampled_from(list(ExpiryRule)))
def test_expiry_is_strictly_after_issue_and_36_months_later(issued: date, rule: ExpiryRule) -> None:
    end = expires_on(issued, rule=rule)
    exact = issued + relativedelta(months=36)
    assert end > issued
    if rule is ExpiryRule.CIVIL_CODE:
        assert end == exact
        assert (end.year - issued.year) * 12 + end.month - issued.month == 36
        assert end.day == issued.day or (end.day < issued.day and (end + timedelta(1)).day == 1)
    else:
        assert exact <= end <= exact + timedelta(days=2) and end.weekday() < 5


def test_validity_is_36_months_under_every_regime_with_a_citation() -> None:
    assert {validity_rule(r).months for r in Regime} == {36}
    rule = validity_rule(Regime.QD26_2026)
    assert str(rule.citation) == "khoản 3 Điều 4 26/2026/QĐ-TTg"
    assert rule.printed in DECISION


def test_renewal_window_under_26_2026() -> None:
    renewal = validity(Certificate(star=4, issued_on=date(2026, 6, 1))).renewal
    assert (renewal.opens_on, renewal.closes_on) == (date(2028, 12, 3), date(2029, 2, 1))
    assert renewal.decision_within_days == 45 and renewal.notice_by is None
    assert RE_EVALUATION_WINDOW.printed in DECISION
    assert RE_EVALUATION_DECISION.printed in DECISION


def test_148_era_certificate_gets_the_30_day_notice_and_the_transitional_extension() -> None:
    # Issued under 148 on 1/3/2023, expiring 1/3/2026: its 26/2026 window could never open.
    renewal = validity(Certificate(star=3, issued_on=date(2023, 3, 1))).renewal
    assert renewal.notice_by == date(2026, 1, 30)
    assert (renewal.opens_on, renewal.closes_on) == (None, None)
    assert renewal.kept_until == date(2026, 8, 28)


def around(cert: Certificate) -> st.SearchStrategy[date]:
    """Days at and next to the certificate's boundaries, or anywhere in its life."""
    edges = st.sampled_from(boundaries(cert)).flatmap(
        lambda d: st.integers(-1, 1).map(lambda k: d + timedelta(days=k))
    )
    life = st.integers(-30, 4 * 365).map(lambda k: cert.issued_on + timedelta(days=k))
    return st.one_of(edges, life)


# Issue dates whose expiry falls in the 2026 transition (Điều 12 khoản 3), or anywhere.
CERTS = certificates(
    issued=st.one_of(boundary_dates(), st.dates(date(2022, 11, 1), date(2023, 10, 1)))
)


# --- status --------------------------------------------------------------------------------


def test_district_certificate_of_2024_keeps_its_term_under_26_2026() -> None:
    cert = Certificate(star=3, issued_on=date(2024, 9, 10), issued_by="district")
    answer = status(cert, date(2026, 6, 1))
    assert answer.status is Status.VALID
    assert "khoản 1 Điều 12 26/2026/QĐ-TTg" in [str(c) for c in answer.basis]
    assert status(cert, date(2027, 3, 14)).status is Status.RENEWAL_WINDOW  # 180 days before
    assert status(cert, date(2027, 5, 13)).status is Status.RENEWAL_WINDOW  # 120 days before
    assert status(cert, date(2027, 5, 14)).status is Status.VALID
    assert status(cert, date(2027, 9, 10)).status is Status.VALID
    assert status(cert, date(2027, 9, 11)).status is Status.EXPIRED


def test_late_re_evaluation_keeps_the_certificate_until_decided_at_most_180_days() -> None:
    base = {"star": 4, "issued_on": date(2023, 7, 1), "re_evaluation_filed_on": date(2026, 6, 10)}
    cert = Certificate(**base)
    assert status(cert, date(2026, 7, 1)).status is Status.VALID  # expiry day
    assert status(cert, date(2026, 7, 2)).status is Status.KEPT_VALID
    assert status(cert, date(2026, 12, 28)).status is Status.KEPT_VALID  # day 180
    assert status(cert, date(2026, 12, 29)).status is Status.EXPIRED
    decided = Certificate(**base, re_evaluation_decided_on=date(2026, 9, 1))
    assert status(decided, date(2026, 8, 31)).status is Status.KEPT_VALID
    assert status(decided, date(2026, 9, 1)).status is Status.EXPIRED


def test_extension_reading_decides_late_filings_after_the_transition() -> None:
    # Window 2026-09-16 … 2026-11-15 was open after 22/5/2026; the filing is late.
    cert = Certificate(star=3, issued_on=date(2024, 3, 15), re_evaluation_filed_on=date(2027, 1, 5))
    day = date(2027, 4, 1)
    assert status(cert, day).status is Status.EXPIRED
    assert status(cert, day, reading=ExtensionReading.LITERAL).status is Status.KEPT_VALID


def test_revoked_and_superseded() -> None:
    old = Certificate(star=3, issued_on=date(2026, 6, 1), product="Trà gừng")
    new = Certificate(star=4, issued_on=date(2027, 1, 15), product="Trà gừng")
    replaced = supersede(old, new)
    assert status(replaced, date(2027, 1, 14)).status is Status.VALID
    assert status(replaced, date(2027, 1, 15)).status is Status.SUPERSEDED
    assert status(new, date(2030, 1, 15)).status is Status.VALID
    revoked = Certificate(
        star=3, issued_on=date(2026, 6, 1), revoked_on=date(2026, 8, 1), revocation_ground="đ"
    )
    assert status(revoked, date(2026, 8, 1)).status is Status.REVOKED
    assert [str(c) for c in status(revoked, date(2026, 8, 1)).basis] == [
        "điểm đ khoản 1 Điều 8 26/2026/QĐ-TTg"
    ]


def test_revocation_grounds_and_deadline_come_from_the_decision() -> None:
    assert len(REVOCATION_GROUNDS) == 6
    assert all(g.printed in DECISION for g in REVOCATION_GROUNDS)
    assert "Thời gian thu hồi giấy chứng nhận là 15 ngày" in DECISION
    # Conclusion on Friday 5/6/2026: day 15 is Saturday 20/6, so Monday 22/6/2026.
    assert revocation_deadline(date(2026, 6, 5), "b")[0] == date(2026, 6, 22)
    with pytest.raises(InvalidInput):
        revocation_deadline(date(2026, 6, 5), "z")


def test_timeline_pictures_a_148_district_certificate_renewed_under_26_2026() -> None:
    old = Certificate(star=3, issued_on=date(2024, 3, 15), issued_by="district")
    new = Certificate(star=3, issued_on=date(2027, 1, 20), issued_by="province")
    segments = timeline(supersede(old, new))
    assert [(s.starts_on, s.status) for s in segments] == [
        (date(2024, 3, 15), Status.VALID),
        (date(2026, 9, 16), Status.RENEWAL_WINDOW),
        (date(2026, 11, 16), Status.VALID),
        (date(2027, 1, 20), Status.SUPERSEDED),
    ]


@given(CERTS, st.data(), st.sampled_from(READINGS))
def test_status_changes_only_at_documented_boundaries(
    cert: Certificate, data: st.DataObject, reading: ExtensionReading
) -> None:
    day = data.draw(around(cert))
    today, yesterday = (
        status(cert, day, reading=reading),
        status(cert, day - timedelta(1), reading=reading),
    )
    if today.status is not yesterday.status:
        assert day in boundaries(cert, reading=reading)


@given(CERTS, st.data())
def test_exactly_one_status_and_validity_follows_the_events(
    cert: Certificate, data: st.DataObject
) -> None:
    day = data.draw(around(cert))
    found = status(cert, day).status
    assert found in Status
    if cert.revoked_on is not None and day >= cert.revoked_on >= cert.issued_on:
        assert found is Status.REVOKED
    if found.is_valid:
        assert cert.issued_on <= day


@given(
    st.lists(CERTS, min_size=1, max_size=30),
    boundary_dates(min_value=date(2023, 1, 1), max_value=date(2033, 12, 31)),
    st.sampled_from(list(ExpiryRule)),
    st.sampled_from(READINGS),
)
def test_batch_status_equals_one_at_a_time(
    certs: list[Certificate], day: date, rule: ExpiryRule, reading: ExtensionReading
) -> None:
    def column(name: str) -> np.ndarray:
        return np.array([getattr(c, name) or "NaT" for c in certs], dtype="datetime64[D]")

    batch = status_batch(
        column("issued_on"),
        day,
        revoked_on=column("revoked_on"),
        superseded_on=column("superseded_on"),
        re_evaluation_filed_on=column("re_evaluation_filed_on"),
        re_evaluation_decided_on=column("re_evaluation_decided_on"),
        rule=rule,
        reading=reading,
    )
    single = [status(c, day, rule=rule, reading=reading) for c in certs]
    assert batch.statuses() == [s.status for s in single]
    assert batch.expires_on.tolist() == [s.expires_on for s in single]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"star": 2, "issued_on": date(2026, 6, 1)}, InvalidInput),
        ({"star": True, "issued_on": date(2026, 6, 1)}, InvalidInput),
        ({"star": 4, "issued_on": "2026-06-01"}, InvalidInput),
        ({"star": 4, "issued_on": date(2018, 6, 1)}, RuleNotInForce),
        ({"star": 4, "issued_on": date(2026, 8, 1), "regulation": "148/QĐ-TTg"}, InvalidInput),
        ({"star": 4, "issued_on": date(2026, 6, 1), "revoked_on": date(2026, 5, 1)}, InvalidInput),
        (
            {
                "star": 4,
                "issued_on": date(2026, 6, 1),
                "re_evaluation_decided_on": date(2027, 1, 1),
            },
            InvalidInput,
        ),
        ({"star": 4, "issued_on": date(2026, 6, 1), "revocation_ground": "a"}, InvalidInput),
        ({"star": 4, "issued_on": date(2026, 6, 1), "colour": "red"}, InvalidInput),
    ],
)
def test_bad_certificates_are_refused(fields: dict[str, object], error: type[OcopError]) -> None:
    with pytest.raises(error):
        Certificate(**fields)  # type: ignore[arg-type]


def test_transitional_issue_under_148_is_accepted_until_the_deadline() -> None:
    cert = Certificate(star=4, issued_on=date(2026, 7, 21), regulation="148/QĐ-TTg+1489/QĐ-TTg")
    assert cert.issued_under is Regime.QD148_1489_2025


@pytest.mark.parametrize(
    ("issued", "error"),
    [
        (["2026-06-01", "NaT"], InvalidInput),
        (["2018-01-01"], RuleNotInForce),
        (["9999-01-01"], InvalidInput),
        ([[1, 2]], InvalidInput),
        (["not a date"], InvalidInput),
    ],
)
def test_batch_refuses_bad_dates(issued: list[object], error: type[OcopError]) -> None:
    with pytest.raises(error):
        status_batch(issued, date(2026, 6, 1))


def test_certificate_loads_from_json_with_iso_dates() -> None:
    text = '{"star": 4, "issued_on": "2026-06-01", "issued_by": "province"}'
    cert = Certificate.model_validate_json(text)
    assert cert.issued_on == date(2026, 6, 1) and cert.issued_under is Regime.QD26_2026
    with pytest.raises(InvalidInput):
        Certificate.model_validate_json('{"star": 4, "issued_on": "2026-02-30"}')
    with pytest.raises(InvalidInput):  # Python callers pass dates, not strings
        Certificate(star=4, issued_on="2026-06-01")  # type: ignore[arg-type]


def test_window_status_only_once_26_2026_is_in_force() -> None:
    cert = Certificate(star=3, issued_on=date(2023, 11, 1))  # window printed 5/5–4/7/2026
    assert status(cert, date(2026, 5, 10)).status is Status.VALID
    assert status(cert, date(2026, 5, 22)).status is Status.RENEWAL_WINDOW


def test_batch_refuses_rows_the_model_refuses() -> None:
    issued = np.array(["2026-06-01"], dtype="datetime64[D]")
    with pytest.raises(InvalidInput, match="before issued_on"):
        status_batch(issued, date(2026, 7, 1), revoked_on=np.array(["2026-05-01"], "datetime64[D]"))
    with pytest.raises(InvalidInput, match="needs a re_evaluation_filed_on"):
        status_batch(
            issued,
            date(2026, 7, 1),
            re_evaluation_decided_on=np.array(["2027-01-01"], "datetime64[D]"),
        )


def test_the_still_valid_reading_does_not_revive_a_certificate_expired_before_22_5_2026() -> None:
    # Issue 19: expired 01/3/2026, late re-evaluation filed 01/2/2026, still pending.
    waiting = Certificate(
        star=3, issued_on=date(2023, 3, 1), re_evaluation_filed_on=date(2026, 2, 1)
    )
    day = date(2026, 6, 1)
    assert status(waiting, day).status is Status.KEPT_VALID
    assert status(waiting, day, reading="still_valid").status is Status.EXPIRED
    notes = validity(waiting, reading=ExtensionReading.STILL_VALID).renewal.notes
    assert any("still_valid" in n for n in notes)
    # Still valid on 22/5/2026 (expires 01/6/2026, window closed before 22/5): kept under both.
    later = Certificate(star=3, issued_on=date(2023, 6, 1), re_evaluation_filed_on=date(2026, 3, 1))
    for reading in ("transitional", "still_valid"):
        assert status(later, date(2026, 7, 1), reading=reading).status is Status.KEPT_VALID
    batch = status_batch(
        np.array(["2023-03-01", "2023-06-01"], dtype="datetime64[D]"),
        date(2026, 7, 1),
        re_evaluation_filed_on=np.array(["2026-02-01", "2026-03-01"], dtype="datetime64[D]"),
        reading="still_valid",
    )
    assert [s.value for s in batch.statuses()] == ["expired", "kept_valid"]


@pytest.mark.parametrize(
    ("star", "issued_on", "level", "why"),
    [
        (3, date(2024, 3, 15), "commune", "district level"),
        (3, date(2025, 8, 1), "district", "province level"),
        (3, date(2025, 7, 3), "district", "no district-level authority existed on 2025-07-03"),
        (5, date(2024, 3, 15), "province", "central level"),
        (4, date(2026, 6, 15), "central", "province level"),
    ],
)
def test_certificates_from_issuers_the_law_rules_out_are_refused(
    star: int, issued_on: date, level: str, why: str
) -> None:
    with pytest.raises(InvalidInput, match=why):
        Certificate(star=star, issued_on=issued_on, issued_by=level)


@given(certificates())
def test_the_issuer_authority_names_is_always_accepted(cert: Certificate) -> None:
    answer = authority(cert.star, cert.issued_on)
    if answer.regulation is cert.issued_under and not answer.vacant:
        again = cert.model_dump() | {"issued_by": answer.recognition_level}
        assert Certificate.model_validate(again).issued_by is answer.recognition_level
