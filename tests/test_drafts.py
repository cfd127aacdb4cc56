"""Draft regulations (ocop.drafts): read from JSON or YAML, checked like the law, never
registered (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop.criteria import Scorecard, score, scoresheet
from ocop.drafts import DraftRefused, load_draft
from ocop.errors import InconsistentData, InvalidInput
from ocop.regulations import regulation, regulations
from ocop.stars import classify

DRAFTS = Path(__file__).parent / "data" / "drafts"
FIVE_FROM_85 = DRAFTS / "five-stars-from-85.yaml"


def test_a_draft_moving_the_five_star_edge_loads_as_a_patch_of_a_few_lines() -> None:
    before = [(r.id, r.sheets.bands) for r in regulations()]
    draft = load_draft(FIVE_FROM_85)
    assert draft.based_on == "26/2026/QĐ-TTg" and draft.source == str(FIVE_FROM_85)
    bands = draft.regulation.sheets.bands
    assert [(b.star, b.low, b.high) for b in bands][:2] == [(5, 85, 100), (4, 70, 85)]
    assert {p.code for p in draft.proven} >= {"band_cover", "star_reachable"}
    # Everything else is the base's, and the encoded law is unchanged.
    assert draft.regulation.validity.months == 36 and not draft.regulation.encoded
    assert [(r.id, r.sheets.bands) for r in regulations()] == before
    assert regulation("26/2026").sheets.bands[0].low == 90


def test_a_card_at_87_gains_five_stars_under_the_draft_only() -> None:
    draft = load_draft(FIVE_FROM_85).regulation
    sheet = scoresheet(1, regulation="26/2026")
    best = {n.code: len(n.options) - 1 for n in sheet.criteria()}
    card = Scorecard(regulation="26/2026/QĐ-TTg", product_set=sheet.product_set, choices=best)
    assert classify(score(card)).star == 5
    # Lower criteria one step at a time (from the last) until the total is 85–89.
    for code in reversed(list(best)):
        if 85 <= score(card).total <= 89:
            break
        if best[code] > 0:
            best[code] -= 1
            card = Scorecard(
                regulation="26/2026/QĐ-TTg", product_set=sheet.product_set, choices=best
            )
    total = score(card).total
    assert 85 <= total < 90
    now, then = classify(score(card)), classify(score(card, regulation=draft), regulation=draft)
    assert now.star == 4
    assert then.star == 5 or any(u.star == 5 for u in then.unmet), then


def test_a_band_gap_is_refused_with_a_finding_naming_the_gap() -> None:
    with pytest.raises(DraftRefused) as err:
        load_draft(DRAFTS / "band-gap.yaml")
    (found,) = err.value.context["findings"]
    assert found["code"] == "band_gap"
    assert "between 69 and 71" in found["message"] and "band-gap.yaml" in str(err.value)


def test_json_and_yaml_text_read_alike(tmp_path: Path) -> None:
    patch = {
        "based_on": "26/2026",
        "id": "Dự thảo",
        "validity": {"months": 48, "printed": "… 48 tháng …"},
    }
    file = tmp_path / "d.json"
    file.write_text(json.dumps(patch, ensure_ascii=False), "utf-8")
    from_json = load_draft(file)
    from_text = load_draft("based_on: 26/2026\nid: Dự thảo\nvalidity: {months: 48, printed: x}\n")
    assert from_json.regulation.validity.months == from_text.regulation.validity.months == 48
    assert regulation("26/2026").validity.months == 36


def test_a_criterion_changed_and_a_mark_removed(tmp_path: Path) -> None:
    sheet = scoresheet(1, regulation="26/2026")
    marked = next(
        (n, i) for n in sheet.criteria() for i, o in enumerate(n.options) if o.min_star == 5
    )
    node, index = marked
    text = (
        "based_on: 26/2026\nid: Dự thảo bỏ dấu sao\nsheet_changes:\n  criteria:\n"
        f"    - {{sheets: [1], criterion: '{node.code}',\n"
        f"       marks: [{{option: {index}, min_star: null}}]}}\n"
    )
    draft = load_draft(text).regulation
    changed = scoresheet(1, regulation=draft).nodes[node.code]
    assert changed.options[index].min_star is None
    assert sheet.nodes[node.code].options[index].min_star == 5  # the law is untouched
    untouched = scoresheet(2, regulation=draft).nodes[node.code]
    assert untouched.options == scoresheet(2, regulation="26/2026").nodes[node.code].options


def test_a_change_that_breaks_a_sum_is_refused_with_a_finding() -> None:
    sheet = scoresheet(1, regulation="26/2026")
    node = next(n for n in sheet.criteria() if n.max_points >= 2)
    options = ", ".join(
        f"{{text: '{o.text[:20]}', points: {o.points + 1}, min_star: null, case: null}}"
        for o in node.options
    )
    text = (
        "based_on: 26/2026\nid: Dự thảo sai tổng\nsheet_changes:\n  criteria:\n"
        f"    - {{sheets: [1], criterion: '{node.code}', options: [{options}]}}\n"
    )
    with pytest.raises(DraftRefused) as err:
        load_draft(text)
    assert [f["code"] for f in err.value.context["findings"]] == ["draft_sheets_inconsistent"]


@pytest.mark.parametrize(
    ("text", "error", "where"),
    [
        ("based_on: 26/2026\nid: [unclosed\n", InvalidInput, "<text>:3: not valid YAML"),
        (
            "based_on: 26/2026\nid: D\nbands:\n  rows:\n    - {star: 4, low: x}\n",
            InconsistentData,
            ":5: bands.rows.0.low",
        ),
        ("based_on: 99/2099\nid: D\n", InconsistentData, "<text>:1"),
        ("based_on: 26/2026\nid: 26/2026/QĐ-TTg\n", InvalidInput, "own name"),
        (
            "based_on: 26/2026\nid: D\nsheet_changes:\n  criteria:\n    - {criterion: '99.9'}\n",
            InconsistentData,
            "no sheet has criterion",
        ),
        ("- a list\n", InvalidInput, "object"),
    ],
)
def test_an_unreadable_draft_names_the_file_line_and_field(
    text: str, error: type[Exception], where: str
) -> None:
    with pytest.raises(error, match=None) as err:
        load_draft(text)
    assert where in str(err.value)


def test_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        load_draft(tmp_path / "nothing.yaml")
    with pytest.raises(InvalidInput):
        load_draft(3)  # type: ignore[arg-type]


def test_classify_batch_takes_the_draft_and_refuses_its_sheet_without_it() -> None:
    import numpy as np

    from ocop.criteria import score_batch
    from ocop.stars import classify_batch

    draft = load_draft(FIVE_FROM_85).regulation
    sheet = scoresheet(1, regulation=draft)
    choices = np.array([[len(n.options) - 1 for n in sheet.criteria()]])
    totals = score_batch(sheet, choices).totals
    found = classify_batch(sheet, np.array([87.0]), regulation=draft)
    assert found.stars.tolist() == [5] and totals.tolist() == [100]
    law = classify_batch(scoresheet(1, regulation="26/2026"), np.array([87.0]))
    assert law.stars.tolist() == [4]
    with pytest.raises(InvalidInput, match="pass the Regulation it was read from"):
        classify_batch(sheet, np.array([87.0]))


def test_ocop_audit_draft_audits_its_own_tables_and_refuses_a_gap(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ocop.cli import main

    assert main(["audit", "--draft", str(FIVE_FROM_85), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["draft"].startswith("Dự thảo") and document["regulation"] == "26/2026/QĐ-TTg"
    assert {p["property"] for p in document["proven"] + document["findings"]} == {"bands", "marks"}
    assert main(["audit", "--draft", str(DRAFTS / "band-gap.yaml")]) == 2
    assert "band_gap" in capsys.readouterr().err


def test_ocop_score_draft_scores_and_classifies_under_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ocop.cli import main

    sheet = scoresheet(1, regulation="26/2026")
    choices = {n.code: len(n.options) - 1 for n in sheet.criteria()}
    choices.update({"4.2": 0, "4.3": 0, "6.3": 0, "6.4": 1})  # 87 points
    card = {"regulation": "26/2026/QĐ-TTg", "product_set": "I.1.a", "choices": choices}
    file = tmp_path / "card.json"
    file.write_text(json.dumps(card, ensure_ascii=False), "utf-8")
    assert main(["score", str(file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["star"] == 4
    assert main(["score", str(file), "--draft", str(FIVE_FROM_85), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["star"] == 5 and "Dự thảo" in document["citation"]


@pytest.mark.parametrize("command", ["score", "test", "compare", "audit"])
def test_every_command_reads_draft_through_one_option(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from ocop.cli import build_parser, main

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    (option,) = [a for a in sub.choices[command]._actions if "--draft" in a.option_strings]
    assert option.metavar == "FILE" and option.required == (command == "compare")
    # The same reading refuses a broken draft the same way, before the command's own input.
    bad = tmp_path / "bad.yaml"
    bad.write_text("based_on: 26/2026\nid: Dự thảo\nbands:\n  rows:\n    - {star: 4, low: x}\n")
    argv = {"score": ["score", "-"], "test": ["test"], "compare": ["compare"], "audit": ["audit"]}
    assert main([*argv[command], "--draft", str(bad)]) == 2
    assert "bands.rows.0.low" in capsys.readouterr().err


def test_the_conformance_kit_judges_an_implementation_against_a_draft() -> None:
    from ocop.testing.conformance import check_classification

    draft = load_draft(FIVE_FROM_85).regulation

    def the_law(card: Scorecard) -> int | None:  # an app still on 26/2026's bands
        return classify(score(card)).star

    def the_draft(card: Scorecard) -> int | None:
        return classify(score(card, regulation=draft), regulation=draft).star

    d = check_classification(the_law, regulation=draft, max_examples=30).disagreement
    assert d is not None and (d.expected, d.got) == (5, 4)
    assert 85 <= score(d.input).total < 90
    assert check_classification(the_draft, regulation=draft, max_examples=30).agrees
    assert check_classification(the_law, max_examples=30).agrees  # the law still holds


def test_a_drafts_validity_sets_the_term_of_certificates_under_its_regime(tmp_path: Path) -> None:
    from datetime import date

    from ocop.certificates import Certificate, status
    from ocop.testing.cases import run_cases

    draft = load_draft(
        "based_on: 26/2026\nid: Dự thảo 48 tháng\nvalidity: {months: 48, printed: x}\n"
    )
    new = Certificate(star=4, issued_on=date(2026, 7, 1))
    old = Certificate(star=4, issued_on=date(2024, 3, 15), regulation="148/QĐ-TTg")
    assert status(new, date(2029, 12, 1)).status.value == "expired"
    under = status(new, date(2029, 12, 1), regulation=draft.regulation)
    assert under.status.value == "valid" and under.expires_on == date(2030, 7, 1)
    # A certificate issued under 148 keeps its own 36 months (Điều 12 khoản 1).
    assert status(old, date(2027, 4, 1), regulation=draft.regulation).status.value == "expired"
    file = tmp_path / "c.yaml"
    file.write_text(
        "- title: 48 tháng\n  clause: {instrument: Dự thảo, dieu: 4, khoan: 3}\n"
        "  certificate: {star: 4, issued_on: 2026-07-01}\n  date: 2029-12-01\n"
        "  expect: {status: valid, expires_on: 2030-07-01}\n",
        "utf-8",
    )
    assert run_cases([file], draft=draft.regulation).results[0].passed
    assert not run_cases([file]).results[0].passed


def test_a_case_may_tick_an_option_only_the_draft_has(tmp_path: Path) -> None:
    # A case's card is checked against the draft's sheet, not the encoded one: a case
    # ticking the option a draft adds was once refused as "option 3 does not exist".
    from ocop.testing.cases import run_cases

    sheet = scoresheet(1, regulation="26/2026/QĐ-TTg")
    node = next(n for n in sheet.criteria() if n.code == "1.2")
    options = "".join(
        f"      - {{text: 'o{i}', points: {o.points}, min_star: null, case: null}}\n"
        for i, o in enumerate(node.options)
    )
    options += "      - {text: 'a new level', points: 1, min_star: null, case: null}\n"
    draft = load_draft(
        FIVE_FROM_85.read_text(encoding="utf-8")
        + "sheet_changes:\n  criteria:\n    - criterion: '1.2'\n      sheets: [1]\n"
        + "      options:\n"
        + options
    ).regulation
    best = score(
        Scorecard(
            regulation="26/2026/QĐ-TTg",
            product_set="I.1.a",
            choices={n.code: len(n.options) - 1 for n in sheet.criteria()},
        )
    )
    new = len(node.options)  # the draft's added option, worth 1 point (the best is 2)
    case = tmp_path / "case.yaml"
    case.write_text(
        "- title: the draft's new level of 1.2 is worth 1 point\n"
        "  clause: {instrument: 26/2026/QĐ-TTg, dieu: 3, khoan: 1}\n"
        f"  scorecard: {{product_set: I.1.a, start: best, choices: {{'1.2': {new}}}}}\n"
        f"  expect: {{total: {best.total - 1}}}\n",
        encoding="utf-8",
    )
    report = run_cases([case], draft=draft)
    assert len(report.results) == 1 and not report.failed, report.failed
