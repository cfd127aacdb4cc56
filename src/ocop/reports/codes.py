"""The finding codes of document checks, as declared in the one registry (:mod:`ocop.codes`).

Each code's severity, the kind of its values and its Vietnamese and English
message templates (named fields, filled by the checks; numbers in them are
already written for the language) are declared in :mod:`ocop.codes`; this
module names which of them the document checks report.

>>> CODES["share_mismatch"].severity.value
'error'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ocop.codes import CODES as _REGISTRY
from ocop.codes import Code

__all__ = ["CODES", "PROVEN", "Code"]

_FINDINGS: Final = (
    "sum_mismatch",
    "sum_undecided",
    "parts_exceed_total",
    "parts_within_undecided",
    "remainder_undecided",
    "share_mismatch",
    "share_undecided",
    "share_unchecked",
    "shares_do_not_total",
    "shares_forced_to_100",
    "rate_mismatch",
    "rate_undecided",
    "stated_twice_differ",
    "stated_twice_undecided",
    "table_mismatch",
    "period_outside_total",
)
_HELD: Final = (
    "parts_sum",
    "parts_within_total",
    "remainder",
    "share",
    "shares_total",
    "rate",
    "stated_twice",
    "matches_table",
    "period_within_total",
)

#: The findings of document checks: code → its declaration (severity, templates).
CODES: Final[Mapping[str, Code]] = MappingProxyType({n: _REGISTRY[n] for n in _FINDINGS})

#: Codes of what held (``Proven``): Vietnamese and English message templates.
PROVEN: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {n: _REGISTRY[n].templates(held=True) for n in _HELD}
)
