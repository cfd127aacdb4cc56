"""The bounds ``ocop`` puts on what it is handed, so that no input costs more than its size.

Each limit is refused *before* the expensive work (reading, parsing, validating,
formatting), with an :class:`~ocop.errors.InvalidInput` whose ``context["limit"]``
is the limit's name below.  They are generous for real OCOP data (a province has
at most a few thousand subjects; a plan's budget a few hundred figures) and are
documented in docs/decisions/reliability.md.

>>> from ocop.limits import MAX_INPUT_BYTES, MAX_JSON_DEPTH
>>> MAX_INPUT_BYTES, MAX_JSON_DEPTH
(16777216, 64)
"""

from __future__ import annotations

__all__ = [
    "MAX_COLLECTION",
    "MAX_DECIMAL_EXPONENT",
    "MAX_ERRORS_SHOWN",
    "MAX_FRACTION_BITS",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_PORTFOLIO",
    "MAX_PROSE_CHARS",
    "MAX_TABLE_CELLS",
    "MAX_UNPACKED_BYTES",
]

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""Bytes read from one file or from stdin (16 MiB); the CLI stops reading past it."""

MAX_PROSE_CHARS = 1024 * 1024
"""Characters of prose read by :func:`ocop.read.read_text` (1 MiB): the reader holds about
275 bytes per character of text dense with figures, so 16 MiB of it took 4.5 GB.  The whole
text of 26/2026/QĐ-TTg with its appendices is 392,824 characters."""

MAX_UNPACKED_BYTES = 32 * 1024 * 1024
"""Bytes of the parts of one .docx or .xlsx once unzipped (32 MiB), as the archive declares
them: a 400 KB .docx can unzip to gigabytes of XML (a zip bomb)."""

MAX_TABLE_CELLS = 1_000_000
"""Cells of one table read from a .docx, .xlsx or .csv file (its rows × its widest row): a
5 KB .xlsx can declare a sheet of 1,048,576 × 16,384 cells, one Word cell can span 2,000,000
columns.  A real budget appendix has a few thousand."""

MAX_JSON_DEPTH = 64
"""Nesting of arrays and objects in JSON text (the deepest real document nests 6)."""

MAX_NUMBER_DIGITS = 100
"""Digits in one number: a JSON integer or decimal literal, or an int or Decimal argument."""

MAX_DECIMAL_EXPONENT = 100
"""Largest ``abs(adjusted exponent)`` of a Decimal taken as a number (1E+100, 1E-100)."""

MAX_FRACTION_BITS = 4000
"""Bits of a Fraction's numerator or denominator written out as decimal digits (about 1,200
digits; ``exact_decimal(Fraction(1, 2**200000))`` would take seconds)."""

MAX_COLLECTION = 100_000
"""Items in a list field of an input model (criteria, entries, targets, certificates …)."""

MAX_PORTFOLIO = 1_000_000
"""Subjects, products or certificates in one portfolio: a whole province with room to spare."""

MAX_ERRORS_SHOWN = 5
"""Problems named in one error message; the rest are counted ("… and 12 more")."""
