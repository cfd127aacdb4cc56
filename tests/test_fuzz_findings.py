"""What the fuzz suite found after issue 16's first campaign: each call is an OcopError now.

One line per escape the long profile (tools/fuzz.py) or the lowest versions met,
written as the smallest call that reproduced it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from pydantic import field_validator

from ocop import law
from ocop.arguments import integer
from ocop.audit import audit, sheet_marks
from ocop.audit.versions import compare_cards
from ocop.budget import Budget, Level, table_from_csv, table_from_records
from ocop.budget.allocate import rescale
from ocop.budget.table import span
from ocop.budget.vocabulary import Source, outermost
from ocop.certificates import Certificate, revocation_deadline
from ocop.codes import Localized
from ocop.criteria import choice_matrix, council_average, score, scoresheet
from ocop.display import pretty
from ocop.errors import InvalidInput, OcopError
from ocop.figures import rounding_interval
from ocop.inputs import InputModel
from ocop.money import format_amount
from ocop.plans import Plan, catalog
from ocop.plans.portfolio import PortfolioTable
from ocop.plans.targets import Scope
from ocop.plot import phasing
from ocop.regulations import load
from ocop.stars.bands import band_of, points
from ocop.strategies import boundary_dates, inconsistent_plans, plans, timetable_steps
from ocop.strategies.budget import budget_tables as table_strategy
from ocop.strategies.budget import claim_parts, table_documents
from ocop.strategies.certificates import certificates as certificate_strategy
from ocop.strategies.criteria import choice_matrices
from ocop.tabular.build import budget_table_from_frame
from ocop.tabular.export import exact
from ocop.tabular.schema import Schema
from ocop.taxonomy import looks_like_code
from ocop.testing.cases import run_cases
from ocop.testing.conformance import check_scoring, describe_card

HUGE = 10**5000


class RaisingRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr refused")

    __str__ = __repr__


def _deep(n: int) -> list[Any]:
    top: list[Any] = []
    node = top
    for _ in range(n):
        node.append([])
        node = node[0]
    return top


def _card() -> Any:
    from ocop.criteria import Scorecard

    sheet = scoresheet(7, regulation=law.Regime.QD26_2026)
    return Scorecard(
        regulation=law.Regime.QD26_2026,
        product_set=sheet.product_set,
        choices={c: 0 for c in sheet.leaves},
    )


CALLS: dict[str, Callable[[], object]] = {
    # Input models: a caller's value that fails while pydantic reads it.
    "Plan given a value whose repr raises": lambda: Plan.model_validate(
        {**catalog.plan("kon-tum-908-2023").model_dump(), "level": RaisingRepr()}
    ),
    "Scope given an enum value whose repr raises": lambda: Scope(entity_type=RaisingRepr()),  # type: ignore[arg-type]
    "a Certificate nested past the recursion limit": lambda: Certificate(
        star=4,
        issued_on=date(2024, 2, 29),
        regulation=_deep(5000),  # type: ignore[arg-type]
    ),
    # Functions and methods given the wrong kind of value.
    "AuditReport.result given an array": lambda: audit().result(np.array([70.0, 89.5])),  # type: ignore[arg-type]
    "SheetMarks.witness of sNaN": lambda: sheet_marks(law.Regime.QD26_2026)[0].witness(
        Decimal("sNaN")  # type: ignore[arg-type]
    ),
    "SheetMarks.bounds of an array": lambda: sheet_marks(law.Regime.QD26_2026)[0].bounds(
        np.zeros((2, 2), dtype=np.int64)  # type: ignore[arg-type]
    ),
    "sheet_marks with a list for a flag": lambda: sheet_marks(
        law.Regime.QD26_2026,
        allow_unticked=[],  # type: ignore[arg-type]
    ),
    "compare_cards of ints": lambda: compare_cards(HUGE, HUGE),  # type: ignore[arg-type]
    "require_years_within of huge years": lambda: Budget().require_years_within(-HUGE, HUGE),
    "table_from_records of an int": lambda: table_from_records(
        HUGE,  # type: ignore[arg-type]
        id="t",
        unit="trieu",
        locale="vi",
    ),
    "table_from_records with a huge locale": lambda: table_from_records(
        [],
        id="t",
        unit="trieu",
        locale=HUGE,  # type: ignore[arg-type]
    ),
    "span of a huge year": lambda: span((HUGE,)),
    "table_from_csv with a bare carriage return": lambda: table_from_csv(
        'item,source,year,amount\na\r,b\x00,1,2\n"x\rP\x90'
    ),
    "span of an int": lambda: span(HUGE),  # type: ignore[arg-type]
    "outermost of an endless range": lambda: outermost(range(10**20)),  # type: ignore[arg-type]
    "nearest_in of inf": lambda: Source.CREDIT.nearest_in(float("inf")),  # type: ignore[arg-type]
    "Level.of given arrays": lambda: Level.of(
        item=np.array(["2024-02-29", "2019-09-30"]),  # type: ignore[arg-type]
        source=False,
        year=True,
    ),
    "BatchScores.part of an array": lambda: _batch().part(np.array(["A"])),  # type: ignore[arg-type]
    "choice_matrix of an int": lambda: choice_matrix(
        scoresheet(7, regulation=law.Regime.QD26_2026), HUGE
    ),  # type: ignore[arg-type]
    "CouncilScore.part of an int": lambda: council_average([_card(), _card()]).part(HUGE),  # type: ignore[arg-type]
    "ScoreResult.criterion of an array": lambda: score(_card()).criterion(
        np.zeros((2, 3))  # type: ignore[arg-type]
    ),
    "pretty with no printer": lambda: pretty(score(_card()), HUGE, HUGE),  # type: ignore[arg-type]
    "format_amount with an array locale": lambda: format_amount(
        Decimal("-Infinity"),  # type: ignore[arg-type]
        locale=np.array([70.0, 89.5]),  # type: ignore[arg-type]
    ),
    "revocation_deadline of a huge ground": lambda: revocation_deadline(date(2026, 8, 18), HUGE),  # type: ignore[arg-type]
    "tabular exact of a huge int": lambda: exact(HUGE),
    "integer() between a huge bound": lambda: integer(2**63, "n", low=HUGE),
    "rescale of range(10**20)": lambda: rescale(range(10**20), 5),  # type: ignore[arg-type]
    "table_documents of a numpy float": lambda: table_documents(sources=np.float64(89.5)),  # type: ignore[arg-type]
    "require_years_within of one huge year": lambda: Budget().require_years_within(HUGE, HUGE),
    "regulations.load of a name too long": lambda: load("x" * 3000),
    "a Schema of ints": lambda: Schema(HUGE, HUGE, HUGE),  # type: ignore[arg-type]
    "looks_like_code of an int": lambda: looks_like_code(HUGE),  # type: ignore[arg-type]
    "describe_card of an int": lambda: describe_card(HUGE),  # type: ignore[arg-type]
    "check_scoring with derandomize=1": lambda: check_scoring(lambda c: 0, derandomize=1),  # type: ignore[arg-type]
    # Strategies refuse their parameters when called, not at the first draw.
    "claim_parts with an array locale": lambda: claim_parts(locale=np.zeros((2, 2))),  # type: ignore[arg-type]
    "boundary_dates of an int": lambda: boundary_dates(HUGE),  # type: ignore[arg-type]
    "choice_matrices of an int": lambda: choice_matrices(HUGE),  # type: ignore[arg-type]
    "inconsistent_plans of no defect": lambda: inconsistent_plans(()),
    "inconsistent_plans of a bogus level": lambda: inconsistent_plans(level="bogus"),
    "plans of a huge period": lambda: plans(period=HUGE),  # type: ignore[arg-type]
    "timetable_steps of a reversed period": lambda: timetable_steps((2030, 2018)),
    # Found by the 86,294-call long profile of 7 December 2026 (issue 16's note).
    "certificates with an array of stars": lambda: certificate_strategy(
        stars=np.array([1.5, np.nan])  # type: ignore[arg-type]
    ),
    "Localized.said of an array": lambda: Localized("a", "b").said(np.zeros((2, 2))),  # type: ignore[arg-type]
    "rounding_interval of a billion decimals": lambda: rounding_interval(Decimal("1E-999999999")),
    "PortfolioTable.from_columns nested past numpy's dimensions": lambda: (
        PortfolioTable.from_columns(
            subject_entity=_deep(70),  # type: ignore[arg-type]
            product_subject=[],
            certificate_product=[],
            certificate_star=[],
            certificate_issued_on=[],
        )
    ),
    "phasing at an array level": lambda: phasing(
        catalog.plan("kon-tum-908-2023").budget.tables[0].build(),  # type: ignore[union-attr]
        level=np.array([1.5, np.nan]),  # type: ignore[arg-type]
    ),
    "band_of sNaN": lambda: band_of(Decimal("sNaN"), "148/QĐ-TTg"),  # type: ignore[arg-type]
    "band_of an empty array": lambda: band_of(np.array([]), "148/QĐ-TTg"),  # type: ignore[arg-type]
    "points named by a huge tuple": lambda: points((HUGE,), name=(HUGE,)),  # type: ignore[arg-type]
    "points named by a raising repr": lambda: points([], name=RaisingRepr()),  # type: ignore[arg-type]
    # Found by the 102,429-call run of the same day.
    "BudgetTable.label at an endless index": lambda: (
        catalog.plan("kon-tum-908-2023")
        .budget.tables[0]  # type: ignore[union-attr]
        .build()
        .label(Level.ITEM_SOURCE, range(10**20))  # type: ignore[arg-type]
    ),
    "budget_tables with a date for levels": lambda: table_strategy(
        levels=date(2026, 6, 1)  # type: ignore[arg-type]
    ),
    "run_cases of a 0-d array": lambda: run_cases(np.array("x")),  # type: ignore[arg-type]
    "inconsistent_plans of unhashable defects": lambda: inconsistent_plans(
        defects=[[0, 0]]  # type: ignore[list-item]
    ),
    # The long profile after this stop's merges (94,737 calls): two escapes.
    "Document.label of an array for lang": lambda: _document().label(
        np.array([70.0, 89.5])  # type: ignore[arg-type]
    ),
    "budget_table_from_frame of an int for items": lambda: budget_table_from_frame(
        [],
        id="t",
        items=2**16610,  # type: ignore[arg-type]
    ),
    "budget_table_from_frame of an int for years": lambda: budget_table_from_frame(
        [],
        id="t",
        years=7,  # type: ignore[arg-type]
    ),
}


def _document() -> Any:
    from ocop.read import read_text

    return read_text("Năm 2025 toàn tỉnh có 5 sản phẩm OCOP đạt 3 sao.").document


def _batch() -> Any:
    from ocop.criteria import score_batch

    sheet = scoresheet(7, regulation=law.Regime.QD26_2026)
    return score_batch(sheet, [[0] * len(sheet.leaves)])


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_finding_is_an_ocop_error(name: str) -> None:
    with pytest.raises(OcopError) as caught:
        CALLS[name]()
    assert caught.value.code  # a stable code
    assert str(caught.value)  # and a message that prints


class _Recursing(InputModel):
    x: int

    @field_validator("x", mode="before")
    @classmethod
    def _recurse(cls, value: object) -> object:
        # Where pydantic itself recurses past the limit depends on its version (2.11 refuses
        # a nested list for an enum field before it recurses): a validator that does stands in.
        raise RecursionError("maximum recursion depth exceeded")


def test_a_value_nested_too_deep_names_the_limit() -> None:
    with pytest.raises(InvalidInput) as caught:
        _Recursing(x=1)
    assert caught.value.context["limit"] == "MAX_JSON_DEPTH"


def test_the_audit_is_computed_once_per_regulation() -> None:
    # The law cannot change while the process runs: the second call is the same report.
    assert audit() is audit(law.Regime.QD26_2026)
