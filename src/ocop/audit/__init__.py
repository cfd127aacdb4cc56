"""Properties of the law itself, computed exactly over the rule tables and reported as findings.

A property that fails for the law **as printed** is a finding about the law
(with its citations), not a test failure to hide; what held is counted, so a
clean result shows what was proven.  Five property families, one module each,
each a function ``(regulation) -> (findings, proven)``:

- :mod:`ocop.audit.bands`: the score bands cover 0–100 once;
- :mod:`ocop.audit.marks`: the star marks are reachable and fit the bands;
- :mod:`ocop.audit.maxima`: the printed maxima add up;
- :mod:`ocop.audit.versions`: what changes star when the law changes;
- :mod:`ocop.audit.certificates`: every date has exactly one certificate status.

>>> from ocop.audit import audit
>>> report = audit()
>>> report.regulation.value
'26/2026/QĐ-TTg'
>>> [f.code for f in report.findings][:3]
['criterion_without_options', 'criterion_without_options', 'maximum_not_a_number']

See docs/audit.md for what each property checks and what it finds.
"""

from __future__ import annotations

from functools import cache

from ocop.audit import bands, certificates, marks, maxima, versions
from ocop.audit.marks import Card, SheetMarks, StarBounds, sheet_marks
from ocop.audit.report import PROPERTIES, AuditReport, Checked, PropertyResult, resolve
from ocop.law import Regime
from ocop.regulations import Regulation, default_regulation

__all__ = [
    "DRAFT_FAMILIES",
    "PROPERTIES",
    "AuditReport",
    "Card",
    "Checked",
    "PropertyResult",
    "SheetMarks",
    "StarBounds",
    "audit",
    "sheet_marks",
]

_FAMILIES = {
    "bands": bands.check,
    "marks": marks.check,
    "maxima": maxima.check,
    "versions": versions.check,
    "certificates": certificates.check,
}


#: The families run on a version that is not encoded (a draft): its own tables.  Maxima are
#: checked when its sheets load; version changes and certificates are keyed by the registry.
_DRAFT_CHECKS = {"bands": bands.check, "marks": marks.check}
DRAFT_FAMILIES = tuple(_DRAFT_CHECKS)


def audit(regulation: Regime | str | Regulation | None = None) -> AuditReport:
    """Run every property over ``regulation`` (default: the default regulation, from the
    registry: today 26/2026/QĐ-TTg).  A :class:`~ocop.regulations.Regulation` that is not
    encoded (a draft, ``ocop.drafts``) runs the :data:`DRAFT_FAMILIES` on its own tables;
    the report is labelled with the regime it would apply to."""
    if isinstance(regulation, Regulation) and not regulation.encoded:
        results = []
        for name, check in _DRAFT_CHECKS.items():
            findings, proven = check(regulation)
            results.append(PropertyResult(name, PROPERTIES[name], findings, proven))
        return AuditReport(regulation=regulation.regime, properties=tuple(results))
    regime = default_regulation().regime if regulation is None else resolve(regulation)
    return _audit(regime)


@cache
def _audit(regime: Regime) -> AuditReport:
    # The encoded law cannot change while the process runs, and the report is frozen: an
    # audit takes 1-4 s (a notebook or a server asks for it again and again).
    results = []
    for name, run in _FAMILIES.items():
        findings, proven = run(regime)
        results.append(PropertyResult(name, PROPERTIES[name], findings, proven))
    return AuditReport(regulation=regime, properties=tuple(results))
