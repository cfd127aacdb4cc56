"""The shipped strategies: one for every input model, registered through Hypothesis's entry point.

Every ``InputModel`` subclass in ``ocop`` must have a strategy (a new model without
one fails here); ``st.from_type`` builds valid instances of each, in this process
and in a fresh interpreter that never imports ``ocop.strategies``; ``import ocop``
and its subpackages never import Hypothesis; the strategies' values pass the
library's own checks; and shrinking ends at readable examples.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.strategies._internal import types as hypothesis_types

import ocop
from ocop.budget import (
    Budget,
    BudgetTable,
    Claim,
    Level,
    Source,
    TableDocument,
    check_budget,
    reconcile,
)
from ocop.certificates import Certificate, status
from ocop.criteria import score
from ocop.findings import Severity
from ocop.inputs import InputModel
from ocop.money import Unit
from ocop.plans import Plan, Portfolio, Years, check, progress
from ocop.strategies import (
    STRATEGIES,
    budget_tables,
    budgets,
    claims,
    plans,
    portfolios,
    register_all,
    scorecards,
    table_documents,
)
from ocop.strategies.certificates import certificates as certificate_strategy

#: Packages other sessions build that use Hypothesis by design (a conformance kit, an audit).
USES_HYPOTHESIS = ("ocop.strategies", "ocop.testing", "ocop.audit")


def ocop_modules() -> list[str]:
    """Every module of the installed package but ``python -m ocop`` (which runs the CLI)."""
    names = ["ocop"]
    for info in pkgutil.walk_packages(ocop.__path__, "ocop."):
        if info.name.rsplit(".", 1)[-1] != "__main__":
            names.append(info.name)
    return names


def input_models() -> list[type[InputModel]]:
    """Every InputModel subclass defined at the top of an ``ocop`` module, once each.

    Classes made in doctests (``ocop.inputs``'s ``Point``) or tests are not part of
    the library: their module has no attribute of their name.
    """
    for name in ocop_modules():
        importlib.import_module(name)
    found: dict[type[InputModel], None] = {}

    def walk(cls: type[InputModel]) -> None:
        for sub in cls.__subclasses__():
            module = sys.modules.get(sub.__module__)
            if (
                sub.__module__.startswith("ocop.")
                and getattr(module, sub.__qualname__, None) is sub
            ):
                found[sub] = None
            walk(sub)

    walk(InputModel)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


MODELS = input_models()
IDS = [m.__name__ for m in MODELS]
#: Examples as the profile says (tests/conftest.py); drawing a plan or budget takes a while.
QUICK = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: For shrinking: the same minimal example on every run.
SHRINK = settings(database=None, derandomize=True, max_examples=2000, deadline=None)


def errors_and_warnings(findings: Any) -> list[Any]:
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


# --- every model has a strategy ------------------------------------------------------------


def test_the_entry_point_is_installed() -> None:
    found = {e.name: e.value for e in importlib.metadata.entry_points(group="hypothesis")}
    # If this fails, the package metadata is stale: python -m pip install -e '.[test]'
    assert found.get("ocop") == "ocop._plugin:setup_hook"


def test_every_input_model_has_a_registered_strategy() -> None:
    assert len(MODELS) >= 20  # the 20 models of 2026-07; a new one must join STRATEGIES
    assert [m.__name__ for m in MODELS if m not in STRATEGIES] == []
    lookup = hypothesis_types._global_type_lookup
    assert [t.__name__ for t in STRATEGIES if t not in lookup] == []


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_from_type_builds_valid_instances(model: type[InputModel]) -> None:
    @QUICK
    @given(st.from_type(model))
    def valid(value: Any) -> None:
        assert type(value) is model
        dumped = value.model_dump()
        assert model.model_validate(dumped).model_dump() == dumped
        assert model.model_validate_json(value.model_dump_json()).model_dump() == dumped

    valid()


@QUICK
@given(st.from_type(BudgetTable))
def test_from_type_builds_consistent_budget_tables(table: BudgetTable) -> None:
    assert reconcile(table).findings == ()


def test_register_all_is_idempotent_and_keeps_a_users_strategy() -> None:
    lookup = hypothesis_types._global_type_lookup
    ours = lookup[Years]
    register_all()
    assert lookup[Years] is ours
    try:
        st.register_type_strategy(Years, st.just(Years(start=2020, end=2020)))
        register_all()
        assert find(st.from_type(Years), lambda y: True) == Years(start=2020, end=2020)
    finally:
        st.register_type_strategy(Years, ours)


# --- a fresh interpreter: the entry point alone --------------------------------------------


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS_")}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment | env,
        timeout=300,
        check=False,
    )


MODEL_IMPORTS = "\n".join(f"from {m.__module__} import {m.__qualname__}" for m in MODELS)
MODEL_LIST = ", ".join(m.__qualname__ for m in MODELS)


def test_from_type_works_with_no_import_of_ocop_strategies() -> None:
    code = f"""
        import sys, warnings
        from hypothesis import strategies as st
        from hypothesis.errors import NonInteractiveExampleWarning
        {textwrap.indent(MODEL_IMPORTS, " " * 8).strip()}
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        for model in [{MODEL_LIST}]:
            value = st.from_type(model).example()
            assert type(value) is model, model
            model.model_validate(value.model_dump())
        print(len([{MODEL_LIST}]))
    """
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(MODELS))]


def test_from_type_works_for_models_imported_before_hypothesis() -> None:
    code = """
        import warnings
        from ocop.budget import Budget
        from ocop.criteria import Scorecard
        from hypothesis import strategies as st
        from hypothesis.errors import NonInteractiveExampleWarning
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        print(type(st.from_type(Scorecard).example()).__name__,
              type(st.from_type(Budget).example()).__name__)
    """
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Scorecard", "Budget"]


def test_importing_hypothesis_imports_no_ocop_model() -> None:
    # The hook runs in every project where ocop is installed: it must cost nothing there.
    code = """
        import sys
        import hypothesis
        print(sorted(m for m in sys.modules if m.split(".")[0] in {"ocop", "pydantic", "numpy"}))
    """
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ocop', 'ocop._plugin', 'ocop.errors']"


def test_without_plugins_no_strategy_is_registered() -> None:
    code = """
        import sys
        from hypothesis.strategies._internal.types import _global_type_lookup
        from ocop.criteria import Scorecard
        print(Scorecard in _global_type_lookup, "ocop.strategies" in sys.modules)
    """
    done = run_python(code, HYPOTHESIS_NO_PLUGINS="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_importing_ocop_never_imports_hypothesis() -> None:
    ours = [n for n in ocop_modules() if not n.startswith(USES_HYPOTHESIS)]
    public = ["ocop.criteria", "ocop.stars", "ocop.certificates", "ocop.plans", "ocop.budget"]
    assert set(public) | {"ocop.cli"} <= set(ours)
    code = f"""
        import importlib, sys
        import ocop
        assert "hypothesis" not in sys.modules
        for name in {ours!r}:
            importlib.import_module(name)
        print(sorted(m for m in sys.modules if m.split(".")[0] == "hypothesis"))
    """
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- properties: the values pass the library's own checks ----------------------------------


@QUICK
@given(budgets(period=(2021, 2025)))
def test_generated_budgets_reconcile_with_no_finding(budget: Budget) -> None:
    report = check_budget(budget, period=(2021, 2025))
    assert all(r.reconciled for r in report.reconciliations)
    assert errors_and_warnings(report.findings) == []
    assert report.reconciled


@QUICK
@given(table_documents(locale="detect", decimals=2))
def test_detected_tables_read_and_reconcile(doc: TableDocument) -> None:
    assert reconcile(doc.build()).findings == ()
    as_json = json.loads(doc.model_dump_json())
    assert TableDocument.model_validate_json(json.dumps(as_json)).build().shape == doc.build().shape


@QUICK
@given(table_documents(levels=tuple(Level), blanks=False, json_integers=False))
def test_a_document_stating_every_level_holds_every_total(doc: TableDocument) -> None:
    rec = reconcile(doc.build())
    assert rec.findings == () and rec.checked == rec.held > 0
    assert all(isinstance(e.amount, str) for e in doc.entries)


@QUICK
@given(claims())
def test_generated_claims_agree_with_themselves(claim: Claim) -> None:
    report = check_budget(Budget(claims=(claim,)))
    assert report.findings == ()
    if claim.total_dong is not None and claim.parts:
        assert [p.code for p in report.proven] == ["claim_parts_sum"]


@QUICK
@given(plans(level=None))
def test_generated_plans_pass_the_checks_without_error(plan: Plan) -> None:
    report = check(plan, national=None, multi_year=None)
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


@QUICK
@given(portfolios(), plans(), st.dates(date(2019, 8, 21), date(2032, 12, 31)))
def test_progress_counts_what_each_certificate_status_says(
    portfolio: Portfolio, plan: Plan, on: date
) -> None:
    result = progress(plan, portfolio, on)
    held: dict[int, int] = {3: 0, 4: 0, 5: 0}
    for product in portfolio.products:
        stars = [c.star for c in product.certificates if status(c, on).status.is_valid]
        if stars:
            held[max(stars)] += 1
    assert dict(result.products_by_star) == held
    assert len(result.results) == len(plan.all_targets())


# --- shrinking ends at readable examples ---------------------------------------------------


def test_a_scorecard_reaching_50_shrinks_to_exactly_50() -> None:
    # Sheet #23 (flowers) has the fewest criteria, 26: shrinking takes 4 s, not 10.
    card = find(scorecards(sheet=23), lambda c: score(c).total >= 50, settings=SHRINK)
    assert score(card).total == 50
    assert (card.product_set, card.evaluator, card.product) == ("V.1", None, None)


def test_a_portfolio_with_a_certificate_shrinks_to_one_of_everything() -> None:
    found = find(
        st.from_type(Portfolio),
        lambda p: any(product.certificates for product in p.products),
        settings=SHRINK,
    )
    assert [(s.id, s.entity_type.value) for s in found.subjects] == [("s1", "cooperative")]
    [product] = found.products
    assert (product.id, product.subject, product.name, product.district) == ("p1", "s1", None, None)
    assert product.certificates == (Certificate(star=3, issued_on=date(2019, 8, 21)),)


def test_a_budget_with_a_table_and_a_claim_shrinks_to_zeros() -> None:
    found = find(st.from_type(Budget), lambda b: bool(b.tables and b.claims), settings=SHRINK)
    [table], [claim] = found.tables, found.claims
    assert (table.id, table.unit, table.locale) == ("t1", Unit.TRIEU, "vi")
    assert [(i.id, i.name) for i in table.items] == [("a", "Nội dung 1")]
    assert [s.short for s in table.sources] == ["NSNN"] and table.years == (2021,)
    assert [e.model_dump(exclude_none=True) for e in table.entries] == [
        {"item": "a", "source": Source.STATE_BUDGET, "year": 2021, "amount": "0"}
    ]
    assert claim.text == "Tổng kinh phí thực hiện Chương trình 0 triệu đồng."


def test_a_decimal_figure_shrinks_to_one_tenth() -> None:
    doc = find(
        table_documents(), lambda d: any("," in str(e.amount) for e in d.entries), settings=SHRINK
    )
    assert (doc.locale, doc.unit, [e.amount for e in doc.entries]) == ("vi", Unit.TRIEU, ["0,1"])


def test_a_table_stating_totals_shrinks_to_one_item_one_year() -> None:
    table = find(
        budget_tables(), lambda t: t.present(Level.TOTAL) and t.present(Level.CELL), settings=SHRINK
    )
    assert table.shape == (1, 1, 1) and list(table.levels()) == [Level.CELL, Level.TOTAL]
    assert table.amount(Level.TOTAL) == 0


@settings(max_examples=150, database=None)
@given(certificate_strategy(issued=st.dates(date(2025, 6, 28), date(2025, 7, 8)), details=True))
def test_no_certificate_names_a_vacant_authority(cert: Certificate) -> None:
    # Between 01/7/2025 (districts ended) and 1489's sequence, 148 names a district
    # authority for 3★ that did not exist: the strategy once drew it, and the model
    # (rightly) refused its own example.
    from ocop.certificates import authority

    if cert.issued_by is not None:
        assert not authority(cert.star, cert.issued_on).vacant
