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

from ocop import __version__
from ocop.errors import InvalidInput, NotFound, OcopError

# `ocop --help` must start fast: typing (a few ms) is for the type checker only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, NoReturn

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_OK", "build_parser", "json_schema", "main"]


class _Command:
    """A sub-command: its module, its line in ``ocop --help``, and whether it prints a
    document (and so has a JSON Schema and is in :data:`COMMANDS`)."""

    __slots__ = ("document", "help", "module")

    def __init__(self, module: str, help: str, *, document: bool = True) -> None:
        self.module, self.help, self.document = module, help, document


# One line a command, in the order of `ocop --help`.  A command's module is imported only
# when the command runs (or by build_parser()); `ocop --help` reads this table alone.
# tests/test_cli_registry.py checks each help text against the one its module registers.
_TABLE: Final = {
    "check": _Command(
        "ocop.cli.check",
        "check a plan, report or budget: what contradicts itself, what cannot be decided",
    ),
    "schema": _Command(
        "ocop.cli.schema",
        "print the JSON Schema of an input document (plan, report, budget, …)",
    ),
    "plans": _Command("ocop.cli.plans", "list the catalogued OCOP plans"),
    "rules": _Command(
        "ocop.cli.rules", "instruments and regime in force on a date, with citations"
    ),
    "sheets": _Command(
        "ocop.cli.sheets", "list the product sets' scoresheets, or show one sheet's criteria"
    ),
    "score": _Command(
        "ocop.cli.score", "score a scorecard (or a list of evaluators' cards for one product)"
    ),
    "certificate": _Command(
        "ocop.cli.certificate",
        "expiry, renewal window, status and competent authority of a certificate",
    ),
    "audit": _Command(
        "ocop.cli.audit",
        "check the law itself: bands, star marks, maxima, version changes, certificates",
    ),
    "codes": _Command("ocop.cli.codes", "list the finding codes, their severities and value kinds"),
    "read": _Command(
        "ocop.cli.read",
        "read the figures of a plan or report (.txt, .md, .docx, .xlsx, .csv), each with its place",
        document=False,  # it prints the input document of `ocop check`, not a result
    ),
    "compare": _Command(
        "ocop.cli.compare",
        "what a draft regulation changes: differences, cards that change star, portfolio",
    ),
    "test": _Command(
        "ocop.cli.test",
        "run test cases written in YAML or JSON (default: the shipped 26/2026 cases)",
    ),
    "decisions": _Command(
        "ocop.cli.decisions", "print a decision page (docs/decisions/TOPIC.md), or list them"
    ),
    "serve": _Command(
        "ocop.cli.serve",
        "answer the rules over HTTP, described by /openapi.json (needs ocop[serve])",
        document=False,  # it prints no document
    ),
}

#: The sub-commands that print a document, in the order of `ocop --help`.
COMMANDS = tuple(name for name, command in _TABLE.items() if command.document)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: The code printed for an exception ocop did not mean to raise: a bug to report.
INTERNAL_ERROR = "internal_error"


class _Parser(argparse.ArgumentParser):
    """argparse that raises usage errors instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise InvalidInput(f"{message} (see '{self.prog} --help')", usage=self.prog)


def build_parser() -> argparse.ArgumentParser:
    """The whole parser, every sub-command's module imported."""
    return _parser(set(_TABLE))


def _parser(full: set[str]) -> argparse.ArgumentParser:
    """The parser with the commands in ``full`` registered by their modules, and every
    other command only by name and help line (enough for `ocop --help` and for a usage
    error naming the choices)."""
    parser = _Parser(
        prog="ocop",
        description="Rules of Vietnam's OCOP programme, with citations.",
    )
    parser.add_argument("--version", action="version", version=f"ocop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in _TABLE.items():
        if name in full:
            importlib.import_module(command.module).register(subparsers)
        else:
            subparsers.add_parser(name, help=command.help, add_help=False)
    return parser


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    # Global options take no value, so the first word that is not one names the command.
    named = next((w for w in argv if not isinstance(w, str) or not w.startswith("-")), None)
    return _parser({named} if isinstance(named, str) and named in _TABLE else set())


def json_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of what ``ocop COMMAND --format json`` prints."""
    if command not in COMMANDS:
        raise NotFound(f"no command {command!r}; commands: {', '.join(COMMANDS)}")
    from ocop.serialize import document_schema  # only here: `ocop --help` stays light

    module = importlib.import_module(_TABLE[command].module)
    fixed: dict[str, Any] | None = getattr(module, "DOCUMENT_SCHEMA", None)
    return dict(fixed) if fixed is not None else document_schema(module.DOCUMENT)


def main(argv: Sequence[str] | None = None) -> int:
    _escape_unencodable()
    if argv is None:
        # Run as a program: no pydantic plugin observes ocop's models, so pydantic need not
        # scan every installed distribution's entry points for one (7 ms a start in a venv
        # of 120 packages, more in larger ones; issue 22).  A value the user set is kept.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = _parser_for(words).parse_args(words)
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
