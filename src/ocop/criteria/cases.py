"""How a card may use the alternative option lists ("Trường hợp 1 / 2") of a sheet.

Sheet #26 of 26/2026/QĐ-TTg prints, under each of criteria 8, 9 and 15, "Lựa chọn
một trong hai trường hợp sau" and two option lists; criterion 8's case 2 is "Điểm
dịch vụ du lịch", a different fact from case 2 of 9 and 15 ("Dịch vụ du lịch do tổ
chức, cá nhân cung cấp").  781/QĐ-TTg's tourism sheet and 1048's criterion 3.2 do
the same.  Nothing printed says one case must hold across criteria
(docs/decisions/readings.md §1).
"""

from __future__ import annotations

from enum import Enum

__all__ = ["CaseReading"]


class CaseReading(Enum):
    """Which alternative cases a card may combine.

    * ``PER_CRITERION`` (default): each criterion's case is chosen on its own, as its
      own heading "Lựa chọn một trong hai trường hợp sau" says;
    * ``ONE_CASE``: one case throughout the card (the library's reading before issue
      19): a card ticking case 1 on one criterion and case 2 on another is refused.
    """

    PER_CRITERION = "per_criterion"
    ONE_CASE = "one_case"
