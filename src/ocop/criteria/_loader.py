"""Load a regulation's scoresheet file, apply its errata, and validate it.

The file holds what the decision prints; its ``errata`` list says where the
library scores with something else and why.  The file is read through its
pydantic model (:mod:`ocop._regulation_files`), so a missing or mistyped field
is :class:`~ocop.errors.InconsistentData` naming the file and field; the
validation here runs on load, so a sheet whose parts, groups or options do not
add up can never be used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType
from typing import Any

from ocop import _regulation_files as files
from ocop._convert import from_model
from ocop.criteria.model import PART_CODES, Erratum, Node, Option, Part, Scoresheet
from ocop.errors import InconsistentData
from ocop.law import Citation
from ocop.regulations import Regulation
from ocop.text import show

__all__ = ["load_sheets"]


@cache
def load_sheets(regulation: Regulation) -> Mapping[int, Scoresheet]:
    """All sheets of an encoded regulation, by number (loaded once per regulation value).

    Every sheet must match the regulation's cited part maxima.
    """
    if regulation.read_sheets is None:
        raise InconsistentData(f"{regulation.id}: no sheets file is named")
    raw = regulation.read_sheets()
    if raw.regulation != regulation.id:
        raise InconsistentData(
            f"{regulation.id}: its sheets are named for regulation {raw.regulation!r}",
            field="regulation",
        )
    errata = tuple(_erratum(regulation, e) for e in raw.errata)
    sheets = {}
    for sheet_raw in raw.sheets:
        sheet = _build_sheet(regulation, sheet_raw, errata)
        _validate(sheet, regulation)
        if sheet.number in sheets:
            raise InconsistentData(f"sheet #{sheet.number} is listed twice", sheet=sheet.number)
        sheets[sheet.number] = sheet
    _check_errata_targets(errata, sheets)
    _check_knockout_targets(regulation, sheets)
    return MappingProxyType(dict(sorted(sheets.items())))


def _erratum(regulation: Regulation, e: files.ErratumModel) -> Erratum:
    return from_model(Erratum, e, regulation=regulation.regime)


def _parent(code: str, codes: Sequence[str]) -> str | None:
    # The longest printed code that is a proper dotted prefix ("6.1" for "6.1.1").
    prefixes = [c for c in codes if code.startswith(c + ".")]
    return max(prefixes, key=len) if prefixes else None


def _part_of_group(group_code: str) -> str:
    # Groups 1–3 are Part A, 4–5 Part B, 6 onwards Part C on every sheet.
    number = int(group_code)
    return "A" if number <= 3 else "B" if number <= 5 else "C"


def _build_sheet(
    regulation: Regulation, raw: files.SheetModel, all_errata: Sequence[Erratum]
) -> Scoresheet:
    number = raw.number
    errata = tuple(e for e in all_errata if number in e.sheets)
    nodes_raw = [(p.part, n) for p in raw.parts for n in p.nodes]
    codes = [n.code for _, n in nodes_raw]
    if len(set(codes)) != len(codes):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        raise InconsistentData(f"sheet #{number}: duplicated codes {dupes}", sheet=number)
    children: dict[str, list[str]] = {c: [] for c in codes}
    parents = {c: _parent(c, codes) for c in codes}
    for code, parent in parents.items():
        if parent is not None:
            children[parent].append(code)

    appendix = regulation.sheets.appendix
    nodes: dict[str, Node] = {}
    for part, n in nodes_raw:
        code = n.code
        node_errata = [e for e in errata if e.criterion == code]
        max_points: object = n.max_points
        options_raw: list[Mapping[str, Any]] = [o.model_dump() for o in n.options]
        for e in node_errata:
            if e.field == "max_points":
                max_points = e.applied
            elif e.field == "options":
                if options_raw:
                    raise InconsistentData(
                        f"erratum {e.id} supplies options for {code} on sheet #{number}, "
                        "which already prints options",
                        erratum=e.id,
                    )
                options_raw = _applied_options(e)
        if not _is_points(max_points):
            raise InconsistentData(
                f"sheet #{number}: {code} prints maximum {show(max_points)} and no erratum "
                "gives the points",
                sheet=number,
            )
        options = tuple(
            _option(i, o, [e for e in node_errata if e.option == i], synthesized=not n.options)
            for i, o in enumerate(options_raw)
        )
        nodes[code] = from_model(
            Node,
            n,
            part=part,
            max_points=max_points,  # _is_points checked it
            parent=parents[code],
            children=tuple(children[code]),
            options=options,
            citation=Citation(
                regulation.id, phu_luc=appendix, detail=f"Bộ sản phẩm số {number}, mục {code}"
            ),
            zero_points_on=regulation.zero_point_knockouts.get((number, code), ()),
        )
    parts = tuple(
        from_model(Part, p, groups=tuple(n.code for n in p.nodes if parents[n.code] is None))
        for p in raw.parts
    )
    return from_model(
        Scoresheet,
        raw,
        regulation=regulation.regime,
        parts=parts,
        nodes=MappingProxyType(nodes),
        leaves=tuple(c for c in codes if not children[c]),
        errata=errata,
        citation=Citation(regulation.id, phu_luc=appendix, detail=f"Bộ sản phẩm số {number}"),
    )


def _is_points(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _applied_options(e: Erratum) -> list[Mapping[str, Any]]:
    # An erratum supplying a blank criterion's options must give them in the file's shape
    # (a list in the file, frozen into a tuple on the Erratum).
    if not isinstance(e.applied, list | tuple):
        raise InconsistentData(f"erratum {e.id}: applied options must be a list", erratum=e.id)
    try:
        return [files.OptionModel.model_validate(o, strict=False).model_dump() for o in e.applied]
    except ValueError as err:
        raise InconsistentData(f"erratum {e.id}: applied options: {err}", erratum=e.id) from None


def _option(
    index: int, raw: Mapping[str, Any], errata: Sequence[Erratum], *, synthesized: bool
) -> Option:
    printed = None if synthesized else raw["points"]
    points = raw["points"]
    for e in errata:
        if e.field == "points":
            if e.printed != printed:
                raise InconsistentData(
                    f"erratum {e.id} says option {index} prints {show(e.printed)}, "
                    f"the data holds {show(printed)}",
                    erratum=e.id,
                )
            points = e.applied
    return Option(
        index=index,
        text=raw["text"],
        points=points,
        printed_points=printed,
        min_star=raw["min_star"],
        case=raw["case"],
        errata=tuple(e.id for e in errata),
    )


def _validate(sheet: Scoresheet, regulation: Regulation) -> None:
    part_maxima = regulation.sheets.part_maxima
    where = f"sheet #{sheet.number} ({sheet.name})"

    def fail(message: str, **context: Any) -> None:
        raise InconsistentData(f"{where}: {message}", sheet=sheet.number, **context)

    if tuple(p.part for p in sheet.parts) != PART_CODES:
        fail(f"parts are {[p.part for p in sheet.parts]}, expected A, B, C")
    for part in sheet.parts:
        if part.max_points != part_maxima[part.part]:
            expected = part_maxima[part.part]
            fail(f"Part {part.part} is worth {part.max_points}, the regulation says {expected}")
        group_sum = sum(sheet.nodes[g].max_points for g in part.groups)
        # A part whose criteria fall short of its printed maximum in every source is an
        # erratum "part_X" (printed = the maximum, applied = what the criteria reach).
        short = [e.applied for e in sheet.errata if e.field == f"part_{part.part}"]
        reaches = short[0] if short else part.max_points
        if group_sum != reaches:
            fail(f"groups of Part {part.part} sum to {group_sum}, not {reaches}")
    expected_total = sum(part_maxima.values())
    if sheet.total != sum(p.max_points for p in sheet.parts) or sheet.total != expected_total:
        fail(f"total {sheet.total} is not the sum of the parts ({expected_total})")
    for node in sheet.nodes.values():
        group = sheet.group_of(node.code)
        if _part_of_group(group) != node.part:
            fail(f"{node.code} is listed in Part {node.part} but group {group} belongs elsewhere")
        if node.children:
            child_sum = sum(sheet.nodes[c].max_points for c in node.children)
            if child_sum != node.max_points:
                fail(f"children of {node.code} sum to {child_sum}, not {node.max_points}")
            if node.options:
                fail(f"{node.code} has both sub-criteria and options")
            continue
        if not node.options:
            fail(f"criterion {node.code} has no options (an erratum must supply them)")
        for option in node.options:
            if not isinstance(option.points, int) or isinstance(option.points, bool):
                fail(
                    f"{node.code} option {option.index} has no points (blank cell without erratum)"
                )
            if not 0 <= option.points <= node.max_points:
                fail(
                    f"{node.code} option {option.index} scores {option.points} > {node.max_points}"
                )
            if option.min_star is not None and option.min_star not in regulation.marked_stars:
                fail(f"{node.code} option {option.index} has star mark {option.min_star}")
        best = max(o.points for o in node.options)
        if best != node.max_points:
            fail(
                f"best option of {node.code} scores {best}, criterion maximum is {node.max_points}"
            )


def _check_errata_targets(errata: Sequence[Erratum], sheets: Mapping[int, Scoresheet]) -> None:
    for e in errata:
        for number in e.sheets:
            sheet = sheets.get(number)
            if sheet is None or (e.criterion is not None and e.criterion not in sheet.nodes):
                raise InconsistentData(
                    f"erratum {e.id} targets sheet #{number} criterion {show(e.criterion)}, "
                    "which does not exist",
                    erratum=e.id,
                )


def _check_knockout_targets(regulation: Regulation, sheets: Mapping[int, Scoresheet]) -> None:
    for (number, code), zeros in regulation.zero_point_knockouts.items():
        sheet = sheets.get(number)
        if sheet is None or any(c not in sheet.nodes for c in (code, *zeros)):
            raise InconsistentData(
                f"{regulation.id}: zero-point knock-out on sheet #{number} criterion {code} "
                f"names a sheet or criterion that does not exist",
                sheet=number,
            )
