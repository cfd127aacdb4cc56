"""Certificate rules as cited tables: validity, re-evaluation window, notice, revocation.

Every value names its instrument and article and how strong its source is.
Only 26/2026/QĐ-TTg was read in full (as a transcript); the earlier values rest
on news pages and say so.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType

import attrs

from ocop.errors import InconsistentData, NotEncoded
from ocop.law import Citation, Regime, SourceStrength, regime_span, transitional_rules

__all__ = [
    "NOTICE_148",
    "REVOCATION_DAYS",
    "REVOCATION_GROUNDS",
    "RE_EVALUATION_DECISION",
    "RE_EVALUATION_WINDOW",
    "DecisionRule",
    "NoticeRule",
    "RevocationGround",
    "Transition",
    "ValidityRule",
    "WindowRule",
    "transition",
    "validity_months",
    "validity_rule",
]

QD26 = "26/2026/QĐ-TTg"
_QD26_SOURCE = "https://vanban.chinhphu.vn/?classid=1&docid=218267&orggroupid=3&pageid=27160"
_NEWS_148 = "https://doanhnghiepvadoisong.com.vn/print-3767.html"
_NEWS_1048 = (
    "https://danang.gov.vn/web/san-pham-ocop/danh-muc-cd/chi-tiet?id=4782&_c=94677574",
    "https://sonongnghiep.haugiang.gov.vn/xem-chi-tiet-tin/-/tin-tuc/Phe-duyet-ket-qua-anh-gia"
    "--phan-hang-va-thang-hang--san-pham-OCOP-tinh-Hau-Giang-nam-202133479",
)


@attrs.frozen(slots=True, kw_only=True)
class ValidityRule:
    """How long a certificate issued under ``regulation`` is valid."""

    regulation: Regime
    months: int
    printed: str
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength


_VALIDITY_1048 = ValidityRule(
    regulation=Regime.QD1048_2019,
    months=36,
    printed="giấy chứng nhận có giá trị 36 tháng (3 năm), as reported",
    citation=Citation("1048/QĐ-TTg", phu_luc="II", detail="thời hạn giấy chứng nhận, as reported"),
    sources=_NEWS_1048,
    source_strength=SourceStrength.NEWS,
)
_VALIDITY_148 = ValidityRule(
    regulation=Regime.QD148_2023,
    months=36,
    printed="giấy chứng nhận có giá trị trong thời hạn 36 tháng, as reported",
    citation=Citation("148/QĐ-TTg", detail="thời hạn giấy chứng nhận 36 tháng, as reported"),
    sources=(_NEWS_148,),
    source_strength=SourceStrength.NEWS,
)
_VALIDITY: Mapping[Regime, ValidityRule] = MappingProxyType(
    {
        Regime.QD1048_2019: _VALIDITY_1048,
        Regime.QD1048_781_2020: attrs.evolve(_VALIDITY_1048, regulation=Regime.QD1048_781_2020),
        Regime.QD148_2023: _VALIDITY_148,
        Regime.QD148_1489_2025: attrs.evolve(_VALIDITY_148, regulation=Regime.QD148_1489_2025),
        Regime.QD26_2026: ValidityRule(
            regulation=Regime.QD26_2026,
            months=36,
            printed="Giấy chứng nhận cho sản phẩm OCOP đạt từ 3 sao trở lên có giá trị trong "
            "thời hạn 36 tháng kể từ ngày cơ quan có thẩm quyền ban hành.",
            citation=Citation(QD26, dieu=4, khoan=3),
            sources=(_QD26_SOURCE,),
            source_strength=SourceStrength.TRANSCRIPT,
        ),
    }
)


def validity_rule(regulation: Regime) -> ValidityRule:
    """The validity rule of certificates issued under ``regulation``."""
    return _VALIDITY[regulation]


@attrs.frozen(slots=True, kw_only=True)
class WindowRule:
    """The re-evaluation filing window of 26/2026: from ``opens`` to ``closes`` days before
    expiry (both days included), and the ``decision_days`` allowed once the dossier is complete.
    """

    opens_days_before: int
    closes_days_before: int
    printed: str
    citation: Citation


RE_EVALUATION_WINDOW = WindowRule(
    opens_days_before=180,
    closes_days_before=120,
    printed="Thời gian nộp hồ sơ không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến "
    "ngày hết thời hạn của giấy chứng nhận.",
    citation=Citation(QD26, dieu=7, khoan=6, diem="a"),
)


@attrs.frozen(slots=True, kw_only=True)
class DecisionRule:
    days: int
    printed: str
    citation: Citation


RE_EVALUATION_DECISION = DecisionRule(
    days=45,
    printed="Thời gian tổ chức đánh giá, phân hạng lại sản phẩm OCOP không quá 45 ngày kể từ "
    "ngày nhận đủ hồ sơ đề nghị của UBND cấp xã hoặc UBND cấp tỉnh.",
    citation=Citation(QD26, dieu=7, khoan=6, diem="g"),
)


@attrs.frozen(slots=True, kw_only=True)
class NoticeRule:
    """148/QĐ-TTg: the issuing authority notifies the holder in writing before expiry."""

    days_before: int
    printed: str
    citation: Citation
    sources: tuple[str, ...]
    source_strength: SourceStrength


NOTICE_148 = NoticeRule(
    days_before=30,
    printed="ít nhất 30 ngày trước khi hết thời hạn 36 tháng, cơ quan công nhận thông báo bằng "
    "văn bản cho chủ thể, as reported",
    citation=Citation("148/QĐ-TTg", detail="thông báo đánh giá lại trước 30 ngày, as reported"),
    sources=(_NEWS_148,),
    source_strength=SourceStrength.NEWS,
)


@attrs.frozen(slots=True, kw_only=True)
class Transition:
    """The dates and transitional rules of the 2026 switch, read from the law registry.

    ``effective``: 26/2026 in force (Điều 11 khoản 1).  ``kept_term``: Điều 12
    khoản 1 (older recognitions keep their term).  ``late_filing`` and
    ``late_filing_days``: Điều 12 khoản 3 (a re-evaluation that could not meet
    the window keeps the certificate valid until decided, at most that many days
    after expiry).  ``notice_from``–``notice_until``: the span in which 148's
    written notice governed (its regimes, to 21/5/2026).
    """

    effective: date
    kept_term: Citation
    late_filing: Citation
    late_filing_days: int
    notice_from: date
    notice_until: date


@functools.cache
def transition() -> Transition:
    """The 2026 switch-over values, from ``ocop.law`` (loaded on first use, not at import)."""
    rules = {r.id: r for r in transitional_rules()}
    kept, late = rules["qd26-d12-k1-recognition-kept"], rules["qd26-d12-k3-late-re-evaluation"]
    notice_until = regime_span(Regime.QD148_1489_2025).ends_on
    if late.max_days_after_expiry is None or notice_until is None:
        raise InconsistentData("law.json: the 2026 transitional rules are incomplete")
    return Transition(
        effective=regime_span(Regime.QD26_2026).starts_on,
        kept_term=kept.citation,
        late_filing=late.citation,
        late_filing_days=late.max_days_after_expiry,
        notice_from=regime_span(Regime.QD148_2023).starts_on,
        notice_until=notice_until,
    )


def validity_months() -> int:
    """The term in months, which every encoded regime sets alike (the batch path needs one)."""
    months = {rule.months for rule in _VALIDITY.values()}
    if len(months) != 1:
        raise NotEncoded(f"validity terms differ between regimes ({sorted(months)})")
    return months.pop()


class RevocationGround(StrEnum):
    """The six grounds of 26/2026/QĐ-TTg Điều 8 khoản 1 (điểm a–e)."""

    UNTRUTHFUL_DOSSIER = "a"
    NO_LONGER_MEETS_CRITERIA = "b"
    VIOLATES_LAW = "c"
    MISUSES_OCOP_MARK = "d"
    STOPPED_PRODUCTION = "đ"
    OTHER_CONCLUSION = "e"

    @property
    def printed(self) -> str:
        return _GROUND_TEXT[self]

    @property
    def citation(self) -> Citation:
        return Citation(QD26, dieu=8, khoan=1, diem=self.value)


_GROUND_TEXT: Mapping[RevocationGround, str] = MappingProxyType(
    {
        RevocationGround.UNTRUTHFUL_DOSSIER: "Chủ thể OCOP bị phát hiện cung cấp thông tin, tài "
        "liệu không trung thực hoặc giả mạo hồ sơ trong quá trình đăng ký đánh giá, phân hạng "
        "sản phẩm OCOP.",
        RevocationGround.NO_LONGER_MEETS_CRITERIA: "Sản phẩm OCOP không còn đáp ứng các tiêu chí "
        "theo Bộ tiêu chí OCOP theo kết luận kiểm tra, giám sát của cơ quan có thẩm quyền.",
        RevocationGround.VIOLATES_LAW: "Sản phẩm OCOP vi phạm quy định pháp luật về chất lượng "
        "sản phẩm, an toàn thực phẩm, bảo vệ môi trường, sở hữu trí tuệ, ghi nhãn hàng hóa hoặc "
        "các quy định pháp luật khác có liên quan theo kết luận của cơ quan có thẩm quyền.",
        RevocationGround.MISUSES_OCOP_MARK: "Chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy "
        "định, gây nhầm lẫn về sản phẩm được công nhận.",
        RevocationGround.STOPPED_PRODUCTION: "Chủ thể OCOP không còn hoạt động sản xuất sản phẩm "
        "OCOP.",
        RevocationGround.OTHER_CONCLUSION: "Trường hợp khác theo kết luận và đề nghị của cơ quan "
        "nhà nước có thẩm quyền về việc sản phẩm OCOP không đủ điều kiện tiếp tục được công nhận.",
    }
)

REVOCATION_GROUNDS = tuple(RevocationGround)
#: 26/2026 Điều 8 khoản 4: the revocation is made within 15 days of the conclusion on the
#: violation, or of the commune's confirmation that production stopped.
REVOCATION_DAYS = (Citation(QD26, dieu=8, khoan=4), 15)
