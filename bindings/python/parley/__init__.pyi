"""Type stubs for the parley package (bindings/python/parley)."""

import os
from collections.abc import Callable, Mapping
from typing import Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import plots as plots
from ._core import OUTCOMES as OUTCOMES
from ._core import Issue as Issue
from ._core import ParleyError as ParleyError
from ._core import Scenario as Scenario
from ._core import ScenarioError as ScenarioError
from ._core import __version__ as __version__

__all__ = [
    "OUTCOMES",
    "Issue",
    "ParleyError",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "TrialRecords",
    "__version__",
    "compare",
    "load_scenario",
    "plots",
    "run",
]

ScenarioSource = Union[Scenario, str, os.PathLike[str], Mapping[str, Any]]

class TrialRecords:
    outcome: npt.NDArray[np.uint8]
    end_month: npt.NDArray[np.int32]
    cost: npt.NDArray[np.float64]
    actor_ids: tuple[str, ...]
    def __len__(self) -> int: ...
    def outcome_counts(self) -> dict[str, int]: ...
    def to_frame(self) -> pd.DataFrame: ...

class RunResult:
    scenario: Scenario
    records: TrialRecords | None
    @property
    def report(self) -> dict[str, Any]: ...
    @property
    def trials(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def provenance(self) -> dict[str, Any]: ...
    @property
    def outcomes(self) -> pd.DataFrame: ...
    @property
    def survival(self) -> npt.NDArray[np.float64]: ...
    @property
    def costs(self) -> pd.DataFrame: ...
    @property
    def duration(self) -> dict[str, Any]: ...
    def to_json(self, indent: int = 2) -> str: ...
    def to_csv(self) -> str: ...
    def summary(self) -> str: ...
    def _repr_html_(self) -> str: ...

def load_scenario(source: ScenarioSource) -> Scenario: ...
def run(
    scenario: ScenarioSource,
    trials: int | None = None,
    seed: int | None = None,
    threads: int = 0,
    trial_records: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> RunResult: ...
def compare(results: Mapping[str, RunResult], intervals: bool = False) -> pd.DataFrame: ...
