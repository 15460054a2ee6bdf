"""parley.claims: equal to `parley claims` for a file and for a dict; the tidy table; progress, errors, Ctrl-C."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import parley
from conftest import SOURCE_DIR, seconds_to_keyboard_interrupt, ticks_per_call

TWO_BARRIERS = SOURCE_DIR / "scenarios" / "validation" / "brownian_two_barriers.json"
CHANGE_SOURCE = {"assumption": "test"}

# A toy claims file over the two-barrier validation scenario (as tests/cli/claims.sh), with a
# claim of each kind: a paired difference each way, a smallest effect and a level claim.
CLAIMS: dict[str, Any] = {
    "name": "python_toy",
    "title": "Toy claims",
    "article": "000_1c430494338ec1cd.txt",
    "baseline": str(TWO_BARRIERS),
    "variants": [
        {
            "id": "stronger",
            "description": "twice the defence bias",
            "changes": [{"pointer": "/battlefield/defence_bias_per_month", "value": 0.01, "source": CHANGE_SOURCE}],
        }
    ],
    "claims": [
        {"id": "up", "quote": "q", "metric": "share_ukraine_victory", "expect": "higher",
         "baseline": "baseline", "variant": "stronger"},
        {"id": "down", "quote": "q, with a comma and \"quotes\"", "metric": "share_ukraine_victory",
         "expect": "lower", "baseline": "baseline", "variant": "stronger"},
        {"id": "shorter", "quote": "q", "metric": "months_of_war", "expect": "lower", "by_at_least": 0.5,
         "baseline": "baseline", "variant": "stronger"},
        {"id": "level", "quote": "q", "metric": "share_ukraine_victory", "expect": "above", "threshold": 0.5,
         "variant": "stronger"},
    ],
}
TRIALS, SEED = 3000, 3


def without_command(report: dict[str, Any]) -> dict[str, Any]:
    """A deep copy without "command", free to edit."""
    return copy.deepcopy({key: value for key, value in report.items() if key != "command"})


@pytest.fixture(scope="module")
def claims_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "toy.json"
    path.write_text(json.dumps(CLAIMS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_report(cli: Path, claims_file: Path) -> dict[str, Any]:
    done = subprocess.run(
        [str(cli), "claims", str(claims_file), "--trials", str(TRIALS), "--seed", str(SEED)],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded


@pytest.fixture(scope="module")
def result(claims_file: Path) -> parley.ClaimsResult:
    return parley.claims(claims_file, trials=TRIALS, seed=SEED, threads=2)


def test_claims_equal_the_cli(result: parley.ClaimsResult, cli_report: dict[str, Any], claims_file: Path) -> None:
    assert without_command(result.report) == without_command(cli_report)
    assert result.report["command"] == f"parley.claims({str(claims_file)!r}, trials={TRIALS}, seed={SEED})"
    assert json.loads(result.to_json()) == result.report
    # The toy is decided: a stronger defence raises Ukraine's victories (4,000 trials in the CLI test).
    assert result.verdicts["up"] == "supported" and result.verdicts["down"] == "contradicted"


def test_a_dict_resolves_its_baseline_from_the_working_directory(
    result: parley.ClaimsResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same claims in-process, the baseline relative to the working directory: the same
    report but for the file's name ("<dict>") and the command; the content hash is the file's."""
    monkeypatch.chdir(SOURCE_DIR)
    document = copy.deepcopy(CLAIMS)
    document["baseline"] = os.path.relpath(TWO_BARRIERS, SOURCE_DIR)
    from_dict = parley.claims(document, trials=TRIALS, seed=SEED, threads=1)
    expected = without_command(result.report)
    actual = without_command(from_dict.report)
    assert [f["path"] for f in actual["files"]] == ["<dict>"]
    assert {claim["file"] for claim in actual["claims"]} == {"<dict>"}
    assert from_dict.report["command"] == f"parley.claims(<dict>, trials={TRIALS}, seed={SEED})"
    for report in (expected, actual):
        del report["files"][0]["path"], report["files"][0]["content_hash"]
        for claim in report["claims"]:
            del claim["file"]
    assert actual == expected
    # The hash covers the document, whose baseline path differs; with the same text it is the same.
    same_text = parley.claims(CLAIMS, trials=50, seed=SEED)
    assert same_text.report["files"][0]["content_hash"] == result.report["files"][0]["content_hash"]


def test_the_tidy_table_is_the_csv(result: parley.ClaimsResult, tmp_path: Path) -> None:
    table = result.claims
    assert list(table["id"]) == [claim["id"] for claim in CLAIMS["claims"]]
    csv_path = tmp_path / "claims.csv"
    csv_path.write_text(result.to_csv(), encoding="utf-8")
    expected = pd.read_csv(
        csv_path, float_precision="round_trip", keep_default_na=False, na_values={"trials_to_resolve": [""]}
    )
    assert list(table.columns) == list(expected.columns)
    by_id = {claim["id"]: claim for claim in result.report["claims"]}
    for row in table.itertuples():
        claim = by_id[row.id]
        tested = claim["estimate"] if claim["expect"] in ("above", "below") else claim["difference"]
        assert row.estimate == tested["value"] and row.standard_error == tested["standard_error"]
        assert [row.ci_lower, row.ci_upper] == tested["interval"]
        assert row.verdict == claim["verdict"] and row.trials == TRIALS
    level = table.set_index("id").loc["level"]
    assert level["baseline"] == "" and pd.isna(level["independent_streams_standard_error"])
    assert level["boundary"] == 0.5
    assert table.set_index("id").loc["shorter", "boundary"] == -0.5
    assert table["quote"].iloc[1] == 'q, with a comma and "quotes"'


