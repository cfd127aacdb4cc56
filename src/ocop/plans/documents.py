"""A plan document: who issued it, when, for which period, its targets and OCOP timetable.

Provinces merged on 01/7/2025 (Nghị quyết 202/2025/QH15): a plan keeps the
province that issued it (``province``) and answers which province that is
part of on any later date (:meth:`Plan.province_on`).

>>> from datetime import date
>>> from ocop.plans import catalog
>>> kt = catalog.plan("kon-tum-908-2023")
>>> kt.number, kt.period.start, kt.period.end
('908/KH-UBND', 2021, 2025)
>>> kt.province_on(date(2026, 1, 1)).province.full_name
'tỉnh Quảng Ngãi'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, model_validator

from ocop.admin import ProvinceOnDate, province_of
from ocop.budget.document import Budget
from ocop.dates import require_date
from ocop.display import Displayable
from ocop.errors import InvalidInput, NotFound
from ocop.inputs import InputModel, require_unique
from ocop.plans.targets import AS_WRITTEN, Quote, Target
from ocop.text import show

__all__ = ["DocumentKind", "Plan", "PlanLevel", "TextKind", "TimetableStep", "Years"]


class PlanLevel(StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"


class DocumentKind(StrEnum):
    KE_HOACH = "ke_hoach"  # Kế hoạch (plan)
    QUYET_DINH = "quyet_dinh"  # Quyết định (decision approving a programme or scheme)


class TextKind(StrEnum):
    """What the library read: the document itself or a report of it."""

    FULL_TEXT = "full_text"
    EXCERPT = "excerpt"  # the document, cut where marked
    NEWS_SUMMARY = "news_summary"  # a news or portal article reporting the document


class Years(InputModel):
    """A span of whole calendar years, both ends included."""

    start: int = Field(ge=2000, le=2100)
    end: int = Field(ge=2000, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise InvalidInput(f"period {self.start}–{self.end} ends before it starts")
        return self

    @property
    def first_day(self) -> date:
        return date(self.start, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.end, 12, 31)

    def covers(self, day: date) -> bool:
        return self.first_day <= require_date(day, "day") <= self.last_day

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


class TimetableStep(InputModel):
    """One step of the OCOP cycle as the plan schedules it (months inclusive)."""

    step: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=2000, le=2100)
    from_month: int | None = Field(default=None, ge=1, le=12)
    to_month: int | None = Field(default=None, ge=1, le=12)
    continuous: bool = Field(default=False, description="'Thường xuyên, liên tục trong năm'.")
    source: Quote

    @model_validator(mode="after")
    def _months(self) -> Self:
        if (self.from_month is None) != (self.to_month is None):
            raise InvalidInput(f"step {self.step!r}: give both from_month and to_month")
        if self.from_month is not None and self.to_month is not None:
            if self.from_month > self.to_month:
                raise InvalidInput(
                    f"step {self.step!r}: month {self.from_month} after {self.to_month}"
                )
        elif not self.continuous:
            raise InvalidInput(f"step {self.step!r}: give months or continuous=true")
        return self


class Plan(Displayable, InputModel):
    """One OCOP plan (Kế hoạch) or programme decision, with its targets.

    ``period`` is the period the plan is for; ``horizon`` the year of its
    orientation ("định hướng đến năm 2030") when it has one.  ``province`` is
    the issuing province as it was named then; ``None`` for a national plan.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    level: PlanLevel = Field(strict=False)
    kind: DocumentKind = Field(strict=False)
    issuer: str = Field(min_length=1)
    province: str | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, min_length=1, description="Số hiệu, when known.")
    issued_on: date | None = None
    issued_year: int = Field(ge=2000, le=2100)
    period: Years
    horizon: int | None = Field(default=None, ge=2000, le=2100)
    targets: tuple[Target, ...] = Field(default=(), strict=False)
    timetable: tuple[TimetableStep, ...] = Field(default=(), strict=False)
    text: TextKind = Field(strict=False)
    budget: Budget | None = Field(default=None, description="Tables and prose totals.")
    url: str | None = None
    notes: tuple[str, ...] = Field(default=(), strict=False)

    @classmethod
    def as_written(cls, data: Mapping[str, Any] | str | bytes) -> Plan:
        """Read a document as written: faults it contains are kept for the checks to report.

        ``data`` is the JSON text, or a mapping of Python values (dates as
        ``date``).  Shape errors (an unknown metric, a range without its ends)
        are refused all the same.
        """
        context = {AS_WRITTEN: True}
        if isinstance(data, str | bytes):
            return cls.model_validate_json(data, context=context)
        return cls.model_validate(data, context=context)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.issued_on is not None and self.issued_on.year != self.issued_year:
            raise InvalidInput(
                f"issued_on {self.issued_on} is not in issued_year {self.issued_year}"
            )
        if self.horizon is not None and self.horizon <= self.period.end:
            raise InvalidInput(f"horizon {self.horizon} is not after the period {self.period}")
        if (self.level is PlanLevel.NATIONAL) != (self.province is None):
            raise InvalidInput("a provincial plan names its province; a national plan does not")
        if self.province is not None:
            province_of(self.province, on=self.issue_day)  # NotFound for an unknown province
        require_unique((t.id for t in self.all_targets()), "target")
        if self.budget is not None:
            self.budget.require_years_within(self.period.start, self.period.end)
        return self

    @property
    def issue_day(self) -> date:
        """``issued_on``, or 1 January of ``issued_year`` when the day is not known."""
        return self.issued_on or date(self.issued_year, 1, 1)

    @property
    def annual(self) -> bool:
        return self.period.start == self.period.end

    def all_targets(self) -> tuple[Target, ...]:
        """Every target and part, depth first."""
        return tuple(t for top in self.targets for t in top.walk())

    def target(self, target_id: str) -> Target:
        if not isinstance(target_id, str):
            raise InvalidInput(f"a target id is text, got {show(target_id)}")
        for t in self.all_targets():
            if t.id == target_id:
                return t
        raise NotFound(f"plan {self.id} has no target {show(target_id)}", plan=self.id)

    def province_on(self, on: date) -> ProvinceOnDate:
        """The province the issuing province is, or belongs to, on ``on``."""
        if self.province is None:
            raise InvalidInput(f"{self.id} is a national plan; it has no province")
        return province_of(self.province, on=require_date(on, "on"))

    def label(self) -> str:
        number = self.number or "(no number)"
        return f"{number} — {self.issuer}, {self.issued_year} ({self.period})"
