#!/usr/bin/python3
"""Tests of scripts/check_includes.py on small fake source trees (CTest: include_rules_script)."""

import pathlib
import subprocess
import sys
import tempfile
import textwrap
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check_includes.py"

RULES = """\
core:
scenario:  core
sim:       core scenario
io:        * except cli
cli:       *
[exceptions]
"""


class FakeTree:
    def __init__(self, directory):
        self.root = pathlib.Path(directory)

    def write(self, relative, text):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    def layered(self):
        """A tree that keeps to RULES."""
        self.write("engine/include/parley/core/error.h", "#pragma once\n#include <string>\n")
        self.write("engine/src/core/error.cpp", '#include "parley/core/error.h"\n')
        self.write("engine/include/parley/scenario/scenario.h", '#pragma once\n#include "parley/core/error.h"\n')
        self.write("engine/src/scenario/json_input.h", '#pragma once\n#include "nlohmann/json.hpp"\n')
        self.write(
            "engine/src/scenario/load.cpp",
            '#include "parley/scenario/scenario.h"\n#include "scenario/json_input.h"\n#include "local.h"\n',
        )
        self.write(
            "engine/src/sim/run.cpp", '#include "parley/scenario/scenario.h"\n#  include "parley/core/error.h"\n'
        )
        self.write("engine/src/io/report.cpp", '#include "parley/sim/run.h"\n')
        self.write("engine/cli/main.cpp", '#include "parley/io/report.h"\n#include "command.h"\n')

    def check(self, exceptions=""):
        rules = self.root / "rules.txt"
        rules.write_text(RULES + exceptions, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(SCRIPT), str(self.root), "--rules", str(rules)],
            capture_output=True,
            text=True,
            check=False,
        )
        return run.returncode, run.stdout + run.stderr


class CheckIncludesTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.tree = FakeTree(self.directory.name)
        self.tree.layered()

    def tearDown(self):
        self.directory.cleanup()

    def test_a_layered_tree_passes(self):
        code, output = self.tree.check()
        self.assertEqual(code, 0, output)
        self.assertIn("8 module includes checked, 0 known exceptions: ok", output)

    def test_an_upward_include_fails_at_its_line_with_the_rule(self):
        self.tree.write("engine/src/scenario/draw.cpp", '#include <vector>\n\n#include "parley/sim/run.h"\n')
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        expected = 'engine/src/scenario/draw.cpp:3: scenario may include only core, not sim: '
        expected += '#include "parley/sim/run.h"'
        self.assertIn(expected, output)

    def test_every_violation_is_reported(self):
        self.tree.write("engine/include/parley/core/bad.h", '#include "parley/scenario/scenario.h"\n')
        self.tree.write("engine/src/io/bad.cpp", '#include "parley/cli/command.h"\n')
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        self.assertIn("engine/include/parley/core/bad.h:1: core may include only itself, not scenario", output)
        self.assertIn("engine/src/io/bad.cpp:1: io may include only core, scenario, sim, not cli", output)
        self.assertIn("2 problems", output)

    def test_a_private_header_of_another_module_fails(self):
        self.tree.write("engine/src/sim/trial.cpp", '#include "scenario/json_input.h"\n')
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        self.assertIn('engine/src/sim/trial.cpp:1: "scenario/json_input.h" is private to scenario', output)

    def test_an_unknown_module_fails(self):
        self.tree.write("engine/src/treaty/draft.cpp", '#include "parley/core/error.h"\n')
        self.tree.write("engine/src/sim/trial.cpp", '#include "parley/nowhere/x.h"\n')
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        self.assertIn("engine/src/treaty/draft.cpp: module 'treaty' is not in the include table", output)
        self.assertIn("engine/src/sim/trial.cpp:1: 'nowhere' is not a module of the include table", output)

    def test_a_known_exception_excuses_its_include_only(self):
        self.tree.write("engine/src/scenario/draw.cpp", '#include "parley/sim/run.h"\n')
        self.tree.write("engine/src/scenario/other.cpp", '#include "parley/sim/run.h"\n')
        code, output = self.tree.check("engine/src/scenario/draw.cpp  parley/sim/run.h  item 9: draws move to sim/\n")
        self.assertEqual(code, 1, output)
        self.assertIn("engine/src/scenario/draw.cpp:1: known exception (item 9: draws move to sim/)", output)
        self.assertIn("engine/src/scenario/other.cpp:1: scenario may include only core, not sim", output)
        self.assertIn("1 known exceptions: 1 problems", output)

    def test_an_exception_no_longer_needed_fails(self):
        code, output = self.tree.check("engine/src/scenario/draw.cpp  parley/sim/run.h  item 9: draws move to sim/\n")
        self.assertEqual(code, 1, output)
        self.assertIn("rules.txt:7: known exception no longer needed", output)

    def test_an_exception_without_its_reason_is_a_rules_error(self):
        code, output = self.tree.check("engine/src/scenario/draw.cpp  parley/sim/run.h\n")
        self.assertEqual(code, 2, output)
        self.assertIn("needs a file, a header and the reason it must break the table", output)

    def test_the_architecture_doc_must_quote_the_table_as_it_is(self):
        table = RULES.split("[exceptions]")[0]
        quote = "<!-- include-rules: begin -->\n```text\n{}```\n<!-- include-rules: end -->\n"
        self.tree.write("docs/architecture.md", "# Architecture\n\n" + quote.format(table.replace(":  ", ":      ")))
        code, output = self.tree.check()
        self.assertEqual(code, 0, output)  # spacing may differ
        self.tree.write("docs/architecture.md", "# Architecture\n\n" + quote.format(table.replace("sim:       core scenario", "sim: core")))
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        self.assertIn("docs/architecture.md: its quote of the include table differs from rules.txt", output)
        self.tree.write("docs/architecture.md", "# Architecture\n")
        code, output = self.tree.check()
        self.assertEqual(code, 1, output)
        self.assertIn("docs/architecture.md: no quote of rules.txt", output)


if __name__ == "__main__":
    unittest.main()
