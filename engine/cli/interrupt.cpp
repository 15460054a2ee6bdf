#include "interrupt.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace parley::cli {

namespace {
std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
  interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);
}
}  // namespace

InterruptGuard::InterruptGuard() {
  interrupted.store(false);
  std::signal(SIGINT, on_interrupt);
}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, SIG_DFL);
}

const std::atomic<bool>& InterruptGuard::flag() const noexcept {
  return interrupted;
}

ProgressLine::ProgressLine(std::string unit)
    : unit_(std::move(unit)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressLine::update(std::int64_t done, std::int64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%s %lld/%lld (%.0f%%) %.1f s", unit_.c_str(), static_cast<long long>(done),
               static_cast<long long>(total), 100.0 * static_cast<double>(done) / static_cast<double>(total), seconds);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace parley::cli
