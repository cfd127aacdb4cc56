"""Every failure of ``ocop`` is one line ``ocop: error [code]: …`` on stderr with exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop import cli as ocop_cli
from ocop.limits import MAX_INPUT_BYTES
from tests.cli import run


def _one_line(status: int, out: str, err: str, code: str = "invalid_input") -> None:
    assert status == 2, (out, err)
    assert err.startswith(f"ocop: error [{code}]: "), err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["certificate", "--issued", "2024-01-01", "--star", "²"],
        ["certificate", "--issued", "2024-01-01", "--star", "٣"],
        ["certificate", "--issued", "2024-01-01", "--star", "３"],
        ["score", "x" * 300],
        ["score", "/dev/zero"],
        ["check", "y" * 300 + ".json"],
        ["no-such-command"],
        ["score"],
        ["certificate", "--issued", "2024-01-01", "--star", "3", "--reading", "bogus"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_hostile_arguments_give_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _one_line(*run(capsys, *argv))


@pytest.mark.parametrize("digit", ["٧", "７", "⁷"])
def test_non_ascii_digits_never_name_a_sheet(
    capsys: pytest.CaptureFixture[str], digit: str
) -> None:
    status, _, err = run(capsys, "sheets", digit)
    assert status == 2 and err.count("\n") == 1


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"regulation": ' + b"1" * 5000 + b"}",
        b"\xff\xfe",
        b"[NaN]",
    ],
    ids=["deep", "5000-digits", "not-utf8", "nan"],
)
def test_hostile_files_give_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "card.json"
    path.write_bytes(content)
    _one_line(*run(capsys, "score", str(path)))
    _one_line(*run(capsys, "check", str(path)))


def test_a_file_past_the_size_limit_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used
    status, out, err = run(capsys, "score", str(path))
    _one_line(status, out, err)
    assert "MAX_INPUT_BYTES" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _one_line(*run(capsys, "score", str(fifo)))


def test_an_internal_error_is_one_line_asking_for_a_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(name: str) -> str:
        raise KeyError(name)

    monkeypatch.setattr("ocop.cli.score._read", broken)
    status, out, err = run(capsys, "score", "-")
    _one_line(status, out, err, code=ocop_cli.INTERNAL_ERROR)
    assert "bug" in err


def test_an_ascii_terminal_gets_escapes_not_a_crash() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "ocop", "sheets", "7", "--regulation", "26/2026/QĐ-TTg"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"B\\u1ed9 s\\u1ea3n ph\\u1ea9m" in done.stdout  # "Bộ sản phẩm", escaped
