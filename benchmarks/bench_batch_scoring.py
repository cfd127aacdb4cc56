"""Batch scoring speed for 1,000,000 scorecards of sheet #7, as ratios measured in one run.

Prints: the batch path's time as a ratio to one numpy reduction pass over the
same int8 choice array (target: within 3x), and its speed-up over the
one-at-a-time path (measured on a sample, extrapolated per card).

    python benchmarks/bench_batch_scoring.py [--rows N]
"""

from __future__ import annotations

import argparse

import numpy as np
from timing import best_of

from ocop.criteria import Scorecard, score, score_batch, scoresheet
from ocop.law import Regime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000, help="cards for the slow path")
    args = parser.parse_args()

    sheet = scoresheet(7, regulation=Regime.QD26_2026)
    counts = np.array([len(n.options) for n in sheet.criteria()])
    rng = np.random.default_rng(20260522)
    # Uniform over each criterion's options and "none" (-1).
    matrix = (rng.integers(0, 1 << 30, size=(args.rows, counts.size)) % (counts + 1) - 1).astype(
        np.int8
    )

    reference = best_of(5, lambda: matrix.sum(axis=1, dtype=np.int32))
    batch = best_of(5, lambda: score_batch(sheet, matrix))

    sample = matrix[: args.sample]
    cards = [
        Scorecard(
            regulation=sheet.regulation,
            product_set=sheet.product_set,
            choices={c: None if v < 0 else int(v) for c, v in zip(sheet.leaves, row, strict=True)},
        )
        for row in sample
    ]
    single = best_of(1, lambda: [score(c) for c in cards]) / len(cards)
    batch_per_card = batch / args.rows

    totals = score_batch(sheet, sample).totals
    assert totals.tolist() == [score(c).total for c in cards], "batch and single paths disagree"

    print(
        f"sheet #{sheet.number} ({sheet.product_set}), {args.rows:,} cards x {counts.size} criteria"
    )
    print(f"one numpy reduction pass (int8 -> int32 row sums): {reference * 1e3:8.1f} ms")
    print(f"score_batch:                                       {batch * 1e3:8.1f} ms")
    print(f"ratio batch / one pass: {batch / reference:.2f}x (target <= 3x)")
    print(f"speed-up over one-at-a-time score(): {single / batch_per_card:,.0f}x")


if __name__ == "__main__":
    main()
