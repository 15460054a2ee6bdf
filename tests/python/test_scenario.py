"""parley.Scenario: loading, validation errors, parameters, and variants by pointer edits."""

from __future__ import annotations

import copy
import errno
import re
import json
from pathlib import Path
from typing import Any

import pytest

import parley
from conftest import FLAGSHIP, MINIMAL


def test_file_string_and_dict_give_the_same_content_hash(flagship_dict: dict[str, Any]) -> None:
    from_file = parley.Scenario.from_file(FLAGSHIP)
    from_path_string = parley.load_scenario(str(FLAGSHIP))
    from_text = parley.Scenario.from_json(FLAGSHIP.read_text(encoding="utf-8"))
    from_dict = parley.Scenario.from_dict(flagship_dict)
    # Key order and spacing do not matter either.
    reordered = json.dumps(dict(reversed(list(flagship_dict.items()))), indent=7)
    from_reordered = parley.Scenario.from_json(reordered)
    hashes = {s.content_hash for s in (from_file, from_path_string, from_text, from_dict, from_reordered)}
    assert len(hashes) == 1
    assert from_file.content_hash.startswith("0x") and len(from_file.content_hash) == 18
    assert from_file.source_path == str(FLAGSHIP)
    assert from_dict.source_path is None


def test_header_actors_and_issues(flagship: parley.Scenario, flagship_dict: dict[str, Any]) -> None:
    assert flagship.name == "ukraine_war"
    assert flagship.description == flagship_dict["description"]
    assert flagship.horizon_months == flagship_dict["horizon_months"]
    assert flagship.default_trials == flagship_dict["trials"]
    assert flagship.default_seed == flagship_dict["seed"]
    assert [a["id"] for a in flagship.actors] == [a["id"] for a in flagship_dict["actors"]]
    assert {a["role"] for a in flagship.actors} == {"belligerent", "third_party"}
    assert [i["id"] for i in flagship.issues] == [i["id"] for i in flagship_dict["issues"]]
    assert flagship.issues[0]["owners"] == ["UKR", "RUS"]
    assert "ukraine_war" in repr(flagship)


def test_source_json_and_to_dict_round_trip(flagship: parley.Scenario, flagship_dict: dict[str, Any]) -> None:
    assert flagship.to_dict() == flagship_dict
    assert json.loads(flagship.source_json) == flagship_dict
    again = parley.Scenario.from_dict(flagship.to_dict())
    assert again.content_hash == flagship.content_hash


def test_parameters_list_every_uncertain_parameter_with_provenance(flagship: parley.Scenario) -> None:
    rows = flagship.parameters()
    paths = [row["name"] for row in rows]
    assert len(paths) == len(set(paths)) > 20
    by_path = {row["name"]: row for row in rows}
    bias = by_path["/battlefield/defence_bias_per_month"]
    assert bias["kind"] == "normal"
    assert bias["mean"] == pytest.approx(-0.0025)
    assert bias["provenance"]["article"] == "004_9e880688ebb75433.txt"
    share = by_path["/actors/UKR/support/initial_share"]
    assert share["kind"] == "fixed" and share["mean"] == pytest.approx(0.84)
    assert share["lower"] == share["upper"] == pytest.approx(0.84)
    assert "/aid/USA->UKR/amount_per_month" in by_path
    # Every shipped parameter says where its value comes from.
    assert all(any(row["provenance"][k] for k in ("article", "reference", "assumption")) for row in rows)


def test_every_parameter_pointer_round_trips_through_with_changes() -> None:
    # For the flagship and every validation scenario: each parameter's pointer names its value in
    # the document, and setting it to a fixed value there changes that parameter and no other.
    root = Path(__file__).resolve().parents[2] / "scenarios"
    for path in [root / "ukraine_war.json", *sorted((root / "validation").glob("*.json"))]:
        scenario = parley.load_scenario(path)
        rows = scenario.parameters()
        for row in rows:
            # The pointer names the value in the document, or a place where a default stands in.
            node: Any = scenario.to_dict()
            for key in row["pointer"].lstrip("/").split("/"):
                if isinstance(node, list):
                    node = node[int(key)]
                else:
                    assert isinstance(node, dict), (path.name, row["pointer"])
                    node = node.get(key)
                if node is None:
                    break
            assert node is None or isinstance(node, (int, float, dict)), (path.name, row["pointer"])
            if node is None:
                # A default: setting it works, or the loader says at that pointer why it may not
                # be set here (a random-walk step under diffusion).
                try:
                    scenario.with_changes({row["pointer"]: row["mean"]})
                except parley.ScenarioError as error:
                    located = re.findall(r"At (/\S*)", str(error))
                    assert any(row["pointer"].startswith(at) for at in located), str(error)
                continue
            changed = scenario.with_changes({row["pointer"]: row["mean"]})
            after = {r["name"]: r for r in changed.parameters()}
            assert after[row["name"]]["kind"] == "fixed", (path.name, row["pointer"])
            assert after[row["name"]]["mean"] == pytest.approx(row["mean"])
            assert [r["pointer"] for r in changed.parameters()] == [r["pointer"] for r in rows]


