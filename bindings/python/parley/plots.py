"""Matplotlib helpers for Parley results.

Each function draws on the Axes it is given (or a new one), returns that Axes and never calls
``plt.show()``, so it works in Jupyter, in scripts with the Agg backend, and in subplots.
Functions that take results accept one RunResult or a dict {label: RunResult} of variants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Union

import numpy as np

from ._core import OUTCOMES
from ._results import RunResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Results = Union[RunResult, Mapping[str, RunResult]]

__all__ = ["costs", "outcome_shares", "survival"]


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots()
    return new_ax


def _as_variants(results: Results) -> dict[str, RunResult]:
    if isinstance(results, RunResult):
        return {results.scenario.name: results}
    variants = dict(results)
    if not variants:
        raise ValueError("give at least one result")
    return variants


def outcome_shares(results: Results, ax: Axes | None = None, outcomes: Sequence[str] | None = None) -> Axes:
    """Bars of each outcome's share with its 95% interval as error bars; variants side by side.

    outcomes: which outcomes to show (default: all of parley.OUTCOMES).
    """
    ax = _axes(ax)
    variants = _as_variants(results)
    names = list(outcomes) if outcomes is not None else list(OUTCOMES)
    unknown = [name for name in names if name not in OUTCOMES]
    if unknown:
        raise ValueError(f"unknown outcomes {unknown}; valid: {list(OUTCOMES)}")
    positions = np.arange(len(names))
    width = 0.8 / len(variants)
    for k, (label, result) in enumerate(variants.items()):
        table = result.outcomes.set_index("outcome").loc[names]
        share = table["share"].to_numpy()
        errors = np.vstack([share - table["ci_lower"].to_numpy(), table["ci_upper"].to_numpy() - share])
        offsets = positions - 0.4 + width * (k + 0.5)
        ax.bar(offsets, share, width, yerr=errors, capsize=3, label=label)
    ax.set_xticks(positions)
    ax.set_xticklabels([name.replace("_", " ") for name in names], rotation=20, ha="right")
    ax.set_ylabel("share of trials")
    ax.set_ylim(0.0, 1.0)
    ax.set_title("How the war ends (95% intervals)")
    if len(variants) > 1:
        ax.legend()
    return ax


def survival(results: Results, ax: Axes | None = None) -> Axes:
    """The share of wars still on after each month, one step curve per variant."""
    ax = _axes(ax)
    for label, result in _as_variants(results).items():
        curve = result.survival
        ax.step(np.arange(curve.shape[0]), curve, where="post", label=label)
    ax.set_xlabel("month")
    ax.set_ylabel("share of wars still on")
    ax.set_ylim(0.0, 1.02)
    ax.set_title("War duration: survival curve")
    ax.legend()
    return ax


def costs(result: RunResult, ax: Axes | None = None, actors: Sequence[str] | None = None, log: bool = False) -> Axes:
    """Each actor's cumulative cost as a box: median, quartiles, whiskers at the 5th and 95th
    percentiles, and the mean as a marker.

    With trial records (``parley.run(..., trial_records=True)``) the boxes come from every
    trial's cost; without, from the quantiles in the report (read from a log-spaced histogram).
    """
    ax = _axes(ax)
    table = result.costs.set_index("actor")
    chosen = list(actors) if actors is not None else list(table.index)
    unknown = [actor for actor in chosen if actor not in table.index]
    if unknown:
        raise ValueError(f"unknown actors {unknown}; valid: {list(table.index)}")
    stats = []
    for actor in chosen:
        if result.records is not None:
            column = result.records.cost[:, result.records.actor_ids.index(actor)]
            p05, p25, p50, p75, p95 = np.quantile(column, [0.05, 0.25, 0.5, 0.75, 0.95])
            mean = float(column.mean())
        else:
            row = table.loc[actor]
            p05, p25, p50, p75, p95 = (row[label] for label in ("p05", "p25", "p50", "p75", "p95"))
            mean = float(row["mean"])
        stats.append(
            {"label": actor, "whislo": p05, "q1": p25, "med": p50, "q3": p75, "whishi": p95, "mean": mean, "fliers": []}
        )
    ax.bxp(stats, showmeans=True, showfliers=False)
    ax.set_ylabel("cumulative cost")
    if log:
        ax.set_yscale("log")
    ax.set_title("Cost per actor (box: quartiles, whiskers: 5-95%)")
    return ax
