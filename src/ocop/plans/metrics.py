"""The vocabulary of plan targets: what a target measures, in which unit, over which population.

Plans phrase the same goal many ways ("có ít nhất 50% chủ thể OCOP là hợp tác
xã", "phấn đấu khoảng 50% chủ thể là HTX"); a :class:`Metric` names the goal
once so that plans can be compared with each other and with the national
programme.  To add a metric, add a member here and its row in :data:`METRICS`;
every other part of ``ocop.plans`` reads the row.

>>> from ocop.plans.metrics import METRICS, Metric
>>> info = METRICS[Metric.COOPERATIVE_SHARE]
>>> info.unit.value, info.population.value, info.exclusive_group
('percent', 'subjects', 'entity_type')
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

import attrs

__all__ = ["METRICS", "EntityType", "Metric", "MetricInfo", "MetricUnit", "Per", "Population"]


class MetricUnit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"


class Population(StrEnum):
    """What a metric counts, or the whole a share is taken of."""

    PRODUCTS = "products"
    SUBJECTS = "subjects"  # chủ thể OCOP: the producers holding OCOP products
    WORKERS = "workers"  # lao động at OCOP subjects
    CRAFT_VILLAGES = "craft_villages"  # làng nghề truyền thống
    SHOWROOMS = "showrooms"  # điểm giới thiệu và bán sản phẩm OCOP
    EVENTS = "events"


class Per(StrEnum):
    """A target set for each unit rather than in total ("mỗi huyện ít nhất 01 điểm")."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    YEAR = "year"
    DISTRICT_YEAR = "district_year"


class EntityType(StrEnum):
    """Kinds of OCOP subject (chủ thể).

    26/2026/QĐ-TTg Điều 2 khoản 3 lists: hợp tác xã; tổ hợp tác; doanh nghiệp nhỏ
    và vừa; trang trại, hộ sản xuất, hộ gia đình có đăng ký kinh doanh; and for
    tourism also hội, hiệp hội, trung tâm điều hành (OTHER).  It names no larger
    enterprise; ``LARGE_ENTERPRISE`` is kept for portfolios recorded under
    earlier rules, and counts in no share the plans set.
    """

    COOPERATIVE = "cooperative"  # hợp tác xã, liên hiệp hợp tác xã
    COOPERATIVE_GROUP = "cooperative_group"  # tổ hợp tác
    SME = "sme"  # doanh nghiệp nhỏ và vừa
    LARGE_ENTERPRISE = "large_enterprise"  # doanh nghiệp không phải nhỏ và vừa
    HOUSEHOLD = "household"  # hộ sản xuất, hộ kinh doanh có đăng ký kinh doanh
    FARM = "farm"  # trang trại
    OTHER = "other"  # hội, hiệp hội, trung tâm điều hành du lịch …


class Metric(StrEnum):
    PRODUCTS = "products"
    NEW_PRODUCTS = "new_products"
    POTENTIAL_FIVE_STAR = "potential_five_star_products"
    PRODUCTS_PLANNED = "products_planned"
    KEY_PRODUCTS = "key_products"
    PRODUCTS_SUPPORTED = "products_supported"
    CRAFT_VILLAGE_PRODUCTS = "craft_village_products"
    PRODUCTS_UPGRADED_SHARE = "products_upgraded_share"
    COOPERATIVE_SHARE = "subjects_cooperative_share"
    SME_SHARE = "subjects_sme_share"
    CLOSED_VALUE_CHAIN_SHARE = "subjects_closed_value_chain_share"
    CIRCULAR_VALUE_CHAIN_SHARE = "subjects_circular_value_chain_share"
    MODERN_CHANNEL_SHARE = "subjects_modern_channel_share"
    SUBJECTS_TRAINED_SHARE = "subjects_trained_share"
    SUBJECTS_STRENGTHENED = "subjects_strengthened"
    TRAINED_WORKERS_SHARE = "trained_workers_share"
    CRAFT_VILLAGE_SHARE = "craft_villages_with_ocop_share"
    SHOWROOMS = "showrooms"
    SHOWROOMS_UPGRADED = "showrooms_upgraded"
    INTERNATIONAL_FORUMS = "international_forums"


@attrs.frozen(slots=True)
class MetricInfo:
    """One metric: its unit, the population it counts or divides, and its names.

    ``stars`` says whether a target on it may filter by star.  Shares in the same
    ``exclusive_group`` are of disjoint categories of one population (a subject
    is a cooperative or an SME, not both), so together they cannot pass 100%.
    """

    unit: MetricUnit
    population: Population
    vi: str
    en: str
    stars: bool = False
    exclusive_group: str | None = None


