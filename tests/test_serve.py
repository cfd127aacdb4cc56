"""`ocop serve` as a client sees it: the real server in a subprocess, over HTTP.

The server is started once for this module on a free port of 127.0.0.1;
Schemathesis then generates requests from the OpenAPI description the server
publishes and checks every answer against it (no 5xx, each body matching its
schema), on a short derandomized profile.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from schemathesis.checks import positive_data_acceptance

import ocop
from ocop.serialize import SCHEMA_VERSION
from ocop.serve import openapi
from tests.test_criteria import CARD_7

CARD = {"regulation": "26/2026/QĐ-TTg", "product_set": "I.3.c", "choices": CARD_7}
EXAMPLES = 15  # per operation: a short profile, well under a minute in all
STARTUP_TRIES = 100  # × 0.1 s: the server answers within 10 s or the test fails


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ocop", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(STARTUP_TRIES):
            try:
                httpx.get(f"{url}/openapi.json", timeout=1.0)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    pytest.fail(f"ocop serve exited: {server.stderr.read().decode()}")  # type: ignore[union-attr]
                time.sleep(0.1)
        else:
            pytest.fail("ocop serve did not answer within 10 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def test_openapi_is_the_generated_description(base_url: str) -> None:
    answer = httpx.get(f"{base_url}/openapi.json")
    assert answer.status_code == 200
    assert answer.json() == json.loads(json.dumps(openapi()))
    assert "/v1/score" in answer.json()["paths"]


def test_score_answers_what_ocop_score_prints(base_url: str, tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    path.write_text(json.dumps(CARD, ensure_ascii=False), encoding="utf-8")
    printed = subprocess.run(
        [sys.executable, "-m", "ocop", "score", str(path), "--format", "json"],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
    )
    expected = json.loads(printed.stdout)
    answer = httpx.post(f"{base_url}/v1/score", content=path.read_bytes())
    assert answer.status_code == 200
    found = answer.json()
    assert (found["total"], found["star"]) == (expected["total"], expected["star"]) == (56, 3)
    assert found == expected  # the same document, schema_version first


def test_council_answers_the_average(base_url: str) -> None:
    cards = [CARD | {"evaluator": "a"}, CARD | {"evaluator": "b"}]
    found = httpx.post(f"{base_url}/v1/council", json=cards).json()
    assert found["schema_version"] == SCHEMA_VERSION and found["total"] == 56
    assert found["ocop_version"] == ocop.__version__
    # A council with one card that does not fit its sheet is refused at the edge.
    bad = [*cards, CARD | {"choices": CARD_7 | {"1.1": 7}}]
    answer = httpx.post(f"{base_url}/v1/council", json=bad)
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_input")
    assert "option 7 does not exist" in answer.json()["message"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{bad", 400, "invalid_input"),
        (b"", 400, "invalid_input"),
        (b"[]", 400, "invalid_input"),
        (json.dumps(CARD | {"choices": CARD_7 | {"99": 0}}).encode(), 404, "not_found"),
        # Refused when the card is built, before any scoring (docs/decisions/scorecards.md).
        (json.dumps(CARD | {"choices": CARD_7 | {"1.1": 7}}).encode(), 400, "invalid_input"),
        (json.dumps(CARD | {"product_set": "IX.9.z"}).encode(), 404, "not_found"),
        (json.dumps(CARD | {"extra": 1}).encode(), 400, "invalid_input"),
    ],
)
def test_bad_bodies_get_a_4xx_json_error(
    base_url: str, body: bytes, status: int, code: str
) -> None:
    answer = httpx.post(f"{base_url}/v1/score", content=body)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert set(answer.json()) == {"schema_version", "ocop_version", "code", "message", "context"}
    assert answer.json()["ocop_version"] == ocop.__version__


def test_errors_speak_the_clients_language(base_url: str) -> None:
    vi = httpx.get(f"{base_url}/v1/nowhere", headers={"Accept-Language": "vi-VN, en;q=0.5"})
    en = httpx.get(f"{base_url}/v1/nowhere", headers={"Accept-Language": "en, vi;q=0.5"})
    assert (vi.status_code, en.status_code) == (404, 404)
    assert vi.json()["message"].startswith("không có đường dẫn")
    assert en.json()["message"].startswith("no such path")
    assert vi.headers["content-language"] == "vi"


def test_the_law_out_of_range_is_422_and_unknown_plans_404(base_url: str) -> None:
    early = httpx.get(f"{base_url}/v1/rules", params={"on": "1990-01-01"})
    assert (early.status_code, early.json()["code"]) == (422, "rule_not_in_force")
    missing = httpx.get(f"{base_url}/v1/plans/no-such-plan/check")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    typo = httpx.get(f"{base_url}/v1/plans", params={"onn": "2026-01-01"})
    assert (typo.status_code, typo.json()["code"]) == (400, "unknown_parameter")


def test_a_body_over_the_limit_is_refused(base_url: str) -> None:
    from ocop import limits

    big = b" " * (limits.MAX_INPUT_BYTES + 1)
    answer = httpx.post(f"{base_url}/v1/score", content=big, timeout=60)
    assert (answer.status_code, answer.json()["code"]) == (413, "input_too_large")


def test_every_answer_schema_is_a_valid_json_schema() -> None:
    spec = openapi()
    for schema in spec["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)  # raises SchemaError on an invalid one
    refs = json.dumps(spec)
    assert "#/$defs/" not in refs  # every reference points into components


def test_plan_check_matches_ocop_check(base_url: str) -> None:
    found = httpx.get(f"{base_url}/v1/plans/kon-tum-908-2023/check", params={"on": "2026-06-01"})
    printed = subprocess.run(
        [sys.executable, "-m", "ocop", "check", "--on", "2026-06-01", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert found.status_code == 200 and found.json() == json.loads(printed.stdout)


OPERATIONS = [(path, method) for path, ops in openapi()["paths"].items() for method in ops]


@pytest.fixture(scope="module")
def api_schema(base_url: str) -> Any:
    return schemathesis.openapi.from_url(f"{base_url}/openapi.json")


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_api_from_its_own_description(api_schema: Any, path: str, method: str) -> None:
    # Every check Schemathesis runs by default (no 5xx, documented status codes and content
    # types, bodies matching their schemas, invalid input refused) but positive data
    # acceptance: a schema-valid request may still ask for law ocop does not hold (a date
    # before 2019, a product set another regulation has), and that is rightly a 4xx.
    @given(case=api_schema[path][method].as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        case.call_and_validate(timeout=60, excluded_checks=[positive_data_acceptance])

    call()


def test_query_choices_reach_the_library_with_their_defaults() -> None:
    # In process: each enum query value is read by one helper, and a value left out is the
    # library's documented default, so the answer is the CLI's document for the same values.
    from datetime import date

    from ocop.certificates import Certificate, ExpiryRule, ExtensionReading
    from ocop.cli import certificate as certificate_command
    from ocop.errors import InvalidInput
    from ocop.serve.routes import ENDPOINTS, Call

    (status,) = [e for e in ENDPOINTS if e.path == "/v1/certificates/status"]
    body = b'{"star": 4, "issued_on": "2023-06-06"}'  # ends on Saturday 6/6/2026
    cert = Certificate.model_validate_json(body)
    on = date(2026, 6, 7)
    for rule in ExpiryRule:
        for reading in ExtensionReading:
            query = {"on": (on.isoformat(),), "expiry_rule": (rule.value,)}
            found = status.handler(Call(query=query | {"reading": (reading.value,)}, body=body))
            assert found == certificate_command.document(cert, on, rule=rule, reading=reading)
    default = status.handler(Call(query={"on": (on.isoformat(),)}, body=body))
    moved = status.handler(
        Call(
            query={"on": ("2026-06-07",), "expiry_rule": ("civil_code_next_working_day",)},
            body=body,
        )
    )
    assert (default.status, moved.status) == ("expired", "valid")  # the choice is honoured
    assert default == certificate_command.document(
        cert, on, rule=ExpiryRule.CIVIL_CODE, reading=ExtensionReading.TRANSITIONAL
    )
    for bad in ({"reading": ("nowhere",)}, {"expiry_rule": ("civil_code", "civil_code")}):
        with pytest.raises(InvalidInput):
            status.handler(Call(query=bad, body=body))
