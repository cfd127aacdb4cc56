"""Batch star classification for 1,000,000 products of sheet #7, as ratios measured in one run.

Prints the batch path's time (totals + choices → stars, minimums checked) as a
ratio to one numpy reduction pass over the same int8 choice array, and its
speed-up over the one-at-a-time path (measured on a sample, per product).

    python benchmarks/bench_batch_classification.py [--rows N]
"""

from __future__ import annotations

import argparse

import numpy as np
from timing import best_of

from ocop.criteria import Scorecard, score, score_batch, scoresheet
from ocop.law import Regime
from ocop.stars import classify, classify_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000, help="products for the slow path")
    args = parser.parse_args()

    sheet = scoresheet(7, regulation=Regime.QD26_2026)
    counts = np.array([len(n.options) for n in sheet.criteria()])
    rng = np.random.default_rng(20260522)
    # Half uniform, half near the top options, so that every star and many held-back
    # products (high totals, a missed mark) occur.
    uniform = rng.integers(0, 1 << 30, size=(args.rows, counts.size)) % (counts + 1) - 1
    near_top = counts - 1 - rng.integers(0, 3, size=uniform.shape) // 2
    half = rng.random(args.rows)[:, None] < 0.5
    matrix = np.where(half, uniform, np.maximum(uniform, near_top)).astype(np.int8)
    totals = score_batch(sheet, matrix).totals.astype(np.float64)

    reference = best_of(5, lambda: matrix.sum(axis=1, dtype=np.int32))
    batch = best_of(5, lambda: classify_batch(sheet, totals, matrix))

    sample = matrix[: args.sample]
    cards = [
        Scorecard(
            regulation=sheet.regulation,
            product_set=sheet.product_set,
            choices={c: None if v < 0 else int(v) for c, v in zip(sheet.leaves, row, strict=True)},
        )
        for row in sample
    ]
    results = [score(c) for c in cards]
    single = best_of(1, lambda: [classify(r) for r in results]) / len(cards)
    stars = classify_batch(sheet, totals[: args.sample], sample).stars
    assert stars.tolist() == [classify(r).star or 0 for r in results], "paths disagree"

    result = classify_batch(sheet, totals, matrix)
    found = np.bincount(result.stars, minlength=6)
    held = int((result.stars < result.band_stars).sum())
    print(f"sheet #{sheet.number} ({sheet.product_set}), {args.rows:,} products")
    print(f"products at stars 0 (knocked out), 1 … 5: {found.tolist()}; held back: {held:,}")
    print(f"one numpy reduction pass (int8 -> int32 row sums): {reference * 1e3:8.1f} ms")
    print(f"classify_batch:                                    {batch * 1e3:8.1f} ms")
    print(f"ratio batch / one pass: {batch / reference:.2f}x (target <= 3x)")
    print(f"speed-up over one-at-a-time classify(): {single / (batch / args.rows):,.0f}x")


if __name__ == "__main__":
    main()
