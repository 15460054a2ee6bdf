"""parley.sweep: equal to `parley sweep`'s points.csv and summary.json; progress, errors, Ctrl-C."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import parley
from conftest import FLAGSHIP, seconds_to_keyboard_interrupt, ticks_per_call

# A small Saltelli sweep: 4 base rows x (2 parameters + 2) = 16 points of 200 trials.
SWEEP: dict[str, Any] = {
    "name": "python_test",
    "scenario": str(FLAGSHIP),
    "parameters": [
        {"pointer": "/battlefield/defence_bias_per_month", "range": [-0.005, 0.0]},
        {"pointer": "/aid/0/amount_per_month", "range": [0.5, 3.0], "scale": "log"},
    ],
    "design": {"kind": "saltelli", "points": 4, "seed": 3},
    "trials_per_point": 200,
    "seed": 11,
    "metrics": ["share_ukraine_victory", "duration_mean", "cost_mean_UKR"],
}


@pytest.fixture(scope="module")
def sweep_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sweep") / "python_test.json"
    path.write_text(json.dumps(SWEEP), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_outputs(cli: Path, sweep_file: Path) -> tuple[str, str]:
    out = sweep_file.parent / "out"
    subprocess.run([str(cli), "sweep", str(sweep_file), "--out", str(out)], check=True, capture_output=True)
    return (out / "points.csv").read_text(encoding="utf-8"), (out / "summary.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(sweep_file: Path) -> parley.SweepResult:
    return parley.sweep(sweep_file, threads=2)


def test_sweep_equals_the_cli(result: parley.SweepResult, cli_outputs: tuple[str, str], tmp_path: Path) -> None:
    points_csv, summary_json = cli_outputs
    assert result.to_csv() == points_csv  # byte for byte
    assert result.summary_json() == summary_json
    assert result.summary == json.loads(summary_json)
    csv_path = tmp_path / "points.csv"
    csv_path.write_text(points_csv, encoding="utf-8")
    # pandas' default float parser is not exact; round_trip reads the shortest forms back exactly.
    pd.testing.assert_frame_equal(
        result.points, pd.read_csv(csv_path, float_precision="round_trip"), check_exact=True
    )


def test_points_and_indices_follow_the_summary(result: parley.SweepResult) -> None:
    points = result.points
    assert len(points) == 16 and list(points["point"]) == list(range(16))
    assert result.pointers == tuple(p["pointer"] for p in SWEEP["parameters"])
    assert result.metrics == tuple(SWEEP["metrics"])
    for metric in result.metrics:
        column = points[metric]
        summary = result.summary["metrics"][metric]
        assert column.min() == summary["min"] and column.max() == summary["max"]
        assert (points[f"{metric}_ci_lower"] <= column).all() and (column <= points[f"{metric}_ci_upper"]).all()
    low, high = SWEEP["parameters"][0]["range"]
    assert points[result.pointers[0]].between(low, high).all()
    sensitivity = result.sensitivity
    assert sensitivity is not None and set(sensitivity) == set(result.metrics)
    sobol = result.sobol
    assert sobol is not None
    defined = [m for m in result.metrics if "first_order" in sensitivity[m]]
    assert list(sobol["metric"]) == [m for m in defined for _ in result.pointers]
    for row in sobol.itertuples():
        index = sensitivity[row.metric]["total"][row.parameter]
        assert row.total == index["value"] and row.total_se == index["standard_error"]
    assert "python_test" in repr(result)


def test_a_dict_with_its_scenario_path_gives_the_same_bytes(result: parley.SweepResult) -> None:
    from_dict = parley.sweep(SWEEP, threads=1, schedule="trials")
    assert from_dict.to_csv() == result.to_csv()
    assert from_dict.summary_json() == result.summary_json()


def test_a_dict_with_a_given_scenario(result: parley.SweepResult) -> None:
    """The scenario in-process: the same points; only the sweep's content hash (of the dict as given) differs."""
    spec = {key: value for key, value in SWEEP.items() if key != "scenario"}
    given = parley.sweep(spec, scenario=parley.load_scenario(FLAGSHIP), schedule="points")
    assert given.to_csv() == result.to_csv()
    expected = json.loads(result.summary_json())
    actual = json.loads(given.summary_json())
    assert actual["sweep"]["content_hash"] != expected["sweep"]["content_hash"]
    del actual["sweep"]["content_hash"], expected["sweep"]["content_hash"]
    assert actual == expected


def test_progress_is_reported_and_its_exception_stops_the_sweep() -> None:
    seen: list[tuple[int, int]] = []
    small = {**SWEEP, "design": {"kind": "grid", "levels": 2}, "trials_per_point": 50}
    parley.sweep(small, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4) and all(b[0] > a[0] for a, b in zip(seen, seen[1:]))

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop(f"{done}/{total}")

    long = {**SWEEP, "design": {"kind": "grid", "levels": 40}, "trials_per_point": 2000}
    started = time.perf_counter()
    with pytest.raises(Stop):
        parley.sweep(long, threads=1, progress=stop)
    assert time.perf_counter() - started < 5.0


def test_ctrl_c_raises_keyboard_interrupt_promptly() -> None:
    """SIGINT while one long point runs: the engine stops within a batch of trials."""
    long = {**SWEEP, "design": {"kind": "grid", "levels": 2}, "trials_per_point": 50_000_000}
    elapsed = seconds_to_keyboard_interrupt(lambda: parley.sweep(long, threads=1), after=0.2)
    assert elapsed < 3.0, f"KeyboardInterrupt took {elapsed:.2f} s"


@pytest.mark.parametrize(
    ("options", "pointer"),
    [({"threads": -1}, "threads"), ({"schedule": "fast"}, "schedule"), ({"progress": 3}, "progress")],
)
def test_invalid_options_raise_scenario_error(options: dict, pointer: str) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.sweep(SWEEP, **options)
    assert [issue.pointer for issue in caught.value.issues] == [pointer]


def test_invalid_sweeps_name_the_pointer(flagship: parley.Scenario) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.sweep(SWEEP, scenario=flagship)  # a scenario twice
    assert [issue.pointer for issue in caught.value.issues] == ["/scenario"]
    bad = {**SWEEP, "parameters": [{"pointer": "/battlefield/nope", "range": [0, 1]}]}
    with pytest.raises(parley.ScenarioError) as caught:
        parley.sweep(bad)
    assert caught.value.issues[0].pointer == "/parameters/0/pointer"
    with pytest.raises(TypeError):
        parley.sweep(Path("x.json"), scenario=flagship)


def test_the_gil_is_released_while_the_sweep_runs() -> None:
    """Python code in the main thread keeps running while another thread's sweep is in the engine."""
    medium = {**SWEEP, "design": {"kind": "grid", "levels": 2}, "trials_per_point": 1000}
    assert ticks_per_call(lambda: parley.sweep(medium, threads=1)) > 3
