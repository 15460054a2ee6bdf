"""Runs every bad input through the `parley` binary and checks the answer.

Usage: check_bad_inputs.py PARLEY SOURCE_DIR

For each file in tests/bad_inputs/expected.json, and for the inputs generated here (too big to
check in, or not files at all), it checks that
  - the exit status is the expected one (2: bad input, 1: the file or output cannot be used),
  - one line of the message holds "At <JSON pointer>" and the rule (a substring),
  - `parley run --out` leaves no output file and no temporary file behind,
  - the answer comes quickly and, for the huge inputs, in bounded memory.
Environment: PARLEY_BAD_INPUT_RSS_MB caps the peak memory of one run (default 512; the
sanitizer builds raise it, since AddressSanitizer's shadow memory counts too).
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

PARLEY, ROOT = sys.argv[1], sys.argv[2]
CATALOGUE = os.path.join(ROOT, "tests", "bad_inputs")
MINIMAL = os.path.join(ROOT, "scenarios", "validation", "minimal.json")
RSS_LIMIT_MB = float(os.environ.get("PARLEY_BAD_INPUT_RSS_MB", "512"))
SECONDS_LIMIT = float(os.environ.get("PARLEY_BAD_INPUT_SECONDS", "20"))

failures = []


def report(ok, description):
    print(("ok   - " if ok else "FAIL - ") + description, flush=True)
    if not ok:
        failures.append(description)


def parley(*args):
    """Runs parley in a child that measures it alone: (status, stdout + stderr, seconds, peak MB)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "seconds = time.monotonic() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "sys.stdout.write(f'{r.returncode} {seconds} {rss}\\n')\n"
        "sys.stdout.flush()\n"
        "sys.stdout.buffer.write(r.stdout + r.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, PARLEY, *args], capture_output=True, check=True).stdout
    head, _, text = out.partition(b"\n")
    status, seconds, rss = head.split()
    return int(status), text.decode("utf-8", "replace"), float(seconds), float(rss)


def names_problem(text, pointer, rule):
    at = "At " + (pointer or "/")
    return any(line.strip().startswith(at + " ") and rule in line for line in text.splitlines())


def check(name, path, pointer, rule, status, run_too=True, max_seconds=SECONDS_LIMIT, max_rss=RSS_LIMIT_MB):
    got, text, seconds, rss = parley("validate", path)
    report(got == status, f"{name}: validate exits {status} (got {got})")
    report(names_problem(text, pointer, rule) if status == 2 else rule in text,
           f"{name}: the message names {pointer or '/'} and '{rule}'" + ("" if got == status else f"\n{text}"))
    report(seconds < max_seconds, f"{name}: answered in {seconds:.2f} s (limit {max_seconds:.0f} s)")
    report(rss < max_rss, f"{name}: peak memory {rss:.0f} MB (limit {max_rss:.0f} MB)")
    if not run_too:
        return
    with tempfile.TemporaryDirectory() as out_dir:
        got, text, _, _ = parley("run", path, "--trials", "10", "--out", os.path.join(out_dir, "report.json"))
        report(got == status, f"{name}: run --out exits {status} (got {got})")
        report(rule in text, f"{name}: run names the rule '{rule}'")
        left = os.listdir(out_dir)
        report(not left, f"{name}: run leaves no output or temporary file (found {left})")


# --- the checked-in catalogue -----------------------------------------------------------------
with open(os.path.join(CATALOGUE, "expected.json")) as manifest:
    expected = json.load(manifest)
on_disk = sorted(f for f in os.listdir(CATALOGUE) if f not in ("expected.json", "check_bad_inputs.py"))
report(on_disk == sorted(expected), "every file in tests/bad_inputs/ has an entry in expected.json, and back")
for name, case in sorted(expected.items()):
    check(name, os.path.join(CATALOGUE, name), case["pointer"], case["rule"], case["exit"])

# --- generated inputs -------------------------------------------------------------------------
with open(MINIMAL) as f:
    minimal = json.load(f)


def variant(**changes):
    doc = json.loads(json.dumps(minimal))
    doc.update(changes)
    return doc


