// Reading user-written JSON with a location for every complaint: the toolkit every reader of a
// file format shares (scenarios, sweeps, claims, treaties).
//
// Where it sits: input/ is below scenario/ and depends on core/ only. Each reader knows the
// JSON pointer (RFC 6901) of the node it reads and reports problems to an IssueCollector
// instead of throwing, so one pass finds every mistake in a file. A reader that finds a problem
// returns nothing and its caller carries on with the next field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/domain.h"
#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/input/limit.h"

namespace parley::input {

using Json = nlohmann::json;

// Objects and arrays nest at most this many levels in any document a reader accepts, so the
// recursive parts of the pipeline (dump, the loaders) never meet a deeper one.
inline constexpr int kMaxJsonDepth = 64;

// RFC 6901: '~' becomes "~0" and '/' becomes "~1".
[[nodiscard]] std::string escape_pointer_token(std::string_view token);
[[nodiscard]] std::string child_pointer(const std::string& pointer, std::string_view key);
[[nodiscard]] std::string child_pointer(const std::string& pointer, std::size_t index);

// The value as compact JSON for a message, shortened when long (a whole array is no help).
[[nodiscard]] std::string compact_value(const Json& value);
// A number as JSON writes it (shortest round trip), "inf" and "-inf" for the infinities.
[[nodiscard]] std::string number_text(double value);
// "[0, 1]", "(0, inf)", ...
[[nodiscard]] std::string interval_text(double lower, bool lower_open, double upper, bool upper_open);

// Where a limit is defined and how to raise it, for rules that enforce it:
// "the limit is kMaxEvents in engine/include/parley/scenario/load.h; raise it there and rebuild".
[[nodiscard]] std::string limit_note(const Limit& limit);

// The rules for documents over the nesting and size limits.
[[nodiscard]] std::string too_deep_rule();
[[nodiscard]] std::string too_large_rule(std::size_t bytes, const SizeLimit& size);

// Parses a document. Syntax errors, truncation, invalid UTF-8, emptiness, a size over `size`
// and nesting deeper than kMaxJsonDepth become one issue at pointer "" and the result is empty;
// so does a document with a repeated key, reported by report_duplicate_keys.
[[nodiscard]] std::optional<Json> parse_json_text(std::string_view text, const SizeLimit& size, IssueCollector& issues);

// Reports every key that an object of `text` (valid JSON, as parse_json_text has checked) holds
// more than once, at the key's pointer with the line and column of both occurrences. JSON leaves
// a repeated key's meaning open and nlohmann keeps the last, so a file that says a thing twice
// is refused rather than read as saying one of them.
void report_duplicate_keys(std::string_view text, IssueCollector& issues);

// The bounded reader's limit (core/files.h) for a format's size limit, naming its constant.
[[nodiscard]] ReadLimit read_limit(const SizeLimit& size);

// Reads a whole JSON document within `size`: throws Error when the file cannot be read and
// InputError (at "") when it is too large or not JSON.
[[nodiscard]] Json read_json_file(const std::string& path, const SizeLimit& size);

// A file that a document names, resolved against the naming document's directory (when the
// reference is relative and the directory is not empty).
[[nodiscard]] std::string resolve_reference(const std::string& reference, const std::string& base_directory);

// True when objects and arrays nest deeper than `limit` levels; walks with its own stack, so a
// deep document cannot overflow the call stack here.
[[nodiscard]] bool nested_deeper_than(const Json& doc, int limit);

// Letters, digits and underscores, at least one: ids that references and logical paths use.
[[nodiscard]] bool is_identifier(std::string_view text);

// The index of `value` (a string) in `ids`, or -1 after reporting "must name <what>" with the
// closest id as a hint (or the list of valid ids when none is close).
int resolve_name(const Json& value, const std::string& pointer, const std::vector<std::string>& ids, const char* what,
                 IssueCollector& issues);

// An integer in [min, max]; JSON Schema counts 3.0 as an integer, so the loader does too.
[[nodiscard]] std::optional<long long> integer_in(const Json& value, long long min, long long max);

// A number in `domain`, or empty after reporting the domain's rule at `pointer`.
[[nodiscard]] std::optional<double> number_in(const Json& value, const std::string& pointer, const Domain& domain,
                                              IssueCollector& issues);

// One JSON object being read. A node that is not an object is reported once, on construction;
// after that every read returns nothing without further complaint.
class ObjectReader {
 public:
  ObjectReader(const Json& node, std::string pointer, IssueCollector& issues);

  [[nodiscard]] bool is_object() const noexcept { return object_ != nullptr; }
  [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
  [[nodiscard]] std::string pointer_of(std::string_view key) const { return child_pointer(pointer_, key); }
  [[nodiscard]] IssueCollector& issues() const noexcept { return *issues_; }
  [[nodiscard]] const Json* find(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }

  // Reports every key that is not in `known`, with a did-you-mean hint or the valid keys.
  void reject_unknown_keys(const std::vector<std::string>& known) const;
  // Reports `key` when present: it does not apply here, and `why` says so.
  void forbid(std::string_view key, const std::string& why) const;
  // Reports a missing key: "is required" plus what it is for.
  void require(std::string_view key, const std::string& what = {}) const;

  // Typed reads. With required = true a missing key is reported; otherwise it is just empty.
  [[nodiscard]] std::optional<std::string> string(std::string_view key, bool required) const;
  [[nodiscard]] std::optional<std::string> identifier(std::string_view key, bool required) const;
  // `limit` (optional) names the constant that `max` is, for a rule saying how to raise it.
  [[nodiscard]] std::optional<long long> integer(std::string_view key, long long min, long long max, bool required,
                                                 const Limit& limit = {}) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view key, bool required) const;
  [[nodiscard]] std::optional<double> number(std::string_view key, const Domain& domain, bool required) const;
  // A string that must be one of `choices`.
  [[nodiscard]] std::optional<std::string> choice(std::string_view key, const std::vector<std::string>& choices,
                                                  bool required) const;
  // An array (reported when not one, or when longer than max_size, the constant `limit`).
  [[nodiscard]] const Json* array(std::string_view key, std::size_t max_size, const Limit& limit, bool required) const;
  // An actor or issue reference: the index of the named id, or -1 (reported).
  [[nodiscard]] int reference(std::string_view key, const std::vector<std::string>& ids, const char* what,
                              bool required) const;

 private:
  const Json* object_ = nullptr;
  std::string pointer_;
  IssueCollector* issues_;
};

}  // namespace parley::input
