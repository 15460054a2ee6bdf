"""Runs the hostile catalogue (tests/hostile/cases.json) through the `parley` binary.

Usage: check_hostile.py PARLEY SOURCE_DIR

Each case names the files of tests/hostile/ it gives to one or more `parley` commands and what
every one of them must answer: the exit status (2: bad input), fragments that the message must
hold (the JSON pointer, the rule, the value), within a time limit, and no output: nothing
written to stdout, nothing left in the folder that `{out}` names. `{here}` in an argument is
this folder, `{out}` a fresh empty folder for each command.
Environment: PARLEY_HOSTILE_SECONDS is the time limit of one command (default 20).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

PARLEY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
HERE = os.path.join(ROOT, "tests", "hostile")
SECONDS_LIMIT = float(os.environ.get("PARLEY_HOSTILE_SECONDS", "20"))
failures = []


def report(ok, description):
    print(("ok   - " if ok else "FAIL - ") + description, flush=True)
    if not ok:
        failures.append(description)


def run_case(name, case, args):
    with tempfile.TemporaryDirectory() as out:
        argv = [a.replace("{here}", HERE).replace("{out}", out) for a in args]
        start = time.monotonic()
        try:
            result = subprocess.run([PARLEY, *argv], capture_output=True, timeout=SECONDS_LIMIT, cwd=out)
        except subprocess.TimeoutExpired:
            report(False, f"{name}: parley {' '.join(args)} answers within {SECONDS_LIMIT:.0f} s")
            return
        seconds = time.monotonic() - start
        text = (result.stdout + result.stderr).decode("utf-8", "replace")
        label = f"{name}: parley {' '.join(args)}"
        exited = result.returncode == case["exit"]
        report(exited, f"{label} exits {case['exit']} (got {result.returncode})" + ("" if exited else f"\n{text}"))
        for fragment in case["message"]:
            report(fragment in text, f"{label} says '{fragment}'" + ("" if fragment in text else f"\n{text}"))
        # validate writes its verdict to stdout; every other verb writes only its report there.
        if args[0] != "validate":
            report(not result.stdout, f"{label} writes nothing to stdout")
        left = os.listdir(out)
        report(not left, f"{label} leaves nothing behind (found {left})")
        report(seconds < SECONDS_LIMIT, f"{label} answered in {seconds:.2f} s")


with open(os.path.join(HERE, "cases.json")) as f:
    cases = json.load(f)
named = {os.path.basename(a.split("/")[-1]) for case in cases.values() for args in case["runs"] for a in args}
named |= {f for case in cases.values() for f in case.get("files", [])}
on_disk = {f for f in os.listdir(HERE) if f not in ("cases.json", "check_hostile.py")}
report(on_disk <= named, f"every file in tests/hostile/ is used by a case (unused: {sorted(on_disk - named)})")
for name, case in sorted(cases.items()):
    for args in case["runs"]:
        run_case(name, case, args)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
