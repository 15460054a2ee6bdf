"""The JSON Schemas of `parley schema --kind KIND` against a real validator and the loaders.

Every shipped file of each kind validates against its kind's schema (jsonschema's
Draft202012Validator, Debian's python3-jsonschema), and a schema is never stricter than its
loader: from each shipped file come deterministic mutants (each key dropped, an unknown key added
to each object, each value given another type, numbers pushed far past any bound and then just
past each bound that broke, strings emptied), and every mutant the schema rejects must be rejected by `parley validate` too (exit 2, no "ok"
line). A schema may accept a file its loader refuses (ids that do not resolve, pointers that name
no parameter): what needs the whole document or another file stays with the loader.
"""

from __future__ import annotations

import copy
import json
import math
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SOURCE_DIR

# Debian's python3-jsonschema (scripts/install_deps.sh); 4.0 and later know draft 2020-12.
Draft202012Validator = pytest.importorskip("jsonschema", reason="needs python3-jsonschema").Draft202012Validator

KINDS = ("scenario", "sweep", "claims", "treaty")

# Every shipped input file, by kind.
SCENARIOS = SOURCE_DIR / "scenarios"
SHIPPED: dict[str, list[Path]] = {
    "scenario": [SCENARIOS / "ukraine_war.json", *sorted((SCENARIOS / "validation").glob("*.json"))],
    # The golden inputs are small copies of the shipped sweeps.
    "sweep": sorted((SCENARIOS / "sweeps").glob("*.json")) + sorted((SOURCE_DIR / "tests/golden/inputs").glob("*.json")),
    "claims": sorted((SCENARIOS / "claims").glob("*.json")),
    "treaty": [SCENARIOS / "csis_treaty.json"],
}
# What `parley validate` says of a valid file of each kind (a scenario gives its actor count).
VALIDATE_SAYS = {
    "scenario": " actors, ",
    "sweep": "(sweep file, ",
    "claims": "(claims file, ",
    "treaty": "(treaty document, ",
}
# Mutants checked per kind, spread evenly over each file's mutants (at least 60 a file), so the
# test stays fast: validating a mutant of the flagship scenario takes jsonschema about 40 ms.
MUTANTS_PER_KIND = 240
# Keys that name another file, made absolute so a mutant loads from anywhere.
FILE_REFERENCES = {"sweep": [("scenario",), ("claims", "file")], "claims": [("baseline",)]}

Json = Any
Path_ = tuple[Any, ...]
DROP = object()  # a mutation that deletes the key
FAR = 1e30  # a number past any bound, whose errors say where the bounds are
# How far past each bound a value goes: one step beyond an inclusive bound, onto an exclusive one.
PAST_BOUND = {"maximum": 1, "minimum": -1, "exclusiveMaximum": 0, "exclusiveMinimum": 0}


