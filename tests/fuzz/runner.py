"""Calling one target with drawn arguments, and judging the outcome against the contract.

The contract (docs/decisions/reliability.md): a call returns, or raises an
``OcopError`` whose ``code`` is a non-empty str and whose ``str()`` and
``to_dict()`` work.  Anything else escapes.
"""

from __future__ import annotations

import enum
import functools
import time
import warnings
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
from hypothesis import strategies as st

from ocop._plugin import STRATEGY_OF
from ocop.errors import InvalidInput, OcopError
from tests.fuzz import values
from tests.fuzz.surface import Target

#: Calls slower than this (seconds) keep their reproducer, to be reported as the slowest.
SHOWN_AFTER = 0.05


@attrs.frozen
class Outcome:
    target: str
    seconds: float
    escaped: BaseException | None
    call: str  # the call, shown safely (a reproducer)


def _factories() -> dict[str, Callable[[], Any]]:
    """One instance of each result class whose public methods are fuzzed (built lazily)."""
    from ocop import (
        admin,
        audit,
        budget,
        certificates,
        codes,
        law,
        plans,
        plot,
        reports,
        stars,
        taxonomy,
    )
    from ocop.audit import marks
    from ocop.certificates import competence
    from ocop.criteria import Scorecard, council_average, score, score_batch, scoresheet
    from ocop.figures import Figure
    from ocop.findings import Finding, Severity
    from ocop.reports.model import Section, measure_of
    from ocop.serve import routes

    d = date(2026, 6, 1)
    cert = certificates.Certificate(star=4, issued_on=date(2024, 2, 29))

    def card() -> Any:
        sheet = scoresheet(7, regulation=law.Regime.QD26_2026)
        return Scorecard(
            regulation=law.Regime.QD26_2026,
            product_set=sheet.product_set,
            choices={c: 0 for c in sheet.leaves},
        )

    def report() -> Any:
        quantity = {"id": "q", "what": "sản phẩm", "unit": "sản phẩm", "figure": 2}
        section = {"id": "s", "kind": "report", "quantities": [quantity]}
        return reports.Document(
            id="r", title="r", kind="report", province="Kon Tum", issued_on=d, sections=(section,)
        )

    def kon_tum() -> Any:
        return plans.catalog.plan("kon-tum-908-2023")

    def budget_table() -> Any:
        found = kon_tum().budget
        return found.built()[0]

    def placed() -> Any:
        part = {"id": "p", "figure": 40, "group": "thực phẩm"}
        total = {"id": "t", "what": "sản phẩm OCOP", "unit": "sản phẩm", "figure": 100}
        quantity = {**total, "parts": [part]}
        section = Section.model_validate({"id": "s", "kind": "report", "quantities": [quantity]})
        return list(section.walk())[-1]  # a part: it has a parent and inherited facets

    def unmet() -> Any:
        from fractions import Fraction

        from ocop.stars.classification import UnmetMinimum

        citation = law.Citation("26/2026/QĐ-TTg", dieu=1)
        return UnmetMinimum(
            star=3,
            criterion="A1",
            title="Tổ chức sản xuất",
            required_option=2,
            required_text="Hợp tác xã",
            required_points=3,
            chosen_option=None,
            chosen_points=Fraction(1, 3),
            citation=citation,
        )

    def rows() -> Any:
        from ocop.tabular import export

        return export.rows(score(card()))

    def finding() -> Any:
        return Finding("weaker_than_national", Severity.WARNING, "here", 1, 2, "vi", "en")

    return {
        "ocop.admin.Province": lambda: admin.province("Kon Tum", on=date(2020, 1, 1)),
        "ocop.audit.report.AuditReport": lambda: audit.audit(),
        "ocop.audit.marks.SheetMarks": lambda: marks.sheet_marks(law.Regime.QD26_2026)[0],
        "ocop.audit.marks.Card": lambda: marks.sheet_marks(law.Regime.QD26_2026)[0].witnesses[0],
        "ocop.plot.Phasing": lambda: plot.phasing(budget_table()),
        "ocop.stars.classification.UnmetMinimum": unmet,
        "ocop.tabular.schema.Rows": rows,
        "ocop.tabular.schema.Schema": lambda: rows().schema,
        "ocop.serve.routes.Call": lambda: routes.Call(
            query={"on": ("2026-06-01",), "twice": ("a", "b")}, path={"id": "x"}, body=b"{}"
        ),
        "ocop.budget.reconcile.Reconciliation": lambda: budget.reconcile(budget_table()),
        "ocop.budget.table.BudgetTable": budget_table,
        "ocop.certificates.batch.BatchStatus": lambda: certificates.status_batch(
            ["2024-02-29", "2019-09-30"], d
        ),
        "ocop.certificates.competence.Authority": lambda: competence.authority(4, d),
        "ocop.certificates.competence.Revocation": lambda: competence.revocation_authority(4, d),
        "ocop.certificates.status.CertificateStatus": lambda: certificates.status(cert, d),
        "ocop.certificates.validity.Validity": lambda: certificates.validity(cert),
        "ocop.certificates.validity.Renewal": lambda: certificates.validity(cert).renewal,
        "ocop.criteria.batch.BatchScores": lambda: score_batch(
            scoresheet(7, regulation=law.Regime.QD26_2026),
            [[0] * len(scoresheet(7, regulation=law.Regime.QD26_2026).leaves)],
        ),
        "ocop.criteria.model.Scoresheet": lambda: scoresheet(7, regulation=law.Regime.QD26_2026),
        "ocop.criteria.scoring.ScoreResult": lambda: score(card()),
        "ocop.criteria.scoring.CouncilScore": lambda: council_average([card(), card()]),
        "ocop.findings.Finding": finding,
        "ocop.codes.Code": lambda: codes.get("claim_mismatch"),
        "ocop.codes.Localized": lambda: codes.Localized("một", "one"),
        "ocop.figures.Interval": lambda: Figure(about=100).interval(),
        "ocop.reports.model.Measure": lambda: measure_of("tỷ đồng"),
        "ocop.reports.model.Placed": placed,
        "ocop.serialize.Serialized": finding,
        "ocop.law.Citation": lambda: (
            law.instrument("148").citation
            if hasattr(law.instrument("148"), "citation")
            else law.Citation("148/QĐ-TTg", dieu=1)
        ),
        "ocop.law.Instrument": lambda: law.instrument("148"),
        "ocop.law.RegimeSpan": lambda: law.regimes()[0],
        "ocop.law.TransitionalRule": lambda: law.transitional_rules()[0],
        "ocop.plans.checks.CheckReport": lambda: plans.check(kon_tum()),
        "ocop.plans.progress.Progress": lambda: plans.progress(
            kon_tum(), plans.Portfolio(subjects=(), products=()), d
        ),
        "ocop.plans.targets.TargetResult": lambda: plans.evaluate(kon_tum().targets[0], 10),
        "ocop.stars.classification.Classification": lambda: stars.classify(score(card())),
        "ocop.taxonomy.Taxonomy": lambda: taxonomy.taxonomy(law.Regime.QD26_2026),
        "ocop.law.Period": lambda: law.Period(date(2024, 2, 29), months=36),
        "ocop.law.RegimeInForce": lambda: law.regime_on(d),
        "ocop.errors.OcopError": lambda: InvalidInput("bad", value=values.HUGE, deep=[[[[1]]]]),
        "ocop.inputs.InputModel": card,  # model_copy: a Scorecard stands for every input model
        "ocop.certificates.competence.Ministry": lambda: competence.ministry_on(d),
    }


