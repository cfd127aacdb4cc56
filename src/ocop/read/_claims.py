"""Claims: each figure a sentence states, with its unit, hedge, stars, period and span.

A claim is a number followed by a unit the reader knows: a money unit
("134.750 triệu đồng", "1,5 tỷ", "50 triệu đồng/sản phẩm"), "%", or a noun
counted ("sản phẩm", "chủ thể", "điểm giới thiệu"…).  The words before it
give its hedge (:data:`ocop.figures.HEDGE_WORDS`: "ít nhất", "hơn",
"khoảng"…), "N - M" or "từ N đến M" a range; the words after it its stars
("từ 3 sao trở lên", "3-4 sao"; "tiềm năng 5 sao" is no star rank), and its
sentence the period ("giai đoạn 2021-2025", "năm 2024") and whether it is a
target ("Phấn đấu…", "Mục tiêu…") or a result ("đến nay đã có…").  A number
with no unit after it, a reference ("Điều 3", "Mục II", "Phụ lục 1"), a date
or a document number ("718/KH-UBND") is not a claim.  How each choice was made
is in docs/decisions/reading.md.

>>> from ocop.read._sentences import split
>>> s = split("Phấn đấu có ít nhất 250 sản phẩm OCOP đạt từ 3 sao trở lên.")[0]
>>> [(c.figure.hedge.value, str(c.figure), c.unit, str(c.stars), c.stance.value)
...  for c in read_sentence(s, 0, locale=None)[0]]
[('at_least', 'ít nhất 250 sản phẩm', 'sản phẩm', '3★–5★', 'target')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from ocop.budget.vocabulary import Source
from ocop.errors import OcopError
from ocop.figures import HEDGE_WORDS, LARGEST_FIGURE, Figure, Hedge
from ocop.money import Locale, Unit
from ocop.plans.targets import Stars
from ocop.read._numbers import Token, readings, tokens, value
from ocop.read._sentences import Sentence

__all__ = ["COUNT_NOUNS", "REASONS", "REPORTED", "Claim", "NotRead", "Stance", "read_sentence"]


class Stance(StrEnum):
    """Whether a figure is aimed at or achieved."""

    TARGET = "target"  # "Phấn đấu…", "Mục tiêu…", "dự kiến…"
    RESULT = "result"  # "đến nay đã có…", "đã công nhận…"
    UNSTATED = "unstated"


@attrs.frozen(slots=True)
class Claim:
    """One figure a sentence states, read; ``span`` is its words in the whole text."""

    figure: Figure
    unit: str
    what: str
    span: tuple[int, int]
    sentence: int  # index of the sentence in the reading
    stance: Stance
    stars: Stars | None = None
    source: Source | None = None
    years: tuple[int, int] | None = None
    share: Figure | None = None  # "(35%)", "(chiếm 58,49%)" printed after it
    change: bool = False  # "tăng 50 sản phẩm so với…": a difference, not a count


@attrs.frozen(slots=True)
class NotRead:
    """A number the reader saw and did not read as a claim, and why."""

    text: str
    span: tuple[int, int]
    sentence: int
    reason: str  # a key of REASONS
    why: str | None = None  # for "refused": what the document model said


#: Why a number was not read (:attr:`NotRead.reason`), each reason declared here only.
#: The reasons a figure with a unit was not read are reported (``figure_not_read``):
#: :data:`REPORTED`; the rest are numbers that are no claim.
REASONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "convention": "it reads two ways and the document does not say which notation",
        "not_a_number": "not a number in either notation",
        "no_unit": "no unit the reader knows after it",
        "reference": "a reference, date, document number or star mark, not a figure",
        "unknown_money": "a money word before another noun, not an amount in đồng",
        "share": "the share of an amount that was not read",
        "reversed_range": "a range whose top is not above its bottom",
        "out_of_bounds": "beyond the largest figure a document states (10^12)",
        "refused": "the document model refuses the quantity it would be",
    }
)
REPORTED: Final = frozenset({"convention", "out_of_bounds", "reversed_range", "refused"})


#: Nouns counted in OCOP documents, longest first (the unit of a count claim).
COUNT_NOUNS = (
    "điểm giới thiệu và bán sản phẩm",
    "điểm giới thiệu, bán sản phẩm",
    "điểm giới thiệu sản phẩm",
    "điểm giới thiệu",
    "điểm bán",
    "tổ hợp tác",
    "hợp tác xã",
    # The programme's own words (Quyết định 26/2026/QĐ-TTg): its subjects are "tổ chức
    # kinh tế", a product starts as an "ý tưởng sản phẩm"; plans count the "trung tâm"
    # (trưng bày sản phẩm OCOP) and the training classes they hold.
    "tổ chức kinh tế",
    "tổ chức",
    "công ty",
    "địa phương",
    "ý tưởng sản phẩm",
    "trung tâm",
    "lớp tập huấn",
    "lớp đào tạo",
    "sản phẩm",
    "chủ thể",
    "làng nghề",
    "doanh nghiệp",
    "cơ sở",
    "hộ",
    "mô hình",
    "chuỗi giá trị",
    "cửa hàng",
    "gian hàng",
    "hội chợ",
    "lao động",
    "người",
    "lượt người",
    "lượt",
    "xã",
    "huyện",
    "tỉnh",
    "thôn",
    "làng",
    "HTX",
)

_MONEY = (
    "tỷ đồng",
    "tỉ đồng",
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "tỷ",
    "tỉ",
    "triệu",
    "nghìn",
    "ngàn",
    "đồng",
    "VNĐ",
)
_NUMBER_WORDS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    # A line may break inside a unit ("250 sản\nphẩm"): any run of spaces between its words.
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in ordered)


_WORDS = re.compile(
    rf"(?<!\w)({_alternatives(list(_NUMBER_WORDS))})"
    rf"(?=\s+(?:{_alternatives(list(COUNT_NOUNS))})(?!\w))",
    re.I,
)
_PERCENT = re.compile(r"\s*(?:%|phần trăm)")
_MONEY_UNIT = re.compile(rf"\s*({_alternatives(_MONEY)})(?!\w)(?:\s*/\s*(\w+(?: \w+)?))?", re.I)
_COUNT = re.compile(rf"\s*({_alternatives(list(COUNT_NOUNS))})(?!\w)(\s*/\s*năm)?", re.I)
# "tổng số sản phẩm … là 210": a count whose noun is printed before it.
_NAMED_BEFORE = re.compile(
    rf"(?<!\w)tổng số\s+({_alternatives(list(COUNT_NOUNS))})(?!\w)[^,;:()]{{0,60}}?"
    r"\s(?:là|:)\s*$",
    re.I,
)
_NOT_DONG = re.compile(r"\s*(?:USD|đô|\$|lượt|người|sản phẩm|khách)", re.I)
# Words right before a number that make it a reference, a date or a rank, not a quantity.
# Not "tổng số" (the total number of), "trong số" (among) nor the verbs "phân/xếp/nâng
# hạng" (to rank, to upgrade) and "chấm điểm" (to score): "tổng số 99 sản phẩm", "trong
# số 11 sản phẩm", "phân hạng 62 sản phẩm", "chấm điểm 4 sản phẩm" count products.
_REFERENCE = re.compile(
    r"(?:mục|điều|khoản|(?<!chấm )điểm|phụ lục|chương|phần|(?<!tổng )(?<!trong )số|ngày|"
    r"tháng|năm|giai đoạn|"
    r"quyết định|kế hoạch|nghị quyết|thông tư|công văn|tiết|bảng|biểu|mẫu|lần|khóa|kỳ|"
    r"(?<!phân )(?<!xếp )(?<!nâng )hạng|mức|"
    r"tiêu chí|nhóm|phân nhóm|bộ|lúc|thứ|lớp|câu)\s*$",
    re.I,
)
_FILLERS = ("có", "là", "đạt", "được", "thêm", "với", "lên", "mức", "tổng số", "tổng cộng")
_HEDGES = {w: h for w, h in HEDGE_WORDS.items() if "…" not in w and w != "trở lên"}
_HEDGE_END = re.compile(rf"(?<!\w)({_alternatives(list(_HEDGES))})$", re.I)
# A hedge word of the one table (ocop.figures.HEDGE_WORDS) before a figure, if any.
_HEDGED = rf"(?:(?:{_alternatives(list(_HEDGES))})\s+)?"
_DASH = r"\s*(?:-|–|—|đến|tới)\s*"
_RANGE = re.compile(rf"{_DASH}(?=\d)")
# "… đến gần 130 triệu đồng": the top of a range printing its unit at both ends, hedged.
_RANGE_TO = re.compile(rf"{_DASH}{_HEDGED}(?=\d)", re.I)
_FILLER_END = re.compile(rf"(?<!\w)(?:{_alternatives(list(_FILLERS))})$", re.I)
_FROM = re.compile(r"(?<!\w)từ$", re.I)
_OR_MORE = re.compile(r"\s*(?:OCOP\s*)?trở lên", re.I)
_CHANGE = re.compile(r"(?<!\w)(?:tăng|giảm)(?:\s+(?:thêm|được))?$", re.I)
_STARS_RANGE = re.compile(r"(?:từ\s*)?([1-5])\s*(?:-|–|đến)\s*([1-5])\s*sao", re.I)
_STARS_MIN = re.compile(r"(?:từ\s*)?([1-5])\s*sao\s*(?:OCOP\s*)?trở lên", re.I)
_STARS_LIST = re.compile(r"([1-5])\s*sao(?:\s*(?:,|và|hoặc)\s*([1-5])\s*sao)+", re.I)
_STARS_ONE = re.compile(r"(?<!\w)([1-5])\s*sao", re.I)
_TAIL_STOP = re.compile(
    r"[;()]|(?<![\w.,])(?<!năm )\d+(?:[.,]\d+)*(?![\d.,])(?!\s*(?:(?:[-–]|đến)\s*[1-5]\s*)?sao)"
)
# "của gần 150 chủ thể": the owners of the products counted before, no new figure.
_OWNER_BEFORE = re.compile(rf"(?<!\w)của\s+{_HEDGED}$", re.I)
_OWNER_AFTER = re.compile(
    r"\s*(?:chủ thể|hợp tác xã|HTX|doanh nghiệp|cơ sở|hộ|tổ chức)(?!\w)", re.I
)
# A star rank printed before its figure: "sản phẩm đạt hạng 4 sao có 1 sản phẩm", "nâng
# hạng từ 3 sao lên 4 sao đối với 3 sản phẩm".
_RANK_BEFORE = re.compile(r"(?<!\w)([1-5])\s*sao\s+(?:có|đối với)(?:\s+[^\W\d]+){0,2}\s*$", re.I)
# Stars named in parentheses after the words: "… chuỗi giá trị quốc gia (sản phẩm 5 sao)".
_PAREN_STARS = re.compile(r"\(\s*(?:sản phẩm\s+)?(?:OCOP\s+)?[1-5]\s*sao\s*\)", re.I)
# Units that can have a star rank: products, tourism models, shares of products, and
# amounts paid per product ("50 triệu đồng/sản phẩm đạt 3 sao": the product's rank).
_STARRED = ("sản phẩm", "mô hình", "%")


def _starred(unit: str) -> bool:
    return unit.startswith(_STARRED) or unit.endswith(("/sản phẩm", "/mô hình"))


# Between an unread amount and its share: its unit's words, then "(" or ", chiếm".
_ORPHAN = re.compile(r"\s*[^\W\d]+(?:\s+[^\W\d]+){0,3}\s*(?:\(\s*(?:chiếm\s*)?|,\s*chiếm\s+)")
# Between two percentages of one list: words and "," or "và", nothing that starts a new clause.
_CARRY = re.compile(r"[^;()\d]{0,80}(?:,|\svà)\s*")
_PARTS_WORD = re.compile(r"trong đó|gồm", re.I)
# A rank the products could reach, compete or are proposed for is not theirs yet:
# "tiềm năng 5 sao", "tham gia dự thi … 5 sao", "gửi Hội đồng … xét chuẩn 5 sao".
_POTENTIAL = re.compile(r"tiềm năng|dự thi|xét chuẩn|đề nghị|xem xét", re.I)
# Between a figure and its share: the rest of its noun ("sản phẩm OCOP thuộc ngành thực
# phẩm", "tổ hợp tác, hộ kinh doanh", "doanh nghiệp (Công ty TNHH, …)"; no figure, ";" or
# unclosed parenthesis), then "(" or ", chiếm".
_SHARE = re.compile(
    r"(?:[^\d;:()]|\([^\d;:()]{0,80}\)){0,80}?"
    r"\s*(?:\(\s*(?:chiếm|đạt|bằng|tương đương|khoảng)?\s*|,\s*(?:chiếm|tương đương)\s+)",
    re.I,
)
_TARGET = re.compile(
    r"phấn đấu|mục tiêu|chỉ tiêu|dự kiến|định hướng|quy hoạch|đề ra|đặt ra|kế hoạch đến|sẽ ",
    re.I,
)
_RESULT = re.compile(
    r"đến nay|hiện nay|hiện có|đã có|đã công nhận|đã đạt|tính đến|lũy kế|kết quả|"
    r"đã hỗ trợ|đã thực hiện",
    re.I,
)
_HEAD_TARGET = re.compile(r"MỤC TIÊU|NHIỆM VỤ|GIẢI PHÁP|KINH PHÍ|PHƯƠNG HƯỚNG", re.I)
_HEAD_RESULT = re.compile(r"KẾT QUẢ|THỰC TRẠNG|TÌNH HÌNH|ĐÁNH GIÁ", re.I)
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"năm\s*((?:19|20)\d\d)(?!\d)", re.I)
# Funding sources in the words plans use, most specific first (ocop.budget's vocabulary).
_SOURCES = (
    (re.compile(r"trung ương|NSTW|\bTW\b", re.I), Source.CENTRAL_BUDGET),
    (re.compile(r"địa phương|NSĐP", re.I), Source.LOCAL_BUDGET),
    (re.compile(r"ngân sách (?:cấp )?tỉnh", re.I), Source.PROVINCIAL_BUDGET),
    (re.compile(r"ngân sách (?:cấp )?huyện", re.I), Source.DISTRICT_BUDGET),
    (re.compile(r"ngân sách (?:cấp )?xã", re.I), Source.COMMUNE_BUDGET),
    (re.compile(r"nhà nước|NSNN", re.I), Source.STATE_BUDGET),
    (re.compile(r"lồng ghép", re.I), Source.POOLED),
    (re.compile(r"tín dụng", re.I), Source.CREDIT),
    (
        re.compile(r"doanh nghiệp|chủ thể|xã hội hóa|hợp tác xã|cơ sở sản xuất", re.I),
        Source.SUBJECTS,
    ),
    (re.compile(r"cộng đồng|người dân", re.I), Source.COMMUNITY),
    (
        re.compile(r"nguồn (?:vốn )?(?:hợp pháp )?khác|vốn khác|huy động hợp pháp", re.I),
        Source.OTHER,
    ),
)
_CLAUSE_START = re.compile(r"[,;:()]|\bvà\b")


@attrs.frozen(slots=True)
class _Found:
    first: Token
    last: Token
    low: Decimal
    high: Decimal | None
    unit: str
    unit_end: int


def read_sentence(
    sentence: Sentence, index: int, *, locale: Locale | None, previous: Stance = Stance.UNSTATED
) -> tuple[list[Claim], list[NotRead]]:
    """The claims of one sentence (offsets into the whole text), and the numbers left unread.

    ``previous`` is the stance of the sentence before it in the same paragraph, which a
    sentence that says neither ("Trong đó: có thêm …") continues.
    """
    text = sentence.text
    base = sentence.start
    stance = stance_of(sentence, previous)
    years = _years(text)
    claims: list[Claim] = []
    skipped: list[NotRead] = []
    found = tokens(text)
    taken: set[int] = set()
    for i, token in enumerate(found):
        if i in taken:
            continue
        span = (base + token.start, base + token.end)
        before = text[max(0, token.start - 40) : token.start]  # a window: linear time
        if _is_stars(text, token) or (before[-1:].isspace() and _is_reference(before)):
            skipped.append(NotRead(token.text, span, index, "reference"))
            continue
        low = value(token.text, locale)
        if low is None:
            reason = "convention" if len(readings(token.text)) > 1 else "not_a_number"
            if unit_after(text, token.end) is not None:
                skipped.append(NotRead(token.text, span, index, reason))
            continue
        high: Decimal | None = None
        last = token
        after = token.end
        top = None
        ranged = _RANGE.match(text, after)
        if ranged and i + 1 < len(found) and found[i + 1].start == ranged.end():
            top = value(found[i + 1].text, locale)
            if top is not None and unit_after(text, found[i + 1].end) is None:
                top = None
        elif i + 1 < len(found):
            top = _range_with_units(text, found, i, locale)
        if top is not None:
            nxt = found[i + 1]
            taken.add(i + 1)
            if top <= low:  # "từ 50 đến 5 triệu đồng": a slip; reading either end is a guess
                shown = text[token.start : nxt.end]
                skipped.append(NotRead(shown, (span[0], base + nxt.end), index, "reversed_range"))
                continue
            high, last, after = top, nxt, nxt.end
        unit = unit_after(text, after) or _unit_named_before(text, token.start, after)
        if unit is None:
            skipped.append(NotRead(token.text, span, index, "no_unit"))
            continue
        name, unit_end = unit
        if name == "":
            skipped.append(NotRead(token.text, span, index, "unknown_money"))
            continue
        if max(low, high or low) > LARGEST_FIGURE:  # a misprint: this figure, not the text
            shown = text[token.start : last.end]
            skipped.append(NotRead(shown, (span[0], base + last.end), index, "out_of_bounds"))
            continue
        claim = _claim(
            sentence,
            index,
            _Found(token, last, low, high, name, unit_end),
            stance=stance,
            years=years,
            since=claims[-1].span[1] - base if claims else 0,
        )
        claims.append(claim)
    claims.extend(_number_words(sentence, index, stance, years))
    claims.sort(key=lambda c: c.span)
    claims = _drop_orphan_shares(claims, skipped, text, base)
    return _carry_hedges(_attach_shares(claims, text, base), text, base), skipped


def _range_with_units(
    text: str, found: list[Token], i: int, locale: Locale | None
) -> Decimal | None:
    """ "từ 5 triệu đồng đến gần 130 triệu đồng": the top of a range that prints its unit
    at both ends (after "từ" only, the top's own hedge dropped), or None."""
    token, nxt = found[i], found[i + 1]
    if not _FROM.search(_clause_before(text, token.start).rstrip()):
        return None
    unit = unit_after(text, token.end)
    if unit is None or not unit[0]:
        return None
    to = _RANGE_TO.match(text, unit[1])
    if to is None or to.end() != nxt.start:
        return None
    top = value(nxt.text, locale)
    same = unit_after(text, nxt.end)
    return top if top is not None and same and same[0] == unit[0] else None


def _unit_named_before(text: str, start: int, end: int) -> tuple[str, int] | None:
    """ "tổng số sản phẩm chuẩn hóa đến năm 2030 là 210": the noun named after "tổng số",
    the figure after "là" or ":" in the same clause; the unit ends where the figure does."""
    if m := _NAMED_BEFORE.search(_clause_before(text, start)):
        return " ".join(m.group(1).lower().split()), end
    return None


def _is_reference(before: str) -> bool:
    # The last three words hold any reference word ("phụ lục", "Quyết định số"): searching
    # them, not the whole window, keeps a text of thousands of numbers fast.
    return bool(_REFERENCE.search(" ".join(before.split()[-3:])))


_STAR_MARK = re.compile(r"\s*(?:(?:[-–]|đến)\s*[1-5]\s*)?sao(?!\w)", re.I)


def _is_stars(text: str, token: Token) -> bool:
    return bool(_STAR_MARK.match(text, token.end))


def unit_after(text: str, at: int) -> tuple[str, int] | None:
    """The unit printed at ``at``: its name for a Quantity and where it ends ("" for not đồng)."""
    if m := _PERCENT.match(text, at):
        return "%", m.end()
    if m := _COUNT.match(text, at):
        noun = m.group(1)
        noun = "hợp tác xã" if noun.upper() == "HTX" else " ".join(noun.lower().split())
        return (f"{noun}/năm" if m.group(2) else noun), m.end()
    if m := _MONEY_UNIT.match(text, at):
        try:
            unit = Unit.parse(m.group(1))
        except OcopError:
            return None
        bare = m.group(1).lower() in {"tỷ", "tỉ", "triệu", "nghìn", "ngàn"}
        if bare and _NOT_DONG.match(text, m.end(1)):
            return "", m.end()
        if m.group(2):
            return f"{unit.label_vi}/{m.group(2)}", m.end()
        return unit.label_vi, m.end()
    return None


def _claim(
    sentence: Sentence,
    index: int,
    found: _Found,
    *,
    stance: Stance,
    years: tuple[int, int] | None,
    since: int,
) -> Claim:
    text, base = sentence.text, sentence.start
    clause = _clause_before(text, found.first.start)
    hedge, start = _hedge(clause, found.first.start)
    end = found.unit_end
    if found.high is not None:
        figure_hedge = Hedge.RANGE
    elif hedge is None and (m := _OR_MORE.match(text, end)):
        figure_hedge, end = Hedge.AT_LEAST, m.end()
    elif hedge is Hedge.REMAINDER:
        # "còn lại 331 sản phẩm" prints what is left: a figure, not a bare remainder.
        figure_hedge = Hedge.EXACT
    else:
        figure_hedge = hedge or Hedge.EXACT
    values = (found.low,) if found.high is None else (found.low, found.high)
    words = " ".join(text[start:end].split())
    tail = _tail(text, found.unit_end)
    if paren := _PAREN_STARS.match(text, found.unit_end + len(tail)):
        tail += paren.group()
    stars = None
    if _starred(found.unit):
        rank = _RANK_BEFORE.search(clause)
        stars = Stars(min=int(rank.group(1)), max=int(rank.group(1))) if rank else _stars(tail)
    return Claim(
        figure=Figure.of(figure_hedge, *values, words=words),
        unit=found.unit,
        what=_what(text, found.unit_end, found.unit, clause),
        span=(base + start, base + end),
        sentence=index,
        stance=stance,
        stars=stars,
        source=source_in_words(text[since : found.first.start]) if "đồng" in found.unit else None,
        years=years,
        change=bool(_CHANGE.search(clause.rstrip()))
        or "so với" in text[found.unit_end : found.unit_end + 40],
    )


def _clause_before(text: str, at: int) -> str:
    """The words between the last clause boundary and ``at``, at most 160 characters back
    (the hedge and the name of a figure are right before it; a bound keeps it linear)."""
    head = text[max(0, at - 160) : at]
    cut = max((m.end() for m in _CLAUSE_START.finditer(head)), default=0)
    return head[cut:]


def _hedge(clause: str, at: int) -> tuple[Hedge | None, int]:
    """The hedge printed before the figure, and where its words start."""
    words = clause.rstrip()
    while m := _FILLER_END.search(words):
        words = words[: m.start()].rstrip()
    if m := _HEDGE_END.search(words):
        hedge = _HEDGES[m.group(1).lower()]
        return hedge, at - len(clause) + m.start()
    if _FROM.search(words):
        return None, at - len(clause) + len(words) - 2
    return None, at


def _tail(text: str, at: int) -> str:
    """What follows a figure's unit up to the next figure (not a star mark) or ";", "(", ")".

    The count of its owners is no next figure: "440 sản phẩm của gần 150 chủ thể được xếp
    hạng từ 3 sao" ranks the products.  What the next figure's own rank starts ("…, sản
    phẩm đạt hạng 3 sao có 10 sản phẩm") is left out."""
    stop = _TAIL_STOP.search(text, at, at + 120)
    end = at + 120
    if (
        stop is not None
        and stop.group()[0].isdigit()
        and _OWNER_BEFORE.search(text, max(at, stop.start() - 20), stop.start())
        and _OWNER_AFTER.match(text, stop.end())
    ):
        end = at + 160
        stop = _TAIL_STOP.search(text, stop.end(), end)
    tail = text[at : stop.start() if stop else end]
    if rank := _RANK_BEFORE.search(tail):
        cut = [m.start() for m in _CLAUSE_START.finditer(tail, 0, rank.start())]
        tail = tail[: cut[-1]] if cut else tail[: rank.start()]
    return tail


def _stars(tail: str) -> Stars | None:
    for m in (_STARS_RANGE.search(tail), _STARS_MIN.search(tail), _STARS_LIST.search(tail)):
        if m is None:
            continue
        if _POTENTIAL.search(tail[: m.start()]):
            return None
        if m.re is _STARS_MIN:
            return Stars(min=int(m.group(1)))
        if m.re is _STARS_LIST:
            marks = [int(s) for s in re.findall(r"([1-5])\s*sao", m.group())]
            return Stars(min=min(marks), max=max(marks))
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return Stars(min=low, max=high)
    one = _STARS_ONE.search(tail)
    if one is None or _POTENTIAL.search(tail[: one.start()]):
        return None
    star = int(one.group(1))
    return Stars(min=star, max=star)


def _what(text: str, at: int, unit: str, clause: str) -> str:
    """What the figure counts or pays, as named around it: two figures are "the same
    quantity" for the checks (stated twice) only when they are named alike."""
    if "đồng" in unit and "/" not in unit:
        # The words before the amount name it ("Tổng kinh phí thực hiện là"): two amounts
        # are "the same quantity" for the checks only when they are named alike.
        return " ".join(clause.split()[-8:]) or "kinh phí"
    rest = re.split(r"[,;:()]|\d", text[at : at + 80])[0]
    words = rest.split()[:6]
    if unit != "%":
        # With the words before it too ("huyện A có 20 sản phẩm" is not the province's count).
        return " ".join([*clause.split()[-5:], unit, *words])
    # A share is of what the words around it name; one naming nothing is its own quantity.
    around = [*clause.split()[-6:], *words]
    return " ".join([*clause.split()[-6:], "%", *words]) if around else f"tỷ lệ @{at}"


def source_in_words(clause: str) -> Source | None:
    """The funding source the words name ("vốn lồng ghép từ…", "NS TW"), most specific first."""
    for pattern, source in _SOURCES:
        if pattern.search(clause):
            return source
    return None


def stance_of(sentence: Sentence, previous: Stance = Stance.UNSTATED) -> Stance:
    """Target or result: the sentence's own words, else the paragraph's, else its heading's."""
    if _TARGET.search(sentence.text):
        return Stance.TARGET
    if _RESULT.search(sentence.text):
        return Stance.RESULT
    if previous is not Stance.UNSTATED:
        return previous
    if sentence.heading and _HEAD_TARGET.search(sentence.heading):
        return Stance.TARGET
    if sentence.heading and _HEAD_RESULT.search(sentence.heading):
        return Stance.RESULT
    return Stance.UNSTATED


def _years(text: str) -> tuple[int, int] | None:
    period = _PERIOD.search(text)
    year = _YEAR.search(text)
    if period and (year is None or period.start() < year.end()):  # "năm 2018 - 2030"
        start, end = int(period.group(1)), int(period.group(2))
        return (start, end) if 2000 <= start <= end <= 2100 else None
    if year and 2000 <= int(year.group(1)) <= 2100:
        return int(year.group(1)), int(year.group(1))
    return None


def _number_words(
    sentence: Sentence, index: int, stance: Stance, years: tuple[int, int] | None
) -> list[Claim]:
    """ "hai sản phẩm": a number written in words, before a counted noun only."""
    out = []
    for m in _WORDS.finditer(sentence.text):
        unit = unit_after(sentence.text, m.end())
        if unit is None or not unit[0]:
            continue
        name, end = unit
        tail = _tail(sentence.text, end)
        out.append(
            Claim(
                figure=Figure.of(
                    Hedge.EXACT,
                    _NUMBER_WORDS[m.group(1).lower()],
                    words=sentence.text[m.start() : end],
                ),
                unit=name,
                what=_what(sentence.text, end, name, ""),
                span=(sentence.start + m.start(), sentence.start + end),
                sentence=index,
                stance=stance,
                stars=_stars(tail) if _starred(name) else None,
                years=years,
            )
        )
    return out


def _drop_orphan_shares(
    claims: list[Claim], skipped: list[NotRead], text: str, base: int
) -> list[Claim]:
    """ "105,982 tỷ đồng (30%)" with the amount not read: the 30% is its share, not a claim."""
    unread = [n.span[1] for n in skipped if n.reason == "convention"]  # in text order
    kept = []
    for claim in claims:
        last = bisect_right(unread, claim.span[0]) - 1  # the last unread amount before it
        if claim.unit == "%" and last >= 0 and claim.span[0] - unread[last] <= 120:
            gap = text[unread[last] - base : claim.span[0] - base]
            if _ORPHAN.fullmatch(gap):
                skipped.append(
                    NotRead(claim.figure.words or "%", claim.span, claim.sentence, "share")
                )
                continue
        kept.append(claim)
    return kept


def _carry_hedges(claims: list[Claim], text: str, base: int) -> list[Claim]:
    """ "ít nhất có 50% … là hợp tác xã, 30% … là doanh nghiệp": the hedge covers the list.

    Only for percentages, only from the figure just before, only across "," or "và"
    with no ";", parenthesis, figure or "trong đó" between (docs/decisions/reading.md).
    """
    out: list[Claim] = []
    for claim in claims:
        previous = out[-1] if out else None
        if (
            previous is not None
            and claim.unit == "%" == previous.unit
            and claim.figure.hedge is Hedge.EXACT
            and previous.figure.hedge in (Hedge.AT_LEAST, Hedge.ABOUT, Hedge.AT_MOST)
        ):
            gap = text[previous.span[1] - base : claim.span[0] - base]
            if _CARRY.fullmatch(gap) and not _PARTS_WORD.search(gap):
                hedge = previous.figure.hedge
                carried = Figure.of(hedge, *claim.figure.values, words=claim.figure.words)
                claim = attrs.evolve(claim, figure=carried)
        out.append(claim)
    return out


def _attach_shares(claims: list[Claim], text: str, base: int) -> list[Claim]:
    """A percentage printed right after a figure and its noun ("(35%)", "(chiếm 58,49%)",
    ", chiếm gần 93%") is its share, not a claim of its own."""
    out: list[Claim] = []
    for claim in claims:
        if out and claim.unit == "%":
            previous = out[-1]
            between = text[previous.span[1] - base : claim.span[0] - base]
            if (
                previous.unit != "%"
                and previous.share is None
                and len(between) <= 120  # a bounded window: linear time
                and _SHARE.fullmatch(between)
                and not _PARTS_WORD.search(between)
            ):
                out[-1] = attrs.evolve(previous, share=claim.figure)
                continue
        out.append(claim)
    return out
