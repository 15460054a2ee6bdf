#!/usr/bin/python3
"""Tests of scripts/check_function_size.py on small fake source trees (CTest: function_size_script)."""

import pathlib
import subprocess
import sys
import tempfile
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check_function_size.py"


def function(name: str, body_lines: int, signature_lines: int = 1) -> str:
    if signature_lines == 1:
        head = [f"int {name}(int a) {{"]
    else:
        head = [f"int {name}(int a,"] + ["        int b," for _ in range(signature_lines - 2)] + ["        int c) {"]
    return "\n".join(head + ["  a += 1;" for _ in range(body_lines)] + ["  return a;", "}"]) + "\n"


class FunctionSize(unittest.TestCase):
    def check(self, files: dict[str, str], limit: int = 10) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as directory:
            root = pathlib.Path(directory)
            for relative, text in files.items():
                path = root / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            return subprocess.run(
                [sys.executable, str(SCRIPT), str(root), "--limit", str(limit)], capture_output=True, text=True
            )

    def test_short_functions_pass(self) -> None:
        done = self.check({"engine/src/a.cpp": function("short_one", 5) + "\n" + function("another", 7)})
        self.assertEqual(done.returncode, 0, done.stdout)

    def test_a_long_function_is_named_with_its_length(self) -> None:
        done = self.check({"engine/src/m/a.cpp": "namespace x {\n\n" + function("long_one", 12) + "\n}  // namespace x\n"})
        self.assertEqual(done.returncode, 1)
        self.assertIn("engine/src/m/a.cpp:3: 15 lines: int long_one(int a) {", done.stdout)

    def test_a_signature_over_several_lines_counts_from_its_first(self) -> None:
        done = self.check({"engine/cli/b.cpp": function("wrapped", 8, signature_lines=3)})
        self.assertEqual(done.returncode, 1)
        self.assertIn("engine/cli/b.cpp:1: 13 lines: int wrapped(int a,", done.stdout)

    def test_tables_and_declarations_are_not_functions(self) -> None:
        table = "const int kTable[] = {\n" + "".join(f"    {i},\n" for i in range(30)) + "};\n"
        declarations = "int declared(int a);\nstruct Row {\n" + "".join(f"  int f{i};\n" for i in range(30)) + "};\n"
        done = self.check({"engine/src/c.cpp": table + declarations})
        self.assertEqual(done.returncode, 0, done.stdout)

    def test_other_folders_are_not_scanned(self) -> None:
        done = self.check({"tests/t.cpp": function("long_test", 40)})
        self.assertEqual(done.returncode, 0, done.stdout)


if __name__ == "__main__":
    unittest.main()
