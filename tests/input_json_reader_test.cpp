// input/json_reader.h: a document that repeats a key is refused, at the key's pointer and with
// the line and column of both occurrences, at any depth and in arrays of objects; keys that
// differ only in their escapes count as one key.
#include <doctest/doctest.h>

#include <string>

#include "parley/core/error.h"
#include "parley/input/json_reader.h"

using namespace parley;

namespace {

std::vector<InputIssue> parse_issues(const std::string& text) {
  IssueCollector issues;
  const auto doc = input::parse_json_text(text, {1024, {"kMaxTest", "test"}}, issues);
  CHECK(doc.has_value() == issues.empty());
  return issues.issues();
}

}  // namespace

TEST_CASE("a repeated key is refused with the pointer and both places") {
  const auto issues = parse_issues("{\n  \"horizon_months\": 24,\n  \"trials\": 5,\n  \"horizon_months\": 36\n}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/horizon_months");
  CHECK(issues[0].message() ==
        "At /horizon_months - must appear once in its object: the key \"horizon_months\" is at line 2, column 3 "
        "and again at line 4, column 3 (a reader would keep only one of them)");
}

TEST_CASE("repeated keys are found inside arrays and nested objects, and each one is reported") {
  const auto issues = parse_issues(R"({"actors":[{"id":"A"},{"id":"B","support":{"s":1,"s":2},"id":"C"}]})");
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/actors/1/support/s");
  CHECK(issues[0].rule.find("at line 1, column 44 and again at line 1, column 50") != std::string::npos);
  CHECK(issues[1].pointer == "/actors/1/id");
}

TEST_CASE("keys are compared as JSON reads them, escapes decoded, and pointers escape '/' and '~'") {
  const auto issues = parse_issues(R"({"a/b~":1,"a\/b\u007e":2})");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer == "/a~1b~0");
}

TEST_CASE("one key in two objects, a key equal to a value, and a string holding braces are no repeats") {
  CHECK(parse_issues(R"({"a":{"x":1},"b":{"x":"x"},"c":"{\"x\":1,\"x\":2}","d":[{"x":1},{"x":2}]})").empty());
  CHECK(parse_issues(R"([1, "x", {"x": [{}, []]}])").empty());
}

TEST_CASE("an empty object leaves no key pending: the strings after it in an array are values") {
  CHECK(parse_issues(R"([{}, "x", {}, "x"])").empty());
  CHECK(parse_issues(R"({"a": {}, "b": [], "a2": {}, "b2": "b"})").empty());
}

TEST_CASE("a NUL byte is refused: nlohmann would stop there and drop the rest (a fuzzer finding)") {
  const auto issues = parse_issues(std::string("{\"a\": 1}\0{\"a\": 2, \"a\": 3}", 23));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].rule ==
        "must be valid JSON: it holds a NUL byte (at byte 9), which JSON text never does (UTF-16 text holds many), and "
        "the parser would ignore what follows it");
}

TEST_CASE("the key scan stays within any text, JSON or not (fuzzer findings)") {
  IssueCollector issues;
  for (const char* text :
       {"}", "]]", ",", "\"", "{\"a", "{\"a\\", "[{\"a\":1}]}}, {\"b\"", "{\"\\u12\": 1, \"\\u12\": 2}"})
    input::report_duplicate_keys(text, issues);
  CHECK(issues.issues().size() <= 1);
}