def test_formats_match_the_cli(cli: Path, claims_file: Path, result: parley.ClaimsResult) -> None:
    python_command = f"parley.claims({str(claims_file)!r}, trials={TRIALS}, seed={SEED})"
    for form, text in (("csv", result.to_csv()), ("markdown", result.to_markdown())):
        arguments = [str(claims_file), "--trials", str(TRIALS), "--seed", str(SEED), "--format", form]
        done = subprocess.run([str(cli), "claims", *arguments], check=True, capture_output=True, text=True)
        # Only the markdown names the command that made it.
        assert text.replace(python_command, "parley claims " + " ".join(arguments)) == done.stdout
    assert repr(result).startswith("<parley.ClaimsResult: 4 claims (")


def test_options_reach_the_engine(claims_file: Path) -> None:
    at_half = parley.claims([claims_file], trials=500, seed=SEED, confidence=0.5)
    assert at_half.report["confidence"] == 0.5 and at_half.report["trials"] == 500
    expected_command = f"parley.claims([{str(claims_file)!r}], trials=500, seed={SEED}, confidence=0.5)"
    assert at_half.report["command"] == expected_command
    half = at_half.report["claims"][0]["difference"]
    high = parley.claims([claims_file], trials=500, seed=SEED, confidence=0.99).report["claims"][0]["difference"]
    assert half["value"] == high["value"]
    assert high["interval"][1] - high["interval"][0] > half["interval"][1] - half["interval"][0]
    # The scenario's own trials and seed when none are given.
    default = parley.claims(claims_file)
    scenario = parley.load_scenario(TWO_BARRIERS)
    assert default.report["trials"] is None and default.report["claims"][0]["trials"] == scenario.default_trials


def test_progress_the_gil_and_a_progress_exception(claims_file: Path) -> None:
    seen: list[tuple[int, int]] = []
    parley.claims(claims_file, trials=20_000, seed=1, threads=1, progress=lambda d, t: seen.append((d, t)))
    # Two pairs (baseline-stronger, and stronger alone for the level claim) of 20,000 trials.
    assert seen[-1] == (40_000, 40_000)
    assert all(b[0] >= a[0] for a, b in zip(seen, seen[1:]))
    assert ticks_per_call(lambda: parley.claims(claims_file, trials=20_000, seed=1, threads=1)) > 3

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop(f"{done}/{total}")

    started = time.perf_counter()
    with pytest.raises(Stop):
        parley.claims(claims_file, trials=50_000_000, threads=1, progress=stop)
    assert time.perf_counter() - started < 5.0


def test_ctrl_c_raises_keyboard_interrupt_promptly(claims_file: Path) -> None:
    elapsed = seconds_to_keyboard_interrupt(
        lambda: parley.claims(claims_file, trials=50_000_000, threads=1), after=0.2
    )
    assert elapsed < 3.0, f"KeyboardInterrupt took {elapsed:.2f} s"


@pytest.mark.parametrize(
    ("options", "pointer"),
    [
        ({"trials": 0}, "trials"),
        ({"seed": -1}, "seed"),
        ({"confidence": 1.0}, "confidence"),
        ({"confidence": float("nan")}, "confidence"),
        ({"threads": -1}, "threads"),
        ({"progress": 3}, "progress"),
    ],
)
def test_invalid_options_raise_scenario_error(claims_file: Path, options: dict, pointer: str) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.claims(claims_file, **options)
    assert [issue.pointer for issue in caught.value.issues] == [pointer]


def test_invalid_claims_name_the_pointer(claims_file: Path) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.claims([])
    assert [issue.pointer for issue in caught.value.issues] == ["files"]
    bad = copy.deepcopy(CLAIMS)
    bad["claims"][0]["metric"] = "share_ukraine_victroy"
    with pytest.raises(parley.ScenarioError) as caught:
        parley.claims(bad)
    assert caught.value.issues[0].pointer == "/claims/0/metric"
    assert "share_ukraine_victory" in caught.value.issues[0].hint
    bad = copy.deepcopy(CLAIMS)
    bad["baseline"] = "no/such/scenario.json"
    with pytest.raises(parley.ScenarioError) as caught:
        parley.claims(bad)
    assert caught.value.issues[0].pointer == "/baseline"
    with pytest.raises(parley.ScenarioError) as caught:  # the same ids twice
        parley.claims([claims_file, CLAIMS], trials=10)
    assert caught.value.issues[0].pointer == "/claims/0/id" and caught.value.source == "<dict 1>"
    bad = copy.deepcopy(CLAIMS)
    bad["claims"][1]["opposes"] = ["up", "ghost"]  # a claim of the file, and one of no file
    with pytest.raises(parley.ScenarioError) as caught:
        parley.claims(bad, trials=10)
    assert caught.value.issues[0].pointer == "/claims/1/opposes" and caught.value.issues[0].value == '"ghost"'
    with pytest.raises(FileNotFoundError):
        parley.claims(claims_file.parent / "missing.json")
    with pytest.raises(TypeError):
        parley.claims(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parley.claims([claims_file, 3])  # type: ignore[list-item]
