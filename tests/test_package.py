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
