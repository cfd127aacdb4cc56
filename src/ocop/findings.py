"""What a check reports: findings (something is wrong or worth a look) and proven totals.

Plan checks (:mod:`ocop.plans.checks`) and budget reconciliation report in the
same shape, so that ``ocop check`` and users' tools print one list.  A
:class:`Finding` says what was expected and what the document has, where, in
Vietnamese and English.  A :class:`Proven` says what was checked and held, so a
clean result shows what was proven rather than just the absence of complaints.
Both take their code from :mod:`ocop.codes`: a code not declared there, or a
severity the code is not declared at, is refused, and a finding's ``unit`` (what
its values count) comes from the declaration.

>>> from ocop.findings import Finding, Severity
>>> f = Finding("range_inverted", Severity.ERROR, "target t1", "low ≤ high", "30–20",
...             "Khoảng 30–20 bị đảo.", "The range 30–20 is inverted.")
>>> f.to_dict()["severity"], f.unit.value
('error', 'text')
>>> Finding("range_wrong", Severity.ERROR, "target t1", None, None, "…", "…")
Traceback (most recent call last):
...
ocop.errors.InvalidInput: 'range_wrong' is not a declared finding code (ocop.codes); ...
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import attrs

from ocop.arguments import choice, items, same_kind
from ocop.codes import CODES, Code, Filler, Kind, Localized, Severity
from ocop.display import Displayable
from ocop.errors import InvalidInput
from ocop.law import Citation
from ocop.serialize import Serialized
from ocop.text import show

__all__ = [
    "Finding",
    "Kind",
    "Localized",
    "Proven",
    "Severity",
    "Value",
    "at_or_above",
    "finding",
    "proven",
    "show_number",
]

#: What ``expected`` and ``actual`` hold: a number, or text for a range or a rule.
Value = int | Decimal | Fraction | str | None


def _declared(code: object, *, held: bool) -> None:
    found = CODES.get(code) if isinstance(code, str) else None
    if found is None or (held and not found.held) or (not held and not found.severities):
        what = "check that held" if held else "finding"
        raise InvalidInput(
            f"{show(code)} is not a declared {what} code (ocop.codes); declare it there first",
            code=show(code),
        )


def _texts(item: Finding | Proven, *names: str) -> None:
    """Each of ``names`` is a str (or None where the field allows it)."""
    for f in attrs.fields(type(item)):
        if f.name in names:
            value = getattr(item, f.name)
            if not isinstance(value, str) and not (value is None and f.default is None):
                raise InvalidInput(
                    f"{f.name} of a {type(item).__name__} is text, not {show(value)}",
                    field=f.name,
                    value=show(value),
                )


def _unit(item: Finding | Proven) -> Kind:
    found = CODES.get(item.code) if isinstance(item.code, str) else None  # refused just after
    return Kind.TEXT if found is None else found.kind


def at_or_above(findings: Iterable[Finding], severity: Severity) -> tuple[Finding, ...]:
    """The findings at ``severity`` or more serious (for ``--fail-on``)."""
    severity = choice(severity, Severity, "severity")
    given = items(findings, "findings", max_length=10**7)
    for f in given:
        same_kind(f, Finding, "findings")
    return tuple(f for f in given if f.severity.rank >= severity.rank)


def show_number(value: Value) -> Value:
    """A JSON-friendly form: ints stay ints; other numbers become exact decimal text."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return int(value)
        if max(value.numerator.bit_length(), value.denominator.bit_length()) > 4000:
            return show(value)  # too large to print as digits (over 4,300 of them)
        return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0")
    if isinstance(value, Decimal):
        # Only a Decimal of few digits becomes an int: int(Decimal("1E+999999999")) never ends.
        small = value.is_finite() and value.adjusted() <= 100
        return int(value) if small and value == value.to_integral_value() else str(value)
    return value


@attrs.frozen(slots=True)
class Finding(Displayable, Serialized):
    """One problem or observation, with its place in the document.

    ``code`` is stable (part of the API); ``location`` names the place (a
    target, a cell, a section of the document); ``expected`` is what the rule
    or the other figure requires and ``actual`` what the document has.
    ``citations`` name the rules the finding rests on (the law audit cites
    every finding; plan and budget findings quote their sentence instead).
    """

    code: str
    severity: Severity
    location: str
    expected: Value
    actual: Value
    message_vi: str
    message_en: str
    quote: str | None = None
    citations: tuple[Citation, ...] = ()

    _json_omit: ClassVar = ("quote", "citations")
    #: What the values count, from the code's declaration (the display shows đồng as amounts).
    unit: Kind = attrs.field(init=False, default=attrs.Factory(_unit, takes_self=True))

    def __attrs_post_init__(self) -> None:
        _declared(self.code, held=False)
        _texts(self, "location", "message_vi", "message_en", "quote")
        if not isinstance(self.severity, Severity):
            raise InvalidInput(
                f"severity is a Severity, not {show(self.severity)}", value=show(self.severity)
            )
        if self.severity not in CODES[self.code].severities:
            raise InvalidInput(
                f"{self.code!r} is declared at {', '.join(CODES[self.code].severities)}, "
                f"not {self.severity}",
                code=self.code,
            )


@attrs.frozen(slots=True)
class Proven(Serialized):
    """A check that held at ``location``: the figure ``value`` and how it was proven.

    ``message_vi`` is given where the proof shows amounts, written the Vietnamese way.
    """

    code: str
    location: str
    value: Value
    message_en: str
    message_vi: str | None = None

    _json_omit: ClassVar = ("message_vi",)
    #: What the value counts, from the code's declaration.
    unit: Kind = attrs.field(init=False, default=attrs.Factory(_unit, takes_self=True))

    def __attrs_post_init__(self) -> None:
        _declared(self.code, held=True)
        _texts(self, "location", "message_en", "message_vi")


def finding(
    code: str,
    location: str,
    expected: Value,
    actual: Value,
    /,
    *,
    severity: Severity | None = None,
    quote: str | None = None,
    citations: Iterable[Citation] = (),
    **values: Filler,
) -> Finding:
    """A :class:`Finding` whose messages are the code's declared templates filled from ``values``.

    ``severity`` defaults to the code's usual one; ``citations`` are kept once each,
    in the order given.

    >>> from ocop.findings import finding
    >>> f = finding("period_mismatch", "table 1 › heading", "2021–2025", "2021–2024",
    ...             where="Heading", stated="2021–2025", years="2021–2024")
    >>> f.message_en
    'Heading says 2021–2025 but the table gives the years 2021–2024'
    >>> finding("period_mismatch", "t", None, None, where="Heading")
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidInput: the message of 'period_mismatch' needs the values ['stated', ...
    """
    declared = _code(code, held=False)
    vi, en = declared.messages(values, held=False)
    chosen = declared.severities[0] if severity is None else severity
    cited = tuple(
        dict.fromkeys(same_kind(c, Citation, "citations") for c in items(citations, "citations"))
    )
    return Finding(code, chosen, location, expected, actual, vi, en, quote, cited)


def proven(code: str, location: str, value: Value, /, **values: Filler) -> Proven:
    """A :class:`Proven` whose messages are the code's declared templates filled from ``values``."""
    vi, en = _code(code, held=True).messages(values, held=True)
    return Proven(code, location, value, en, vi)


def _code(code: str, *, held: bool) -> Code:
    _declared(code, held=held)
    return CODES[code]
