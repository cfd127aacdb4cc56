"""One generic step from a validated data-file model to the attrs value the library hands out.

A data file's pydantic model (``ocop._regulation_files``, ``ocop._taxonomy_files``)
and the result class built from it share most field names; :func:`from_model`
copies those, so a new field is one line in each class, never a third list of
``name=m.name`` assignments.  Fields whose value is converted on the way (a
citation model to a :class:`~ocop.law.Citation`, a renamed field) are given.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
from pydantic import BaseModel

T = TypeVar("T")


def from_model(cls: type[T], model: BaseModel, **given: Any) -> T:
    """An instance of the attrs class ``cls``: ``given`` fields, the rest from ``model``.

    >>> import attrs
    >>> from pydantic import BaseModel
    >>> class Row(BaseModel):
    ...     name: str
    ...     size: int
    >>> @attrs.frozen
    ... class Thing:
    ...     name: str
    ...     size: int
    ...     label: str
    >>> from_model(Thing, Row(name="a", size=2), label="A")
    Thing(name='a', size=2, label='A')
    """
    names = [f.name for f in attrs.fields(cls) if f.init]  # type: ignore[arg-type]
    return cls(**{n: given[n] if n in given else getattr(model, n) for n in names})
