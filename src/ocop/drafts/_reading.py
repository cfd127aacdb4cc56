"""Read a draft's text: JSON, or YAML with the optional extra ``ocop[yaml]`` (PyYAML).

YAML is read with ``safe_load`` (no Python objects); its node tree also gives the
line of every field, so that an error can name the line a lawyer wrote.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ocop.errors import InvalidInput
from ocop.inputs import loads_strict
from ocop.limits import MAX_COLLECTION, MAX_INPUT_BYTES, MAX_JSON_DEPTH
from ocop.text import show

__all__ = ["Text", "folder", "parse", "read"]

#: (the text, where it came from, its folder or None, whether it is YAML)
Text = tuple[str, str, Path | None, bool]

YAML_SUFFIXES = (".yaml", ".yml")


def _is_text(source: object) -> bool:
    return isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{"))


def folder(source: object) -> Path | None:
    """``source`` as a folder (a whole regulation), if it names one."""
    if _is_text(source) or not isinstance(source, str | Path):
        return None
    try:
        return Path(source) if Path(source).is_dir() else None
    except (OSError, ValueError):
        return None  # read() reports the path that cannot be read


def read(source: object) -> Text:
    """A path (``Path``, or a ``str`` of one line naming a file) or the text itself."""
    if _is_text(source):
        assert isinstance(source, str)
        text, where, folder = source, "<text>", None
        yaml = not source.lstrip().startswith("{")
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            info = path.stat()
        except (OSError, ValueError) as err:  # ValueError: a NUL in the path
            raise InvalidInput(
                f"draft {show(str(path))} cannot be read: {getattr(err, 'strerror', None) or err}",
                value=show(str(path)),
            ) from None
        if not stat.S_ISREG(info.st_mode):  # a device never ends; a FIFO blocks
            raise InvalidInput(
                f"draft {show(str(path))} cannot be read: not a regular file", value=show(str(path))
            )
        size = info.st_size
        if size > MAX_INPUT_BYTES:
            raise InvalidInput(
                f"draft {path} is {size} bytes, more than {MAX_INPUT_BYTES}",
                value=str(path),
                limit="MAX_INPUT_BYTES",
            )
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InvalidInput(f"draft {path} cannot be read: {err}", value=str(path)) from None
        where, folder, yaml = str(path), path.parent, path.suffix.lower() in YAML_SUFFIXES
    else:
        raise InvalidInput(
            f"a draft is a file path or its text, got {show(source)}", value=show(source)
        )
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise InvalidInput(
            f"draft {where} is more than {MAX_INPUT_BYTES} bytes",
            value=where,
            limit="MAX_INPUT_BYTES",
        )
    return text, where, folder, yaml


def parse(text: str, where: str, yaml: bool) -> tuple[object, Mapping[str, int]]:
    """The data, and the line (1-based) of each field by its dotted path (YAML only)."""
    if not yaml:
        return loads_strict(text, what=where), {}
    try:
        import yaml as pyyaml
    except ImportError:
        raise InvalidInput(
            f"{where}: reading YAML needs the optional extra: pip install 'ocop[yaml]' "
            "(or write the draft as JSON)",
            file=where,
        ) from None
    try:
        node = pyyaml.compose(text, Loader=pyyaml.SafeLoader)
        lines: dict[str, int] = {}
        _lines(node, "", lines, 0, where)
        data = pyyaml.safe_load(text)
    except RecursionError:
        raise InvalidInput(
            f"{where}: nested deeper than {MAX_JSON_DEPTH} (limit MAX_JSON_DEPTH)",
            file=where,
            limit="MAX_JSON_DEPTH",
        ) from None
    except InvalidInput:
        raise  # a ValueError too: the limits of _lines above
    except ValueError as err:  # a constructor's refusal: int() of more than 4,300 digits
        raise InvalidInput(
            f"{where}: not valid YAML: {' '.join(str(err).split())[:200]}", file=where
        ) from None
    except pyyaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise InvalidInput(
            f"{where}{'' if line is None else f':{line}'}: not valid YAML: "
            f"{getattr(err, 'problem', None) or err}",
            file=where,
            line=line,
        ) from None
    return _plain(data, where), lines


def _lines(node: Any, path: str, out: dict[str, int], depth: int, where: str) -> None:
    # Also bounds the data: aliases make a small text a huge tree, and it is walked once here.
    if node is None:
        return
    if depth > MAX_JSON_DEPTH or len(out) >= MAX_COLLECTION:
        limit = "MAX_JSON_DEPTH" if depth > MAX_JSON_DEPTH else "MAX_COLLECTION"
        raise InvalidInput(f"{where}: the draft is too large ({limit})", file=where, limit=limit)
    out[path] = node.start_mark.line + 1
    if node.id == "mapping":
        for key, value in node.value:
            name = f"{path}.{key.value}" if path else str(key.value)
            _lines(value, name, out, depth + 1, where)
            out[name] = min(out.get(name, key.start_mark.line + 1), key.start_mark.line + 1)
    elif node.id == "sequence":
        for i, item in enumerate(node.value):
            _lines(item, f"{path}.{i}" if path else str(i), out, depth + 1, where)


def _plain(data: object, where: str) -> object:
    # YAML reads dates and non-string keys JSON has no word for: refuse them by name,
    # as the regulation files are JSON data (a date is written "2026-07-01").
    if isinstance(data, dict):
        for key in data:
            if not isinstance(key, str):
                raise InvalidInput(
                    f"{where}: the key {show(key)} is not text; quote it", file=where
                )
        return {k: _plain(v, where) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v, where) for v in data]
    if data is None or isinstance(data, str | int | float | bool):
        return data
    return str(data)  # a YAML date or timestamp, as its ISO text