def test_a_validation_error_raises_scenario_error_with_json_pointers(flagship_dict: dict[str, Any]) -> None:
    bad = copy.deepcopy(flagship_dict)
    bad["battlefield"]["initial_front_share"] = 1.5
    bad["horizon_monthz"] = 12
    with pytest.raises(parley.ScenarioError) as caught:
        parley.Scenario.from_dict(bad)
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, parley.ParleyError)
    pointers = [issue.pointer for issue in error.issues]
    assert "/battlefield/initial_front_share" in pointers
    assert "/horizon_monthz" in pointers
    unknown = next(issue for issue in error.issues if issue.pointer == "/horizon_monthz")
    assert "horizon_months" in unknown.hint
    front = next(issue for issue in error.issues if issue.pointer == "/battlefield/initial_front_share")
    assert front.value == "1.5" and front.rule
    assert front.message.startswith("At /battlefield/initial_front_share of 1.5 - ")
    assert error.source == "<dict>"
    assert "/battlefield/initial_front_share" in str(error)


def test_text_that_is_not_json_is_a_scenario_error() -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        parley.Scenario.from_json('{"name": "x",', source_name="typed by hand")
    assert caught.value.source == "typed by hand"
    assert caught.value.issues


def test_a_file_that_cannot_be_read_is_an_os_error(tmp_path: Path) -> None:
    """A missing file raises what open() would (FileNotFoundError, with errno and filename),
    still a ParleyError; any other unreadable file an OSError, here a folder read as a file."""
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError, match="missing.json") as caught:
        parley.Scenario.from_file(missing)
    assert isinstance(caught.value, parley.MissingFileError) and isinstance(caught.value, parley.ParleyError)
    assert caught.value.errno == errno.ENOENT and caught.value.filename == str(missing)
    with pytest.raises(parley.FileError) as caught_folder:
        parley.Scenario.from_file(tmp_path)
    assert isinstance(caught_folder.value, OSError) and caught_folder.value.errno == errno.EISDIR
    assert not isinstance(caught_folder.value, FileNotFoundError)
    with pytest.raises(FileNotFoundError):
        parley.run(missing, trials=10)


def test_a_file_is_read_within_the_scenario_size_limit() -> None:
    # /dev/zero has no size and no end: the reader stops one byte past kMaxScenarioBytes.
    with pytest.raises(parley.ScenarioError, match="kMaxScenarioBytes"):
        parley.Scenario.from_file("/dev/zero")


def test_a_file_that_repeats_a_key_is_a_scenario_error(tmp_path: Path) -> None:
    repeated = tmp_path / "repeated.json"
    repeated.write_text(MINIMAL.read_text().replace('"horizon_months": 24,', '"horizon_months": 24, "horizon_months": 36,'))
    with pytest.raises(parley.ScenarioError, match="/horizon_months - must appear once"):
        parley.Scenario.from_file(repeated)


def test_load_scenario_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        parley.load_scenario(42)  # type: ignore[arg-type]


def test_with_changes_edits_the_source_and_revalidates(flagship: parley.Scenario) -> None:
    changed = flagship.with_changes(
        {"/battlefield/defence_bias_per_month": 0.001, "/aid/0/amount_per_month": {"value": 0.5}}
    )
    assert changed.content_hash != flagship.content_hash
    document = changed.to_dict()
    assert document["battlefield"]["defence_bias_per_month"] == 0.001
    assert document["aid"][0]["amount_per_month"] == {"value": 0.5}
    by_path = {row["name"]: row for row in changed.parameters()}
    assert by_path["/battlefield/defence_bias_per_month"]["kind"] == "fixed"
    assert by_path["/aid/USA->UKR/amount_per_month"]["mean"] == 0.5
    # The original is unchanged.
    assert flagship.to_dict()["battlefield"]["defence_bias_per_month"]["dist"] == "normal"
    # Edits compose, and an edit back gives the original hash.
    original_bias = flagship.to_dict()["battlefield"]["defence_bias_per_month"]
    restored = changed.with_changes(
        {"/battlefield/defence_bias_per_month": original_bias, "/aid/0/amount_per_month": flagship.to_dict()["aid"][0]["amount_per_month"]}
    )
    assert restored.content_hash == flagship.content_hash


