"""Base class for what users hand in: strict, closed, frozen pydantic models.

pydantic reports bad input as ``ValidationError``; ``ocop`` promises that every
refusal is an :class:`~ocop.errors.OcopError`.  :class:`InputModel` converts
at the edge, keeping pydantic's per-field details in ``context["errors"]``, and
refuses JSON objects with duplicated keys (which plain JSON parsing would
silently resolve to the last value).  A dict that holds only what ``json.loads``
makes is validated as the JSON text it came from, so a model takes from a parsed
dict exactly what its JSON Schema says (ISO date strings included), as from the
text; a dict holding Python values (a ``date``, a tuple, an enum) is validated as
Python, strictly.  The same holds at every depth: a nested model given as a dict
of JSON values (a product's certificate ``{"star": 4, "issued_on": "2024-03-15"}``
inside a portfolio built from Python values) is read as JSON, and its siblings
holding Python values stay strict.

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

import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Self, get_args

import annotated_types
import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ocop import limits
from ocop._plugin import on_new_type
from ocop._records import json_scan
from ocop.arguments import flag, items, same_kind
from ocop.errors import InvalidInput, OcopError
from ocop.text import show

__all__ = ["InputModel", "loads_strict", "require_unique"]


class InputModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    def __init__(self, **data: Any) -> None:
        data = _read_nested(type(self), _bounded(type(self), data), None)
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise _invalid(type(self).__name__, err) from None
        except (Exception, RecursionError) as err:
            raise _unreadable(type(self).__name__, err) from None

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
        if set(kwargs) <= {"context"} and isinstance(obj, dict):
            # A dict parsed from JSON is validated as the JSON it came from, so it takes what
            # the schema says (ISO date strings) exactly as model_validate_json does.
            text = _json_text(obj)
            if text is not None:
                return cls.model_validate_json(text, **kwargs)
        obj = _read_nested(cls, _bounded(cls, obj), kwargs.get("context"))
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as err:
            raise _invalid(cls.__name__, err) from None
        except (Exception, RecursionError) as err:
            raise _unreadable(cls.__name__, err) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update``, validated as a new instance would be.

        pydantic's own copy takes ``update`` unvalidated: a card copied with a choice of
        ``True`` or ``1.5`` was scored as option 1, or raised TypeError.
        """
        deep = flag(deep, "deep")
        if update is None:
            return super().model_copy(deep=deep)
        update = same_kind(update, Mapping, "update")
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**fields, **update})

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        _bounded(cls, loads_strict(json_data, what=cls.__name__))
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as err:
            raise _invalid(cls.__name__, err) from None


@functools.cache
def _nested_models(model: type[BaseModel]) -> tuple[tuple[str, type[InputModel]], ...]:
    """(key, model) for each field holding exactly one kind of input model, alone or in a
    sequence (``tuple[Product, ...]``, ``Rate | None``); a field that may hold two models
    is left to pydantic, which alone knows which one a dict is."""
    found = []
    for name, field in model.model_fields.items():
        models = {m for m in _models(field.annotation) if issubclass(m, InputModel)}
        if len(models) == 1:
            found.append((field.alias or name, models.pop()))
    return tuple(found)


def _read_nested(
    model: type[BaseModel], data: Any, context: Any, where: tuple[Any, ...] = (), top: str = ""
) -> Any:
    """Python input ``data`` for ``model`` with each nested model given as a dict of JSON
    values replaced by that model read from its JSON text, at every depth."""
    if not isinstance(data, Mapping) or len(where) > limits.MAX_JSON_DEPTH:
        return data
    top = top or model.__name__
    replaced: dict[Any, Any] | None = None
    for key, inner in _nested_models(model):
        value = data.get(key)
        if isinstance(value, list | tuple):
            found = tuple(
                _nested(inner, v, context, (*where, key, i), top) for i, v in enumerate(value)
            )
            if all(a is b for a, b in zip(found, value, strict=True)):
                continue
            new: Any = found if isinstance(value, tuple) else list(found)
        else:
            new = _nested(inner, value, context, (*where, key), top)
            if new is value:
                continue
        replaced = dict(data) if replaced is None else replaced
        replaced[key] = new
    return data if replaced is None else replaced


