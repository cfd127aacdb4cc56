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


def test_the_fresh_set_stays_at_or_above_what_was_measured() -> None:
    # Collected after the tuning on held_out.json and never tuned on: the reader on unseen
    # text, 69/78 = 88.5% recall, 69/72 = 95.8% precision.  Floors: less two claims.
    fresh, per_sentence = _bench().run_held_out("fresh.json")
    assert fresh.gold == 78 and len(per_sentence) == 31
    assert fresh.found >= 67
    assert fresh.read - fresh.confirmed <= 5
    assert not any(s.error for s in per_sentence)


def _province(name: str) -> str:
    return name.split(" (")[0]  # "Quảng Nam (huyện Thăng Bình)" is Quảng Nam


@pytest.mark.parametrize(
    ("name", "before"),
    [("held_out.json", ["provinces.json"]), ("fresh.json", ["provinces.json", "held_out.json"])],
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
    assert len(held_out) >= 30 and len({s["id"] for s in held_out}) == len(held_out)
    assert len({_province(s["province"]) for s in held_out}) >= 8
    for item in held_out:
        assert _province(item["province"]) not in seen, item["id"]
        assert item["url"].startswith("http"), item["id"]
        assert item["sentence"] not in texts, item["id"]
    # Some sentences are there to be left alone: dates, decision numbers, durations.
    assert sum(1 for s in held_out if not s["claims"]) >= 2


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
