// Errors that Parley reports to its users.
//
// Where it sits: every layer throws these; the CLI turns them into a message and a non-zero
// exit, the Python bindings into parley.ScenarioError. Input problems are collected, not
// thrown one at a time, so a user sees every mistake in a file at once (the pattern of
// pboettch/json-schema-validator: "At /path of value - what is wrong").
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace parley {

// One problem in a user's input, located by a JSON pointer (RFC 6901).
struct InputIssue {
  std::string pointer;  // e.g. "/actors/1/support/initial_share"; "" is the document itself
  std::string rule;     // what the value must satisfy, e.g. "must lie in [0, 1]"
  std::string value;    // the offending value as the user wrote it (compact JSON), may be empty
  std::string hint;     // e.g. "did you mean 'horizon_months'?", may be empty

  // "At /actors/1/support/initial_share of 1.3 - must lie in [0, 1]"
  [[nodiscard]] std::string message() const;
};

// Base of all errors Parley raises on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file could not be opened or read: which file, and the system's error number (errno), so
// that callers can tell a missing file from one they may not read.
class FileError : public Error {
 public:
  FileError(const std::string& message, std::string path, int error_number)
      : Error(message), path_(std::move(path)), error_number_(error_number) {}
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] int error_number() const noexcept { return error_number_; }

 private:
  std::string path_;
  int error_number_;
};

// A user's input (scenario, sweep, command line) is invalid. Carries every problem found.
class InputError : public Error {
 public:
  InputError(std::string source, std::vector<InputIssue> issues);
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] const std::vector<InputIssue>& issues() const noexcept { return issues_; }

 private:
  std::string source_;
  std::vector<InputIssue> issues_;
};

// Collects problems while a loader walks a document; throws them together.
class IssueCollector {
 public:
  void add(std::string pointer, std::string rule, std::string value = {}, std::string hint = {});
  [[nodiscard]] bool empty() const noexcept { return issues_.empty(); }
  [[nodiscard]] const std::vector<InputIssue>& issues() const noexcept { return issues_; }
  // Throws InputError naming `source` if anything was collected.
  void throw_if_any(const std::string& source) const;

 private:
  std::vector<InputIssue> issues_;
};

// Edit distance, used for "did you mean" hints on unknown keys and names.
[[nodiscard]] std::size_t edit_distance(const std::string& a, const std::string& b);

// The closest candidate within a small edit distance, or "" when none is close.
[[nodiscard]] std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace parley
