"""Rows of each exportable object, in the schemas of :mod:`ocop.tabular.schemas`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ocop import arguments
from ocop.budget.checks import BudgetReport
from ocop.budget.document import TableDocument
from ocop.budget.reconcile import Reconciliation
from ocop.budget.table import BudgetTable, Level
from ocop.criteria.scoring import ScoreResult
from ocop.errors import InvalidInput
from ocop.findings import Finding, Proven
from ocop.money import exact_decimal
from ocop.plans.checks import CheckReport
from ocop.plans.portfolio import ENTITY_TYPES, SUBJECT_FLAGS, Portfolio, PortfolioTable
from ocop.plans.progress import Progress
from ocop.stars.classification import Classification
from ocop.tabular import schemas
from ocop.tabular.schema import Rows, Schema
from ocop.text import show

__all__ = ["exact", "rows", "schema_of"]

Number = int | Decimal | Fraction | str | None


def exact(value: Number) -> str | None:
    """A number as exact text: '250', '89.5', or '100/3' when no decimal is exact."""
    if value is None or isinstance(value, str):
        return value
    value = _number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if value.denominator == 1:
        return str(value.numerator)
    decimal = exact_decimal(value)
    return f"{value.numerator}/{value.denominator}" if decimal is None else format(decimal, "f")


def _number(value: object) -> int | Decimal | Fraction:
    """``value`` checked as a number within ocop.limits (a numpy or float value as a Fraction)."""
    as_fraction = arguments.exact(value, "value")
    return value if isinstance(value, int | Decimal | Fraction) else as_fraction


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _columns(schema: Schema, rows: list[dict[str, Any]]) -> Rows:
    return schema.rows({name: [r[name] for r in rows] for name in schema.names})


# --- scores and stars ------------------------------------------------------------------------


def _score(result: ScoreResult) -> Rows:
    return _columns(
        schemas.SCORE_RESULT,
        [
            {
                "product": result.product,
                "evaluator": result.evaluator,
                "regulation": result.regulation.value,
                "product_set": result.product_set,
                "sheet": result.sheet,
                "part": c.part,
                "group": c.group,
                "criterion": c.code,
                "title": c.title,
                "option": c.option,
                "option_text": c.option_text,
                "points": c.points,
                "max_points": c.max_points,
                "citation": str(c.citation),
                "errata": c.errata,
            }
            for c in result.criteria
        ],
    )


def _classification(c: Classification) -> Rows:
    nxt = c.next_star
    return _columns(
        schemas.CLASSIFICATION,
        [
            {
                "regulation": c.regulation.value,
                "product_set": c.product_set,
                "sheet": c.sheet,
                "total": float(c.total),
                "total_exact": exact(c.total),
                "band_star": c.band_star,
                "star": c.star,
                "recognised": c.recognised,
                "minimums_checked": c.minimums_checked,
                "held_back_by": tuple(dict.fromkeys(u.criterion for u in c.held_back_by)),
                "knockouts": tuple(k.id for k in c.knockouts),
                "next_star": None if nxt is None else nxt.star,
                "points_needed": None if nxt is None else float(nxt.points_needed),
                "points_needed_exact": None if nxt is None else exact(nxt.points_needed),
            }
        ],
    )


# --- findings --------------------------------------------------------------------------------


def _findings(findings: Sequence[Finding]) -> Rows:
    return _columns(
        schemas.FINDING,
        [
            {
                "code": f.code,
                "severity": f.severity.value,
                "location": f.location,
                "expected": exact(f.expected),
                "actual": exact(f.actual),
                "message_vi": f.message_vi,
                "message_en": f.message_en,
                "quote": f.quote,
                "citations": tuple(str(c) for c in f.citations),
            }
            for f in findings
        ],
    )


def _proven(proven: Sequence[Proven]) -> Rows:
    return _columns(
        schemas.PROVEN,
        [
            {
                "code": p.code,
                "location": p.location,
                "value": exact(p.value),
                "message_en": p.message_en,
                "message_vi": p.message_vi,
            }
            for p in proven
        ],
    )


# --- portfolios ------------------------------------------------------------------------------

#: The certificate columns of a row without a certificate: from ``star`` to the last.
_NO_CERTIFICATE: Final[dict[str, Any]] = dict.fromkeys(
    schemas.PORTFOLIO.names[schemas.PORTFOLIO.names.index("star") :]
)


def _portfolio(p: Portfolio) -> Rows:
    subjects = {s.id: s for s in p.subjects}
    rows: list[dict[str, Any]] = []
    for product in p.products:
        s = subjects[product.subject]
        head = _subject_row(s.id, s.entity_type.value, [getattr(s, f) for f in SUBJECT_FLAGS]) | {
            "product": product.id,
            "product_name": product.name,
            "district": product.district,
            "commune": product.commune,
            "product_group": product.product_group,
            "tags": product.tags,
            "craft_village": product.craft_village,
        }
        for c in product.certificates:
            rows.append(
                head
                | {
                    "star": c.star,
                    "issued_on": c.issued_on,
                    "regulation": None if c.regulation is None else c.regulation.value,
                    "product_set": c.product_set,
                    "issued_by": None if c.issued_by is None else c.issued_by.value,
                    "issuer": c.issuer,
                    "decision_number": c.decision_number,
                    "revoked_on": c.revoked_on,
                    "revocation_ground": (
                        None if c.revocation_ground is None else c.revocation_ground.value
                    ),
                    "superseded_on": c.superseded_on,
                    "re_evaluation_filed_on": c.re_evaluation_filed_on,
                    "re_evaluation_decided_on": c.re_evaluation_decided_on,
                    "certificate_product": c.product,
                }
            )
        if not product.certificates:
            rows.append(head | _NO_CERTIFICATE)
    subject_rows = {
        s.id: _subject_row(s.id, s.entity_type.value, [getattr(s, f) for f in SUBJECT_FLAGS])
        for s in p.subjects
    }
    return _with_subjects(rows, subject_rows, [product.subject for product in p.products])


def _with_subjects(
    rows: list[dict[str, Any]], subjects: Mapping[str, dict[str, Any]], owners: Sequence[str]
) -> Rows:
    """Product rows and rows for subjects alone, so that every subject keeps its place.

    Subjects are read back in the order of their first row.  A subject with no
    product gets a row of its own, after the products; when the products'
    order does not follow the subjects', every subject gets one, first.
    """
    first = dict.fromkeys(owners)
    alone = [s for s in subjects if s not in first]
    if [*first, *alone] == list(subjects):
        return _columns(schemas.PORTFOLIO, rows + [subjects[s] | _NO_PRODUCT for s in alone])
    return _columns(schemas.PORTFOLIO, [row | _NO_PRODUCT for row in subjects.values()] + rows)


_NO_PRODUCT: Final = (
    dict.fromkeys(
        ("product", "product_name", "district", "commune", "product_group", "craft_village")
    )
    | {"tags": ()}
    | _NO_CERTIFICATE
)


def _subject_row(subject: str, entity: str, flags: Sequence[bool | None]) -> dict[str, Any]:
    return {"subject": subject, "entity_type": entity} | dict(
        zip(SUBJECT_FLAGS, flags, strict=True)
    )


def _flag(value: int) -> bool | None:
    return None if value == -1 else bool(value)


def _named(codes: npt.NDArray[np.int32], names: tuple[str, ...], row: int) -> str | None:
    code = int(codes[row])
    return None if code == -1 else names[code]


def _portfolio_table(t: PortfolioTable) -> Rows:
    """Like a portfolio's rows; a table keeps no ids, so subjects and products are positions."""
    rows: list[dict[str, Any]] = []

    def subject(i: int) -> dict[str, Any]:
        flags = [_flag(int(t.subject_flags[f][i])) for f in SUBJECT_FLAGS]
        return _subject_row(str(i), ENTITY_TYPES[int(t.subject_entity[i])].value, flags)

    certificates: list[list[int]] = [[] for _ in range(t.product_count)]
    for c, product in enumerate(t.certificate_product.tolist()):
        certificates[product].append(c)
    dates = {name: t.certificate_dates[name].tolist() for name in t.certificate_dates}
    for p in range(t.product_count):
        head = subject(int(t.product_subject[p])) | {
            "product": str(p),
            "product_name": None,
            "district": _named(t.district_codes, t.district_names, p),
            "commune": _named(t.commune_codes, t.commune_names, p),
            "product_group": _named(t.group_codes, t.group_names, p),
            "tags": tuple(sorted(t.product_tags[p])),
            "craft_village": _flag(int(t.product_craft_village[p])),
        }
        for c in certificates[p]:
            rows.append(
                head
                | _NO_CERTIFICATE
                | {"star": int(t.certificate_star[c])}
                | {name: dates[name][c] for name in dates}
            )
        if not certificates[p]:
            rows.append(head | _NO_CERTIFICATE)
    subjects = {str(i): subject(i) for i in range(t.subject_count)}
    return _with_subjects(rows, subjects, [str(i) for i in t.product_subject.tolist()])


