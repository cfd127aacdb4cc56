"""The ``ocop`` command: thin wrappers that parse arguments, call the library, print.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
``(args) -> int``.  Exit status: 0 when the command ran, 2 for bad input (an
:class:`~ocop.errors.OcopError`, printed on stderr with its code).

``--format json`` prints a document built from the module's ``DOCUMENT``
class (an attrs class, or a union of them) by :mod:`ocop.serialize`;
:func:`json_schema` is the JSON Schema of that document.

>>> schema = json_schema("plans")
>>> schema["allOf"][0], sorted(schema["$defs"])
({'$ref': '#/$defs/PlanList'}, ['PlanList', 'PlanRow'])
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from ocop import __version__
from ocop.errors import NotFound, OcopError

# Order here is the order in `ocop --help`.
_COMMAND_MODULES = ("check", "plans", "rules", "sheets", "score", "certificate", "audit", "codes")

#: The sub-commands, in the order of `ocop --help`.
COMMANDS = _COMMAND_MODULES

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocop",
        description="Rules of Vietnam's OCOP programme, with citations.",
    )
    parser.add_argument("--version", action="version", version=f"ocop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"ocop.cli.{name}").register(subparsers)
    return parser


def json_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of what ``ocop COMMAND --format json`` prints."""
    if command not in _COMMAND_MODULES:
        raise NotFound(f"no command {command!r}; commands: {', '.join(_COMMAND_MODULES)}")
    from ocop.serialize import document_schema  # only here: `ocop --help` stays light

    module = importlib.import_module(f"ocop.cli.{command}")
    return document_schema(module.DOCUMENT)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except OcopError as err:
        print(f"ocop: error [{err.code}]: {err.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader left (`ocop check | head`): silence the flush at exit, as `head` expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
