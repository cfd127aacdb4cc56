"""The reader's recall and precision on the gold sets stay at or above what was reached.

The figures come from ``benchmarks/bench_reader.py`` (which prints them per document);
docs/reading.md states them.  Lowering a floor here needs a reason in CHANGELOG.md.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_reader", ROOT / "benchmarks" / "bench_reader.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_reader", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_recall_and_precision_stay_at_or_above_what_was_reached() -> None:
    catalogue, provinces, per_plan, per_sentence = _bench().run()
    assert (catalogue.gold, provinces.gold) == (45, 88)
    assert catalogue.found >= 44 and catalogue.recall >= 0.90  # 44/45 = 97.8%
    assert catalogue.confirmed >= 45 and catalogue.precision >= 0.95  # 45/46 = 97.8%
    assert provinces.found >= 83  # 83/88 = 94.3%
    assert provinces.read - provinces.confirmed <= 2  # 83/85 = 97.6%
    assert len(per_plan) == 5 and len(per_sentence) >= 30


def test_the_held_out_set_stays_at_or_above_what_was_reached() -> None:
    held_out, per_sentence = _bench().run_held_out()
    assert held_out.gold == 174 and len(per_sentence) == 83
    # Untuned, as collected: 149/174 = 85.6% recall, 149/169 = 88.2% precision, one sentence
    # raised.  After the general fixes it showed (so no longer held out): 172/174 = 98.9%,
    # 172/172 = 100%.  Floors: the figures after tuning, less a margin of two claims.
    assert held_out.found >= 170
    assert held_out.read - held_out.confirmed <= 2
    assert not any(s.error for s in per_sentence)


@pytest.mark.parametrize(
    ("name", "gold", "sentences", "found", "false"),
    [
        # Each written before the round of tuning on the set before it, measured, then
        # tuned on; (found, false) floors are the figures after, less two claims.
        # fresh: 69/78, 69/72 before its round; 77/78, 77/78 after.
        ("fresh.json", 78, 31, 75, 3),
        # fresh2: 66/68, 66/67 before its round; 67/68, 67/67 after.
        ("fresh2.json", 68, 24, 65, 2),
        # fresh3: 88/95, 88/91 before its round; 91/95, 91/92 after.
        ("fresh3.json", 95, 35, 89, 3),
        # fresh4: never tuned on, the reader on unseen text: 40/43 = 93.0%, 40/42 = 95.2%.
        ("fresh4.json", 43, 18, 38, 4),
    ],
)
def test_the_fresh_sets_stay_at_or_above_what_was_measured(
    name: str, gold: int, sentences: int, found: int, false: int
) -> None:
    # Floors: the figures measured, less two claims.
    score, per_sentence = _bench().run_held_out(name)
    assert score.gold == gold and len(per_sentence) == sentences
    assert score.found >= found
    assert score.read - score.confirmed <= false
    assert not any(s.error for s in per_sentence)


def _province(name: str) -> str:
    return name.split(" (")[0]  # "Quảng Nam (huyện Thăng Bình)" is Quảng Nam


@pytest.mark.parametrize(
    ("name", "before"),
    [
        ("held_out.json", ["provinces.json"]),
        ("fresh.json", ["provinces.json", "held_out.json"]),
        ("fresh2.json", ["provinces.json", "held_out.json", "fresh.json"]),
        ("fresh3.json", ["provinces.json", "held_out.json", "fresh.json", "fresh2.json"]),
        (
            "fresh4.json",
            ["provinces.json", "held_out.json", "fresh.json", "fresh2.json", "fresh3.json"],
        ),
    ],
)
def test_the_held_out_sets_are_from_provinces_never_seen(name: str, before: list[str]) -> None:
    held_out = json.loads((GOLD / name).read_text("utf-8"))["sentences"]
    seen_sentences = [
        s
        for earlier in before
        for s in json.loads((GOLD / earlier).read_text("utf-8"))["sentences"]
    ]
    seen = {_province(s["province"]) for s in seen_sentences}
    seen |= {
        json.loads(p.read_text("utf-8"))["province"]
        for p in (ROOT / "src" / "ocop" / "plans" / "data").glob("*.json")
    }
    texts = {s["sentence"] for s in seen_sentences}
    assert len(held_out) >= 18 and len({s["id"] for s in held_out}) == len(held_out)
    assert len({_province(s["province"]) for s in held_out}) >= 4
    for item in held_out:
        assert _province(item["province"]) not in seen, item["id"]
        assert item["url"].startswith("http"), item["id"]
        assert item["sentence"] not in texts, item["id"]
    for item in held_out:  # a sentence with no claim is there to be left alone
        assert all(c["comparator"] and c["unit"] for c in item["claims"]), item["id"]


def test_the_held_out_sets_hold_sentences_to_be_left_alone() -> None:
    # Dates, decision numbers, durations, scores: nothing to read (every claim there is false).
    alone = [
        s["id"]
        for name in ("held_out.json", "fresh.json", "fresh2.json", "fresh3.json", "fresh4.json")
        for s in json.loads((GOLD / name).read_text("utf-8"))["sentences"]
        if not s["claims"]
    ]
    assert len(alone) >= 8, alone


def test_the_second_gold_set_is_independent_and_sourced() -> None:
    data = json.loads((GOLD / "provinces.json").read_text("utf-8"))
    sentences = data["sentences"]
    assert len(sentences) >= 30
    catalogue = " ".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "data" / "plans").glob("*.txt")
    )
    for item in sentences:
        assert item["url"].startswith("http"), item["id"]
        assert item["province"] and item["claims"], item["id"]
        assert item["sentence"] not in catalogue, item["id"]  # not the catalogue's sentences
    assert len({s["province"] for s in sentences}) >= 10
