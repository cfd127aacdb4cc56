"""What a check reports: findings (something is wrong or worth a look) and proven totals.

Plan checks (:mod:`ocop.plans.checks`) and budget reconciliation report in the
same shape, so that ``ocop check`` and users' tools print one list.  A
:class:`Finding` says what was expected and what the document has, where, in
Vietnamese and English.  A :class:`Proven` says what was checked and held, so a
clean result shows what was proven rather than just the absence of complaints.

>>> from ocop.findings import Finding, Severity
>>> f = Finding("range_inverted", Severity.ERROR, "target t1", "low ≤ high", "30–20",
...             "Khoảng 30–20 bị đảo.", "The range 30–20 is inverted.")
>>> f.to_dict()["severity"]
'error'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from ocop.arguments import choice, items, same_kind
from ocop.display import Displayable
from ocop.law import Citation
from ocop.text import show

__all__ = ["Finding", "Proven", "Severity", "Value", "at_or_above", "show_number"]

#: What ``expected`` and ``actual`` hold: a number, or text for a range or a rule.
Value = int | Decimal | Fraction | str | None


class Severity(StrEnum):
    """How much a finding matters, most serious first."""

    ERROR = "error"  # the document contradicts itself or the law
    WARNING = "warning"  # allowed, but weaker than or at odds with a reference
    INFO = "info"  # worth knowing; nothing is wrong

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


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
class Finding(Displayable):
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

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location,
            "expected": show_number(self.expected),
            "actual": show_number(self.actual),
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }
        if self.quote is not None:
            out["quote"] = self.quote
        if self.citations:
            out["citations"] = [str(c) for c in self.citations]
        return out


@attrs.frozen(slots=True)
class Proven:
    """A check that held at ``location``: the figure ``value`` and how it was proven.

    ``message_vi`` is given where the proof shows amounts, written the Vietnamese way.
    """

    code: str
    location: str
    value: Value
    message_en: str
    message_vi: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "location": self.location,
            "value": show_number(self.value),
            "message_en": self.message_en,
        }
        if self.message_vi is not None:
            out["message_vi"] = self.message_vi
        return out
