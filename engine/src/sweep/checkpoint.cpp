#include "parley/sweep/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/io/run_report.h"

namespace parley {

namespace {

constexpr const char* kFormat = "parley-sweep-checkpoint";
constexpr int kFormatVersion = 1;

// The line for `content` (a JSON object), with its check appended as the last field.
std::string checked_line(const nlohmann::json& content) {
  const std::string text = content.dump();
  return text.substr(0, text.size() - 1) + ",\"check\":\"" + hash_hex(fnv1a64(text)) + "\"}\n";
}

// The content of a line whose check holds, or nothing.
std::optional<nlohmann::json> read_checked_line(const std::string& line) {
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
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
  const std::string text = read_text_file(path);
  // Complete lines only: whatever follows the last newline is a torn write.
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  discarded = start < text.size() ? 1 : 0;
  const nlohmann::json expected = header_of(spec, points);
  const auto header = lines.empty() ? std::nullopt : read_checked_line(lines.front());
  if (!header || header->value("format", "") != kFormat)
    throw InputError(path, {{"", "must be a parley sweep checkpoint (its header line is unreadable)", "", ""}});
  if (header->value("sweep_hash", "") != expected["sweep_hash"] ||
      header->value("scenario_hash", "") != expected["scenario_hash"] || (*header)["points"] != expected["points"] ||
      (*header)["metrics"] != expected["metrics"])
    throw InputError(
        path,
        {{"/sweep_hash",
          "must match the sweep being resumed: this checkpoint belongs to a different sweep "
          "file or scenario (sweep " +
              header->value("sweep_hash", "?") + ", scenario " + header->value("scenario_hash", "?") + "; now sweep " +
              expected["sweep_hash"].get<std::string>() + ", scenario " + expected["scenario_hash"].get<std::string>() +
              "); run without --resume and with --force to start again",
          "", ""}});
  results.assign(static_cast<std::size_t>(points), std::nullopt);
  const std::size_t width = spec.values_per_point();
  std::string kept = checked_line(expected);
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const auto content = read_checked_line(lines[k]);
    bool valid = content.has_value();
    PointResult point;
    if (valid) {
      const auto& index = (*content)["point"];
      const auto& values = (*content)["values"];
      valid = index.is_number_integer() && index.get<std::int64_t>() >= 0 && index.get<std::int64_t>() < points &&
              values.is_array() && values.size() == width && !results[index.get<std::size_t>()];
      if (valid) {
        point.index = index.get<std::int64_t>();
        for (const auto& value : values) {
          if (!value.is_null() && !value.is_number()) valid = false;
          point.metrics.push_back(value.is_number() ? value.get<double>() : std::nan(""));
        }
      }
    }
    if (!valid) {
      if (!lines[k].empty()) ++discarded;
      continue;
    }
    kept += lines[k] + "\n";
    results[static_cast<std::size_t>(point.index)] = std::move(point);
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
