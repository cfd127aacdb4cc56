"""Scoresheets of every product set, scorecards, scoring and council averages.

>>> from ocop.criteria import scoresheet
>>> from ocop.law import Regime
>>> sheet = scoresheet(7, regulation=Regime.QD26_2026)
>>> sheet.product_set, sheet.name, sheet.total
('I.3.c', 'Chế biến từ rau, củ, quả, hạt', 100)
>>> [(p.part, p.max_points) for p in sheet.parts]
[('A', 40), ('B', 25), ('C', 35)]
"""

from ocop.criteria.batch import BatchScores, choice_matrix, score_batch
from ocop.criteria.cases import CaseReading
from ocop.criteria.model import Erratum, Node, Option, Part, Scoresheet
from ocop.criteria.scoring import (
    CouncilScore,
    CriterionScore,
    GroupScore,
    PartScore,
    Scorecard,
    ScoreResult,
    council_average,
    score,
)
from ocop.criteria.versions import (
    SheetVersion,
    StarBand,
    scoresheet,
    scoresheets,
    sheet_version,
    sheet_versions,
)

__all__ = [
    "BatchScores",
    "CaseReading",
    "CouncilScore",
    "CriterionScore",
    "Erratum",
    "GroupScore",
    "Node",
    "Option",
    "Part",
    "PartScore",
    "ScoreResult",
    "Scorecard",
    "Scoresheet",
    "SheetVersion",
    "StarBand",
    "choice_matrix",
    "council_average",
    "score",
    "score_batch",
    "scoresheet",
    "scoresheets",
    "sheet_version",
    "sheet_versions",
]
