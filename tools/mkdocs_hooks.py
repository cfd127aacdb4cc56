"""MkDocs hooks for the docs site (mkdocs.yml): its navigation and API pages, derived.

Nothing here is a second list to keep: the order of the guide pages is the
order docs/index.md links them in, the decision pages are every file in
docs/decisions/, and the API reference has one page per public module of the
top level (``ocop._surface``: ``ocop.law``, ``ocop.criteria`` …), each rendered
by mkdocstrings from the docstrings.  A page added to docs/ or a module made
public appears on the site with no edit here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

_LINK = re.compile(r"\]\(([a-z0-9-]+\.md)\)")


def _api_modules() -> list[str]:
    from ocop._surface import public_modules

    return sorted({".".join(m.__name__.split(".")[:2]) for m in public_modules()})


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    index = (docs / "index.md").read_text(encoding="utf-8")
    guide = list(dict.fromkeys(_LINK.findall(index)))
    pages = sorted(p.name for p in docs.glob("*.md"))
    guide += [p for p in pages if p not in guide and p != "index.md"]
    guide.remove("decisions.md")
    decisions = [
        "decisions.md",
        *(f"decisions/{p.name}" for p in sorted(docs.glob("decisions/*.md"))),
    ]
    api = [{m: f"api/{m}.md"} for m in _api_modules()]
    nav: list[Any] = [{"Home": "index.md"}, {"Guide": guide}, {"Decisions": decisions}]
    config.nav = [*nav, {"API reference": api}]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for module in _api_modules():
        page = f"# `{module}`\n\n::: {module}\n"
        files.append(File.generated(config, f"api/{module}.md", content=page))
    return files
