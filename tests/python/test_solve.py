"""parley.solve: equal to `parley solve`, and its views read the same document."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import parley
from conftest import FLAGSHIP, MINIMAL, SOURCE_DIR

FEARON = SOURCE_DIR / "scenarios" / "validation" / "fearon_range.json"


def solve_cli(cli: Path, scenario: Path, *args: str) -> str:
    return subprocess.run([str(cli), "solve", str(scenario), *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("scenario", [FLAGSHIP, FEARON], ids=["flagship", "fearon_range"])
def test_solve_equals_the_cli(cli: Path, scenario: Path) -> None:
    result = parley.solve(scenario)
    stdout = solve_cli(cli, scenario, "--format", "json")
    assert result.report == json.loads(stdout)
    assert result.to_json() == stdout  # byte for byte
    assert result.summary() == solve_cli(cli, scenario)


@pytest.mark.parametrize("scenario", [FLAGSHIP, FEARON], ids=["flagship", "fearon_range"])
def test_views_follow_the_report(scenario: Path) -> None:
    loaded = parley.load_scenario(scenario)
    result = parley.solve(loaded)
    report = result.report
    belligerents = [a["id"] for a in loaded.actors if a["role"] == "belligerent"]
    assert list(result.war_values) == belligerents
    assert all(result.war_values[a] == report["actors"][a]["war_value"] for a in belligerents)
    assert list(result.bargaining_ranges) == [issue["id"] for issue in loaded.issues]
    for issue, bounds in result.bargaining_ranges.items():
        expected = report["issues"][issue]["bargaining_range"]
        assert bounds == (None if expected is None else tuple(expected))
        if bounds is not None:
            assert bounds[0] <= bounds[1]
    assert result.commitment_problem == report["commitment_problem"]
    assert result.status == report["status"] and result.ripe == report["ripe"]
    assert result.gains == {a: entry["gain"] for a, entry in report["actors"].items()}
    if result.status == "agreement":
        assert result.deal == {issue: entry["deal"] for issue, entry in report["issues"].items()}
    else:
        assert result.deal is None
    assert list(result.actors["actor"]) == [a["id"] for a in loaded.actors]
    assert result.actors.set_index("actor").loc[belligerents[0], "war_value"] == result.war_values[belligerents[0]]
    assert list(result.issues["issue"]) == list(result.bargaining_ranges)
    assert result.provenance["content_hash"] == loaded.content_hash
    assert loaded.name in repr(result) and "<table" in result._repr_html_()


def test_fearon_range_has_a_deal_inside_its_range() -> None:
    """Fearon (1995): with costly war and no commitment problem, a deal exists inside the range."""
    result = parley.solve(FEARON)
    assert result.status == "agreement" and not result.commitment_problem
    assert result.deal is not None
    for issue, bounds in result.bargaining_ranges.items():
        if bounds is not None:
            assert bounds[0] - 1e-9 <= result.deal[issue] <= bounds[1] + 1e-9


def test_a_scenario_without_bargaining_is_refused() -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.solve(MINIMAL)
    assert [issue.pointer for issue in caught.value.issues] == ["/bargaining"]
