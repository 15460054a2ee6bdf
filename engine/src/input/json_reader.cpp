#include "parley/input/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <utility>

#include "parley/core/files.h"

namespace parley::input {

std::string escape_pointer_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string child_pointer(const std::string& pointer, std::string_view key) {
  return pointer + "/" + escape_pointer_token(key);
}

std::string child_pointer(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::string compact_value(const Json& value) {
  // A message quotes a value, it does not reproduce a whole section of the file.
  constexpr std::size_t kMaxChars = 80;
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > kMaxChars) text = text.substr(0, kMaxChars - 3) + "...";
  return text;
}

std::string number_text(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Whole numbers print without the ".0" that JSON's shortest form would give them.
  if (std::fabs(value) < 1e15 && std::floor(value) == value) return std::to_string(static_cast<long long>(value));
  return Json(value).dump();
}

std::string interval_text(double lower, bool lower_open, double upper, bool upper_open) {
  return std::string(lower_open ? "(" : "[") + number_text(lower) + ", " + number_text(upper) +
         (upper_open ? ")" : "]");
}

namespace {

// Bytes outside ASCII are shown as <0xNN>: a parse error can quote the very bytes that are not
// UTF-8, and a message must itself stay valid UTF-8 to be written as JSON.
std::string ascii_only(const std::string& text) {
  std::string clean;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      clean += c;
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "<0x%02X>", static_cast<unsigned>(byte));
      clean += buffer;
    }
  }
  return clean;
}

// Finds where objects and arrays first nest deeper than the limit, before the recursive parts
// of the pipeline (dump, the loader) could meet such a document. Returns the 1-based byte
// offset of the bracket that opens the level too many, or 0 when the text stays within it.
std::size_t first_too_deep_byte(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return i + 1;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return 0;
}

// Where a key starts in a document, 1-based, counted in bytes as nlohmann's parse errors count.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

std::string position_text(const TextPosition& at) {
  return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
}

// One object or array open at the scanner's position, with the keys an object has had so far.
struct OpenContainer {
  std::string pointer;
  bool is_object = false;
  std::size_t index = 0;  // an array's current element
  std::string key;        // an object's current member
  std::unordered_map<std::string, TextPosition> keys;
};

// The text of the string token opening at text[start] (a '"'), decoded, and the index just past
// its closing quote. The text is valid JSON, so the token is well formed.
std::pair<std::string, std::size_t> string_token(std::string_view text, std::size_t start) {
  bool escapes = false;
  std::size_t end = start + 1;
  for (; end < text.size() && text[end] != '"'; ++end) {
    if (text[end] == '\\') {
      escapes = true;
      ++end;
    }
  }
  if (end >= text.size()) return {std::string(text.substr(start + 1)), text.size()};  // not JSON: no key to compare
  const std::string_view raw = text.substr(start, end + 1 - start);
  if (!escapes) return {std::string(raw.substr(1, raw.size() - 2)), end + 1};
  const Json decoded = Json::parse(raw, nullptr, false);
  return {decoded.is_string() ? decoded.get<std::string>() : std::string(raw), end + 1};
}

// The pointer of the value that starts now inside `top` (the document itself when none is open).
std::string value_pointer(const std::vector<OpenContainer>& open) {
  if (open.empty()) return "";
  const OpenContainer& top = open.back();
  return top.is_object ? child_pointer(top.pointer, top.key) : child_pointer(top.pointer, top.index);
}

}  // namespace

