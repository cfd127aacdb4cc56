"""Star classification: score bands, per-star minimum criteria, knock-outs and reasons.

>>> from ocop.criteria import Scorecard, score, scoresheet
>>> from ocop.stars import classify
>>> sheet = scoresheet(7, regulation="26/2026/QĐ-TTg")
>>> best = {n.code: len(n.options) - 1 for n in sheet.criteria()}
>>> card = Scorecard(regulation=sheet.regulation, product_set="I.3.c", choices=best)
>>> classify(score(card)).star
5
"""

from typing import TYPE_CHECKING

from ocop.stars.bands import MAX_POINTS, band_of, band_star
from ocop.stars.batch import BatchClassification, classify_batch
from ocop.stars.classification import Classification, Knockout, NextStar, UnmetMinimum, classify
from ocop.stars.council import CouncilReading
from ocop.stars.minimums import DOSSIER, KnockoutRule, Requirement, knockout_rules, requirements

if TYPE_CHECKING:
    from ocop.stars.bands import RECOGNISED_STARS
    from ocop.stars.minimums import MARKED_STARS


def __getattr__(name: str) -> tuple[int, ...]:
    # The star lists are read from the default regulation's data folder on first use.
    from ocop.stars import bands, minimums

    if name == "RECOGNISED_STARS":
        return bands.RECOGNISED_STARS
    if name == "MARKED_STARS":
        return minimums.MARKED_STARS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DOSSIER",
    "MARKED_STARS",
    "MAX_POINTS",
    "RECOGNISED_STARS",
    "BatchClassification",
    "Classification",
    "CouncilReading",
    "Knockout",
    "KnockoutRule",
    "NextStar",
    "Requirement",
    "UnmetMinimum",
    "band_of",
    "band_star",
    "classify",
    "classify_batch",
    "knockout_rules",
    "requirements",
]
