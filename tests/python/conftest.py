"""Shared fixtures for the Python suite: where the sources and the CLI are, and scenarios.

CTest (bindings/CMakeLists.txt) sets PYTHONPATH to the build tree's package and PARLEY_CLI to
the built `parley` program; run by hand, the defaults assume a build in <repo>/build.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import parley  # noqa: E402  (after the backend is chosen)

SOURCE_DIR = Path(os.environ.get("PARLEY_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("PARLEY_CLI", SOURCE_DIR / "build" / "engine" / "parley"))
FLAGSHIP = SOURCE_DIR / "scenarios" / "ukraine_war.json"
MINIMAL = SOURCE_DIR / "scenarios" / "validation" / "minimal.json"


@pytest.fixture(scope="session")
def flagship() -> parley.Scenario:
    return parley.Scenario.from_file(FLAGSHIP)


@pytest.fixture(scope="session")
def flagship_dict() -> dict[str, Any]:
    with open(FLAGSHIP, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def cli() -> Path:
    if not CLI.exists():
        pytest.fail(f"the parley program is not at {CLI}; build it or set PARLEY_CLI")
    return CLI


@pytest.fixture(scope="session")
def flagship_result(flagship: parley.Scenario) -> parley.RunResult:
    """A small flagship run with every trial recorded, shared by the read-only tests."""
    return parley.run(flagship, trials=4000, seed=11, trial_records=True)


def ticks_per_call(work: Callable[[], object], seconds: float = 0.3) -> float:
    """Calls `work` over and over in another thread for `seconds`, counting 1 ms ticks of this
    one, and returns the ticks per call.

    With the GIL held by the engine this thread can run only between two calls: about one tick
    per call, however long a call takes. Released, it ticks all along: a call of 10 ms gives
    about ten. Counting per call, not per run, keeps the test meaningful on a machine fast
    enough to finish one call before the first tick.
    """
    done = threading.Event()
    calls = 0

    def repeat() -> None:
        nonlocal calls
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            work()
            calls += 1
        done.set()

    worker = threading.Thread(target=repeat)
    ticks = 0
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    return ticks / max(calls, 1)


def seconds_to_keyboard_interrupt(work: Callable[[], object], after: float = 0.5) -> float:
    """Sends SIGINT to the main thread `after` seconds into `work`; asserts that `work` raises
    KeyboardInterrupt and returns how long it ran."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    main_thread = threading.main_thread().ident
    assert main_thread is not None
    timer = threading.Timer(after, signal.pthread_kill, args=(main_thread, signal.SIGINT))
    try:
        started = time.perf_counter()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            work()
        return time.perf_counter() - started
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
