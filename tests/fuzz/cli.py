"""Fuzzing the ``ocop`` command in process: argv drawn from its commands, options and
hostile words, files with hostile contents, stdin with hostile bytes."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from ocop.cli import main
from tests.fuzz.runner import Outcome
from tests.fuzz.surface import Target

CLI_TARGET = Target("ocop.cli.main", main, None, "cli")

COMMANDS = ("check", "plans", "rules", "sheets", "score", "certificate", "audit")
OPTIONS = (
    "--on", "--format", "--fail-on", "--filed-on", "--kind", "--regulation", "--knockout",
    "--issued", "--star", "--issued-by", "--filed", "--decided", "--expiry-rule", "--reading",
    "--help", "--version",
)  # fmt: skip
WORDS = (
    "2026-06-01", "2024-02-29", "9999-12-31", "0000-01-01", "2026-13-01", "json", "text",
    "error", "warning", "7", "26", "0", "٣", "²", "３", "٧", "I.3.c", "26/2026/QĐ-TTg",
    "148/QĐ-TTg", "kon-tum-908-2023", "literal", "bogus", "dossier", "-", "", " ", "x" * 300,
    "/dev/zero", "/nonexistent.json", "\x00", "\ud800", "--", "-x",
)  # fmt: skip
CONTENTS = (
    b"[" * 100_000 + b"]" * 100_000,
    b'{"regulation": ' + b"1" * 5000 + b"}",
    b"\xff\xfe",
    b"[NaN]",
    b"{}",
    b"[]",
    b'{"regulation": "26/2026/QD-TTg", "product_set": "I.3.c", "choices": {}}',
    b"",
)


def draw_argv(data: st.DataObject) -> tuple[list[str], bytes]:
    argv: list[str] = []
    if data.draw(st.integers(0, 9)):
        argv.append(data.draw(st.sampled_from(COMMANDS)))
    words = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(WORDS), st.sampled_from(["FILE"]))
    argv += data.draw(st.lists(words, max_size=6))
    return argv, data.draw(st.sampled_from(CONTENTS))


def run_cli(argv: list[str], content: bytes) -> Outcome:
    """``ocop *argv`` with FILE a file holding ``content`` and stdin holding it too."""
    started = time.perf_counter()
    escaped: BaseException | None = None
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.json"
        path.write_bytes(content)
        argv = [str(path) if a == "FILE" else a for a in argv]
        stdin = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8")
        saved = sys.stdin
        sys.stdin = stdin
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status: Any = main(argv)
            escaped = _judge(status, err.getvalue())
        except SystemExit as done:  # --help and --version print and exit 0
            if done.code not in (0, None):
                escaped = AssertionError(f"SystemExit({done.code!r})")
        except (Exception, RecursionError) as caught:
            escaped = caught
        finally:
            sys.stdin = saved
    shown = "ocop " + " ".join(a[:40] for a in argv)
    return Outcome(CLI_TARGET.name, time.perf_counter() - started, escaped, shown)


def _judge(status: object, stderr: str) -> BaseException | None:
    if status not in (0, 1, 2):
        return AssertionError(f"exit status {status!r}")
    if status == 2:
        lines = stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("ocop: error ["):
            return AssertionError(f"not one error line: {stderr[:300]!r}")
        if "[internal_error]" in lines[0]:
            return AssertionError(lines[0])
    if "Traceback" in stderr:
        return AssertionError("a traceback on stderr")
    return None
