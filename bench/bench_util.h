// Shared helpers for the benchmark programs: wall-clock timing, peak resident memory, and the
// small command line every bench takes. Benchmarks print one JSON object per measurement so
// bench/run_benchmarks.sh and bench/instructions.sh can tabulate them.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parley::bench {

inline double seconds_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best of `repeats` runs: the least disturbed by other work on the machine.
inline double best_seconds_of(int repeats, const std::function<void()>& work) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) best = std::min(best, seconds_of(work));
  return best;
}

inline long peak_resident_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

// A command-line mistake: main_guarded prints it with the usage and exits 2, like the CLI.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The command line, read left to right: options first asked for are consumed, what is left
// over is a positional argument or an unknown option.
class Arguments {
 public:
  Arguments(int argc, char** argv) : argc_(argc), argv_(argv) {}

  [[nodiscard]] bool at_end() const noexcept { return next_ >= argc_; }
  [[nodiscard]] std::string_view peek() const { return argv_[next_]; }
  [[nodiscard]] bool take_flag(std::string_view name) {
    if (at_end() || peek() != name) return false;
    ++next_;
    return true;
  }
  // The text after `name` when the next argument is `name`.
  [[nodiscard]] bool take_text(std::string_view name, std::string& value) {
    if (at_end() || peek() != name) return false;
    if (next_ + 1 >= argc_) throw UsageError(std::string(name) + " needs a value");
    value = argv_[next_ + 1];
    next_ += 2;
    return true;
  }
  // The integer after `name` when the next argument is `name`, checked against [low, high].
  [[nodiscard]] bool take_integer(std::string_view name, std::int64_t low, std::int64_t high, std::int64_t& value) {
    if (at_end() || peek() != name) return false;
    if (next_ + 1 >= argc_) throw UsageError(std::string(name) + " needs a value");
    const std::string text = argv_[next_ + 1];
    std::size_t used = 0;
    long long parsed = 0;
    try {
      parsed = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || text.empty() || parsed < low || parsed > high)
      throw UsageError(std::string(name) + " must be an integer in [" + std::to_string(low) + ", " +
                       std::to_string(high) + "], got '" + text + "'");
    value = parsed;
    next_ += 2;
    return true;
  }
  // A positional argument; an unknown option is a usage error, not a file name.
  [[nodiscard]] std::string take_positional() {
    const std::string text(peek());
    if (text.size() > 1 && text[0] == '-') reject_next();
    ++next_;
    return text;
  }
  // For the argument no option asked for.
  [[noreturn]] void reject_next() const {
    const std::string text(peek());
    throw UsageError((text.size() > 1 && text[0] == '-' ? "unknown option '" : "unexpected argument '") + text + "'");
  }

 private:
  int argc_;
  char** argv_;
  int next_ = 1;
};

inline constexpr std::int64_t kMaxCount = std::numeric_limits<std::int32_t>::max();

// Runs a bench's main: --help prints `usage` and exits 0; a usage error or any failure is
// reported on stderr (exit 2 and 1), never an uncaught exception.
inline int main_guarded(const char* program, const char* usage, int argc, char** argv,
                        const std::function<void(Arguments&)>& body) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::printf("usage: %s %s\n", program, usage);
      return 0;
    }
  try {
    Arguments arguments(argc, argv);
    body(arguments);
    return 0;
  } catch (const UsageError& error) {
    std::fprintf(stderr, "%s: %s\nusage: %s %s\n", program, error.what(), program, usage);
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", program, error.what());
    return 1;
  }
}

}  // namespace parley::bench
