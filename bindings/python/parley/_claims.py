"""parley.claims: the claims of claims files tested on common random numbers, as ``parley claims`` tests them."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Union

from . import _core

if TYPE_CHECKING:
    import pandas as pd

ClaimsSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]

# The text columns of the CSV; every other column is a number (empty where it does not apply).
_TEXT_COLUMNS = ("id", "file", "article", "metric", "expect", "baseline", "variant", "verdict", "quote")
_DEFAULT_CONFIDENCE = 0.95


class ClaimsResult:
    """Every claim tested: ``report`` is the dict ``parley claims`` prints as JSON.

    ``claims`` is the tidy table, one row per claim (the CSV ``parley claims --format csv``
    writes); ``verdicts`` maps each claim id to its verdict. The report's "command" says how
    the result was made in Python; every other field equals the command line's for the same
    files, trials, seed and confidence, on any number of threads.
    """

    def __init__(self, output: _core.ClaimsOutput) -> None:
        self._output = output

    @cached_property
    def report(self) -> dict[str, Any]:
        """The report as a dict, equal to ``json.loads`` of ``parley claims``'s output but for "command"."""
        return self._output.report()

    @property
    def provenance(self) -> dict[str, Any]:
        """The report without its claims: version, the call that made it, method, confidence, trials, seed, files."""
        return {key: value for key, value in self.report.items() if key != "claims"}

    @property
    def verdicts(self) -> dict[str, str]:
        """Claim id -> 'supported', 'contradicted', 'not distinguishable' or 'undefined', in report order."""
        return {claim["id"]: claim["verdict"] for claim in self.report["claims"]}

    @cached_property
    def claims(self) -> pd.DataFrame:
        """One row per claim, in report order: the CSV ``parley claims --format csv`` writes.

        Columns: id, file, article, metric, expect, boundary (the value the tested estimate must
        clear), baseline (empty for a level claim), variant, trials, baseline_value,
        variant_value, estimate, ci_lower, ci_upper, standard_error (of the tested quantity: the
        paired difference, or a level claim's own estimate), independent_streams_standard_error
        (what the difference's would be without common random numbers; NaN for a level claim),
        verdict, trials_to_resolve (NaN unless not distinguishable) and quote.
        """
        import pandas as pd

        # round_trip reads the CSV's shortest decimals back exactly; only number columns turn
        # empty cells into NaN.
        text = self.to_csv()
        numbers = [column for column in text.split("\n", 1)[0].split(",") if column not in _TEXT_COLUMNS]
        return pd.read_csv(
            io.StringIO(text),
            dtype={column: str for column in _TEXT_COLUMNS},
            keep_default_na=False,
            na_values={column: [""] for column in numbers},
            float_precision="round_trip",
        )

    def to_json(self, indent: int = 2) -> str:
        """The report as JSON text, as ``parley claims`` prints it ("command" says how it was called from Python)."""
        return self._output.report_json(indent)

    def to_csv(self) -> str:
        """The report as CSV, as ``parley claims --format csv`` writes it."""
        return self._output.report_csv()

    def to_markdown(self) -> str:
        """The report as markdown, as ``parley claims --format markdown`` writes it (docs/claims.md)."""
        return self._output.report_markdown()

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for verdict in self.verdicts.values():
            counts[verdict] = counts.get(verdict, 0) + 1
        tally = ", ".join(f"{count} {verdict}" for verdict, count in sorted(counts.items()))
        return f"<parley.ClaimsResult: {len(self.verdicts)} claims ({tally})>"

    def _repr_html_(self) -> str:
        columns = ["id", "metric", "expect", "boundary", "estimate", "ci_lower", "ci_upper", "verdict"]
        return f"<p>{repr(self)[1:-1]}</p>" + self.claims[columns].to_html(float_format=lambda x: f"{x:.4g}")


def _source_text(source: ClaimsSource, index: int, count: int) -> str:
    # The engine names a dict "<dict>" alone, "<dict N>" in a list (bindings/src/claims.cpp).
    if isinstance(source, Mapping):
        return "<dict>" if count == 1 else f"<dict {index}>"
    return repr(os.fspath(source))


def _calling_command(
    sources: list[ClaimsSource],
    as_list: bool,
    trials: int | None,
    seed: int | None,
    confidence: float,
) -> str:
    """The call that reproduces the report, for its provenance: the files and the options that
    change results (not threads or progress, which cannot)."""
    names = [_source_text(source, i, len(sources)) for i, source in enumerate(sources)]
    arguments = ["[" + ", ".join(names) + "]" if as_list else names[0]]
    if trials is not None:
        arguments.append(f"trials={trials}")
    if seed is not None:
        arguments.append(f"seed={seed}")
    if confidence != _DEFAULT_CONFIDENCE:
        arguments.append(f"confidence={confidence!r}")
    return "parley.claims(" + ", ".join(arguments) + ")"


def claims(
    files: ClaimsSource | Sequence[ClaimsSource],
    trials: int | None = None,
    seed: int | None = None,
    confidence: float = _DEFAULT_CONFIDENCE,
    threads: int = 0,
    progress: Callable[[int, int], object] | None = None,
) -> ClaimsResult:
    """Tests the claims of one or more claims files (docs/claims-format.md), like ``parley claims``.

    files: a claims file's path or the same document as a dict, or a list of them (claim ids
        must be unique across them). A file's "baseline" is relative to the file; a dict's is
        relative to the working directory. A dict is reported as "<dict>" (or "<dict N>", N its
        place in the list); its content hash is the file's.
    trials, seed: default to each file's baseline scenario's "trials" and "seed".
    confidence: the level of every interval, in (0, 1).
    threads: worker threads, 0 for every core; results do not depend on it.
    progress: called as ``progress(done, total)`` in the calling thread with trial pairs done
        over all the comparisons.

    The engine runs on a worker thread with the GIL released. Ctrl-C (KeyboardInterrupt) stops
    it within a batch of trials; an exception raised by ``progress`` stops it too and is
    re-raised. An invalid claims file, scenario change or option raises ScenarioError.
    """
    as_list = not isinstance(files, (str, os.PathLike, Mapping))
    if as_list and not isinstance(files, Sequence):
        raise TypeError(f"claims: expected a path, a dict or a list of them, not {type(files).__name__}")
    sources: list[ClaimsSource] = list(files) if as_list else [files]  # type: ignore[arg-type]
    command = _calling_command(sources, as_list, trials, seed, confidence)
    output = _core.claims(
        sources,
        trials=trials,
        seed=seed,
        confidence=confidence,
        threads=threads,
        progress=progress,
        command=command,
    )
    return ClaimsResult(output)
