"""The example notebooks run top to bottom in a fresh kernel, and are kept without outputs.

Each notebook is executed headless with nbclient (in the ``test`` extra); a cell that
raises fails the test with the cell's source and traceback.  Outputs are stripped in
git so that diffs show code, not rendered tables.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def test_the_kon_tum_notebook_is_there() -> None:
    assert EXAMPLES / "kon-tum-2021-2025.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # run outside the repository
    )
    try:
        client.execute()
    except CellExecutionError as err:  # pragma: no cover - the message is the report
        pytest.fail(f"{path.name}: a cell failed\n{err}")
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert html, "no object displayed itself as HTML"
    assert images, "no plot was drawn"
