"""A regulation version written as the changes to another: ``based_on`` and what differs.

One format serves the amended versions' folders (1048+781, 148+1489) and drafts
(:mod:`ocop.drafts`):

- the values of ``regulation.json`` are **merged** into the base's: an object
  merges field by field, any other value (text, number, ``null``, a list)
  replaces the base's, except the lists keyed below (``bands.rows`` by
  ``star``), whose rows merge into the base's row of the same key, so that
  moving one band edge is one row of two fields;
- the sheets are the base's, changed by a :class:`~ocop._regulation_files.SheetChanges`:
  sheets replaced, added or removed by number, then criteria changed.  An
  erratum of the base is kept only for the sheets kept as they were: it
  corrects the base's printed text, which a replaced sheet no longer has.

The merged values are validated by the same models and checks as a complete
folder (docs/decisions/drafts.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ocop import _regulation_files as files
from ocop.errors import InconsistentData
from ocop.text import show

__all__ = ["KEYED_LISTS", "merge", "patch_sheets"]

#: Lists whose rows merge into the base's row with the same key, by their path.
KEYED_LISTS: Mapping[tuple[str, ...], str] = {("bands", "rows"): "star"}


def merge(base: object, patch: object, where: str, path: tuple[str, ...] = ()) -> object:
    """``patch`` merged into ``base`` (both as read from JSON); neither is changed."""
    key = KEYED_LISTS.get(path)
    if key is not None and isinstance(base, list) and isinstance(patch, list):
        return _merge_rows(base, patch, key, where, path)
    if not (isinstance(base, dict) and isinstance(patch, dict)):
        return patch
    merged = dict(base)
    for name, value in patch.items():
        merged[name] = merge(base[name], value, where, (*path, name)) if name in base else value
    return merged


def _merge_rows(
    base: list[Any], patch: list[Any], key: str, where: str, path: tuple[str, ...]
) -> list[Any]:
    field = ".".join(path)
    rows = list(base)
    for i, row in enumerate(patch):
        if not isinstance(row, dict) or key not in row:
            raise InconsistentData(
                f"{where}: {field}.{i}: each row changes the base's row named by {key!r}",
                file=where,
                field=f"{field}.{i}",
            )
        found = [j for j, old in enumerate(rows) if isinstance(old, dict) and old[key] == row[key]]
        if not found:
            raise InconsistentData(
                f"{where}: {field}.{i}: the base has no row with {key} {show(row[key])}",
                file=where,
                field=f"{field}.{i}.{key}",
            )
        rows[found[0]] = merge(rows[found[0]], row, where, (*path, str(i)))
    return rows


def patch_sheets(
    base: files.SheetsFile,
    changes: files.SheetChanges,
    *,
    regulation: str,
    source: Mapping[str, str | None],
    where: str,
) -> files.SheetsFile:
    """The base's sheets with ``changes`` applied, named for ``regulation``; ``source``'s
    notes are added to the base's (a note set to ``None`` is dropped)."""

    def fail(field: str, message: str) -> InconsistentData:
        return InconsistentData(f"{where}: {field}: {message}", file=where, field=field)

    sheets = {s.number: s for s in base.sheets}
    changed: set[int] = set()
    for i, sheet in enumerate(changes.replace):
        if sheet.number not in sheets:
            raise fail(f"replace.{i}.number", f"the base has no sheet #{sheet.number} to replace")
        sheets[sheet.number] = sheet
        changed.add(sheet.number)
    for i, sheet in enumerate(changes.add):
        if sheet.number in sheets:
            raise fail(f"add.{i}.number", f"the base already has sheet #{sheet.number}")
        sheets[sheet.number] = sheet
    for i, number in enumerate(changes.remove):
        if sheets.pop(number, None) is None:
            raise fail(f"remove.{i}", f"the base has no sheet #{number} to remove")
        changed.add(number)
    for i, change in enumerate(changes.criteria):
        numbers = change.sheets or tuple(n for n, s in sheets.items() if _has(s, change.criterion))
        if not numbers:
            raise fail(f"criteria.{i}.criterion", f"no sheet has criterion {change.criterion!r}")
        for number in numbers:
            if number not in sheets:
                raise fail(f"criteria.{i}.sheets", f"there is no sheet #{number}")
            sheets[number] = _change(sheets[number], change, f"criteria.{i}", fail)
    kept = [
        e.model_copy(update={"sheets": tuple(n for n in e.sheets if n not in changed)})
        for e in base.errata
        if any(n not in changed for n in e.sheets)
    ]
    return files.SheetsFile.model_validate(
        {
            "source": {k: v for k, v in {**base.source, **source}.items() if v is not None},
            "regulation": regulation,
            "sheets": tuple(sheets[n] for n in sorted(sheets)),
            "errata": (*kept, *changes.errata),
        },
        strict=False,
    )


def _has(sheet: files.SheetModel, code: str) -> bool:
    return any(n.code == code for p in sheet.parts for n in p.nodes)


def _change(
    sheet: files.SheetModel, change: files.CriterionChange, field: str, fail: Any
) -> files.SheetModel:
    if not _has(sheet, change.criterion):
        raise fail(field, f"sheet #{sheet.number} has no criterion {change.criterion!r}")
    parts = []
    for part in sheet.parts:
        nodes = []
        for node in part.nodes:
            if node.code == change.criterion:
                node = _change_node(node, change, sheet.number, lambda m: fail(field, m))
            nodes.append(node)
        parts.append(part.model_copy(update={"nodes": tuple(nodes)}))
    return sheet.model_copy(update={"parts": tuple(parts)})


def _change_node(
    node: files.NodeModel, change: files.CriterionChange, number: int, fail: Any
) -> files.NodeModel:
    options: Sequence[files.OptionModel] = change.options or node.options
    if change.marks:
        options = list(options)
        for mark in change.marks:
            if mark.option >= len(options):
                raise fail(
                    f"sheet #{number} criterion {node.code} has no option {mark.option} "
                    f"(options are numbered 0–{len(options) - 1})"
                )
            options[mark.option] = options[mark.option].model_copy(
                update={"min_star": mark.min_star}
            )
    max_points: object = node.max_points
    if change.max_points is not None:
        max_points = change.max_points
    elif change.options is not None:
        max_points = max((o.points or 0) for o in change.options)
    return node.model_copy(update={"options": tuple(options), "max_points": max_points})
