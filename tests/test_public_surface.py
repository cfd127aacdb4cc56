"""The public surface is declared: every public module has ``__all__``, and the names are pinned."""

from __future__ import annotations

from pathlib import Path

from ocop._surface import public_modules, public_names

PINNED = Path(__file__).with_name("public_api.txt")
REGENERATE = "python -m ocop._surface > tests/public_api.txt"


def test_every_public_module_declares_all() -> None:
    missing = [m.__name__ for m in public_modules() if not hasattr(m, "__all__")]
    assert missing == [], (
        f"{missing}: declare __all__ (the names users may import), or underscore the module "
        "if it is internal"
    )


def test_every_exported_name_exists() -> None:
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            assert hasattr(module, name), f"{module.__name__}.__all__ lists {name!r}, not defined"


def test_the_public_names_are_the_pinned_ones() -> None:
    pinned = PINNED.read_text(encoding="utf-8").split()
    found = list(public_names())
    added = sorted(set(found) - set(pinned))
    removed = sorted(set(pinned) - set(found))
    assert not added and not removed, (
        f"the public API changed: added {added}, removed {removed}. If that is deliberate, "
        f"run `{REGENERATE}` and say so in CHANGELOG.md; otherwise underscore the new name or "
        "leave it out of its module's __all__."
    )
    assert found == pinned  # sorted and without duplicates
