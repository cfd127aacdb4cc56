"""English messages are English, Vietnamese messages Vietnamese (docs/codes.md, "Messages").

Every message is a code's template filled by a check (``ocop.codes.Code.messages``).
This test runs the commands that report findings over what the library ships (every
catalogued plan, the plan documents under tests/data read as text, the examples of
docs/documents.md, every regulation's audit, a draft's audit and comparison, the lawyers'
cases, a certificate) and the examples of the docs pages, and records each filling.  A
template field declared in the code's ``printed`` holds the document's or the law's own
words and is left out; everything else the library wrote must speak the message's
language: no Vietnamese word in English, and each language's way of writing numbers and
dates.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest

from ocop.cli import main
from ocop.codes import CODES, Code, Filler, Lang, Localized
from ocop.plans import catalog
from ocop.regulations import regulations
from tests.test_documents_page import BLOCKS

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
DRAFT = DATA / "drafts" / "five-stars-from-85.yaml"
_LANGS: tuple[Lang, ...] = ("vi", "en")
#: The docs pages whose examples report findings (the slow property-testing pages left out).
_PAGES = sorted(
    p
    for p in (*ROOT.glob("docs/*.md"), *ROOT.glob("docs/decisions/*.md"))
    if p.name not in {"testing.md", "strategies.md", "plots.md", "performance.md"}
)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _corpus(tmp: Path) -> Iterator[list[str]]:
    json_out = ["--fail-on", "never", "--format", "json"]
    for plan in catalog.ids():
        yield ["check", plan, *json_out]
    for text in sorted((DATA / "plans").glob("*.txt")):
        yield ["check", str(text), *json_out]
    for n, block in enumerate(BLOCKS):
        path = tmp / f"documents-{n}.json"
        path.write_text(block, encoding="utf-8")
        yield ["check", str(path), *json_out]
    for regulation in regulations():
        yield ["audit", "--regulation", regulation.id, "--format", "json"]
    yield ["audit", "--draft", str(DRAFT), "--format", "json"]
    yield ["compare", "--draft", str(DRAFT), "--sheet", "1", "--cards", "50", "--format", "json"]
    yield ["test", "--format", "json"]
    yield ["certificate", "--issued", "2024-03-15", "--star", "3", "--on", "2026-10-01"]


@attrs.frozen
class Written:
    """One message as the library filled it, the document's own words left out."""

    code: str
    held: bool
    vi: str
    en: str
    #: The values the library wrote into the messages, as each language says them (vi, en).
    values: tuple[tuple[str, str], ...]


def _blanked(code: Code, values: Mapping[str, Filler], held: bool) -> Written:
    kept = {k: "…" if k in code.printed else v for k, v in values.items()}
    vi, en = code.templates(held=held)

    def said(lang: Lang) -> dict[str, object]:
        return {k: v.said(lang) if isinstance(v, Localized) else v for k, v in kept.items()}

    vi_values, en_values = said("vi"), said("en")
    written = tuple((str(vi_values[k]), str(en_values[k])) for k in kept if k not in code.printed)
    return Written(code.name, held, vi.format_map(said("vi")), en.format_map(said("en")), written)


