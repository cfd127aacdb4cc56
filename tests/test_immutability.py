"""Nothing shared can be changed by a caller: cached data, returned arrays, arrays handed in.

Each test tries to change what the library handed out (or the array it was given) and
checks that a later answer is unchanged (docs/decisions/reliability.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import attrs
import numpy as np
import pytest
from pydantic import BaseModel

from ocop import admin, law, taxonomy
from ocop.audit import maxima
from ocop.budget import BudgetTable, Item, Level, check_budget
from ocop.certificates import Certificate, status, status_batch
from ocop.criteria import Scorecard, score_batch, scoresheet, scoresheets
from ocop.law import Regime
from ocop.plans import Portfolio, PortfolioTable, catalog, progress
from ocop.stars import classify_batch

KON_TUM = "kon-tum-908-2023"


def _mutable_parts(root: object, path: str = "", seen: set[int] | None = None) -> Iterator[str]:
    """Paths of every list, dict, set or array that could be made writeable, below ``root``."""
    seen = set() if seen is None else seen
    if id(root) in seen or isinstance(root, str | bytes | int | float | date | None):
        return
    seen.add(id(root))
    if isinstance(root, list | dict | set | bytearray):
        yield f"{path}: {type(root).__name__}"
    if isinstance(root, np.ndarray):
        try:
            root.view().flags.writeable = True
        except ValueError:
            return
        yield f"{path}: array that can be made writeable"
        return
    children: list[tuple[str, Any]] = []
    if attrs.has(type(root)):
        children = [(f.name, getattr(root, f.name)) for f in attrs.fields(type(root))]
    elif isinstance(root, BaseModel):
        children = list(root.__dict__.items()) + list((root.__pydantic_private__ or {}).items())
    elif isinstance(root, Mapping):
        children = [(repr(k), v) for k, v in root.items()]
    elif isinstance(root, list | tuple | set | frozenset):
        children = [(str(i), v) for i, v in enumerate(root)]
    for name, child in children:
        yield from _mutable_parts(child, f"{path}.{name}", seen)


def _cached() -> dict[str, object]:
    kon_tum = catalog.plan(KON_TUM)
    assert kon_tum.budget is not None
    return {
        "scoresheets 26/2026": scoresheets(regulation=Regime.QD26_2026),
        "taxonomy 26/2026": taxonomy.taxonomy(Regime.QD26_2026),
        "taxonomy 148": taxonomy.taxonomy(Regime.QD148_2023),
        "regimes": law.regimes(),
        "transitional rules": law.transitional_rules(),
        "provinces": admin.provinces(on=date(2026, 1, 1)),
        "audit kinds": maxima.KINDS,
        "plans": tuple(catalog.plan(i) for i in catalog.ids()),
        "kon tum tables": kon_tum.budget.built(),
    }


@pytest.mark.parametrize("name", sorted(_cached()))
def test_cached_data_holds_nothing_a_caller_can_change(name: str) -> None:
    assert list(_mutable_parts(_cached()[name], name))[:5] == []


def test_the_catalogued_budget_cannot_be_rewritten_through_its_arrays() -> None:
    budget = catalog.plan(KON_TUM).budget
    assert budget is not None
    before = [f.code for f in check_budget(budget).findings]
    table = budget.built()[0]
    values = table.values(Level.CELL)
    with pytest.raises(ValueError):
        values.flags.writeable = True
    with pytest.raises(ValueError):
        values.view().flags.writeable = True
    with pytest.raises(TypeError):
        table._values[Level.CELL] = np.zeros_like(values)  # type: ignore[index]
    assert [f.code for f in check_budget(budget).findings] == before


def test_a_table_keeps_its_own_copy_of_the_arrays_it_was_given() -> None:
    cells = np.ones((1, 1, 2), dtype=np.int64) * 1_000_000
    mask = np.ones((1, 1, 2), dtype=bool)
    table = BudgetTable.from_arrays(
        cells, items=(Item("a", "A"),), sources=("credit",), years=(2025, 2026),
        masks={Level.CELL: mask},
    )  # fmt: skip
    cells[0, 0, 0] = -7_000_000
    mask[0, 0, 0] = False
    assert table.values(Level.CELL)[0, 0, 0] == 1_000_000
    assert table.stated(Level.CELL, 0, 0, 0)
    zeros = table.values(Level.TOTAL)  # not stated: zeros, also frozen
    with pytest.raises(ValueError):
        zeros.flags.writeable = True


def _portfolio() -> Portfolio:
    return Portfolio.model_validate(
        {
            "subjects": [{"id": "s", "entity_type": "cooperative", "trained": True}],
            "products": [
                {
                    "id": "p",
                    "subject": "s",
                    "certificates": [{"star": 4, "issued_on": date(2024, 5, 1)}],
                }
            ],
        }
    )


def test_a_portfolio_table_cannot_be_changed() -> None:
    portfolio = _portfolio()
    table = portfolio.table()
    assert list(_mutable_parts(table, "table")) == []
    with pytest.raises(TypeError):
        table.subject_flags["trained"] = np.zeros(1, dtype=np.int8)  # type: ignore[index]
    assert portfolio.table() is table


def test_from_columns_copies_the_callers_arrays() -> None:
    stars = np.array([4], dtype=np.int8)
    issued = np.array(["2024-05-01"], dtype="datetime64[D]")
    table = PortfolioTable.from_columns(
        subject_entity=np.array([0]),
        product_subject=np.array([0]),
        certificate_product=np.array([0]),
        certificate_star=stars,
        certificate_issued_on=issued,
    )
    stars[0] = 5
    issued[0] = np.datetime64("1999-01-01")
    assert table.certificate_star.tolist() == [4]
    assert table.certificate_dates["issued_on"].tolist() == [date(2024, 5, 1)]


def test_an_erratum_shared_by_twenty_sheets_cannot_be_appended_to() -> None:
    shared = [e for e in scoresheet(1, regulation=Regime.QD26_2026).errata if e.id == "E04"]
    assert shared, "erratum E04 is expected on sheet #1"
    for e in shared:
        assert isinstance(e.printed, tuple | type(None) | int | str)
        assert isinstance(e.applied, tuple | type(None) | int | str | Mapping)
        if isinstance(e.applied, tuple):
            with pytest.raises(AttributeError):
                e.applied.append(0)  # type: ignore[attr-defined]
    assert list(_mutable_parts(scoresheets(regulation=Regime.QD26_2026), "sheets")) == []


def test_a_scorecard_is_hashable_and_its_choices_read_only() -> None:
    card = Scorecard.model_validate(
        {"regulation": "26/2026/QĐ-TTg", "product_set": "I.3.c", "choices": {"1.1": 0}}
    )
    assert hash(card) == hash(Scorecard.model_validate_json(card.model_dump_json()))
    with pytest.raises(TypeError):
        card.choices["1.1"] = 1  # type: ignore[index]
    assert card.model_dump()["choices"] == {"1.1": 0}


def test_audit_kinds_are_read_only() -> None:
    with pytest.raises(TypeError):
        maxima.KINDS["new"] = ("points", maxima.KINDS["sheet_total"][1])  # type: ignore[index]


def test_returned_arrays_are_the_callers_to_change() -> None:
    # Fresh arrays: changing one does not change the next answer.
    issued = np.array(["2024-05-01", "2020-01-01"], dtype="datetime64[D]")
    first = status_batch(issued, date(2026, 6, 1))
    codes = first.codes.tolist()
    if first.codes.flags.writeable:
        first.codes[:] = 0
    assert status_batch(issued, date(2026, 6, 1)).codes.tolist() == codes
    sheet = scoresheet(7, regulation=Regime.QD26_2026)
    choices = np.zeros((2, len(sheet.leaves)), dtype=np.int8)
    scored = score_batch(sheet, choices)
    totals = scored.totals.copy()
    if scored.totals.flags.writeable:
        scored.totals[:] = 99
    assert (score_batch(sheet, choices).totals == totals).all()
    stars = classify_batch(sheet, totals).stars.copy()
    assert (classify_batch(sheet, totals).stars == stars).all()
    cert = Certificate(star=3, issued_on=date(2024, 1, 1))
    assert status(cert, date(2026, 1, 1)) == status(cert, date(2026, 1, 1))


def test_progress_reads_a_frozen_table() -> None:
    portfolio = _portfolio()
    plan = catalog.plan(KON_TUM)
    before = progress(plan, portfolio, on=date(2026, 6, 1))
    table = portfolio.table()
    with pytest.raises(ValueError):
        table.certificate_star.flags.writeable = True
    assert progress(plan, portfolio, on=date(2026, 6, 1)) == before
