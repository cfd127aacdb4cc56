"""The finding-code registry: declared once, checked both ways, listed by ``ocop codes``."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ocop import codes
from ocop.budget import Level
from ocop.codes import Kind, Localized, Severity
from ocop.errors import InvalidInput, NotFound
from ocop.findings import Finding, Proven, finding, proven
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
    for package in ("plans", "budget", "audit", "reports", "drafts", "read"):
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


# --- message templates: declared once, filled by one API ---------------------------------------

#: Keyword parameters of ocop.findings.finding: no template field may take their names.
_RESERVED = {"severity", "quote", "citations"}


def test_every_code_has_templates_in_both_languages_for_what_it_reports() -> None:
    for c in codes.CODES.values():
        roles = [held for held in (False, True) if (c.severities if not held else c.held)]
        for held in roles:
            vi, en = c.templates(held=held)
            assert vi.strip() and en.strip(), c.name
            assert not c.fields(held=held) & _RESERVED, c.name
        if not c.severities:
            assert c.vi is None and c.en is None, (
                f"{c.name} declares finding templates it never uses"
            )
        if not c.held:
            assert c.held_vi is None and c.held_en is None, c.name


def test_a_template_value_the_call_does_not_give_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"needs the values \['plan'\], not given"):
        finding("years_short_of_plan", "table 1", "2021–2025", "2021–2024", years="2021–2024")
    with pytest.raises(InvalidInput, match="no check that held message templates"):
        codes.get("claim_mismatch").templates(held=True)
    made = proven("tables_agree", "t1 ↔ t2 › Tổng", 5, count=5)
    assert (made.message_vi, made.message_en) == (
        "hai bảng ghi cùng 5 số liệu",
        "both tables give the same 5 figure(s)",
    )
    both = finding(
        "source_in_one_table",
        "t1 ↔ t2 › NSTW",
        None,
        5,
        table="t1",
        source=Localized("ngân sách trung ương", "central budget"),
    )
    assert both.message_vi == "Chỉ bảng t1 có nguồn ngân sách trung ương"
    assert both.message_en == "Only table t1 has the source central budget"


def _calls() -> list[tuple[Path, ast.Call]]:
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.append((path, node))
    return found


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def test_no_check_writes_its_message_at_the_call_site() -> None:
    # Messages come from the registry's templates: the library never builds a Finding or a
    # Proven with its own text (the doctests and tests of the classes themselves may).
    written = [
        f"{path.relative_to(SRC)}:{call.lineno}"
        for path, call in _calls()
        if _name(call) in ("Finding", "Proven") and path.name != "findings.py"
    ]
    assert written == []


def test_every_literal_call_gives_the_values_its_templates_name() -> None:
    # A check that names its code literally and gives its values by keyword is checked here,
    # without running it; the rest are checked when they run (and refused if short).
    checked = 0
    for path, call in _calls():
        if any(k.arg is None for k in call.keywords):
            continue  # **values: checked at run time
        literal = [
            a.value
            for a in call.args
            if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value in codes.CODES
        ]
        if not literal or _name(call) not in ("finding", "proven", "add", "holds"):
            continue
        c = codes.CODES[literal[0]]
        given = {k.arg for k in call.keywords}
        held = _name(call) in ("proven", "holds")
        missing = c.fields(held=held) - given
        assert not missing, f"{path.relative_to(SRC)}:{call.lineno} {c.name} lacks {missing}"
        checked += 1
    assert checked >= 50  # the scan sees the checks (60 such calls when written)
