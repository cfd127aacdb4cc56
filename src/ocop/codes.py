"""Every finding code the library can report, declared once.

A :class:`~ocop.findings.Finding` or :class:`~ocop.findings.Proven` can only be
built with a code declared here (anything else is :class:`~ocop.errors.InvalidInput`),
so this table is the complete list of stable codes: ``ocop codes`` prints it and
docs/codes.md is generated from it.  Each code names the severities it is
reported at (none for a code that only reports a check that held), the
:class:`Kind` of its values, so that the display writes đồng as amounts without
guessing from the code's spelling, a one-line description, and the rule it
rests on where that is a rule of law.

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
from types import MappingProxyType
from typing import ClassVar, Final

import attrs

from ocop.errors import InvalidInput, NotFound
from ocop.text import show

__all__ = ["CODES", "Code", "Kind", "Severity", "get", "markdown"]


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
    #: Message templates with named fields (``{total}``), where the check fills them from here.
    vi: str | None = None
    en: str | None = None

    @property
    def severity(self) -> Severity | None:
        """The usual severity (the first declared); None for a code of held checks only."""
        return self.severities[0] if self.severities else None


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# Each audit finding cites its own regulation's article; these name the rule under 26/2026.
_QD26_BANDS: Final = "star bands: 26/2026/QĐ-TTg, Điều 3, khoản 3"
_SHEETS: Final = "scoresheets: 26/2026/QĐ-TTg, Điều 3, khoản 2, Phụ lục II"
_PARTS: Final = "part maxima: 26/2026/QĐ-TTg, Điều 3, khoản 1"
_CERTS: Final = "validity: 26/2026/QĐ-TTg, Điều 4, khoản 3; re-evaluation: Điều 7, khoản 6"

_DECLARED: Final[tuple[Code, ...]] = (
    # --- plan checks (ocop.plans.checks): a plan against itself and its references
    Code("percentage_out_of_range", Kind.TEXT, "A share target lies outside 0–100%.", (_E,)),
    Code("range_inverted", Kind.TEXT, "A range target has its low end above its high.", (_E,)),
    Code("breakdown_sum", Kind.TEXT, "A complete breakdown's parts can make its total.", held=True),
    Code(
        "breakdown_sum_mismatch",
        Kind.TEXT,
        "A complete breakdown's parts cannot add up to its stated total.",
        (_E,),
    ),
    Code(
        "breakdown_exceeds_total",
        Kind.TEXT,
        "The parts of a 'trong đó' breakdown need more than its total allows.",
        (_E,),
    ),
    Code(
        "breakdown_within_total",
        Kind.TEXT,
        "The parts of a 'trong đó' breakdown fit within its total.",
        held=True,
    ),
    Code(
        "part_outside_total_stars",
        Kind.TEXT,
        "A part counts products at stars its total does not count.",
        (_E,),
    ),
    Code(
        "deadline_in_horizon",
        Kind.YEARS,
        "A target's deadline falls in the plan's horizon rather than its period.",
        (_I,),
    ),
    Code("deadline_outside_period", Kind.YEARS, "A target's deadline is outside the plan.", (_E,)),
    Code(
        "baseline_after_deadline",
        Kind.TEXT,
        "A target's baseline is dated after its deadline.",
        (_E,),
    ),
    Code("baseline_change", Kind.TEXT, "Baseline plus stated change equals the target.", held=True),
    Code(
        "baseline_mismatch",
        Kind.TEXT,
        "Baseline plus stated change does not equal the target.",
        (_E,),
    ),
    Code(
        "exclusive_shares", Kind.PERCENT, "Shares of one whole add up to at most 100%.", held=True
    ),
    Code("shares_exceed_100", Kind.PERCENT, "Shares of one whole add up to more than 100%.", (_E,)),
    Code(
        "meets_national",
        Kind.TEXT,
        "A provincial target is at least the national programme's.",
        held=True,
        basis="the national programme in force at the deadline (919/QĐ-TTg for 2021–2025)",
    ),
    Code(
        "weaker_than_national",
        Kind.TEXT,
        "A provincial target is weaker than the national programme's.",
        (_W,),
        basis="the national programme in force at the deadline (919/QĐ-TTg for 2021–2025)",
    ),
    Code(
        "annual_outside_multi_year",
        Kind.TEXT,
        "An annual target lies outside what the multi-year plan allows.",
        (_E,),
    ),
    Code(
        "annual_inconsistent",
        Kind.TEXT,
        "An annual target contradicts the multi-year plan's target.",
        (_E,),
    ),
    Code(
        "annual_meets_multi_year",
        Kind.TEXT,
        "An annual target keeps pace with the multi-year plan.",
        (_I,),
    ),
    Code(
        "annual_behind_multi_year",
        Kind.TEXT,
        "An annual target falls behind the multi-year plan's pace.",
        (_W,),
    ),
    Code(
        "budget_quantity",
        Kind.COUNT,
        "The budget pays for at least the products the target asks for.",
        held=True,
    ),
    Code(
        "budget_quantity_below_target",
        Kind.COUNT,
        "The budget pays for fewer products than the target asks for.",
        (_W,),
    ),
    # --- budget checks (ocop.budget.checks): claims in the text against the tables
    Code("period", Kind.YEARS, "A stated period matches the years the table phases.", held=True),
    Code(
        "period_mismatch",
        Kind.YEARS,
        "A stated period differs from the years the table phases.",
        (_W,),
    ),
    Code(
        "years_short_of_plan",
        Kind.YEARS,
        "The table phases fewer years than the plan runs.",
        (_I,),
    ),
    Code("claim_parts_sum", Kind.DONG, "A claimed total equals its listed parts.", held=True),
    Code(
        "claim_parts_mismatch",
        Kind.DONG,
        "A claimed total differs from its complete list of parts.",
        (_E,),
    ),
    Code(
        "claim_parts_exceed",
        Kind.DONG,
        "The parts listed under a claimed total add up to more than it.",
        (_E,),
    ),
    Code(
        "claim_parts_short",
        Kind.DONG,
        "The parts listed after 'trong đó' add up to less than the claimed total.",
        (_W,),
    ),
    Code(
        "claim_matches_table",
        Kind.DONG,
        "A figure in the text equals the table's.",
        held=True,
    ),
    Code("claim_mismatch", Kind.DONG, "A figure in the text differs from the table's.", (_E,)),
    Code(
        "claim_not_in_table",
        Kind.DONG,
        "A figure in the text has no counterpart in the table.",
        (_I,),
    ),
    Code("tables_agree", Kind.DONG, "Two tables give the same figures.", held=True),
    Code("tables_disagree", Kind.DONG, "Two tables give different figures.", (_E,)),
    Code(
        "source_in_one_table",
        Kind.DONG,
        "A funding source appears in one table only.",
        (_I,),
    ),
    # --- audit of the law (ocop.audit): bands
    Code("band_each_star_once", Kind.COUNT, "Every star has exactly one band.", held=True),
    Code(
        "band_stars",
        Kind.TEXT,
        "The bands do not give each star once.",
        (_E,),
        basis=_QD26_BANDS,
    ),
    Code("band_cover", Kind.COUNT, "The bands cover 0–100 without overlap.", held=True),
    Code("band_range", Kind.TEXT, "A band runs outside 0–100.", (_E,), basis=_QD26_BANDS),
    Code(
        "band_gap",
        Kind.TEXT,
        "Totals between two bands fall in no band.",
        (_W,),
        basis=_QD26_BANDS,
    ),
    Code("band_overlap", Kind.TEXT, "Two bands share totals.", (_E,), basis=_QD26_BANDS),
    Code(
        "band_star_at_edges",
        Kind.COUNT,
        "The library's star equals the printed band's at every edge.",
        held=True,
    ),
    Code(
        "band_star_disagrees",
        Kind.TEXT,
        "The library's star differs from the printed band's at an edge.",
        (_E,),
        basis=_QD26_BANDS,
    ),
    # --- audit: star marks
    Code(
        "star_marks_not_encoded",
        Kind.TEXT,
        "The regulation's scoresheets are not encoded, so their marks are not checked.",
        (_I,),
    ),
    Code(
        "star_marks_inverted",
        Kind.TEXT,
        "A higher star's printed mark asks less than a lower star's.",
        (_E,),
        basis=_SHEETS,
    ),
    Code("star_marks_printed", Kind.COUNT, "Sheets that print star marks.", held=True),
    Code(
        "star_marks_fit_band",
        Kind.COUNT,
        "Cards meeting a star's marks can score within its band.",
        held=True,
    ),
    Code("star_reachable", Kind.COUNT, "Stars some card can reach.", held=True),
    Code("no_star_mark", Kind.TEXT, "A sheet prints no mark for a star.", (_W,), basis=_SHEETS),
    Code(
        "star_marks_force_higher_band",
        Kind.POINTS,
        "Meeting a star's marks forces a total in a higher star's band.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "star_unreachable",
        Kind.TEXT,
        "No card reaches a star (an error for a recognised star, information otherwise).",
        (_E, _I),
        basis=_SHEETS,
    ),
    Code(
        "star_marks_below_band",
        Kind.POINTS,
        "A card meeting a star's marks can total below its band.",
        (_I,),
        basis=_SHEETS,
    ),
    # --- audit: printed maxima
    Code("part_maxima_total", Kind.COUNT, "The part maxima add up to 100.", (_E,), held=True),
    Code(
        "sheets_not_encoded",
        Kind.TEXT,
        "The regulation's scoresheets are not encoded; only the part maxima are checked.",
        (_I,),
    ),
    Code(
        "option_above_maximum",
        Kind.POINTS,
        "A printed option exceeds its criterion's maximum (an error unless an erratum records it).",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "option_points_blank",
        Kind.POINTS,
        "A printed option has no points (a warning when an erratum records it).",
        (_E, _W),
        basis=_SHEETS,
    ),
    Code(
        "criterion_without_options",
        Kind.COUNT,
        "A criterion prints no option.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "maximum_not_a_number",
        Kind.TEXT,
        "A criterion's printed maximum is not a number.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "maximum_unreachable",
        Kind.POINTS,
        "No printed option reaches the criterion's maximum.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "children_do_not_add_up",
        Kind.POINTS,
        "A criterion's sub-criteria do not add up to it.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "groups_do_not_add_up",
        Kind.POINTS,
        "A part's groups do not add up to the part's points.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "part_heading_disagrees",
        Kind.POINTS,
        "A part heading prints other points than its points cell.",
        (_E,),
        basis=_SHEETS,
    ),
    Code(
        "part_differs_from_law",
        Kind.POINTS,
        "A sheet's part differs from the part maxima the decision sets.",
        (_E,),
        basis=_PARTS,
    ),
    Code(
        "sheet_total",
        Kind.COUNT,
        "A sheet's parts add up to 100 (held), or do not (a finding).",
        (_E,),
        held=True,
        basis=_PARTS,
    ),
    Code(
        "erratum_without_misprint",
        Kind.TEXT,
        "A recorded erratum no longer matches any misprint.",
        (_W,),
    ),
    Code("option_within_maximum", Kind.COUNT, "Printed options within their maximum.", held=True),
    Code("best_option_is_maximum", Kind.COUNT, "Criteria whose best option is the max.", held=True),
    Code("children_add_up", Kind.COUNT, "Criteria whose sub-criteria add up.", held=True),
    Code("groups_add_up", Kind.COUNT, "Parts whose groups add up to the part.", held=True),
    Code(
        "part_heading_agrees", Kind.COUNT, "Part headings that print the part's points.", held=True
    ),
    Code("part_equals_law", Kind.COUNT, "Parts equal to the decision's part maxima.", held=True),
    # --- audit: what changes between regulation versions
    Code(
        "band_star_same", Kind.COUNT, "Totals starred the same under both regulations.", held=True
    ),
    Code(
        "band_star_changes",
        Kind.TEXT,
        "A total is starred differently under the two regulations.",
        (_I,),
    ),
    Code("part_maxima_same", Kind.COUNT, "Part maxima the same under both regulations.", held=True),
    Code("part_maxima_change", Kind.TEXT, "The part maxima change between regulations.", (_I,)),
    Code(
        "printed_band_gap_changes",
        Kind.POINTS,
        "The printed gap between bands changes between regulations.",
        (_I,),
    ),
    Code(
        "sheets_not_comparable",
        Kind.TEXT,
        "Scorecards cannot be compared: a regulation's sheets are not encoded.",
        (_I,),
    ),
    Code("card_star_same", Kind.COUNT, "Sample cards starred the same under both.", held=True),
    Code(
        "card_star_changes",
        Kind.TEXT,
        "A sample card is starred differently under the two regulations.",
        (_I,),
    ),
    Code(
        "cards_do_not_carry_over",
        Kind.TEXT,
        "A product set's cards do not carry over between the regulations' sheets.",
        (_I,),
    ),
    # --- drafts (ocop.drafts)
    Code(
        "draft_sheets_inconsistent",
        Kind.TEXT,
        "A draft's sheets do not add up (parts, groups, options, marks).",
        (_E,),
    ),
    # --- audit: certificate status (a failure here is a bug in the library)
    Code("timeline_contiguous", Kind.COUNT, "Timelines run day after day, no gap.", held=True),
    Code(
        "timeline_not_contiguous",
        Kind.TEXT,
        "A certificate's timeline has a gap or an overlap.",
        (_E,),
        basis=_CERTS,
    ),
    Code(
        "segments_start_on_boundaries",
        Kind.COUNT,
        "Timelines start every segment on a boundary.",
        held=True,
    ),
    Code(
        "segment_off_boundary",
        Kind.TEXT,
        "A timeline segment starts on a date boundaries() does not list.",
        (_E,),
        basis=_CERTS,
    ),
    Code(
        "status_matches_timeline",
        Kind.COUNT,
        "Dates where status() equals the timeline.",
        held=True,
    ),
    Code(
        "status_disagrees_with_timeline",
        Kind.TEXT,
        "status() differs from the timeline on a date.",
        (_E,),
        basis=_CERTS,
    ),
    Code(
        "status_constant_between_boundaries",
        Kind.COUNT,
        "Stretches between boundaries with one status.",
        held=True,
    ),
    Code(
        "status_changes_off_boundary",
        Kind.TEXT,
        "The status changes between two boundaries.",
        (_E,),
        basis=_CERTS,
    ),
    Code("window_inside_validity", Kind.COUNT, "Filing windows inside the validity.", held=True),
    Code(
        "window_outside_validity",
        Kind.TEXT,
        "A filing window opens before issue, closes before it opens or after expiry.",
        (_E,),
        basis=_CERTS,
    ),
    Code(
        "window_rule_fits_term",
        Kind.COUNT,
        "The re-evaluation window fits inside the shortest term.",
        held=True,
    ),
    Code(
        "window_rule_does_not_fit",
        Kind.TEXT,
        "The re-evaluation window does not fit inside the shortest term.",
        (_E,),
        basis=_CERTS,
    ),
    # --- document checks (ocop.reports): figures as printed, claim against claim
    Code(
        "sum_mismatch",
        Kind.TEXT,
        "Parts that make a whole add up to other than its stated total.",
        (_E,),
        vi="Các phần {parts} cộng lại {sum}, không bằng tổng {total} đã nêu.",
        en="The parts {parts} add up to {sum}, not the stated total {total}.",
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
    ),
    Code(
        "parts_exceed_total",
        Kind.TEXT,
        "Parts listed under a total add up to more than it.",
        (_E,),
        vi="Các phần {parts} (cộng lại {sum}) vượt tổng {total}.",
        en="The parts {parts} (together {sum}) exceed the total {total}.",
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
    ),
    Code(
        "remainder_undecided",
        Kind.TEXT,
        "A 'còn lại' remainder is only known as a range.",
        (_I,),
        vi="Phần còn lại ({name}) là tổng {total} trừ {sum}: {left}.",
        en="The remainder ({name}) is the total {total} less {sum}: {left}.",
    ),
    Code(
        "share_mismatch",
        Kind.PERCENT,
        "A printed share differs from the part over the whole.",
        (_E,),
        vi="Tỷ lệ ghi {stated} nhưng {part} trên {whole} là {exact}.",
        en="The share is printed as {stated} but {part} of {whole} is {exact}.",
    ),
    Code(
        "share_undecided",
        Kind.PERCENT,
        "A printed share is within what the rounded figures allow, unproven.",
        (_I,),
        vi="Tỷ lệ ghi {stated}; từ số liệu in ra, tỷ lệ thực nằm trong {exact}.",
        en="The share is printed as {stated}; the printed figures put it within {exact}.",
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
    ),
    Code(
        "rate_undecided",
        Kind.TEXT,
        "A count times a rate may equal the stated product, unproven.",
        (_I,),
        vi="{count} × {each} = {product}; ghi {stated}: số liệu in ra không đủ để khẳng định.",
        en="{count} × {each} = {product}; printed {stated}: the figures cannot prove it.",
    ),
    Code(
        "stated_twice_differ",
        Kind.TEXT,
        "The same figure is printed twice with different values.",
        (_E,),
        vi="Cùng một số liệu được ghi {first} ({first_where}) và {second} ({second_where}).",
        en="The same figure is stated as {first} ({first_where}) and {second} ({second_where}).",
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
        vi="các phần cộng đúng tổng: {parts} = {sum}",
        en="the parts add up to the total: {parts} = {sum}",
    ),
    Code(
        "parts_within_total",
        Kind.TEXT,
        "Parts fit within their total.",
        held=True,
        vi="các phần {parts} (cộng lại {sum}) nằm trong tổng {total}",
        en="the parts {parts} (together {sum}) fit in the total {total}",
    ),
    Code(
        "remainder",
        Kind.TEXT,
        "A 'còn lại' remainder is the total less the other parts.",
        held=True,
        vi="phần còn lại ({name}) là {total} trừ {sum}: {left}",
        en="the remainder ({name}) is {total} less {sum}: {left}",
    ),
    Code(
        "share",
        Kind.TEXT,
        "A printed share equals the part over the whole.",
        held=True,
        vi="{stated} là tỷ lệ của {part} trên {whole} ({exact})",
        en="{stated} is {part} of {whole} ({exact})",
    ),
    Code(
        "shares_total",
        Kind.TEXT,
        "Shares of the whole add up to 100%.",
        held=True,
        vi="các tỷ lệ {shares} cộng lại 100%",
        en="the shares {shares} add up to 100%",
    ),
    Code(
        "rate",
        Kind.TEXT,
        "A count times a rate equals the stated product.",
        held=True,
        vi="{count} × {each} = {product}",
        en="{count} × {each} = {product}",
    ),
    Code(
        "stated_twice",
        Kind.TEXT,
        "A figure printed twice is the same both times.",
        held=True,
        vi="ghi hai lần, cùng {first}",
        en="stated twice, the same: {first}",
    ),
    Code(
        "matches_table",
        Kind.TEXT,
        "A figure in the text agrees with its table.",
        held=True,
        vi="{name}: lời văn ({stated}) khớp với bảng {table} ({figure})",
        en="{name}: the text ({stated}) agrees with table {table} ({figure})",
    ),
    Code(
        "period_within_total",
        Kind.TEXT,
        "A part's years are within its total's period.",
        held=True,
        vi="năm của phần ({part}) nằm trong giai đoạn {whole}",
        en="the part's years {part} are within {whole}",
    ),
)


def _reconciliation_codes() -> Iterator[Code]:
    """ocop.budget.reconcile names a comparison by the axes it adds: ``items_years_sum``."""
    axes = ("items", "sources", "years")
    sums = ["_".join(c) for n in (1, 2, 3) for c in combinations(axes, n)] + ["sub_sources"]
    for name in sums:
        what = name.replace("_", " and ").replace("sub and sources", "sub-sources")
        yield Code(f"{name}_sum", Kind.DONG, f"A stated total equals its {what}.", held=True)
        yield Code(
            f"{name}_sum_mismatch",
            Kind.DONG,
            f"A stated total differs from the sum of its {what}.",
            (_E,),
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
    return "\n".join(lines) + "\n"
