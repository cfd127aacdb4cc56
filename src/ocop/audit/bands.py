"""Property 1: the printed score bands cover 0–100 with no gap or overlap, each star once.

Bands are compared exactly (fractions).  A band printed with a whole-number
top ("70–89 điểm", 1048/QĐ-TTg) leaves the totals strictly between 89 and 90 in
no band: each such gap is a finding that names the lower-bound rule the library
applies there (docs/decisions/stars.md §1).  Then :func:`ocop.stars.band_star`
is checked at every band edge, one hundredth either side of it and in every
gap: where the printed text places a total, the library must agree with it;
in a gap, it must give the half-open reading "from this band's low to below
the next band's low".
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from ocop.audit.report import Checked, rules_of, said_number
from ocop.criteria.versions import StarBand, sheet_version
from ocop.findings import Finding, Localized, Proven, finding, proven, show_number
from ocop.law import Citation, Regime
from ocop.regulations import Regulation
from ocop.stars import MAX_POINTS, band_star

__all__ = ["check"]

STARS = (1, 2, 3, 4, 5)
#: How far either side of an edge the library is probed: a council average shown to 2 decimals.
STEP = Fraction(1, 100)


def printed_stars(total: Fraction, bands: tuple[StarBand, ...]) -> tuple[int, ...]:
    """The stars whose printed band holds ``total`` (none in a gap, two in an overlap)."""
    return tuple(
        b.star
        for b in bands
        if b.low <= total and (total <= b.high if b.high_inclusive else total < b.high)
    )


def half_open_star(total: Fraction, bands: Sequence[StarBand]) -> int:
    """The star of ``total`` when each band runs from its low to below the next band's low."""
    return max((b for b in bands if b.low <= total), key=lambda b: b.low).star


def edge_points(bands: tuple[StarBand, ...]) -> tuple[Fraction, ...]:
    """Every band edge, one hundredth either side, and the middle of every gap, within 0–100."""
    points: set[Fraction] = set()
    ordered = sorted(bands, key=lambda b: b.low)
    for band in ordered:
        for edge in (Fraction(band.low), Fraction(band.high)):
            points.update((edge - STEP, edge, edge + STEP))
    for lower, upper in itertools.pairwise(ordered):
        if lower.high < upper.low:
            points.add(Fraction(lower.high + upper.low, 2))
    return tuple(sorted(p for p in points if 0 <= p <= MAX_POINTS))


def check(regulation: Regime | str | Regulation) -> Checked:
    regime = rules_of(regulation)  # a draft's own bands, never its base's
    version = sheet_version(regime)
    bands, cite = version.bands, version.bands_citation
    where = str(cite)
    findings: list[Finding] = []
    held: list[Proven] = []
    ordered = sorted(bands, key=lambda b: b.low)

    stars = sorted(b.star for b in bands)
    if stars == list(STARS):
        held.append(proven("band_each_star_once", where, len(bands), count=len(bands)))
    else:
        shown = ", ".join(map(str, stars))
        findings.append(
            finding("band_stars", where, "1, 2, 3, 4, 5", shown, citations=[cite], stars=str(stars))
        )

    ends = 0
    bottom, top = ordered[0], ordered[-1]
    if bottom.low == 0:
        ends += 1
    else:
        findings.append(_range_end(where, cite, f"0–{bottom.low}", bottom, "dưới", "below"))
    if top.high == MAX_POINTS and top.high_inclusive:
        ends += 1
    else:
        findings.append(_range_end(where, cite, f"{top.high}–{MAX_POINTS}", top, "trên", "above"))

    meets = 0
    for lower, upper in itertools.pairwise(ordered):
        if lower.high == upper.low and not lower.high_inclusive:
            meets += 1
        elif lower.high < upper.low:
            findings.append(_gap(regime, where, cite, lower, upper))
        else:
            findings.append(_overlap(where, cite, lower, upper))
    if ends == 2 and meets == len(ordered) - 1:
        edges = meets + ends
        held.append(proven("band_cover", where, edges, top=MAX_POINTS, inner=meets, edges=edges))

    agree = 0
    for total in edge_points(bands):
        printed = printed_stars(total, bands)
        expected = printed[0] if len(printed) == 1 else half_open_star(total, ordered)
        got = band_star(total, regime)
        if got == expected:
            agree += 1
        else:
            findings.append(
                finding(
                    "band_star_disagrees",
                    f"{where}, {show_number(total)} điểm",
                    expected,
                    got,
                    citations=[cite],
                    total=said_number(total),
                    got=got,
                    printed=expected,
                )
            )
    if agree:
        held.append(proven("band_star_at_edges", where, agree, count=agree))
    return tuple(findings), tuple(held)


def _range_end(
    where: str, cite: Citation, missing: str, band: StarBand, vi: str, en: str
) -> Finding:
    return finding(
        "band_range",
        where,
        f"0–{MAX_POINTS}",
        f"no band {en} '{band.printed}'",
        citations=[cite],
        side=Localized(vi, en),
        band=band.printed,
        missing=missing,
    )


def _gap(
    regime: Regulation, where: str, cite: Citation, lower: StarBand, upper: StarBand
) -> Finding:
    inside = Fraction(lower.high + upper.low, 2)
    ranked = band_star(inside, regime)
    opens = "<" if lower.high_inclusive else "≤"
    return finding(
        "band_gap",
        f"{where}, '{lower.printed}' / '{upper.printed}'",
        f"a band for every total between {lower.high} and {upper.low}",
        f"{lower.high} {opens} x < {upper.low} in no band",
        citations=[cite],
        lower=lower.printed,
        lower_star=lower.star,
        upper=upper.printed,
        upper_star=upper.star,
        high=str(lower.high),
        low=str(upper.low),
        inside=said_number(inside),
        ranked=ranked,
    )


def _overlap(where: str, cite: Citation, lower: StarBand, upper: StarBand) -> Finding:
    return finding(
        "band_overlap",
        f"{where}, '{lower.printed}' / '{upper.printed}'",
        "each total in one band",
        f"'{lower.printed}' and '{upper.printed}' share totals from {upper.low}",
        citations=[cite],
        lower=lower.printed,
        upper=upper.printed,
        low=str(upper.low),
    )
