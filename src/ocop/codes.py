"""Every finding code the library can report, declared once.

A :class:`~ocop.findings.Finding` or :class:`~ocop.findings.Proven` can only be
built with a code declared here (anything else is :class:`~ocop.errors.InvalidInput`),
so this table is the complete list of stable codes: ``ocop codes`` prints it and
docs/codes.md is generated from it.  Each code names the severities it is
reported at (none for a code that only reports a check that held), the
:class:`Kind` of its values, so that the display writes đồng as amounts without
guessing from the code's spelling, a one-line description, the rule it
rests on where that is a rule of law, and its messages: Vietnamese and English
templates that :func:`ocop.findings.finding` and :func:`ocop.findings.proven`
fill with the values a check gives, so no check writes a message of its own.

>>> from ocop import codes
>>> code = codes.get("claim_mismatch")
>>> code.severities, code.kind.value
((<Severity.ERROR: 'error'>,), 'dong')
>>> codes.get("no_such_code")
Traceback (most recent call last):
...
ocop.errors.NotFound: no finding code 'no_such_code'; `ocop codes` lists them
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from itertools import combinations
from string import Formatter
from types import MappingProxyType
from typing import ClassVar, Final, Literal, TypedDict

import attrs

from ocop.errors import InvalidInput, NotFound
from ocop.text import show

__all__ = ["CODES", "Code", "Kind", "Lang", "Localized", "Severity", "get", "markdown"]

#: The languages every message is written in.
Lang = Literal["vi", "en"]


class Severity(StrEnum):
    """How much a finding matters, most serious first."""

    ERROR = "error"  # the document contradicts itself or the law
    WARNING = "warning"  # allowed, but weaker than or at odds with a reference
    INFO = "info"  # worth knowing; nothing is wrong

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK: Final = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


class Kind(StrEnum):
    """What a code's integer values count: the display writes ``DONG`` as an amount."""

    DONG = "dong"  # an amount in đồng, shown in the table's unit
    COUNT = "count"  # how many (products, sheets, checks that held)
    PERCENT = "percent"  # a share, written with its % sign
    POINTS = "points"  # scoresheet points
    YEARS = "years"  # a year or a span of years
    TEXT = "text"  # a figure as printed, a rule, or a description


@attrs.frozen(slots=True)
class Localized:
    """A value a message writes differently in each language (an amount, a phrase)."""

    vi: str
    en: str

    def __attrs_post_init__(self) -> None:
        for lang in _LANGS:
            if not isinstance(getattr(self, lang), str):
                raise InvalidInput(f"{lang} is text, not {show(getattr(self, lang))}", field=lang)

    def said(self, lang: Lang) -> str:
        """The value as ``lang`` ("vi" or "en") writes it."""
        if not isinstance(lang, str) or lang not in _LANGS:
            raise InvalidInput(f"lang is 'vi' or 'en', not {show(lang)}", value=show(lang))
        return self.vi if lang == "vi" else self.en


_LANGS: Final = ("vi", "en")


#: What fills a template's named field: any value, written the same in both languages
#: (with ``format``, as an f-string would), or a :class:`Localized` pair.
Filler = object


@attrs.frozen(slots=True)
class Code:
    """One stable code: how serious it is, what its values are, what it means."""

    _json_names: ClassVar = {"name": "code"}

    name: str
    kind: Kind
    description: str
    #: Severities it is reported at, the usual one first; () when it only reports a held check.
    severities: tuple[Severity, ...] = ()
    #: Whether it also names a check that held (a :class:`~ocop.findings.Proven`).
    held: bool = False
    #: The rule of law it rests on, as cited; None where it checks a document against itself.
    basis: str | None = None
    #: Message templates of a finding with this code, with named fields (``{total}``).
    vi: str | None = None
    en: str | None = None
    #: Message templates of a check that held with this code (a :class:`~ocop.findings.Proven`).
    held_vi: str | None = None
    held_en: str | None = None
    #: The template fields a check fills with the document's or the law's own words (a
    #: place, a heading, a name, a figure as printed): written as printed in both languages,
    #: so an English message may quote Vietnamese there and nowhere else (docs/codes.md).
    printed: tuple[str, ...] = ()

    @property
    def severity(self) -> Severity | None:
        """The usual severity (the first declared); None for a code of held checks only."""
        return self.severities[0] if self.severities else None

    def templates(self, *, held: bool) -> tuple[str, str]:
        """The Vietnamese and English templates of a finding, or of a check that held."""
        if not isinstance(held, bool):
            raise InvalidInput(f"held is a bool, not {show(held)}", value=show(held))
        vi, en = (self.held_vi, self.held_en) if held else (self.vi, self.en)
        if vi is None or en is None:
            role = "check that held" if held else "finding"
            raise InvalidInput(
                f"{self.name!r} declares no {role} message templates", code=self.name
            )
        return vi, en

    def fields(self, *, held: bool) -> frozenset[str]:
        """The names the templates ask for (either language may leave some out)."""
        return frozenset(
            name
            for template in self.templates(held=held)
            for _, name, _, _ in Formatter().parse(template)
            if name
        )

    def messages(self, values: Mapping[str, Filler], *, held: bool) -> tuple[str, str]:
        """The Vietnamese and English messages, the templates filled from ``values``.

        A value the templates name and the call does not give is refused (so a misspelt
        name is too); a value only some of a family's templates use may be given to all.
        """
        if not isinstance(values, Mapping):
            raise InvalidInput(f"values is a mapping of names, not {show(values)}")
        missing = sorted(self.fields(held=held) - set(values))
        if missing:
            raise InvalidInput(
                f"the message of {self.name!r} needs the values {missing}, not given",
                code=self.name,
            )
        vi, en = self.templates(held=held)
        return _fill(vi, "vi", values), _fill(en, "en", values)


def _fill(template: str, lang: Lang, values: Mapping[str, Filler]) -> str:
    said = {k: v.said(lang) if isinstance(v, Localized) else v for k, v in values.items()}
    try:
        return template.format_map(said)
    except (ValueError, TypeError) as err:  # an int too long to write, a value format refuses
        raise InvalidInput(f"a message value cannot be written: {err}") from None


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# Each audit finding cites its own regulation's article; these name the rule under 26/2026.
_QD26_BANDS: Final = "star bands: 26/2026/QĐ-TTg, Điều 3, khoản 3"
_SHEETS: Final = "scoresheets: 26/2026/QĐ-TTg, Điều 3, khoản 2, Phụ lục II"
_PARTS: Final = "part maxima: 26/2026/QĐ-TTg, Điều 3, khoản 1"
_CERTS: Final = "validity: 26/2026/QĐ-TTg, Điều 4, khoản 3; re-evaluation: Điều 7, khoản 6"


class _Templates(TypedDict):
    vi: str
    en: str


def _misprint(vi: str, en: str) -> _Templates:
    """The templates of a misprint on a sheet: where, what, and the erratum that records it."""
    return {"vi": f"{{sheets}}: {vi}. {{erratum}}", "en": f"{{sheets}}: {en}. {{erratum}}"}