def actor(i):
    return {"id": f"A{i}", "role": "third_party", "preferences": {"discount_per_month": 0.99},
            "support": {"initial_share": 0.5}}


with tempfile.TemporaryDirectory() as work:
    def write(name, content):
        path = os.path.join(work, name)
        with open(path, "w" if isinstance(content, str) else "wb") as f:
            f.write(content)
        return path

    def write_json(name, doc):
        return write(name, json.dumps(doc, separators=(",", ":")))

    # Nesting far beyond kMaxJsonDepth: refused by the byte scan, before any recursion.
    check("100000 nested arrays", write("deep.json", "[" * 100000 + "]" * 100000), "",
          "deeper than 64 levels (the limit is kMaxJsonDepth in engine/include/parley/input/json_reader.h", 2,
          max_seconds=5)
    check("100000 nested objects", write("deep_objects.json", '{"a":' * 100000 + "0" + "}" * 100000), "",
          "deeper than 64 levels (the limit is kMaxJsonDepth", 2, max_seconds=5)
    # A million events: refused by kMaxEvents, quickly and in bounded memory.
    check("10^6 events", write_json("million_events.json", variant(events=[{}] * 1000000)), "/events",
          "must have at most 1000 entries (it has 1000000; the limit is kMaxEvents in engine/include/parley/scenario/"
          "load.h; raise it there and rebuild)", 2, max_seconds=10)
    check("1001 events (one over kMaxEvents)",
          write_json("events_1001.json", variant(events=[{"id": f"e{i}", "kind": "support_shock", "actor": "UKR"}
                                                         for i in range(1001)])),
          "/events", "must have at most 1000 entries (it has 1001; the limit is kMaxEvents", 2)
    check("1001 aid flows (one over kMaxAidFlows)",
          write_json("aid_1001.json", variant(aid=[{"patron": "RUS", "recipient": "UKR", "amount_per_month": 1,
                                                    "effectiveness": 0}] * 1001)),
          "/aid", "must have at most 1000 entries (it has 1001; the limit is kMaxAidFlows", 2)
    check("65 actors (one over kMaxActors)",
          write_json("actors_65.json", variant(actors=minimal["actors"] + [actor(i) for i in range(63)])),
          "/actors", "must have at most 64 entries (it has 65; the limit is kMaxActors", 2)
    check("65 issues (one over kMaxIssues)",
          write_json("issues_65.json", variant(issues=[{"id": f"i{i}", "owners": ["UKR"]} for i in range(65)])),
          "/issues", "must have at most 64 entries (it has 65; the limit is kMaxIssues", 2)
    check("a horizon of 1201 months (one over kMaxHorizonMonths)",
          write_json("horizon_1201.json", variant(horizon_months=1201)), "/horizon_months",
          "must be an integer in [1, 1200] (the limit is kMaxHorizonMonths", 2)
    check("2e9 trials (over kMaxTrials)", write_json("trials.json", variant(trials=2000000000)), "/trials",
          "must be an integer in [1, 1000000000] (the limit is kMaxTrials", 2)
    big = write("big.json", '{"name": "' + "x" * (17 * 1024 * 1024) + '"}')
    check("a 17 MiB file (over kMaxScenarioBytes)", big, "", "must be at most 16 MiB (it has 17825804 bytes; the limit is kMaxScenarioBytes",
          2,
          max_seconds=5)

    # Endless inputs that are not regular files: every reader stops at its limit.
    endless = "must be at most 16 MiB (it has more than 16777216 bytes; the limit is kMaxScenarioBytes in " \
              "engine/include/parley/scenario/load.h; raise it there and rebuild)"
    check("/dev/zero as a scenario", "/dev/zero", "", endless, 2, max_seconds=5)
    sweep_on_zero = write_json("sweep_on_zero.json", {
        "name": "zero", "scenario": "/dev/zero", "design": {"kind": "grid", "levels": 2},
        "parameters": [{"pointer": "/battlefield/defence_bias_per_month", "range": [0, 0.01]}]})
    # Each file kind has its own limit, which a message names, whatever kind of file the path is.
    four_mib = "must be at most 4 MiB (it has {} bytes; the limit is {} in engine/include/parley/{}"
    sweep_limit = ("kMaxSweepBytes", "sweep/sweep_file.h")
    claims_limit = ("kMaxClaimsBytes", "claims/claims.h")
    five_mb = write("five_mb.json", " " * 5000000 + "{}")
    for description, verb, path, pointer, rule in [
        ("a sweep whose scenario is /dev/zero", "sweep", sweep_on_zero, "/scenario",
         "must name a readable scenario file"),
        ("/dev/zero as a sweep file", "sweep", "/dev/zero", "", four_mib.format("more than 4194304", *sweep_limit)),
        ("/dev/zero as a claims file", "claims", "/dev/zero", "", four_mib.format("more than 4194304", *claims_limit)),
        ("a 5 MB sweep file", "sweep", five_mb, "", four_mib.format("5000002", *sweep_limit)),
        ("a 5 MB claims file", "claims", five_mb, "", four_mib.format("5000002", *claims_limit)),
        ("/dev/zero as a treaty draft", "draft", "/dev/zero", "", endless),
    ]:
        out = os.path.join(work, "endless-out")
        status, text, seconds, rss = parley(verb, path, "--out", out)
        located = status == 2 and names_problem(text, pointer, rule) and "; the limit is kMax" in text
        report(located, f"{description}: {verb} exits 2 naming {pointer or '/'} and the limit (got {status})" +
               ("" if located else "\n" + text))
        report(seconds < 5 and rss < RSS_LIMIT_MB, f"{description}: {seconds:.2f} s, {rss:.0f} MB")
        report(not os.path.exists(out), f"{description}: nothing written")

    # Paths that are not readable scenario files: exit 1, naming the path and the reason.
    check("a directory instead of a file", work, "", "Is a directory", 1)
    check("a file that does not exist", os.path.join(work, "missing.json"), "", "No such file or directory", 1)
    locked = write_json("locked.json", minimal)
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK):
        print("skip - an unreadable file: this user (root?) reads it despite chmod 000", flush=True)
    else:
        check("an unreadable file (chmod 000)", locked, "", "Permission denied", 1)
    os.chmod(locked, 0o600)

    # Output paths that cannot be written: exit 1, nothing left behind.
    for description, out, reason in [
        ("--out in a directory that does not exist", os.path.join(work, "no", "such", "dir", "r.json"),
         "No such file or directory"),
        ("--out naming a directory", work, "Is a directory"),
    ]:
        before = sorted(os.listdir(work))
        status, text, _, _ = parley("run", MINIMAL, "--trials", "10", "--out", out)
        report(status == 1, f"{description}: run exits 1 (got {status})")
        report("cannot write output" in text and reason in text, f"{description}: the message says why")
        report(sorted(os.listdir(work)) == before, f"{description}: no file or temporary file left")
    read_only = os.path.join(work, "read_only")
    os.mkdir(read_only, 0o500)
    if os.access(read_only, os.W_OK):
        print("skip - --out in a read-only directory: this user (root?) writes there despite chmod 500", flush=True)
    else:
        status, text, _, _ = parley("run", MINIMAL, "--trials", "10", "--out", os.path.join(read_only, "r.json"))
        report(status == 1 and "Permission denied" in text, "--out in a read-only directory: exit 1, says why")
        report(os.listdir(read_only) == [], "--out in a read-only directory: nothing left behind")

    # Limits on the command line name the option and the limit.
    for option, value, rule in [("--threads", "5000", "kMaxThreads in engine/include/parley/sim/run.h"),
                                 ("--trials", "2000000000", "kMaxTrials in engine/include/parley/scenario/load.h")]:
        status, text, _, _ = parley("run", MINIMAL, option, value, "--out", os.path.join(work, "never.json"))
        report(status == 2 and option in text and rule in text, f"{option} {value}: exit 2 naming {option} and {rule}")
        report(not os.path.exists(os.path.join(work, "never.json")), f"{option} {value}: no output file")

print(f"{len(failures)} failures" if failures else "all bad inputs answered as expected")
sys.exit(1 if failures else 0)