void report_duplicate_keys(std::string_view text, IssueCollector& issues) {
  std::vector<OpenContainer> open;
  TextPosition at;
  std::size_t line_start = 0;
  bool expect_key = false;
  // nlohmann ends a document at a NUL byte, so the scan does too; and it never trusts the
  // text to be JSON (a caller may not have parsed it), so stray closers end it as well.
  for (std::size_t i = 0; i < text.size() && text[i] != '\0';) {
    const char c = text[i];
    if ((c == '}' || c == ']' || c == ',' || (c == '"' && expect_key)) && open.empty()) return;
    if (c == '\n') {
      ++at.line;
      line_start = ++i;
    } else if (c == '{' || c == '[') {
      open.push_back({value_pointer(open), c == '{', 0, {}, {}});
      expect_key = c == '{';
      ++i;
    } else if (c == '}' || c == ']') {
      open.pop_back();
      expect_key = false;  // "{}" opened an object that had no key
      ++i;
    } else if (c == ',') {
      expect_key = open.back().is_object;
      if (!expect_key) ++open.back().index;
      ++i;
    } else if (c == '"') {
      auto [token, next] = string_token(text, i);
      if (expect_key) {
        at.column = i - line_start + 1;
        OpenContainer& object = open.back();
        const auto [first, inserted] = object.keys.try_emplace(token, at);
        if (!inserted)
          issues.add(child_pointer(object.pointer, token),
                     "must appear once in its object: the key \"" + ascii_only(token) + "\" is at " +
                         position_text(first->second) + " and again at " + position_text(at) +
                         " (a reader would keep only one of them)");
        object.key = std::move(token);
        expect_key = false;
      }
      i = next;
    } else {
      ++i;  // ':', white space, numbers and literals say nothing about keys
    }
  }
}

std::string limit_note(const Limit& limit) {
  return std::string("the limit is ") + limit.name + " in " + limit.header + "; raise it there and rebuild";
}

std::string too_deep_rule() {
  return "must not nest objects and arrays deeper than " + std::to_string(kMaxJsonDepth) + " levels (" +
         limit_note({"kMaxJsonDepth", "engine/include/parley/input/json_reader.h"}) + ")";
}

std::string too_large_rule(std::size_t bytes, const SizeLimit& size) {
  return "must be at most " + std::to_string(size.max_bytes / (1024 * 1024)) + " MiB (it has " + std::to_string(bytes) +
         " bytes; " + limit_note(size.limit) + ")";
}

std::optional<Json> parse_json_text(std::string_view text, const SizeLimit& size, IssueCollector& issues) {
  const bool blank =
      std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (blank) {
    issues.add("", "must not be empty: the document holds no JSON value");
    return std::nullopt;
  }
  if (text.size() > size.max_bytes) {
    issues.add("", too_large_rule(text.size(), size));
    return std::nullopt;
  }
  // JSON text holds no NUL byte, and nlohmann would stop reading at one, silently dropping
  // whatever follows it (a fuzzer finding).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    issues.add("", "must be valid JSON: it holds a NUL byte (at byte " + std::to_string(nul + 1) +
                       "), which JSON text never does (UTF-16 text holds many), and the parser would ignore what "
                       "follows it");
    return std::nullopt;
  }
  if (const std::size_t byte = first_too_deep_byte(text, kMaxJsonDepth); byte != 0) {
    issues.add("", too_deep_rule() + " (level " + std::to_string(kMaxJsonDepth + 1) + " opens at byte " +
                       std::to_string(byte) + ")");
    return std::nullopt;
  }
  try {
    Json doc = Json::parse(text.begin(), text.end());
    const std::size_t before = issues.issues().size();
    report_duplicate_keys(text, issues);
    if (issues.issues().size() != before) return std::nullopt;
    return doc;
  } catch (const Json::parse_error& error) {
    // nlohmann writes "[json.exception.parse_error.101] parse error at line 2, column 5: ...";
    // keep the location and the reason, and add the byte offset.
    std::string reason = error.what();
    const std::string marker = "parse error at ";
    if (const auto at = reason.find(marker); at != std::string::npos) {
      reason = reason.substr(at + marker.size());
    } else if (const auto colon = reason.find("] "); colon != std::string::npos) {
      reason = reason.substr(colon + 2);
    }
    std::string location;
    if (const auto colon = reason.find(": "); colon != std::string::npos && reason.rfind("line ", 0) == 0) {
      location = " (" + reason.substr(0, colon) + ")";
      reason = reason.substr(colon + 2);
    }
    issues.add("", "must be valid JSON: at byte " + std::to_string(error.byte) + location + ": " + ascii_only(reason));
    return std::nullopt;
  } catch (const Json::exception& error) {
    // Not a syntax error: a number too large for a double ("1e999", out_of_range.406; found by
    // the fuzzer). JSON has no infinity, so the document cannot be read as written.
    std::string reason = error.what();
    if (const auto colon = reason.find("] "); colon != std::string::npos) reason = reason.substr(colon + 2);
    issues.add("", "must be valid JSON with finite numbers (" + ascii_only(reason) + ")");
    return std::nullopt;
  }
}

