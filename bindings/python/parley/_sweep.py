"""parley.sweep: a scenario run over a design of parameter points, as ``parley sweep`` runs it."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Union

from . import _core
from ._scenario import ScenarioSource, load_scenario

if TYPE_CHECKING:
    import pandas as pd

SweepSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]

_INTERVAL_SUFFIXES = ("", "_ci_lower", "_ci_upper")


class SweepResult:
    """A finished sweep: the tidy ``points`` table and the ``summary`` with Sobol' indices.

    ``points`` holds what ``parley sweep`` writes to points.csv and ``summary`` what it writes
    to summary.json, for the same sweep, on any number of threads.
    """

    def __init__(self, output: _core.SweepOutput) -> None:
        self._output = output
        self.pointers: tuple[str, ...] = tuple(output.pointers)
        self.metrics: tuple[str, ...] = tuple(output.metrics)

    @cached_property
    def points(self) -> pd.DataFrame:
        """One row per point, in index order: point, each swept value (column named by its pointer),
        each metric and <metric>_ci_lower, <metric>_ci_upper (NaN where undefined)."""
        import pandas as pd

        values = self._output.values()
        frame = pd.DataFrame({"point": range(values.shape[0])})
        for j, pointer in enumerate(self.pointers):
            frame[pointer] = values[:, j]
        metrics = self._output.metric_values()
        for k, metric in enumerate(self.metrics):
            for offset, suffix in enumerate(_INTERVAL_SUFFIXES):
                frame[metric + suffix] = metrics[:, len(_INTERVAL_SUFFIXES) * k + offset]
        return frame

    @cached_property
    def summary(self) -> dict[str, Any]:
        """The summary as a dict, equal to ``json.load`` of ``parley sweep``'s summary.json."""
        return self._output.summary()

    @property
    def sensitivity(self) -> dict[str, Any] | None:
        """Saltelli designs: the summary's Sobol' indices by metric
        ({metric: {"mean", "variance", "first_order": {pointer: index}, "total": {...}}}, keys
        sorted as in summary.json); else None."""
        sensitivity = self.summary.get("sensitivity")
        return None if sensitivity is None else dict(sensitivity["by_metric"])

    @cached_property
    def sobol(self) -> pd.DataFrame | None:
        """Saltelli designs: one row per (metric, parameter), in output order, with the first-order and total indices,
        each with its bootstrap standard error and 95% interval; else None. A metric undefined
        at some point has no indices and no rows."""
        import pandas as pd

        sensitivity = self.sensitivity
        if sensitivity is None:
            return None
        rows = []
        for metric in self.metrics:
            entry = sensitivity[metric]
            if "first_order" not in entry:
                continue
            for pointer in self.pointers:
                row: dict[str, Any] = {"metric": metric, "parameter": pointer}
                for kind in ("first_order", "total"):
                    index = entry[kind][pointer]
                    row[kind] = index["value"]
                    row[f"{kind}_se"] = index["standard_error"]
                    row[f"{kind}_ci_lower"], row[f"{kind}_ci_upper"] = index["ci95"]
                rows.append(row)
        columns = ["metric", "parameter"]
        for kind in ("first_order", "total"):
            columns += [kind, f"{kind}_se", f"{kind}_ci_lower", f"{kind}_ci_upper"]
        return pd.DataFrame(rows, columns=columns).astype({c: float for c in columns[2:]})

    def to_csv(self) -> str:
        """The points table as CSV, byte for byte what ``parley sweep`` writes to points.csv."""
        return self._output.points_csv()

    def summary_json(self, indent: int = 2) -> str:
        """The summary as JSON text, byte for byte what ``parley sweep`` writes to summary.json."""
        return self._output.summary_json(indent)

    def __repr__(self) -> str:
        design = self.summary["design"]
        return (
            f"<parley.SweepResult '{self.summary['sweep']['name']}': {design['kind']} design, "
            f"{design['points']} points x {self.summary['trials_per_point']} trials, "
            f"{len(self.pointers)} parameters, {len(self.metrics)} metrics>"
        )


def sweep(
    spec: SweepSource,
    scenario: ScenarioSource | None = None,
    threads: int = 0,
    schedule: str = "auto",
    progress: Callable[[int, int], object] | None = None,
) -> SweepResult:
    """Runs a sweep in-process, like ``parley sweep`` (docs/sweeps.md), without files or checkpoints.

    spec: a sweep file's path (its "scenario" relative to the file), or the same document as a
        dict, whose "scenario" path is relative to the working directory.
    scenario: with a dict spec, the scenario to sweep (a Scenario, path or dict) in place of a
        "scenario" key, which must then be left out. The summary's sweep content hash is then
        that of the dict as given.
    threads: worker threads, 0 for every core; schedule: 'auto', 'points' or 'trials'. Results
        depend on neither.
    progress: called as ``progress(done, total)`` in the calling thread as points finish.

    The engine runs on a worker thread with the GIL released. Ctrl-C (KeyboardInterrupt) stops
    the sweep within a batch of trials; an exception raised by ``progress`` stops it too and is
    re-raised. An invalid sweep, scenario, point or option raises ScenarioError.
    """
    if isinstance(spec, Mapping):
        given = None if scenario is None else load_scenario(scenario)
        output = _core.sweep_document(dict(spec), given, threads=threads, schedule=schedule, progress=progress)
    elif isinstance(spec, (str, os.PathLike)):
        if scenario is not None:
            raise TypeError("sweep: a scenario can be given only with a sweep given as a dict")
        output = _core.sweep_file(spec, threads=threads, schedule=schedule, progress=progress)
    else:
        raise TypeError(f"sweep: expected a path or a dict, not {type(spec).__name__}")
    return SweepResult(output)
