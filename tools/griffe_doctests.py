"""A griffe extension for the docs site: doctest examples in docstrings shown as code.

The docstrings are plain text with ``>>>`` examples (they run under pytest's
doctest); read as Markdown, an output such as ``['a', 'b']`` would be taken
for a link.  Each run of example lines (from a ``>>>`` line to the next blank
line) is wrapped in a ``pycon`` fence, and the text is otherwise left as it is.
"""

from __future__ import annotations

from typing import Any

import griffe


def fenced(text: str) -> str:
    """``text`` with each doctest example block inside a fence."""
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            inside = True
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
        elif inside and not stripped:
            inside = False
            out.append(f"{indent}```")
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fenced(obj.docstring.value)
