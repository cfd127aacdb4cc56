"""Legal instruments of the OCOP programme as cited data.

SKELETON (being completed): the names below are the stable interface other
modules build on; the instrument registry and regime lookup are added next.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

__all__ = ["Citation", "Regime"]


class Regime(StrEnum):
    """A criteria-and-process regime: which national rules govern an evaluation."""

    QD1048_2019 = "1048/QĐ-TTg"
    QD1048_781_2020 = "1048/QĐ-TTg+781/QĐ-TTg"
    QD148_2023 = "148/QĐ-TTg"
    QD148_1489_2025 = "148/QĐ-TTg+1489/QĐ-TTg"
    QD26_2026 = "26/2026/QĐ-TTg"


@attrs.frozen(slots=True)
class Citation:
    """A place in a legal instrument: ``Citation("26/2026/QĐ-TTg", dieu=4, khoan=3)``.

    ``instrument`` is the instrument's number as written (e.g. ``"148/QĐ-TTg"``);
    the other fields are the Vietnamese subdivisions: Điều (article), khoản
    (clause), điểm (point), Phụ lục (appendix), Mẫu (form).  ``detail`` is free
    text for what the subdivisions cannot say (a scoresheet row, a table cell).
    """

    instrument: str
    dieu: int | None = None
    khoan: int | None = None
    diem: str | None = None
    phu_luc: str | None = None
    mau: str | None = None
    detail: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.diem is not None:
            parts.append(f"điểm {self.diem}")
        if self.khoan is not None:
            parts.append(f"khoản {self.khoan}")
        if self.dieu is not None:
            parts.append(f"Điều {self.dieu}")
        if self.phu_luc is not None:
            parts.append(f"Phụ lục {self.phu_luc}")
        if self.mau is not None:
            parts.append(f"Mẫu {self.mau}")
        place = " ".join(parts)
        text = f"{place} {self.instrument}" if place else self.instrument
        return f"{text} ({self.detail})" if self.detail else text
