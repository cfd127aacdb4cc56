"""The reader's work grows linearly with hostile text: counted in steps, not timed.

Each family of hostile text is read at two sizes, and the Python lines the reader's
modules execute are counted (``sys.settrace``); eight times the text may take about
eight times the steps, never the sixty-four of a quadratic loop.  A loop over every
earlier figure, or over every unread amount for each figure, fails here.  Searches and
slices run in C are not counted: each is bounded to a window in the code (see
docs/decisions/reading.md §4), and ``benchmarks/bench_reader.py`` prints their time ratios.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import ocop.read
from ocop.read import read_text

READER = str(Path(ocop.read.__file__).parent)
SMALL, LARGE = 50, 400

FAMILIES: dict[str, Callable[[int], str]] = {
    "parts after every figure": lambda n: "trong đó 5 sản phẩm, " * n,
    "one marker, then a long list": lambda n: "trong đó " + "5 sản phẩm, " * n,
    "one parenthesis never closed": lambda n: "(" + "5 sản phẩm, " * n,
    "no punctuation": lambda n: "5 sản phẩm " * n,
    "unread amounts with shares": lambda n: "1,020 tỷ đồng (5%), " * n,
    "one figure a line": lambda n: "- 5 sản phẩm\n" * n,
    "star marks only": lambda n: "3 sao " * n,
    "shares after nouns": lambda n: "5 sản phẩm thuộc nhóm thực phẩm, chiếm 5%; " * n,
}


def steps(text: str) -> int:
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(READER) else None

    previous = sys.gettrace()  # a coverage tracer, if any, is put back
    sys.settrace(calls)
    try:
        read_text(text, issued_on=date(2024, 1, 1))
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_eight_times_the_text_takes_about_eight_times_the_steps(family: str) -> None:
    make = FAMILIES[family]
    small, large = steps(make(SMALL)), steps(make(LARGE))
    assert small > 0
    assert large <= 1.25 * (LARGE / SMALL) * small, (family, small, large)
