// Spreading a sweep's points over MPI ranks, with the same outputs as one process.
//
// Where it sits: `parley sweep` under `mpirun -np N` calls run_sweep_points_distributed() on
// every rank. Rank 0 hands out point indices one at a time on request (dynamic load balancing:
// points differ in cost), runs points itself on a local thread between requests, and gathers
// every result, which it alone stores and checkpoints; other ranks run the points they are
// given. Results travel as raw doubles, so they are bit-identical to a local run, and the
// outputs, built by point index on rank 0, are the same bytes for any number of ranks.
//
// MPI is optional at build time (PARLEY_USE_MPI, OpenMPI found): without it, or when the
// program was not started by mpirun, there is one rank and this is run_sweep_points().
#pragma once

#include "parley/sweep/sweep_run.h"

namespace parley {

// Initialises MPI for its lifetime when the process was started by an MPI launcher and MPI was
// built in; otherwise a session of one rank.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }
  // Stops every rank (after an error on one of them, the others may be waiting for it).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

// True when this build can distribute over MPI.
[[nodiscard]] bool mpi_available() noexcept;

// On rank 0: runs the points missing from `results` across every rank, calling `sink` for
// each (on rank 0's main thread, one at a time); returns true when every point has a result.
// On other ranks: runs the points rank 0 hands out until told to stop; returns false and leaves
// `results` alone. Every rank must call it with the same spec and plan. `options.threads` is
// per rank; cancel and progress are honoured on rank 0.
bool run_sweep_points_distributed(const MpiSession& session, const SweepSpec& spec, const SweepPlan& plan,
                                  const SweepOptions& options, SweepResults& results, const PointSink& sink);

// On rank 0 when it fails before run_sweep_points_distributed(): answers each other rank's first
// request with "stop", so no rank waits forever. Does nothing on one rank.
void release_sweep_workers(const MpiSession& session);

}  // namespace parley
