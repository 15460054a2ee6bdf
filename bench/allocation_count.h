// Counts heap allocations while a bench asks, for the issue 18 goal of no allocation in the
// month loop. It interposes malloc and its siblings (glibc lets a program define them and
// reach its own through __libc_*), so it also sees Eigen's and oneTBB's allocations, which
// bypass operator new. Include it in exactly one file of a program.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace parley::bench {

inline std::atomic<bool> counting_allocations{false};
inline std::atomic<std::int64_t> allocations{0};

inline void note_allocation() noexcept {
  if (counting_allocations.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
}

// Allocations made by `work`, on every thread.
template <class Work>
std::int64_t allocations_of(Work&& work) {
  const std::int64_t before = allocations.load();
  counting_allocations = true;
  work();
  counting_allocations = false;
  return allocations.load() - before;
}

}  // namespace parley::bench

extern "C" {
void* malloc(std::size_t size) noexcept {
  parley::bench::note_allocation();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  parley::bench::note_allocation();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) noexcept {
  parley::bench::note_allocation();
  return __libc_realloc(pointer, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  parley::bench::note_allocation();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** pointer, std::size_t alignment, std::size_t size) noexcept {
  parley::bench::note_allocation();
  *pointer = __libc_memalign(alignment, size);
  return *pointer == nullptr ? 12 /* ENOMEM */ : 0;
}
}
