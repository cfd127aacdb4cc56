"""The public surface as ``ocop._surface`` declares it, as targets to call.

Nothing here is listed by hand, and nothing walks the package a second time:
the names are ``ocop._surface.public_names()``, the list pinned in
tests/public_api.txt.  A new function, class, method or input model is fuzzed
as soon as a module exports it (tests/fuzz/test_fuzz.py checks that each is
fuzzed or excluded in tests/fuzz/exclusions.py, with a reason).
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
from collections.abc import Callable
from typing import Any

import attrs

from ocop._surface import public_names
from ocop.errors import OcopError
from ocop.inputs import InputModel

# The CLI is fuzzed through ocop.cli.main(argv), its one entry point (tests/fuzz/cli.py).
_NOT_CALLED = "ocop.cli"


@attrs.frozen
class Target:
    """One callable: ``name`` is stable (module.qualname[.method]); ``owner`` the class, if any."""

    name: str
    func: Callable[..., Any]
    owner: type | None = None
    kind: str = "function"  # function | constructor | classmethod | method | validate | json


def exports() -> list[tuple[str, Any]]:
    """(``module.name``, the object) for every public name outside the CLI."""
    found = []
    for qualified in public_names():
        module, _, name = qualified.rpartition(".")
        if module == _NOT_CALLED or module.startswith(f"{_NOT_CALLED}."):
            continue
        found.append((qualified, getattr(importlib.import_module(module), name)))
    return found


@functools.cache
def targets() -> tuple[Target, ...]:
    seen: dict[str, Target] = {}
    for _, obj in exports():
        if inspect.isfunction(obj) or inspect.isbuiltin(obj):
            _add(seen, Target(_qualified(obj), obj))
        elif inspect.isclass(obj) and obj.__module__.startswith("ocop"):
            for target in _class_targets(obj):
                _add(seen, target)
    return tuple(sorted(seen.values(), key=lambda t: t.name))


def _add(seen: dict[str, Target], target: Target) -> None:
    seen.setdefault(target.name, target)


def _qualified(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def _class_targets(cls: type) -> list[Target]:
    base = _qualified(cls)
    found = [Target(base, cls, cls, "constructor")]
    if issubclass(cls, InputModel):
        found.append(Target(f"{base}.model_validate", cls.model_validate, cls, "validate"))
        found.append(Target(f"{base}.model_validate_json", cls.model_validate_json, cls, "json"))
    for name, member in vars(cls).items():
        if name.startswith("_") or name == "model_post_init":  # pydantic's hook, not ocop's API
            continue
        if isinstance(member, classmethod | staticmethod):
            found.append(Target(f"{base}.{name}", getattr(cls, name), cls, "classmethod"))
        elif inspect.isfunction(member):
            found.append(Target(f"{base}.{name}", member, cls, "method"))
    return found


def rule_excluded(target: Target) -> str | None:
    """A reason when a whole kind of target is not fuzzed, or None."""
    cls = target.owner
    if cls is None or target.kind != "constructor":
        return None
    if issubclass(cls, enum.Enum):
        return (
            "Enum(value) is Python's own lookup (ValueError); ocop's functions read enum "
            "arguments through ocop.arguments.choice, which is fuzzed"
        )
    if issubclass(cls, OcopError | Warning):
        return "an exception class: constructing one returns it"
    return None