# --- budget tables ---------------------------------------------------------------------------


def _budget_table(table: BudgetTable, computed: bool) -> Rows:
    """Stated figures level by level (most detailed first), in index order within a level."""
    shape = table.shape
    labels = {
        "item": np.array([i.id for i in table.items] + [None], dtype=object),
        "item_name": np.array([i.name for i in table.items] + [None], dtype=object),
        "source": np.array([s.value for s in table.sources] + [None], dtype=object),
        "year": np.array([*table.years, -1], dtype=np.int64),
    }
    cells = _cells(table) if computed else None
    parts: list[dict[str, npt.NDArray[Any]]] = []
    for level in Level:
        stated = _full_mask(table, level)
        amounts = table.values(level)
        shown = stated.copy()
        if cells is not None and level is not Level.CELL:
            summed, covered = _sums(cells, level)
            shown |= covered
            amounts = np.where(stated, amounts, summed)
        flat = np.flatnonzero(shown)  # row-major order; a TOTAL is a 0-d array
        n = flat.size
        where = np.unravel_index(flat, shown.shape) if shown.ndim else ()
        named = dict(zip(level.axes, where, strict=True))
        index = {axis: named.get(axis, np.full(n, -1)) for axis in ("item", "source", "year")}
        size = dict(zip(("item", "source", "year"), shape, strict=True))
        # -1 picks the trailing None / -1 of each label array: "total over this axis".
        pick = {axis: np.where(i < 0, size[axis], i) for axis, i in index.items()}
        parts.append(
            {
                "level": np.full(n, level.name.lower(), dtype=object),
                "item": labels["item"][pick["item"]],
                "item_name": labels["item_name"][pick["item"]],
                "source": labels["source"][pick["source"]],
                "year": labels["year"][pick["year"]],
                "amount_dong": np.asarray(amounts, dtype=np.int64).ravel()[flat],
                "stated": stated.ravel()[flat],
            }
        )
    return schemas.BUDGET_TABLE.rows(
        {name: np.concatenate([p[name] for p in parts]) for name in schemas.BUDGET_TABLE.names}
    )