@functools.cache
def factories() -> dict[str, Callable[[], Any]]:
    return _factories()


@functools.cache
def instance(owner: type) -> Any:
    return factories()[f"{owner.__module__}.{owner.__qualname__}"]()


def can_build(owner: type) -> bool:
    name = f"{owner.__module__}.{owner.__qualname__}"
    return name in STRATEGY_OF or name in factories() or issubclass(owner, enum.Enum)


def self_strategy(owner: type) -> st.SearchStrategy[Any]:
    name = f"{owner.__module__}.{owner.__qualname__}"
    if issubclass(owner, enum.Enum):
        return st.sampled_from(list(owner))
    if name in factories():
        return st.just(owner).map(instance)
    return st.from_type(owner)


def draw_call(
    data: st.DataObject, target: Target
) -> tuple[Callable[..., Any], list[Any], dict[str, Any]]:
    """The callable and its arguments for one example."""
    func: Callable[..., Any] = target.func
    if target.kind == "method":
        assert target.owner is not None
        obj = data.draw(self_strategy(target.owner), label="self")
        args, kwargs = data.draw(values.call_arguments(target.func, skip_first=True)).value
        return getattr(obj, target.func.__name__), args, kwargs
    if target.kind in ("validate", "json"):
        if target.kind == "json" and data.draw(st.booleans()):
            text = data.draw(values.indexed(values.json_texts()).map(values.Opaque)).value
            return func, [text], {}
        drawn = st.one_of(values.pools()[0], values.pools()[1], _dumped(target))
        return func, [data.draw(drawn.map(values.Opaque)).value], {}
    args, kwargs = data.draw(values.call_arguments(func)).value
    return func, args, kwargs


@functools.cache
def _dumped(target: Target) -> st.SearchStrategy[Any]:
    assert target.owner is not None
    model = values.model(target.owner)
    if model is None:
        return st.nothing()
    if target.kind == "json":
        return model.map(lambda m: m.model_dump_json())
    return model.map(lambda m: m.model_dump())


def run(
    target: Target, func: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]
) -> Outcome:
    """Call, time, and judge; never raises (the caller decides what an escape means).

    The call is written out (a reproducer) only when it escaped or was slow: showing a
    plan or a budget on every call would cost more than most calls.
    """
    started = time.perf_counter()
    escaped: BaseException | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            func(*args, **kwargs)
    except OcopError as err:
        escaped = _broken_error(err)
    except (Exception, RecursionError) as err:  # the contract's breach
        escaped = err
    seconds = time.perf_counter() - started
    shown = _shown(target.name, args, kwargs) if escaped or seconds > SHOWN_AFTER else target.name
    return Outcome(target.name, seconds, escaped, shown)


def _broken_error(err: OcopError) -> BaseException | None:
    """An OcopError that breaks the contract itself (no code, unprintable): else None."""
    try:
        if not isinstance(err.code, str) or not err.code:
            return AssertionError(f"{type(err).__name__} has no code")
        str(err)
        err.to_dict()
    except Exception as broken:
        return broken
    return None


def _shown(name: str, args: list[Any], kwargs: dict[str, Any]) -> str:
    from ocop.text import show

    parts = [show(a, 60) for a in args] + [f"{k}={show(v, 60)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"
