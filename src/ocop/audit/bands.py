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

from ocop.audit.report import Checked, finding, resolve
from ocop.criteria.versions import StarBand, sheet_version
from ocop.findings import Finding, Proven, Severity, show_number
from ocop.law import Citation, Regime
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


def check(regulation: Regime | str) -> Checked:
    regime = resolve(regulation)
    version = sheet_version(regime)
    bands, cite = version.bands, version.bands_citation
    where = str(cite)
    findings: list[Finding] = []
    proven: list[Proven] = []
    ordered = sorted(bands, key=lambda b: b.low)

    stars = sorted(b.star for b in bands)
    if stars == list(STARS):
        proven.append(
            Proven(
                "band_each_star_once",
                where,
                len(bands),
                f"one printed band for each star 1–5 ({len(bands)} bands)",
                f"mỗi hạng 1–5 sao có đúng một khoảng điểm ({len(bands)} khoảng)",
            )
        )
    else:
        findings.append(
            finding(
                "band_stars",
                Severity.ERROR,
                where,
                "1, 2, 3, 4, 5",
                ", ".join(map(str, stars)),
                f"Các khoảng điểm in ra không có đúng một khoảng cho mỗi hạng 1–5 sao: {stars}.",
                f"The printed bands do not give each star 1–5 exactly one band: {stars}.",
                [cite],
            )
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
        proven.append(
            Proven(
                "band_cover",
                where,
                meets + ends,
                f"the bands reach 0 and {MAX_POINTS} and meet at {meets} inner edges, each closed "
                f"on one side only: no gap, no overlap ({meets + ends} edges)",
                f"các khoảng điểm phủ 0–{MAX_POINTS}, {meets} điểm nối không hở, không chồng lấn",
            )
        )

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
                    Severity.ERROR,
                    f"{where}, {show_number(total)} điểm",
                    expected,
                    got,
                    f"Tổng điểm {show_number(total)}: thư viện xếp {got} sao, khoảng điểm in ra "
                    f"cho {expected} sao.",
                    f"A total of {show_number(total)}: the library ranks it {got}★, the printed "
                    f"bands give {expected}★.",
                    [cite],
                )
            )
    if agree:
        proven.append(
            Proven(
                "band_star_at_edges",
                where,
                agree,
                f"ocop.stars.band_star agrees with the printed bands at {agree} totals (every "
                "edge, ±0.01, and the middle of any gap, where the half-open reading applies)",
                f"band_star khớp với khoảng điểm in ra tại {agree} mức tổng điểm quanh các điểm "
                "nối",
            )
        )
    return tuple(findings), tuple(proven)


def _range_end(
    where: str, cite: Citation, missing: str, band: StarBand, vi: str, en: str
) -> Finding:
    return finding(
        "band_range",
        Severity.ERROR,
        where,
        f"0–{MAX_POINTS}",
        f"no band {en} '{band.printed}'",
        f"Không có khoảng điểm nào {vi} '{band.printed}' ({missing}).",
        f"No band covers the totals {en} '{band.printed}' ({missing}).",
        [cite],
    )


def _gap(regime: Regime, where: str, cite: Citation, lower: StarBand, upper: StarBand) -> Finding:
    inside = Fraction(lower.high + upper.low, 2)
    ranked = band_star(inside, regime)
    opens = "<" if lower.high_inclusive else "≤"
    return finding(
        "band_gap",
        Severity.WARNING,
        f"{where}, '{lower.printed}' / '{upper.printed}'",
        f"a band for every total between {lower.high} and {upper.low}",
        f"{lower.high} {opens} x < {upper.low} in no band",
        f"Khoảng '{lower.printed}' ({lower.star} sao) và '{upper.printed}' ({upper.star} sao) để "
        f"hở các tổng điểm giữa {lower.high} và {upper.low} (ví dụ {show_number(inside)}, điểm "
        f"trung bình của hội đồng). Thư viện áp dụng quy tắc cận dưới: {show_number(inside)} được "
        f"xếp {ranked} sao, không làm tròn lên (docs/decisions/stars.md).",
        f"The bands '{lower.printed}' ({lower.star}★) and '{upper.printed}' ({upper.star}★) "
        f"leave every total strictly between {lower.high} and {upper.low} in no band (e.g. a "
        f"council average of {show_number(inside)}). The library applies the lower-bound rule: "
        f"{show_number(inside)} is ranked {ranked}★, never rounded up (docs/decisions/stars.md).",
        [cite],
    )


def _overlap(where: str, cite: Citation, lower: StarBand, upper: StarBand) -> Finding:
    return finding(
        "band_overlap",
        Severity.ERROR,
        f"{where}, '{lower.printed}' / '{upper.printed}'",
        "each total in one band",
        f"'{lower.printed}' and '{upper.printed}' share totals from {upper.low}",
        f"Khoảng '{lower.printed}' và '{upper.printed}' chồng lên nhau từ {upper.low} điểm.",
        f"The bands '{lower.printed}' and '{upper.printed}' overlap from {upper.low} points.",
        [cite],
    )