def _count(population: Population, vi: str, en: str, *, stars: bool = False) -> MetricInfo:
    return MetricInfo(MetricUnit.COUNT, population, vi, en, stars=stars)


def _share(population: Population, vi: str, en: str, group: str | None = None) -> MetricInfo:
    return MetricInfo(MetricUnit.PERCENT, population, vi, en, exclusive_group=group)


_P, _S = Population.PRODUCTS, Population.SUBJECTS

METRICS = MappingProxyType(
    {
        Metric.PRODUCTS: _count(
            _P,
            "sản phẩm OCOP được công nhận",
            "OCOP products recognised",
            stars=True,
        ),
        Metric.NEW_PRODUCTS: _count(
            _P,
            "sản phẩm OCOP mới được công nhận",
            "newly recognised OCOP products",
            stars=True,
        ),
        Metric.POTENTIAL_FIVE_STAR: _count(
            _P,
            "sản phẩm tiềm năng 5 sao",
            "potential 5-star products",
        ),
        Metric.PRODUCTS_PLANNED: _count(
            _P,
            "sản phẩm được quy hoạch phát triển",
            "products planned for development",
        ),
        Metric.KEY_PRODUCTS: _count(
            _P,
            "sản phẩm chủ lực",
            "key products",
        ),
        Metric.PRODUCTS_SUPPORTED: _count(
            _P,
            "sản phẩm được hỗ trợ",
            "products supported",
        ),
        Metric.CRAFT_VILLAGE_PRODUCTS: _count(
            _P,
            "sản phẩm OCOP của làng nghề",
            "OCOP products of craft villages",
            stars=True,
        ),
        Metric.PRODUCTS_UPGRADED_SHARE: _share(
            _P,
            "sản phẩm OCOP hiện có được củng cố, nâng cấp",
            "existing OCOP products consolidated or upgraded",
        ),
        Metric.COOPERATIVE_SHARE: _share(
            _S,
            "chủ thể OCOP là hợp tác xã",
            "OCOP subjects that are cooperatives",
            "entity_type",
        ),
        Metric.SME_SHARE: _share(
            _S,
            "chủ thể OCOP là doanh nghiệp nhỏ và vừa",
            "OCOP subjects that are SMEs",
            "entity_type",
        ),
        Metric.CLOSED_VALUE_CHAIN_SHARE: _share(
            _S,
            "chủ thể OCOP có chuỗi giá trị khép kín",
            "OCOP subjects with a closed value chain",
        ),
        Metric.CIRCULAR_VALUE_CHAIN_SHARE: _share(
            _S,
            "chủ thể OCOP có chuỗi giá trị theo hướng kinh tế tuần hoàn",
            "OCOP subjects with a circular-economy value chain",
        ),
        Metric.MODERN_CHANNEL_SHARE: _share(
            _S,
            "chủ thể OCOP tham gia kênh bán hàng hiện đại",
            "OCOP subjects in modern sales channels",
        ),
        Metric.SUBJECTS_TRAINED_SHARE: _share(
            _S,
            "chủ thể OCOP được đào tạo, bồi dưỡng",
            "OCOP subjects trained",
        ),
        Metric.SUBJECTS_STRENGTHENED: _count(
            _S,
            "chủ thể được củng cố, nâng cao năng lực",
            "subjects strengthened",
        ),
        Metric.TRAINED_WORKERS_SHARE: _share(
            Population.WORKERS,
            "lao động được đào tạo có bằng cấp, chứng chỉ",
            "workers trained with a qualification",
        ),
        Metric.CRAFT_VILLAGE_SHARE: _share(
            Population.CRAFT_VILLAGES,
            "làng nghề truyền thống có sản phẩm OCOP",
            "traditional craft villages with an OCOP product",
        ),
        Metric.SHOWROOMS: _count(
            Population.SHOWROOMS,
            "điểm giới thiệu và bán sản phẩm OCOP",
            "OCOP showrooms and sales points",
        ),
        Metric.SHOWROOMS_UPGRADED: _count(
            Population.SHOWROOMS,
            "điểm giới thiệu, bán sản phẩm OCOP được củng cố, nâng cấp",
            "OCOP showrooms consolidated or upgraded",
        ),
        Metric.INTERNATIONAL_FORUMS: _count(
            Population.EVENTS,
            "diễn đàn hợp tác quốc tế về OCOP",
            "international OCOP cooperation forums",
        ),
    }
)
