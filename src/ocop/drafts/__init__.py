"""Draft regulations: a proposed version read from a file and checked like the law.

A draft is a patch on an encoded version (``based_on``, then only what changes:
a band edge, one criterion's options and points, a star mark added or removed,
the validity in months) or a whole regulation, written in JSON or, with the
optional extra ``ocop[yaml]``, YAML.  It is never registered: pass its
``regulation`` to the functions that apply the law.

>>> from ocop.drafts import load_draft
>>> draft = load_draft('''
... based_on: 26/2026/QĐ-TTg
... id: Dự thảo 5 sao từ 85 điểm
... bands:
...   rows:
...     - {star: 5, low: 85, printed: từ 85 đến 100 điểm}
...     - {star: 4, high: 85, printed: từ 70 đến dưới 85 điểm}
... ''')
>>> draft.based_on, [b.low for b in draft.regulation.sheets.bands]
('26/2026/QĐ-TTg', [85, 70, 50, 30, 0])

See docs/drafts.md.
"""

from __future__ import annotations

from ocop.drafts._draft import REFUSING, Draft, DraftRefused, load_draft

__all__ = ["REFUSING", "Draft", "DraftRefused", "load_draft"]
