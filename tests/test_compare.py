"""What a draft changes (ocop.drafts.compare, ocop compare): the issue's done-when draft
(5★ from 85 on 26/2026), an exact enumeration checked card by card, and the CLI."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from ocop.cli import main
from ocop.criteria import Scorecard, score, scoresheet
from ocop.drafts import load_draft
from ocop.drafts.compare import compare
from ocop.errors import InvalidInput
from ocop.regulations import load
from ocop.stars import classify
from tests.test_regulations import synthetic_regulation

FIVE_FROM_85 = Path(__file__).parent / "data" / "drafts" / "five-stars-from-85.yaml"


def test_five_stars_from_85_gains_a_minimal_card_scoring_85_to_89() -> None:
    draft = load_draft(FIVE_FROM_85).regulation
    found = compare(draft, sheets=[1, 7], cards=3000, seed=1)
    assert found.against == "26/2026/QĐ-TTg" and found.affected == (1, 7)
    assert [d.kind for d in found.differences] == ["band", "band"]
    for sheet in found.sheets:
        assert sheet.cards == 3000 and not sheet.exact and sheet.low <= sheet.share <= sheet.high
        assert sum(map(sum, sheet.transitions)) == 3000
        gains = sheet.gains
        assert gains is not None and sheet.loses is None  # a lower edge only ever gains
        assert 85 <= gains.total_after < 90 and (gains.star_before, gains.star_after) == (4, 5)
        assert any("5★ needs" in r for r in gains.reasons_before)
        # The card is real: the one-at-a-time path agrees on both sides.
        card = Scorecard(
            regulation="26/2026/QĐ-TTg", product_set=sheet.product_set, choices=gains.choices
        )
        assert classify(score(card)).star == 4
        assert classify(score(card, regulation=draft), regulation=draft).star == 5
    # The same seed gives the same numbers.
    again = compare(draft, sheets=[1, 7], cards=3000, seed=1)
    assert [s.changed for s in again.sheets] == [s.changed for s in found.sheets]


def test_the_minimal_card_changes_fewest_criteria_from_a_given_baseline() -> None:
    draft = load_draft(FIVE_FROM_85).regulation
    sheet = scoresheet(1, regulation="26/2026")
    best = {n.code: len(n.options) - 1 for n in sheet.criteria()}
    best.update({"4.2": 0, "4.3": 0, "6.3": 0, "6.4": 0})  # 86 points, 4★: one step from 5★ at 85
    baseline = Scorecard(regulation="26/2026/QĐ-TTg", product_set="I.1.a", choices=best)
    assert score(baseline).total == 86
    found = compare(draft, baseline=baseline, cards=100)
    (only,) = found.sheets
    assert only.gains is not None and only.gains.changed == ()  # the baseline itself gains
    assert only.gains.total_after == 86


def _synthetic_pair(tmp_path: Path) -> tuple[object, object]:
    before = load(synthetic_regulation(tmp_path / "before"))
    folder = synthetic_regulation(tmp_path / "after")
    raw = json.loads((folder / "regulation.json").read_text(encoding="utf-8"))
    raw["id"] = "99/2099/QĐ-TEST-2"
    raw["bands"]["rows"][0]["low"] = 60  # 5★ from 60: the 4★ band 60–85 becomes empty
    raw["bands"]["rows"][1].update(low=60, high=60)
    (folder / "regulation.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    sheets = json.loads((folder / "sheet.json").read_text(encoding="utf-8"))
    sheets["regulation"] = raw["id"]
    (folder / "sheet.json").write_text(json.dumps(sheets, ensure_ascii=False), "utf-8")
    return before, load(folder)


def test_a_small_sheet_is_enumerated_exactly_and_agrees_card_by_card(tmp_path: Path) -> None:
    before, after = _synthetic_pair(tmp_path)
    found = compare(after, before, cards=1000)  # type: ignore[arg-type]
    (sheet,) = found.sheets
    assert sheet.exact and sheet.cards == 3 * 2 * 2
    matrix = [[0] * 6 for _ in range(6)]
    for picks in itertools.product(range(3), range(2), range(2)):
        choices = dict(zip(("1.1", "4.1", "6.1"), picks, strict=True))
        card = Scorecard(regulation="26/2026/QĐ-TTg", product_set="I.1.a", choices=choices)
        stars = [
            classify(score(card, regulation=r), regulation=r).star or 0  # type: ignore[arg-type]
            for r in (before, after)
        ]
        matrix[stars[0]][stars[1]] += 1
    assert [list(r) for r in sheet.transitions] == matrix
    assert sheet.changed == sum(matrix[a][b] for a in range(6) for b in range(6) if a != b) > 0
    assert sheet.share == sheet.low == sheet.high == Fraction(sheet.changed, 12)


def test_compare_refuses_bad_bounds() -> None:
    draft = load_draft(FIVE_FROM_85).regulation
    for bad in ({"cards": 0}, {"cards": 10**9}, {"seed": -1}, {"sheets": [99]}):
        with pytest.raises(InvalidInput):
            compare(draft, **bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="same regime"):
        compare(draft, "148/QĐ-TTg")


def test_ocop_compare_prints_text_and_json_with_a_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = scoresheet(1, regulation="26/2026")
    best = {n.code: len(n.options) - 1 for n in sheet.criteria()}
    near = {**best, "4.2": 0, "4.3": 0, "6.3": 0, "6.4": 1}  # 87 points
    csv_file = tmp_path / "cards.csv"
    codes = list(best)
    rows = [",".join(["product_set", *codes])]
    rows += [",".join(["I.1.a", *(str(c[k]) for k in codes)]) for c in (best, near)]
    csv_file.write_text("\n".join(rows) + "\n", "utf-8")
    argv = ["compare", "--draft", str(FIVE_FROM_85), "--sheet", "1", "--cards", "500"]
    assert main([*argv, "--portfolio", str(csv_file)]) == 0
    out = capsys.readouterr().out
    assert "Sheets where some card changes star: #1" in out
    assert "Portfolio: 1 of 2 scorecards change star" in out and "4★ → 5★" in out
    assert " → option 2 (3 points): " in out and " đ)" not in out  # the report is English
    assert main([*argv, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["affected"] == [1] and document["sheets"][0]["gains"]["star_after"] == 5
    # Exact numbers, written as every fraction is: a decimal string where it ends.
    first = document["sheets"][0]
    assert Fraction(first["share"]) == Fraction(first["changed"], first["cards"])
    assert Fraction(first["low"]) <= Fraction(first["share"]) <= Fraction(first["high"])


def test_the_transition_matrix_plots_each_changed_cell(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from ocop.plot import star_transitions

    before, after = _synthetic_pair(tmp_path)
    (sheet,) = compare(after, before, cards=100).sheets  # type: ignore[arg-type]
    axes = star_transitions(sheet)
    drawn = {t.get_gid(): t.get_text() for t in axes.texts}
    expected = {
        f"{a}->{b}": str(n)
        for a, row in enumerate(sheet.transitions)
        for b, n in enumerate(row)
        if n
    }
    assert drawn == expected and any(a != b for a, b in (k.split("->") for k in drawn))
    with pytest.raises(InvalidInput):
        star_transitions(42)  # type: ignore[arg-type]


def test_a_mark_removed_is_listed_and_frees_the_cards_it_held_back() -> None:
    draft = load_draft(
        "based_on: 26/2026\nid: Dự thảo bỏ dấu ***** ở 1.3\nsheet_changes:\n  criteria:\n"
        "    - {sheets: [1], criterion: '1.3', marks: [{option: 2, min_star: null}]}\n"
    ).regulation
    found = compare(draft, sheets=[1, 2], cards=500)
    assert found.differences == () and found.affected == (1,)
    one, two = found.sheets
    assert [(d.kind, d.criterion, d.option, d.before, d.after) for d in one.differences] == [
        ("mark", "1.3", 2, "*****", "(no mark)")
    ]
    assert two.differences == () and two.gains is None and two.loses is None
    gains = one.gains
    assert gains is not None and one.loses is None
    assert (gains.star_before, gains.star_after) == (4, 5) and gains.choices["1.3"] != 2
    assert any("1.3" in r for r in gains.reasons_before)


def test_the_interval_is_wilsons() -> None:
    from ocop.drafts.compare import _wilson

    low, high = _wilson(0, 20000)
    assert low == 0.0 and abs(high - 0.000192) < 1e-6  # 3.84 / (20000 + 3.84)
    low, high = _wilson(50, 100)
    assert abs(low - 0.4038) < 1e-4 and abs(high - 0.5962) < 1e-4


def test_the_interval_is_exact_and_rounded_outward() -> None:
    from ocop.drafts.compare import _wilson

    z = 1.959963984540054
    for k, n in ((0, 20000), (1, 3), (50, 100), (7, 2000), (2000, 2000)):
        low, high = _wilson(k, n)
        assert isinstance(low, Fraction) and isinstance(high, Fraction)
        assert 10**6 % low.denominator == 0 and 10**6 % high.denominator == 0
        # The float interval, computed apart, lies inside the rounded one, by under 10⁻⁶.
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        assert 0 <= low <= centre - half + 1e-12 and centre + half - 1e-12 <= high <= 1
        assert centre - half - low < Fraction(1, 10**6) and high - (centre + half) < 1e-6
        assert low <= Fraction(k, n) <= high


def test_a_sampled_share_is_the_exact_fraction_of_its_cards() -> None:
    draft = load_draft(FIVE_FROM_85).regulation
    (sheet,) = compare(draft, sheets=[1], cards=700, seed=3).sheets
    assert not sheet.exact and isinstance(sheet.share, Fraction)
    assert sheet.share == Fraction(sheet.changed, 700) and sheet.low <= sheet.share <= sheet.high