def test_with_changes_accepts_numpy_scalars_and_escaped_keys(flagship: parley.Scenario) -> None:
    np = pytest.importorskip("numpy")
    changed = flagship.with_changes({"/horizon_months": np.int64(60), "/battlefield/intensity": np.float32(0.5)})
    assert changed.horizon_months == 60


def test_with_changes_changes_the_result(flagship: parley.Scenario) -> None:
    base = parley.run(flagship, trials=2000, seed=3)
    stronger_defence = flagship.with_changes({"/battlefield/defence_bias_per_month": 0.004})
    changed = parley.run(stronger_defence, trials=2000, seed=3)
    base_share = base.outcomes.set_index("outcome")["share"]
    changed_share = changed.outcomes.set_index("outcome")["share"]
    assert changed_share["ukraine_victory"] > base_share["ukraine_victory"] + 0.05


@pytest.mark.parametrize(
    ("edits", "pointer"),
    [
        ({"/battlefield/initial_front_share": 1.5}, "/battlefield/initial_front_share"),
        ({"/battlefeld/initial_front_share": 0.5}, "/battlefeld/initial_front_share"),
        ({"/aid/7/amount_per_month": 1.0}, "/aid/7/amount_per_month"),
        ({"/aid/07": {}}, "/aid/07"),
        ({"battlefield": 1}, "battlefield"),
        ({"/name/x": 1}, "/name/x"),
        ({"/battlefield/walk_stepp": 0.1}, "/battlefield/walk_stepp"),
    ],
)
def test_invalid_edits_raise_scenario_error_naming_the_pointer(
    flagship: parley.Scenario, edits: dict[str, Any], pointer: str
) -> None:
    with pytest.raises(parley.ScenarioError) as caught:
        flagship.with_changes(edits)
    assert pointer in [issue.pointer for issue in caught.value.issues]


def test_issue_objects_compare_and_print() -> None:
    issue = parley.Issue("/a", "must be > 0", "-1", "")
    assert issue == parley.Issue("/a", "must be > 0", "-1")
    assert issue.message == "At /a of -1 - must be > 0"
    assert "pointer='/a'" in repr(issue)
    assert len({issue, parley.Issue("/a", "must be > 0", "-1")}) == 1


def test_minimal_scenario_loads() -> None:
    minimal = parley.load_scenario(MINIMAL)
    assert minimal.issues == []
    assert [a["role"] for a in minimal.actors] == ["belligerent", "belligerent"]


def test_any_mapping_is_accepted(flagship: parley.Scenario, flagship_dict: dict[str, Any]) -> None:
    from types import MappingProxyType

    assert parley.Scenario.from_dict(MappingProxyType(flagship_dict)).content_hash == flagship.content_hash
    changed = flagship.with_changes(MappingProxyType({"/horizon_months": 24}))
    assert changed.horizon_months == 24


def test_outcomes_are_named_after_the_belligerents(flagship: parley.Scenario) -> None:
    assert flagship.outcomes == parley.OUTCOMES
    assert flagship.outcomes == ("settlement", "ukraine_victory", "russia_victory", "armistice", "frozen", "ongoing")
    text = MINIMAL.read_text(encoding="utf-8").replace('"UKR"', '"NTH"').replace('"RUS"', '"STH"')
    northland = parley.Scenario.from_json(text)
    assert northland.outcomes == ("settlement", "NTH_victory", "STH_victory", "armistice", "frozen", "ongoing")
    result = parley.run(northland, trials=400, seed=3, trial_records=True)
    assert list(result.outcomes["outcome"]) == list(northland.outcomes)
    assert set(result.report["outcomes"]) == set(northland.outcomes)
    assert result.records is not None
    assert set(result.records.outcome_counts()) == set(northland.outcomes)
    assert list(result.records.to_frame()["outcome"].cat.categories) == list(northland.outcomes)


def test_an_armistice_is_an_outcome_of_its_own() -> None:
    # scenarios/validation/armistice.json: every freeze holds its 36 months (docs/model.md 12).
    armistice = parley.load_scenario(MINIMAL.parent / "armistice.json")
    assert armistice.outcomes == ("settlement", "STH_victory", "NTH_victory", "armistice", "frozen", "ongoing")
    result = parley.run(armistice, trials=500, seed=1, trial_records=True)
    shares = result.outcomes.set_index("outcome")["share"]
    assert shares["armistice"] == 1.0
    assert result.records is not None
    assert result.records.outcome_counts()["armistice"] == 500
    assert (result.records.outcome == armistice.outcomes.index("armistice")).all()
    assert (result.records.end_month == 1).all()  # dated by the freeze, not by its 36th month