def _nested(
    model: type[InputModel], value: Any, context: Any, where: tuple[Any, ...], top: str
) -> Any:
    """``value`` read as JSON if it is a dict of JSON values; a Python dict is walked on."""
    if not isinstance(value, dict):
        return value
    text = _json_text(value)
    if text is None:
        return _read_nested(model, value, context, where, top)
    try:
        return model.__pydantic_validator__.validate_json(text, context=context)
    except ValidationError as err:
        errors = err.errors(include_url=False)
        raised = _raised(errors)
        if raised is not None:
            raise raised from None  # the nested model's own refusal, with its own code
        details, summary = _summary(errors, where)
        raise InvalidInput(  # worded as the whole input read as JSON would be refused
            f"invalid {top}: {summary}",
            model=top,
            errors=details,
            error_count=len(errors),
        ) from None


def _json_text(value: dict[Any, Any]) -> str | None:
    """The JSON text of ``value`` if it holds only JSON values, else ``None`` (Python input)."""
    if not json_scan(value).json:
        return None
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:  # an int too long for text, or NaN: validate as Python
        return None


def _bounded(model: type[BaseModel], data: Any, depth: int = 0) -> Any:
    """``data`` with every collection field (also of nested models) counted before pydantic
    reads it: pydantic validates every item before it compares a length with max_length, so
    ``range(10**20)`` or a 3,000,000-item list would cost minutes.  Past the field's
    max_length (by default MAX_COLLECTION) it is InvalidInput naming the limit; a generator
    or any unsized iterable is read up to the limit and no further."""
    if depth > limits.MAX_JSON_DEPTH:
        return data
    fields = _counted_fields(model)
    if type(data) is dict:  # only its values that can hold items, in the order of the fields
        where = _field_places(model)
        found = [where[k] for k, v in data.items() if type(v) not in _ONE_VALUE and k in where]
        if not found:
            return data
        fields = tuple(fields[i] for i in sorted(found))
    elif not isinstance(data, Mapping):
        return data
    bounded: dict[Any, Any] | None = None
    for key, limit, limit_name, inner_models in fields:
        value = data.get(key)
        if value is None or isinstance(value, str | bytes | bytearray | BaseModel):
            continue
        try:
            size = len(value)
        except OverflowError:  # len(range(10**20))
            size = limit + 1
        except TypeError:  # not sized: read an iterable up to the limit, no further
            if not isinstance(value, Iterable):
                continue
            try:
                value = tuple(itertools.islice(iter(value), limit + 1))
            except Exception:  # a caller's iterator that fails: pydantic will refuse the value
                continue
            bounded = dict(data) if bounded is None else bounded
            bounded[key] = value
            size = len(value)
        if size > limit:
            raise InvalidInput(
                f"invalid {model.__name__}: {key} has more than {limit} items (limit {limit_name})",
                model=model.__name__,
                field=key,
                limit=limit_name,
            )
        for inner in inner_models:
            for item in value if isinstance(value, list | tuple) else (value,):
                _bounded(inner, item, depth + 1)
    return data if bounded is None else bounded


# Values that hold no items: _bounded has nothing to count in them.
_ONE_VALUE = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_places(model: type[BaseModel]) -> dict[str, int]:
    """Each field's key and its place among the fields."""
    return {key: i for i, (key, *_) in enumerate(_counted_fields(model))}


@functools.cache
def _counted_fields(
    model: type[BaseModel],
) -> tuple[tuple[str, int, str, tuple[type[BaseModel], ...]], ...]:
    """(key, limit, name of the limit, models it holds) of each field, in order: worked out
    once per model, not once per record (a portfolio has tens of thousands)."""
    return tuple(
        (field.alias or name, *_max_length(field), _models(field.annotation))
        for name, field in model.model_fields.items()
    )


