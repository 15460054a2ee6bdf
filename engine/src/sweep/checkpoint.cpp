#include "parley/sweep/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/core/text.h"
#include "parley/input/json_reader.h"

namespace parley {

namespace {

constexpr const char* kFormat = "parley-sweep-checkpoint";
constexpr int kFormatVersion = 1;

// The line for `content` (a JSON object), with its check appended as the last field.
std::string checked_line(const nlohmann::json& content) {
  const std::string text = content.dump();
  return text.substr(0, text.size() - 1) + ",\"check\":\"" + hash_hex(fnv1a64(text)) + "\"}\n";
}

bool repeats_a_key(const std::string& line) {
  IssueCollector issues;
  input::report_duplicate_keys(line, issues);
  return !issues.empty();
}

// The content of a line whose check holds, or nothing. No run writes a key twice, so a line that
// does was edited: it is damaged whatever its check says.
std::optional<nlohmann::json> read_checked_line(const std::string& line) {
  // A NUL byte would end nlohmann's parse early and hide the rest of the line.
  if (line.find('\0') != std::string::npos) return std::nullopt;
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || repeats_a_key(line)) return std::nullopt;
  const auto check = doc.find("check");
  if (check == doc.end() || !check->is_string()) return std::nullopt;
  const std::string expected = check->get<std::string>();
  doc.erase("check");
  if (hash_hex(fnv1a64(doc.dump())) != expected) return std::nullopt;
  return doc;
}

nlohmann::json header_of(const SweepSpec& spec, std::int64_t points) {
  return {{"format", kFormat},
          {"version", kFormatVersion},
          {"sweep_hash", hash_hex(spec.sweep_hash)},
          {"scenario_hash", hash_hex(spec.scenario_hash)},
          {"points", points},
          {"metrics", spec.metrics}};
}

const std::string kStartAgain = "run without --resume and with --force to start again";

// The most a checkpoint of `points` points of `width` values can hold: its header and one line
// per point ({"point":i,"values":[...],"check":"..."}, each value at most 25 characters), so a
// longer file (a device, a pipe, lines no run wrote) is refused before it fills memory. Never
// less than kMaxInputFileBytes, so that another sweep's larger checkpoint is read and refused
// for what it is (a different sweep) rather than for its size.
ReadLimit size_limit(std::size_t header_bytes, std::int64_t points, std::size_t width) {
  constexpr std::size_t kLineBytes = 96;   // the line's keys, index, check and newline, with room
  constexpr std::size_t kValueBytes = 32;  // one value in shortest round-trip form and its comma
  const std::size_t line_bytes = kLineBytes + kValueBytes * width;
  return {std::max(kMaxInputFileBytes, header_bytes + static_cast<std::size_t>(points) * line_bytes),
          "a checkpoint of this sweep's " + std::to_string(points) + " points holds its header and at most " +
              std::to_string(line_bytes) + " bytes per point, so this is not one; " + kStartAgain};
}

// A header field as the message shows it: a string without its quotes, anything else as JSON.
std::string shown(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// Refuses a header line that says a field twice, naming both places, rather than calling it
// unreadable (read_checked_line's answer for any line that does).
void reject_repeated_header_keys(const std::string& line, const std::string& path) {
  // Not JSON (or cut short by a NUL): check_header says the line is unreadable.
  if (line.find('\0') != std::string::npos || !nlohmann::json::accept(line)) return;
  IssueCollector issues;
  input::report_duplicate_keys(line, issues);
  issues.throw_if_any(path);
}

// Refuses a header that is unreadable, lacks a field, or names another sweep, scenario, number
// of points or metrics than the one being resumed.
void check_header(const std::optional<nlohmann::json>& header, const nlohmann::json& expected,
                  const std::string& path) {
  const auto format = header ? header->find("format") : expected.end();
  if (!header || format == header->end() || *format != kFormat)
    throw InputError(path, {{"", "must be a parley sweep checkpoint (its header line is unreadable)", "", ""}});
  IssueCollector issues;
  for (const auto& [key, value] : expected.items())
    if (!header->contains(key))
      issues.add("/" + key, "must be present in the checkpoint's header line (it is missing); " + kStartAgain);
  issues.throw_if_any(path);
  const auto& sweep = header->at("sweep_hash");
  const auto& scenario = header->at("scenario_hash");
  if (sweep != expected.at("sweep_hash") || scenario != expected.at("scenario_hash"))
    throw InputError(
        path, {{"/sweep_hash",
                "must match the sweep being resumed: this checkpoint belongs to a different sweep "
                "file or scenario (sweep " +
                    shown(sweep) + ", scenario " + shown(scenario) + "; now sweep " + shown(expected.at("sweep_hash")) +
                    ", scenario " + shown(expected.at("scenario_hash")) + "); " + kStartAgain,
                "", ""}});
  for (const auto& [key, value] : expected.items())
    if (header->at(key) != value)
      issues.add("/" + key,
                 "must be " + value.dump() + " for the sweep being resumed (its hashes match, so the " +
                     "header was edited); " + kStartAgain,
                 header->at(key).dump());
  issues.throw_if_any(path);
}

// The point a checkpoint line records, or nothing when the line is damaged or does not fit the
// sweep (an index outside it, another number of values, a value that is neither null nor a
// number).
std::optional<PointResult> read_point_line(const std::string& line, std::int64_t points, std::size_t width) {
  const auto content = read_checked_line(line);
  if (!content) return std::nullopt;
  const auto index = content->find("point");
  const auto values = content->find("values");
  if (index == content->end() || values == content->end() || !index->is_number_integer() || !values->is_array() ||
      values->size() != width)
    return std::nullopt;
  PointResult point;
  point.index = index->get<std::int64_t>();
  if (point.index < 0 || point.index >= points) return std::nullopt;
  for (const auto& value : *values) {
    if (!value.is_null() && !value.is_number()) return std::nullopt;
    point.metrics.push_back(value.is_number() ? value.get<double>() : std::nan(""));
  }
  return point;
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int error_number) {
  throw Error(what + " '" + path + "': " + std::strerror(error_number));
}

int open_for_append(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail("cannot open the sweep checkpoint", path, errno);
  return fd;
}

}  // namespace

std::string SweepCheckpoint::line_of(const PointResult& point) {
  nlohmann::json values = nlohmann::json::array();
  for (const double value : point.metrics)
    values.push_back(std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value));
  return checked_line({{"point", point.index}, {"values", values}});
}