# A failed certificate-status property is a bug in the library, whichever it is.
_BUG_VI: Final = "Lỗi của thư viện (trạng thái giấy chứng nhận): {what}{more}."
_BUG_EN: Final = "Library bug (certificate status): {what}{more}."
_NATIONAL: Final = "the national programme in force at the deadline (919/QĐ-TTg for 2021–2025)"
# Templates two codes share (they differ in whether the parts listed are all of them).
_CLAIM_PARTS_VI: Final = "Tổng ghi {total} nhưng các khoản cộng lại {parts} = {sum}"
_CLAIM_PARTS_EN: Final = "The total is {total} but the parts add up to {parts} = {sum}"

_DECLARED: Final[tuple[Code, ...]] = (
    # --- plan checks (ocop.plans.checks): a plan against itself and its references
    Code(
        "percentage_out_of_range",
        Kind.TEXT,
        "A share target lies outside 0–100%.",
        (_E,),
        vi="Tỷ lệ {target} nằm ngoài khoảng 0–100%.",
        en="{figure}% is outside 0–100%.",
    ),
    Code(
        "range_inverted",
        Kind.TEXT,
        "A range target has its low end above its high.",
        (_E,),
        vi="Khoảng {target} có cận dưới lớn hơn cận trên.",
        en="Range {target} has its low end above its high.",
    ),
    Code(
        "breakdown_sum",
        Kind.TEXT,
        "A complete breakdown's parts can make its total.",
        held=True,
        held_vi="các thành phần {parts} có thể cộng thành tổng {total}",
        held_en="parts {parts} can make the total {total}",
    ),
    Code(
        "breakdown_sum_mismatch",
        Kind.TEXT,
        "A complete breakdown's parts cannot add up to its stated total.",
        (_E,),
        vi="Các thành phần cộng lại {parts}, không bằng tổng {total} đã nêu.",
        en="The parts add up to {parts}, not the stated total {total}.",
    ),
    Code(
        "breakdown_exceeds_total",
        Kind.TEXT,
        "The parts of a 'trong đó' breakdown need more than its total allows.",
        (_E,),
        vi="Các thành phần (ít nhất {least}) vượt tổng {total}.",
        en="The parts (at least {least}) exceed the total {total}.",
    ),
    Code(
        "breakdown_within_total",
        Kind.TEXT,
        "The parts of a 'trong đó' breakdown fit within its total.",
        held=True,
        held_vi="các thành phần {parts} nằm trong tổng {total}",
        held_en="parts {parts} fit in {total}",
    ),
    Code(
        "part_outside_total_stars",
        Kind.TEXT,
        "A part counts products at stars its total does not count.",
        (_E,),
        vi="Thành phần {part} ({stars}) nằm ngoài hạng sao của tổng ({total}).",
        en="Part {part} counts {stars}, outside its total's {total}.",
    ),
    Code(
        "deadline_in_horizon",
        Kind.YEARS,
        "A target's deadline falls in the plan's horizon rather than its period.",
        (_I,),
        vi=(
            "Hạn {deadline} nằm ngoài giai đoạn {period} của kế hoạch, trong phần định hướng"
            " đến năm {horizon}."
        ),
        en=(
            "The deadline {deadline} is outside the plan's period {period}, within its"
            " orientation to {horizon}."
        ),
    ),
    Code(
        "deadline_outside_period",
        Kind.YEARS,
        "A target's deadline is outside the plan.",
        (_E,),
        vi="Hạn {deadline} nằm ngoài giai đoạn {period} của kế hoạch.",
        en="The deadline {deadline} is outside the plan's period {period}.",
    ),
    Code(
        "baseline_after_deadline",
        Kind.TEXT,
        "A target's baseline is dated after its deadline.",
        (_E,),
        vi="Mốc so sánh không trước hạn của chỉ tiêu.",
        en="The baseline is not before the target's deadline.",
    ),
    Code(
        "baseline_change",
        Kind.TEXT,
        "Baseline plus stated change equals the target.",
        held=True,
        held_vi="{base} + {change} = {stated}",
        held_en="{base} + {change} = {stated}",
    ),
    Code(
        "baseline_mismatch",
        Kind.TEXT,
        "Baseline plus stated change does not equal the target.",
        (_E,),
        vi="Mốc {base} cộng mức tăng {change} là {reached}, không phải {stated}.",
        en="Baseline {base} plus the stated change {change} is {reached}, not {stated}.",
    ),
    Code(
        "exclusive_shares",
        Kind.PERCENT,
        "Shares of one whole add up to at most 100%.",
        held=True,
        held_vi="{shares} ≤ 100% ({group})",
        held_en="{shares} ≤ 100% ({group})",
    ),
    Code(
        "shares_exceed_100",
        Kind.PERCENT,
        "Shares of one whole add up to more than 100%.",
        (_E,),
        vi="Các tỷ lệ của những nhóm không giao nhau ({shares}) cộng lại {sum}%, vượt 100%.",
        en="Shares of disjoint categories ({shares}) add up to {sum}%, past 100%.",
    ),
    Code(
        "meets_national",
        Kind.TEXT,
        "A provincial target is at least the national programme's.",
        held=True,
        basis=_NATIONAL,
        held_vi="{target} không thấp hơn mức {national} của {name}",
        held_en="{target} is at least {name}'s {national}",
        printed=("name",),
    ),
    Code(
        "weaker_than_national",
        Kind.TEXT,
        "A provincial target is weaker than the national programme's.",
        (_W,),
        basis=_NATIONAL,
        vi="Kế hoạch đặt {target} {what}; Chương trình quốc gia ({name}) đặt {national}.",
        en="The plan asks {target} {what}; the national programme ({name}) asks {national}.",
        printed=("name",),
    ),
    Code(
        "annual_outside_multi_year",
        Kind.TEXT,
        "An annual target lies outside what the multi-year plan allows.",
        (_E,),
        vi="Giai đoạn {period} nằm ngoài giai đoạn {reference} của kế hoạch {name}.",
        en="The period {period} is outside {name}'s period {reference}.",
        printed=("name",),
    ),
    Code(
        "annual_inconsistent",
        Kind.TEXT,
        "An annual target contradicts the multi-year plan's target.",
        (_E,),
        vi="Chỉ tiêu năm giới hạn ở {target}, không thể đạt {reference} của {name}.",
        en="The annual target caps the figure at {target}; {name} requires {reference}.",
        printed=("name",),
    ),
    Code(
        "annual_meets_multi_year",
        Kind.TEXT,
        "An annual target keeps pace with the multi-year plan.",
        (_I,),
        vi="Chỉ tiêu năm {target} đã đạt mức {reference} của {name} (hạn {due}).",
        en="The annual target {target} already reaches {name}'s {reference} (due {due}).",
        printed=("name",),
    ),
    Code(
        "annual_behind_multi_year",
        Kind.TEXT,
        "An annual target falls behind the multi-year plan's pace.",
        (_W,),
        vi="Năm cuối giai đoạn, chỉ tiêu năm {target} thấp hơn mức {reference} của {name}.",
        en="In the final year the annual target {target} falls short of {name}'s {reference}.",
        printed=("name",),
    ),
    Code(
        "budget_quantity",
        Kind.COUNT,
        "The budget pays for at least the products the target asks for.",
        held=True,
        held_vi="{table} › {item}: dự trù {quantity} sản phẩm, đủ chỉ tiêu {target}",
        held_en="{table} › {item} funds {quantity} products",
        printed=("item",),
    ),
    Code(
        "budget_quantity_below_target",
        Kind.COUNT,
        "The budget pays for fewer products than the target asks for.",
        (_W,),
        vi="{table} › {item}: dự trù {quantity} sản phẩm, ít hơn chỉ tiêu {target}.",
        en="{table} › {item} budgets for {quantity} products, fewer than the target {target}.",
        printed=("item",),
    ),
    # --- budget checks (ocop.budget.checks): claims in the text against the tables
    Code(
        "period",
        Kind.YEARS,
        "A stated period matches the years the table phases.",
        held=True,
        held_vi="bảng phân kỳ đúng các năm {years}",
        held_en="the years given are {years}",
    ),
    Code(
        "period_mismatch",
        Kind.YEARS,
        "A stated period differs from the years the table phases.",
        (_W,),
        vi="{where} ghi giai đoạn {stated} nhưng bảng cho các năm {years}",
        en="{where} says {stated} but the table gives the years {years}",
        printed=("where",),
    ),
    Code(
        "years_short_of_plan",
        Kind.YEARS,
        "The table phases fewer years than the plan runs.",
        (_I,),
        vi="Bảng chỉ phân kỳ {years}; kế hoạch cho giai đoạn {plan}",
        en="The table phases {years} only; the plan runs {plan}",
    ),
    Code(
        "claim_parts_sum",
        Kind.DONG,
        "A claimed total equals its listed parts.",
        held=True,
        held_vi="các khoản cộng đúng tổng: {parts}",
        held_en="the parts add up to the total: {parts}",
    ),
    Code(
        "claim_parts_mismatch",
        Kind.DONG,
        "A claimed total differs from its complete list of parts.",
        (_E,),
        vi=_CLAIM_PARTS_VI,
        en=_CLAIM_PARTS_EN,
    ),
    Code(
        "claim_parts_exceed",
        Kind.DONG,
        "The parts listed under a claimed total add up to more than it.",
        (_E,),
        vi=_CLAIM_PARTS_VI,
        en=_CLAIM_PARTS_EN,
    ),
    Code(
        "claim_parts_short",
        Kind.DONG,
        "The parts listed after 'trong đó' add up to less than the claimed total.",
        (_W,),
        vi="Tổng ghi {total}, 'trong đó' các khoản chỉ cộng được {sum}: còn {gap} không rõ nguồn",
        en=(
            "The total is {total}; the parts it lists ('of which') add up to {sum}, leaving"
            " {gap} without a source"
        ),
    ),
    Code(
        "claim_matches_table",
        Kind.DONG,
        "A figure in the text equals the table's.",
        held=True,
        held_vi="lời văn và bảng cùng ghi {amount}",
        held_en="the prose and the table ({how}) both give {amount}",
    ),
    Code(
        "claim_mismatch",
        Kind.DONG,
        "A figure in the text differs from the table's.",
        (_E,),
        vi="{where} ghi {name} {amount}, bảng {table} ghi {figure}",
        en="{where} gives {name} as {amount}; table {table} has {figure} ({how})",
        printed=("where",),
    ),
    Code(
        "claim_not_in_table",
        Kind.DONG,
        "A figure in the text has no counterpart in the table.",
        (_I,),
        vi="Bảng {table} không có số liệu {name} để đối chiếu",
        en="Table {table} gives no figure for {name} to compare with",
    ),
    Code(
        "tables_agree",
        Kind.DONG,
        "Two tables give the same figures.",
        held=True,
        held_vi="hai bảng ghi cùng {count} số liệu",
        held_en="both tables give the same {count} figure(s)",
    ),
    Code(
        "tables_disagree",
        Kind.DONG,
        "Two tables give different figures.",
        (_E,),
        vi="Hai bảng ghi khác nhau cho {name} ({first} trước, {second} sau): {differences}",
        en="The tables differ for {name} ({first} first, {second} second): {differences}",
    ),
    Code(
        "source_in_one_table",
        Kind.DONG,
        "A funding source appears in one table only.",
        (_I,),
        vi="Chỉ bảng {table} có nguồn {source}",
        en="Only table {table} has the source {source}",
    ),
    # --- audit of the law (ocop.audit): bands
    Code(
        "band_each_star_once",
        Kind.COUNT,
        "Every star has exactly one band.",
        held=True,
        held_vi="mỗi hạng 1–5 sao có đúng một khoảng điểm ({count} khoảng)",
        held_en="one printed band for each star 1–5 ({count} bands)",
    ),
    Code(
        "band_stars",
        Kind.TEXT,
        "The bands do not give each star once.",
        (_E,),
        basis=_QD26_BANDS,
        vi="Các khoảng điểm in ra không có đúng một khoảng cho mỗi hạng 1–5 sao: {stars}.",
        en="The printed bands do not give each star 1–5 exactly one band: {stars}.",
    ),
    Code(
        "band_cover",
        Kind.COUNT,
        "The bands cover 0–100 without overlap.",
        held=True,
        held_vi="các khoảng điểm phủ 0–{top}, {inner} điểm nối không hở, không chồng lấn",
        held_en=(
            "the bands reach 0 and {top} and meet at {inner} inner edges, each closed on one"
            " side only: no gap, no overlap ({edges} edges)"
        ),
    ),
    Code(
        "band_range",
        Kind.TEXT,
        "A band runs outside 0–100.",
        (_E,),
        basis=_QD26_BANDS,
        vi="Không có khoảng điểm nào {side} '{band}' ({missing}).",
        en="No band covers the totals {side} '{band}' ({missing}).",
    ),
    Code(
        "band_gap",
        Kind.TEXT,
        "Totals between two bands fall in no band.",
        (_W,),
        basis=_QD26_BANDS,
        vi=(
            "Khoảng '{lower}' ({lower_star} sao) và '{upper}' ({upper_star} sao) để hở các tổng"
            " điểm giữa {high} và {low} (ví dụ {inside}, điểm trung bình của hội đồng). Thư viện"
            " áp dụng quy tắc cận dưới: {inside} được xếp {ranked} sao, không làm tròn lên"
            " (docs/decisions/stars.md)."
        ),
        en=(
            "The bands '{lower}' ({lower_star}★) and '{upper}' ({upper_star}★) leave every total"
            " strictly between {high} and {low} in no band (e.g. a council average of {inside})."
            " The library applies the lower-bound rule: {inside} is ranked {ranked}★, never"
            " rounded up (docs/decisions/stars.md)."
        ),
        printed=("lower", "upper"),
    ),
    Code(
        "band_overlap",
        Kind.TEXT,
        "Two bands share totals.",
        (_E,),
        basis=_QD26_BANDS,
        vi="Khoảng '{lower}' và '{upper}' chồng lên nhau từ {low} điểm.",
        en="The bands '{lower}' and '{upper}' overlap from {low} points.",
        printed=("lower", "upper"),
    ),
    Code(
        "band_star_at_edges",
        Kind.COUNT,
        "The library's star equals the printed band's at every edge.",
        held=True,
        held_vi="band_star khớp với khoảng điểm in ra tại {count} mức tổng điểm quanh các điểm nối",
        held_en=(
            "ocop.stars.band_star agrees with the printed bands at {count} totals (every edge,"
            " ±0.01, and the middle of any gap, where the half-open reading applies)"
        ),
    ),
    Code(
        "band_star_disagrees",
        Kind.TEXT,
        "The library's star differs from the printed band's at an edge.",
        (_E,),
        basis=_QD26_BANDS,
        vi="Tổng điểm {total}: thư viện xếp {got} sao, khoảng điểm in ra cho {printed} sao.",
        en="A total of {total}: the library ranks it {got}★, the printed bands give {printed}★.",
        printed=("printed",),
    ),
    # --- audit: star marks
    Code(
        "star_marks_not_encoded",
        Kind.TEXT,
        "The regulation's scoresheets are not encoded, so their marks are not checked.",
        (_I,),
        vi=(
            "Các bộ tiêu chí của {regulation} chưa được mã hóa, nên không kiểm tra được dấu sao"
            " so với khoảng điểm."
        ),
        en=(
            "The scoresheets of {regulation} are not encoded, so their star marks cannot be set"
            " against the bands: {missing}."
        ),
    ),
    Code(
        "star_marks_inverted",
        Kind.TEXT,
        "A higher star's printed mark asks less than a lower star's.",
        (_E,),
        basis=_SHEETS,
        vi="Dấu sao không tăng dần theo hạng: {problem}.",
        en="The star marks do not rise with the star: {problem}.",
    ),
    Code(
        "star_marks_printed",
        Kind.COUNT,
        "Sheets that print star marks.",
        held=True,
        held_vi="{count} trên {pairs} cặp (bộ, hạng 3–5 sao) in ít nhất một dấu của hạng đó",
        held_en="{count} of {pairs} (sheet, star 3–5) pairs print at least one mark of that star",
    ),
    Code(
        "star_marks_fit_band",
        Kind.COUNT,
        "Cards meeting a star's marks can score within its band.",
        held=True,
        held_vi=(
            "trên {count} cặp (bộ, hạng 3–4 sao), đạt mọi dấu của hạng vẫn có thể có tổng điểm"
            " dưới khoảng kế tiếp: dấu sao không buộc lên khoảng cao hơn"
        ),
        held_en=(
            "on {count} (sheet, star 3–4) pairs, meeting every mark of the star leaves a total"
            " below the next band possible: the marks never force a higher band"
        ),
    ),
    Code(
        "star_reachable",
        Kind.COUNT,
        "Stars some card can reach.",
        held=True,
        held_vi=(
            "{count} trên {pairs} cặp (bộ, hạng 1–5 sao): có phiếu đánh dấu đủ mọi tiêu chí được"
            " xếp hạng đó (phiếu mẫu trong phần dấu sao của báo cáo)"
        ),
        held_en=(
            "{count} of {pairs} (sheet, star 1–5) pairs: some card that ticks every criterion is"
            " ranked at that star (witness cards in the report's marks)"
        ),
    ),
    Code(
        "no_star_mark",
        Kind.TEXT,
        "A sheet prints no mark for a star.",
        (_W,),
        basis=_SHEETS,
        vi=(
            "Bộ số {sheet} ({name}) không in dấu {marks} nào: hạng {star} sao chỉ cần tổng điểm"
            " và {requirements} yêu cầu tối thiểu của các hạng dưới."
        ),
        en=(
            "Sheet #{sheet} ({name}) prints no {marks} mark: {star}★ there needs only the points"
            " and the {requirements} minimums carried up from the lower stars."
        ),
        printed=("name",),
    ),
    Code(
        "star_marks_force_higher_band",
        Kind.POINTS,
        "Meeting a star's marks forces a total in a higher star's band.",
        (_E,),
        basis=_SHEETS,
        vi=(
            "Bộ số {sheet}: đạt mọi dấu {marks} thì tổng điểm ít nhất {least}, vượt khoảng"
            " {star} sao (dưới {ceiling})."
        ),
        en=(
            "Sheet #{sheet}: meeting every {marks} mark forces a total of at least {least},"
            " above the {star}★ band (below {ceiling})."
        ),
    ),
    Code(
        "star_unreachable",
        Kind.TEXT,
        "No card reaches a star (an error for a recognised star, information otherwise).",
        (_E, _I),
        basis=_SHEETS,
        vi=(
            "Bộ số {sheet} ({name}): không phiếu nào (đánh dấu đủ mọi tiêu chí) được xếp hạng"
            " {star} sao{floor}."
        ),
        en="Sheet #{sheet} ({name}): no card that ticks every criterion is ranked {star}★{floor}.",
        printed=("name",),
    ),
    Code(
        "star_marks_below_band",
        Kind.POINTS,
        "A card meeting a star's marks can total below its band.",
        (_I,),
        basis=_SHEETS,
        vi=(
            "Có: trên {sheets} bộ, một sản phẩm đạt mọi dấu {marks} (và các dấu thấp hơn) vẫn"
            " có thể dưới {low} điểm: tổng điểm thấp nhất từ {lowest} (bộ số {lowest_sheet})"
            " đến {highest} (bộ số {highest_sheet}). Hạng {star} sao cần cả khoảng điểm lẫn dấu"
            " sao; phiếu mẫu trong báo cáo."
        ),
        en=(
            "Yes: on {sheets} sheets a product meeting every {marks} mark (and every lower mark)"
            " can still total below {low}: the lowest such totals run from {lowest} (sheet"
            " #{lowest_sheet}) to {highest} (sheet #{highest_sheet}). {star}★ needs the band and"
            " the marks; witness cards are in the report's marks."
        ),
    ),
    # --- audit: printed maxima
    Code(
        "part_maxima_total",
        Kind.COUNT,
        "The part maxima add up to 100.",
        (_E,),
        held=True,
        vi="Điểm tối đa các phần ({parts}) cộng lại bằng {sum}, không phải {total}.",
        en="The part maxima ({parts}) add up to {sum}, not {total}.",
        held_vi="điểm tối đa các phần ({parts}) cộng lại bằng {total}",
        held_en="the regulation's part maxima ({parts}) add up to {total}",
    ),
    Code(
        "sheets_not_encoded",
        Kind.TEXT,
        "The regulation's scoresheets are not encoded; only the part maxima are checked.",
        (_I,),
        vi=(
            "Các bộ tiêu chí của {regulation} chưa được mã hóa; chỉ kiểm tra được điểm tối đa"
            " các phần."
        ),
        en=(
            "The scoresheets of {regulation} are not encoded; only the part maxima could be"
            " checked: {missing}."
        ),
    ),
    Code(
        "option_above_maximum",
        Kind.POINTS,
        "A printed option exceeds its criterion's maximum (an error unless an erratum records it).",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "in {printed} điểm, vượt điểm tối đa {expected} của tiêu chí",
            "prints {printed} points, above the criterion's maximum of {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "option_points_blank",
        Kind.POINTS,
        "A printed option has no points (a warning when an erratum records it).",
        (_E, _W),
        basis=_SHEETS,
        **_misprint("ô điểm để trống", "the points cell is blank"),
        printed=("erratum",),
    ),
    Code(
        "criterion_without_options",
        Kind.COUNT,
        "A criterion prints no option.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "tiêu chí {expected} điểm không in phương án nào để chọn: không thể cho điểm này, nên"
            " không thể đạt tổng 100 điểm",
            "the {expected}-point criterion prints no option to tick: its points cannot be"
            " awarded, so the sheet's 100 cannot be reached",
        ),
        printed=("erratum",),
    ),
    Code(
        "maximum_not_a_number",
        Kind.TEXT,
        "A criterion's printed maximum is not a number.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "ô thang điểm in {printed!r}, không phải một số",
            "the points cell prints {printed!r}, not a number",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "maximum_unreachable",
        Kind.POINTS,
        "No printed option reaches the criterion's maximum.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "phương án cao nhất in {printed} điểm, điểm tối đa là {expected}",
            "the best option prints {printed} points, the maximum is {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "children_do_not_add_up",
        Kind.POINTS,
        "A criterion's sub-criteria do not add up to it.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "các tiêu chí con cộng lại {printed}, tiêu chí in {expected}",
            "the sub-criteria add up to {printed}, the criterion prints {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "groups_do_not_add_up",
        Kind.POINTS,
        "A part's groups do not add up to the part's points.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "các nhóm tiêu chí cộng lại {printed}, phần in {expected}",
            "the groups add up to {printed}, the part prints {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "part_heading_disagrees",
        Kind.POINTS,
        "A part heading prints other points than its points cell.",
        (_E,),
        basis=_SHEETS,
        **_misprint(
            "tiêu đề phần in {printed}, ô thang điểm in {expected}",
            "the part heading prints {printed}, its points cell {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "part_differs_from_law",
        Kind.POINTS,
        "A sheet's part differs from the part maxima the decision sets.",
        (_E,),
        basis=_PARTS,
        **_misprint(
            "phần in {printed} điểm, Điều 3 khoản 1 quy định {expected}",
            "the part prints {printed} points, Điều 3 khoản 1 gives {expected}",
        ),
        printed=("erratum", "printed"),
    ),
    Code(
        "sheet_total",
        Kind.COUNT,
        "A sheet's parts add up to 100 (held), or do not (a finding).",
        (_E,),
        held=True,
        basis=_PARTS,
        **_misprint(
            "tổng các phần: {printed}, phải là {expected}",
            "the parts and the total: {printed}, should be {expected}",
        ),
        held_vi="{count} bộ có các phần cộng lại {total}",
        held_en="{count} sheets whose parts add up to {total}",
        printed=("erratum", "printed"),
    ),
    Code(
        "erratum_without_misprint",
        Kind.TEXT,
        "A recorded erratum no longer matches any misprint.",
        (_W,),
        vi="Sai sót {erratum} sửa một giá trị mà bản in không tự mâu thuẫn: {decision}",
        en="Erratum {erratum} corrects a value the printed sheet does not prove wrong: {decision}",
        printed=("erratum", "decision"),
    ),
    Code(
        "option_within_maximum",
        Kind.COUNT,
        "Printed options within their maximum.",
        held=True,
        held_vi="{count} ô phương án in điểm không vượt điểm tối đa",
        held_en="{count} printed option cells within their maximum",
    ),
    Code(
        "best_option_is_maximum",
        Kind.COUNT,
        "Criteria whose best option is the max.",
        held=True,
        held_vi="{count} tiêu chí có phương án cao nhất bằng điểm tối đa",
        held_en="{count} criteria whose best printed option is the maximum",
    ),
    Code(
        "children_add_up",
        Kind.COUNT,
        "Criteria whose sub-criteria add up.",
        held=True,
        held_vi="{count} tiêu chí có các tiêu chí con cộng đúng",
        held_en="{count} criteria whose sub-criteria add up to them",
    ),
    Code(
        "groups_add_up",
        Kind.COUNT,
        "Parts whose groups add up to the part.",
        held=True,
        held_vi="{count} phần có các nhóm tiêu chí cộng đúng điểm của phần",
        held_en="{count} parts whose groups add up to the part's points",
    ),
    Code(
        "part_heading_agrees",
        Kind.COUNT,
        "Part headings that print the part's points.",
        held=True,
        held_vi="{count} tiêu đề phần in đúng điểm của phần",
        held_en="{count} part headings that print the part's points",
    ),
    Code(
        "part_equals_law",
        Kind.COUNT,
        "Parts equal to the decision's part maxima.",
        held=True,
        held_vi="{count} phần bằng điểm tối đa tại {citation}",
        held_en="{count} parts equal to {citation}",
        printed=("citation",),
    ),
    # --- audit: what changes between regulation versions
    Code(
        "band_star_same",
        Kind.COUNT,
        "Totals starred the same under both regulations.",
        held=True,
        held_vi="cả {totals} mức tổng điểm 0–100 (bước 0,01) giữ nguyên hạng",
        held_en=(
            "all {totals} totals from 0 to 100 in steps of 0.01 get the same star under both"
            " regimes"
        ),
    ),
    Code(
        "band_star_changes",
        Kind.TEXT,
        "A total is starred differently under the two regulations.",
        (_I,),
        vi=(
            "{count} trong {totals} mức tổng điểm (0–100, bước 0,01) đổi hạng khi chuyển từ"
            " {old} sang {new}; ví dụ {examples}."
        ),
        en=(
            "{count} of {totals} totals (0–100 in steps of 0.01) change star from {old} to"
            " {new}, e.g. {examples}."
        ),
    ),
    Code(
        "part_maxima_same",
        Kind.COUNT,
        "Part maxima the same under both regulations.",
        held=True,
        held_vi="điểm tối đa Phần A / B / C giữ nguyên ({maxima})",
        held_en="Part A / B / C maxima unchanged ({maxima})",
    ),
    Code(
        "part_maxima_change",
        Kind.TEXT,
        "The part maxima change between regulations.",
        (_I,),
        vi=(
            "Điểm tối đa các phần đổi từ {old} sang {new} ({moves}). Một phiếu giữ nguyên không"
            " thể chấm lại dưới quy định mới khi không có cả hai bộ tiêu chí, nên không tính được"
            " sản phẩm nào đổi hạng."
        ),
        en=(
            "The part maxima change from {old} to {new} ({moves}). Whether a card carried over"
            " unchanged changes star cannot be computed without both regulations'"
            " sheets{reason}."
        ),
    ),
    Code(
        "printed_band_gap_changes",
        Kind.POINTS,
        "The printed gap between bands changes between regulations.",
        (_I,),
        vi=(
            "{count} mức tổng điểm (ví dụ {example}) không thuộc khoảng điểm in ra nào của"
            " {more} nhưng thuộc một khoảng của {fewer}; thư viện xếp hạng theo quy tắc cận dưới"
            " nên hạng không đổi (docs/decisions/stars.md)."
        ),
        en=(
            "{count} totals (e.g. {example}) fall in no printed band of {more} but in one of"
            " {fewer}; the library ranks them by the lower-bound rule, so their star does not"
            " change (docs/decisions/stars.md)."
        ),
        printed=("more", "fewer"),
    ),
    Code(
        "sheets_not_comparable",
        Kind.TEXT,
        "Scorecards cannot be compared: a regulation's sheets are not encoded.",
        (_I,),
        vi=(
            "Không so sánh được phiếu chấm giữa {old} và {new}: bộ tiêu chí của {names} chưa"
            " được mã hóa. Chỉ so sánh được khoảng điểm và điểm tối đa các phần."
        ),
        en=(
            "Scorecards cannot be compared between {old} and {new}: {why}. Only the bands and"
            " the part maxima are compared."
        ),
    ),
    Code(
        "card_star_same",
        Kind.COUNT,
        "Sample cards starred the same under both.",
        held=True,
        held_vi="cả {compared} phiếu mẫu giữ nguyên hạng dưới hai quy định",
        held_en="all {compared} sampled cards get the same star under both regimes",
    ),
    Code(
        "card_star_changes",
        Kind.TEXT,
        "A sample card is starred differently under the two regulations.",
        (_I,),
        vi="{count} trong {compared} phiếu mẫu đổi hạng; ví dụ {examples}.",
        en="{count} of {compared} sampled cards change star, e.g. {examples}.",
    ),
    Code(
        "cards_do_not_carry_over",
        Kind.TEXT,
        "A product set's cards do not carry over between the regulations' sheets.",
        (_I,),
        vi=(
            "Phiếu của {count} bộ sản phẩm không chuyển nguyên được (tiêu chí hoặc phương án"
            " khác nhau)."
        ),
        en=(
            "Cards of {count} product sets do not carry over (their criteria or options"
            " differ): {sets}."
        ),
    ),
    # --- drafts (ocop.drafts)
    Code(
        "draft_sheets_inconsistent",
        Kind.TEXT,
        "A draft's sheets do not add up (parts, groups, options, marks).",
        (_E,),
        vi="Bộ tiêu chí của dự thảo không nhất quán: {problem}.",
        en="The draft's sheets do not add up: {problem}.",
    ),
    # --- audit: certificate status (a failure here is a bug in the library)
    Code(
        "timeline_contiguous",
        Kind.COUNT,
        "Timelines run day after day, no gap.",
        held=True,
        held_vi=(
            "{count} dòng thời gian bắt đầu từ ngày cấp, liền nhau từng ngày, đổi trạng thái ở mỗi"
            " đoạn và không kết thúc"
        ),
        held_en=(
            "{count} timelines start on issue, run day after day with no gap or overlap, change"
            " status at each segment and end open-ended"
        ),
    ),
    Code(
        "timeline_not_contiguous",
        Kind.TEXT,
        "A certificate's timeline has a gap or an overlap.",
        (_E,),
        basis=_CERTS,
        vi=_BUG_VI,
        en=_BUG_EN,
    ),
    Code(
        "segments_start_on_boundaries",
        Kind.COUNT,
        "Timelines start every segment on a boundary.",
        held=True,
        held_vi="{count} dòng thời gian bắt đầu mọi đoạn vào một ngày của boundaries()",
        held_en=("{count} timelines start every segment on a date of boundaries()"),
    ),
    Code(
        "segment_off_boundary",
        Kind.TEXT,
        "A timeline segment starts on a date boundaries() does not list.",
        (_E,),
        basis=_CERTS,
        vi=_BUG_VI,
        en=_BUG_EN,
    ),
    Code(
        "status_matches_timeline",
        Kind.COUNT,
        "Dates where status() equals the timeline.",
        held=True,
        held_vi=(
            "{count} ngày (mỗi mốc, ngày trước mốc, một ngày giữa hai mốc, ngày trước ngày cấp)"
            " status() khớp với dòng thời gian"
        ),
        held_en=(
            "{count} dates (each boundary, the day before it, a day between boundaries, the day"
            " before issue) where status() equals the timeline"
        ),
    ),
    Code(
        "status_disagrees_with_timeline",
        Kind.TEXT,
        "status() differs from the timeline on a date.",
        (_E,),
        basis=_CERTS,
        vi=_BUG_VI,
        en=_BUG_EN,
    ),
    Code(
        "status_constant_between_boundaries",
        Kind.COUNT,
        "Stretches between boundaries with one status.",
        held=True,
        held_vi="{count} khoảng giữa hai mốc liên tiếp có một trạng thái ở hai đầu và ở giữa",
        held_en=(
            "{count} stretches between consecutive boundaries with one status at both ends and in"
            " the middle"
        ),
    ),
    Code(
        "status_changes_off_boundary",
        Kind.TEXT,
        "The status changes between two boundaries.",
        (_E,),
        basis=_CERTS,
        vi=_BUG_VI,
        en=_BUG_EN,
    ),
    Code(
        "window_inside_validity",
        Kind.COUNT,
        "Filing windows inside the validity.",
        held=True,
        held_vi=(
            "{count} khoảng nộp hồ sơ mở sau ngày cấp, mở trước khi đóng và đóng trước ngày hết hạn"
        ),
        held_en=(
            "{count} filing windows that open after issue, open before they close and close before"
            " expiry"
        ),
    ),
    Code(
        "window_outside_validity",
        Kind.TEXT,
        "A filing window opens before issue, closes before it opens or after expiry.",
        (_E,),
        basis=_CERTS,
        vi=_BUG_VI,
        en=_BUG_EN,
    ),
    Code(
        "window_rule_fits_term",
        Kind.COUNT,
        "The re-evaluation window fits inside the shortest term.",
        held=True,
        held_vi=(
            "khoảng nộp hồ sơ ({opens}–{closes} ngày trước khi hết hạn) mở trước khi đóng và nằm"
            " trong thời hạn 36 tháng ngắn nhất ({shortest} ngày)"
        ),
        held_en=(
            "the window ({opens}–{closes} days before expiry) opens before it closes and fits"
            " inside the shortest 36-month term ({shortest} days)"
        ),
    ),
    Code(
        "window_rule_does_not_fit",
        Kind.TEXT,
        "The re-evaluation window does not fit inside the shortest term.",
        (_E,),
        basis=_CERTS,
        vi="Khoảng thời gian nộp hồ sơ đánh giá lại không nằm trong thời hạn giấy chứng nhận.",
        en="The re-evaluation window does not lie inside the certificate's term.",
    ),
    # --- reading documents (ocop.read)
    Code(
        "figure_not_read",
        Kind.TEXT,
        "A figure the reader left out of the checks: its number convention is not decided "
        "by the document, it is beyond any figure a document states, a range runs backwards, "
        "or the document model refuses it (ocop.read's NotRead reasons); the rest is read.",
        (_W,),
        vi="Không đọc {printed}: {why}",
        en="{printed} was not read: {why}",
        printed=("printed",),
    ),
    Code(
        "table_not_read",
        Kind.TEXT,
        "A table of a .docx, .xlsx or .csv file that could not be read as a budget table "
        "(no source or year in its header, no money unit, a figure two ways); it is left out.",
        (_W,),
        vi="Không đọc được bảng {number}{title}: {reason}",
        en="Table {number}{title} was not read: {reason}",
        printed=("title",),
    ),
    # --- document checks (ocop.reports): figures as printed, claim against claim
    Code(
        "sum_mismatch",
        Kind.TEXT,
        "Parts that make a whole add up to other than its stated total.",
        (_E,),
        vi="Các phần {parts} cộng lại {sum}, không bằng tổng {total} đã nêu.",
        en="The parts {parts} add up to {sum}, not the stated total {total}.",
        printed=("parts", "total"),
    ),
    Code(
        "sum_undecided",
        Kind.TEXT,
        "Printed parts and total do not contradict, but cannot prove the sum.",
        (_I,),
        vi=(
            "Các phần {parts} cộng lại {sum}; tổng ghi {total}: không mâu thuẫn, nhưng số "
            "liệu in ra không đủ để khẳng định (giá trị có thể: {left})."
        ),
        en=(
            "The parts {parts} add up to {sum}; the total is {total}: no contradiction, but"
            " the printed figures cannot prove it (possible values: {left})."
        ),
        printed=("parts", "total"),
    ),
    Code(
        "parts_exceed_total",
        Kind.TEXT,
        "Parts listed under a total add up to more than it.",
        (_E,),
        vi="Các phần {parts} (cộng lại {sum}) vượt tổng {total}.",
        en="The parts {parts} (together {sum}) exceed the total {total}.",
        printed=("parts", "total"),
    ),
    Code(
        "parts_within_undecided",
        Kind.TEXT,
        "Parts may fit in their total; the printed figures cannot prove it.",
        (_I,),
        vi=(
            "Các phần {parts} (cộng lại {sum}) có thể nằm trong tổng {total}; số liệu in ra"
            " không đủ để khẳng định."
        ),
        en=(
            "The parts {parts} (together {sum}) may fit in the total {total}; the printed "
            "figures cannot prove it."
        ),
        printed=("parts", "total"),
    ),
    Code(
        "remainder_undecided",
        Kind.TEXT,
        "A 'còn lại' remainder is only known as a range.",
        (_I,),
        vi="Phần còn lại ({name}) là tổng {total} trừ {sum}: {left}.",
        en="The remainder ({name}) is the total {total} less {sum}: {left}.",
        printed=("total", "name"),
    ),
    Code(
        "share_mismatch",
        Kind.PERCENT,
        "A printed share differs from the part over the whole.",
        (_E,),
        vi="Tỷ lệ ghi {stated} nhưng {part} trên {whole} là {exact}.",
        en="The share is printed as {stated} but {part} of {whole} is {exact}.",
        printed=("stated", "part", "whole"),
    ),
    Code(
        "share_undecided",
        Kind.PERCENT,
        "A printed share is within what the rounded figures allow, unproven.",
        (_I,),
        vi="Tỷ lệ ghi {stated}; từ số liệu in ra, tỷ lệ thực nằm trong {exact}.",
        en="The share is printed as {stated}; the printed figures put it within {exact}.",
        printed=("stated",),
    ),
    Code(
        "share_unchecked",
        Kind.PERCENT,
        "A share cannot be checked: its base may be 0.",
        (_I,),
        vi="Tỷ lệ {stated} không kiểm tra được: tổng làm gốc có thể bằng 0.",
        en="The share {stated} cannot be checked: its base may be 0.",
    ),
    Code(
        "shares_do_not_total",
        Kind.PERCENT,
        "Shares of parts that make the whole do not add up to 100%.",
        (_E,),
        vi="Các tỷ lệ {shares} của các phần hợp thành tổng cộng lại {sum}, không phải 100%.",
        en="The shares {shares} of parts that make the whole add up to {sum}, not 100%.",
    ),
    Code(
        "shares_forced_to_100",
        Kind.PERCENT,
        "Shares were rounded so as to add up to exactly 100%.",
        (_I,),
        vi="Các tỷ lệ {shares} được làm tròn để cộng đúng 100%: {adjusted}.",
        en="The shares {shares} were rounded to add up to exactly 100%: {adjusted}.",
    ),
    Code(
        "rate_mismatch",
        Kind.TEXT,
        "A count times a rate differs from the stated product.",
        (_E,),
        vi="{count} × {each} = {product}, không phải {stated}.",
        en="{count} × {each} = {product}, not {stated}.",
        printed=("count", "stated"),
    ),
    Code(
        "rate_undecided",
        Kind.TEXT,
        "A count times a rate may equal the stated product, unproven.",
        (_I,),
        vi="{count} × {each} = {product}; ghi {stated}: số liệu in ra không đủ để khẳng định.",
        en="{count} × {each} = {product}; printed {stated}: the figures cannot prove it.",
        printed=("count", "stated"),
    ),
    Code(
        "stated_twice_differ",
        Kind.TEXT,
        "The same figure is printed twice with different values.",
        (_E,),
        vi="Cùng một số liệu được ghi {first} ({first_where}) và {second} ({second_where}).",
        en="The same figure is stated as {first} ({first_where}) and {second} ({second_where}).",
        printed=("first", "second", "first_where", "second_where"),
    ),
    Code(
        "stated_twice_undecided",
        Kind.TEXT,
        "The same figure is printed twice in compatible ways.",
        (_I,),
        vi=(
            "Cùng một số liệu được ghi {first} ({first_where}) và {second} "
            "({second_where}); hai cách ghi không mâu thuẫn."
        ),
        en=(
            "The same figure is stated as {first} ({first_where}) and {second} "
            "({second_where}); the two do not contradict each other."
        ),
        printed=("first", "second", "first_where", "second_where"),
    ),
    Code(
        "table_mismatch",
        Kind.TEXT,
        "A figure in the text differs from its table's.",
        (_E,),
        vi="{name}: lời văn ghi {stated}, bảng {table} ghi {figure}.",
        en="{name}: the text gives {stated}; table {table} has {figure}.",
    ),
    Code(
        "period_outside_total",
        Kind.YEARS,
        "A part is for years outside its total's period.",
        (_E,),
        vi="Phần {name} cho {part}, ngoài giai đoạn {whole} của tổng.",
        en="The part {name} is for {part}, outside its total's period {whole}.",
    ),
    Code(
        "parts_sum",
        Kind.TEXT,
        "Parts add up to their total.",
        held=True,
        held_vi="các phần cộng đúng tổng: {parts} = {sum}",
        held_en="the parts add up to the total: {parts} = {sum}",
        printed=("parts",),
    ),
    Code(
        "parts_within_total",
        Kind.TEXT,
        "Parts fit within their total.",
        held=True,
        held_vi="các phần {parts} (cộng lại {sum}) nằm trong tổng {total}",
        held_en="the parts {parts} (together {sum}) fit in the total {total}",
        printed=("parts", "total"),
    ),
    Code(
        "remainder",
        Kind.TEXT,
        "A 'còn lại' remainder is the total less the other parts.",
        held=True,
        held_vi="phần còn lại ({name}) là {total} trừ {sum}: {left}",
        held_en="the remainder ({name}) is {total} less {sum}: {left}",
        printed=("total", "name"),
    ),
    Code(
        "share",
        Kind.TEXT,
        "A printed share equals the part over the whole.",
        held=True,
        held_vi="{stated} là tỷ lệ của {part} trên {whole} ({exact})",
        held_en="{stated} is {part} of {whole} ({exact})",
        printed=("stated", "part", "whole"),
    ),
    Code(
        "shares_total",
        Kind.TEXT,
        "Shares of the whole add up to 100%.",
        held=True,
        held_vi="các tỷ lệ {shares} cộng lại 100%",
        held_en="the shares {shares} add up to 100%",
    ),
    Code(
        "rate",
        Kind.TEXT,
        "A count times a rate equals the stated product.",
        held=True,
        held_vi="{count} × {each} = {product}",
        held_en="{count} × {each} = {product}",
        printed=("count",),
    ),
    Code(
        "stated_twice",
        Kind.TEXT,
        "A figure printed twice is the same both times.",
        held=True,
        held_vi="ghi hai lần, cùng {first}",
        held_en="stated twice, the same: {first}",
        printed=("first",),
    ),
    Code(
        "matches_table",
        Kind.TEXT,
        "A figure in the text agrees with its table.",
        held=True,
        held_vi="{name}: lời văn ({stated}) khớp với bảng {table} ({figure})",
        held_en="{name}: the text ({stated}) agrees with table {table} ({figure})",
    ),
    Code(
        "period_within_total",
        Kind.TEXT,
        "A part's years are within its total's period.",
        held=True,
        held_vi="năm của phần ({part}) nằm trong giai đoạn {whole}",
        held_en="the part's years {part} are within {whole}",
    ),
)


