"""Results of a run as Python users read them: dicts, pandas DataFrames and numpy arrays."""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core
from ._core import Scenario

if TYPE_CHECKING:
    import pandas as pd

_QUANTILES = ("p05", "p25", "p50", "p75", "p95")


class TrialRecords:
    """Every trial of a run: how its war ended, when, and what it cost each actor.

    The arrays are read-only numpy views of the engine's buffers (no copy): ``outcome`` holds
    codes indexing ``outcome_names`` (the scenario's ``outcomes``), ``end_month`` the month each war ended (the horizon for
    wars still on), ``cost`` one row per trial and one column per actor (``actor_ids``).
    Trial ``i`` is the same trial, from the same random streams, as trial ``i`` of the summary.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray], actor_ids: list[str], outcome_names: tuple[str, ...]) -> None:
        self.outcome: np.ndarray = arrays["outcome"]
        self.end_month: np.ndarray = arrays["end_month"]
        self.cost: np.ndarray = arrays["cost"]
        self.actor_ids: tuple[str, ...] = tuple(actor_ids)
        self.outcome_names: tuple[str, ...] = tuple(outcome_names)

    def __len__(self) -> int:
        return int(self.outcome.shape[0])

    def __repr__(self) -> str:
        return f"<parley.TrialRecords {len(self)} trials, actors {', '.join(self.actor_ids)}>"

    def outcome_counts(self) -> dict[str, int]:
        """Trials per outcome name, in the order of ``outcome_names``."""
        counts = np.bincount(self.outcome, minlength=len(self.outcome_names))
        return {name: int(counts[k]) for k, name in enumerate(self.outcome_names)}

    def to_frame(self) -> pd.DataFrame:
        """One row per trial: outcome (categorical), end_month and cost_<actor> columns (copies)."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "outcome": pd.Categorical.from_codes(self.outcome.astype(np.int8), categories=list(self.outcome_names)),
                "end_month": self.end_month,
            }
        )
        for column, actor in enumerate(self.actor_ids):
            frame[f"cost_{actor}"] = self.cost[:, column]
        frame.index.name = "trial"
        return frame


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``parley.run``: a KeyboardInterrupt that keeps the trials finished before it.

    ``result`` is a RunResult of those trials, with ``provenance["interrupted"]`` True, the same
    report ``parley run`` writes when it is interrupted. Code that does not catch it sees a plain
    KeyboardInterrupt.
    """

    def __init__(self, result: RunResult) -> None:
        super().__init__(f"parley.run interrupted after {result.trials} trials")
        self.result = result


class RunResult:
    """The result of ``parley.run``: the CLI's report, with tables and arrays for analysis.

    ``report`` is the dict ``parley run`` prints as JSON for the same (scenario, seed, trials);
    ``outcomes``, ``costs`` (pandas) and ``survival`` (numpy) are views of it; ``provenance``
    says where it came from; ``records`` holds every trial when the run kept them.
    """

    def __init__(self, output: _core.RunOutput, scenario: Scenario) -> None:
        self._output = output
        self.scenario: Scenario = scenario
        records = output.records()
        self.records: TrialRecords | None = (
            None if records is None else TrialRecords(records, output.actor_ids, scenario.outcomes)
        )

    @cached_property
    def report(self) -> dict[str, Any]:
        """The report as a dict, equal to ``json.loads`` of ``parley run``'s output."""
        return self._output.report()

    @property
    def trials(self) -> int:
        """Trials finished."""
        return self._output.trials

    @property
    def seed(self) -> int:
        """The master seed used."""
        return self._output.seed

    @property
    def provenance(self) -> dict[str, Any]:
        """What produced this result: version, method, scenario name and hash, seed, trials."""
        report = self.report
        return {
            "parley_version": report["parley_version"],
            "method": report["method"],
            "scenario": report["scenario"]["name"],
            "content_hash": report["scenario"]["content_hash"],
            "horizon_months": report["scenario"]["horizon_months"],
            "seed": report["seed"],
            "trials": report["trials"],
            "trials_requested": report["trials_requested"],
            "interrupted": report["interrupted"],
        }

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        """One row per outcome: outcome, count, share, ci_lower, ci_upper (95% Wilson interval)."""
        import pandas as pd

        rows = [
            {
                "outcome": name,
                "count": entry["count"],
                "share": entry["share"],
                "ci_lower": entry["ci95"][0],
                "ci_upper": entry["ci95"][1],
            }
            for name, entry in ((name, self.report["outcomes"][name]) for name in self.scenario.outcomes)
        ]
        return pd.DataFrame(rows, columns=["outcome", "count", "share", "ci_lower", "ci_upper"])

    @cached_property
    def survival(self) -> np.ndarray:
        """Share of trials whose war was still on after each month 0..horizon (read-only)."""
        return self._output.survival()

    @cached_property
    def survival_band(self) -> np.ndarray:
        """The survival curve's pointwise 95% Wilson interval: an array of shape (horizon + 1, 2),
        lower and upper bound per month (read-only)."""
        band = np.asarray(self.report["survival"]["ci95"], dtype=float).reshape(-1, 2)
        band.setflags(write=False)
        return band

    @cached_property
    def costs(self) -> pd.DataFrame:
        """One row per actor, in the scenario's order: mean cost, its 95% interval, sd, quantiles p05..p95."""
        import pandas as pd

        rows = []
        by_actor = self.report["costs"]["by_actor"]
        for actor in (entry["id"] for entry in self.scenario.actors):
            entry = by_actor[actor]
            row = {
                "actor": actor,
                "mean": entry["mean"],
                "ci_lower": entry["mean_ci95"][0],
                "ci_upper": entry["mean_ci95"][1],
                "sd": entry["sd"],
            }
            row.update({label: entry["quantiles"][label] for label in _QUANTILES})
            rows.append(row)
        return pd.DataFrame(rows, columns=["actor", "mean", "ci_lower", "ci_upper", "sd", *_QUANTILES])

    @property
    def duration(self) -> dict[str, Any]:
        """Months until the wars that ended did: ended_trials, mean, mean_ci95, sd, quantiles."""
        return {key: value for key, value in self.report["duration_months"].items() if key != "note"}

    def to_json(self, indent: int = 2) -> str:
        """The report as JSON text, byte for byte what ``parley run`` prints."""
        return self._output.report_json(indent)

    def to_csv(self) -> str:
        """The report as CSV, as ``parley run --format csv`` writes it."""
        return self._output.report_csv()

    def summary(self) -> str:
        """A table for people, as ``parley run --format summary`` prints it."""
        return self._output.report_text()

    def __repr__(self) -> str:
        shares = ", ".join(f"{row.outcome} {row.share:.1%}" for row in self.outcomes.itertuples() if row.count > 0)
        flag = ", interrupted" if self._output.interrupted else ""
        return f"<parley.RunResult '{self.scenario.name}' seed {self.seed}, {self.trials} trials{flag}: {shares}>"

    def _repr_html_(self) -> str:
        provenance = self.provenance
        header = (
            f"<p><b>{html.escape(provenance['scenario'])}</b> ({provenance['content_hash']}), "
            f"seed {provenance['seed']}, {provenance['trials']} trials, parley {provenance['parley_version']}</p>"
        )
        return header + self.outcomes.to_html(index=False, float_format=lambda x: f"{x:.4f}")


def compare(results: Mapping[str, RunResult], intervals: bool = False) -> pd.DataFrame:
    """Outcome shares of several results side by side: one row per outcome, one column per name.

    With ``intervals=True`` the columns are (name, share | ci_lower | ci_upper).
    """
    import pandas as pd

    if not results:
        raise ValueError("compare: give at least one result")
    if intervals:
        frames = {name: result.outcomes.set_index("outcome")[["share", "ci_lower", "ci_upper"]]
                  for name, result in results.items()}
        return pd.concat(frames, axis=1)
    table = pd.DataFrame({name: result.outcomes.set_index("outcome")["share"] for name, result in results.items()})
    table.columns.name = "variant"
    return table
