// Shared pieces of the Python module `parley._core`: the objects that cross module files and
// the JSON bridge between nlohmann::json and Python.
//
// Where it sits: a thin front over the engine library, like the CLI. Each file in bindings/src
// binds one engine module with an init_<module>(m) function called from module.cpp; the pure
// Python package bindings/python/parley re-exports them. Nothing here computes anything the
// engine does not: results come from the same functions the CLI calls (io/run_report.h), so a
// Python run and `parley run` give the same report for the same (scenario, seed, trials).
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "parley/core/error.h"
#include "parley/scenario/scenario.h"

namespace parley::python {

namespace py = pybind11;

// A validated scenario with the JSON document it was read from, so that Python can show it,
// edit it (Scenario.with_changes) and read it again. Both parts are immutable and shared.
struct ScenarioHandle {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const nlohmann::json> source;
};

// nlohmann::json -> Python objects (dict, list, str, int, float, bool, None) through the json module,
// whose float parsing round-trips nlohmann's shortest representation exactly.
[[nodiscard]] py::object to_python(const nlohmann::json& value);

// Python object -> JSON text with json.dumps; numpy scalars are converted with .item().
[[nodiscard]] std::string dumps(py::handle value);

// What run_interruptibly does when Ctrl-C stops the work: raise KeyboardInterrupt, or return
// true so that the caller can hand back the part that finished (parley.run's RunInterrupted).
enum class OnCtrlC { kRaise, kKeepFinished };

// Progress of engine work running on another thread: the latest (done, total) the engine
// reported, and whether the work has finished. report() is safe from any engine thread.
class WorkProgress {
 public:
  void report(std::int64_t done, std::int64_t total);

 private:
  friend bool run_interruptibly(const std::function<void()>& work, WorkProgress& progress, std::atomic<bool>& cancel,
                                const py::object& user_progress, OnCtrlC on_ctrl_c);
  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
  bool finished_ = false;
};

// Runs `work` (engine code that never touches Python) on a worker thread while the calling
// thread waits with the GIL released. The caller wakes when progress moves, and at least every
// 50 ms, to let Python handle signals (Ctrl-C raises KeyboardInterrupt) and to call
// `user_progress(done, total)` (unless None) in the calling thread, however many engine threads
// report. A Python exception there sets `cancel`, which `work` must pass to the engine (the
// engine reads it before every trial); once the work has stopped the exception is raised
// (KeyboardInterrupt under OnCtrlC::kKeepFinished excepted: the call returns true), and
// otherwise an exception thrown by `work`. Returns false when nothing stopped the work.
bool run_interruptibly(const std::function<void()>& work, WorkProgress& progress, std::atomic<bool>& cancel,
                       const py::object& user_progress, OnCtrlC on_ctrl_c = OnCtrlC::kRaise);

// Option checks shared by the functions that run the engine: each adds an issue named after
// the Python argument ("threads", "progress") when the value is not allowed.
void check_threads(int threads, IssueCollector& issues);
// A seed from Python: None (the scenario's own), or an integer (numpy's too) in [0, 2^64 - 1],
// the range of a scenario's "seed" and the CLI's --seed; anything else is an issue at "seed".
[[nodiscard]] std::optional<std::uint64_t> read_seed(const py::object& seed, IssueCollector& issues);
void check_progress_callable(const py::object& progress, IssueCollector& issues);

void init_errors(py::module_& m);
void init_scenario(py::module_& m);
void init_run(py::module_& m);
void init_solve(py::module_& m);
void init_draft(py::module_& m);
void init_sweep(py::module_& m);
void init_claims(py::module_& m);
void init_trace(py::module_& m);

}  // namespace parley::python
