"""Shared fixtures for the Python suite: where the sources and the CLI are, and scenarios.

CTest (bindings/CMakeLists.txt) sets PYTHONPATH to the build tree's package and PARLEY_CLI to
the built `parley` program; run by hand, the defaults assume a build in <repo>/build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import parley  # noqa: E402  (after the backend is chosen)

SOURCE_DIR = Path(os.environ.get("PARLEY_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("PARLEY_CLI", SOURCE_DIR / "build" / "engine" / "parley"))
FLAGSHIP = SOURCE_DIR / "scenarios" / "ukraine_war.json"
MINIMAL = SOURCE_DIR / "scenarios" / "validation" / "minimal.json"


@pytest.fixture(scope="session")
def flagship() -> parley.Scenario:
    return parley.Scenario.from_file(FLAGSHIP)


@pytest.fixture(scope="session")
def flagship_dict() -> dict[str, Any]:
    with open(FLAGSHIP, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def cli() -> Path:
    if not CLI.exists():
        pytest.fail(f"the parley program is not at {CLI}; build it or set PARLEY_CLI")
    return CLI


@pytest.fixture(scope="session")
def flagship_result(flagship: parley.Scenario) -> parley.RunResult:
    """A small flagship run with every trial recorded, shared by the read-only tests."""
    return parley.run(flagship, trials=4000, seed=11, trial_records=True)
