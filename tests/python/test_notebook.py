"""docs/notebooks/walkthrough.ipynb runs end to end in a Jupyter kernel."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import parley

from conftest import SOURCE_DIR

NOTEBOOK = SOURCE_DIR / "docs" / "notebooks" / "walkthrough.ipynb"


def test_walkthrough_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A kernelspec for this very interpreter (Debian's python3, which has numpy, pandas and
    # matplotlib), found first through JUPYTER_PATH; the kernel inherits PYTHONPATH.
    package_root = str(Path(parley.__file__).resolve().parents[1])
    kernel_dir = tmp_path / "kernels" / "parley-test"
    kernel_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Parley test kernel",
        "language": "python",
        "env": {"PYTHONPATH": package_root, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }
    (kernel_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(cell.get("outputs", []) == [] for cell in notebook.cells if cell.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    client = NotebookClient(
        notebook,
        kernel_name="parley-test",
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()

    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(images) >= 3  # the run's plots, the variants' plots, the sweep
    printed = "".join(output.get("text", "") for output in outputs if output.output_type == "stream")
    assert "At /battlefield/initial_front_share of 1.2" in printed
    assert "At /battlefield/volatility_per_sqrt_month of -0.01" in printed
    assert "<parley.ClaimsResult: 2 claims (" in printed