ReadLimit read_limit(const SizeLimit& size) {
  return {size.max_bytes, limit_note(size.limit)};
}

Json read_json_file(const std::string& path, const SizeLimit& size) {
  const std::string text = read_text_file(path, read_limit(size));
  IssueCollector issues;
  auto doc = parse_json_text(text, size, issues);
  issues.throw_if_any(path);
  return std::move(*doc);
}

std::string resolve_reference(const std::string& reference, const std::string& base_directory) {
  const std::filesystem::path relative(reference);
  return relative.is_absolute() || base_directory.empty() ? relative.string()
                                                          : (std::filesystem::path(base_directory) / relative).string();
}

bool nested_deeper_than(const Json& doc, int limit) {
  struct Pending {
    const Json* node;
    int depth;
  };
  std::vector<Pending> stack{{&doc, doc.is_structured() ? 1 : 0}};
  while (!stack.empty()) {
    const Pending top = stack.back();
    stack.pop_back();
    if (top.depth > limit) return true;
    for (const auto& child : *top.node)
      if (child.is_structured()) stack.push_back({&child, top.depth + 1});
  }
  return false;
}

bool is_identifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

namespace {
std::string list_of(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}
}  // namespace

int resolve_name(const Json& value, const std::string& pointer, const std::vector<std::string>& ids, const char* what,
                 IssueCollector& issues) {
  const std::string rule = std::string("must be the id of ") + what;
  if (!value.is_string()) {
    issues.add(pointer, rule, compact_value(value));
    return -1;
  }
  const auto& name = value.get_ref<const std::string&>();
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == name) return static_cast<int>(i);
  std::vector<std::string> valid;
  for (const auto& id : ids)
    if (!id.empty()) valid.push_back(id);
  const std::string near = closest_match(name, valid);
  std::string hint;
  if (!near.empty()) {
    hint = "did you mean '" + near + "'?";
  } else if (valid.empty()) {
    hint = "none is defined";
  } else {
    hint = "valid ids: " + list_of(valid);
  }
  issues.add(pointer, rule, compact_value(value), hint);
  return -1;
}

std::optional<long long> integer_in(const Json& value, long long min, long long max) {
  long long result = 0;
  if (value.is_number_unsigned()) {
    const auto raw = value.get<std::uint64_t>();
    if (raw > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) return std::nullopt;
    result = static_cast<long long>(raw);
  } else if (value.is_number_integer()) {
    result = value.get<long long>();
  } else if (value.is_number_float()) {
    const double raw = value.get<double>();
    // Beyond 2^53 a double no longer says which integer was meant.
    if (!std::isfinite(raw) || std::floor(raw) != raw || std::fabs(raw) > 9007199254740992.0) return std::nullopt;
    result = static_cast<long long>(raw);
  } else {
    return std::nullopt;
  }
  if (result < min || result > max) return std::nullopt;
  return result;
}

std::optional<double> number_in(const Json& value, const std::string& pointer, const Domain& domain,
                                IssueCollector& issues) {
  if (!value.is_number() || !domain.contains(value.get<double>())) {
    issues.add(pointer, domain.describe(), compact_value(value));
    return std::nullopt;
  }
  return value.get<double>();
}

ObjectReader::ObjectReader(const Json& node, std::string pointer, IssueCollector& issues)
    : pointer_(std::move(pointer)), issues_(&issues) {
  if (node.is_object()) {
    object_ = &node;
  } else {
    issues.add(pointer_, "must be an object", compact_value(node));
  }
}

const Json* ObjectReader::find(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(std::string(key));
  return it == object_->end() ? nullptr : &*it;
}

