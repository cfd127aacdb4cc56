"""A scoresheet compiled once into flat tables, for scoring one card fast.

Every piece of a card's breakdown is an immutable value that depends on the
sheet alone: a criterion's line (:class:`CriterionScore`) on the option
ticked, a group's or a part's line on its points.  Compiling a sheet builds
each possible line once (a few hundred small objects per sheet); scoring a
card then checks its choices against a dict per criterion and picks lines,
instead of walking the sheet's tree and building ~50 objects per card.  The
lines are shared between results, which is safe because they are frozen.

The tables are built on a sheet's first use in a process (the cost
``benchmarks/run_all.py`` prints as "first call") and kept for the sheet's
life; a sheet of a regulation read with :func:`ocop.regulations.load` is
compiled the same way and kept with it (at most ``_KEPT`` sheets).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from ocop.criteria.model import PART_CODES, Scoresheet

if TYPE_CHECKING:
    from ocop.criteria.scoring import CriterionScore, GroupScore, PartScore

#: Compiled sheets kept, keyed by ``id`` of the sheet (held too, so its id is not reused).
_KEPT: Final = 256
_TABLES: dict[int, tuple[Scoresheet, CompiledSheet]] = {}


@attrs.frozen(slots=True)
class CompiledSheet:
    """A sheet's breakdown lines, every one built once.

    ``leaves``: per leaf criterion in printed order, its code, its group's slot and
    option index (``None`` for nothing ticked) → its line.  ``groups``: per group
    slot, points → the group's line; ``part_of``: per group slot, the part it adds
    to; ``parts``: per part, points → the part's line.  A leaf whose group no part
    lists has the slot ``len(groups)``, which adds to the part ``len(parts)``:
    nothing (as in the general reading of the sheet).
    """

    sheet: Scoresheet
    leaves: tuple[tuple[str, int, Mapping[int | None, CriterionScore]], ...]
    groups: tuple[Mapping[int, GroupScore], ...]
    part_of: tuple[int, ...]
    parts: tuple[Mapping[int, PartScore], ...]


def compiled(sheet: Scoresheet) -> CompiledSheet:
    """The sheet's tables, built on first use."""
    held = _TABLES.get(id(sheet))
    if held is not None and held[0] is sheet:
        return held[1]
    table = _compile(sheet)
    if len(_TABLES) >= _KEPT:
        _TABLES.clear()  # loaded drafts come and go; a sheet recompiles in about a millisecond
    _TABLES[id(sheet)] = (sheet, table)
    return table


def _compile(sheet: Scoresheet) -> CompiledSheet:
    # Here, not at the top: scoring imports this module for score().
    from ocop.criteria.scoring import CriterionScore, GroupScore, PartScore

    group_codes = [g for part in sheet.parts for g in part.groups]
    slot = {g: i for i, g in enumerate(group_codes)}
    leaves = []
    # The fewest and most points each group can add up to (an erratum may make them odd).
    low = [0] * (len(group_codes) + 1)
    high = [0] * (len(group_codes) + 1)
    for node in sheet.criteria():
        group = sheet.group_of(node.code)
        own = _node_errata(sheet, node.code)
        lines: dict[int | None, CriterionScore] = {}
        for index in (None, *range(len(node.options))):
            option = None if index is None else node.options[index]
            lines[index] = CriterionScore(
                code=node.code,
                title=node.title,
                part=node.part,
                group=group,
                option=index,
                option_text=None if option is None else option.text,
                points=0 if option is None else option.points,
                max_points=node.max_points,
                citation=node.citation,
                errata=(option.errata if option else ()) + own,
            )
        at = slot.get(group, len(group_codes))
        low[at] += min(line.points for line in lines.values())
        high[at] += max(line.points for line in lines.values())
        leaves.append((node.code, at, MappingProxyType(lines)))
    groups = tuple(
        MappingProxyType(
            {
                p: GroupScore(
                    code=g,
                    title=sheet.nodes[g].title,
                    part=part.part,
                    points=p,
                    max_points=sheet.nodes[g].max_points,
                )
                for p in range(low[slot[g]], high[slot[g]] + 1)
            }
        )
        for part in sheet.parts
        for g in part.groups
    )
    parts = []
    part_of = [len(sheet.parts)] * (len(group_codes) + 1)
    for at, (code, part) in enumerate(zip(PART_CODES, sheet.parts, strict=True)):
        slots = [slot[g] for g in part.groups]
        for s in slots:
            part_of[s] = at
        span = range(sum(low[s] for s in slots), sum(high[s] for s in slots) + 1)
        parts.append(MappingProxyType({p: PartScore(code, p, part.max_points) for p in span}))
    return CompiledSheet(sheet, tuple(leaves), groups, tuple(part_of), tuple(parts))


def _node_errata(sheet: Scoresheet, code: str) -> tuple[str, ...]:
    return tuple(e.id for e in sheet.errata if e.criterion == code and e.option is None)