def _reconciliation_codes() -> Iterator[Code]:
    """ocop.budget.reconcile names a comparison by the axes it adds: ``items_years_sum``."""
    axes = ("items", "sources", "years")
    sums = ["_".join(c) for n in (1, 2, 3) for c in combinations(axes, n)] + ["sub_sources"]
    for name in sums:
        what = name.replace("_", " and ").replace("sub and sources", "sub-sources")
        yield Code(
            f"{name}_sum",
            Kind.DONG,
            f"A stated total equals its {what}.",
            held=True,
            held_vi="{total} = {parts} ({unit})",
            held_en="{total} = {parts} ({unit})",
        )
        yield Code(
            f"{name}_sum_mismatch",
            Kind.DONG,
            f"A stated total differs from the sum of its {what}.",
            (_E,),
            vi="{where}: ghi {total}, cộng {what} được {sum} ({parts}), chênh {gap}",
            en=(
                "{where}: stated {total}, the parts add up to {sum} ({parts}), a difference"
                " of {gap}"
            ),
            printed=("where",),
        )


#: Every declared code by name, in the order above.
CODES: Mapping[str, Code] = MappingProxyType(
    {c.name: c for c in (*_DECLARED, *_reconciliation_codes())}
)


def get(name: str) -> Code:
    """The declared code ``name`` (NotFound otherwise; InvalidInput for a name not a str)."""
    if not isinstance(name, str):
        raise InvalidInput(f"a finding code is a str, not {show(name)}", value=show(name))
    try:
        return CODES[name]
    except KeyError:
        raise NotFound(
            f"no finding code {show(name)}; `ocop codes` lists them", code=name
        ) from None


