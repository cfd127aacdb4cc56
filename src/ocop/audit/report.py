"""The audit's report: findings about the law and the checks that held, per property.

Each property family (:mod:`ocop.audit.bands`, ``marks``, ``maxima``,
``versions``, ``certificates``) is a function ``(regulation) -> (findings,
proven)``; :func:`ocop.audit.audit` runs them in that order and sorts the
findings, most serious first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import ClassVar

import attrs

from ocop.arguments import same_kind
from ocop.criteria.versions import sheet_version
from ocop.errors import NotFound
from ocop.findings import Finding, Localized, Proven, Severity, show_number
from ocop.law import Regime
from ocop.money import format_decimal
from ocop.regulations import Regulation
from ocop.regulations import regulation as version
from ocop.serialize import Serialized
from ocop.text import show

__all__ = [
    "PROPERTIES",
    "AuditReport",
    "Checked",
    "PropertyFinding",
    "PropertyProven",
    "PropertyResult",
    "resolve",
]

#: The property families, in report order: name → title.
PROPERTIES: Mapping[str, str] = MappingProxyType(
    {
        "bands": "Score bands cover 0–100 once",
        "marks": "Star marks are reachable and fit the bands",
        "maxima": "Printed maxima add up",
        "versions": "What changes star when the law changes",
        "certificates": "Every date has exactly one certificate status",
    }
)

#: What each property function returns.
Checked = tuple[tuple[Finding, ...], tuple[Proven, ...]]


def resolve(regulation: Regime | str | Regulation) -> Regime:
    """The regime named (InvalidInput listing the known ones otherwise)."""
    return sheet_version(regulation).regulation


def rules_of(regulation: Regime | str | Regulation) -> Regulation:
    """The version named, or the one given (a draft, ``ocop.drafts``), whose tables are checked."""
    return regulation if isinstance(regulation, Regulation) else version(resolve(regulation))


def sheet_numbers(numbers: Iterable[int]) -> str:
    """Sheet numbers as printed ranges: [1, 2, 3, 5] → '1–3, 5'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


@attrs.frozen(slots=True)
class PropertyResult:
    """One property family's findings and the checks that held."""

    name: str
    title: str
    findings: tuple[Finding, ...]
    proven: tuple[Proven, ...]

    @property
    def held(self) -> int:
        """How many individual checks held (the sum of the proven counts)."""
        return sum(p.value for p in self.proven if isinstance(p.value, int))


def sort_key(name: str, f: Finding) -> tuple[int, int, str, tuple[tuple[int, str], ...]]:
    """Most serious first, then property, code, and location with numbers in numeric order."""
    place = tuple(
        (int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", f.location)
    )
    return (-f.severity.rank, list(PROPERTIES).index(name), f.code, place)


@attrs.frozen(slots=True)
class PropertyFinding:
    """A finding as the audit's JSON lists it: the property it belongs to, then its fields."""

    property: str
    finding: Finding

    _json_flatten: ClassVar = ("finding",)


@attrs.frozen(slots=True)
class PropertyProven:
    """A check that held, with the property it belongs to (the audit's JSON)."""

    property: str
    proven: Proven

    _json_flatten: ClassVar = ("proven",)


@attrs.frozen(slots=True, kw_only=True)
class AuditReport(Serialized):
    """The law's properties under one regulation: what failed and what held.

    ``findings`` are sorted most serious first, then by property, code and
    location; ``proven`` lists the checks that held, each with its count, in
    property order; ``properties`` keeps both per property.
    """

    regulation: Regime
    properties: tuple[PropertyResult, ...]

    _json_hide: ClassVar = ("properties",)
    _json_computed: ClassVar = ("proven", "findings")
    _json_as: ClassVar = {"proven": "_tagged_proven", "findings": "_tagged_findings"}

    def _tagged_proven(self) -> tuple[PropertyProven, ...]:
        return tuple(PropertyProven(prop.name, p) for prop in self.properties for p in prop.proven)

    def _tagged_findings(self) -> tuple[PropertyFinding, ...]:
        owner = {id(f): p.name for p in self.properties for f in p.findings}
        return tuple(PropertyFinding(owner[id(f)], f) for f in self.findings)

    @property
    def findings(self) -> tuple[Finding, ...]:
        pairs = [(p.name, f) for p in self.properties for f in p.findings]
        return tuple(f for _, f in sorted(pairs, key=lambda pair: sort_key(*pair)))

    @property
    def proven(self) -> tuple[Proven, ...]:
        return tuple(p for prop in self.properties for p in prop.proven)

    def held(self) -> Mapping[str, int]:
        """Property name → how many individual checks held."""
        return MappingProxyType({p.name: p.held for p in self.properties})

    def result(self, name: str) -> PropertyResult:
        """One property's result, by name (``"bands"``, ``"marks"`` …)."""
        name = same_kind(name, str, "name")
        for p in self.properties:
            if p.name == name:
                return p
        raise NotFound(f"no property {show(name)}; properties: {', '.join(PROPERTIES)}")

    def counts(self) -> Mapping[Severity, int]:
        """Severity → number of findings."""
        found = self.findings
        return MappingProxyType({s: sum(f.severity is s for f in found) for s in Severity})


def said_number(value: Fraction) -> Localized:
    """A total (a council average such as 69.5) as each language writes it: 69,5 and 69.5."""
    shown = Decimal(str(show_number(value)))
    return Localized(format_decimal(shown, locale="vi"), format_decimal(shown, locale="en"))