def _models(annotation: Any) -> tuple[type[BaseModel], ...]:
    """The input models a field's annotation holds (``tuple[Product, ...]`` → Product)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (annotation,)
    return tuple(m for arg in get_args(annotation) for m in _models(arg))


def _max_length(field: FieldInfo) -> tuple[int, str]:
    for meta in field.metadata:
        if isinstance(meta, annotated_types.MaxLen):
            name = "MAX_PORTFOLIO" if meta.max_length == limits.MAX_PORTFOLIO else "max_length"
            if meta.max_length == limits.MAX_COLLECTION:
                name = "MAX_COLLECTION"
            return meta.max_length, name
    return limits.MAX_COLLECTION, "MAX_COLLECTION"


def require_unique(ids: Iterable[str], what: str) -> set[str]:
    """The ids as a set; InvalidInput naming the first that appears twice."""
    what = what if isinstance(what, str) else show(what)
    read = items(ids, f"the {what} ids", max_length=limits.MAX_PORTFOLIO)
    if set(map(type, read)) <= {str}:
        unique = set(read)
        if len(unique) == len(read):  # the usual case, without a step per id in Python
            return unique
    seen: set[str] = set()
    for i in read:
        if not isinstance(i, str):
            raise InvalidInput(f"a {what} id must be text, got {show(i)}", id=show(i))
        if i in seen:
            raise InvalidInput(f"{what} id {i!r} appears twice", id=i)
        seen.add(i)
    return seen


def loads_strict(text: str | bytes | bytearray, *, what: str) -> Any:
    """``json.loads`` within :mod:`ocop.limits`, refusing duplicated keys, NaN and Infinity.

    A text is first read as plain ``json.loads`` reads it, at C speed, and kept
    if nothing the strict reading refuses can be in it (see ``_plain``); any
    other text is read again strictly: its size, nesting depth and the digits
    of each number checked before any value is built, so a hostile text costs
    no more than a few scans of its bytes.

    >>> loads_strict("[" * 65 + "]" * 65, what="plan")
    Traceback (most recent call last):
    ...
    ocop.errors.InvalidInput: invalid JSON for plan: nested deeper than 64 (limit MAX_JSON_DEPTH)
    """
    what = what if isinstance(what, str) else show(what)
    if not isinstance(text, str | bytes | bytearray):
        raise InvalidInput(
            f"invalid JSON for {what}: expected text or bytes, got {type(text).__name__}",
            value=show(text),
        )
    if len(text) > limits.MAX_INPUT_BYTES:
        raise InvalidInput(
            f"invalid JSON for {what}: {len(text)} characters, more than {limits.MAX_INPUT_BYTES}"
            " (limit MAX_INPUT_BYTES)",
            limit="MAX_INPUT_BYTES",
        )
    plain = _plain(text)
    return _strict(text, what) if plain is _UNSURE else plain


def _strict(text: str | bytes | bytearray, what: str) -> Any:
    """The strict reading of a text within MAX_INPUT_BYTES: every limit checked as it reads."""
    depth = _depth(text)
    if depth > limits.MAX_JSON_DEPTH:
        raise InvalidInput(
            f"invalid JSON for {what}: nested deeper than {limits.MAX_JSON_DEPTH}"
            " (limit MAX_JSON_DEPTH)",
            limit="MAX_JSON_DEPTH",
            depth=depth,
        )

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise InvalidInput(
                    f"invalid JSON for {what}: key {show(key)} appears twice in one object", key=key
                )
            seen[key] = value
        return seen

    def number(literal: str) -> str:
        mantissa, _, exponent = literal.lower().lstrip("-").partition("e")
        digits = len(mantissa) - ("." in mantissa)
        if digits > limits.MAX_NUMBER_DIGITS:
            raise InvalidInput(
                f"invalid JSON for {what}: a number of {digits} digits, more than "
                f"{limits.MAX_NUMBER_DIGITS} (limit MAX_NUMBER_DIGITS)",
                limit="MAX_NUMBER_DIGITS",
            )
        power = exponent.lstrip("+-0")
        if len(power) > 6 or (power and int(power) > limits.MAX_DECIMAL_EXPONENT + digits):
            raise InvalidInput(
                f"invalid JSON for {what}: exponent {show(exponent)} out of range"
                f" (limit MAX_DECIMAL_EXPONENT = {limits.MAX_DECIMAL_EXPONENT})",
                limit="MAX_DECIMAL_EXPONENT",
            )
        return literal

    def constant(name: str) -> Any:
        raise InvalidInput(
            f"invalid JSON for {what}: {name} is not allowed"
            " (JSON numbers are integer or decimal literals)"
        )

    try:
        return json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_int=lambda s: int(number(s)),
            parse_float=lambda s: float(number(s)),
            parse_constant=constant,
        )
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"invalid JSON for {what}: {err.msg} at line {err.lineno} column {err.colno}",
            line=err.lineno,
            column=err.colno,
        ) from None
    except (TypeError, UnicodeDecodeError, RecursionError) as err:
        raise InvalidInput(f"invalid JSON for {what}: {show(str(err))}") from None


_UNSURE = object()


def _plain(text: str | bytes | bytearray) -> Any:
    """``text`` read by plain ``json.loads`` if the strict reading would give the same value,
    else ``_UNSURE``.  Plain and strict readings differ only where the strict one refuses:
    a key twice in one object (plain keeps the last), NaN or Infinity, a number of too many
    digits or too large an exponent, nesting past MAX_JSON_DEPTH.  The value read shows
    none of them when it holds no float, no int of more than MAX_NUMBER_DIGITS digits, and
    nests within the limit; and a key was given twice exactly when the text has more colons
    than the value has keys and colons inside its texts (every key is followed by one; a
    colon written as an escape, ``\\u003a``, is not counted, so such a text is read
    strictly, as is a text of bytes in UTF-16 or UTF-32).  A text that fails to read is read
    strictly too, for its error."""
    if isinstance(text, str):
        escaped: tuple[Any, ...] = ("\\u003a", "\\u003A")
    elif json.detect_encoding(text) == "utf-8":  # a colon is then one byte, and only a colon
        escaped = (b"\\u003a", b"\\u003A")
    else:
        return _UNSURE
    if any(e in text for e in escaped):
        return _UNSURE
    try:
        value = json.loads(text)
    except (ValueError, TypeError, RecursionError):  # JSONDecodeError, bad bytes, too deep
        return _UNSURE
    scan, limit = json_scan(value, count=True), limits.MAX_JSON_DEPTH
    colons = text.count(":") if isinstance(text, str) else text.count(b":")
    if scan.json and scan.plain_numbers and scan.pairs == colons and scan.brackets <= limit:
        return value
    return _UNSURE


# A JSON string literal; what is left once they are removed holds every bracket that nests.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_STRING_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")


def _depth(text: str | bytes | bytearray) -> int:
    """The deepest nesting of brackets outside strings (a count, not a check of balance)."""
    if isinstance(text, str):
        skeleton = _STRING.sub("", text).encode("utf-8", "surrogatepass")
    else:
        skeleton = _STRING_BYTES.sub(b"", bytes(text))
    codes = np.frombuffer(skeleton, dtype=np.uint8)
    steps = np.isin(codes, list(_OPEN)).astype(np.int64) - np.isin(codes, list(_CLOSE))
    return int(np.cumsum(steps).max(initial=0))


def _unreadable(model: str, err: BaseException) -> OcopError:
    """What pydantic let through: an OcopError of a validator as it is; a caller's value that
    fails while being read (its ``__repr__`` raising inside an enum lookup, nesting past the
    interpreter's recursion limit) as InvalidInput naming the model and the failure."""
    if isinstance(err, OcopError):
        return err
    if isinstance(err, RecursionError):
        return InvalidInput(
            f"invalid {model}: a value nested deeper than ocop reads (limit MAX_JSON_DEPTH = "
            f"{limits.MAX_JSON_DEPTH})",
            model=model,
            limit="MAX_JSON_DEPTH",
        )
    return InvalidInput(
        f"invalid {model}: a value could not be read ({type(err).__name__})", model=model
    )


def _invalid(model: str, err: ValidationError) -> OcopError:
    errors = err.errors(include_url=False)
    raised = _raised(errors)
    if raised is not None:
        return raised
    details, summary = _summary(errors, ())
    return InvalidInput(
        f"invalid {model}: {summary}", model=model, errors=details, error_count=len(errors)
    )


def _raised(errors: list[ErrorDetails]) -> OcopError | None:
    """The OcopError a model's own validator raised: it keeps its class and code."""
    for e in errors:
        raised = e.get("ctx", {}).get("error")
        if isinstance(raised, OcopError):
            return raised
    return None


def _summary(
    errors: list[ErrorDetails], where: tuple[Any, ...]
) -> tuple[list[dict[str, str]], str]:
    """pydantic's errors (their places prefixed by ``where``) as details and one line."""
    details = [
        {"loc": ".".join(str(p) for p in (*where, *e["loc"])), "msg": e["msg"], "type": e["type"]}
        for e in errors[: limits.MAX_ERRORS_SHOWN]
    ]
    summary = "; ".join(f"{d['loc'][:80]}: {d['msg']}" if d["loc"] else d["msg"] for d in details)
    more = len(errors) - len(details)
    if more:
        summary += f"; … and {more} more (limit MAX_ERRORS_SHOWN)"
    return details, summary
