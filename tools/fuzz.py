"""The long fuzz profile: drive every public callable and CLI command, report what escaped.

    python tools/fuzz.py --examples 100000 [--only NAME] [--shard 1/4] [--verbose]

The examples are spread evenly over the targets of tests/fuzz (every public
callable and input model, plus the CLI).  Prints how many calls ran, how many
escaped the error contract (with the first reproducer of each distinct escape)
and the slowest calls.  Exit status 1 if anything escaped.  CI runs the short
profile instead (tests/fuzz, a few examples per target).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.cli import CLI_TARGET, draw_argv, run_cli
from tests.fuzz.runner import Outcome, draw_call, run
from tests.fuzz.surface import Target
from tests.fuzz.test_fuzz import fuzzed

from ocop.text import show


def drive(target: Target, examples: int, outcomes: list[Outcome]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        if target is CLI_TARGET:
            outcomes.append(run_cli(*draw_argv(data)))
        else:
            outcomes.append(run(target, *draw_call(data, target)))

    one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="calls in all")
    parser.add_argument("--only", help="targets whose name contains this text")
    parser.add_argument("--shard", default="1/1", help="run the i-th of n slices, e.g. 2/4")
    parser.add_argument("--verbose", action="store_true", help="print each target as it runs")
    args = parser.parse_args(argv)
    index, count = (int(x) for x in args.shard.split("/"))
    targets: list[Target] = [*fuzzed(), CLI_TARGET]
    if args.only:
        targets = [t for t in targets if args.only in t.name]
    targets = targets[index - 1 :: count]
    per_target = max(1, math.ceil(args.examples / max(1, len(targets) * count)))
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    for target in targets:
        before = len(outcomes)
        if args.verbose:
            print(f"{target.name} …", end=" ", flush=True)
        drive(target, per_target, outcomes)
        if args.verbose:
            ran = outcomes[before:]
            bad = sum(o.escaped is not None for o in ran)
            print(f"{len(ran)} calls, {bad} escaped, slowest {max(o.seconds for o in ran):.2f}s")
    report(outcomes, len(targets), time.perf_counter() - started)
    return 1 if any(o.escaped is not None for o in outcomes) else 0


def report(outcomes: list[Outcome], targets: int, seconds: float) -> None:
    escaped = [o for o in outcomes if o.escaped is not None]
    print(f"{len(outcomes):,} calls over {targets} targets in {seconds:.0f} s")
    print(f"{len(escaped):,} escaped the error contract")
    first: dict[tuple[str, str], Outcome] = {}
    for o in escaped:
        first.setdefault((o.target, type(o.escaped).__name__), o)
    for (_, kind), o in list(first.items())[:30]:
        print(f"  {kind}: {o.call}\n      {show(str(o.escaped), 200)}")
    slowest: list[Any] = sorted(outcomes, key=lambda o: o.seconds, reverse=True)[:5]
    for o in slowest:
        print(f"  slow: {o.seconds:.2f} s {o.call}")


if __name__ == "__main__":
    sys.exit(main())
