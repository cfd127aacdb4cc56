"""Building blocks of the displays: escaped HTML fragments, tables, one style block, plain text.

Every string becomes HTML through :func:`esc` (``html.escape(..., quote=True)``)
unless it is already an :class:`Html` fragment built here, so text that came
from a user (a product name, a plan title, a quoted sentence) cannot open a
tag or an attribute.  The output has no JavaScript, no external URL and no
image: one ``<style>`` block whose classes all start with ``ocop-``.

(The module is not called ``html``: ``ocop.display.html`` is the function.)

>>> str(el("td", "<b>&", cls="ocop-num", title='say "hi"'))
'<td class="ocop-num" title="say &quot;hi&quot;">&lt;b&gt;&amp;</td>'
>>> print(text_table(["id", "points"], [["1.1", "3"], ["10", "12"]], right={1}))
id   points
---  ------
1.1       3
10       12
"""

from __future__ import annotations

import html as _stdlib_html
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

from ocop.money import Unit, format_amount, format_decimal

__all__: list[str] = []


class Html(str):
    """A fragment of HTML that is already safe: escaped text and tags built here."""

    __slots__ = ()


Child = str | Html | None


def esc(value: object) -> Html:
    """``value`` as HTML text: ``& < > " '`` escaped, so it can open no tag or attribute."""
    return Html(_stdlib_html.escape(str(value), quote=True))


def _child(child: Child) -> str:
    if child is None:
        return ""
    return child if isinstance(child, Html) else esc(child)


def join(children: Iterable[Child]) -> Html:
    """Fragments side by side; plain strings among them are escaped."""
    return Html("".join(_child(c) for c in children))


def el(
    tag: str,
    *children: Child,
    cls: str | None = None,
    title: str | None = None,
    colspan: int | None = None,
) -> Html:
    """``<tag class=… title=…>children</tag>``; attribute values and plain children escaped.

    ``tag`` and ``cls`` are the library's own names, never user text.
    """
    attrs = ""
    if cls:
        attrs += f' class="{esc(cls)}"'
    if title:
        attrs += f' title="{esc(title)}"'
    if colspan is not None and colspan > 1:
        attrs += f' colspan="{int(colspan)}"'
    return Html(f"<{tag}{attrs}>{join(children)}</{tag}>")


Cell = Child | tuple[Child, str | None] | tuple[Child, str | None, str | None]


def _cell(tag: str, cell: Cell) -> Html:
    """A cell from text, or from (content, class) or (content, class, title)."""
    if isinstance(cell, tuple):
        content, cls, *rest = cell
        return el(tag, content, cls=cls, title=rest[0] if rest else None)
    return el(tag, cell)


def table(
    headers: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    *,
    cls: str = "ocop-table",
    caption: Child = None,
    row_classes: Sequence[str | None] | None = None,
) -> Html:
    """A ``<table>``: one header row, then the rows (cells as for :func:`_cell`)."""
    head = el("tr", *(_cell("th", h) for h in headers))
    body = []
    for i, row in enumerate(rows):
        row_cls = row_classes[i] if row_classes is not None else None
        body.append(el("tr", *(_cell("td", c) for c in row), cls=row_cls))
    parts = [el("caption", caption) if caption is not None else None, el("thead", head)]
    return el("table", *parts, el("tbody", *body), cls=cls)


def block(title: Child, *content: Child, kind: str) -> Html:
    """A whole display: the style block, a heading, the content, in one ``div``."""
    return el("div", STYLE, el("div", title, cls="ocop-title"), *content, cls=f"ocop {kind}")


def number(value: int | Fraction | Decimal) -> str:
    """A number the Vietnamese way: ``1.234``, ``89,5``; a repeating fraction as ``≈ 89,33``."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return format_decimal(value.numerator)
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        if Fraction(exact) == value:
            return format_decimal(exact)
        return f"≈ {format_decimal(round(exact, 2))} ({value.numerator}/{value.denominator})"
    return format_decimal(value)


def amount(dong: int, unit: Unit = Unit.TRIEU, *, with_unit: bool = False) -> str:
    """Integer đồng written in ``unit`` the Vietnamese way, exactly: ``134.750``."""
    return format_amount(dong, unit, locale="vi", with_unit=with_unit)


def text_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: set[int] | None = None
) -> str:
    """Rows as aligned plain-text columns (those in ``right`` aligned right)."""
    lines = [list(headers), *([str(c) for c in row] for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    right = right or set()

    def fmt(line: Sequence[str]) -> str:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(lines[0]), rule, *(fmt(line) for line in lines[1:])])


#: The one style block: compact, light and dark friendly, classes prefixed ``ocop-``.
STYLE: Final = Html(
    "<style>"
    ".ocop{font-family:system-ui,sans-serif;font-size:13px;line-height:1.35}"
    ".ocop-title{font-weight:600;font-size:14px;margin:2px 0 4px}"
    ".ocop-meta{color:#555;margin:2px 0}"
    ".ocop-h{font-weight:600;margin:8px 0 2px}"
    ".ocop-table{border-collapse:collapse;margin:2px 0 6px}"
    ".ocop-table th,.ocop-table td{border:1px solid #ccc;padding:2px 6px;"
    "text-align:left;vertical-align:top}"
    ".ocop-table th{background:rgba(127,127,127,.12)}"
    ".ocop-num{text-align:right!important;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".ocop-part td{font-weight:600;background:rgba(127,127,127,.10)}"
    ".ocop-group td{font-weight:600}"
    ".ocop-total td,.ocop-total{font-weight:600}"
    ".ocop-sub{padding-left:18px!important}"
    ".ocop-star{font-size:20px;font-weight:700;color:#b8860b}"
    ".ocop-bad,.ocop-error{color:#b00020}"
    ".ocop-warning{color:#a15c00}"
    ".ocop-info{color:#1f5fa8}"
    ".ocop-good{color:#1b7f3b}"
    ".ocop-unmet td,.ocop-unmet{background:rgba(176,0,32,.09)}"
    ".ocop-erratum{color:#a15c00;font-size:11px}"
    ".ocop-computed{font-style:italic;color:#666}"
    ".ocop-mismatch{background:rgba(176,0,32,.15);outline:2px solid #b00020}"
    ".ocop-quote{font-style:italic;color:#444;max-width:40em}"
    ".ocop-cite{color:#555;font-size:11px}"
    ".ocop-bar{display:flex;height:14px;max-width:48em;margin:4px 0}"
    ".ocop-bar span{display:block;min-width:2px}"
    ".ocop-s-valid{background:#58a55c}.ocop-s-renewal_window{background:#e0a526}"
    ".ocop-s-kept_valid{background:#9bc27a}.ocop-s-expired{background:#999}"
    ".ocop-s-revoked{background:#b00020}.ocop-s-superseded{background:#6a7fb5}"
    ".ocop-s-not_yet_issued{background:#ddd}"
    "</style>"
)
