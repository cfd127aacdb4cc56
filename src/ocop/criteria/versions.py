"""Which scoresheets apply under each regulation, and picking one for a date.

Only the 26/2026/QĐ-TTg sheets (Phụ lục II) could be sourced in full.  For
the earlier regimes the library holds what the sources establish (part
maxima) and refuses to score, with :class:`~ocop.errors.NotEncoded` naming
what is missing, rather than substituting another version's sheets.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from types import MappingProxyType

import attrs

from ocop.criteria.loader import load_sheets
from ocop.criteria.model import Scoresheet
from ocop.errors import InvalidInput, NotEncoded, NotFound
from ocop.law import Citation, Regime, SourceStrength
from ocop.taxonomy import looks_like_code, taxonomy
from ocop.text import lookup, show

__all__ = [
    "SheetVersion",
    "StarBand",
    "scoresheet",
    "scoresheets",
    "sheet_version",
    "sheet_versions",
]


@attrs.frozen(slots=True)
class StarBand:
    """One star's score range as printed: ``low`` ≤ score, then ≤ or < ``high``.

    1048/QĐ-TTg prints whole-number ranges ("70–89"), which leave gaps for
    fractional averages (89.5 falls in none); 148 and 26/2026 print half-open
    ranges ("từ 70 đến dưới 90").  The bands are kept as printed; ruling on
    the gaps belongs to classification, not to this table.
    """

    star: int
    low: int
    high: int
    high_inclusive: bool
    printed: str


@attrs.frozen(slots=True, kw_only=True)
class SheetVersion:
    """What is known of one regulation's scoresheets, part maxima and score bands.

    Each group of values carries its own citation, sources and source strength:
    ``citation`` for the sheets, ``part_maxima_citation`` for Part A/B/C maxima,
    ``bands_citation`` for the star bands.
    """

    regulation: Regime
    appendix: str
    sheet_count: int | None
    encoded: bool
    missing: str | None
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength
    part_maxima: Mapping[str, int]
    part_maxima_citation: Citation
    bands: tuple[StarBand, ...]
    bands_citation: Citation
    bands_sources: tuple[str, ...]
    bands_source_strength: SourceStrength


_BANDS_1048 = (
    StarBand(5, 90, 100, True, "90–100 điểm"),
    StarBand(4, 70, 89, True, "70–89 điểm"),
    StarBand(3, 50, 69, True, "50–69 điểm"),
    StarBand(2, 30, 49, True, "30–49 điểm"),
    StarBand(1, 0, 30, False, "dưới 30 điểm"),
)
_BANDS_HALF_OPEN = (
    StarBand(5, 90, 100, True, "từ 90 đến 100 điểm"),
    StarBand(4, 70, 90, False, "từ 70 đến dưới 90 điểm"),
    StarBand(3, 50, 70, False, "từ 50 đến dưới 70 điểm"),
    StarBand(2, 30, 50, False, "từ 30 đến dưới 50 điểm"),
    StarBand(1, 0, 30, False, "dưới 30 điểm"),
)
_BANDS_1048_SOURCES = (
    "https://ciptek.vn/bo-tieu-chi-ocop/ (blog quoting the decision)",
    "http://ocop.quangnam.gov.vn/chi-tiet/group/97/nid/9770/"
    "ban-hanh-bo-tieu-chi-danh-gia-phan-hang-san-pham-chuong-trinh-moi-xa-mot-san-pham",
)
_BANDS_148_SOURCES = (
    "https://ieem.vn/phan-hang-quy-trinh-va-trinh-tu-danh-gia-san-pham-ocop-16321.html",
    "https://brandsvip.com.vn/?p=6369 (blog citing khoản 2 Điều 1 of 148/QĐ-TTg)",
)


_THUVIEN_148 = (
    "http://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/46523/"
    "thay-doi-tieu-chi-danh-gia-san-pham-ocop"
)
_MISSING_148 = (
    "the 26 scoresheets of 148/QĐ-TTg Phụ lục III were not found in any readable source; "
    "whether they equal 26/2026's Phụ lục II is unknown (their wording differs at least in "
    "'huyện'/'xã'), so they are not substituted"
)
_MISSING_1048 = (
    "the scoresheets of 1048/QĐ-TTg Phụ lục I (amended by 781/QĐ-TTg) were not found in any "
    "reliable source; only the part maxima (A 35 / B 25 / C 40) are established"
)

_QD1048 = SheetVersion(
    regulation=Regime.QD1048_2019,
    appendix="I",
    sheet_count=26,
    encoded=False,
    missing=_MISSING_1048,
    citation=Citation("1048/QĐ-TTg", phu_luc="I"),
    sources=(_THUVIEN_148,),
    source_strength=SourceStrength.NEWS,
    part_maxima=MappingProxyType({"A": 35, "B": 25, "C": 40}),
    part_maxima_citation=Citation(
        "1048/QĐ-TTg", phu_luc="I", detail="A 35 / B 25 / C 40, as reported"
    ),
    bands=_BANDS_1048,
    bands_citation=Citation("1048/QĐ-TTg", detail="phân hạng sản phẩm theo tổng điểm"),
    bands_sources=_BANDS_1048_SOURCES,
    bands_source_strength=SourceStrength.NEWS,
)
_QD148 = SheetVersion(
    regulation=Regime.QD148_2023,
    appendix="III",
    sheet_count=None,
    encoded=False,
    missing=_MISSING_148,
    citation=Citation("148/QĐ-TTg", phu_luc="III"),
    sources=(_THUVIEN_148,),
    source_strength=SourceStrength.NEWS,
    part_maxima=MappingProxyType({"A": 40, "B": 25, "C": 35}),
    part_maxima_citation=Citation("148/QĐ-TTg", detail="A 40 / B 25 / C 35, as reported"),
    bands=_BANDS_HALF_OPEN,
    bands_citation=Citation("148/QĐ-TTg", dieu=1, khoan=2),
    bands_sources=_BANDS_148_SOURCES,
    bands_source_strength=SourceStrength.NEWS,
)
_QD26_SOURCE = "https://vanban.chinhphu.vn/?classid=1&docid=218267&orggroupid=3&pageid=27160"
_VERSIONS: Mapping[Regime, SheetVersion] = MappingProxyType(
    {
        Regime.QD1048_2019: _QD1048,
        # 781 amended 1048's appendices; no source says it changed the part maxima or bands.
        Regime.QD1048_781_2020: attrs.evolve(
            _QD1048,
            regulation=Regime.QD1048_781_2020,
            citation=Citation("781/QĐ-TTg", detail="sửa đổi Phụ lục của 1048/QĐ-TTg"),
        ),
        Regime.QD148_2023: _QD148,
        # 1489/QĐ-TTg changed only the evaluation sequence (Phụ lục II khoản 1), not the sheets.
        Regime.QD148_1489_2025: attrs.evolve(_QD148, regulation=Regime.QD148_1489_2025),
        Regime.QD26_2026: SheetVersion(
            regulation=Regime.QD26_2026,
            appendix="II",
            sheet_count=26,
            encoded=True,
            missing=None,
            citation=Citation("26/2026/QĐ-TTg", dieu=3, khoan=2, phu_luc="II"),
            sources=(_QD26_SOURCE, "GitHub hakienpdu95/minhan docs/bnn_txng.html (transcript)"),
            source_strength=SourceStrength.TRANSCRIPT,
            part_maxima=MappingProxyType({"A": 40, "B": 25, "C": 35}),
            part_maxima_citation=Citation("26/2026/QĐ-TTg", dieu=3, khoan=1),
            bands=_BANDS_HALF_OPEN,
            bands_citation=Citation("26/2026/QĐ-TTg", dieu=3, khoan=3),
            bands_sources=(_QD26_SOURCE,),
            bands_source_strength=SourceStrength.TRANSCRIPT,
        ),
    }
)


def sheet_versions() -> tuple[SheetVersion, ...]:
    """Every regulation's scoresheet version, oldest first."""
    return tuple(_VERSIONS.values())