def _full_mask(table: BudgetTable, level: Level) -> npt.NDArray[np.bool_]:
    mask = table.mask(level)
    return np.ones(table.level_shape(level), dtype=np.bool_) if mask is None else mask


def _cells(table: BudgetTable) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]] | None:
    if not table.present(Level.CELL):
        return None
    return table.values(Level.CELL), _full_mask(table, Level.CELL)


def _sums(
    cells: tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]], level: Level
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Each figure of ``level`` as the sum of its cells, and whether every one is stated.

    No overflow: the table refused cells whose grand sum int64 cannot hold.
    """
    values, stated = cells
    over = tuple(i for i, axis in enumerate(("item", "source", "year")) if axis not in level.axes)
    return np.asarray(values.sum(axis=over, dtype=np.int64)), np.asarray(stated.all(axis=over))


# --- progress --------------------------------------------------------------------------------


def _progress(p: Progress) -> Rows:
    return _columns(
        schemas.PROGRESS,
        [
            {
                "plan": p.plan_id,
                "on": p.on,
                "target": r.target_id,
                "outcome": r.outcome.value,
                "required": r.required,
                "actual": _float(r.actual),
                "actual_exact": exact(r.actual),
                "gap": _float(r.gap),
                "gap_exact": exact(r.gap),
                "reason": r.reason,
                "due": r.due,
                "shortfalls": tuple(f"{unit}: {exact(gap)}" for unit, gap in r.shortfalls),
            }
            for r in p.results
        ],
    )


# --- dispatch --------------------------------------------------------------------------------

#: Each exportable type, its schema and its rows (``computed`` only for budget tables).
_EXPORTS: Final[tuple[tuple[type, Schema, Callable[[Any, bool], Rows]], ...]] = (
    (ScoreResult, schemas.SCORE_RESULT, lambda o, _: _score(o)),
    (Classification, schemas.CLASSIFICATION, lambda o, _: _classification(o)),
    (CheckReport, schemas.FINDING, lambda o, _: _findings(o.findings)),
    (BudgetReport, schemas.FINDING, lambda o, _: _findings(o.findings)),
    (Reconciliation, schemas.FINDING, lambda o, _: _findings(o.findings)),
    (Finding, schemas.FINDING, lambda o, _: _findings((o,))),
    (Proven, schemas.PROVEN, lambda o, _: _proven((o,))),
    (Portfolio, schemas.PORTFOLIO, lambda o, _: _portfolio(o)),
    (PortfolioTable, schemas.PORTFOLIO, lambda o, _: _portfolio_table(o)),
    (BudgetTable, schemas.BUDGET_TABLE, _budget_table),
    (TableDocument, schemas.BUDGET_TABLE, lambda o, c: _budget_table(o.build(), c)),
    (Progress, schemas.PROGRESS, lambda o, _: _progress(o)),
)
_SUPPORTED: Final = ", ".join(t.__name__ for t, _, _ in _EXPORTS)


def _export(obj: object) -> tuple[type, Schema, Callable[[Any, bool], Rows]]:
    for entry in _EXPORTS:
        if isinstance(obj, entry[0]):
            return entry
    raise InvalidInput(
        f"ocop.tabular exports {_SUPPORTED}, or a list of one of them; not {type(obj).__name__}",
        type=type(obj).__name__,
    )


def schema_of(obj: object) -> Schema:
    """The schema of ``obj``'s rows; ``obj`` may also be one of the exported types itself."""
    if isinstance(obj, type):
        for kind, schema, _ in _EXPORTS:
            if issubclass(obj, kind):
                return schema
        raise InvalidInput(f"ocop.tabular exports {_SUPPORTED}; not {obj.__name__}")
    if _is_sequence(obj):
        items = list(obj)  # type: ignore[call-overload]
        if not items:
            raise InvalidInput("an empty list has no row type: pass of= (e.g. of=Finding)")
        return _export(items[0])[1]
    return _export(obj)[1]


