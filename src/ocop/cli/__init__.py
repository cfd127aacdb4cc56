"""The ``ocop`` command: thin wrappers that parse arguments, call the library, print.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
``(args) -> int``.  Exit status: 0 when the command ran, 2 for any failure,
printed as one line ``ocop: error [code]: …`` on stderr and never as a
traceback: an :class:`~ocop.errors.OcopError` with its own code, a usage error
or an unreadable file as ``invalid_input``, and anything else (a bug in
``ocop``) as ``internal_error`` asking for a report
(docs/decisions/reliability.md).  Text the terminal's encoding cannot show is
written with backslash escapes.

``--format json`` prints a document built from the module's ``DOCUMENT``
class (an attrs class, or a union of them) by :mod:`ocop.serialize`;
:func:`json_schema` is the JSON Schema of that document.

>>> schema = json_schema("plans")
>>> schema["allOf"][0], sorted(schema["$defs"])
({'$ref': '#/$defs/PlanList'}, ['PlanList', 'PlanRow'])
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ocop import __version__
from ocop.errors import InvalidInput, NotFound, OcopError

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_OK", "build_parser", "json_schema", "main"]


# Order here is the order in `ocop --help`.
_COMMAND_MODULES = (
    "check",
    "schema",
    "plans",
    "rules",
    "sheets",
    "score",
    "certificate",
    "audit",
    "codes",
    "decisions",
)

#: The sub-commands, in the order of `ocop --help`.
COMMANDS = _COMMAND_MODULES

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: The code printed for an exception ocop did not mean to raise: a bug to report.
INTERNAL_ERROR = "internal_error"


class _Parser(argparse.ArgumentParser):
    """argparse that raises usage errors instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise InvalidInput(f"{message} (see '{self.prog} --help')", usage=self.prog)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ocop",
        description="Rules of Vietnam's OCOP programme, with citations.",
    )
    parser.add_argument("--version", action="version", version=f"ocop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (*_COMMAND_MODULES, "serve"):  # serve prints no document: not in COMMANDS
        importlib.import_module(f"ocop.cli.{name}").register(subparsers)
    return parser


def json_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of what ``ocop COMMAND --format json`` prints."""
    if command not in _COMMAND_MODULES:
        raise NotFound(f"no command {command!r}; commands: {', '.join(_COMMAND_MODULES)}")
    from ocop.serialize import document_schema  # only here: `ocop --help` stays light

    module = importlib.import_module(f"ocop.cli.{command}")
    fixed: dict[str, Any] | None = getattr(module, "DOCUMENT_SCHEMA", None)
    return dict(fixed) if fixed is not None else document_schema(module.DOCUMENT)


def main(argv: Sequence[str] | None = None) -> int:
    _escape_unencodable()
    try:
        args = build_parser().parse_args(argv)
        status: int = args.func(args)
    except OcopError as err:
        return _fail(err.code, err.message)
    except BrokenPipeError:
        # The reader left (`ocop check | head`): silence the flush at exit, as `head` expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # a file the command was given, refused by the system
        return _fail(InvalidInput.code, f"{err.strerror or type(err).__name__}")
    except (Exception, RecursionError, MemoryError) as err:
        return _fail(
            INTERNAL_ERROR,
            f"{type(err).__name__} inside ocop {__version__}; this is a bug, please report it"
            " with the command that caused it",
        )
    return status


def _fail(code: str, message: str) -> int:
    line = " ".join(message.split())  # one line, whatever the message held
    print(f"ocop: error [{code}]: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _escape_unencodable() -> None:
    # PYTHONIOENCODING=ascii or a legacy console: escape what the encoding lacks, never crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A stream already written in a mode that forbids it keeps its setting.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
