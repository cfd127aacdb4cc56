"""Reading documents: figures in Vietnamese administrative prose → a checkable document.

:func:`read_text` turns the text of a plan, a report or a news article into
claims (each figure with its unit, hedge, stars, period, stance and span),
nests totals and their parts, and builds the :class:`ocop.reports.Document`
that :func:`ocop.reports.check_document` checks.  :func:`read_file` reads
.docx (prose and tables), .xlsx and .csv files, recognising budget tables
(:func:`table_from_rows`) from their header rows.  A figure it cannot read
without guessing is reported, never guessed (docs/reading.md,
docs/decisions/reading.md).

>>> reading = read_text("Ngày 2/3/2024. Phấn đấu có ít nhất 50 sản phẩm OCOP đạt từ 3 sao trở lên.")
>>> claim = reading.claims[0]
>>> claim.figure.hedge.value, int(claim.figure.values[0]), str(claim.stars), claim.stance.value
('at_least', 50, '3★–5★', 'target')
"""

from __future__ import annotations

from ocop.read._claims import Claim, NotRead, Stance
from ocop.read._document import Reading, read_text
from ocop.read._files import read_file
from ocop.read._tables import table_from_rows

__all__ = ["Claim", "NotRead", "Reading", "Stance", "read_file", "read_text", "table_from_rows"]
