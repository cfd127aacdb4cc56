"""Base class for what users hand in: strict, closed, frozen pydantic models.

pydantic reports bad input as ``ValidationError``; ``ocop`` promises that every
refusal is an :class:`~ocop.errors.OcopError`.  :class:`InputModel` converts
at the edge, keeping pydantic's per-field details in ``context["errors"]``, and
refuses JSON objects with duplicated keys (which plain JSON parsing would
silently resolve to the last value).

>>> from ocop.inputs import InputModel
>>> class Point(InputModel):
...     x: int
>>> Point(x="1")
Traceback (most recent call last):
...
ocop.errors.InvalidInput: invalid Point: x: Input should be a valid integer
>>> Point.model_validate_json('{"x": 1, "x": 2}')
Traceback (most recent call last):
...
ocop.errors.InvalidInput: invalid JSON for Point: key 'x' appears twice in one object
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from ocop._plugin import on_new_type
from ocop.errors import InvalidInput, OcopError
from ocop.text import show

__all__ = ["InputModel", "loads_strict", "require_unique"]


class InputModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise _invalid(type(self).__name__, err) from None

    # Mark this __init__ as pydantic's own: otherwise pydantic routes model_validate_json
    # through it as Python input, and strict mode then refuses ISO date strings in JSON.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        # Fields only: private attributes hold caches derived from the fields (a document's
        # arrays, a portfolio's table), which pydantic would otherwise compare too.
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = BaseModel.__hash__  # defining __eq__ would otherwise drop the frozen hash

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        on_new_type(cls)  # st.from_type(cls) works if Hypothesis is loaded (ocop._plugin)

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as err:
            raise _invalid(cls.__name__, err) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        loads_strict(json_data, what=cls.__name__)
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as err:
            raise _invalid(cls.__name__, err) from None


def require_unique(ids: Iterable[str], what: str) -> set[str]:
    """The ids as a set; InvalidInput naming the first that appears twice."""
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise InvalidInput(f"{what} id {i!r} appears twice", id=i)
        seen.add(i)
    return seen


def loads_strict(text: str | bytes | bytearray, *, what: str) -> Any:
    """``json.loads`` that refuses duplicated keys and reports errors as InvalidInput."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise InvalidInput(
                    f"invalid JSON for {what}: key {show(key)} appears twice in one object", key=key
                )
            seen[key] = value
        return seen

    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"invalid JSON for {what}: {err.msg} at line {err.lineno} column {err.colno}",
            line=err.lineno,
            column=err.colno,
        ) from None
    except (TypeError, UnicodeDecodeError) as err:
        raise InvalidInput(f"invalid JSON for {what}: {err}") from None


def _invalid(model: str, err: ValidationError) -> OcopError:
    # An OcopError raised by a model's own validator keeps its class and code.
    for e in err.errors(include_url=False):
        raised = e.get("ctx", {}).get("error")
        if isinstance(raised, OcopError):
            return raised
    details = [
        {"loc": ".".join(str(p) for p in e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in err.errors(include_url=False)
    ]
    summary = "; ".join(f"{d['loc']}: {d['msg']}" if d["loc"] else d["msg"] for d in details)
    return InvalidInput(f"invalid {model}: {summary}", model=model, errors=details)