namespace {
// A typo (closest_match), or else the one key that the written key abbreviates or extends:
// users write "fatigue" for "fatigue_per_month" and "horizon" for "horizon_months".
std::string suggested_key(const std::string& written, const std::vector<std::string>& known) {
  if (std::string near = closest_match(written, known); !near.empty()) return near;
  constexpr std::size_t kMinPrefix = 3;
  std::string found;
  for (const auto& key : known) {
    const std::string& shorter = key.size() < written.size() ? key : written;
    const std::string& longer = key.size() < written.size() ? written : key;
    if (shorter.size() >= kMinPrefix && longer.compare(0, shorter.size(), shorter) == 0) {
      if (!found.empty()) return "";  // ambiguous
      found = key;
    }
  }
  return found;
}
}  // namespace

void ObjectReader::reject_unknown_keys(const std::vector<std::string>& known) const {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string near = suggested_key(key, known);
    issues_->add(pointer_of(key), "is not a known key", compact_value(value),
                 near.empty() ? "valid keys: " + list_of(known) : "did you mean '" + near + "'?");
  }
}

void ObjectReader::forbid(std::string_view key, const std::string& why) const {
  if (const Json* value = find(key)) issues_->add(pointer_of(key), why, compact_value(*value));
}

void ObjectReader::require(std::string_view key, const std::string& what) const {
  if (object_ == nullptr) return;
  issues_->add(pointer_of(key), what.empty() ? "is required" : "is required: " + what);
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    issues_->add(pointer_of(key), "must be a non-empty string", compact_value(*value));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> ObjectReader::identifier(std::string_view key, bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  if (!value->is_string() || !is_identifier(value->get_ref<const std::string&>())) {
    issues_->add(pointer_of(key), "must be an id: a non-empty string of letters, digits and underscores",
                 compact_value(*value));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<long long> ObjectReader::integer(std::string_view key, long long min, long long max, bool required,
                                               const Limit& limit) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  const auto result = integer_in(*value, min, max);
  if (!result) {
    std::string rule = max == std::numeric_limits<long long>::max()
                           ? "must be an integer >= " + std::to_string(min)
                           : "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    if (limit.name != nullptr) rule += " (" + limit_note(limit) + ")";
    issues_->add(pointer_of(key), rule, compact_value(*value));
  }
  return result;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    issues_->add(pointer_of(key), "must be true or false", compact_value(*value));
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key, const Domain& domain, bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  return number_in(*value, pointer_of(key), domain, *issues_);
}

std::optional<std::string> ObjectReader::choice(std::string_view key, const std::vector<std::string>& choices,
                                                bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return std::nullopt;
  }
  if (value->is_string() &&
      std::find(choices.begin(), choices.end(), value->get_ref<const std::string&>()) != choices.end())
    return value->get<std::string>();
  std::string rule = "must be one of";
  for (std::size_t i = 0; i < choices.size(); ++i) rule += (i == 0 ? " \"" : ", \"") + choices[i] + "\"";
  const std::string near = value->is_string() ? closest_match(value->get<std::string>(), choices) : "";
  issues_->add(pointer_of(key), rule, compact_value(*value), near.empty() ? "" : "did you mean '" + near + "'?");
  return std::nullopt;
}

const Json* ObjectReader::array(std::string_view key, std::size_t max_size, const Limit& limit, bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return nullptr;
  }
  if (!value->is_array()) {
    issues_->add(pointer_of(key), "must be an array", compact_value(*value));
    return nullptr;
  }
  if (value->size() > max_size) {
    issues_->add(pointer_of(key),
                 "must have at most " + std::to_string(max_size) + " entries (it has " + std::to_string(value->size()) +
                     "; " + limit_note(limit) + ")",
                 compact_value(*value));
    return nullptr;
  }
  return value;
}

int ObjectReader::reference(std::string_view key, const std::vector<std::string>& ids, const char* what,
                            bool required) const {
  const Json* value = find(key);
  if (value == nullptr) {
    if (required) require(key);
    return -1;
  }
  return resolve_name(*value, pointer_of(key), ids, what, *issues_);
}

}  // namespace parley::input
