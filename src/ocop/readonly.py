"""Values the library shares with callers, made so that no caller can change them.

A numpy array with ``flags.writeable = False`` is not read-only when the
library owns its memory: anyone can set the flag back.  :func:`frozen_array`
copies into an immutable ``bytes`` object instead, whose flag numpy refuses to
turn on.  :func:`frozen_data` turns parsed JSON (lists, dicts) into tuples and
mapping proxies, for cached law data held in frozen classes.

>>> import numpy as np
>>> a = frozen_array(np.arange(3))
>>> a.flags.writeable = True
Traceback (most recent call last):
...
ValueError: cannot set WRITEABLE flag to True of this array
>>> frozen_data({"points": [1, 2]})
mappingproxy({'points': (1, 2)})
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from ocop.errors import InvalidInput
from ocop.limits import MAX_JSON_DEPTH
from ocop.text import show

__all__ = ["FrozenMap", "frozen_array", "frozen_data"]

S = TypeVar("S", bound=np.generic)
K = TypeVar("K")
V = TypeVar("V")


def frozen_array(array: npt.NDArray[S]) -> npt.NDArray[S]:
    """A copy of ``array`` in immutable memory, keeping its C or Fortran layout.

    Costs one copy of the data (the caller's array is left as it was).
    """
    if not isinstance(array, np.ndarray):
        raise InvalidInput(f"frozen_array() takes a numpy array, got {show(array)}")
    if array.dtype.hasobject:  # object arrays cannot live in bytes; a copy is all we can do
        copy = array.copy()
        copy.flags.writeable = False
        return copy
    order: Literal["C", "F"] = (
        "F" if array.flags.f_contiguous and not array.flags.c_contiguous else "C"
    )
    flat: npt.NDArray[S] = np.frombuffer(array.tobytes(order=order), dtype=array.dtype)
    shaped: npt.NDArray[S] = flat.reshape(tuple(array.shape), order=order)
    return shaped


def frozen_data(value: Any) -> Any:
    """Lists as tuples and dicts as read-only mappings, all the way down (to MAX_JSON_DEPTH)."""
    return _frozen(value, 0)


def _frozen(value: Any, depth: int) -> Any:
    if depth > MAX_JSON_DEPTH:
        raise InvalidInput(
            f"data nested deeper than {MAX_JSON_DEPTH} (limit MAX_JSON_DEPTH)",
            limit="MAX_JSON_DEPTH",
        )
    if isinstance(value, list | tuple):
        return tuple(_frozen(v, depth + 1) for v in value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v, depth + 1) for k, v in value.items()})
    return value


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that hashes, for a field of a frozen model (``Scorecard.choices``).

    >>> m = FrozenMap({"1.1": 0})
    >>> m["1.1"], m == {"1.1": 0}, hash(m) == hash(FrozenMap({"1.1": 0}))
    (0, True, True)
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V]) -> None:
        if not isinstance(data, Mapping):
            raise InvalidInput(f"FrozenMap() takes a mapping, got {show(data)}")
        self._data = dict(data)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"
