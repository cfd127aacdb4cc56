"""Text → :class:`ocop.reports.Document`: every claim read, what was not, and why.

:func:`read_text` splits the text into sentences, decides the document's
number convention (:func:`ocop.read._numbers.convention`), reads each
sentence's claims and nests totals and parts; :attr:`Reading.document` is
the document model the checks take (the JSON ``ocop check`` reads), with one
section per stance (targets, results, funding) and each quantity quoting its
sentence.  A figure that cannot be read without guessing is listed in
:attr:`Reading.not_read` and reported as the finding ``figure_not_read``.

>>> reading = read_text(
...     "Ngày 20/12/2024. Đến nay toàn tỉnh có 87 sản phẩm OCOP đạt từ 3 sao trở lên, "
...     "trong đó 02 sản phẩm 5 sao, 29 sản phẩm 4 sao và 50 sản phẩm 3 sao.")
>>> [str(c.figure) for c in reading.claims]
['87 sản phẩm', '02 sản phẩm', '29 sản phẩm', '50 sản phẩm']
>>> from ocop.reports import check_document
>>> [f.code for f in check_document(reading.document).findings]
['sum_mismatch']
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import attrs

from ocop.admin import province_of
from ocop.codes import Localized
from ocop.errors import InvalidInput, OcopError
from ocop.figures import Figure, Hedge
from ocop.findings import Finding, finding
from ocop.limits import MAX_PROSE_CHARS
from ocop.money import Locale
from ocop.read._claims import (
    REASONS,
    REPORTED,
    Claim,
    NotRead,
    Stance,
    read_sentence,
    stance_of,
    unit_after,
)
from ocop.read._numbers import convention, readings, tokens
from ocop.read._sentences import Sentence, split, table_lines
from ocop.read._structure import Node, nest
from ocop.reports.model import Document, Quantity
from ocop.text import nfc, show

__all__ = ["Reading", "read_text"]

_DATE = re.compile(
    r"ngày\s*(\d{1,2})\s*(?:tháng\s*|/|-)\s*(\d{1,2})\s*(?:năm\s*|/|-)\s*(\d{4})", re.I
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_PROVINCE = re.compile(
    r"(?:tỉnh|thành phố|TỈNH)[ \t]+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:[ \t]+|(?=\W)|$)){1,3})"
)
_SECTIONS = {
    Stance.TARGET: ("muc-tieu", "plan", "Mục tiêu"),
    Stance.RESULT: ("ket-qua", "report", "Kết quả"),
    Stance.UNSTATED: ("khac", "report", "Số liệu khác"),
}


@attrs.frozen(slots=True)
class Reading:
    """What was read from a text: claims (nested), numbers not read, and the document."""

    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    totals: tuple[Node, ...]
    not_read: tuple[NotRead, ...]
    locale: Locale | None
    document: Document | None
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]


def read_text(
    text: str,
    *,
    id: str = "van-ban",
    title: str | None = None,
    issued_on: date | None = None,
    province: str | None = None,
) -> Reading:
    """Read the figures of ``text`` (a plan, a report, a news article) into a document."""
    if not isinstance(text, str):
        raise InvalidInput(f"read_text takes the document's text (str), not {show(text)}")
    if len(text) > MAX_PROSE_CHARS:
        raise InvalidInput(
            f"the text is longer than {MAX_PROSE_CHARS} characters (limit MAX_PROSE_CHARS)",
            limit="MAX_PROSE_CHARS",
        )
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,99}", id if isinstance(id, str) else ""):
        raise InvalidInput(f"id is lowercase letters, digits and '-', not {show(id)}")
    for name, given, kind in (("title", title, str), ("province", province, str)):
        if given is not None and (not isinstance(given, kind) or not given.strip()):
            raise InvalidInput(f"{name} is non-empty text or None, not {show(given)}")
    if issued_on is not None and type(issued_on) is not date:
        raise InvalidInput(f"issued_on is a date or None, not {show(issued_on)}")
    text = _clean(text)
    sentences = split(text)
    cells = table_lines(text)
    locale = _convention(text, sentences, cells)
    claims: list[Claim] = []
    not_read: list[NotRead] = []
    totals: list[Node] = []
    stance, line = Stance.UNSTATED, 0
    for i, sentence in enumerate(sentences):
        previous = stance if sentence.line == line else Stance.UNSTATED
        found, skipped = read_sentence(sentence, i, locale=locale, previous=previous)
        stance, line = stance_of(sentence, previous), sentence.line
        claims.extend(found)
        not_read.extend(skipped)
        totals.extend(nest(found, sentence.text, sentence.start))
    notes: list[str] = []
    if cells:
        notes.append(
            f"{len(cells)} lines of table text (cells separated by '|' lines) were not read"
        )
    when = issued_on or _issued_on(text, notes)
    document = (
        _document(text, sentences, totals, id, title, when, province, not_read) if totals else None
    )
    if document is None:
        notes.append("no figure with a unit was read: there is no document to check")
    findings = tuple(_not_read_finding(n, sentences) for n in not_read if n.reason in REPORTED)
    return Reading(
        sentences=tuple(sentences),
        claims=tuple(claims),
        totals=tuple(totals),
        not_read=tuple(not_read),
        locale=locale,
        document=document,
        findings=findings,
        notes=tuple(notes),
    )


# Invisible format characters (zero-width space, word joiner, BOM, soft hyphen, direction
# marks) are dropped, as a reader does not see them: "1.\u200b234" is 1.234, never 234.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _clean(text: str) -> str:
    text = nfc(_INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    bad = next((c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"), None)
    if bad is not None:
        raise InvalidInput(
            f"the text holds the control character U+{ord(bad):04X}: is it a binary file?"
        )
    if not text.strip():
        raise InvalidInput("the text is empty")
    return text


def _convention(text: str, sentences: list[Sentence], cells: set[int]) -> Locale | None:
    printed: list[tuple[str, int]] = []
    money: list[str] = []
    for s in sentences:
        for t in tokens(s.text):
            unit = unit_after(s.text, t.end)
            if unit is not None:
                printed.append((t.text, s.start + t.start))
                if unit[0].endswith("đồng"):  # "triệu đồng", "tỷ đồng"; not "" nor a rate
                    money.append(t.text)
    return convention(printed, (t.text for t in tokens(text)), money)


def _issued_on(text: str, notes: list[str]) -> date:
    for m in _DATE.finditer(text[:5000]):
        day, month, year = (int(g) for g in m.groups())
        try:
            return date(year, month, day)
        except ValueError:
            continue
    first = _YEAR.search(text)
    if first is None:
        raise InvalidInput(
            "the text prints no date and no year: give the date it was issued (issued_on)"
        )
    notes.append(f"no date printed: issued_on is taken as 1/1/{first.group(1)}, its first year")
    return date(int(first.group(1)), 1, 1)


def _province(text: str, on: date) -> str | None:
    for m in _PROVINCE.finditer(text[:5000]):
        name = m.group(1).strip()
        for words in range(len(name.split()), 0, -1):
            candidate = " ".join(name.split()[:words])
            try:
                province_of(candidate, on=on)
            except OcopError:
                continue
            return candidate
    return None


def _title(sentences: list[Sentence]) -> str:
    for s in sentences:
        words = " ".join(s.text.split())
        if len(words.split()) >= 3 and not words.startswith("#"):
            return words[:200]
    return "Văn bản"


def _kind(text: str) -> str:
    head = text[:3000].lower()
    for word, kind in (("kế hoạch", "plan"), ("đề án", "plan"), ("báo cáo", "report")):
        if word in head:
            return kind
    return "decision" if "quyết định" in head else "news"


def _document(
    text: str,
    sentences: list[Sentence],
    totals: list[Node],
    id: str,
    title: str | None,
    issued_on: date,
    province: str | None,
    not_read: list[NotRead],
) -> Document | None:
    """The document model of the claims; a quantity its model refuses is left out of it
    (``refused``, in ``not_read``): one bad figure never refuses the whole text."""
    built = [
        (node.claim, _quantity(node, "q", sentences, top=True))
        for node in totals
        if not (node.claim.change or (node.claim.unit == "%" and node.claim.share is not None))
    ]
    head = {
        "id": id,
        "title": title or _title(sentences),
        "kind": _kind(text),
        "province": province if province is not None else _province(text, issued_on),
        "issued_on": issued_on,
    }
    try:
        return _assemble(head, built)
    except OcopError as err:
        if "limit" in err.context:
            raise  # too many figures: a refusal of the text, not of one figure
    # Some quantity is refused: each is validated alone (only now, as it doubles the cost).
    kept = []
    for claim, quantity in built:
        try:
            Quantity.model_validate(quantity)
        except OcopError as err:
            words = claim.figure.words or text[claim.span[0] : claim.span[1]]
            not_read.append(NotRead(words, claim.span, claim.sentence, "refused", err.message))
            continue
        kept.append((claim, quantity))
    return _assemble(head, kept)


def _assemble(head: dict[str, Any], built: list[tuple[Claim, dict[str, Any]]]) -> Document | None:
    sections: dict[str, dict[str, Any]] = {}
    for n, (claim, quantity) in enumerate(built, 1):
        key = claim.stance
        if "đồng" in claim.unit and "/" not in claim.unit and key is not Stance.RESULT:
            sid, kind, name = "kinh-phi", "budget", "Kinh phí"
        else:
            sid, kind, name = _SECTIONS[key]
        section = sections.setdefault(
            sid, {"id": sid, "kind": kind, "title": name, "quantities": []}
        )
        section["quantities"].append({**quantity, "id": f"q{n}"})
    if not sections:
        return None
    return Document.model_validate({**head, "sections": list(sections.values())})


def _quantity(node: Node, qid: str, sentences: list[Sentence], *, top: bool) -> dict[str, Any]:
    claim = node.claim
    sentence = sentences[claim.sentence]
    out: dict[str, Any] = {"id": qid, "figure": _figure(claim.figure)}
    if top or claim.unit != "":
        out["unit"] = claim.unit
    if top:
        out["what"] = claim.what
    if node.share_only:
        out.pop("figure")
        out.pop("unit", None)
        out["share"] = _figure(claim.figure)
    elif claim.share is not None and not top:
        out["share"] = _figure(claim.share)
    if claim.stars is not None:
        out["stars"] = {"min": claim.stars.min, "max": claim.stars.max}
    if claim.source is not None:
        out["source"] = claim.source.value
    if claim.years is not None and top:
        start, end = claim.years
        out["year" if start == end else "period"] = (
            start if start == end else {"start": start, "end": end}
        )
    out["where"] = f"dòng {sentence.line}"
    out["text"] = _quote(sentence, claim)
    parts = [_quantity(p, f"p{i}", sentences, top=False) for i, p in enumerate(node.parts, 1)]
    if node.remainder is not None and not any(p.get("figure") is None for p in parts):
        parts.append({"id": "con-lai", "figure": {"remainder": True, "words": node.remainder}})
    if parts:
        out["parts"] = parts
        out["parts_complete"] = node.complete
    return out


_QUOTE = 600  # a longer "sentence" is not prose: quote the words around the figure


def _quote(sentence: Sentence, claim: Claim) -> str:
    return _quote_at(sentence, claim.span[0])


def _quote_at(sentence: Sentence, position: int) -> str:
    if len(sentence.text) <= _QUOTE:
        return " ".join(sentence.text.split())
    at = position - sentence.start
    start = max(0, at - _QUOTE // 2)
    return "… " + " ".join(sentence.text[start : start + _QUOTE].split()) + " …"


def _figure(figure: Figure) -> dict[str, Any]:
    values = [float(v) if v != int(v) else int(v) for v in figure.values]
    key = figure.hedge.value
    if figure.hedge is Hedge.EXACT:
        return {"exact": values[0], "words": figure.words} if figure.words else {"exact": values[0]}
    return {key: values if figure.hedge is Hedge.RANGE else values[0], "words": figure.words}


def _not_read_finding(item: NotRead, sentences: list[Sentence]) -> Finding:
    sentence = sentences[item.sentence]
    if item.reason == "convention":
        shown = " or ".join(f"{loc.value} {v}" for loc, v in readings(item.text).items())
        why = Localized(
            f"có thể hiểu hai cách ({shown}) và văn bản không cho biết cách viết số; "
            "hãy ghi rõ trong JSON.",
            f"it can be read two ways ({shown}) and nothing in the document says which "
            "number convention it uses; write it in the JSON.",
        )
    elif item.reason == "out_of_bounds":
        shown = REASONS[item.reason]
        why = Localized(
            "lớn hơn mọi số liệu một văn bản nêu (10^12): có lẽ in nhầm.",
            "it is beyond the largest figure a document states (10^12): a misprint?",
        )
    elif item.reason == "reversed_range":
        shown = REASONS[item.reason]
        why = Localized(
            "khoảng số có đầu trên không lớn hơn đầu dưới: có lẽ in nhầm.",
            "a range whose top is not above its bottom: a misprint?",
        )
    else:  # refused: the model's own words say why
        shown = f"{REASONS[item.reason]}: {item.why}"
        why = Localized(
            f"mô hình văn bản không nhận số liệu này ({item.why}).",
            f"the document model refuses it ({item.why}).",
        )
    return finding(
        "figure_not_read",
        f"dòng {sentence.line}",
        shown,
        item.text,
        quote=_quote_at(sentence, item.span[0]),
        printed=repr(item.text),
        why=why,
    )
