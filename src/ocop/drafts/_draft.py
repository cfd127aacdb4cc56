"""Load a draft regulation and check it as the encoded law is checked."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import attrs

from ocop import regulations
from ocop._regulation_patch import KEYED_LISTS
from ocop.audit import audit, bands
from ocop.criteria import scoresheets
from ocop.drafts import _reading
from ocop.errors import InconsistentData, InvalidInput, OcopError
from ocop.findings import Finding, Proven, Severity, finding
from ocop.law import Regime
from ocop.regulations import Regulation

__all__ = ["REFUSING", "Draft", "DraftRefused", "load_draft"]

#: Finding codes that refuse a draft besides every error: a proposal leaving totals in
#: no band is refused, though the audit only warns of 1048's printed gaps (decisions/drafts.md).
REFUSING = frozenset({"band_gap"})


class DraftRefused(InconsistentData):
    """A draft was read but breaks a rule every version must keep; ``context["findings"]``
    lists them (code, where, message)."""

    code: ClassVar[str] = "draft_refused"


@attrs.frozen(slots=True, kw_only=True)
class Draft:
    """A draft regulation as loaded: the :class:`~ocop.regulations.Regulation` to pass as
    ``regulation=``, what it was based on, and what the checks found and proved."""

    name: str
    source: str
    based_on: str | None
    regulation: Regulation = attrs.field(repr=False)
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]


def load_draft(source: str | Path) -> Draft:
    """Read a draft (a file path, or its JSON or YAML text) and check it.

    A draft is a whole regulation folder's ``regulation.json`` or a patch
    ``based_on`` an encoded version (docs/drafts.md).  It is checked as the
    encoded law is (the sheets add up, the bands cover 0–100 once, the star marks
    are reachable and fit the bands: :mod:`ocop.audit`); an error, or a band gap,
    raises :class:`DraftRefused` naming each finding.  Malformed text is
    :class:`~ocop.errors.InvalidInput` or :class:`~ocop.errors.InconsistentData`
    naming the file, the line (YAML) and the field.  The encoded law never changes.
    """
    folder = _reading.folder(source)
    if folder is not None:
        return _checked(regulations.load(folder), str(folder), {})
    text, where, parent, yaml = _reading.read(source)
    data, lines = _reading.parse(text, where, yaml)
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: a draft is an object of fields", file=where)
    resolved: object = None
    try:
        resolved, read_sheets = regulations.resolve(data, where, parent)
        regulation = regulations.build(resolved, read_sheets, where, folder=parent, encoded=False)
        if regulation.read_sheets is not None:
            regulation.read_sheets()  # its changes apply (or are refused) now, not on first use
    except OcopError as err:
        raise _located(err, where, lines, _written(err, resolved, data)) from None
    if regulation.id in {r.value for r in Regime}:
        raise InvalidInput(
            f"{where}: id: a draft needs its own name, not {regulation.id!r} (the encoded law)",
            file=where,
            field="id",
            line=lines.get("id"),
        )
    return _checked(regulation, where, lines)


def _checked(regulation: Regulation, where: str, lines: Mapping[str, int]) -> Draft:
    findings: list[Finding] = []
    proven: list[Proven] = []
    try:
        if regulation.sheets.encoded:
            scoresheets(regulation=regulation)
    except InconsistentData as err:  # the sheets do not add up: only the bands can be audited
        findings.append(_inconsistent(regulation, err))
        found, held = bands.check(regulation)
        findings += found
        proven += held
    else:
        report = audit(regulation)
        findings += report.findings
        proven += report.proven
    refusing = [f for f in findings if f.severity is Severity.ERROR or f.code in REFUSING]
    if refusing:
        shown = "; ".join(f"{f.code} at {f.location}: {f.message_en}" for f in refusing)
        raise DraftRefused(
            f"{where}: the draft {regulation.id!r} is refused: {shown}",
            file=where,
            findings=[
                {"code": f.code, "location": f.location, "message": f.message_en} for f in refusing
            ],
        )
    return Draft(
        name=regulation.id,
        source=where,
        based_on=regulation.based_on,
        regulation=regulation,
        findings=tuple(findings),
        proven=tuple(proven),
    )


def _inconsistent(regulation: Regulation, err: InconsistentData) -> Finding:
    where = f"{regulation.id}" + (
        f", bộ số {err.context['sheet']}" if "sheet" in err.context else ""
    )
    return finding(
        "draft_sheets_inconsistent",
        where,
        "sheets whose parts, groups and options add up",
        err.message,
        citations=(regulation.sheets.citation,),
        problem=err.message,
    )


def _written(err: OcopError, resolved: object, data: Mapping[str, object]) -> str | None:
    """The field of ``err`` as the draft wrote it: a merged band row's index is its index
    among the rows the draft gave (``bands.rows.1`` of the merged bands is the draft's
    ``bands.rows.0`` when the draft changed only the 4★ row)."""
    field = err.context.get("field")
    if not isinstance(field, str):
        return None
    for path, key in KEYED_LISTS.items():
        head = ".".join(path) + "."
        index, _, rest = field.removeprefix(head).partition(".")
        if not field.startswith(head) or not index.isdigit():
            continue
        merged, written = _at(resolved, path), _at(data, path)
        if not (isinstance(merged, list) and isinstance(written, list)):
            continue
        row = merged[int(index)] if int(index) < len(merged) else None
        for i, given in enumerate(written):
            if isinstance(row, dict) and isinstance(given, dict) and given.get(key) == row[key]:
                return f"{head}{i}" + (f".{rest}" if rest else "")
    return field


def _at(data: object, path: tuple[str, ...]) -> object:
    for name in path:
        data = data.get(name) if isinstance(data, dict) else None
    return data


def _located(err: OcopError, where: str, lines: Mapping[str, int], field: str | None) -> OcopError:
    """``err`` with the line of its field (as written), where the YAML gives it."""
    if field is None or not lines:
        return err
    for prefix in ("", "sheet_changes."):
        parts = f"{prefix}{field}".split(".")
        while parts:  # the line of the field, or of the nearest field above it
            line = lines.get(".".join(parts))
            if line is not None:
                message = err.message.removeprefix(where).lstrip(": ")
                merged = err.context.get("field")
                if isinstance(merged, str) and merged != field:
                    message = message.replace(merged, field, 1)
                context = {**err.context, "line": line, "field": field}
                return type(err)(f"{where}:{line}: {message}", **context)
            parts.pop()
    return err
