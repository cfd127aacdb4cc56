"""Hostile values at every public entry point: only OcopError may come out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from ocop import admin, budget, certificates, law, money, stars, taxonomy
from ocop.criteria import scoresheet
from ocop.errors import OcopError
from ocop.law import Regime

HUGE = 10**5000  # str() of it raises ValueError in Python >= 3.11
HOSTILE: list[Any] = [
    HUGE,
    -HUGE,
    float("nan"),
    float("inf"),
    True,
    None,
    "",
    "\u0301",
    "x" * 10_000,
    (HUGE,),
    (float("nan"),),
    (Decimal("NaN"),),
    (Decimal("1E+999999999"),),
    datetime(2026, 6, 1, 12),
    Decimal("NaN"),
    b"134.750",
    object(),
]
D = date(2026, 6, 1)

CALLS: list[tuple[str, Callable[[Any], object]]] = [
    ("money.to_dong", lambda v: money.to_dong(v, "dong")),
    ("money.from_dong", lambda v: money.from_dong(v, "dong")),
    ("money.format_amount", lambda v: money.format_amount(v)),
    ("money.parse_amount", lambda v: money.parse_amount(v, "triệu đồng")),
    ("money.Unit.parse", lambda v: money.Unit.parse(v)),
    ("law.regime_on", lambda v: law.regime_on(v)),
    ("law.regime_on kind", lambda v: law.regime_on(D, kind=v)),
    ("law.instrument", lambda v: law.instrument(v)),
    ("law.instruments_in_force", lambda v: law.instruments_in_force(v)),
    ("law.RegimeSpan.covers", lambda v: law.regimes()[0].covers(v)),
    ("law.TransitionalRule.relevant_on", lambda v: law.transitional_rules()[0].relevant_on(v)),
    ("admin.province", lambda v: admin.province(v, on=date(2020, 1, 1))),
    ("admin.province on", lambda v: admin.province("Kon Tum", on=v)),
    ("admin.province_of", lambda v: admin.province_of(v, on=D)),
    ("admin.commune", lambda v: admin.commune(v, on=D)),
    ("admin.provinces", lambda v: admin.provinces(on=v)),
    ("taxonomy.taxonomy", lambda v: taxonomy.taxonomy(v)),
    ("taxonomy.taxonomy_on", lambda v: taxonomy.taxonomy_on(v)),
    ("taxonomy.by_sheet", lambda v: taxonomy.taxonomy(Regime.QD26_2026).by_sheet(v)),
    ("taxonomy.product_set", lambda v: taxonomy.taxonomy(Regime.QD26_2026).product_set(v)),
    ("criteria.scoresheet", lambda v: scoresheet(v, regulation=Regime.QD26_2026)),
    ("criteria.scoresheet on", lambda v: scoresheet(7, on=v)),
    ("stars.classify", lambda v: stars.classify(v, regulation=Regime.QD26_2026)),
    ("stars.classify regulation", lambda v: stars.classify(70, regulation=v)),
    (
        "stars.classify knockouts",
        lambda v: stars.classify(70, regulation="26/2026/QĐ-TTg", product_set=7, knockouts=v),
    ),
    ("stars.band_star", lambda v: stars.band_star(v, Regime.QD26_2026)),
    (
        "stars.classify_batch",
        lambda v: stars.classify_batch(scoresheet(7, regulation=Regime.QD26_2026), [v]),
    ),
    ("certificates.Certificate star", lambda v: certificates.Certificate(star=v, issued_on=D)),
    ("certificates.Certificate issued", lambda v: certificates.Certificate(star=3, issued_on=v)),
    (
        "certificates.status",
        lambda v: certificates.status(certificates.Certificate(star=3, issued_on=D), v),
    ),
    ("certificates.expires_on", lambda v: certificates.expires_on(v)),
    ("certificates.status_batch", lambda v: certificates.status_batch([v], D)),
    ("certificates.authority", lambda v: certificates.authority(v, D)),
    ("certificates.authority on", lambda v: certificates.authority(3, v)),
    ("certificates.revocation_authority", lambda v: certificates.revocation_authority(v, D)),
    ("certificates.revocation_deadline", lambda v: certificates.revocation_deadline(v, "a")),
    ("budget.Source.parse", lambda v: budget.Source.parse(v)),
    ("budget.read_figures", lambda v: budget.read_figures([("c", v)], unit=_TRIEU, locale="vi")),
    (
        "budget.read_figures detect",
        lambda v: budget.read_figures([("c", v)], unit=_TRIEU, locale="detect"),
    ),
    ("budget.read_figures locale", lambda v: budget.read_figures([], unit=_TRIEU, locale=v)),
    ("budget.Entry amount", lambda v: budget.Entry(amount=v)),
    ("budget.Entry source", lambda v: budget.Entry(source=v, amount="1")),
    ("budget.Entry year", lambda v: budget.Entry(year=v, amount="1")),
    ("budget.TableDocument entries", lambda v: _table(entries=[{"amount": v}])),
    ("budget.TableDocument unit", lambda v: _table(unit=v)),
    ("budget.TableDocument years", lambda v: _table(years=[v])),
    ("budget.table_from_csv", lambda v: budget.table_from_csv(v, id="t", unit="dong", locale="vi")),
    (
        "budget.BudgetTable.from_arrays",
        lambda v: budget.BudgetTable.from_arrays(
            np.array([[[v]]], dtype=object), items=(_ITEM,), sources=("credit",), years=(2025,)
        ),
    ),
    ("budget.BudgetTable.from_arrays years", lambda v: _arrays(years=(v,))),
    ("budget.check_budget", lambda v: budget.check_budget(v)),
    ("budget.check_budget period", lambda v: budget.check_budget(budget.Budget(), period=v)),
    ("budget.allocate", lambda v: budget.allocate(v, [1, 2])),
    ("budget.allocate weights", lambda v: budget.allocate(100, [v, 1])),
    ("budget.rephase", lambda v: budget.rephase([1, 2, 3], v, 1)),
]

_TRIEU = money.Unit.TRIEU
_ITEM = budget.Item("a", "Tuyên truyền")


def _table(**change: Any) -> object:
    data: dict[str, Any] = {
        "id": "t",
        "title": "t",
        "unit": "triệu đồng",
        "locale": "vi",
        "sources": ["credit"],
        "years": [2025],
        "entries": [{"source": "credit", "year": 2025, "amount": "1"}],
    }
    data.update(change)
    return budget.TableDocument.model_validate(data)


def _arrays(**change: Any) -> object:
    data: dict[str, Any] = {"items": (_ITEM,), "sources": ("credit",), "years": (2025,)}
    data.update(change)
    return budget.BudgetTable.from_arrays(np.zeros((1, 1, 1), dtype=np.int64), **data)


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[n for n, _ in CALLS])
@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_only_ocop_errors_escape(name: str, call: Callable[[Any], object], value: Any) -> None:
    try:
        call(value)
    except OcopError as err:
        assert str(err)  # a readable message, formatted without raising
    except Exception as err:  # pragma: no cover - the failure being tested for
        pytest.fail(f"{name}({type(value).__name__}) raised {type(err).__name__}: {err}")


@pytest.mark.parametrize("query", ["II.3", "ii.3", "I.1", "V.2", "VI.2", "I.3.z", "III.9"], ids=str)
def test_code_shaped_queries_match_codes_exactly(query: str) -> None:
    for version in (Regime.QD26_2026, Regime.QD148_2023, taxonomy.KON_TUM_908_2023):
        tax = taxonomy.taxonomy(version)
        try:
            found = tax.find(query)
        except OcopError:
            continue
        assert found.code.casefold() == query.casefold(), (version, query, found.code)
    try:
        sheet = scoresheet(query, regulation=Regime.QD26_2026)
    except OcopError:
        return
    assert sheet.product_set.casefold() == query.casefold()
