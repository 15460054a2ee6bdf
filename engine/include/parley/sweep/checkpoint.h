// A sweep's checkpoint: finished points, one per line, so that an interrupted or killed sweep
// resumes where it stopped and ends with the same bytes as a run that never stopped.
//
// Where it sits: the sink of run_sweep_points() (sweep_run.h) and of the distributed driver
// (distributed.h) on rank 0. Format (docs/sweeps.md): JSON lines. The first is a header naming
// the sweep's and the scenario's content hashes, the number of points and the metrics; each
// later line is {"point": i, "values": [...]} with a "check" field, FNV-1a of the line's other
// content. A line that does not parse, fails its check, or does not fit the sweep (a torn write
// from a killed process, an edit) is discarded and its point runs again. Each line is appended
// with a single write(2) as its point finishes, so a killed process loses at most the points in
// progress. Values are written in the shortest form that reads back exactly, so a resumed
// result is bit-identical to the one computed.
#pragma once

#include <cstdint>
#include <string>

#include "parley/sweep/sweep_run.h"

namespace parley {

class SweepCheckpoint {
 public:
  // Starts a new checkpoint at `path` (replacing any file there) with the header for `spec`.
  static SweepCheckpoint create(const std::string& path, const SweepSpec& spec, std::int64_t points);

  // Reads an existing checkpoint into `results` (sized to `points`) and rewrites it with only
  // its valid lines, so later appends never follow a torn line. Throws InputError when it
  // belongs to a different sweep or scenario, its header is unreadable or lacks a field, or it
  // is longer than any checkpoint of this sweep can be (which bounds what is read). `discarded`
  // counts the lines dropped.
  static SweepCheckpoint resume(const std::string& path, const SweepSpec& spec, std::int64_t points,
                                SweepResults& results, std::int64_t& discarded);

  SweepCheckpoint(SweepCheckpoint&& other) noexcept;
  SweepCheckpoint& operator=(SweepCheckpoint&&) = delete;
  SweepCheckpoint(const SweepCheckpoint&) = delete;
  SweepCheckpoint& operator=(const SweepCheckpoint&) = delete;
  ~SweepCheckpoint();

  // Appends one finished point (one write(2) of one whole line). Throws Error on I/O failure.
  void append(const PointResult& point);

  // The line that records `point`, with its check; exposed for tests.
  [[nodiscard]] static std::string line_of(const PointResult& point);

 private:
  SweepCheckpoint(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

}  // namespace parley
