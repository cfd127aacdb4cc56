"""The law's properties as a pytest module: the library agrees with what the audit computes.

Run it in your own project (needs ``pytest`` and ``hypothesis``)::

    python -m pytest --pyargs ocop.testing.law

:func:`ocop.audit.audit` computes facts about 26/2026/QĐ-TTg exactly: the lowest
and highest total of a card that meets every mark of a star, a witness card
for each, which stars a card can be ranked at, how the bands cut 0–100.  The
tests here check that the library's scoring, classification and certificate
status agree with those facts, on the audit's witnesses and on cards,
certificates and dates drawn by Hypothesis (:mod:`ocop.strategies`).

What the audit finds wrong with the law **as printed** (a misprinted cell, a
sheet with no ``*****`` mark …) is not a test failure: each finding is emitted
as a warning of class :class:`OcopLawFinding`, so pytest lists them in its
warnings summary.  Turn them into failures with
``-W error::ocop.testing.law.OcopLawFinding``.

The Hypothesis settings are the active profile's (the number of examples and
so on); only the deadline is lifted, as scoring a card the first time loads
the sheets.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ocop.audit import SheetMarks, audit, sheet_marks
from ocop.audit.bands import edge_points, half_open_star, printed_stars
from ocop.certificates import Certificate, Status, boundaries, status, timeline
from ocop.criteria import Scorecard, score, scoresheet, scoresheets, sheet_version
from ocop.regulations import default_regulation
from ocop.stars import MARKED_STARS, band_star, classify, requirements
from ocop.strategies import boundary_dates, certificates, scorecards

__all__ = ["REGULATION", "OcopLawFinding"]

#: The regulation whose sheets are checked: the default one (the only one encoded in full).
REGULATION = default_regulation().regime
SHEETS = tuple(s.number for s in scoresheets(regulation=REGULATION))
DAY = timedelta(days=1)


class OcopLawFinding(UserWarning):
    """A finding of :func:`ocop.audit.audit` about the law as printed, with its citations."""


def _marks(number: int) -> SheetMarks:
    return next(m for m in sheet_marks(REGULATION) if m.sheet == number)


def _unmet(card: Scorecard, star: int) -> list[str]:
    """The criteria where ``card`` misses a minimum of ``star`` (cumulative)."""
    sheet = scoresheet(card.product_set, regulation=card.regulation)
    points = {c.code: c.points for c in score(card).criteria}
    return [r.criterion for r in requirements(sheet)[star] if points[r.criterion] < r.points]


# ------------------------------------------------------------------------------ the findings


def test_the_law_as_printed() -> None:
    """Every finding of the audit, as a warning (never a failure)."""
    report = audit(REGULATION)
    for f in report.findings:
        cites = "; ".join(str(c) for c in f.citations)
        warnings.warn(
            OcopLawFinding(
                f"[{f.severity.value}] {f.code} at {f.location}: {f.message_en} ({cites})"
            ),
            stacklevel=1,
        )
    assert report.regulation is REGULATION


# ------------------------------------------------------------------------------ bands


def test_band_star_at_every_edge() -> None:
    bands = sheet_version(REGULATION).bands
    for total in edge_points(bands):
        printed = printed_stars(total, bands)
        assert len(printed) == 1, f"{total} lies in {len(printed)} printed bands"
        got = band_star(total, REGULATION)
        assert got == printed[0] == half_open_star(total, bands), f"{total} is ranked {got}★"


@settings(deadline=None)
@given(st.fractions(min_value=0, max_value=100, max_denominator=10_000))
def test_band_star_follows_the_printed_bands(total: Fraction) -> None:
    bands = sheet_version(REGULATION).bands
    got, printed = band_star(total, REGULATION), printed_stars(total, bands)
    assert (got,) == printed, f"{total} is ranked {got}★, printed in {printed}"


# ------------------------------------------------------------------------------ star marks


@pytest.mark.parametrize("number", SHEETS)
def test_witnesses_attain_the_audits_bounds(number: int) -> None:
    found = _marks(number)
    for bounds in found.stars:
        where = f"sheet #{number}, {bounds.star}★ marks"
        for card, total in ((bounds.lowest, bounds.min_total), (bounds.highest, bounds.max_total)):
            assert card is not None and total is not None, f"{where}: no card meets them"
            result = score(card.scorecard())
            assert result.total == card.total == total, f"{where}: {result.total} != {total}"
            missed = _unmet(card.scorecard(), bounds.star)
            assert not missed, f"{where}: the witness misses {missed}"
            ranked = classify(result)
            assert ranked.star is not None and ranked.star >= min(bounds.star, ranked.band_star), (
                f"{where}: the witness totals {result.total} and is ranked {ranked.star}★"
            )
    for star, card in zip(found.reachable, found.witnesses, strict=True):
        got = classify(score(card.scorecard())).star
        assert got == star, f"sheet #{number}: the {star}★ witness is ranked {got}★"


@settings(deadline=None)
@given(st.data())
def test_meeting_the_marks_keeps_the_total_within_the_audits_bounds(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from(SHEETS), label="sheet")
    star = data.draw(st.sampled_from(MARKED_STARS), label="star")
    sheet = scoresheet(number, regulation=REGULATION)
    card = data.draw(scorecards(number, allow_none=False), label="card")
    choices = dict(card.choices)
    for req in requirements(sheet)[star]:
        node = sheet.criterion(req.criterion)
        chosen = choices[req.criterion]
        if chosen is None or node.options[chosen].points < req.points:
            allowed = [o.index for o in node.options if o.points >= req.points]
            choices[req.criterion] = data.draw(st.sampled_from(allowed), label=req.criterion)
    card = card.model_copy(update={"choices": choices})
    ranked = classify(score(card))
    assume(not ranked.knockouts)  # a knocked-out card is never ranked (sheet #16)
    bounds = _marks(number).bounds(star)
    low, high = bounds.min_total, bounds.max_total
    assert low is not None and high is not None, f"sheet #{number}: no card meets {star}★"
    assert low <= ranked.total <= high, (
        f"sheet #{number}: a card meeting every {star}★ mark totals {ranked.total}, "
        f"outside the audit's {low}–{high}"
    )
    assert ranked.star is not None and ranked.star >= min(star, ranked.band_star), (
        f"sheet #{number}: a card meeting every {star}★ mark is ranked {ranked.star}★"
    )


@settings(deadline=None)
@given(scorecards(allow_none=False))
def test_a_card_missing_a_minimum_is_never_ranked_at_that_star(card: Scorecard) -> None:
    ranked = classify(score(card))
    for star in MARKED_STARS:
        missed = _unmet(card, star)
        if missed:
            assert ranked.star is None or ranked.star < star, (
                f"{card.product_set}: misses {star}★ minimums {missed}, ranked {ranked.star}★"
            )


@settings(deadline=None)
@given(scorecards(allow_none=False))
def test_every_card_is_ranked_at_a_star_the_audit_finds_reachable(card: Scorecard) -> None:
    ranked = classify(score(card))
    if ranked.star is not None:
        number = scoresheet(card.product_set, regulation=card.regulation).number
        reachable = _marks(number).reachable
        assert ranked.star in reachable, f"sheet #{number}: {ranked.star}★ not in {reachable}"


# ------------------------------------------------------------------------------ certificates


def _segment_status(cert: Certificate, on: date) -> Status:
    for seg in timeline(cert):
        if seg.starts_on <= on and (seg.ends_on is None or on <= seg.ends_on):
            return seg.status
    return Status.NOT_YET_ISSUED


@settings(deadline=None)
@given(certificates(), boundary_dates())
def test_status_is_the_timelines_on_every_date(cert: Certificate, on: date) -> None:
    got, want = status(cert, on).status, _segment_status(cert, on)
    assert got is want, f"{cert!r} on {on}: status {got.value}, timeline {want.value}"


@settings(deadline=None)
@given(certificates(), boundary_dates(min_value=date(2019, 8, 22)))
def test_status_changes_only_on_a_boundary(cert: Certificate, on: date) -> None:
    if on not in boundaries(cert):
        today, before = status(cert, on).status, status(cert, on - DAY).status
        assert today is before, f"{cert!r}: {before.value} on {on - DAY}, {today.value} on {on}"