def sheet_version(regulation: Regime | str) -> SheetVersion:
    return _VERSIONS[_regime(regulation)]


def scoresheets(
    *, on: date | None = None, regulation: Regime | str | None = None
) -> tuple[Scoresheet, ...]:
    """All scoresheets of the regulation in force ``on`` a date (or of a named regulation)."""
    return tuple(_encoded_sheets(_resolve(on, regulation)).values())


def scoresheet(
    product_set: int | str,
    *,
    on: date | None = None,
    regulation: Regime | str | None = None,
) -> Scoresheet:
    """One product set's scoresheet, for a date or an explicit regulation.

    ``product_set`` is the Phụ lục II number (``7``), the library's code
    (``"I.3.c"``) or a name, matched without regard to case or diacritics
    (``"che bien tu rau"``); an ambiguous name raises
    :class:`~ocop.errors.AmbiguousInput` listing the candidates.
    """
    regime = _resolve(on, regulation)
    sheets = _encoded_sheets(regime)
    if isinstance(product_set, bool) or not isinstance(product_set, int | str):
        raise InvalidInput(
            f"product_set must be a sheet number, a code such as 'I.3.c' or a name, "
            f"got {show(product_set)}",
            value=show(product_set),
        )
    if isinstance(product_set, int):
        if product_set not in sheets:
            raise InvalidInput(
                f"no scoresheet number {show(product_set)}; numbers run 1–{max(sheets)}",
                value=show(product_set),
            )
        return sheets[product_set]
    if looks_like_code(product_set):  # codes match whole: "II.3" is inside "III.3"
        sheet = {s.product_set.casefold(): s for s in sheets.values()}.get(
            product_set.strip().casefold()
        )
        if sheet is None:
            raise NotFound(f"no product set with code {show(product_set)}", value=product_set)
        return sheet
    return lookup(product_set, _names(regime), what="product set")


@cache
def _names(regime: Regime) -> Mapping[str, Scoresheet]:
    """Sheet headers and Phụ lục I names (which differ for some sets) → sheet.

    Codes are not names: code-shaped queries are matched whole in ``scoresheet``.
    """
    sheets = _encoded_sheets(regime)
    by_code = {s.product_set: s for s in sheets.values()}
    names: dict[str, Scoresheet] = {s.name: s for s in sheets.values()}
    for product_set in taxonomy(regime).product_sets():
        if product_set.code in by_code:
            names.setdefault(product_set.name_vi, by_code[product_set.code])
    return MappingProxyType(names)


def _regime(value: Regime | str) -> Regime:
    return Regime.parse(value)


def _resolve(on: date | None, regulation: Regime | str | None) -> Regime:
    # The law of a past date is never silently today's: callers must say which.
    if on is not None and regulation is None:
        from ocop.law import regime_on

        return regime_on(on).regime
    if regulation is not None and on is None:
        return _regime(regulation)
    raise InvalidInput("give exactly one of on=<date> or regulation=<Regime>")


def _encoded_sheets(regime: Regime) -> Mapping[int, Scoresheet]:
    version = _VERSIONS[regime]
    if not version.encoded:
        raise NotEncoded(
            f"scoresheets under {regime.value} are not encoded: {version.missing}",
            regulation=regime.value,
            missing=version.missing,
        )
    return load_sheets(regime, tuple(version.part_maxima.items()))
