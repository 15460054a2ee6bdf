"""parley.draft: equal to `parley draft`, with the ranked drafts as a DataFrame."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest

import parley
from conftest import SOURCE_DIR, seconds_to_keyboard_interrupt

CSIS = SOURCE_DIR / "scenarios" / "csis_treaty.json"


def draft_cli(cli: Path, *args: str) -> str:
    return subprocess.run([str(cli), "draft", str(CSIS), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def csis() -> parley.DraftResult:
    return parley.draft(CSIS)


def test_draft_equals_the_cli(cli: Path, csis: parley.DraftResult) -> None:
    stdout = draft_cli(cli)
    assert csis.report == json.loads(stdout)
    assert csis.to_json() == stdout  # byte for byte
    assert csis.to_csv() == draft_cli(cli, "--format", "csv")
    assert csis.to_markdown() == draft_cli(cli, "--format", "markdown")


def test_options_equal_the_cli_options(cli: Path) -> None:
    result = parley.draft(str(CSIS), concept="egalitarian", top=3, trials=300, seed=4)
    stdout = draft_cli(cli, "--concept", "egalitarian", "--top", "3", "--trials", "300", "--seed", "4")
    assert result.to_json() == stdout
    assert len(result.drafts) == 3 and result.provenance["trials"] == 300


def test_a_scenario_with_war_value_reservations_equals_the_cli(cli: Path) -> None:
    """A war scenario with a bargaining and a treaty block, reservations from war values."""
    path = SOURCE_DIR / "scenarios" / "validation" / "treaty_war_values.json"
    stdout = subprocess.run([str(cli), "draft", str(path)], check=True, capture_output=True, text=True).stdout
    result = parley.draft(path)
    assert result.to_json() == stdout
    reservations = result.report["reservations_from_war_values"]
    assert [reservations[actor]["best_draft_utility"] for actor in result.actors] == [20.0, 24.0]
    from_dict = parley.draft(json.loads(path.read_text(encoding="utf-8")))
    assert from_dict.report["reservations_from_war_values"] == reservations
    assert from_dict.report["ranked"] == result.report["ranked"]


def test_drafts_frame_follows_the_report(csis: parley.DraftResult) -> None:
    report = csis.report
    frame = csis.drafts
    ranked = report["ranked"]
    assert list(frame.index) == list(range(1, len(ranked) + 1)) and frame.index.name == "rank"
    assert list(frame["label"]) == [d["label"] for d in ranked]
    assert list(frame["articles"]) == [tuple(d["articles"]) for d in ranked]
    value = csis.value_name
    assert value in ("satisfaction", "utility")
    for actor in csis.actors:
        assert list(frame[f"{value}_{actor}"]) == [d[value][actor] for d in ranked]
        assert list(frame[f"gain_{actor}"]) == [d["gain"][actor] for d in ranked]
    assert frame["accepted_by_all"].all()
    for column in ("egalitarian_gain", "utilitarian_gain"):
        assert list(frame[column]) == [d[column] for d in ranked]
    for row, d in zip(frame.itertuples(), ranked):
        if d["acceptance"] is None:
            assert math.isnan(row.p_accept)
        else:
            assert row.p_accept == d["acceptance"]["probability"]
    assert list(csis.presets["label"]) == [d["label"] for d in report["presets"]]
    assert csis.counts["drafts_accepted_by_all"] == 8413  # as tests/cli/draft.sh checks
    frequency = csis.article_frequency
    assert frequency is not None and list(frequency["id"]) == [f["id"] for f in report["article_frequency"]]
    assert (csis.robust is None) == (report["robust"] is None)
    assert "8413" in repr(csis) and "<table" in csis._repr_html_()


def test_a_dict_gives_the_same_drafts(csis: parley.DraftResult) -> None:
    with open(CSIS, encoding="utf-8") as f:
        document = json.load(f)
    from_dict = parley.draft(document)
    assert from_dict.provenance["source"] == "<dict>"
    assert from_dict.provenance["content_hash"] == csis.provenance["content_hash"]
    assert {k: v for k, v in from_dict.report.items() if k != "provenance"} == {
        k: v for k, v in csis.report.items() if k != "provenance"
    }


@pytest.mark.parametrize(
    ("options", "pointer"),
    [({"concept": "pareto"}, "concept"), ({"top": 0}, "top"), ({"trials": -1}, "trials"), ({"seed": -1}, "seed")],
)
def test_invalid_options_raise_scenario_error(options: dict, pointer: str) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.draft(CSIS, **options)
    assert [issue.pointer for issue in caught.value.issues] == [pointer]


def test_an_invalid_document_names_the_pointer() -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.draft({"name": "x", "actors": ["A"], "treaty": {"articles": [], "thresholdz": {}}})
    issue = next(i for i in caught.value.issues if i.pointer == "/treaty/thresholdz")
    assert "thresholds" in issue.hint
    with pytest.raises(TypeError):
        parley.draft(3)  # type: ignore[arg-type]


def test_ctrl_c_stops_a_long_search_promptly() -> None:
    # 30 articles that every party accepts in any draft: the exact search walks 2^30 - 1 drafts.
    articles = [{"id": i + 1, "title": f"article {i + 1}", "scores": {"A": 10, "B": 10}} for i in range(30)]
    document = {"name": "all_acceptable_30", "actors": ["A", "B"],
                "treaty": {"rule": "average", "articles": articles, "thresholds": {"A": 1, "B": 1}}}
    elapsed = seconds_to_keyboard_interrupt(lambda: parley.draft(document), after=0.3)
    assert elapsed < 3.0, f"KeyboardInterrupt took {elapsed:.2f} s"
