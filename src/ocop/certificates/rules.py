"""Certificate rules: validity, re-evaluation window, notice, revocation.

Every value names its instrument and article and how strong its source is; the
per-regulation values live in each regulation's data folder
(:mod:`ocop.regulations`).
Only 26/2026/QĐ-TTg was read in full (as a transcript); the earlier values rest
on news pages and say so.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from ocop.errors import InconsistentData, NotEncoded
from ocop.law import Citation, Regime, regime_span, transitional_rules
from ocop.regulations import DecisionRule, NoticeRule, ValidityRule, WindowRule, regulations
from ocop.regulations import regulation as _registered

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

if TYPE_CHECKING:
    #: 26/2026/QĐ-TTg Điều 7 khoản 6 điểm a: the re-evaluation filing window.
    RE_EVALUATION_WINDOW: WindowRule
    #: 26/2026/QĐ-TTg Điều 7 khoản 6 điểm g: the days allowed to decide a re-evaluation.
    RE_EVALUATION_DECISION: DecisionRule
    #: 148/QĐ-TTg (as reported): the written notice before expiry.
    NOTICE_148: NoticeRule

# Each constant is one regulation's value, read from its data folder on first use.
_LAZY: Mapping[str, tuple[Regime, str]] = MappingProxyType(
    {
        "RE_EVALUATION_WINDOW": (Regime.QD26_2026, "re_evaluation_window"),
        "RE_EVALUATION_DECISION": (Regime.QD26_2026, "re_evaluation_decision"),
        "NOTICE_148": (Regime.QD148_2023, "written_notice"),
    }
)


def __getattr__(name: str) -> WindowRule | DecisionRule | NoticeRule:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    regime, field = _LAZY[name]
    value = getattr(_registered(regime), field)
    if value is None:
        raise InconsistentData(f"regulations: {regime.value} has no {field}")
    return value  # type: ignore[no-any-return]


def validity_rule(regulation: Regime | str) -> ValidityRule:
    """The validity rule of certificates issued under ``regulation``."""
    return _registered(regulation).validity


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
    months = {r.validity.months for r in regulations()}
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
