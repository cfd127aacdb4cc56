"""What plan budgets are made of: funding sources and the activities they pay for.

Funding sources follow the structure of Quyết định 919/QĐ-TTg (01/8/2022), the
OCOP programme 2021–2025, as the research notes record it from its press
report (``docs/decisions/budget.md``): central budget, local budget by level,
pooled funds, credit, the subjects' own funds, and other lawful sources.  A
source can be a sum of others (``ngân sách nhà nước`` = central + local), so a
table may state a parent and its children side by side.

>>> Source.LOCAL_BUDGET.label_vi
'Ngân sách địa phương'
>>> [s.value for s in Source.STATE_BUDGET.children]
['central_budget', 'local_budget']
>>> Source.parse("NSTW")
<Source.CENTRAL_BUDGET: 'central_budget'>
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from ocop.arguments import choice, items
from ocop.codes import Localized
from ocop.errors import NotFound
from ocop.law import Citation, SourceStrength
from ocop.text import fold, show

__all__ = ["SOURCE_CITATION", "SOURCE_STRENGTH", "Activity", "Source", "SourceInfo", "outermost"]

#: Where the funding vocabulary comes from.  919 is read through its press report,
#: hence NEWS strength: nhandan.vn, "Nguồn vốn thực hiện Chương trình OCOP giai đoạn
#: 2021-2025 được huy động từ đâu" (post776931).
SOURCE_CITATION: Final = Citation("919/QĐ-TTg", detail="Mục nguồn vốn, cơ cấu huy động vốn")
SOURCE_STRENGTH: Final = SourceStrength.NEWS


class Source(StrEnum):
    """A funding source (nguồn vốn) as OCOP plans name it."""

    STATE_BUDGET = "state_budget"
    CENTRAL_BUDGET = "central_budget"
    LOCAL_BUDGET = "local_budget"
    PROVINCIAL_BUDGET = "provincial_budget"
    DISTRICT_BUDGET = "district_budget"
    COMMUNE_BUDGET = "commune_budget"
    POOLED = "pooled"
    CREDIT = "credit"
    SUBJECTS = "subjects"
    COMMUNITY = "community"
    OTHER = "other"

    @property
    def info(self) -> SourceInfo:
        return _INFO[self]

    @property
    def label_vi(self) -> str:
        return self.info.label_vi

    @property
    def label_en(self) -> str:
        return self.info.label_en

    @property
    def short(self) -> str:
        return self.info.short

    @property
    def named(self) -> Localized:
        """The source as a message names it: its short Vietnamese name ("NSĐP"), its English
        label in lower case unless it starts with an acronym ("OCOP subjects' own funds")."""
        label = self.label_en
        return Localized(self.short, label if label[:2].isupper() else label[0].lower() + label[1:])

    @property
    def parent(self) -> Source | None:
        return self.info.parent

    @property
    def children(self) -> tuple[Source, ...]:
        return tuple(s for s in Source if s.parent is self)

    def ancestors(self) -> tuple[Source, ...]:
        """Parent, grandparent, … (empty for a top-level source)."""
        out: list[Source] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)

    def nearest_in(self, sources: Collection[Source]) -> Source | None:
        """The closest ancestor of this source among ``sources``, if any."""
        sources = _sources(sources)
        return next((a for a in self.ancestors() if a in sources), None)

    @classmethod
    def parse(cls, text: str | Source) -> Source:
        """A source from its value, its short name or its Vietnamese label (any accents)."""
        if isinstance(text, Source):
            return text
        if isinstance(text, str):
            found = _by_name().get(fold(text))
            if found is not None:
                return found
        raise NotFound(
            f"unknown funding source {show(text)}; known: {', '.join(s.value for s in cls)}",
            value=show(text),
        )


@functools.cache
def _by_name() -> Mapping[str, Source]:
    """Every source under each of its names, folded (the first source listed wins a name):
    built once, since reading a plan parses a source per cell."""
    names: dict[str, Source] = {}
    for source in Source:
        for name in (source.value, source.short, source.label_vi, *source.info.aliases):
            names.setdefault(fold(name), source)
    return MappingProxyType(names)


def outermost(sources: Sequence[Source]) -> tuple[int, ...]:
    """Positions of the sources no other of ``sources`` contains: those a total adds."""
    sources = _sources(sources)
    present = set(sources)
    return tuple(i for i, s in enumerate(sources) if not present.intersection(s.ancestors()))


def _sources(given: object) -> tuple[Source, ...]:
    return tuple(choice(s, Source, "sources") for s in items(given, "sources"))


@attrs.frozen(slots=True)
class SourceInfo:
    label_vi: str
    label_en: str
    short: str
    parent: Source | None = None
    aliases: tuple[str, ...] = ()


_INFO: Final = {
    Source.STATE_BUDGET: SourceInfo(
        "Ngân sách nhà nước",
        "State budget",
        "NSNN",
        aliases=("ngân sách nhà nước hỗ trợ trực tiếp",),
    ),
    Source.CENTRAL_BUDGET: SourceInfo(
        "Ngân sách Trung ương",
        "Central budget",
        "NSTW",
        Source.STATE_BUDGET,
        aliases=("NS TW", "vốn ngân sách trung ương", "NS TW từ Chương trình Nông thôn mới"),
    ),
    Source.LOCAL_BUDGET: SourceInfo(
        "Ngân sách địa phương",
        "Local budget",
        "NSĐP",
        Source.STATE_BUDGET,
        aliases=("NS địa phương", "vốn ngân sách địa phương"),
    ),
    Source.PROVINCIAL_BUDGET: SourceInfo(
        "Ngân sách tỉnh", "Provincial budget", "NS tỉnh", Source.LOCAL_BUDGET
    ),
    Source.DISTRICT_BUDGET: SourceInfo(
        "Ngân sách huyện", "District budget", "NS huyện", Source.LOCAL_BUDGET
    ),
    Source.COMMUNE_BUDGET: SourceInfo(
        "Ngân sách xã", "Commune budget", "NS xã", Source.LOCAL_BUDGET
    ),
    Source.POOLED: SourceInfo(
        "Vốn lồng ghép",
        "Pooled from other programmes",
        "lồng ghép",
        aliases=(
            "vốn lồng ghép từ các chương trình, dự án",
            "vốn lồng ghép từ các chương trình, dự án khác",
        ),
    ),
    Source.CREDIT: SourceInfo("Vốn tín dụng", "Credit", "tín dụng"),
    Source.SUBJECTS: SourceInfo(
        "Vốn của chủ thể",
        "OCOP subjects' own funds",
        "chủ thể",
        aliases=(
            "vốn doanh nghiệp",
            "vốn doanh nghiệp, chủ thể",
            "vốn đối ứng của chủ thể",
            "vốn đóng góp của các chủ thể",
            "vốn đóng góp của các chủ thể (doanh nghiệp, HTX, cơ sở sản xuất...)",
            "vốn của doanh nghiệp, hợp tác xã, hộ sản xuất tự huy động",
        ),
    ),
    Source.COMMUNITY: SourceInfo(
        "Vốn huy động từ người dân và cộng đồng", "People and community", "cộng đồng"
    ),
    Source.OTHER: SourceInfo(
        "Nguồn khác", "Other lawful sources", "khác", aliases=("vốn huy động hợp pháp khác",)
    ),
}


class Activity(StrEnum):
    """What a budget item (nội dung) pays for, in the words of the plans."""

    CLASSIFICATION = "classification"  # đánh giá, phân hạng sản phẩm
    CAPACITY = "capacity"  # nâng cao năng lực chủ thể, cán bộ
    PROMOTION = "promotion"  # xúc tiến thương mại
    PRODUCT_DEVELOPMENT = "product_development"  # hỗ trợ phát triển sản phẩm
    STAR_REWARD = "star_reward"  # thưởng sản phẩm đạt sao
    RAW_MATERIALS = "raw_materials"  # phát triển vùng nguyên liệu
    COMMUNICATION = "communication"  # tuyên truyền
    MANAGEMENT = "management"  # quản lý, kiểm tra, giám sát chương trình
    OTHER = "other"  # các hoạt động khác

    @property
    def label_vi(self) -> str:
        return _ACTIVITY_VI[self]

    @property
    def counts_products(self) -> bool:
        """Whether a quantity in "Sản phẩm" for this activity is a number of products."""
        return self in _PER_PRODUCT


_ACTIVITY_VI: Final = {
    Activity.CLASSIFICATION: "Đánh giá, phân hạng sản phẩm",
    Activity.CAPACITY: "Nâng cao năng lực",
    Activity.PROMOTION: "Xúc tiến thương mại",
    Activity.PRODUCT_DEVELOPMENT: "Hỗ trợ phát triển sản phẩm",
    Activity.STAR_REWARD: "Thưởng sản phẩm đạt sao",
    Activity.RAW_MATERIALS: "Phát triển vùng nguyên liệu",
    Activity.COMMUNICATION: "Tuyên truyền",
    Activity.MANAGEMENT: "Quản lý, kiểm tra, giám sát",
    Activity.OTHER: "Các hoạt động khác",
}
_PER_PRODUCT: Final = frozenset(
    {Activity.CLASSIFICATION, Activity.PRODUCT_DEVELOPMENT, Activity.STAR_REWARD}
)
