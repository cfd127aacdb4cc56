"""One rendering: every displayable class has both renderers; every command prints through them."""

from __future__ import annotations

import importlib
import typing
from pathlib import Path

import pytest

from ocop import display
from ocop.cli import COMMANDS
from tests.cli import run

ROOT = Path(__file__).resolve().parents[1]
#: `ocop check` renders its report itself while its output is being reshaped (issue 17).
OWN_TEXT = {"check", "schema"}  # `ocop schema` prints JSON only


def _class(name: str) -> type:
    module, _, qualname = name.rpartition(".")
    found: type = getattr(importlib.import_module(module), qualname)
    return found


def test_every_registered_class_exists_and_has_both_renderers() -> None:
    for name, (family, renderer) in display._RENDERERS.items():
        cls = _class(name)
        assert f"{cls.__module__}.{cls.__qualname__}" == name
        module = importlib.import_module(f"ocop.display.{family}")
        for kind in ("html", "text"):
            assert callable(getattr(module, f"{kind}_{renderer}", None)), f"{kind}_{renderer}"


def test_every_command_document_is_displayable() -> None:
    for command in COMMANDS:
        if command in OWN_TEXT:
            continue
        kind = importlib.import_module(f"ocop.cli.{command}").DOCUMENT
        for cls in typing.get_args(kind) or (kind,):
            name = f"{cls.__module__}.{cls.__qualname__}"
            assert name in display._RENDERERS, f"register {name} in ocop.display"


def test_every_displayable_module_is_importable_without_the_cli() -> None:
    # The display names the command documents but must not import ocop.cli to show others.
    for family in {f for f, _ in display._RENDERERS.values()}:
        source = (ROOT / "src" / "ocop" / "display" / f"{family}.py").read_text(encoding="utf-8")
        assert "\nfrom ocop.cli" not in source and "\nimport ocop.cli" not in source


@pytest.mark.parametrize(
    "argv",
    [
        ("plans",),
        ("rules", "--on", "2026-06-01"),
        ("sheets", "--on", "2026-06-01"),
        ("sheets", "--regulation", "26/2026/QĐ-TTg", "7"),
        ("certificate", "--issued", "2024-03-15", "--star", "3", "--on", "2026-10-01"),
        ("audit", "--regulation", "148/QĐ-TTg"),
        (
            "compare",
            "--draft",
            str(ROOT / "tests/data/drafts/five-stars-from-85.yaml"),
            "--sheet",
            "1",
        ),
        ("codes",),
        ("test",),
    ],
    ids=" ".join,
)
def test_text_output_is_the_display_of_the_json_document(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    # The command's text is ocop.display.text of the very document its JSON serialises.
    module = importlib.import_module(f"ocop.cli.{argv[0]}")
    shown: list[object] = []

    def spy(document: object) -> str:
        shown.append(document)
        return display.text(document)

    monkeypatch.setattr(module, "text", spy)
    status, out, _ = run(capsys, *argv)
    assert status == 0 and len(shown) == 1
    assert out == display.text(shown[0]) + "\n"
    html = display.html(shown[0])
    assert html.startswith('<div class="ocop ') and "<pre>" in html
