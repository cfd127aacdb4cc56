"""Per-star minimum criteria and knock-outs of a scoresheet, as rule tables.

26/2026/QĐ-TTg Phụ lục II marks options with ``***``, ``****`` or ``*****``:
"Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao (*** - 3 sao;
**** - 4 sao; ***** - 5 sao)".  A product ranked at a star must reach, on each
marked criterion, at least the points of the option marked for that star.

**Cumulative reading** (docs/decisions/stars.md): a 4★ product must also meet
the ``***`` marks, and a 5★ product the ``***`` and ``****`` marks.  The
decision text does not say so in words, but the marks are minimums "theo các
cấp độ sao" (by star level) and each star's description says a product "có thể
nâng cấp" to the next, so a higher rank cannot demand less; 781/QĐ-TTg, which
introduced per-star minimums for the 1048 sheets, said so explicitly ("Hạng 4
sao: Đáp ứng các yêu cầu của hạng 3 sao …", as reported by yenbai.gov.vn).  So
the requirement of star *s* on a criterion is its highest-marked option with a
mark of at most *s*.

Knock-outs are facts a council finds (a forged dossier, foreign matter in a
sample), not option choices, so callers declare them by id: ``"dossier"`` for
the sheet's "Hồ sơ bị loại khi …" line, or the code of the criterion whose
note knocks the product out.  One knock-out is arithmetic and applied from the
scores: sheet #16's note under 6.4 ("Nếu được 0 điểm tại một trong các chỉ
tiêu trên, sẽ không đánh giá các bước tiếp theo").
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from ocop.criteria.model import Node, Option, Scoresheet
from ocop.errors import InconsistentData, InvalidInput
from ocop.law import Citation
from ocop.regulations import regulation
from ocop.text import show

__all__ = [
    "DOSSIER",
    "MARKED_STARS",
    "KnockoutRule",
    "Requirement",
    "knockout_rules",
    "requirements",
]

if TYPE_CHECKING:
    #: The stars the default regulation's sheets mark minimums for: "*** - 3 sao;
    #: **** - 4 sao; ***** - 5 sao" (26/2026/QĐ-TTg Phụ lục II, the note under each
    #: sheet), read from its data folder on first use.
    MARKED_STARS: tuple[int, ...]

#: Knock-out id of the sheet's "Hồ sơ bị loại khi …" line.
DOSSIER = "dossier"


def __getattr__(name: str) -> tuple[int, ...]:
    # Read lazily: importing ocop.stars reads no data file.
    if name == "MARKED_STARS":
        from ocop.regulations import default_regulation

        return default_regulation().marked_stars
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen(slots=True)
class Requirement:
    """What star ``star`` requires on one criterion: at least ``option``'s points.

    ``marked_star`` is the mark printed on that option; it is below ``star``
    where a lower star's mark carries up (the cumulative reading).
    """

    star: int
    criterion: str
    title: str
    option: int
    option_text: str
    points: int
    marked_star: int
    citation: Citation


@attrs.frozen(slots=True)
class KnockoutRule:
    """A way a product is excluded: the printed text, and when it applies by itself.

    ``zero_points_on`` lists criteria on which 0 points triggers the knock-out
    from the scores alone; empty when only a council can find the fact.
    """

    id: str
    criterion: str | None
    text: str
    citation: Citation
    zero_points_on: tuple[str, ...] = ()


def requirements(sheet: Scoresheet) -> Mapping[int, tuple[Requirement, ...]]:
    """Star (3, 4, 5) → the sheet's minimum requirements for that star (cumulative)."""
    if not isinstance(sheet, Scoresheet):
        raise InvalidInput(f"requirements() takes a Scoresheet, got {show(sheet)}")
    return _requirements(sheet)


@cache  # classify() asks for them on every card: read the marks once per sheet
def _requirements(sheet: Scoresheet) -> Mapping[int, tuple[Requirement, ...]]:
    # The regime's marked stars, and any mark the sheet prints: a sheet read from a loaded
    # regulation may carry marks its regime's encoded version does not.
    # A mark binds every star from its own up to 5★ (the cumulative reading).
    printed = {o.min_star for n in sheet.criteria() for o in n.options if o.min_star}
    above = set(range(min(printed), 6)) if printed else set()
    stars = sorted(set(regulation(sheet.regulation).marked_stars) | above)
    by_star: dict[int, list[Requirement]] = {s: [] for s in stars}
    for node in sheet.criteria():
        marked = sorted((o for o in node.options if o.min_star), key=lambda o: o.min_star or 0)
        _check_marks(sheet, node, marked)
        for star in by_star:
            carried = [o for o in marked if (o.min_star or 0) <= star]
            if carried:
                # The highest mark reached; where it is printed twice (148 #1 1.5, 6.2, kept
                # as printed), the cheaper option is the minimum.
                top = [o for o in carried if o.min_star == carried[-1].min_star]
                by_star[star].append(_requirement(sheet, node, top[0], star))
    return MappingProxyType({s: tuple(r) for s, r in by_star.items()})


@cache
def knockout_rules(sheet: Scoresheet) -> Mapping[str, KnockoutRule]:
    """Knock-out id → rule, for the dossier line and every criterion with a knock-out note."""
    rules: dict[str, KnockoutRule] = {}
    if sheet.disqualified_when:
        rules[DOSSIER] = KnockoutRule(
            DOSSIER,
            None,
            sheet.disqualified_when,
            attrs.evolve(sheet.citation, detail=f"Bộ sản phẩm số {sheet.number}, hồ sơ bị loại"),
        )
    for node in sheet.nodes.values():
        if node.knockouts:
            rules[node.code] = KnockoutRule(
                node.code,
                node.code,
                " ".join(node.knockouts),
                node.citation,
                node.zero_points_on,
            )
    return MappingProxyType(rules)


def _requirement(sheet: Scoresheet, node: Node, option: Option, star: int) -> Requirement:
    return Requirement(
        star=star,
        criterion=node.code,
        title=node.title,
        option=option.index,
        option_text=option.text,
        points=option.points,
        marked_star=option.min_star or star,
        citation=node.citation,
    )


def _check_marks(sheet: Scoresheet, node: Node, marked: list[Option]) -> None:
    """A higher star's mark must sit on an option worth at least as much, in no tourism case."""
    where = f"sheet #{sheet.number}, criterion {node.code}"
    stars = [o.min_star for o in marked]
    # A mark printed twice is refused unless an erratum records it (148 #1 1.5, 3.6, 6.2).
    recorded = any(e.criterion == node.code and e.field == "min_star" for e in sheet.errata)
    if len(set(stars)) != len(stars) and not recorded:
        raise InconsistentData(f"{where}: two options carry the same star mark")
    if any(a.points > b.points for a, b in itertools.pairwise(marked)):
        raise InconsistentData(f"{where}: a higher star mark is worth fewer points")
    if any(o.case is not None for o in marked):
        raise InconsistentData(f"{where}: a star mark on a tourism-case option is not handled")