SweepCheckpoint SweepCheckpoint::create(const std::string& path, const SweepSpec& spec, std::int64_t points) {
  write_file_atomically(path, checked_line(header_of(spec, points)));
  return SweepCheckpoint(path, open_for_append(path));
}

SweepCheckpoint SweepCheckpoint::resume(const std::string& path, const SweepSpec& spec, std::int64_t points,
                                        SweepResults& results, std::int64_t& discarded) {
  const nlohmann::json expected = header_of(spec, points);
  std::string kept = checked_line(expected);
  const std::size_t width = spec.values_per_point();
  const std::string text = read_text_file(path, size_limit(kept.size(), points, width));
  // Complete lines only: whatever follows the last newline is a torn write.
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  discarded = start < text.size() ? 1 : 0;
  if (!lines.empty()) reject_repeated_header_keys(lines.front(), path);
  check_header(lines.empty() ? std::nullopt : read_checked_line(lines.front()), expected, path);
  results.assign(static_cast<std::size_t>(points), std::nullopt);
  for (std::size_t k = 1; k < lines.size(); ++k) {
    auto point = read_point_line(lines[k], points, width);
    if (!point || results[static_cast<std::size_t>(point->index)]) {
      if (!lines[k].empty()) ++discarded;
      continue;
    }
    kept += lines[k] + "\n";
    results[static_cast<std::size_t>(point->index)] = std::move(point);
  }
  write_file_atomically(path, kept);
  return SweepCheckpoint(path, open_for_append(path));
}

SweepCheckpoint::SweepCheckpoint(SweepCheckpoint&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

SweepCheckpoint::~SweepCheckpoint() {
  if (fd_ >= 0) ::close(fd_);
}

void SweepCheckpoint::append(const PointResult& point) {
  const std::string line = line_of(point);
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot append to the sweep checkpoint", path_, errno);
    }
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace parley
