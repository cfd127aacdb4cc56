"""ocop: Vietnam's OCOP programme (Chương trình mỗi xã một sản phẩm) as cited Python.

Importing ``ocop`` is cheap: it loads no data file and imports no submodule
beyond :mod:`ocop.errors`.  Submodules (``ocop.law``, ``ocop.money``,
``ocop.admin``, ``ocop.taxonomy``, ``ocop.criteria`` …) load on first use,
either by ``import ocop.law`` or by attribute access (``ocop.law``).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ocop.errors import (
    AmbiguousInput,
    InconsistentData,
    InvalidInput,
    NotEncoded,
    NotFound,
    OcopError,
    OcopWarning,
    RuleNotInForce,
)

__version__ = "0.1.0"

_SUBMODULES = frozenset(
    {
        "admin",
        "audit",
        "budget",
        "certificates",
        "cli",
        "codes",
        "criteria",
        "dates",
        "decisions",
        "display",
        "inputs",
        "law",
        "findings",
        "money",
        "plans",
        "plot",
        "stars",
        "tabular",
        "strategies",
        "taxonomy",
        "testing",
        "text",
    }
)

__all__ = [
    "AmbiguousInput",
    "InconsistentData",
    "InvalidInput",
    "NotEncoded",
    "NotFound",
    "OcopError",
    "OcopWarning",
    "RuleNotInForce",
    "__version__",
]


def __getattr__(name: str) -> ModuleType:
    # Lazy submodules keep `import ocop` free of numpy/pydantic/data loading.
    if name in _SUBMODULES:
        return importlib.import_module(f"ocop.{name}")
    raise AttributeError(f"module 'ocop' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])
