#!/usr/bin/python3
"""Checks the engine's module layering: every `#include "parley/<module>/..."` and
`#include "<module>/..."` against the table in scripts/include_rules.txt, and that
docs/architecture.md quotes that table as it is. Prints each include that breaks a rule as file:line and exits 1; exits 0 when every
include keeps to the table or is one of its known exceptions.

Usage: check_includes.py [SOURCE_ROOT] [--rules FILE]
"""

import argparse
import pathlib
import re
import sys

DEFAULT_RULES = pathlib.Path(__file__).resolve().parent / "include_rules.txt"

INCLUDE = re.compile(r'^\s*#\s*include\s*"(?P<path>(?P<parley>parley/)?(?P<module>[A-Za-z_]\w*)/[^"]+)"')

SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc"}


class RulesError(Exception):
    pass


def parse_rules(text, origin):
    """Returns ({module: set of modules it may include}, [(file, header, reason, line)])."""
    listed = []  # (module, words, line) in the order written
    exceptions = []
    in_exceptions = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line == "[exceptions]":
            in_exceptions = True
            continue
        if in_exceptions:
            parts = line.split(None, 2)
            if len(parts) < 3:
                raise RulesError(f"{origin}:{number}: an exception needs a file, a header and the reason it must break the table")
            exceptions.append((parts[0], parts[1], parts[2], number))
            continue
        module, colon, allowed = line.partition(":")
        if not colon or not re.fullmatch(r"[A-Za-z_]\w*", module.strip()):
            raise RulesError(f"{origin}:{number}: expected 'module: modules it may include'")
        listed.append((module.strip(), allowed.split(), number))

    modules = [module for module, _, _ in listed]
    duplicates = {m for m in modules if modules.count(m) > 1}
    if duplicates:
        raise RulesError(f"{origin}: modules listed twice: {', '.join(sorted(duplicates))}")
    allowed_by_module = {}
    for module, words, number in listed:
        if words[:1] == ["*"]:
            if len(words) > 1 and words[1] != "except":
                raise RulesError(f"{origin}:{number}: write '* except a b' to leave modules out")
            excluded = set(words[2:])
            allowed = set(modules) - excluded
            unknown = excluded - set(modules)
        else:
            allowed = set(words)
            unknown = allowed - set(modules)
        if unknown:
            raise RulesError(f"{origin}:{number}: unknown modules {', '.join(sorted(unknown))}")
        allowed_by_module[module] = allowed | {module}
    return allowed_by_module, exceptions


def source_files(root):
    """(module, path) for every source file of every module directory."""
    places = [
        (root / "engine" / "include" / "parley", None),
        (root / "engine" / "src", None),
        (root / "engine" / "cli", "cli"),
        (root / "bindings" / "src", "bindings"),
    ]
    for base, fixed_module in places:
        if not base.is_dir():
            continue
        if fixed_module is not None:
            directories = [(fixed_module, base)]
        else:
            directories = [(d.name, d) for d in sorted(base.iterdir()) if d.is_dir()]
        for module, directory in directories:
            for path in sorted(directory.rglob("*")):
                if path.suffix in SOURCE_SUFFIXES and path.is_file():
                    yield module, path


def check(root, allowed_by_module, exceptions, rules_name="include_rules.txt"):
    """Returns (problems, includes checked, includes excused), the problems and excused includes as lines of text."""
    modules = set(allowed_by_module)
    src = root / "engine" / "src"
    private_modules = {d.name for d in src.iterdir() if d.is_dir()} if src.is_dir() else set()
    excepted = {(file, header): reason for file, header, reason, _ in exceptions}
    used = set()
    excused = []
    problems = []
    checked = 0
    for module, path in source_files(root):
        relative = path.relative_to(root).as_posix()
        if module not in modules:
            problems.append(f"{relative}: module '{module}' is not in the include table; add it")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match["module"]
            header = match["path"]
            if match["parley"] is None and target not in private_modules:
                continue  # a library's header ("nlohmann/json.hpp") or one beside the file
            checked += 1
            broken = None
            if target not in modules:
                broken = f"'{target}' is not a module of the include table"
            elif target not in allowed_by_module[module]:
                may = [m for m in allowed_by_module if m in allowed_by_module[module] and m != module]
                broken = f"{module} may include only {', '.join(may) if may else 'itself'}, not {target}"
            elif match["parley"] is None and target != module:
                broken = f'"{header}" is private to {target} (engine/src/{target}/); '
                broken += f"{module} may use its public ones only"
            if broken is None:
                continue
            if (relative, header) in excepted:
                used.add((relative, header))
                excused.append(f"{relative}:{number}: known exception ({excepted[(relative, header)]}): {broken}")
                continue
            problems.append(f"{relative}:{number}: {broken}: #include \"{header}\"")
    for file, header, reason, number in exceptions:
        if (file, header) not in used:
            problems.append(
                f"{rules_name}:{number}: known exception no longer needed ({file} -> {header}; {reason}): remove it"
            )
    return problems, checked, excused


DOC_BEGIN = "<!-- include-rules: begin"
DOC_END = "<!-- include-rules: end"


def table_lines(text):
    """The module lines of a rules text (comments, blanks and exceptions left out), whitespace normalised."""
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line == "[exceptions]":
            break
        if line and not line.startswith("```"):
            lines.append(" ".join(line.split()))
    return lines


def check_doc_quote(root, rules_text, rules_name):
    """Problems when docs/architecture.md's quote of the table differs from the rules file (none without the doc)."""
    doc = root / "docs" / "architecture.md"
    if not doc.is_file():
        return []
    text = doc.read_text(encoding="utf-8")
    begin, end = text.find(DOC_BEGIN), text.find(DOC_END)
    if begin < 0 or end < begin:
        return [f"docs/architecture.md: no quote of {rules_name} between '{DOC_BEGIN}' and '{DOC_END}'"]
    quoted = table_lines(text[text.index("\n", begin) + 1 : end])
    if quoted != table_lines(rules_text):
        return [f"docs/architecture.md: its quote of the include table differs from {rules_name}; copy the table again"]
    return []


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    parser.add_argument("--rules", default=DEFAULT_RULES, type=pathlib.Path)
    args = parser.parse_args(argv)
    try:
        allowed_by_module, exceptions = parse_rules(args.rules.read_text(encoding="utf-8"), args.rules.name)
    except (OSError, RulesError) as error:
        print(f"check_includes: {error}", file=sys.stderr)
        return 2
    problems, checked, excused = check(args.root.resolve(), allowed_by_module, exceptions, args.rules.name)
    problems += check_doc_quote(args.root.resolve(), args.rules.read_text(encoding="utf-8"), args.rules.name)
    for line in excused + problems:
        print(line)
    verdict = f"{len(problems)} problems" if problems else "ok"
    print(f"check_includes: {checked} module includes checked, {len(excused)} known exceptions: {verdict}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
