// Ctrl-C and progress for long commands. SIGINT sets a flag that the engine checks at natural
// points (between batches of trials, between sweep points); the command then saves what is
// finished and exits with kExitInterrupted. Progress goes to stderr only when it is a terminal,
// so logs and pipelines stay clean.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace parley::cli {

// Installs the SIGINT handler for its lifetime; a second Ctrl-C falls back to the default
// (immediate exit), so a user is never stuck.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  [[nodiscard]] const std::atomic<bool>& flag() const noexcept;
};

class ProgressLine {
 public:
  explicit ProgressLine(std::string unit);
  void update(std::int64_t done, std::int64_t total);
  void finish();

 private:
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace parley::cli
