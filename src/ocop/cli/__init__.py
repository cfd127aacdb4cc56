"""The ``ocop`` command: thin wrappers that parse arguments, call the library, print.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
``(args) -> int``.  Exit status: 0 when the command ran, 2 for bad input (an
:class:`~ocop.errors.OcopError`, printed on stderr with its code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ocop import __version__
from ocop.errors import OcopError

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
)

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
