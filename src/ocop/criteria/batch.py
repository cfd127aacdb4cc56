"""Score many scorecards of one sheet at once, with no Python loop over rows.

The input is an integer matrix of chosen option indices, one row per card and
one column per criterion in the sheet's printed order (``sheet.leaves``),
``-1`` where no option applies.  ``int8`` is the fast path; other integer
dtypes are range-checked and converted.

How it stays within a few passes over the data:

* two adjacent ``int8`` criteria are read together as one ``uint16``, and a
  per-pair table of 65,536 entries gives their combined points, so there is
  one gather per *pair* of cells;
* a table entry packs the points of Part A, B and C and their sum into bit
  fields of one ``int32`` (A in bits 0–5, B in 6–11, C in 12–17, total in
  18–24), so one row sum yields the total and all three parts at once;
* slots that are not options add a flag bit (bit 25 upwards), so one
  comparison of the packed sums validates every cell; only then is the
  offending cell searched for;
* rows are processed in blocks so the temporaries stay in the CPU cache (the
  Python loop runs over blocks of thousands of rows, never over rows).

>>> import numpy as np
>>> from ocop.criteria import scoresheet, score_batch
>>> sheet = scoresheet(7, regulation="26/2026/QĐ-TTg")
>>> best = np.array([[len(n.options) - 1 for n in sheet.criteria()]], dtype=np.int8)
>>> score_batch(sheet, best).totals.tolist()
[100]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from ocop.arguments import choice, items, same_kind
from ocop.criteria.cases import CaseReading
from ocop.criteria.model import PART_CODES, Node, Scoresheet
from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["BatchScores", "choice_matrix", "score_batch"]

_BLOCK_ROWS = 8192
_FIELD_BITS = 6  # a part scores at most 40 < 2**6
_SHIFT = {"A": 0, "B": _FIELD_BITS, "C": 2 * _FIELD_BITS}
_TOTAL_SHIFT, _TOTAL_BITS = 3 * _FIELD_BITS, 7  # a total is at most 100 < 2**7
_INVALID = 1 << (_TOTAL_SHIFT + _TOTAL_BITS)  # added once per cell that is not an option
_NONE_SLOT = 255  # -1 read as uint8

T = TypeVar("T", bound=np.generic)


@attrs.frozen(slots=True)
class BatchScores:
    """Totals and part scores of N scorecards: ``totals`` (N,), ``parts`` (N, 3) in A, B, C."""

    sheet: int
    totals: npt.NDArray[np.int32] = attrs.field(eq=False)
    parts: npt.NDArray[np.int32] = attrs.field(eq=False)

    def part(self, code: str) -> npt.NDArray[np.int32]:
        if not isinstance(code, str) or code not in PART_CODES:
            raise InvalidInput(f"part must be one of A, B, C, got {show(code)}", value=code)
        return self.parts[:, PART_CODES.index(code)]


def _single_table(node: Node) -> npt.NDArray[np.int32]:
    table = np.full(256, _INVALID, dtype=np.int32)
    for option in node.options:
        table[option.index] = (option.points << _SHIFT[node.part]) | (option.points << _TOTAL_SHIFT)
    table[_NONE_SLOT] = 0
    return table


@lru_cache(maxsize=8)
def _tables(sheet: Scoresheet) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    singles = [_single_table(n) for n in sheet.criteria()]
    # Every cell of a row may be invalid; the flags must not overflow int32.
    if len(singles) * _INVALID >= 2**31:
        raise InvalidInput(f"sheet #{sheet.number} has too many criteria for the batch path")
    return pair_tables(singles, np.add)


def pair_tables(
    singles: Sequence[npt.NDArray[T]], combine: np.ufunc
) -> tuple[npt.NDArray[T], npt.NDArray[T]]:
    """Per-pair lookup tables (flattened) and, for an odd count, the last column's table.

    ``singles[j]`` maps an option slot (0–255, 255 = none) of column ``j`` to a
    value; a pair's entry is ``combine`` of its two columns' values, indexed by
    the two cells read as one ``uint16`` (see :func:`reduce_pairs`).
    """
    pairs = len(singles) // 2
    # A uint16 read of two bytes puts the first byte low on little-endian machines.
    first_low = sys.byteorder == "little"
    table = np.empty((pairs, 256, 256), dtype=singles[0].dtype)  # [pair, high byte, low byte]
    for m in range(pairs):
        low, high = (singles[2 * m], singles[2 * m + 1])
        if not first_low:
            low, high = high, low
        combine(high[:, None], low[None, :], out=table[m])
    last = singles[-1] if len(singles) % 2 else np.zeros(256, dtype=singles[0].dtype)
    return table.reshape(-1), last


def reduce_pairs(
    matrix: npt.NDArray[np.int8],
    tables: tuple[npt.NDArray[T], npt.NDArray[T]],
    reduce: np.ufunc,
) -> npt.NDArray[T]:
    """Row-wise ``reduce`` (``np.add``, ``np.minimum``) of per-cell table values.

    One gather per pair of cells.  Rows go in blocks that stay in the CPU
    cache, and within a block pair by pair, so each step is a contiguous 1-D
    ``reduce`` rather than a short reduction along every row.
    """
    table, last = tables
    rows, width = matrix.shape
    if width < 2:
        raise InvalidInput("the pair-table batch path needs at least two criteria")
    words = matrix[:, : width - width % 2].view(np.uint16)
    out = np.empty(rows, dtype=table.dtype)
    index = np.empty(min(rows, _BLOCK_ROWS), dtype=np.int32)
    gathered = np.empty(index.shape, dtype=table.dtype)
    for start in range(0, rows, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, rows)
        n, block = stop - start, out[start:stop]
        for pair in range(words.shape[1]):  # a dozen pairs, never rows
            np.add(words[start:stop, pair], pair * 65536, out=index[:n], dtype=np.int32)
            table.take(index[:n], out=block if pair == 0 else gathered[:n])
            if pair:
                reduce(block, gathered[:n], out=block)
    if width % 2:
        reduce(out, last.take(matrix[:, -1].view(np.uint8)), out=out)
    return out


def score_batch(
    sheet: Scoresheet,
    choices: npt.ArrayLike,
    *,
    cases: CaseReading | str = CaseReading.PER_CRITERION,
) -> BatchScores:
    """Score every row of ``choices`` against ``sheet``; same answers as :func:`score`."""
    if not isinstance(sheet, Scoresheet):
        raise InvalidInput(f"score_batch() needs a Scoresheet, got {type(sheet).__name__}")
    reading = choice(cases, CaseReading, "cases")
    matrix = as_choice_matrix(sheet, choices)
    packed = reduce_pairs(matrix, _tables(sheet), np.add)
    if matrix.shape[0] and packed.max() >= _INVALID:
        raise_first_invalid(sheet, matrix)
    if reading is CaseReading.ONE_CASE:
        check_cases(sheet, matrix)
    return BatchScores(sheet.number, *_unpack(packed))


def _unpack(packed: npt.NDArray[np.int32]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Totals (N,) and parts (N, 3) from valid packed sums, with contiguous writes only."""
    totals = np.right_shift(packed, _TOTAL_SHIFT)
    np.bitwise_and(totals, (1 << _TOTAL_BITS) - 1, out=totals)
    by_part = np.empty((len(PART_CODES), packed.shape[0]), dtype=np.int32)
    for row, part in enumerate(PART_CODES):  # three parts, not rows
        np.right_shift(packed, _SHIFT[part], out=by_part[row])
        np.bitwise_and(by_part[row], (1 << _FIELD_BITS) - 1, out=by_part[row])
    return totals, by_part.T


