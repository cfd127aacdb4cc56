"""The package itself: cheap import, version, console entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import ocop


def python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_ocop_loads_nothing_heavy() -> None:
    loaded = json.loads(
        python(
            "import sys, json, ocop; "
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.split('.')[0] in {'numpy','pydantic','attrs','hypothesis','dateutil'} "
            "or (m.startswith('ocop.') and m != 'ocop.errors'))))"
        )
    )
    assert loaded == []


def test_submodules_load_lazily_on_attribute_access() -> None:
    assert python("import ocop; print(ocop.text.fold('Chè'))") == "che"


def test_version_matches_metadata() -> None:
    assert ocop.__version__ == version("ocop")


def test_python_dash_m_ocop() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ocop", "--version"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == f"ocop {ocop.__version__}"


def test_every_error_has_a_distinct_stable_code() -> None:
    classes = [
        ocop.OcopError,
        ocop.InvalidInput,
        ocop.AmbiguousInput,
        ocop.NotFound,
        ocop.RuleNotInForce,
        ocop.NotEncoded,
        ocop.InconsistentData,
    ]
    codes = [c.code for c in classes]
    assert len(set(codes)) == len(codes)
    assert all(issubclass(c, ValueError) for c in classes)
    err = ocop.InvalidInput("bad", value=object, where=("a", 1))
    payload = err.to_dict()
    assert payload["code"] == "invalid_input" and payload["message"] == "bad"
    assert payload["context"] == {"value": str(object), "where": ["a", 1]}
    json.dumps(payload)  # JSON-friendly throughout


def test_input_models_are_equal_when_their_fields_are() -> None:
    # Private attributes hold caches (a document's arrays, a portfolio's table): two equal
    # inputs stay equal, with the same hash, whether or not a cache was filled.
    from ocop.plans import Portfolio, catalog

    document = catalog.plan("kon-tum-908-2023").budget.tables[0]  # type: ignore[union-attr]
    again = type(document).model_validate(document.model_dump())
    assert document == again and hash(document) == hash(again)
    assert document != again.model_copy(update={"title": "another"})
    data = {"subjects": [{"id": "s", "entity_type": "cooperative"}], "products": []}
    portfolio, fresh = Portfolio.model_validate(data), Portfolio.model_validate(data)
    portfolio.table()
    assert portfolio == fresh and hash(portfolio) == hash(fresh)
