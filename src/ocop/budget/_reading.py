"""Reading the figures of one budget table under one stated number convention.

Plans mix notations: Kon Tum's 2021–2025 plan writes ``134.750`` in its prose
and ``134,750`` and ``24250`` in its appendix.  A table is read with the
locale its caller states.  ``"detect"`` looks for a figure that only one
notation can read (``1.234.567``, ``400,7``, ``1.5``) and refuses when a
column's figures could all be read both ways with different results: never a
guess.  A column is the figures of one funding source (or of the total
column); all decided columns must agree.

>>> from ocop.money import Unit
>>> read_figures([("NSTW", "24,250"), ("NSTW", "3.900")], unit=Unit.TRIEU, locale="vi")
(24250000, 3900000000)
>>> read_figures([("NSTW", "1,000"), ("NSTW", "24,250")], unit=Unit.TRIEU, locale="detect")
Traceback (most recent call last):
...
ocop.errors.AmbiguousInput: column NSTW: '1,000' can be read as vi 1 triệu đồng or en 1.000 \
triệu đồng, and no figure in the column decides; state the table's locale ('vi' or 'en')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocop.errors import AmbiguousInput, InconsistentData, InvalidInput, OcopError
from ocop.money import Locale, Unit, format_amount, parse_amount, to_dong
from ocop.text import show

__all__ = ["read_figures"]

#: An amount as printed (text, read in the table's notation) or a JSON integer in its unit;
#: not a :class:`ocop.figures.Figure` (a figure with its hedge, "khoảng 250").
PrintedAmount = str | int


def read_figures(
    figures: Sequence[tuple[str, PrintedAmount]], *, unit: Unit | str, locale: Locale | str
) -> tuple[int, ...]:
    """The amounts in đồng of ``(column, figure)`` pairs, read in ``locale``, or in the
    notation the columns decide with ``Locale.DETECT`` (refusing when unsure)."""
    if isinstance(figures, str | bytes) or not isinstance(figures, Sequence):
        raise InvalidInput(f"figures are a list of (column, figure) pairs, not {show(figures)}")
    for pair in figures:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise InvalidInput(f"a figure is a (column, figure) pair, not {show(pair)}")
    unit = Unit.parse(unit)
    convention = _convention(locale)
    chosen = _detect(figures, unit) if convention is Locale.DETECT else convention
    return tuple(_read(column, fig, unit, chosen) for column, fig in figures)


def _convention(locale: object) -> Locale:
    if isinstance(locale, str) and locale in {loc.value for loc in Locale}:
        return Locale(locale)
    raise InvalidInput(
        f"number convention {show(locale)} is not one of 'vi', 'en', 'detect'",
        value=show(locale),
    )


def _read(column: str, figure: PrintedAmount, unit: Unit, locale: Locale | None) -> int:
    try:
        if isinstance(figure, str):
            if re.match(r"\s*[-\u2212]\s*\d", figure):
                raise InvalidInput(
                    f"{show(figure)} is negative; funding amounts never are", value=show(figure)
                )
            return parse_amount(figure, unit, locale=locale)
        if isinstance(figure, bool) or not isinstance(figure, int):
            raise InvalidInput(
                f"a figure is text as printed or a whole number of {unit.label_vi}, "
                f"not {show(figure)}",
                value=show(figure),
            )
        if figure < 0:
            raise InvalidInput(
                f"{show(figure)} is negative; funding amounts are not", value=show(figure)
            )
        amount = to_dong(figure, unit)
    except OcopError as err:
        context = {**err.context, "column": column}
        raise type(err)(f"column {column}: {err.message}", **context) from None
    return amount


def _readings(figure: str, unit: Unit) -> dict[Locale, int]:
    out: dict[Locale, int] = {}
    for loc in Locale.written():
        try:
            out[loc] = parse_amount(figure, unit, locale=loc)
        except OcopError:
            continue
    return out


def _detect(figures: Sequence[tuple[str, PrintedAmount]], unit: Unit) -> Locale | None:
    """The one locale the figures allow, None when every figure reads the same both ways."""
    columns: dict[str, list[str]] = {}
    for column, fig in figures:
        if isinstance(fig, str):
            columns.setdefault(column, []).append(fig)
    decided: dict[Locale, str] = {}
    for column, texts in columns.items():
        allowed = set(Locale.written())
        ambiguous: tuple[str, dict[Locale, int]] | None = None
        for text in texts:
            readings = _readings(text, unit)
            if not readings:
                _read(column, text, unit, None)  # raises the parser's own error
            allowed &= set(readings)
            if len(set(readings.values())) > 1 and ambiguous is None:
                ambiguous = (text, readings)
        if not allowed:
            raise InconsistentData(
                f"column {column} mixes vi and en notation ({', '.join(map(show, texts))}); "
                "state the table's locale",
                column=column,
            )
        if len(allowed) == 1:
            decided[allowed.pop()] = column
        elif ambiguous is not None:
            text, readings = ambiguous
            shown = " or ".join(
                f"{loc.value} {format_amount(v, unit, locale='vi')}" for loc, v in readings.items()
            )
            raise AmbiguousInput(
                f"column {column}: {show(text)} can be read as {shown}, and no figure in the "
                "column decides; state the table's locale ('vi' or 'en')",
                column=column,
                value=text,
                readings=[readings[loc] for loc in Locale.written()],
            )
    if len(decided) > 1:
        raise InconsistentData(
            f"columns disagree on notation: {decided[Locale.VI]} reads as vi, "
            f"{decided[Locale.EN]} as en; state the table's locale",
            columns=list(decided.values()),
        )
    return next(iter(decided), None)
