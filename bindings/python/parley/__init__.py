"""Parley: how wars end at the bargaining table, simulated by Monte Carlo.

A thin Python front over the C++ engine (the compiled module ``parley._core``)::

    import parley
    s = parley.load_scenario("scenarios/ukraine_war.json")
    r = parley.run(s, trials=20_000, seed=7)
    r.outcomes            # pandas DataFrame: outcome, count, share, ci_lower, ci_upper
    r.survival            # numpy array: share of wars still on after each month
    r.report              # the same dict `parley run` prints as JSON

The command line's other verbs have one function each: ``parley.solve`` (the bargaining table
at month 0), ``parley.draft`` (ranked treaty drafts), ``parley.sweep`` (a design of
parameter points, with Sobol' indices), ``parley.claims`` (policy claims tested on common
random numbers) and ``parley.trace`` (one trial month by month). Plots live in ``parley.plots``; ``parley.compare``
puts variants side by side. Results equal the command line's for the same inputs, on any
number of threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._core import OUTCOMES, FileError, Issue, MissingFileError, ParleyError, Scenario, ScenarioError, __version__
from . import _core
from ._claims import ClaimsResult, claims
from ._draft import DraftResult, draft
from ._results import RunInterrupted, RunResult, TrialRecords, compare
from ._scenario import ScenarioSource, load_scenario
from ._solve import SolveResult, solve
from ._sweep import SweepResult, sweep

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "OUTCOMES",
    "ClaimsResult",
    "DraftResult",
    "FileError",
    "Issue",
    "MissingFileError",
    "ParleyError",
    "RunInterrupted",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "SolveResult",
    "SweepResult",
    "TrialRecords",
    "__version__",
    "claims",
    "compare",
    "draft",
    "load_scenario",
    "plots",
    "run",
    "solve",
    "sweep",
    "trace",
    "traces",
]


def run(
    scenario: ScenarioSource,
    trials: int | None = None,
    seed: int | None = None,
    threads: int = 0,
    trial_records: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> RunResult:
    """Runs the Monte Carlo simulation of a scenario, like ``parley run``.

    trials, seed: default to the scenario's ``default_trials`` and ``default_seed``.
    threads: worker threads, 0 for every core; results do not depend on it.
    trial_records: also keep every trial's outcome, end month and costs (``RunResult.records``);
        this simulates the trials a second time, so it takes about twice as long.
    progress: called as ``progress(done, total)`` between batches of trials.

    The engine runs with the GIL released, so runs in several Python threads proceed in
    parallel. Ctrl-C stops the run within about a trial per thread and raises RunInterrupted, a
    KeyboardInterrupt whose ``result`` holds the whole batches of trials finished before it (marked
    interrupted);
    an exception raised by ``progress`` stops it too and is re-raised. Invalid options raise ScenarioError.
    """
    loaded = load_scenario(scenario)
    output = _core.run(
        loaded, trials=trials, seed=seed, threads=threads, trial_records=trial_records, progress=progress
    )
    result = RunResult(output, loaded)
    if output.stopped_by_keyboard:
        raise RunInterrupted(result)
    return result


def _trace_frame(csv: str, document: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    import io
    import json

    import pandas as pd

    # round_trip: the CSV spells each double by its shortest exact decimal; read it back exactly.
    frame = pd.read_csv(
        io.StringIO(csv), keep_default_na=False, dtype={"events": str, "phase": str}, float_precision="round_trip"
    )
    summary: dict[str, Any] = json.loads(document)
    return frame, summary


def trace(scenario: ScenarioSource, trial: int = 0, seed: int | None = None) -> pd.DataFrame:
    """One trial month by month, like ``parley trace``: a DataFrame with a row per month (month 0
    is the start) and the columns ``parley trace`` writes: ``month``, ``phase``, ``front_share``,
    ``drift_per_month``, ``economy_index``, ``sanctions_level_share``, ``strength_<actor>``,
    ``support_<actor>``, ``belief_mean_drift_<actor>``, ``cost_total_<actor>``,
    ``aid_<patron>-><recipient>`` and ``events`` (the month's events in words, "; "-separated).

    It is the trial ``parley.run`` simulates for the same seed and index; ``frame.attrs`` holds the
    trial's ``outcome``, ``end_month``, ``cost`` by actor, ``seed`` and ``trial``.
    """
    frame, summary = _trace_frame(*_core.trace(load_scenario(scenario), trial=trial, seed=seed))
    frame.attrs.update({key: summary[key] for key in ("outcome", "end_month", "cost", "seed", "trial")})
    return frame


def traces(
    scenario: ScenarioSource,
    trials: int = 200,
    seed: int | None = None,
    first: int = 0,
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """Trials ``first`` .. ``first + trials - 1`` month by month, each exactly as ``trace`` gives
    it, in one long DataFrame: a ``trial`` column, then ``trace``'s columns, then the trial's
    ``outcome`` and ``end_month`` on each of its rows. The model is compiled once, so a few
    hundred flagship trials take about a second; at most 2,000 trials (for more, the endings and
    costs are in ``run(...).trials``). ``plots.fan`` draws the front's quantile bands from it.
    ``progress(done, total)`` is called as trials finish; Ctrl-C raises KeyboardInterrupt.
    """
    import pandas as pd

    loaded = load_scenario(scenario)
    frames = []
    for csv, document in _core.traces(loaded, first=first, trials=trials, seed=seed, progress=progress):
        frame, summary = _trace_frame(csv, document)
        frame.insert(0, "trial", summary["trial"])
        frame["outcome"] = summary["outcome"]
        frame["end_month"] = summary["end_month"]
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True)
    combined.attrs.update(
        {
            "seed": seed if seed is not None else loaded.default_seed,
            "scenario": loaded.name,
            "outcomes": list(loaded.outcomes),
        }
    )
    return combined


def __getattr__(name: str) -> Any:
    # parley.plots imports matplotlib, which is slow: load it on first use.
    if name == "plots":
        import importlib

        return importlib.import_module(".plots", __name__)
    raise AttributeError(f"module 'parley' has no attribute {name!r}")
