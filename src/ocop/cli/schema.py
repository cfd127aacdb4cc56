"""``ocop schema KIND``: the JSON Schema of a document a user writes by hand.

    ocop schema plan|report|budget|scorecard|certificate

``plan`` is :class:`ocop.plans.Plan`; ``report`` a document of reports and
budgets in sections (:class:`ocop.reports.Document`); ``budget`` a plan's
budget, its tables and prose claims (:class:`ocop.budget.Budget`);
``scorecard`` and ``certificate`` what ``ocop score`` and the certificate
functions read.  Examples of each: docs/documents.md.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Final

from ocop.cli._common import print_json
from ocop.serialize import header_schema

__all__ = ["DOCUMENT_SCHEMA", "MODELS", "register", "run"]

#: Kind → the input model (module, class) whose schema is printed.
MODELS: Final = {
    "plan": ("ocop.plans", "Plan"),
    "report": ("ocop.reports", "Document"),
    "budget": ("ocop.budget", "Budget"),
    "scorecard": ("ocop.criteria", "Scorecard"),
    "certificate": ("ocop.certificates", "Certificate"),
}


#: What ``ocop schema`` prints is itself a JSON Schema (of an input model), with the
#: ``schema_version`` and ``ocop_version`` every printed document carries (annotations JSON
#: Schema ignores).
DOCUMENT_SCHEMA: Final = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **header_schema(),
    "description": "the JSON Schema (2020-12) of the input model named on the command line",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of an input document (plan, report, budget, …)",
        description="Print the JSON Schema of a document you write by hand (docs/documents.md).",
    )
    parser.add_argument("kind", choices=tuple(MODELS), help="which document")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    module, name = MODELS[args.kind]
    model = getattr(importlib.import_module(module), name)
    print_json(model.model_json_schema())
    return 0
