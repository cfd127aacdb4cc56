"""The finding-code registry: declared once, checked both ways, listed by ``ocop codes``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocop import codes
from ocop.budget import Level
from ocop.codes import Kind, Severity
from ocop.errors import InvalidInput, NotFound
from ocop.findings import Finding, Proven
from tests.cli import run

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "ocop"


def test_docs_page_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert page == codes.markdown(), "run: ocop codes --format markdown > docs/codes.md"


def test_an_undeclared_code_cannot_be_reported() -> None:
    with pytest.raises(InvalidInput, match="not a declared finding code"):
        Finding("made_up", Severity.ERROR, "here", 1, 2, "vi", "en")
    with pytest.raises(InvalidInput, match="not a declared check that held code"):
        Proven("made_up", "here", 1, "en")
    # A finding-only code is not a held check, and a held-only code is not a finding.
    with pytest.raises(InvalidInput, match="check that held"):
        Proven("claim_mismatch", "here", 1, "en")
    with pytest.raises(InvalidInput, match="finding code"):
        Finding("claim_matches_table", Severity.INFO, "here", 1, 1, "vi", "en")


def test_a_code_is_reported_only_at_its_declared_severities() -> None:
    with pytest.raises(InvalidInput, match="declared at error, not info"):
        Finding("claim_mismatch", Severity.INFO, "here", 1, 2, "vi", "en")
    assert Finding("star_unreachable", Severity.INFO, "x", "", "", "v", "e").unit is Kind.TEXT


def test_the_unit_comes_from_the_declaration() -> None:
    money = Finding("claim_mismatch", Severity.ERROR, "here", 1, 2, "vi", "en")
    count = Proven("budget_quantity", "here", 250, "en")
    assert (money.unit, count.unit) == (Kind.DONG, Kind.COUNT)


def _literal_codes() -> set[str]:
    """Every string literal in the checking modules that the registry declares."""
    found: set[str] = set()
    for package in ("plans", "budget", "audit", "reports", "drafts"):
        for path in SRC.glob(f"{package}/*.py"):
            found |= set(re.findall(r'"([a-z0-9_]+)"', path.read_text(encoding="utf-8")))
    return found & set(codes.CODES)


def test_every_declared_code_is_used() -> None:
    literal = _literal_codes()
    # ocop.budget.reconcile names its comparisons by the axes they add ("items_years_sum").
    generated = {c for c in codes.CODES if re.fullmatch(r"[a-z_]+_sum(_mismatch)?", c)}
    unused = set(codes.CODES) - literal - generated
    assert not unused, f"declared in ocop.codes but never reported: {sorted(unused)}"


def test_every_reconciliation_comparison_is_declared() -> None:
    # The names ocop.budget.reconcile gives a comparison of a level with a finer one.
    names = {"sub_sources_sum"}
    for parent in Level:
        for child in Level:
            added = [a for a in child.axes if a not in parent.axes]
            if set(parent.axes) < set(child.axes):
                names.add("_".join(a + "s" for a in added) + "_sum")
    for name in names:
        assert codes.get(name).held and codes.get(f"{name}_mismatch").severities == (
            Severity.ERROR,
        )


def test_get_refuses_an_unknown_code() -> None:
    with pytest.raises(NotFound, match="ocop codes"):
        codes.get("nope")


def test_ocop_codes_lists_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "codes", "--format", "json")
    listed = json.loads(out)["codes"]
    assert status == 0 and [c["code"] for c in listed] == list(codes.CODES)
    assert {
        "code": "claim_mismatch",
        "severities": ["error"],
        "held": False,
        "kind": "dong",
    }.items() <= next(c for c in listed if c["code"] == "claim_mismatch").items()
    status, out, _ = run(capsys, "codes")
    assert status == 0 and "claim_parts_short" in out and "warning" in out
    status, out, _ = run(capsys, "codes", "--format", "markdown")
    assert out == codes.markdown()
