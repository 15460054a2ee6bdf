#!/usr/bin/env python3
"""No function in engine/src and engine/cli longer than a limit (docs/architecture.md: long
functions are broken into named steps).

Usage: check_function_size.py SOURCE_DIR [--limit N]

It reads clang-formatted C++ (the CTest clang_format_check keeps it so): a function defined at
namespace scope starts at a line in column 0 and its body ends at the first "}" in column 0
after the line that opens it. Member functions defined inside a class body in a header are not
counted; the engine keeps those short by convention. Exits 1 listing every function over the
limit with its file, line and length, 0 otherwise.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SCANNED = ("engine/src", "engine/cli")
NOT_A_FUNCTION = re.compile(r"^(namespace|struct|class|enum|union|extern|using|template|static_assert|#)\b|^#")


def functions(text: str) -> list[tuple[int, int, str]]:
    """(first line, number of lines, the signature's first line) of each function in `text`."""
    found = []
    lines = text.splitlines()
    head = None  # index of the column-0 line a declaration starts at
    start = None  # set while inside a function body
    for i, line in enumerate(lines):
        if start is not None:
            if line in ("}", "};"):
                found.append((start + 1, i - start + 1, lines[start].strip()))
                start = None
            continue
        if re.match(r"^[A-Za-z_~]", line) and not NOT_A_FUNCTION.match(line):
            head = i
        if head is None:
            continue
        stripped = line.rstrip()
        if stripped.endswith(";") or stripped.endswith("}"):
            head = None  # a declaration, or a one-line definition
        elif stripped.endswith("{"):
            signature = " ".join(part.strip() for part in lines[head : i + 1])
            # An initialised variable (a table, a lambda) opens a brace too: a function's name
            # and its parameter list come before any "=".
            if "(" in signature.split("=")[0]:
                start = head
            head = None
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", type=Path)
    parser.add_argument("--limit", type=int, default=80)
    args = parser.parse_args()
    too_long = []
    for folder in SCANNED:
        for path in sorted((args.source_dir / folder).rglob("*.cpp")):
            for line, length, signature in functions(path.read_text(encoding="utf-8")):
                if length > args.limit:
                    too_long.append(f"{path.relative_to(args.source_dir)}:{line}: {length} lines: {signature}")
    if too_long:
        print(f"functions over {args.limit} lines (break them into named steps):")
        print("\n".join(too_long))
        return 1
    print(f"ok: no function in {', '.join(SCANNED)} is over {args.limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