def schema_of(cli: Path, kind: str) -> dict[str, Any]:
    out = subprocess.run([str(cli), "schema", "--kind", kind], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def schemas(cli: Path) -> dict[str, dict[str, Any]]:
    return {kind: schema_of(cli, kind) for kind in KINDS}


def test_every_schema_is_a_valid_draft_2020_12_schema(schemas: dict[str, dict[str, Any]]) -> None:
    for kind, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", kind
        Draft202012Validator.check_schema(schema)


def test_the_checked_in_copies_are_the_schemas(schemas: dict[str, dict[str, Any]]) -> None:
    for kind, schema in schemas.items():
        with open(SOURCE_DIR / "docs" / f"{kind}.schema.json", encoding="utf-8") as f:
            regenerate = f"parley schema --kind {kind} --out docs/{kind}.schema.json --force"
            assert json.load(f) == schema, f"regenerate with: {regenerate}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_file_validates_against_its_kind(
    kind: str, schemas: dict[str, dict[str, Any]], cli: Path
) -> None:
    validator = Draft202012Validator(schemas[kind])
    assert SHIPPED[kind], f"no shipped {kind} files found"
    for path in SHIPPED[kind]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], f"{path}: {errors[:5]}"
    out = subprocess.run([str(cli), "validate", *map(str, SHIPPED[kind])], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for line in out.stdout.splitlines():
        assert VALIDATE_SAYS[kind] in line, f"validate read it as another kind: {line}"


# --- mutants --------------------------------------------------------------------------------


def nodes(doc: Json, path: Path_ = ()) -> Iterator[tuple[Path_, Json]]:
    """Every node of the document with its path, parents before children."""
    yield path, doc
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from nodes(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from nodes(value, (*path, index))


def replaced(doc: Json, path: Path_, value: Json) -> Json:
    if not path:
        return value
    out = copy.deepcopy(doc)
    parent = out
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return out


def dropped(doc: Json, path: Path_) -> Json:
    out = copy.deepcopy(doc)
    parent = out
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return out


def other_values(value: Json) -> list[Json]:
    """Values of other types, and of the same type past any bound a schema could set."""
    if isinstance(value, bool):
        return [0, "true", None]
    if isinstance(value, (int, float)):
        past = [-FAR, FAR, "7", True, None]
        return past + [value + 0.5] if isinstance(value, int) else past
    if isinstance(value, str):
        return ["", "not a choice/~2", 7, None]
    if isinstance(value, list):
        return [{}, [], value + value[:1] if value else [0], "x"]
    if isinstance(value, dict):
        return [[], "x", {}]
    return [0]


def mutations(doc: Json) -> Iterator[tuple[str, Path_, Json]]:
    """(what, where, value) for each mutant: `value` replaces the node at `where`, or DROP deletes it."""
    for path, node in nodes(doc):
        where = "/" + "/".join(map(str, path))
        if isinstance(node, dict):
            yield f"unknown key at {where}", path, {**node, "not_a_parley_key": 1}
            for key in node:
                yield f"{where} without {key!r}", (*path, key), DROP
        if path:
            for value in other_values(node):
                yield f"{where} = {json.dumps(value)[:40]}", path, value


def mutant(doc: Json, path: Path_, value: Json) -> Json:
    return dropped(doc, path) if value is DROP else replaced(doc, path, value)


def spread(items: list[Any], count: int) -> list[Any]:
    """`count` items evenly spaced over the list, the first included: deterministic."""
    if len(items) <= count:
        return items
    return [items[i * len(items) // count] for i in range(count)]


def shipped_document(kind: str, path: Path) -> Json:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for reference in FILE_REFERENCES.get(kind, []):
        parent = doc
        for step in reference[:-1]:
            parent = parent.get(step, {})
        if isinstance(parent.get(reference[-1]), str):
            parent[reference[-1]] = str((path.parent / parent[reference[-1]]).resolve())
    return doc


def accepted_by_the_loader(cli: Path, files: list[Path]) -> set[str]:
    """The files `parley validate` calls ok (its exit code is 2 as soon as one is not)."""
    out = subprocess.run([str(cli), "validate", *map(str, files)], capture_output=True, text=True)
    assert out.returncode in (0, 2), out.stderr[-2000:]
    return {line.split(": ok (")[0] for line in out.stdout.splitlines() if ": ok (" in line}


def bounds_broken(errors: Iterator[Any]) -> Iterator[tuple[str, float]]:
    """(keyword, bound) of every bound the errors (and the errors under an anyOf or oneOf) name."""
    for error in errors:
        if error.validator in PAST_BOUND:
            yield error.validator, error.validator_value
        yield from bounds_broken(iter(error.context or []))


def just_past(keyword: str, bound: float, original: Json) -> float:
    """The nearest value the bound excludes: an integer step for integers, the next double else."""
    step = PAST_BOUND[keyword]
    if step == 0:
        return bound
    if isinstance(original, int) and float(bound).is_integer():
        return int(bound) + step
    return math.nextafter(bound, step * math.inf)


def value_at(doc: Json, path: Path_) -> Json:
    for step in path:
        doc = doc[step]
    return doc


def schema_stricter_than_loader(
    cli: Path, schema: dict[str, Any], kind: str, sources: list[Path], work: Path, per_file: int
) -> tuple[list[str], int]:
    """The mutants the schema rejects and the loader accepts, and how many the schema rejected.

    A number sent far past its bounds also gives one mutant just past each bound it broke, so a
    bound the schema draws tighter than the loader (0 excluded where the loader takes it) shows.
    """
    validator = Draft202012Validator(schema)
    rejected: dict[Path, str] = {}

    def check(name: str, what: str, changed: Json) -> list[Any]:
        errors = list(validator.iter_errors(changed))
        if errors:
            file = work / f"{name}.json"
            file.write_text(json.dumps(changed), encoding="utf-8")
            at = "/" + "/".join(map(str, errors[0].absolute_path))
            rejected[file] = f"{what} (the schema at {at}: {errors[0].message[:120]})"
        return errors

    for source in sources:
        doc = shipped_document(kind, source)
        for n, (what, path, value) in enumerate(spread(list(mutations(doc)), per_file)):
            errors = check(f"{kind}-{source.stem}-{n}", f"{source.name}: {what}", mutant(doc, path, value))
            if value not in (FAR, -FAR):
                continue
            for k, (keyword, bound) in enumerate(sorted(set(bounds_broken(iter(errors))))):
                near = just_past(keyword, bound, value_at(doc, path))
                where = "/" + "/".join(map(str, path))
                check(f"{kind}-{source.stem}-{n}-{k}", f"{source.name}: {where} = {near!r}, past its {keyword}",
                      replaced(doc, path, near))
    accepted = accepted_by_the_loader(cli, list(rejected)) if rejected else set()
    return [why for file, why in rejected.items() if str(file) in accepted], len(rejected)


@pytest.mark.parametrize("kind", KINDS)
def test_the_loader_rejects_every_mutant_the_schema_rejects(
    kind: str, schemas: dict[str, dict[str, Any]], cli: Path, tmp_path: Path
) -> None:
    per_file = max(60, MUTANTS_PER_KIND // len(SHIPPED[kind]))
    stricter, rejected = schema_stricter_than_loader(cli, schemas[kind], kind, SHIPPED[kind], tmp_path, per_file)
    assert rejected >= per_file * len(SHIPPED[kind]) // 2, "too few mutants rejected to test anything"
    assert stricter == [], f"{len(stricter)} of {rejected} mutants the schema rejects load: {stricter[:10]}"


def test_the_mutant_check_finds_a_schema_stricter_than_its_loader(
    schemas: dict[str, dict[str, Any]], cli: Path, tmp_path: Path
) -> None:
    # A schema that refuses any description, which the loader takes as free text.
    strict = copy.deepcopy(schemas["scenario"])
    strict["properties"]["description"] = False
    minimal = SOURCE_DIR / "scenarios" / "validation" / "minimal.json"
    stricter, _ = schema_stricter_than_loader(cli, strict, "scenario", [minimal], tmp_path, 10_000)
    assert stricter, "a schema stricter than the loader went unnoticed"
