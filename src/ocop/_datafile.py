"""Typed readers for the packaged JSON rule tables: every flaw names the record and field.

Each reader takes the parsed object, the key and ``where`` (the record, e.g.
``"instruments[3]"``) and raises :class:`~ocop.errors.InconsistentData` on
anything unexpected, so that a broken data file fails loudly on load instead
of yielding a wrong rule.  Enums are named in the files by their Python name
(``"QD26_2026"``, ``"NEWS"``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from ocop.errors import InconsistentData
from ocop.text import nfc, show

if TYPE_CHECKING:
    from ocop.law import Citation

E = TypeVar("E", bound=StrEnum)


def load(*path: str, package: str = "ocop.data") -> Any:
    """Parse a packaged JSON file (``load("law.json")``, ``load("admin", "provinces.json")``).

    Callers cache the tables they build from it, so each file is read once, on
    first use, never at import.
    """
    where = "/".join(path)
    try:
        text = resources.files(package).joinpath(*path).read_text(encoding="utf-8")
        return json.loads(text)
    except (OSError, ValueError) as err:
        raise InconsistentData(f"{package}/{where} cannot be read: {err}") from None


def source(top: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """The ``source`` header every rule table carries: instrument, where and when read."""
    header = mapping(top.get("source"), f"{where}: source")
    for key in ("instrument", "where", "read_on"):
        text(header, key, f"{where}: source")
    return header


def keys(obj: Mapping[str, Any], expected: set[str], where: str) -> None:
    if set(obj) != expected:
        extra, missing = sorted(set(obj) - expected), sorted(expected - set(obj))
        raise InconsistentData(f"{where}: unknown fields {extra}, missing fields {missing}")


def mapping(raw: object, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise InconsistentData(f"{where}: expected an object")
    return raw


def items(obj: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise InconsistentData(f"{where}: {key} must be a list")
    return value


def text(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InconsistentData(f"{where}: {key} must be a non-empty string")
    if nfc(value) != value:
        raise InconsistentData(f"{where}: {key} is not in Unicode NFC")
    return value


def opt_text(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    return None if obj.get(key) is None else text(obj, key, where)


def texts(
    obj: Mapping[str, Any], key: str, where: str, *, required: bool = False
) -> tuple[str, ...]:
    values = tuple(text({key: v}, key, where) for v in items(obj, key, where))
    if required and not values:
        raise InconsistentData(f"{where}: {key} must not be empty")
    return values


def day(obj: Mapping[str, Any], key: str, where: str) -> date:
    value = text(obj, key, where)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InconsistentData(f"{where}: {key} {show(value)} is not a YYYY-MM-DD date") from None


def opt_day(obj: Mapping[str, Any], key: str, where: str) -> date | None:
    return None if obj.get(key) is None else day(obj, key, where)


def enum(cls: type[E], obj: Mapping[str, Any], key: str, where: str) -> E:
    value = text(obj, key, where)
    members = {m.name: m for m in cls}
    if value not in members:
        raise InconsistentData(f"{where}: {key} {show(value)} is not one of {sorted(members)}")
    return members[value]


def opt_enum(cls: type[E], obj: Mapping[str, Any], key: str, where: str) -> E | None:
    return None if obj.get(key) is None else enum(cls, obj, key, where)


def citation(raw: object, where: str) -> Citation:
    from ocop.law import Citation  # law loads its own data with these readers

    obj = mapping(raw, where)
    allowed = {"instrument", "dieu", "khoan", "diem", "phu_luc", "mau", "detail"}
    if extra := set(obj) - allowed:
        raise InconsistentData(f"{where}: unknown citation fields {sorted(extra)}")
    numbers: dict[str, int | None] = {}
    for key in ("dieu", "khoan"):
        value = obj.get(key)
        if value is not None and (type(value) is not int or value <= 0):
            raise InconsistentData(f"{where}: {key} must be a positive integer")
        numbers[key] = value
    return Citation(
        text(obj, "instrument", where),
        dieu=numbers["dieu"],
        khoan=numbers["khoan"],
        diem=opt_text(obj, "diem", where),
        phu_luc=opt_text(obj, "phu_luc", where),
        mau=opt_text(obj, "mau", where),
        detail=opt_text(obj, "detail", where),
    )
