"""The benchmarks run: ``benchmarks/run_all.py --quick`` prints every target with a verdict.

Only that they run and print is asserted; a ratio measured during a test run
on a shared machine is no measurement (DESIGN.md: no wall-clock bounds in tests).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

RUN_ALL = Path(__file__).resolve().parents[1] / "benchmarks" / "run_all.py"


def test_run_all_quick_prints_every_target_with_a_verdict() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN_ALL), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    verdicts = re.findall(r"target <= [0-9.]+x  (PASS|MISS)$", done.stdout, flags=re.MULTILINE)
    summary = re.search(r"^(\d+) of (\d+) targets PASS", done.stdout, flags=re.MULTILINE)
    assert summary is not None, done.stdout
    assert len(verdicts) == int(summary[2]) >= 2
    assert "one card: score()" in done.stdout
