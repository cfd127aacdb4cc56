"""IPython's plain-text display shows the readable text of every displayable result."""

from __future__ import annotations

import pytest

import ocop.budget
import ocop.certificates
import ocop.criteria
import ocop.plans
import ocop.stars  # noqa: F401  (every displayable class defined)
from ocop.display import Displayable, text
from tests.fuzz.runner import factories

pretty = pytest.importorskip("IPython.lib.pretty").pretty


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_displayable_class_holds_its_own_pretty_hook() -> None:
    # IPython stops at the first class in the MRO whose __dict__ has __repr__ (attrs
    # writes one into each class): the hook must be in the class's own __dict__.
    classes = _subclasses(Displayable)
    assert len(classes) >= 12
    assert [c.__qualname__ for c in classes if "_repr_pretty_" not in vars(c)] == []


@pytest.mark.parametrize(
    "kind",
    [
        "ocop.criteria.scoring.ScoreResult",
        "ocop.stars.classification.Classification",
        "ocop.plans.checks.CheckReport",
        "ocop.plans.progress.Progress",
        "ocop.budget.reconcile.Reconciliation",
        "ocop.budget.table.BudgetTable",
        "ocop.certificates.status.CertificateStatus",
        "ocop.findings.Finding",
    ],
)
def test_ipython_shows_the_text_not_the_repr(kind: str) -> None:
    obj = factories()[kind]()
    assert isinstance(obj, Displayable)
    assert pretty(obj) == text(obj)
    assert pretty(obj) != repr(obj)
