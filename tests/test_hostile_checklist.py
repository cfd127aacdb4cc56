"""The hand-made hostile checklist: one test per escape it found, each named for what it proves.

The probes and their outcomes are listed in docs/decisions/reliability.md ("The hand-made
checklist"); the probes that held are not repeated here (the fuzz suite, test_cli_errors.py,
test_hostile_input.py and test_serve.py already pin them).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from ocop.serve import create_app
from tests.cli import run

HUGE_DIGITS = "9" * 5000  # past the 4,300 digits int() reads


def _http(method: str, path: str, **request: Any) -> httpx.Response:
    """One request to ``ocop serve``'s app, in process (no socket)."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(time_limit=60.0))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, path, **request)

    return asyncio.run(send())


def _one_line(status: int, err: str) -> None:
    assert status == 2, err
    assert err.startswith("ocop: error [invalid_input]: "), err
    assert err.count("\n") == 1


def test_a_5000_digit_sheet_number_is_not_found_not_an_internal_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "sheets", HUGE_DIGITS)
    assert status == 2 and err.startswith("ocop: error [not_found]: "), err
    answer = _http("GET", f"/v1/sheets/{HUGE_DIGITS}")
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"


def test_a_5000_digit_star_is_refused_as_a_star(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "certificate", "--issued", "2024-01-01", "--star", HUGE_DIGITS)
    _one_line(status, err)
    assert "--star must be 3, 4 or 5" in err
