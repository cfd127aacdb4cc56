"""The text report of ``ocop check``: a summary line, findings by severity, then what held.

One rendering for plans (:class:`~ocop.plans.CheckReport`) and documents
(:class:`~ocop.reports.DocumentCheck`): both are findings and proven checks
under a few heading lines.  The report speaks Vietnamese (``lang="vi"``, dates
dd/mm/yyyy) or English (``"en"``).

>>> from ocop.findings import Finding, Proven, Severity
>>> f = Finding("sum_mismatch", Severity.ERROR, "doc › s › t", "41", "39",
...             "Các phần 12 + 27 cộng lại 39, không bằng tổng 41.",
...             "The parts 12 + 27 add up to 39, not the stated total 41.")
>>> print(text_report(["Báo cáo"], [f], [Proven("share", "doc › s › t.p", "35%", "ok")]))
Tóm tắt: 1 lỗi, 0 cảnh báo, 0 thông tin; 1 kiểm tra đạt
Báo cáo
<BLANKLINE>
LỖI (1):
  [sum_mismatch] doc › s › t
    Các phần 12 + 27 cộng lại 39, không bằng tổng 41.
CẢNH BÁO (0):
  (không có)
THÔNG TIN (0):
  (không có)
<BLANKLINE>
ĐẠT (1): share × 1 (--verbose để xem từng mục)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Final, Literal

from ocop.errors import InvalidInput
from ocop.findings import Finding, Proven, Severity
from ocop.text import show

__all__ = ["LANGS", "Lang"]

Lang = Literal["vi", "en"]
LANGS: Final = ("vi", "en")

_HEADING: Final = {
    "vi": {Severity.ERROR: "LỖI", Severity.WARNING: "CẢNH BÁO", Severity.INFO: "THÔNG TIN"},
    "en": {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"},
}
_COUNTED: Final = {
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "thông tin"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_WORDS: Final = {
    "vi": {
        "summary": "Tóm tắt",
        "held": "kiểm tra đạt",
        "held_heading": "ĐẠT",
        "none": "(không có)",
        "verbose": "(--verbose để xem từng mục)",
    },
    "en": {
        "summary": "Summary",
        "held": "checks held",
        "held_heading": "Held",
        "none": "(none)",
        "verbose": "(--verbose lists each)",
    },
}


def _lang(lang: str) -> Lang:
    if not isinstance(lang, str) or lang not in LANGS:
        raise InvalidInput(f"a report speaks vi or en, not {show(lang)}", value=show(lang))
    return "vi" if lang == "vi" else "en"


def summary_line(findings: Sequence[Finding], held: int, lang: str = "vi") -> str:
    """``Tóm tắt: 11 lỗi, 6 cảnh báo, 2 thông tin; 48 kiểm tra đạt``."""
    words, counted = _WORDS[_lang(lang)], _COUNTED[_lang(lang)]
    by = Counter(f.severity for f in findings)
    plural = "s" if lang == "en" else ""
    counts = ", ".join(
        f"{by[s]} {counted[s]}{plural if by[s] != 1 and s is not Severity.INFO else ''}"
        for s in Severity
    )
    checks = "check held" if lang == "en" and held == 1 else words["held"]
    return f"{words['summary']}: {counts}; {held} {checks}"


def text_report(
    head: Sequence[str],
    findings: Sequence[Finding],
    proven: Sequence[Proven],
    *,
    lang: str = "vi",
    verbose: bool = False,
) -> str:
    """The summary line, ``head``, the findings by severity, then what held.

    Each finding shows its code and place, its message in ``lang`` and the
    sentence it rests on (once, when several findings in a row share it).
    What held is counted by code, or listed one by one with ``verbose``.
    """
    lang = _lang(lang)
    words = _WORDS[lang]
    lines = [summary_line(findings, len(proven), lang), *head, ""]
    for severity in Severity:
        found = [f for f in findings if f.severity is severity]
        lines.append(f"{_HEADING[lang][severity]} ({len(found)}):")
        quoted = None
        for f in found:
            lines.append(f"  [{f.code}] {f.location}")
            lines.append(f"    {f.message_vi if lang == 'vi' else f.message_en}")
            if f.quote and f.quote != quoted:
                lines.append(f"    « {f.quote} »")
            quoted = f.quote
        if not found:
            lines.append(f"  {words['none']}")
    lines.append("")
    heading = f"{words['held_heading']} ({len(proven)}):"
    if verbose:
        lines.append(heading)
        for p in proven:
            message = p.message_vi if lang == "vi" and p.message_vi else p.message_en
            lines.append(f"  ✓ {p.location}: {message}")
        if not proven:
            lines.append(f"  {words['none']}")
    else:
        codes = Counter(p.code for p in proven)
        listing = ", ".join(f"{code} × {n}" for code, n in codes.items())
        lines.append(f"{heading} {listing} {words['verbose']}" if proven else heading)
    return "\n".join(lines)
