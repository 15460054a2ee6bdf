"""parley.solve: the bargaining table at month 0, as ``parley solve`` computes it."""

from __future__ import annotations

import html
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import _core
from ._core import Scenario
from ._scenario import ScenarioSource, load_scenario

if TYPE_CHECKING:
    import pandas as pd


class SolveResult:
    """The table at month 0 at the scenario's central parameter point (every distribution at its mean).

    ``report`` is the dict ``parley solve --format json`` prints; the properties are views of it:
    each belligerent's ``war_values``, the perceived ``bargaining_ranges`` per issue, the
    predicted ``deal`` and each actor's ``gains``, and the ``commitment_problem`` verdict.
    ``actors`` and ``issues`` are the whole table as DataFrames. Everything keyed by actor or
    issue follows the scenario's order.
    """

    def __init__(self, output: _core.SolveOutput, scenario: Scenario) -> None:
        self._output = output
        self.scenario: Scenario = scenario

    @cached_property
    def report(self) -> dict[str, Any]:
        """The answer as a dict, equal to ``json.loads`` of ``parley solve --format json``."""
        return self._output.report()

    @property
    def ripe(self) -> bool:
        """Whether both belligerents are in a hurting stalemate (Zartman)."""
        return bool(self.report["ripe"])

    @property
    def status(self) -> str:
        """'agreement' or 'no_bargaining_space'."""
        return str(self.report["status"])

    @property
    def commitment_problem(self) -> bool:
        """True when a deal exists without the fear of reneging but not with it (Fearon 1995; Powell 2006)."""
        return bool(self.report["commitment_problem"])

    @property
    def war_values(self) -> dict[str, float]:
        """Each belligerent's perceived value of fighting on, in deal units, by actor id."""
        belligerents = [actor["id"] for actor in self.scenario.actors if actor["role"] == "belligerent"]
        return {actor: self.report["actors"][actor]["war_value"] for actor in belligerents}

    @property
    def bargaining_ranges(self) -> dict[str, tuple[float, float] | None]:
        """Per issue: the values every veto player accepts (others at the deal), or None when there are none."""
        ranges = {}
        for issue in self._issue_ids():
            bounds = self.report["issues"][issue]["bargaining_range"]
            ranges[issue] = None if bounds is None else (bounds[0], bounds[1])
        return ranges

    @property
    def deal(self) -> dict[str, float] | None:
        """The predicted terms per issue when there is an agreement, else None."""
        if self.status != "agreement":
            return None
        return {issue: self.report["issues"][issue]["deal"] for issue in self._issue_ids()}

    @property
    def gains(self) -> dict[str, float | None]:
        """Each actor's gain from the deal over its disagreement value (None where the report has none)."""
        return {actor["id"]: self.report["actors"][actor["id"]]["gain"] for actor in self.scenario.actors}

    @property
    def provenance(self) -> dict[str, Any]:
        """What produced this answer: version, method, scenario name and content hash."""
        report = self.report
        return {
            "parley_version": report["parley_version"],
            "method": report["method"],
            "scenario": report["scenario"]["name"],
            "content_hash": report["scenario"]["content_hash"],
        }

    @cached_property
    def actors(self) -> pd.DataFrame:
        """One row per actor, in the scenario's order: role and every per-actor quantity of the report."""
        import pandas as pd

        rows = []
        for actor in self.scenario.actors:
            entry = self.report["actors"][actor["id"]]
            rows.append(
                {
                    "actor": actor["id"],
                    "role": actor["role"],
                    **{key: entry.get(key) for key in _ACTOR_COLUMNS},
                }
            )
        return pd.DataFrame(rows, columns=["actor", "role", *_ACTOR_COLUMNS])

    @cached_property
    def issues(self) -> pd.DataFrame:
        """One row per issue: on_table, range_lower, range_upper (NaN without a range), deal, deal_without_fear_of_reneging."""
        import pandas as pd

        rows = []
        for issue in self._issue_ids():
            entry = self.report["issues"][issue]
            bounds = entry["bargaining_range"] or [float("nan"), float("nan")]
            rows.append(
                {
                    "issue": issue,
                    "on_table": entry["on_table"],
                    "range_lower": bounds[0],
                    "range_upper": bounds[1],
                    "deal": entry["deal"],
                    "deal_without_fear_of_reneging": entry["deal_without_fear_of_reneging"],
                }
            )
        return pd.DataFrame(
            rows,
            columns=["issue", "on_table", "range_lower", "range_upper", "deal", "deal_without_fear_of_reneging"],
        )

    def _issue_ids(self) -> list[str]:
        # The report's objects are keyed (and so sorted) by id; tables follow the scenario's order.
        return [issue["id"] for issue in self.scenario.issues]

    def to_json(self, indent: int = 2) -> str:
        """The answer as JSON text, byte for byte what ``parley solve --format json`` prints."""
        return self._output.report_json(indent)

    def summary(self) -> str:
        """A table for people, as ``parley solve`` prints it."""
        return self._output.report_text()

    def __repr__(self) -> str:
        verdict = ", commitment problem" if self.commitment_problem else ""
        return f"<parley.SolveResult '{self.scenario.name}': {self.status}, ripe {self.ripe}{verdict}>"

    def _repr_html_(self) -> str:
        header = f"<p><b>{html.escape(self.scenario.name)}</b> at month 0: {html.escape(repr(self))}</p>"
        return header + self.actors.to_html(index=False) + self.issues.to_html(index=False)


_ACTOR_COLUMNS = (
    "at_table",
    "war_value",
    "disagreement_value",
    "perceived_drift_per_month",
    "monthly_cost_utility",
    "gain",
    "stalemate",
    "pain",
)


def solve(scenario: ScenarioSource) -> SolveResult:
    """Solves the bargaining table at month 0, like ``parley solve``.

    At the scenario's central parameter point: each side's war value, ripeness, the perceived
    bargaining range on each issue, the predicted deal and each party's gain, and the
    commitment-problem verdict. The scenario needs a ``bargaining`` block (ScenarioError
    otherwise). Deterministic: no seed, no trials.
    """
    loaded = load_scenario(scenario)
    return SolveResult(_core.solve(loaded), loaded)
