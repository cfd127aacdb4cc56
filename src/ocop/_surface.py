"""The declared public surface: every public module and the names its ``__all__`` exports.

A module is public when no part of its dotted name starts with ``_``; data
packages (named ``data``) and ``python -m ocop`` (``__main__``) hold no API.
Every public module declares ``__all__``, and the names they export, as
``module.name`` lines, are pinned in tests/public_api.txt: an export added or
removed by accident fails ``tests/test_public_surface.py``.  After a deliberate
change, regenerate the list::

    python -m ocop._surface > tests/public_api.txt

The reliability suite enumerates the same lists to fuzz every public callable.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

__all__ = ["public_modules", "public_names"]


def _public(name: str) -> bool:
    parts = name.split(".")
    return not any(p.startswith("_") for p in parts) and "data" not in parts


def public_modules() -> tuple[ModuleType, ...]:
    """Every public module of ``ocop``, imported, in name order (``ocop`` first)."""
    import ocop

    names = [i.name for i in pkgutil.walk_packages(ocop.__path__, "ocop.") if _public(i.name)]
    return (ocop, *(importlib.import_module(n) for n in sorted(names)))


def public_names() -> tuple[str, ...]:
    """``module.name`` for every name a public module exports, sorted."""
    return tuple(
        sorted(
            f"{m.__name__}.{name}" for m in public_modules() for name in getattr(m, "__all__", ())
        )
    )


if __name__ == "__main__":
    print("\n".join(public_names()))
