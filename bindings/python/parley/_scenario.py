"""How every package-level function takes a scenario: a Scenario, a path or a dict."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Union

from ._core import Scenario

ScenarioSource = Union[Scenario, str, "os.PathLike[str]", Mapping[str, Any]]


def load_scenario(source: ScenarioSource) -> Scenario:
    """Loads and validates a scenario from a file path or a dict (a Scenario is returned as is).

    For JSON text use ``Scenario.from_json``. Raises ScenarioError listing every problem with
    its JSON pointer, or ParleyError when a file cannot be read.
    """
    if isinstance(source, Scenario):
        return source
    if isinstance(source, Mapping):
        return Scenario.from_dict(dict(source))
    if isinstance(source, (str, os.PathLike)):
        return Scenario.from_file(source)
    raise TypeError(f"load_scenario: expected a Scenario, a path or a dict, not {type(source).__name__}")
