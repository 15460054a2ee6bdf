"""Matplotlib helpers for Parley results.

Each function draws on the Axes it is given (or a new one), returns that Axes and never calls
``plt.show()``, so it works in Jupyter, in scripts with the Agg backend, and in subplots.
Functions that take results accept one RunResult or a dict {label: RunResult} of variants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Union

import numpy as np

from ._results import RunResult

if TYPE_CHECKING:
    from ._claims import ClaimsResult
    from ._sweep import SweepResult

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

Results = Union[RunResult, Mapping[str, RunResult]]

__all__ = ["claim_effects", "costs", "fan", "outcome_shares", "parameter_label", "sensitivity", "survival", "terms"]


# The scenario's arrays whose entries a pointer names by index, and what one entry is called.
_INDEXED_PARTS = {"actors": "actor", "aid": "aid flow", "events": "event", "issues": "issue", "coercion": "demand"}


def parameter_label(pointer: str) -> str:
    """A readable axis label for a scenario parameter's JSON pointer: its field in words, then
    where it sits, e.g. "/actors/1/preferences/cost_weight" -> "cost weight (actor 1,
    preferences)". The pointer stays in the sweep's tables; this is only for figures."""
    parts = [part.replace("~1", "/").replace("~0", "~") for part in pointer.strip("/").split("/")]
    if not parts or parts == [""]:
        return pointer
    field = parts[-1].replace("_per_", " / ").replace("_", " ")
    where: list[str] = []
    k = 0
    while k < len(parts) - 1:
        part = parts[k]
        if part in _INDEXED_PARTS and k + 1 < len(parts) - 1 and parts[k + 1].isdigit():
            where.append(f"{_INDEXED_PARTS[part]} {parts[k + 1]}")
            k += 2
            continue
        where.append(part.replace("_", " "))
        k += 1
    return f"{field} ({', '.join(where)})" if where else field


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

    outcomes: which outcomes to show (default: all of the first variant's ``scenario.outcomes``).
    """
    ax = _axes(ax)
    variants = _as_variants(results)
    first = next(iter(variants.values()))
    names = list(outcomes) if outcomes is not None else list(first.scenario.outcomes)
    for label, result in variants.items():
        valid = list(result.scenario.outcomes)
        unknown = [name for name in names if name not in valid]
        if unknown:
            raise ValueError(f"unknown outcomes {unknown} for {label!r}; valid: {valid}")
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
    """The share of wars still on after each month, one step curve per variant, each with its
    pointwise 95% Wilson band."""
    ax = _axes(ax)
    for label, result in _as_variants(results).items():
        curve = result.survival
        months = np.arange(curve.shape[0])
        (line,) = ax.step(months, curve, where="post", label=label)
        band = result.survival_band
        ax.fill_between(months, band[:, 0], band[:, 1], step="post", color=line.get_color(), alpha=0.2, linewidth=0)
    ax.set_xlabel("month")
    ax.set_ylabel("share of wars still on")
    ax.set_ylim(0.0, 1.02)
    ax.set_title("War duration: survival curve")
    ax.legend()
    return ax


def fan(
    traces: pd.DataFrame,
    ax: Axes | None = None,
    column: str = "front_share",
    bands: Sequence[tuple[float, float]] = ((0.05, 0.95), (0.25, 0.75)),
) -> Axes:
    """A fan of many trials of one war: ``column`` (the front by default) by month, its median
    and quantile bands over the trials still going that month, each trial's ending marked at its
    month and value by how it ended, and the share of trials still going as a line on a second
    axis (the bands rest on fewer trials as it falls).

    traces: ``parley.traces(scenario, trials=...)``, or any frame with its ``trial``, ``month``,
    ``outcome``, ``end_month`` and ``column`` columns.
    """
    missing = {"trial", "month", "outcome", "end_month", column} - set(traces.columns)
    if missing:
        raise ValueError(f"fan: the frame lacks {sorted(missing)}; give it parley.traces(...)")
    for lower, upper in bands:
        if not 0.0 <= lower < upper <= 1.0:
            raise ValueError(f"fan: band ({lower}, {upper}) must satisfy 0 <= lower < upper <= 1")
    ax = _axes(ax)
    by_month = traces.groupby("month")[column]
    months = np.asarray(sorted(traces["month"].unique()))
    for k, (lower, upper) in enumerate(sorted(bands, key=lambda band: band[1] - band[0], reverse=True)):
        ax.fill_between(
            months,
            by_month.quantile(lower).to_numpy(),
            by_month.quantile(upper).to_numpy(),
            color="tab:blue",
            alpha=0.15 + 0.15 * k,
            linewidth=0,
            label=f"{lower:.0%}-{upper:.0%} of trials still going",
        )
    ax.plot(months, by_month.median().to_numpy(), color="tab:blue", label="median")
    last = traces.sort_values("month").groupby("trial").tail(1)
    ended = last[last["outcome"] != "ongoing"]
    # In the scenario's order of outcomes where parley.traces recorded it.
    seen = set(ended["outcome"])
    known = [name for name in traces.attrs.get("outcomes", []) if name in seen]
    for outcome in known + sorted(seen - set(known)):
        mark = ended[ended["outcome"] == outcome]
        ax.scatter(mark["month"], mark[column], s=14, label=f"ends: {outcome.replace('_', ' ')}", zorder=3)
    ax.set_xlabel("month")
    ax.set_ylabel(column.replace("_", " "))
    trials = traces["trial"].nunique()
    ax.set_title(f"{column.replace('_', ' ')} by month over {trials} trials")
    going = ax.twinx()
    going.plot(months, by_month.size().to_numpy() / trials, color="grey", linestyle="--", label="share still going")
    going.set_ylabel("share of trials still going")
    going.set_ylim(0.0, 1.02)
    handles, labels = ax.get_legend_handles_labels()
    more_handles, more_labels = going.get_legend_handles_labels()
    ax.legend(handles + more_handles, labels + more_labels, fontsize="small", loc="best")
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


def terms(results: Results, issue: str, ax: Axes | None = None) -> Axes:
    """The distribution of one issue's value in settled wars (0, 0.05, ..., 1), one line of
    markers per variant, from the report's settlement terms."""
    ax = _axes(ax)
    for label, result in _as_variants(results).items():
        by_issue = result.report.get("bargaining", {}).get("settlement_terms", {}).get("by_issue", {})
        if issue not in by_issue:
            raise ValueError(f"unknown issue {issue!r}; valid: {sorted(by_issue)}")
        shares = np.asarray(by_issue[issue]["share_by_value"], dtype=float)
        values = np.linspace(0.0, 1.0, shares.shape[0])
        ax.plot(values, shares, marker="o", label=label)
    ax.set_xlabel(f"{issue.replace('_', ' ')} in the deal")
    ax.set_ylabel("share of settled wars")
    ax.set_xlim(-0.02, 1.02)
    ax.set_title("Settlement terms")
    ax.legend()
    return ax


_VERDICT_COLOURS = {
    "supported": "tab:green",
    "contradicted": "tab:red",
    "not distinguishable": "tab:gray",
}


def claim_effects(result: ClaimsResult, ax: Axes | None = None) -> Axes:
    """A forest plot of the claims on one common scale: each claim's tested estimate (the
    paired difference, or the level for above/below claims) and interval, shifted by its claimed
    boundary and divided by its interval's half-width, so every boundary sits at 0 and an
    interval that does not reach 0 excludes the boundary. Claims on months, shares and costs
    share the axis without their scales being mixed; each row's raw estimate, interval and
    boundary, in its metric's own units, are printed beside it. Coloured by verdict."""
    ax = _axes(ax)
    table = result.claims
    rows = np.arange(len(table))[::-1]
    for row, (_, claim) in zip(rows, table.iterrows()):
        colour = _VERDICT_COLOURS.get(claim["verdict"], "black")
        estimate, low, high, boundary = claim["estimate"], claim["ci_lower"], claim["ci_upper"], claim["boundary"]
        half_width = (high - low) / 2.0
        if np.isfinite(half_width) and half_width > 0.0:
            scaled = [(value - boundary) / half_width for value in (low, high, estimate)]
            ax.plot(scaled[:2], [row, row], color=colour, linewidth=2)
            ax.plot([scaled[2]], [row], marker="o", color=colour)
        raw = f"{estimate:.3g} [{low:.3g}, {high:.3g}] vs {boundary:.3g} ({claim['metric']})"
        ax.annotate(raw, xy=(1.01, row), xycoords=("axes fraction", "data"), va="center", fontsize="small")
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_yticks(rows)
    ax.set_yticklabels(list(table["id"]))
    ax.set_xlabel("(estimate - claimed boundary) / interval half-width: an interval not reaching 0 excludes the boundary")
    ax.set_title(f"Claims: effects with {result.report['confidence'] * 100:g}% intervals")
    return ax


def sensitivity(result: SweepResult, metric: str, ax: Axes | None = None) -> Axes:
    """Bars of each swept parameter's first-order and total Sobol' index for one metric, with
    their bootstrap 95% intervals (Saltelli designs); the title carries the sweep's warnings
    (indices outside [0, 1], intervals wider than the index) and the base rows that would
    make the indices readable."""
    ax = _axes(ax)
    table = result.sobol
    if table is None:
        raise ValueError("the sweep has no Sobol' indices: use a saltelli design")
    rows = table[table["metric"] == metric]
    if rows.empty:
        raise ValueError(f"no indices for metric {metric!r}; with indices: {sorted(set(table['metric']))}")
    positions = np.arange(len(rows))
    for k, kind in enumerate(("first_order", "total")):
        value = rows[kind].to_numpy()
        errors = np.vstack([value - rows[f"{kind}_ci_lower"].to_numpy(), rows[f"{kind}_ci_upper"].to_numpy() - value])
        ax.bar(positions - 0.2 + 0.4 * k, value, 0.4, yerr=np.clip(errors, 0.0, None), capsize=3,
               label=kind.replace("_", " "))
    ax.set_xticks(positions)
    ax.set_xticklabels([parameter_label(pointer) for pointer in rows["parameter"]], rotation=20, ha="right")
    ax.set_ylabel("Sobol' index")
    ax.axhline(0.0, color="black", linewidth=0.6)
    ax.axhline(1.0, color="grey", linewidth=0.6, linestyle=":")
    title = f"Sensitivity of {metric}"
    # Indices outside [0, 1] or intervals wider than the index are sampling error: the figure says
    # so rather than letting a bar at 3.4 pass for a finding (docs/sweep-statistics.md, "Warnings").
    warnings = (result.sensitivity or {}).get(metric, {}).get("warnings", [])
    if warnings:
        needed = (result.sensitivity or {}).get(metric, {}).get("base_rows_needed")
        caveat = f"{len(warnings)} warnings: too few base rows to read"
        title += f"\n({caveat}; about {needed} needed)" if needed else f"\n({caveat})"
    ax.set_title(title)
    ax.legend()
    return ax