def choice_matrix(sheet: Scoresheet, cards: Sequence[object]) -> npt.NDArray[np.int8]:
    """Build the ``int8`` choice matrix for ``cards`` (Scorecards of this sheet).

    A convenience for turning validated cards into the batch layout; each card
    is checked exactly as :func:`~ocop.criteria.score` checks it.
    """
    from ocop.criteria.scoring import Scorecard, score

    sheet = same_kind(sheet, Scoresheet, "sheet")
    rows = []
    for i, card in enumerate(items(cards, "cards")):
        if not isinstance(card, Scorecard):
            raise InvalidInput(f"card {i} is a {type(card).__name__}, not a Scorecard", card=i)
        if (card.regulation, card.product_set) != (sheet.regulation, sheet.product_set):
            raise InvalidInput(
                f"card {i} is for {card.product_set} under {card.regulation.value}, "
                f"not sheet #{sheet.number} ({sheet.product_set})",
                card=i,
            )
        score(card)  # same validation as the one-at-a-time path
        rows.append([-1 if card.choices[c] is None else card.choices[c] for c in sheet.leaves])
    return np.array(rows, dtype=np.int8).reshape(len(rows), len(sheet.leaves))


def as_choice_matrix(sheet: Scoresheet, choices: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """``choices`` as a contiguous ``int8`` matrix of the sheet's width.

    Checks shape and dtype (and range, for wider dtypes); an ``int8`` matrix's
    cells are checked by the caller's own table pass (see
    :func:`raise_first_invalid`), so that the fast path reads the data once.
    """
    try:
        matrix = np.asarray(choices)
    except (ValueError, TypeError, OverflowError):  # ragged rows, or values numpy cannot hold
        raise InvalidInput(
            f"choices must be a 2-D array of option indices, one row per card; got {show(choices)}"
        ) from None
    width = len(sheet.leaves)
    if matrix.ndim != 2 or matrix.shape[1] != width:
        raise InvalidInput(
            f"choices must be a 2-D array with one column per criterion of sheet "
            f"#{sheet.number} ({width}: {', '.join(sheet.leaves)}), got shape {matrix.shape}",
            shape=list(matrix.shape),
        )
    if matrix.dtype == np.int8:
        return np.ascontiguousarray(matrix)
    if matrix.dtype.kind not in "iu":
        raise InvalidInput(
            f"choices must hold integer option indices, got dtype {matrix.dtype}",
            dtype=str(matrix.dtype),
        )
    if matrix.size and (matrix.min() < -1 or matrix.max() > 127):
        raise_first_invalid(sheet, matrix)
    return matrix.astype(np.int8)


def check_cases(sheet: Scoresheet, matrix: npt.NDArray[np.int8]) -> None:
    """Refuse rows that mix "Trường hợp 1" and "Trường hợp 2" options (``CaseReading.ONE_CASE``)."""
    columns = [j for j, n in enumerate(sheet.criteria()) if any(o.case for o in n.options)]
    if not columns or not matrix.shape[0]:
        return
    seen = np.zeros((matrix.shape[0], 3), dtype=bool)  # [row, case 0/1/2]
    for j in columns:  # a handful of columns, never rows
        case_of = np.zeros(256, dtype=np.int8)
        for option in sheet.criteria()[j].options:
            case_of[option.index] = option.case or 0
        seen[np.arange(matrix.shape[0]), case_of.take(matrix[:, j].view(np.uint8))] = True
    mixed = seen[:, 1] & seen[:, 2]
    if mixed.any():
        row = int(np.argmax(mixed))
        raise InvalidInput(
            f"row {row} of sheet #{sheet.number} mixes options of Trường hợp 1 and 2; "
            "under cases='one_case' a product is scored under one case throughout",
            row=row,
        )


def raise_first_invalid(sheet: Scoresheet, matrix: npt.NDArray[np.integer]) -> None:
    """Raise InvalidInput naming the first cell that is not an option of its criterion."""
    counts = np.array([len(n.options) for n in sheet.criteria()])
    bad = (matrix < -1) | (matrix >= counts)
    row, col = (int(v) for v in np.argwhere(bad)[0])
    code = sheet.leaves[col]
    raise InvalidInput(
        f"row {row}, criterion {code} of sheet #{sheet.number}: option {int(matrix[row, col])} "
        f"does not exist; choose 0–{counts[col] - 1} or -1 for none",
        row=row,
        criterion=code,
        option=int(matrix[row, col]),
    )
