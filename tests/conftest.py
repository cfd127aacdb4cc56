"""Test-suite settings: Hypothesis profiles, and a fixed "today" for the CLI tests.

`ci` (the default under CI) is derandomised and bounded so CI stays fast and
repeatable; `dev` explores more; pick one with HYPOTHESIS_PROFILE=dev.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, settings

from ocop.cli import _common

settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's "today" is 23/11/2026, so that reports naming today's province stay fixed."""
    monkeypatch.setattr(_common, "today", lambda: date(2026, 11, 23))
