"""parley.draft: the treaty drafts every required party accepts, as ``parley draft`` ranks them."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Union

from . import _core

if TYPE_CHECKING:
    import pandas as pd

TreatySource = Union[str, "os.PathLike[str]", Mapping[str, Any]]


class DraftResult:
    """Ranked treaty drafts: ``report`` is the dict ``parley draft`` prints as JSON.

    ``drafts`` is a DataFrame of the ranked drafts (best first), ``presets`` the document's
    presets evaluated the same way, ``robust`` (with trials) every listed draft by its
    probability of acceptance by all, ``article_frequency`` (exact search) how often each
    article is in an acceptable draft. Each actor's value is its ``satisfaction`` (average rule,
    0-10) or ``utility`` (additive rule): ``value_name`` says which.
    """

    def __init__(self, output: _core.DraftOutput) -> None:
        self._output = output
        self.actors: tuple[str, ...] = tuple(output.actors)
        self.value_name: str = output.value_name

    @cached_property
    def report(self) -> dict[str, Any]:
        """The report as a dict, equal to ``json.loads`` of ``parley draft``'s output."""
        loaded: dict[str, Any] = json.loads(self.to_json())
        return loaded

    @property
    def provenance(self) -> dict[str, Any]:
        """Source, content hash, rule, concept, search method, top_k, trials, seed, Parley's version."""
        return dict(self.report["provenance"])

    @property
    def counts(self) -> dict[str, int | None]:
        """Articles, drafts respecting the exclusions and accepted by all (None for a heuristic search), evaluated."""
        return dict(self.report["counts"])

    def _frame(self, drafts: list[dict[str, Any]]) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for draft in drafts:
            row: dict[str, Any] = {"label": draft["label"], "articles": tuple(draft["articles"]), "size": draft["size"]}
            for actor in self.actors:
                row[f"{self.value_name}_{actor}"] = draft[self.value_name][actor]
            for actor in self.actors:
                row[f"gain_{actor}"] = draft["gain"][actor]
            for actor in self.actors:
                row[f"accepts_{actor}"] = draft["accepts"][actor]
            for key in _DRAFT_COLUMNS:
                row[key] = draft[key]
            acceptance = draft["acceptance"] or {}
            row["p_accept"] = acceptance.get("probability", float("nan"))
            row["p_lower"] = acceptance.get("lower", float("nan"))
            row["p_upper"] = acceptance.get("upper", float("nan"))
            rows.append(row)
        columns = [
            "label",
            "articles",
            "size",
            *(f"{self.value_name}_{actor}" for actor in self.actors),
            *(f"gain_{actor}" for actor in self.actors),
            *(f"accepts_{actor}" for actor in self.actors),
            *_DRAFT_COLUMNS,
            "p_accept",
            "p_lower",
            "p_upper",
        ]
        frame = pd.DataFrame(rows, columns=columns)
        # None (an infinite Nash product) reads as NaN in a float column.
        frame["nash_log_product"] = frame["nash_log_product"].astype(float)
        return frame

    @cached_property
    def drafts(self) -> pd.DataFrame:
        """The ranked acceptable drafts, best first, indexed by rank (1, 2, ...).

        Columns: label, articles (a tuple of article ids), size, <value>_<actor>, gain_<actor>,
        accepts_<actor>, respects_exclusions, accepted_by_all, nash_log_product (NaN for an
        infinite one), egalitarian_gain, utilitarian_gain, and p_accept, p_lower, p_upper
        (P(accepted by all) and its 95% interval; NaN without trials).
        """
        frame = self._frame(self.report["ranked"])
        frame.index = range(1, len(frame) + 1)
        frame.index.name = "rank"
        return frame

    @cached_property
    def presets(self) -> pd.DataFrame:
        """The document's presets, in its order, with the same columns as ``drafts``."""
        return self._frame(self.report["presets"])

    @cached_property
    def robust(self) -> pd.DataFrame | None:
        """With trials: every listed draft once, most likely to be accepted by all first; else None."""
        robust = self.report["robust"]
        return None if robust is None else self._frame(robust)

    @cached_property
    def article_frequency(self) -> pd.DataFrame | None:
        """Exact search: id, title, category, accepted_drafts, share per article, most frequent first; else None."""
        import pandas as pd

        frequency = self.report["article_frequency"]
        if frequency is None:
            return None
        return pd.DataFrame(frequency, columns=["id", "title", "category", "accepted_drafts", "share"])

    def to_json(self) -> str:
        """The report as JSON text, byte for byte what ``parley draft`` prints."""
        return self._output.report_json()

    def to_csv(self) -> str:
        """The report as CSV, as ``parley draft --format csv`` writes it."""
        return self._output.report_csv()

    def to_markdown(self) -> str:
        """The report as markdown, as ``parley draft --format markdown`` writes it."""
        return self._output.report_markdown()

    def __repr__(self) -> str:
        counts = self.counts
        accepted = counts["drafts_accepted_by_all"]
        found = "?" if accepted is None else str(accepted)
        return (
            f"<parley.DraftResult '{self.report['name']}': {found} acceptable drafts, "
            f"{len(self.report['ranked'])} ranked by {self.provenance['concept']}>"
        )

    def _repr_html_(self) -> str:
        return f"<p>{repr(self)[1:-1]}</p>" + self.drafts.to_html(float_format=lambda x: f"{x:.3f}")


_DRAFT_COLUMNS = (
    "respects_exclusions",
    "accepted_by_all",
    "nash_log_product",
    "egalitarian_gain",
    "utilitarian_gain",
)


def draft(
    document: TreatySource,
    concept: str = "nash",
    top: int = 10,
    trials: int | None = None,
    seed: int = 1,
) -> DraftResult:
    """Ranks the treaty drafts every required party accepts, like ``parley draft``.

    document: a treaty document (docs/treaty-drafting.md), or a scenario with a "treaty" block
        (whose additive reservations may come from its bargaining block's war values), as a
        file path or a dict.
    concept: 'nash', 'egalitarian' or 'utilitarian', the ranking.
    top: how many ranked drafts to report.
    trials: Monte Carlo trials for P(accepted by all); None gives 2000 when a score is uncertain
        and 0 otherwise, as the command line does.
    seed: master seed of the Monte Carlo and the heuristic search.

    Invalid options or an invalid document raise ScenarioError listing every problem.
    """
    return DraftResult(_core.draft(document, concept=concept, top=top, trials=trials, seed=seed))
