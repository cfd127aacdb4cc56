"""Every pointer to a docs page in the code leads to a page a user can open.

Messages and docstrings name ``docs/decisions/TOPIC.md`` (opened from an installed
package with ``ocop decisions TOPIC``, :mod:`ocop.decisions`) or another page of
docs/ (shipped in the sdist and on the docs site).  The wheel's copy of the
decision pages is checked by the smoke test in .ci/run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ocop import decisions
from ocop.errors import InvalidInput, NotFound
from tests.cli import run

ROOT = Path(__file__).parent.parent
SOURCE = ROOT / "src" / "ocop"
_DECISION = re.compile(r"docs/decisions/[a-z0-9-]+\.md(?:\s*§\s*[0-9]+)?")
_PAGE = re.compile(r"docs/([a-z0-9-]+\.md)")


def _files() -> list[Path]:
    return [p for p in SOURCE.rglob("*") if p.suffix in (".py", ".json", ".toml")]


def _pointers(pattern: re.Pattern[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in _files():
        for pointer in pattern.findall(path.read_text(encoding="utf-8")):
            found.setdefault(pointer, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_decision_pointer_opens_a_page() -> None:
    pointers = _pointers(_DECISION)
    assert len(pointers) >= 20  # the code does point to its decisions
    for pointer, where in pointers.items():
        topic = decisions.topic(pointer)
        assert decisions.page(pointer).startswith("# "), (pointer, where)
        assert (ROOT / "docs" / "decisions" / f"{topic}.md").is_file()
        section = re.search(r"§\s*([0-9]+)", pointer)
        if section:  # a section pointed to is one the page numbers
            numbered = rf"(?m)^(#+\s*(§\s*)?{section[1]}[.:) ]|{section[1]}\. )"
            assert re.search(numbered, decisions.page(pointer)), (pointer, where)


def test_every_other_page_pointer_exists() -> None:
    for name, where in _pointers(_PAGE).items():
        assert (ROOT / "docs" / name).is_file(), (name, where)


def test_the_topics_are_the_pages_of_docs_decisions() -> None:
    on_disk = sorted(p.stem for p in (ROOT / "docs" / "decisions").glob("*.md"))
    assert list(decisions.topics()) == on_disk
    assert decisions.title("docs/decisions/scorecards.md").startswith("Decisions: scorecards")


@pytest.mark.parametrize("bad", ["nope", "docs/decisions/nope.md", "../README", ""])
def test_a_page_that_does_not_exist_is_not_found(bad: str) -> None:
    with pytest.raises(NotFound, match="topics: admin"):
        decisions.page(bad)
    with pytest.raises(InvalidInput):
        decisions.page(7)  # type: ignore[arg-type]


def test_ocop_decisions_prints_a_page_and_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "decisions", "docs/decisions/stars.md")
    assert code == 0 and out == decisions.page("stars")
    code, out, _ = run(capsys, "decisions")
    assert code == 0 and len(out.splitlines()) == len(decisions.topics())
    assert any(line.startswith("scorecards ") for line in out.splitlines())
