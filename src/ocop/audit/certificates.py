"""Property 5: every date falls in exactly one certificate status.

The audit builds a systematic sample of certificates and checks the library's
certificate functions against each other, and the law-level facts of the
re-evaluation window:

- **sample** (:func:`sample`): certificates issued on every switch-over date
  of the law (each regime's first day, each transitional deadline, the end of
  the district level) and the days either side, and on every month end (29
  February included) from the first regime to :data:`HORIZON`; of those, the
  ones whose life (36 months, plus the 180 days Điều 12 khoản 3 may add)
  reaches into the audited regime's span and that are issued before it ends.
  A switch-over date gets every event pattern of :data:`PATTERNS` (none,
  revocation, supersession, both, a re-evaluation filed in the window, filed
  late, filed late and decided after expiry); a month end gets one, in turn.
  The star (3, 4, 5), the expiry rule and the extension reading rotate through
  the sample, so each meets every kind of date;
- **timeline** (:func:`ocop.certificates.timeline`): its segments start on the
  issue date, follow each other day after day with no overlap, change status
  from one to the next, end open-ended, and start on a date of
  :func:`ocop.certificates.boundaries`;
- **status** (:func:`ocop.certificates.status`): on the day before issue it is
  ``not_yet_issued``; on every boundary, on the day before it and on a day
  between two boundaries it equals the status of the segment holding that
  day, so the status is constant between boundaries (it changes only on them);
- **window**: where a certificate has a 26/2026 filing window, it opens after
  issue, opens before it closes, and closes before expiry; the rule's own
  numbers (180 and 120 days before expiry) fit inside the shortest term.

Any failure is an error finding (a library bug).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import attrs

from ocop.admin import DISTRICT_LEVEL_END
from ocop.audit.report import Checked, resolve
from ocop.certificates import (
    Certificate,
    ExpiryRule,
    ExtensionReading,
    Segment,
    Status,
    boundaries,
    status,
    timeline,
    validity,
)
from ocop.certificates import rules as _rules
from ocop.certificates.rules import transition, validity_rule
from ocop.findings import Finding, Localized, finding, proven
from ocop.law import Regime, regime_span, regimes, transitional_rules

__all__ = ["HORIZON", "PATTERNS", "Sample", "check", "issue_dates", "sample"]

#: The last month end sampled for a regime without an end: it takes in 29/2/2028, and no
#: switch-over is encoded after 21/5/2029, so later certificates follow the same rules.
HORIZON = date(2028, 12, 31)
DAY = timedelta(days=1)

#: Event patterns, as (name, offsets): offsets from issue ("issue+N") or expiry ("expiry+N").
PATTERNS: tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...] = (
    ("none", ()),
    ("revoked", (("revoked_on", "issue", 200),)),
    ("superseded", (("superseded_on", "issue", 500),)),
    ("superseded_then_revoked", (("superseded_on", "issue", 300), ("revoked_on", "issue", 600))),
    (
        "re_evaluated_in_window",
        (("re_evaluation_filed_on", "expiry", -150), ("re_evaluation_decided_on", "expiry", -110)),
    ),
    ("filed_late", (("re_evaluation_filed_on", "expiry", -60),)),
    (
        "filed_late_decided_after_expiry",
        (("re_evaluation_filed_on", "expiry", -10), ("re_evaluation_decided_on", "expiry", 40)),
    ),
)
_RULES = tuple(ExpiryRule)
_READINGS = tuple(ExtensionReading)


@attrs.frozen(slots=True)
class Sample:
    """One sampled certificate and how its term is counted."""

    certificate: Certificate
    pattern: str
    rule: ExpiryRule
    reading: ExtensionReading


def switch_overs() -> tuple[date, ...]:
    """Where the rules switch: each regime's first day, each transitional deadline, and the
    end of the district level (01/7/2025)."""
    starts = {span.starts_on for span in regimes()}
    ends = {r.applies_until for r in transitional_rules() if r.applies_until is not None}
    return tuple(sorted(starts | ends | {DISTRICT_LEVEL_END.effective}))


def _month_ends(first: date, last: date) -> Iterator[date]:
    year, month = first.year, first.month
    while True:
        following = date(year + month // 12, month % 12 + 1, 1)
        end = following - DAY
        if end > last:
            return
        if end >= first:
            yield end
        year, month = following.year, following.month


@cache
def issue_dates(regime: Regime) -> tuple[date, ...]:
    """The issue dates sampled for ``regime`` (see the module docstring)."""
    first = regimes()[0].starts_on
    span = regime_span(regime)
    near = {d + k * DAY for d in switch_overs() for k in (-1, 0, 1)}
    last = span.ends_on or max(HORIZON, *near)
    candidates = near | set(_month_ends(first, min(last, HORIZON)))
    # The certificate's life (term plus the longest extension) must reach the regime.
    reaches = span.starts_on - timedelta(days=transition().late_filing_days)
    return tuple(
        d
        for d in sorted(candidates)
        if first <= d <= last and _expiry(d, ExpiryRule.CIVIL_CODE) >= reaches
    )


def _expiry(issued: date, rule: ExpiryRule) -> date:
    return validity(Certificate(star=3, issued_on=issued), rule=rule).expires_on


@cache
def sample(regime: Regime) -> tuple[Sample, ...]:
    """The sampled certificates for ``regime`` (see the module docstring)."""
    near = {d + k * DAY for d in switch_overs() for k in (-1, 0, 1)}
    out: list[Sample] = []
    n = 0
    for issued in issue_dates(regime):
        # Every pattern near a switch-over; elsewhere one pattern, in turn.
        chosen = PATTERNS if issued in near else (PATTERNS[n % len(PATTERNS)],)
        for pattern, events in chosen:
            rule = _RULES[(n // len(PATTERNS)) % len(_RULES)]
            reading = _READINGS[(n // (2 * len(PATTERNS))) % len(_READINGS)]
            expiry = _expiry(issued, rule)
            fields: dict[str, object] = {"star": 3 + n % 3, "issued_on": issued}
            for name, base, days in events:
                fields[name] = (issued if base == "issue" else expiry) + timedelta(days=days)
            if "revoked_on" in fields:
                fields["revocation_ground"] = "b"
            out.append(Sample(Certificate.model_validate(fields), pattern, rule, reading))
            n += 1
    return tuple(out)


@attrs.define
class _Tally:
    timelines: int = 0
    starts: int = 0
    dates: int = 0
    constant: int = 0
    windows: int = 0


@attrs.frozen(slots=True)
class _Failure:
    code: str
    label: str
    expected: str
    actual: str
    what: str
    certificate: Certificate


def check(regulation: Regime | str) -> Checked:
    regime = resolve(regulation)
    tally = _Tally()
    certs = sample(regime)
    failures: dict[str, list[_Failure]] = {}
    for s in certs:
        for failure in _certificate(s, tally):
            failures.setdefault(failure.code, []).append(failure)
    findings = [_bug(found) for found in failures.values()]
    window_findings, shortest = _window_rule()
    findings += window_findings
    where = f"{len(certs)} sampled certificates ({regime.value})"
    counts = [
        ("timeline_contiguous", tally.timelines),
        ("segments_start_on_boundaries", tally.starts),
        ("status_matches_timeline", tally.dates),
        ("status_constant_between_boundaries", tally.constant),
        ("window_inside_validity", tally.windows),
    ]
    held = [proven(code, where, n, count=n) for code, n in counts if n]
    if not window_findings:
        window = _rules.RE_EVALUATION_WINDOW
        held.append(
            proven(
                "window_rule_fits_term",
                str(window.citation),
                1,
                opens=window.opens_days_before,
                closes=window.closes_days_before,
                shortest=shortest,
            )
        )
    return tuple(findings), tuple(held)


def _certificate(s: Sample, tally: _Tally) -> list[_Failure]:
    cert, rule, reading = s.certificate, s.rule, s.reading
    found: list[_Failure] = []
    segments = timeline(cert, rule=rule, reading=reading)
    starts = boundaries(cert, rule=rule, reading=reading)
    label = (
        f"certificate {cert.star}★ issued {cert.issued_on.isoformat()} ({s.pattern}, "
        f"{rule.value}, {reading.value})"
    )

    def fail(code: str, expected: object, actual: object, what: str) -> None:
        found.append(_Failure(code, label, str(expected), str(actual), what, cert))

    problem = _contiguity(cert, segments)
    if problem:
        fail("timeline_not_contiguous", "contiguous segments from issue on", problem, problem)
    else:
        tally.timelines += 1
    stray = [seg.starts_on for seg in segments if seg.starts_on not in starts]
    if stray:
        what = f"a segment starts on {stray[0]}, which boundaries() does not list"
        fail("segment_off_boundary", "segment starts among boundaries()", stray[0], what)
    else:
        tally.starts += 1

    def expected(day: date) -> Status:
        for seg in segments:
            if seg.starts_on <= day and (seg.ends_on is None or day <= seg.ends_on):
                return seg.status
        return Status.NOT_YET_ISSUED

    checked: dict[date, Status] = {}

    def probe(day: date) -> Status:
        if day not in checked:
            got = status(cert, day, rule=rule, reading=reading).status
            want = expected(day)
            checked[day] = got
            if got is want:
                tally.dates += 1
            else:
                what = f"on {day} status() gives {got.value}, the timeline {want.value}"
                fail("status_disagrees_with_timeline", want.value, got.value, what)
        return checked[day]

    probe(cert.issued_on - DAY)
    ordered = [b for b in starts if b >= cert.issued_on]
    stretches = list(zip(ordered, [*ordered[1:], None], strict=True))
    for begin, end in stretches:
        last = begin + timedelta(days=400) if end is None else end - DAY
        ends = {probe(begin), probe(begin + (last - begin) // 2), probe(last)}
        if len(ends) == 1:
            tally.constant += 1
        else:
            what = f"between {begin} and {last} the status changes without a boundary"
            fail("status_changes_off_boundary", "one status", ", ".join(sorted(ends)), what)
        if end is not None:
            probe(end - DAY)

    term = validity(cert, rule=rule, reading=reading)
    ren = term.renewal
    if ren.opens_on is not None and ren.closes_on is not None:
        if cert.issued_on <= ren.opens_on < ren.closes_on <= term.expires_on:
            tally.windows += 1
        else:
            got = f"{ren.opens_on}–{ren.closes_on} (valid {cert.issued_on}–{term.expires_on})"
            what = "the filing window does not lie inside the validity"
            fail("window_outside_validity", "issue ≤ opens < closes ≤ expiry", got, what)
    return found


def _contiguity(cert: Certificate, segments: tuple[Segment, ...]) -> str | None:
    if not segments:
        return "no segment"
    if segments[0].starts_on != cert.issued_on:
        return f"the first segment starts on {segments[0].starts_on}, not on issue"
    for a, b in itertools.pairwise(segments):
        if a.ends_on is None or a.ends_on < a.starts_on or b.starts_on != a.ends_on + DAY:
            return f"{a.status.value} ends {a.ends_on}, {b.status.value} starts {b.starts_on}"
        if a.status is b.status:
            return f"two consecutive segments are both {a.status.value}"
    if segments[-1].ends_on is not None:
        return f"the last segment ends on {segments[-1].ends_on}"
    return None


def _window_rule() -> tuple[list[Finding], int]:
    window = _rules.RE_EVALUATION_WINDOW
    # The shortest term: 36 months that hold no 29 February (from 1/3/2028) or end clamped
    # to 28 February (from 29/2/2028).
    starts = (date(2028, 2, 29), date(2028, 3, 1), date(2029, 3, 1), date(2030, 3, 1))
    shortest = min((_expiry(d, ExpiryRule.CIVIL_CODE) - d).days for d in starts)
    if 0 < window.closes_days_before < window.opens_days_before < shortest:
        return [], shortest
    found = [
        finding(
            "window_rule_does_not_fit",
            str(window.citation),
            f"0 < closes < opens < {shortest} days",
            f"opens {window.opens_days_before}, closes {window.closes_days_before} days before",
            citations=[window.citation, validity_rule(Regime.QD26_2026).citation],
        )
    ]
    return found, shortest


def _bug(failures: list[_Failure]) -> Finding:
    """One finding per kind of failure: the first certificate, and how many failed."""
    first = failures[0]
    more = len(failures) - 1
    tail = Localized(
        f" (và {more} lỗi cùng loại)" if more else "",
        f" ({more} more failure{'s' if more != 1 else ''} of this kind)" if more else "",
    )
    cert = first.certificate
    return finding(
        first.code,
        first.label,
        first.expected,
        first.actual,
        citations=[validity_rule(cert.issued_under).citation, transition().late_filing],
        what=first.what,
        more=tail,
    )
