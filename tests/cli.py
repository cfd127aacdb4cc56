"""Running ``ocop`` in-process for the ``tests/test_cli_*.py`` files."""

from __future__ import annotations

import pytest

from ocop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ocop *argv``: the exit status, what it printed and what it wrote to stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
