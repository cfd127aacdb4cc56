"""One serializer, one shape per value, and a schema for every JSON output."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import ocop
from ocop import serialize
from ocop.audit import audit
from ocop.certificates import Certificate, status
from ocop.cli import COMMANDS, json_schema
from ocop.criteria import Scorecard, council_average, score
from ocop.errors import InvalidInput, NotFound
from ocop.findings import Finding, Proven, Severity
from ocop.law import Citation, Regime
from ocop.plans import catalog, check
from ocop.stars import classify
from tests.cli import run
from tests.test_cli_criteria import card7, write
from tests.test_criteria import CARD_7

ROOT = Path(__file__).resolve().parents[1]


def _valid(instance: Any, schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(instance)


def test_one_shape_per_value() -> None:
    cite = Citation("26/2026/QĐ-TTg", dieu=4, khoan=3)
    assert serialize.data(
        {
            "regulation": Regime.QD26_2026,
            "citation": cite,
            "day": date(2026, 6, 1),
            "whole": Fraction(4, 2),
            "half": Fraction(179, 2),
            "third": Fraction(100, 3),
            "decimal": Decimal("2.50"),
            "amount": 134_750_000_000,
            "by_star": {3: 1},
            "pair": ("a", 1),
        }
    ) == {
        "regulation": "26/2026/QĐ-TTg",
        "citation": "khoản 3 Điều 4 26/2026/QĐ-TTg",
        "day": "2026-06-01",
        "whole": 2,
        "half": "89.5",
        "third": "100/3",
        "decimal": "2.50",
        "amount": 134_750_000_000,
        "by_star": {"3": 1},
        "pair": ["a", 1],
    }


def test_huge_integers_are_written_without_raising() -> None:
    huge = 10**5000
    f = Finding("claim_mismatch", Severity.ERROR, "here", huge, 1, "vi", "en")
    text = json.dumps(serialize.document(f))
    assert "<int of 16610 bits>" in text
    _valid(json.loads(text), serialize.document_schema(Finding))


def test_far_or_special_decimals_keep_their_own_text() -> None:
    # int(Decimal("1E+999999999")) would never end; NaN has no digits.
    values = [Decimal("1E+999999999"), Decimal("NaN"), Fraction(10**5000, 3)]
    written = serialize.data(values)
    assert written == ["1E+999999999", "NaN", "<Fraction>"]
    for value in written:
        jsonschema.Draft202012Validator({"$defs": {}, **serialize._NUMBER}).validate(value)


def test_a_document_is_an_object_and_unknown_values_are_refused() -> None:
    with pytest.raises(InvalidInput, match="never a bare list"):
        serialize.document([1, 2])
    with pytest.raises(InvalidInput, match="cannot write"):
        serialize.data(object())


def test_results_validate_against_their_schemas() -> None:
    card = Scorecard.model_validate(card7())
    scored = score(card)
    council = council_average([card, Scorecard.model_validate(card7(choices=CARD_7 | {"1.2": 1}))])
    plan = catalog.plan("kon-tum-908-2023")
    results: list[object] = [
        scored,
        council,
        classify(scored),
        classify(council),
        status(Certificate(star=3, issued_on=date(2024, 3, 15)), date(2026, 10, 1)),
        check(plan),
        audit("1048/QĐ-TTg"),
        Proven("period", "table", "2021–2025", "en"),
    ]
    for result in results:
        _valid(serialize.data(result), serialize.schema(type(result)))
        assert result.to_dict() == serialize.data(result)  # type: ignore[attr-defined]


def test_computed_properties_are_declared_and_written() -> None:
    found = classify(score(Scorecard.model_validate(card7())))
    assert serialize.data(found)["reasons"] == list(found.reasons)
    assert "reasons" in serialize.schema(type(found))["$defs"]["Classification"]["required"]


DRAFT = Path(__file__).parent / "data" / "drafts" / "five-stars-from-85.yaml"
CALLS: list[tuple[str, ...]] = [
    ("check", "--format", "json"),
    ("check", "ninh-thuan-2025", "--format", "json"),
    ("plans", "--format", "json"),
    ("rules", "--on", "2026-06-01", "--format", "json"),
    ("rules", "--on", "2026-06-01", "--filed-on", "2026-01-05", "--format", "json"),
    ("sheets", "--on", "2026-06-01", "--format", "json"),
    ("sheets", "--regulation", "26/2026/QĐ-TTg", "21", "--format", "json"),
    (
        "certificate",
        "--issued",
        "2024-03-15",
        "--star",
        "3",
        "--on",
        "2026-10-01",
        "--format",
        "json",
    ),
    ("audit", "--regulation", "148/QĐ-TTg", "--format", "json"),
    ("audit", "--draft", str(DRAFT), "--format", "json"),
    ("compare", "--draft", str(DRAFT), "--sheet", "1", "--cards", "200", "--format", "json"),
    ("codes", "--format", "json"),
    ("test", "--format", "json"),
    ("decisions", "--format", "json"),
    ("decisions", "readings", "--format", "json"),
    ("schema", "plan"),
]


@pytest.mark.parametrize("argv", CALLS, ids=" ".join)
def test_cli_json_validates_against_its_schema(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    status_code, out, _ = run(capsys, *argv)
    printed = json.loads(out)
    # `ocop check` exits 1 when it finds errors, as a checker does.
    assert status_code in ((0, 1) if argv[0] == "check" else (0,)) and isinstance(printed, dict)
    assert list(printed)[:2] == ["schema_version", "ocop_version"]
    assert printed["schema_version"] == "1" and printed["ocop_version"] == ocop.__version__
    _valid(printed, json_schema(argv[0]))


def test_score_json_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for payload in (card7(), [card7(evaluator="a"), card7(evaluator="b")]):
        code, out, _ = run(capsys, "score", write(tmp_path, payload), "--format", "json")
        assert code == 0
        _valid(json.loads(out), json_schema("score"))


def test_check_of_a_document_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.test_documents_page import BLOCKS

    for text in BLOCKS:  # the documents and plans of docs/documents.md
        path = tmp_path / "doc.json"
        path.write_text(text, encoding="utf-8")
        code, out, _ = run(capsys, "check", str(path), "--fail-on", "never", "--format", "json")
        assert code == 0
        _valid(json.loads(out), json_schema("check"))


def test_a_schema_rejects_a_wrong_shape(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "plans", "--format", "json")
    printed = json.loads(out)
    printed["plans"][0]["targets"] = "many"
    with pytest.raises(jsonschema.ValidationError):
        _valid(printed, json_schema("plans"))
    with pytest.raises(jsonschema.ValidationError):
        _valid({"plans": []}, json_schema("plans"))  # no schema_version


def test_every_command_has_a_schema_and_is_documented() -> None:
    documented = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")
    )
    tested = {argv[0] for argv in CALLS} | {"score"}
    for command in COMMANDS:
        assert json_schema(command)["required" if command == "schema" else "$defs"], command
        assert f"ocop {command}" in documented, f"document `ocop {command}` in README.md or docs"
        assert command in tested, f"add `ocop {command} --format json` to CALLS"
    with pytest.raises(NotFound):
        json_schema("serve")


def test_hand_written_to_dict_is_gone() -> None:
    written = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "src" / "ocop").rglob("*.py")
        for _ in re.finditer(r"def to_dict\(", p.read_text(encoding="utf-8"))
    ]
    # Serialized.to_dict, OcopError.to_dict, and the four of ocop.law (Citation, Instrument,
    # TransitionalRule, RegimeInForce), not yet moved to the serializer.
    assert len(written) <= 6, written
