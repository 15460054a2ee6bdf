// The cancel flag every long computation reads: set by a Ctrl-C handler, a Python
// KeyboardInterrupt poller or a test, read by the trial runners (sim/batches.h) and inside a
// trial, wherever a few milliseconds of work can pass between two reads.
#pragma once

#include <atomic>

namespace parley {

// Whether the work should stop: a relaxed load, cheap enough to read before every month.
[[nodiscard]] inline bool cancel_requested(const std::atomic<bool>* cancel) noexcept {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

}  // namespace parley
