"""parley.plots and parley.compare: every helper returns the Axes it drew on, never shows."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

import parley
from parley import plots


@pytest.fixture(scope="module")
def variants(flagship: parley.Scenario, flagship_result: parley.RunResult) -> dict[str, parley.RunResult]:
    no_us_aid = flagship.with_changes({"/aid/0/amount_per_month": 0.0})
    return {"flagship": flagship_result, "no US aid": parley.run(no_us_aid, trials=4000, seed=11)}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_outcome_shares(flagship_result: parley.RunResult, variants: dict[str, parley.RunResult]) -> None:
    ax = plots.outcome_shares(flagship_result)
    assert isinstance(ax, Axes)
    assert len(ax.patches) == len(parley.OUTCOMES)
    _, given = plt.subplots()
    assert plots.outcome_shares(variants, ax=given) is given
    assert len(given.patches) == 2 * len(parley.OUTCOMES)
    picked = plots.outcome_shares(flagship_result, outcomes=["ukraine_victory", "russia_victory"])
    assert len(picked.patches) == 2
    with pytest.raises(ValueError, match="unknown outcomes"):
        plots.outcome_shares(flagship_result, outcomes=["victory"])


def test_survival_curves(flagship_result: parley.RunResult, variants: dict[str, parley.RunResult]) -> None:
    ax = plots.survival(variants)
    assert isinstance(ax, Axes)
    assert len(ax.get_lines()) == 2
    assert list(ax.get_lines()[0].get_ydata()) == list(flagship_result.survival)
    assert isinstance(plots.survival(flagship_result), Axes)
    with pytest.raises(ValueError):
        plots.survival({})


def test_costs_from_records_and_from_the_report(flagship_result: parley.RunResult, variants) -> None:
    assert flagship_result.records is not None
    ax = plots.costs(flagship_result)
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(flagship_result.records.actor_ids)
    without_records = variants["no US aid"]
    assert without_records.records is None
    ax = plots.costs(without_records, actors=["UKR", "RUS"], log=True)
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="unknown actors"):
        plots.costs(flagship_result, actors=["NATO"])


def test_compare_puts_outcome_shares_side_by_side(variants: dict[str, parley.RunResult]) -> None:
    table = parley.compare(variants)
    assert list(table.columns) == ["flagship", "no US aid"]
    assert list(table.index) == list(parley.OUTCOMES)
    assert table["flagship"]["ukraine_victory"] > table["no US aid"]["ukraine_victory"]
    with_ci = parley.compare(variants, intervals=True)
    assert with_ci[("flagship", "share")].equals(table["flagship"])
    assert ("no US aid", "ci_upper") in with_ci.columns
    with pytest.raises(ValueError):
        parley.compare({})


def test_plots_module_is_reachable_lazily() -> None:
    assert parley.plots is plots
    assert set(plots.__all__) == {
        "claim_effects", "costs", "fan", "outcome_shares", "parameter_label", "sensitivity", "survival", "terms"}


def test_terms_distribution(flagship_result: parley.RunResult, variants: dict[str, parley.RunResult]) -> None:
    ax = plots.terms(variants, "territory")
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 2
    shares = ax.lines[0].get_ydata()
    assert len(shares) == 21 and abs(sum(shares) - 1.0) < 1e-9  # the distribution over settled wars
    with pytest.raises(ValueError, match="unknown issue"):
        plots.terms(flagship_result, "teritory")


def test_claim_effects_forest_plot() -> None:
    from test_claims import CLAIMS

    result = parley.claims(CLAIMS, trials=1000, seed=3)
    ax = plots.claim_effects(result)
    assert isinstance(ax, Axes)
    assert [label.get_text() for label in ax.get_yticklabels()] == [claim["id"] for claim in CLAIMS["claims"]]
    # Per claim with an interval: the interval and the estimate; one line at 0 for every boundary.
    with_interval = result.claims[(result.claims["ci_upper"] - result.claims["ci_lower"]) > 0]
    assert len(ax.lines) == 2 * len(with_interval) + 1
    # One common scale: each row is its estimate's distance from its own boundary in half-widths,
    # so a row lies beyond +-1 exactly when its interval excludes the boundary.
    rows = np.arange(len(result.claims))[::-1]
    for row, (_, claim) in zip(rows, result.claims.iterrows()):
        half = (claim["ci_upper"] - claim["ci_lower"]) / 2
        if half > 0:
            excludes = claim["ci_lower"] > claim["boundary"] or claim["ci_upper"] < claim["boundary"]
            estimate_line = next(line for line in ax.lines if list(line.get_ydata()) == [row] and line.get_marker() == "o")
            scaled = estimate_line.get_xdata()[0]
            assert scaled == pytest.approx((claim["estimate"] - claim["boundary"]) / half)
            interval = (claim["ci_lower"] - claim["boundary"]) / half, (claim["ci_upper"] - claim["boundary"]) / half
            assert (interval[0] > 0 or interval[1] < 0) == excludes
    # The raw numbers, in each metric's units, beside the rows.
    assert len(ax.texts) == len(CLAIMS["claims"])


def test_sensitivity_bars() -> None:
    from test_sweep import SWEEP

    small = dict(SWEEP, trials_per_point=50)
    result = parley.sweep(small)
    metric = result.sobol["metric"].iloc[0]
    ax = plots.sensitivity(result, metric)
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 2 * len(small["parameters"])
    # A small design warns, and the figure says so in its title.
    warnings = result.sensitivity[metric]["warnings"]
    if warnings:
        assert f"{len(warnings)} warnings" in ax.get_title()
    else:
        assert "\n" not in ax.get_title()
    # Readable labels, not raw pointers.
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        plots.parameter_label(parameter["pointer"]) for parameter in small["parameters"]]
    with pytest.raises(ValueError, match="no indices for metric"):
        plots.sensitivity(result, "no_such_metric")


@pytest.mark.parametrize("pointer, label", [
    ("/actors/1/preferences/cost_weight", "cost weight (actor 1, preferences)"),
    ("/battlefield/defence_bias_per_month", "defence bias / month (battlefield)"),
    ("/aid/0/amount_per_month", "amount / month (aid flow 0)"),
    ("/bargaining/talks/stalemate_band_share", "stalemate band share (bargaining, talks)"),
    ("/horizon_months", "horizon months"),
    ("/bargaining/actors/UKR/weight", "weight (bargaining, actors, UKR)"),
])
def test_parameter_labels(pointer: str, label: str) -> None:
    assert plots.parameter_label(pointer) == label


def test_fan_of_fronts(flagship: parley.Scenario) -> None:
    """The fan's bands hold the quantiles of the trials still going each month, its endings are
    marked by outcome, and the second axis falls as trials end."""
    many = parley.traces(flagship, trials=60, seed=5)
    ax = plots.fan(many)
    assert isinstance(ax, Axes)
    labels = ax.get_legend().get_texts()
    texts = [label.get_text() for label in labels]
    assert "median" in texts and "5%-95% of trials still going" in texts and "share still going" in texts
    ended = many.groupby("trial").tail(1)
    ended_outcomes = {o for o in ended["outcome"] if o != "ongoing"}
    assert {f"ends: {o.replace('_', ' ')}" for o in ended_outcomes} <= set(texts)
    median = [line for line in ax.get_lines() if line.get_label() == "median"][0]
    month_five = many[many["month"] == 5]["front_share"].median()
    assert median.get_ydata()[5] == pytest.approx(month_five)
    with pytest.raises(ValueError, match="lacks"):
        plots.fan(many.drop(columns=["outcome"]))
    with pytest.raises(ValueError, match="band"):
        plots.fan(many, bands=((0.9, 0.1),))
