"""What the fuzz suite hands to each parameter: hostile values, domain values, and values
built from the parameter's annotation where it can be resolved."""

from __future__ import annotations

import enum
import functools
import inspect
import itertools
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

from ocop.inputs import InputModel

HUGE = 10**5000  # str() of it raises ValueError


class RaisingRepr:
    """An object whose __repr__ and __str__ raise: error paths must still format it."""

    def __repr__(self) -> str:
        raise RuntimeError("repr refused")

    __str__ = __repr__


class Endless:
    """An iterable that never ends."""

    def __iter__(self) -> typing.Iterator[int]:
        return itertools.count()


def _deep(n: int) -> list[Any]:
    top: list[Any] = []
    node = top
    for _ in range(n):
        node.append([])
        node = node[0]
    return top


def hostile() -> list[Any]:
    """The issue's hostile values, and a few more found while fuzzing."""
    return [
        HUGE,
        -HUGE,
        10**20,
        -1,
        0,
        2**63,
        float("nan"),
        float("inf"),
        -0.0,
        89.5,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        Decimal("1E+999999999"),
        Decimal("1E-999999999"),
        Fraction(1, 2**2000),
        np.float64(89.5),
        np.float64("nan"),
        np.int64(7),
        np.int8(-1),
        np.bool_(True),
        True,
        False,
        None,
        "",
        " ",
        "\u0301",
        "٣",
        "²",
        "３",
        "x" * 10_000,
        "\x00",
        "\ud800",
        "literal",
        "civil_code_next_working_day",
        "bogus",
        b"134.750",
        bytearray(b"{}"),
        "[" * 10_000,
        "1" * 5000,
        '{"a": ' + "[" * 1000 + "]" * 1000 + "}",
        datetime(2026, 6, 1, 12, 30),
        datetime(2026, 6, 1, tzinfo=UTC),
        date.max,
        date.min,
        timedelta(days=1),
        (HUGE,),
        (float("nan"),),
        [[0] * 32, [0] * 31],
        [],
        (),
        {},
        {"a": 1},
        set(),
        _deep(5000),
        range(10**20),
        Endless(),
        RaisingRepr(),
        object(),
        np.array([19797], dtype=object),
        np.array(["2024-01-01T12"], dtype="datetime64[h]"),
        np.zeros((2, 2, 2), dtype=np.int64),
        np.array([1.5, np.nan]),
        np.array([], dtype=np.int64),
        np.array("x"),
        1j,
        lambda *a, **k: None,
    ]


def domain() -> list[Any]:
    """Values that mean something to ocop, so that calls get past their first check."""
    from ocop import budget, certificates, law
    from ocop.criteria import scoresheet
    from ocop.plans import catalog

    sheet = scoresheet(7, regulation=law.Regime.QD26_2026)
    kon_tum = catalog.plan("kon-tum-908-2023")
    values: list[Any] = [
        1,
        3,
        4,
        7,
        16,
        26,
        2025,
        70,
        Fraction(179, 2),
        Decimal("89.5"),
        "26/2026/QĐ-TTg",
        "148/QĐ-TTg",
        "1048/QĐ-TTg",
        "I.3.c",
        "Kon Tum",
        "kon-tum-908-2023",
        "vi",
        "en",
        "detect",
        "triệu đồng",
        "134.750",
        "400,7 tỷ đồng",
        "dossier",
        "transitional",
        "2026-06-01",
        date(2026, 6, 1),
        date(2019, 8, 21),
        date(2024, 2, 29),
        law.Regime.QD26_2026,
        law.Regime.QD148_2023,
        sheet,
        kon_tum,
        kon_tum.targets[0] if kon_tum.targets else None,
        certificates.Certificate(star=4, issued_on=date(2024, 2, 29)),
        budget.Item("a", "Tuyên truyền"),
        budget.Level.CELL,
        budget.Source.CREDIT,
        np.array(["2024-02-29", "2019-09-30"], dtype="datetime64[D]"),
        np.zeros((2, len(sheet.leaves)), dtype=np.int8),
        np.array([70, 89.5]),
        [1, 2, 3],
        (2025, 2026),
    ]
    if kon_tum.budget is not None:
        values += [kon_tum.budget, kon_tum.budget.built()[0]]
    return values


@functools.cache
def pools() -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    return indexed(hostile()), indexed(domain())


def indexed(values: list[Any]) -> st.SearchStrategy[Any]:
    # An index, not sampled_from(values): older Hypothesis (6.100) takes the repr of a
    # sampled_from strategy's elements, which fails for a 5,000-digit int; and not
    # values.__getitem__, whose repr 6.115 takes too (the list's).
    return st.integers(0, len(values) - 1).map(_Pick(values))


class _Pick:
    """``values[i]``, with a repr that shows none of the values."""

    __slots__ = ("values",)

    def __init__(self, values: list[Any]) -> None:
        self.values = values

    def __call__(self, index: int) -> Any:
        return self.values[index]

    def __repr__(self) -> str:
        return f"pick({len(self.values)} values)"