def markdown() -> str:
    """docs/codes.md: the table of codes (a test fails when the file is stale)."""
    lines = [
        "# Finding codes",
        "",
        "Generated from `ocop.codes` by `ocop codes --format markdown`; do not edit by hand "
        "(`tests/test_codes.py` fails when this page is stale). A code is stable: tools may "
        "match on it. *Severities* are those a finding with the code is reported at; *held* "
        "marks a code also reported for a check that held (`Proven`). *Kind* is what its "
        "values count: `dong` values are amounts in đồng, shown in the table's unit.",
        "",
        "| code | severities | held | kind | meaning | basis |",
        "|---|---|---|---|---|---|",
    ]
    for c in CODES.values():
        severities = ", ".join(s.value for s in c.severities) or "—"
        held = "yes" if c.held else ""
        basis = c.basis or ""
        lines.append(
            f"| `{c.name}` | {severities} | {held} | {c.kind.value} | {c.description} | {basis} |"
        )
    lines += [
        "",
        "## Messages",
        "",
        "Every finding's message, in Vietnamese and English, is its code's template filled "
        "by the check (`ocop.findings.finding`, `ocop.findings.proven`); a `{name}` is a "
        "value the check gives. *held* is the message of a check that held.",
        "",
        "What the library writes is in the message's language: its words, the names of "
        "funding sources and totals, units (`triệu đồng` / `million VND`), numbers "
        "(`134.750,5` / `134,750.5`) and dates (`31/12/2025` / `2025-12-31`). What the "
        "document or the law printed stays as printed in both languages, so that a reader "
        "can find it in the source: the fields listed under *as printed* (a place, a "
        "heading, an item's label, a plan's or a sheet's name, a band or a figure as "
        "printed, an erratum's record), as do `location` and `quote`. "
        "`tests/test_english_messages.py` fills every message over what the library ships "
        "and fails for a Vietnamese word in English outside those fields, or a number or "
        "a date written the other language's way (docs/decisions/messages.md).",
        "",
        "| code | for | Vietnamese | English | as printed |",
        "|---|---|---|---|---|",
    ]
    for c in CODES.values():
        for as_held in (False, True):
            if (as_held and c.held) or (not as_held and c.severities):
                vi, en = (_cell(t) for t in c.templates(held=as_held))
                role = "held" if as_held else "finding"
                fields = c.fields(held=as_held)
                printed = ", ".join(f"`{f}`" for f in c.printed if f in fields)
                lines.append(f"| `{c.name}` | {role} | {vi} | {en} | {printed} |")
    return "\n".join(lines) + "\n"


def _cell(template: str) -> str:
    """A template in a Markdown table cell (a pipe would end the cell)."""
    return template.replace("|", "\\|")