def rows(obj: object, *, of: type | None = None, computed: bool = False) -> Rows:
    """The rows of ``obj``, or of every object of a list of one type (concatenated)."""
    if not isinstance(computed, bool):
        raise InvalidInput(f"computed is True or False, not {show(computed)}")
    if of is not None and not isinstance(of, type):
        raise InvalidInput(f"of= is one of {_SUPPORTED}, not {show(of)}")
    if not _is_sequence(obj):
        kind, _, build = _export(obj)
        _check_of(of, kind)
        return _checked_build(build, obj, computed, kind)
    items = list(obj)  # type: ignore[call-overload]
    if not items:
        if of is None:
            raise InvalidInput("an empty list has no row type: pass of= (e.g. of=Finding)")
        return schema_of(of).rows({name: [] for name in schema_of(of).names})
    kind, schema, build = _export(items[0])
    _check_of(of, kind)
    for i, item in enumerate(items):
        if not isinstance(item, kind) or type(item) is not type(items[0]):
            raise InvalidInput(
                f"a list exports objects of one type: item 0 is {type(items[0]).__name__}, "
                f"item {i} {type(item).__name__}",
                item=i,
            )
    parts = [_checked_build(build, item, computed, kind) for item in items]
    return schema.rows(
        {name: np.concatenate([p.arrays[name] for p in parts]) for name in schema.names}
    )


def _checked_build(
    build: Callable[[Any, bool], Rows], obj: object, computed: bool, kind: type
) -> Rows:
    if computed and kind not in (BudgetTable, TableDocument):
        raise InvalidInput("computed=True applies to budget tables only")
    return build(obj, computed)


def _check_of(of: type | None, kind: type) -> None:
    if of is not None and not issubclass(kind, of):
        raise InvalidInput(f"of={of.__name__} but the objects are {kind.__name__}")


def _is_sequence(obj: object) -> bool:
    return isinstance(obj, list | tuple)