def _record(tmp: Path) -> list[Written]:
    """Every message the corpus fills, as :func:`_blanked` writes it."""
    seen: list[Written] = []
    messages = Code.messages

    def recording(self: Code, values: Mapping[str, Filler], *, held: bool) -> tuple[str, str]:
        filled = messages(self, values, held=held)
        seen.append(_blanked(self, values, held))
        return filled

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Code, "messages", recording)
        for argv in _corpus(tmp):
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(argv) in (0, 1), argv
        for page in _PAGES:  # the documented examples (their own test checks their output)
            with contextlib.redirect_stdout(io.StringIO()):
                doctest.testfile(str(page), module_relative=False, optionflags=_FLAGS)
    return seen


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Written]:
    # In a fresh interpreter: results the suite's other tests cached fill no message here.
    tmp = tmp_path_factory.mktemp("english")
    command = [sys.executable, "-m", "tests.test_english_messages", str(tmp)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [Written(*w[:4], tuple(map(tuple, w[4]))) for w in json.loads(done.stdout)]


def _vietnamese(text: str) -> list[str]:
    """The words of ``text`` written with a Vietnamese letter (đ, or a letter with a mark)."""
    return [
        word
        for word in re.findall(r"[^\W\d_]+", text)
        if any(c in "đĐ" or (not c.isascii() and unicodedata.decomposition(c)) for c in word)
    ]


#: Numbers, dates and shares written the other language's way (grouping, decimals, dates);
#: "tiêu chí 2.4" is the law's numbering of a criterion, not a decimal.
_NOT_ENGLISH = re.compile(r"\d,\d{1,2}(?![\d,])|\b\d{1,2}/\d{1,2}/\d{4}\b")
_NOT_VIETNAMESE = re.compile(r"(?<![\d.])(?<!chí )\d+\.\d{1,2}(?![\d.])|\b\d{4}-\d{2}-\d{2}\b")


def test_the_corpus_reaches_most_codes(written: list[Written]) -> None:
    reached = {w.code for w in written}
    assert len(written) > 1000 and len(reached) >= 85, (len(written), len(reached))


def test_english_messages_have_no_vietnamese_but_what_was_printed(written: list[Written]) -> None:
    wrong = sorted({f"{w.code}: {w.en}" for w in written if _vietnamese(w.en)})
    assert not wrong, "\n".join(wrong)


def test_each_language_writes_numbers_and_dates_its_own_way(written: list[Written]) -> None:
    wrong = sorted(
        {f"{w.code} (en): {w.en}" for w in written if _NOT_ENGLISH.search(w.en)}
        | {f"{w.code} (vi): {w.vi}" for w in written if _NOT_VIETNAMESE.search(w.vi)}
    )
    assert not wrong, "\n".join(wrong)


def _alike(pair: tuple[str, str]) -> bool:
    """A number with a separator written alike in both languages: wrong in one of them
    ("134.750" is 134,750 in Vietnamese and 134.75 in English); a numbering (6.1.3) is not."""
    vi, en = pair
    return vi == en and bool(re.search(r"\d[.,]\d", re.sub(r"\d+(?:\.\d+){2,}", "", vi)))


def test_numbers_the_library_writes_follow_the_language(written: list[Written]) -> None:
    # "134,750" is only known to be English next to its Vietnamese "134.750": each value
    # with a separated number must be written for each language (ocop.money.format_amount).
    wrong = sorted({f"{w.code}: {pair[0]}" for w in written for pair in w.values if _alike(pair)})
    assert not wrong, "\n".join(wrong)


def test_no_value_is_an_identifier_where_a_label_belongs(written: list[Written]) -> None:
    raw = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # an enum's value, as `entity_type` was
    wrong = sorted(
        {f"{w.code}: {v}" for w in written for pair in w.values for v in pair if raw.search(v)}
    )
    assert not wrong, "\n".join(wrong)


def test_printed_names_template_fields() -> None:
    for code in CODES.values():
        fields = set()
        for held in (False, True):
            with contextlib.suppress(Exception):
                fields |= code.fields(held=held)
        assert set(code.printed) <= fields, (code.name, code.printed)


def test_the_checks_catch_what_they_look_for() -> None:
    assert _vietnamese("The tables differ for NSTW: cả giai đoạn") == ["cả", "đoạn"]
    assert _vietnamese("café") == ["café"] and not _vietnamese("3★ × 2 ≠ 5 – OK")
    assert all(_NOT_ENGLISH.search(t) for t in ("1,5%", "22/5/2026"))
    assert all(_NOT_VIETNAMESE.search(t) for t in ("49.5 điểm", "2025-12-31"))
    assert not _NOT_ENGLISH.search("6.1.3 and 134,750.5 and 49.5%")
    assert not _NOT_VIETNAMESE.search("tiêu chí 6.1.3, tiêu chí 2.4, 134.750,5 và 49,5%")
    assert _alike(("134.750", "134.750")) and _alike(("1,5 tỷ", "1,5 tỷ"))
    assert not _alike(("134.750", "134,750")) and not _alike(("6.1.3", "6.1.3"))


if __name__ == "__main__":  # the corpus, run by the fixture `written`
    print(json.dumps([attrs.astuple(w) for w in _record(Path(sys.argv[1]))]))


def test_the_english_report_heads_a_document_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    text = str(DATA / "plans" / "kon-tum-718-2024.txt")
    assert main(["check", text, "--lang", "en", "--fail-on", "never"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The date ISO (was 02/03/2024) and one check held, singular (was "1 checks held").
    assert lines[0] == "Summary: 0 errors, 0 warnings, 1 info; 1 check held"
    assert lines[2] == "(no number) — Kon Tum, 2024-03-02"
    assert main(["check", text, "--fail-on", "never"]) == 0
    assert capsys.readouterr().out.splitlines()[2] == "(no number) — Kon Tum, 02/03/2024"
