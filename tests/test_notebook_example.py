"""The notebook ``examples/tour.ipynb`` runs from top to bottom in a Jupyter kernel.

It is executed with nbclient and ipykernel (the test extra), in ``examples/``, as a reader
would run it. The notebook is committed without outputs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "examples" / "tour.ipynb"


def _require(module: str) -> Any:
    """The module; a test failure in CI when it is missing, a skip elsewhere."""
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


def _outputs(cell: Any) -> str:
    parts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        parts.append(str(data.get("text/html", "")) + str(data.get("text/plain", "")))
        parts.append(str(output.get("text", "")))
    return "\n".join(parts)


def test_committed_without_outputs() -> None:
    nbformat = _require("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


def test_notebook_runs(tmp_path: Path) -> None:
    nbformat = _require("nbformat")
    nbclient = _require("nbclient")
    _require("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    outputs = [_outputs(cell) for cell in notebook.cells if cell.cell_type == "code"]
    everything = "\n".join(outputs)
    # The report draws its tables as HTML; the findings, the custom rule and the DataFrames show.
    assert "<table" in outputs[0] and "示例镇人民政府" in outputs[0]
    assert "S3-OUTCOME-TOTAL" in everything
    assert "X-NOT-HELD" in everything
    assert "一、本年新收政府信息公开申请数量" in everything
    nbformat.write(notebook, tmp_path / "tour-executed.ipynb")  # the executed copy is valid
