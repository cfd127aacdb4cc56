"""The one exception hierarchy of ``ocop``.

Every error the library raises on purpose is an :class:`OcopError`, which is a
:class:`ValueError`, so ``except ValueError`` keeps working for callers who do
not care about the detail.  Each class has a stable machine-readable ``code``
(part of the public API: never renamed) and each instance carries structured
``context`` (what was read, where, what is allowed) beside its message.

>>> from ocop.errors import InvalidInput, OcopError
>>> err = InvalidInput("amount must be an integer", value="1.5", field="amount")
>>> isinstance(err, ValueError), err.code, err.context["field"]
(True, 'invalid_input', 'amount')
>>> str(err)
'amount must be an integer'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# `ocop --help` imports this module: typing (a few ms at start-up) is for the type checker.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

__all__ = [
    "AmbiguousInput",
    "InconsistentData",
    "InvalidInput",
    "NotEncoded",
    "NotFound",
    "OcopError",
    "OcopWarning",
    "RuleNotInForce",
]


class OcopError(ValueError):
    """Root of every error raised by ``ocop``.

    ``code`` is stable across releases; ``context`` holds the values involved
    (JSON-friendly where possible) so that applications can build their own
    messages or localise them.
    """

    code: ClassVar[str] = "ocop_error"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context: Mapping[str, Any] = MappingProxyType(dict(context))

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-friendly mapping: ``{"code", "message", "context"}``."""
        return {
            "code": self.code,
            "message": self.message,
            "context": {k: _jsonable(v) for k, v in self.context.items()},
        }


class InvalidInput(OcopError):
    """A value handed in is malformed, out of range or of the wrong type."""

    code: ClassVar[str] = "invalid_input"


class AmbiguousInput(OcopError):
    """A value could be read in more than one way; ``context["readings"]`` lists them."""

    code: ClassVar[str] = "ambiguous_input"


class NotFound(OcopError):
    """A code or name (criterion, product set, province, plan …) does not exist."""

    code: ClassVar[str] = "not_found"


class RuleNotInForce(OcopError):
    """No encoded rule applies on the date asked (before the first, or in a gap)."""

    code: ClassVar[str] = "rule_not_in_force"


class NotEncoded(OcopError):
    """The law exists but the library does not (yet) hold it; says what is missing."""

    code: ClassVar[str] = "not_encoded"


class InconsistentData(OcopError):
    """Data contradicts itself (parts do not sum to the whole, duplicates …)."""

    code: ClassVar[str] = "inconsistent_data"


class OcopWarning(UserWarning):
    """Warnings from ``ocop`` (e.g. a result that rests on a weak legal source)."""


def _jsonable(value: Any, depth: int = 0) -> Any:
    # Context values come from callers' input: bounded in depth, huge ints and
    # raising __repr__/__str__ shown safely, so that to_dict() itself never fails.
    from ocop.text import show  # ocop.text imports this module

    if value is None or isinstance(value, bool | float | str):
        return value if not isinstance(value, str) or len(value) <= 10_000 else show(value)
    if isinstance(value, int):
        return value if value.bit_length() <= 4000 else show(value)
    if depth >= 8:
        return show(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v, depth + 1) for v in value[:100]]
    if isinstance(value, Mapping):
        return {_text(k): _jsonable(v, depth + 1) for k, v in list(value.items())[:100]}
    return _text(value)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:  # a caller's object whose __str__ raises
        from ocop.text import show

        return show(value)
