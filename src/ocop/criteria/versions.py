"""Which scoresheets apply under each regulation, and picking one for a date.

Only the 26/2026/QĐ-TTg sheets (Phụ lục II) could be sourced in full.  For
the earlier regimes the library holds what the sources establish (part
maxima) and refuses to score, with :class:`~ocop.errors.NotEncoded` naming
what is missing, rather than substituting another version's sheets.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from types import MappingProxyType

from ocop.criteria._loader import load_sheets
from ocop.criteria.model import Scoresheet
from ocop.errors import InvalidInput, NotEncoded, NotFound
from ocop.law import Regime
from ocop.regulations import Regulation, SheetVersion, StarBand, regulations
from ocop.regulations import regulation as _registered
from ocop.taxonomy import looks_like_code, taxonomy
from ocop.text import lookup, show

__all__ = [
    "SheetVersion",
    "StarBand",
    "scoresheet",
    "scoresheets",
    "sheet_version",
    "sheet_versions",
]

#: A regulation as callers name it: a Regime, any spelling Regime.parse reads, or a
#: Regulation value (an encoded version, or one read with ocop.regulations.load).
RegulationLike = Regime | str | Regulation


def sheet_versions() -> tuple[SheetVersion, ...]:
    """Every encoded regulation's scoresheet version, oldest first."""
    return tuple(r.sheets for r in regulations())


def sheet_version(regulation: RegulationLike) -> SheetVersion:
    """What is known of a regulation's sheets, part maxima and bands (its data folder)."""
    return _regulation(regulation).sheets


def scoresheets(
    *, on: date | None = None, regulation: RegulationLike | None = None
) -> tuple[Scoresheet, ...]:
    """All scoresheets of the regulation in force ``on`` a date (or of a named regulation)."""
    return tuple(_encoded_sheets(_resolve(on, regulation)).values())


def scoresheet(
    product_set: int | str,
    *,
    on: date | None = None,
    regulation: RegulationLike | None = None,
) -> Scoresheet:
    """One product set's scoresheet, for a date or an explicit regulation.

    ``product_set`` is the Phụ lục II number (``7``), the library's code
    (``"I.3.c"``) or a name, matched without regard to case or diacritics
    (``"che bien tu rau"``); an ambiguous name raises
    :class:`~ocop.errors.AmbiguousInput` listing the candidates.  ``regulation``
    may be a :class:`~ocop.regulations.Regulation` read with
    :func:`ocop.regulations.load`.
    """
    regime = _resolve(on, regulation)
    sheets = _encoded_sheets(regime)
    if isinstance(product_set, bool) or not isinstance(product_set, int | str):
        raise InvalidInput(
            f"product_set must be a sheet number, a code such as 'I.3.c' or a name, "
            f"got {show(product_set)}",
            value=show(product_set),
        )
    if isinstance(product_set, int):
        count = regime.sheets.sheet_count
        if product_set not in sheets and regime.sheets.missing and 1 <= product_set <= (count or 0):
            raise _partial(regime, f"sheet #{product_set}")
        if product_set not in sheets:
            raise InvalidInput(
                f"no scoresheet number {show(product_set)}; numbers run 1–{max(sheets)}",
                value=show(product_set),
            )
        return sheets[product_set]
    if looks_like_code(product_set):  # codes match whole: "II.3" is inside "III.3"
        sheet = _codes(regime).get(product_set.strip().casefold())
        if sheet is None:
            known = {p.code.casefold() for p in taxonomy(regime.regime).product_sets()}
            if regime.sheets.missing is not None and product_set.strip().casefold() in known:
                raise _partial(regime, f"product set {product_set.strip()}")
            raise NotFound(f"no product set with code {show(product_set)}", value=product_set)
        return sheet
    return lookup(product_set, _names(regime), what="product set")


def _partial(regulation: Regulation, which: str) -> NotEncoded:
    """A sheet of a regulation whose sheets are only partly encoded (148: #1 of 26)."""
    held = ", ".join(f"#{n}" for n in load_sheets(regulation))
    return NotEncoded(
        f"{which} of {regulation.id} is not encoded (encoded: {held}): {regulation.sheets.missing}",
        regulation=regulation.id,
        missing=regulation.sheets.missing,
    )


@cache
def _codes(regulation: Regulation) -> Mapping[str, Scoresheet]:
    """Product set code, case-folded → sheet (read once: score() and classify() ask often)."""
    return MappingProxyType({s.product_set.casefold(): s for s in load_sheets(regulation).values()})


@cache
def _names(regulation: Regulation) -> Mapping[str, Scoresheet]:
    """Sheet headers and Phụ lục I names (which differ for some sets) → sheet.

    Codes are not names: code-shaped queries are matched whole in ``scoresheet``.
    """
    sheets = _encoded_sheets(regulation)
    by_code = {s.product_set: s for s in sheets.values()}
    names: dict[str, Scoresheet] = {s.name: s for s in sheets.values()}
    for product_set in taxonomy(regulation.regime).product_sets():
        if product_set.code in by_code:
            names.setdefault(product_set.name_vi, by_code[product_set.code])
    return MappingProxyType(names)


def _regulation(value: RegulationLike) -> Regulation:
    if isinstance(value, Regulation | Regime | str):
        return _registered(value)
    raise InvalidInput(
        f"regulation must be a Regime, its text or a Regulation, got {show(value)}",
        value=show(value),
    )


def _resolve(on: date | None, regulation: RegulationLike | None) -> Regulation:
    # The law of a past date is never silently today's: callers must say which.
    if on is not None and regulation is None:
        from ocop.regulations import regulation_on

        return regulation_on(on)
    if regulation is not None and on is None:
        return _regulation(regulation)
    raise InvalidInput("give exactly one of on=<date> or regulation=<Regime>")


def _encoded_sheets(regulation: Regulation) -> Mapping[int, Scoresheet]:
    if not regulation.sheets.encoded:
        missing = regulation.sheets.missing
        raise NotEncoded(
            f"scoresheets under {regulation.id} are not encoded: {missing}",
            regulation=regulation.id,
            missing=missing,
        )
    return load_sheets(regulation)
