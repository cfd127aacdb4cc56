"""Rich display: the objects people inspect in a notebook, as HTML and as plain text.

``html(obj)`` returns a self-contained HTML fragment (one ``<style>`` block,
no JavaScript, no external URL, every user string escaped) and ``text(obj)``
a readable plain-text rendering.  Notebooks call them through the objects'
``_repr_html_`` and ``_repr_pretty_`` hooks; outside a notebook, call them
directly (to write a report, or to test what a page shows).

Displayable: :class:`~ocop.criteria.ScoreResult`, :class:`~ocop.stars.Classification`,
:class:`~ocop.certificates.CertificateStatus`, :class:`~ocop.certificates.Certificate`
(with its timeline), :class:`~ocop.plans.Plan`, :class:`~ocop.plans.Target`,
:class:`~ocop.plans.Progress`, :class:`~ocop.plans.CheckReport`,
:class:`~ocop.reports.DocumentCheck`,
:class:`~ocop.budget.BudgetReport`, :class:`~ocop.budget.Reconciliation`, one
:class:`~ocop.findings.Finding` and :class:`~ocop.budget.BudgetTable` (docs/display.md).

>>> from ocop.plans import catalog
>>> plan = catalog.plan("kon-tum-908-2023")
>>> page = html(plan)
>>> page.startswith('<div class="ocop ocop-plan"><style>'), "908/KH-UBND" in page
(True, True)
>>> print(text(plan.targets[0]))
products  ≥ 250  OCOP products recognised at 3★–5★, by 2025-12-31
  products.five-star  ≥ 10  OCOP products recognised at 5★, by 2025-12-31
products (Mục II.2, gạch đầu dòng 1): “Phấn đấu có ít nhất 250 sản phẩm OCOP được công nhận ...”
products.five-star (Mục II.2, gạch đầu dòng 1): “ít nhất 10 sản phẩm tham gia vào chuỗi giá trị ...”
note: The sentence comes after 'tiếp tục phát triển các sản phẩm mới, trong đó:'; ...
>>> html(42)
Traceback (most recent call last):
...
ocop.errors.InvalidInput: ocop.display has no display for int; it shows ScoreResult, ...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Final

from ocop.arguments import flag
from ocop.errors import InvalidInput
from ocop.text import show

__all__ = ["Displayable", "displayable", "html", "pretty", "text"]

# Class (module.qualname) → the family module that shows it and the name of its renderer.
# Looked up by name along the MRO, so importing ocop.display imports no domain module.
_RENDERERS: Final = {
    "ocop.criteria.scoring.ScoreResult": ("scores", "score_result"),
    "ocop.stars.classification.Classification": ("scores", "classification"),
    "ocop.certificates.status.CertificateStatus": ("certificates", "certificate_status"),
    "ocop.certificates.model.Certificate": ("certificates", "certificate"),
    "ocop.plans.documents.Plan": ("plans", "plan"),
    "ocop.plans.targets.Target": ("plans", "target"),
    "ocop.plans.progress.Progress": ("plans", "progress"),
    "ocop.plans.checks.CheckReport": ("findings", "check_report"),
    "ocop.reports.checks.DocumentCheck": ("findings", "document_check"),
    "ocop.budget.checks.BudgetReport": ("findings", "budget_report"),
    "ocop.budget.reconcile.Reconciliation": ("findings", "reconciliation"),
    "ocop.findings.Finding": ("findings", "finding"),
    "ocop.budget.table.BudgetTable": ("budget", "budget_table"),
    "ocop.drafts.compare.Comparison": ("drafts", "comparison"),
    # What the commands print (ocop.cli.*.DOCUMENT), named only: display imports no CLI module.
    "ocop.cli.plans.PlanList": ("_commands", "plan_list"),
    "ocop.cli.rules.RulesDocument": ("_commands", "rules_document"),
    "ocop.cli.sheets.SheetList": ("_commands", "sheet_list"),
    "ocop.cli.sheets.SheetDetail": ("_commands", "sheet_detail"),
    "ocop.cli.score.ScoreDocument": ("_commands", "score_document"),
    "ocop.cli.certificate.CertificateDocument": ("_commands", "certificate_document"),
    "ocop.cli.audit.AuditDocument": ("_commands", "audit_document"),
    "ocop.cli.codes.CodesDocument": ("_commands", "codes_document"),
    "ocop.cli.compare.CompareDocument": ("drafts", "compare_document"),
    "ocop.cli.test.TestDocument": ("drafts", "test_document"),
    "ocop.cli.decisions.DecisionList": ("_commands", "decision_list"),
    "ocop.cli.decisions.DecisionPage": ("_commands", "decision_page"),
}


def displayable() -> tuple[str, ...]:
    """Names of the classes :func:`html` and :func:`text` can show."""
    return tuple(name.rsplit(".", 1)[1] for name in _RENDERERS)


def _renderer(obj: object, kind: str) -> Callable[[Any], str]:
    for cls in type(obj).__mro__:
        found = _RENDERERS.get(f"{cls.__module__}.{cls.__qualname__}")
        if found is not None:
            module = importlib.import_module(f"ocop.display.{found[0]}")
            function: Callable[[Any], str] = getattr(module, f"{kind}_{found[1]}")
            return function
    raise InvalidInput(
        f"ocop.display has no display for {type(obj).__name__}; "
        f"it shows {', '.join(displayable())}",
        type=type(obj).__name__,
    )


def html(obj: object) -> str:
    """``obj`` as a self-contained HTML fragment (what a notebook shows)."""
    return str(_renderer(obj, "html")(obj))


def text(obj: object) -> str:
    """``obj`` as readable plain text (what IPython's pretty printer shows)."""
    return _renderer(obj, "text")(obj)


def pretty(obj: object, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` protocol: write :func:`text` to ``printer``."""
    if not callable(getattr(printer, "text", None)):
        raise InvalidInput(f"printer must be IPython's pretty printer, got {show(printer)}")
    cycle = flag(cycle, "cycle")
    printer.text(f"<{type(obj).__name__} …>" if cycle else text(obj))


class Displayable:
    """Mixin of the displayable classes: a notebook shows them with :func:`html`,
    IPython's pretty printer with :func:`text`; ``repr`` stays attrs' or pydantic's.

    List it first among the bases: IPython takes the first ``_repr_pretty_`` or
    ``__repr__`` it meets along the MRO, and pydantic's BaseModel defines ``__repr__``.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        pretty(self, p, cycle)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython walks the MRO and stops at the first class whose own __dict__ holds
        # _repr_pretty_ or __repr__: attrs writes __repr__ into each class, which would win
        # over the mixin's hook.  Each subclass gets the hook in its own __dict__.
        cls._repr_pretty_ = Displayable._repr_pretty_  # type: ignore[method-assign]
