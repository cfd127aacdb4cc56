"""``ocop serve``: answer the library's jobs over HTTP (extra ``ocop[serve]``; docs/serve.md).

    ocop serve [--host HOST] [--port N] [--time-limit SECONDS]

It prints no document of its own, so it is not in :data:`ocop.cli.COMMANDS`
(the commands with a JSON output): ``GET /openapi.json`` describes what it answers.
"""

from __future__ import annotations

import argparse

from ocop.arguments import integer
from ocop.errors import InvalidInput

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="answer the rules over HTTP, described by /openapi.json (needs ocop[serve])",
        description="Serve the versioned HTTP API (/v1/…) and its OpenAPI description.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    parser.add_argument("--port", default="8000", help="TCP port (default: %(default)s)")
    parser.add_argument(
        "--time-limit", default="30", metavar="SECONDS", help="per request (default: 30)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ocop.serve import run as serve  # only here: every other command stays free of it

    port = integer(_whole(args.port, "--port"), "--port", low=1, high=65535)
    limit = integer(_whole(args.time_limit, "--time-limit"), "--time-limit", low=1, high=3600)
    serve(host=args.host, port=port, time_limit=float(limit))
    return 0


def _whole(text: str, name: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise InvalidInput(f"{name} must be a whole number, got {text!r}", field=name)
    return int(text)
