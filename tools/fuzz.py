"""The long fuzz profile: drive every public callable and CLI command, report what escaped.

    python tools/fuzz.py --examples 100000 [--seconds 3600] [--targets REGEX] [--shard 1/4]

The examples are spread evenly over the targets of tests/fuzz (every public
callable and input model, plus the CLI).  One line is printed per target as it
finishes (calls, escapes, slowest call) with a running total; at the end, the
totals, the first reproducer of each distinct escape and the slowest calls.
Exit status 1 if anything escaped.  CI runs the short profile instead
(tests/fuzz, a few examples per target).

Values are drawn by Hypothesis in its generate phase only (no shrinking, no
example database), so a reproducer prints as drawn.  Input models (a plan, a
scorecard, a budget) cost more to draw than most calls take, so ``--pool`` of
each is drawn once before the run and handed to many calls (frozen models;
the hostile values and the other arguments are drawn for every call).  The process caps its own
memory (``--memory-gb``) and each call's time (``--call-seconds``): a call past
either is reported as an escape (``MemoryError``, ``CallTimedOut``) instead of
taking the shared machine down.
"""

from __future__ import annotations

import argparse
import math
import re
import resource
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.fuzz import values
from tests.fuzz.cli import CLI_TARGET, draw_argv, run_cli
from tests.fuzz.runner import Outcome, draw_call, run
from tests.fuzz.surface import Target
from tests.fuzz.test_fuzz import fuzzed

from ocop.text import show


class CallTimedOut(Exception):
    """A call ran past --call-seconds."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise CallTimedOut("the call ran past --call-seconds")


def drive(target: Target, examples: int, deadline: float, call_seconds: int) -> list[Outcome]:
    """``examples`` calls of ``target`` (fewer if the ``deadline`` passes)."""
    outcomes: list[Outcome] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        # Past the --seconds budget the values are still drawn but not called: a test that
        # stopped drawing would look flaky to Hypothesis, which replays what it generated.
        late = time.monotonic() > deadline
        signal.alarm(call_seconds)
        try:
            if target is CLI_TARGET:
                argv = draw_argv(data)
                if late:
                    return
                outcome = run_cli(*argv)
            else:
                call = draw_call(data, target)
                if late:
                    return
                outcome = run(target, *call)
        except CallTimedOut as late:  # raised while drawing or outside run()'s own guard
            outcome = Outcome(target.name, float(call_seconds), late, target.name)
        finally:
            signal.alarm(0)
        # Keep the reproducer, not the exception's traceback (its frames hold the values).
        if outcome.escaped is not None:
            outcome = Outcome(outcome.target, outcome.seconds, _bare(outcome.escaped), outcome.call)
        outcomes.append(outcome)

    try:
        one()
    except CallTimedOut as late:  # the alarm rang inside Hypothesis itself
        outcomes.append(Outcome(target.name, float(call_seconds), late, target.name))
    return outcomes


def _message(err: BaseException | None) -> str:
    try:
        return show(str(err), 200)
    except Exception:  # an exception whose own str() fails (a huge int in its args)
        return f"<{type(err).__name__} whose str() fails>"


def _model_types(targets: list[Target]) -> set[type]:
    found: set[type] = set()
    for t in targets:
        if t.kind in ("validate", "json") and t.owner is not None:
            found.add(t.owner)
        for annotation in values.hints(t.func).values():
            found |= values.model_types(annotation)
    return found


def _bare(err: BaseException) -> BaseException:
    err.__traceback__ = None
    err.__cause__ = err.__context__ = None
    return err


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="calls in all")
    parser.add_argument("--seconds", type=float, default=math.inf, help="stop after this budget")
    parser.add_argument("--targets", help="only targets whose name matches this regex")
    parser.add_argument("--shard", default="1/1", help="run the i-th of n slices, e.g. 2/4")
    parser.add_argument("--memory-gb", type=float, default=4.0, help="cap of this process")
    parser.add_argument("--call-seconds", type=int, default=20, help="a call past this escapes")
    parser.add_argument(
        "--pool", type=int, default=200, help="instances drawn once per input model (0: afresh)"
    )
    args = parser.parse_args(argv)
    cap = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGALRM, _alarm)
    index, count = (int(x) for x in args.shard.split("/"))
    targets: list[Target] = [*fuzzed(), CLI_TARGET]
    if args.targets:
        targets = [t for t in targets if re.search(args.targets, t.name)]
    targets = targets[index - 1 :: count]
    per_target = max(1, math.ceil(args.examples / max(1, len(targets))))
    started = time.monotonic()
    if args.pool:
        values.fill_pools(_model_types(targets), args.pool)
        print(f"pools of {args.pool} drawn in {time.monotonic() - started:.0f} s", flush=True)
    deadline = started + args.seconds
    outcomes: list[Outcome] = []
    for n, target in enumerate(targets, 1):
        ran = drive(target, per_target, deadline, args.call_seconds)
        outcomes += ran
        bad = sum(o.escaped is not None for o in ran)
        slow = max(ran, key=lambda o: o.seconds, default=None)
        total_bad = sum(o.escaped is not None for o in outcomes)
        print(
            f"[{n}/{len(targets)}] {target.name}: {len(ran)} calls, {bad} escaped, slowest "
            f"{slow.seconds if slow else 0:.3f} s | total {len(outcomes):,} calls, "
            f"{total_bad} escaped, {time.monotonic() - started:.0f} s",
            flush=True,
        )
        if bad:
            first = next(o for o in ran if o.escaped is not None)
            print(f"    {type(first.escaped).__name__}: {first.call}", flush=True)
        if time.monotonic() > deadline:
            print("the --seconds budget is spent: stopping", flush=True)
            break
    report(outcomes, len(targets), time.monotonic() - started)
    return 1 if any(o.escaped is not None for o in outcomes) else 0


def report(outcomes: list[Outcome], targets: int, seconds: float) -> None:
    escaped = [o for o in outcomes if o.escaped is not None]
    rate = len(outcomes) / seconds if seconds else 0.0
    print(f"{len(outcomes):,} calls over {targets} targets in {seconds:.0f} s ({rate:.0f}/s)")
    print(f"{len(escaped):,} escaped the error contract")
    first: dict[tuple[str, str], Outcome] = {}
    for o in escaped:
        first.setdefault((o.target, type(o.escaped).__name__), o)
    for (_, kind), o in list(first.items())[:50]:
        print(f"  {kind}: {o.call}\n      {_message(o.escaped)}")
    slowest: list[Any] = sorted(outcomes, key=lambda o: o.seconds, reverse=True)[:5]
    for o in slowest:
        print(f"  slow: {o.seconds:.3f} s {o.call}")


if __name__ == "__main__":
    sys.exit(main())