def hints(func: Callable[..., Any]) -> dict[str, Any]:
    target = func.__init__ if inspect.isclass(func) else func  # type: ignore[misc]
    try:
        return typing.get_type_hints(target)
    except Exception:  # annotations naming TYPE_CHECKING-only imports: use the pools alone
        return {}


@functools.cache
def _typed(annotation: Any) -> st.SearchStrategy[Any] | None:
    """A strategy for simple annotations; None when the pools must do."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        parts = [s for a in typing.get_args(annotation) if (s := _typed(a)) is not None]
        return st.one_of(parts) if parts else None
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin in (tuple, list, typing.Sequence, typing.Iterable) or (
        origin is not None and getattr(origin, "__name__", "") in ("Sequence", "Iterable")
    ):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        inner = _typed(args[0]) if args else None
        return None if inner is None else st.lists(inner, max_size=4).map(tuple)
    if not isinstance(annotation, type):
        return None
    if issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation)) | st.sampled_from([m.value for m in annotation])
    if issubclass(annotation, bool):
        return st.booleans()
    if issubclass(annotation, int):
        return st.integers(-5, 3000)
    if issubclass(annotation, str):
        return st.text(max_size=20)
    if annotation is date:
        return st.dates(date(2010, 1, 1), date(2032, 12, 31))
    if annotation in (Decimal, Fraction, float):
        return (
            st.decimals(0, 100, places=2, allow_nan=False)
            if annotation is Decimal
            else (
                st.fractions(0, 100, max_denominator=12)
                if annotation is Fraction
                else st.floats(0, 100)
            )
        )
    if issubclass(annotation, InputModel) or annotation.__name__ == "BudgetTable":
        return model(annotation)
    return None


#: Instances drawn once per model type, in the long profile only (tools/fuzz.py fills it
#: before the run): drawing a plan or a budget costs some 40 ms, more than most calls, and a
#: frozen model can be handed to many calls.  Empty (the short profile): each is drawn afresh.
POOLS: dict[type, list[Any]] = {}


def model(annotation: type) -> st.SearchStrategy[Any] | None:
    """Instances of an input model (or a budget table): from its pool, else freshly drawn."""
    if POOLS.get(annotation):
        return indexed(POOLS[annotation])
    try:
        return st.from_type(annotation)
    except Exception:
        return None


def model_types(annotation: Any) -> set[type]:
    """The input models (and budget tables) an annotation names, through unions and tuples."""
    if isinstance(annotation, type):
        named = issubclass(annotation, InputModel) or annotation.__name__ == "BudgetTable"
        return {annotation} if named else set()
    return {t for arg in typing.get_args(annotation) for t in model_types(arg)}


def fill_pools(types: set[type], size: int) -> None:
    """Draw ``size`` instances of each type into POOLS (call outside any Hypothesis test)."""
    for kind in sorted(types - set(POOLS), key=lambda t: t.__qualname__):
        try:
            POOLS[kind] = _drawn(kind, size)
        except Exception:  # a type Hypothesis cannot build: draw it afresh in each call
            continue


def _drawn(kind: type, size: int) -> list[Any]:
    from hypothesis import HealthCheck, Phase, given, settings

    found: list[Any] = []

    @settings(
        max_examples=size,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_type(kind))
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


def argument(func: Callable[..., Any], name: str) -> st.SearchStrategy[Any]:
    bad, good = pools()
    typed = _typed(hints(func).get(name))
    choices = [bad, good] if typed is None else [bad, good, typed, typed]
    return st.one_of(choices)


@functools.cache  # one strategy per callable: building a composite costs more than a draw
def call_arguments(
    func: Callable[..., Any], *, skip_first: bool = False
) -> st.SearchStrategy[Opaque]:
    """Positional and keyword arguments for ``func``: every required parameter, some optional."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        params = []
    if skip_first and params:
        params = params[1:]
    params = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if not params:  # a composite that draws nothing is deprecated in Hypothesis
        return st.just(Opaque(([], {})))

    @st.composite
    def build(draw: st.DrawFn) -> Opaque:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for p in params:
            if p.default is not p.empty and not draw(st.booleans()):
                continue
            value = draw(argument(func, p.name))
            if p.kind is p.POSITIONAL_ONLY:
                args.append(value)
            else:
                kwargs[p.name] = value
        return Opaque((args, kwargs))

    return build()


class Opaque:
    """A drawn value behind a safe repr: Hypothesis prints every draw, and older versions
    (6.100) fail on the repr of a 5,000-digit int or of an object whose repr raises."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        from ocop.text import show

        return show(self.value, 300)


def json_texts() -> list[str | bytes]:
    """Hostile JSON texts for model_validate_json."""
    return [
        '{"regulation": ' + "1" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 5000 + "1" + "}" * 5000,
        "[NaN]",
        '{"a": 1e999999999}',
        '{"a": 1, "a": 2}',
        "",
        "\ufeff{}",
        b"\xff\xfe",
        "{}",
        "null",
        '"' + "x" * 100_000 + '"',
        "[" + ",".join(["0"] * 200_000) + "]",
    ]
