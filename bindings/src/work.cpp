// Long engine work from Python: a worker thread for the engine, the calling thread for Python
// (signals, the user's progress function), see run_interruptibly in bindings.h; and the checks
// of the options every such function takes.
#include <chrono>
#include <exception>
#include <optional>
#include <thread>

#include "bindings.h"
#include "parley/sim/run.h"

namespace parley::python {

namespace {
// How long Ctrl-C may wait to be noticed when the engine reports no progress.
constexpr std::chrono::milliseconds kSignalPoll{50};
}  // namespace

void WorkProgress::report(std::int64_t done, std::int64_t total) {
  {
    const std::lock_guard lock(mutex_);
    done_ = done;
    total_ = total;
  }
  changed_.notify_one();
}

std::optional<std::uint64_t> read_seed(const py::object& seed, IssueCollector& issues) {
  if (seed.is_none()) return std::nullopt;
  const std::string rule = "must be None or an integer in [0, 18446744073709551615] (2^64 - 1)";
  // __index__ takes Python's and numpy's integers and refuses floats; a bool is no seed.
  if (!py::isinstance<py::bool_>(seed) && PyIndex_Check(seed.ptr()) != 0) {
    const py::int_ whole = py::reinterpret_steal<py::int_>(PyNumber_Index(seed.ptr()));
    const unsigned long long value = PyLong_AsUnsignedLongLong(whole.ptr());
    if (!(value == static_cast<unsigned long long>(-1) && PyErr_Occurred() != nullptr))
      return static_cast<std::uint64_t>(value);
    PyErr_Clear();
  }
  issues.add("seed", rule, py::repr(seed).cast<std::string>());
  return std::nullopt;
}

void check_threads(int threads, IssueCollector& issues) {
  if (threads < 0 || threads > kMaxThreads)
    issues.add("threads", "must be an integer in [0, " + std::to_string(kMaxThreads) + "] (0: all cores)",
               std::to_string(threads));
}

void check_progress_callable(const py::object& progress, IssueCollector& issues) {
  if (!progress.is_none() && !PyCallable_Check(progress.ptr()))
    issues.add("progress", "must be None or a callable progress(done, total)");
}

bool run_interruptibly(const std::function<void()>& work, WorkProgress& progress, std::atomic<bool>& cancel,
                       const py::object& user_progress, OnCtrlC on_ctrl_c) {
  std::exception_ptr engine_error;
  std::optional<py::error_already_set> python_error;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      engine_error = std::current_exception();
    }
    {
      const std::lock_guard lock(progress.mutex_);
      progress.finished_ = true;
    }
    progress.changed_.notify_one();
  });
  std::int64_t shown = -1;
  bool finished = false;
  while (!finished) {
    std::int64_t done = 0;
    std::int64_t total = 0;
    {
      py::gil_scoped_release release;
      std::unique_lock lock(progress.mutex_);
      progress.changed_.wait_for(lock, kSignalPoll, [&] { return progress.finished_ || progress.done_ != shown; });
      finished = progress.finished_;
      done = progress.done_;
      total = progress.total_;
    }
    const bool moved = done != shown;
    shown = done;
    if (python_error) continue;  // cancelled: wait for the engine to stop
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (moved && total > 0 && !user_progress.is_none()) user_progress(done, total);
    } catch (py::error_already_set& error) {
      python_error.emplace(std::move(error));
      cancel.store(true);
    }
  }
  {
    py::gil_scoped_release release;
    worker.join();
  }
  if (python_error) {
    if (on_ctrl_c == OnCtrlC::kKeepFinished && python_error->matches(PyExc_KeyboardInterrupt) && !engine_error) {
      python_error.reset();
      return true;
    }
    py::error_already_set error = std::move(*python_error);
    python_error.reset();
    throw error;
  }
  if (engine_error) std::rethrow_exception(engine_error);
  return false;
}

}  // namespace parley::python
