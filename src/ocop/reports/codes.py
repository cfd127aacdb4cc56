"""The finding codes of document checks: severity, what the figures are, and vi/en templates.

One table, so that each code is defined once (and can move, as is, into a
registry of every code).  Templates take named fields, filled by
:func:`finding`; numbers in them are already written for the language.

>>> CODES["share_mismatch"].severity.value
'error'
"""

from __future__ import annotations

from typing import Final

import attrs

from ocop.findings import Severity

__all__ = ["CODES", "PROVEN", "Code"]


@attrs.frozen(slots=True)
class Code:
    severity: Severity
    unit: str  # what expected/actual hold: "figure" (in the quantity's unit), "percent", "years"
    vi: str
    en: str


CODES: Final[dict[str, Code]] = {
    "sum_mismatch": Code(
        Severity.ERROR,
        "figure",
        "Các phần {parts} cộng lại {sum}, không bằng tổng {total} đã nêu.",
        "The parts {parts} add up to {sum}, not the stated total {total}.",
    ),
    "sum_undecided": Code(
        Severity.INFO,
        "figure",
        "Các phần {parts} cộng lại {sum}; tổng ghi {total}: không mâu thuẫn, nhưng số liệu "
        "in ra không đủ để khẳng định (giá trị có thể: {left}).",
        "The parts {parts} add up to {sum}; the total is {total}: no contradiction, but the "
        "printed figures cannot prove it (possible values: {left}).",
    ),
    "parts_exceed_total": Code(
        Severity.ERROR,
        "figure",
        "Các phần {parts} (cộng lại {sum}) vượt tổng {total}.",
        "The parts {parts} (together {sum}) exceed the total {total}.",
    ),
    "parts_within_undecided": Code(
        Severity.INFO,
        "figure",
        "Các phần {parts} (cộng lại {sum}) có thể nằm trong tổng {total}; số liệu in ra không "
        "đủ để khẳng định.",
        "The parts {parts} (together {sum}) may fit in the total {total}; the printed figures "
        "cannot prove it.",
    ),
    "remainder_undecided": Code(
        Severity.INFO,
        "figure",
        "Phần còn lại ({name}) là tổng {total} trừ {sum}: {left}.",
        "The remainder ({name}) is the total {total} less {sum}: {left}.",
    ),
    "share_mismatch": Code(
        Severity.ERROR,
        "percent",
        "Tỷ lệ ghi {stated} nhưng {part} trên {whole} là {exact}.",
        "The share is printed as {stated} but {part} of {whole} is {exact}.",
    ),
    "share_undecided": Code(
        Severity.INFO,
        "percent",
        "Tỷ lệ ghi {stated}; từ số liệu in ra, tỷ lệ thực nằm trong {exact}.",
        "The share is printed as {stated}; the printed figures put it within {exact}.",
    ),
    "share_unchecked": Code(
        Severity.INFO,
        "percent",
        "Tỷ lệ {stated} không kiểm tra được: tổng làm gốc có thể bằng 0.",
        "The share {stated} cannot be checked: its base may be 0.",
    ),
    "shares_do_not_total": Code(
        Severity.ERROR,
        "percent",
        "Các tỷ lệ {shares} của các phần hợp thành tổng cộng lại {sum}, không phải 100%.",
        "The shares {shares} of parts that make the whole add up to {sum}, not 100%.",
    ),
    "shares_forced_to_100": Code(
        Severity.INFO,
        "percent",
        "Các tỷ lệ {shares} được làm tròn để cộng đúng 100%: {adjusted}.",
        "The shares {shares} were rounded to add up to exactly 100%: {adjusted}.",
    ),
    "rate_mismatch": Code(
        Severity.ERROR,
        "figure",
        "{count} × {each} = {product}, không phải {stated}.",
        "{count} × {each} = {product}, not {stated}.",
    ),
    "rate_undecided": Code(
        Severity.INFO,
        "figure",
        "{count} × {each} = {product}; ghi {stated}: số liệu in ra không đủ để khẳng định.",
        "{count} × {each} = {product}; printed {stated}: the figures cannot prove it.",
    ),
    "stated_twice_differ": Code(
        Severity.ERROR,
        "figure",
        "Cùng một số liệu được ghi {first} ({first_where}) và {second} ({second_where}).",
        "The same figure is stated as {first} ({first_where}) and {second} ({second_where}).",
    ),
    "stated_twice_undecided": Code(
        Severity.INFO,
        "figure",
        "Cùng một số liệu được ghi {first} ({first_where}) và {second} ({second_where}); "
        "hai cách ghi không mâu thuẫn.",
        "The same figure is stated as {first} ({first_where}) and {second} ({second_where}); "
        "the two do not contradict each other.",
    ),
    "table_mismatch": Code(
        Severity.ERROR,
        "figure",
        "{name}: lời văn ghi {stated}, bảng {table} ghi {figure}.",
        "{name}: the text gives {stated}; table {table} has {figure}.",
    ),
    "period_outside_total": Code(
        Severity.ERROR,
        "years",
        "Phần {name} cho {part}, ngoài giai đoạn {whole} của tổng.",
        "The part {name} is for {part}, outside its total's period {whole}.",
    ),
}

#: Codes of what held (``Proven``): Vietnamese and English message templates.
PROVEN: Final[dict[str, tuple[str, str]]] = {
    "parts_sum": (
        "các phần cộng đúng tổng: {parts} = {sum}",
        "the parts add up to the total: {parts} = {sum}",
    ),
    "parts_within_total": (
        "các phần {parts} (cộng lại {sum}) nằm trong tổng {total}",
        "the parts {parts} (together {sum}) fit in the total {total}",
    ),
    "remainder": (
        "phần còn lại ({name}) là {total} trừ {sum}: {left}",
        "the remainder ({name}) is {total} less {sum}: {left}",
    ),
    "share": (
        "{stated} là tỷ lệ của {part} trên {whole} ({exact})",
        "{stated} is {part} of {whole} ({exact})",
    ),
    "shares_total": ("các tỷ lệ {shares} cộng lại 100%", "the shares {shares} add up to 100%"),
    "rate": ("{count} × {each} = {product}", "{count} × {each} = {product}"),
    "stated_twice": ("ghi hai lần, cùng {first}", "stated twice, the same: {first}"),
    "matches_table": (
        "{name}: lời văn ({stated}) khớp với bảng {table} ({figure})",
        "{name}: the text ({stated}) agrees with table {table} ({figure})",
    ),
    "period_within_total": (
        "năm của phần ({part}) nằm trong giai đoạn {whole}",
        "the part's years {part} are within {whole}",
    ),
}
