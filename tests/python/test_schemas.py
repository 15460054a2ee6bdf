"""The JSON Schemas of `parley schema --kind KIND` against a real validator and the loaders.

Every shipped file of each kind validates against its kind's schema (jsonschema's
Draft202012Validator, Debian's python3-jsonschema), and a schema is never stricter than its
loader: from each shipped file come deterministic mutants (each key dropped, an unknown key added
to each object, each value given another type, numbers pushed past any bound, strings emptied),
and every mutant the schema rejects must be rejected by `parley validate` too (exit 2, no "ok"
line). A schema may accept a file its loader refuses (ids that do not resolve, pointers that name
no parameter): what needs the whole document or another file stays with the loader.
"""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import SOURCE_DIR

KINDS = ("scenario", "sweep", "claims", "treaty")

# Every shipped input file, by kind.
SHIPPED: dict[str, list[Path]] = {
    "scenario": [SOURCE_DIR / "scenarios" / "ukraine_war.json", *sorted((SOURCE_DIR / "scenarios" / "validation").glob("*.json"))],
    "sweep": [*sorted((SOURCE_DIR / "scenarios" / "sweeps").glob("*.json")), *sorted((SOURCE_DIR / "tests" / "golden" / "inputs").glob("*.json"))],
    "claims": sorted((SOURCE_DIR / "scenarios" / "claims").glob("*.json")),
    "treaty": [SOURCE_DIR / "scenarios" / "csis_treaty.json"],
}
# What `parley validate` says of a valid file of each kind (a scenario gives its actor count).
VALIDATE_SAYS = {"scenario": " actors, ", "sweep": "(sweep file, ", "claims": "(claims file, ", "treaty": "(treaty document, "}
# Mutants checked per kind, spread evenly over each file's mutants (at least 60 a file), so the
# test stays fast: validating a mutant of the flagship scenario takes jsonschema about 40 ms.
MUTANTS_PER_KIND = 240
# Keys that name another file, made absolute so a mutant loads from anywhere.
FILE_REFERENCES = {"sweep": [("scenario",), ("claims", "file")], "claims": [("baseline",)]}

Json = Any
Path_ = tuple[Any, ...]
DROP = object()  # a mutation that deletes the key


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
            assert json.load(f) == schema, f"regenerate with: parley schema --kind {kind} --out docs/{kind}.schema.json --force"


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_file_validates_against_its_kind(kind: str, schemas: dict[str, dict[str, Any]], cli: Path) -> None:
    validator = Draft202012Validator(schemas[kind])
    assert SHIPPED[kind], f"no shipped {kind} files found"
    for path in SHIPPED[kind]:
        with open(path, encoding="utf-8") as f:
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.load(f))]
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
        past = [-1e30, 1e30, "7", True, None]
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


def schema_stricter_than_loader(
    cli: Path, schema: dict[str, Any], kind: str, sources: list[Path], work: Path, per_file: int
) -> tuple[list[str], int]:
    """The mutants the schema rejects and the loader accepts, and how many the schema rejected."""
    validator = Draft202012Validator(schema)
    rejected: dict[Path, str] = {}
    for source in sources:
        doc = shipped_document(kind, source)
        for n, (what, path, value) in enumerate(spread(list(mutations(doc)), per_file)):
            changed = mutant(doc, path, value)
            error = next(iter(validator.iter_errors(changed)), None)
            if error is None:
                continue
            file = work / f"{kind}-{source.stem}-{n}.json"
            file.write_text(json.dumps(changed), encoding="utf-8")
            at = "/" + "/".join(map(str, error.absolute_path))
            rejected[file] = f"{source.name}: {what} (the schema at {at}: {error.message[:120]})"
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
