"""Strategies for figures as printed and documents of sections (``ocop.figures``, ``ocop.reports``).

By default a document is consistent: every total is the sum of its parts,
then any figure may be hedged as a document would print it ("hơn X'" with
X' at most the true figure, "gần X'" or "khoảng X'" within
:data:`ocop.figures.APPROXIMATE`), which must never make an error.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from ocop.figures import APPROXIMATE, Figure
from ocop.reports import Area, Document, Quantity, Rate, Section
from ocop.strategies.plans import years

__all__ = ["areas", "documents", "figures", "hedged", "quantities", "rates", "sections"]

_HEDGES = ("exact", "at_least", "more_than", "at_most", "nearly", "about")
_WHAT = (("sản phẩm OCOP", "sản phẩm"), ("chủ thể OCOP", "chủ thể"), ("kinh phí", "triệu đồng"))


def hedged(value: int) -> st.SearchStrategy[Figure]:
    """Figures a document may print for a true ``value``: exact, or hedged so it still holds."""

    @st.composite
    def build(draw: st.DrawFn) -> Figure:
        kind = draw(st.sampled_from(_HEDGES))
        if kind == "exact":
            return Figure.of("exact", value)
        if kind in ("at_least", "more_than"):
            return Figure.model_validate({kind: draw(st.integers(0, value))})
        if kind == "at_most":
            return Figure.of("at_most", draw(st.integers(value, value * 2 + 1)))
        # "gần X'": X'(1 − t) ≤ value ≤ X'; "khoảng X'": |value − X'| ≤ t·X'.
        low = value if kind == "nearly" else _ceil(value / (1 + APPROXIMATE))
        high = int(value / (1 - APPROXIMATE))
        return Figure.model_validate({kind: draw(st.integers(low, max(low, high)))})

    return build()


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def figures() -> st.SearchStrategy[Figure]:
    """Any figure as printed, with or without its words."""
    return st.integers(0, 10**6).flatmap(hedged)


def rates() -> st.SearchStrategy[Rate]:
    """Amounts written as a count times an amount each."""
    return st.builds(
        Rate,
        count=st.integers(0, 100).map(lambda n: Figure.of("exact", n)),
        each=st.integers(0, 100).map(lambda n: Figure.of("exact", n)),
        unit=st.just("triệu đồng"),
    )


def quantities(depth: int = 1) -> st.SearchStrategy[Quantity]:
    """A top-level quantity whose parts add up to it, each figure possibly hedged."""

    @st.composite
    def build(draw: st.DrawFn) -> Quantity:
        what, unit = draw(st.sampled_from(_WHAT))
        parts = draw(st.lists(st.integers(0, 10**5), max_size=4 if depth else 0))
        total = sum(parts) if parts else draw(st.integers(0, 10**5))
        data: dict[str, Any] = {
            "id": "q",
            "what": what,
            "unit": unit,
            "figure": draw(hedged(total)),
            "parts_complete": bool(parts),
            "parts": [{"id": f"p{i}", "figure": draw(hedged(v))} for i, v in enumerate(parts)],
        }
        return Quantity.model_validate(data)

    return build()


def areas() -> st.SearchStrategy[Area]:
    return st.builds(
        Area,
        district=st.none() | st.sampled_from(("Đăk Tô", "Kon Plông")),
        commune=st.none() | st.just("Măng Đen"),
    )


def sections() -> st.SearchStrategy[Section]:
    """A report section of one consistent quantity."""
    return st.builds(
        Section,
        id=st.just("s"),
        kind=st.sampled_from(("report", "budget", "plan")),
        area=areas(),
        period=st.none() | years(),
        quantities=quantities().map(lambda q: (q,)),
    )


def documents() -> st.SearchStrategy[Document]:
    """A consistent document of one to three sections with distinct areas."""

    @st.composite
    def build(draw: st.DrawFn) -> Document:
        count = draw(st.integers(1, 3))
        body = [
            draw(sections()).model_copy(update={"id": f"s{i}", "area": Area(district=f"huyện {i}")})
            for i in range(count)
        ]
        return Document(
            id="doc",
            title="Báo cáo kết quả",
            kind="report",
            province="Kon Tum",
            issued_on=date(2024, 6, 1),
            sections=tuple(body),
        )

    return build()
