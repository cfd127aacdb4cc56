"""The decision pages, readable wherever ``ocop`` is installed.

Messages and docstrings send users to ``docs/decisions/TOPIC.md``: the page
where a choice was taken because a source was weak or the law ambiguous.  The
wheel ships those pages as package data (``ocop/_decisions/``, see
``pyproject.toml``), so an installed package opens them with
``ocop decisions TOPIC`` or :func:`page`; a source checkout reads them from
``docs/decisions/``.  A pointer may be given as it is printed
(``"docs/decisions/stars.md"``, with or without a ``§`` section) or as its
topic (``"stars"``).  The site's address for a page is not assumed: the pages
travel with the package that cites them (docs/decisions/site.md).

>>> "stars" in topics()
True
>>> page("docs/decisions/stars.md §1").splitlines()[0]
'# Decisions: star classification (`ocop.stars`)'
>>> title("stars")
'Decisions: star classification (`ocop.stars`)'
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Final

from ocop.errors import InvalidInput, NotFound
from ocop.text import show

__all__ = ["page", "title", "topic", "topics"]

#: How a pointer is written in messages: an optional folder, the topic, ``.md``, a section.
_POINTER: Final = re.compile(
    r"^(?:(?:docs/)?decisions/)?(?P<topic>[a-z0-9][a-z0-9-]*)(?:\.md)?(?:\s*§\s*[0-9.]+)?$"
)


def _folder() -> Traversable:
    packaged = resources.files("ocop") / "_decisions"  # the wheel's copy
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / "docs" / "decisions"  # a source checkout
    if source.is_dir():
        return source
    raise NotFound(
        "the decision pages are not installed with this copy of ocop; "
        "they are docs/decisions/*.md in its sdist"
    )


def topics() -> tuple[str, ...]:
    """Every decision page's topic (``"stars"`` for docs/decisions/stars.md), sorted."""
    names = (f.name for f in _folder().iterdir() if f.name.endswith(".md"))
    return tuple(sorted(n.removesuffix(".md") for n in names))


def topic(pointer: str) -> str:
    """The topic a pointer names: ``"docs/decisions/stars.md §1"`` → ``"stars"``; NotFound
    for a page that does not exist."""
    if not isinstance(pointer, str):
        raise InvalidInput(f"a decision topic is text, got {show(pointer)}", value=show(pointer))
    found = _POINTER.fullmatch(pointer.strip())
    known = topics()
    if found is None or found["topic"] not in known:
        raise NotFound(
            f"no decision page {show(pointer)}; topics: {', '.join(known)}", value=show(pointer)
        )
    return found["topic"]


def page(pointer: str) -> str:
    """The text (Markdown) of a decision page: ``"stars"``, ``"stars.md"`` or a pointer as
    messages print it, ``"docs/decisions/stars.md §1"``."""
    return (_folder() / f"{topic(pointer)}.md").read_text(encoding="utf-8")


def title(pointer: str) -> str:
    """The page's title: its first heading, without the ``#``."""
    first = page(pointer).lstrip().splitlines()[0]
    return first.lstrip("#").strip()
