// Replays the seed corpora of the sweep, claims, treaty and checkpoint fuzz targets
// (tests/fuzz/reader_corpus/<reader>/) through the targets' own checks in the normal build, so
// the harnesses and their contract hold where Clang and libFuzzer are absent. Each corpus holds
// inputs that load and inputs that are refused; both must answer cleanly.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "fuzz/reader_checks.h"
#include "parley/core/files.h"

namespace {

namespace fs = std::filesystem;

// How many inputs of a reader's corpus load and how many are refused.
struct Answers {
  int read = 0;
  int refused = 0;
};

template <typename Check>
Answers replay(const std::string& reader, Check check) {
  Answers answers;
  for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR) / "tests/fuzz/reader_corpus" / reader)) {
    CAPTURE(entry.path().string());
    (check(parley::read_text_file(entry.path().string())) ? answers.read : answers.refused) += 1;
  }
  return answers;
}

}  // namespace

TEST_CASE("every seed of the reader fuzz targets is read or refused cleanly, and some of each") {
  using namespace parley::fuzz;
  const std::map<std::string, Answers> answers = {
      {"sweep", replay("sweep", check_sweep_text)},
      {"claims", replay("claims", check_claims_text)},
      {"treaty", replay("treaty", check_treaty_text)},
      {"checkpoint", replay("checkpoint", check_checkpoint_text)},
  };
  for (const auto& entry : answers) {  // not a structured binding: Clang 14's CAPTURE cannot take one
    const std::string& reader = entry.first;
    const Answers& counts = entry.second;
    CAPTURE(reader);
    CHECK(counts.read > 0);
    CHECK(counts.refused + counts.read >= 3);
  }
  CHECK(answers.at("sweep").refused >= 2);   // a repeated key, 57^4 grid points
  CHECK(answers.at("claims").refused >= 3);  // Infinity, a ghost claim, a repeated key
}

TEST_CASE("the checkpoint check reads back what a sweep of its spec writes, and survives damage") {
  using namespace parley;
  const std::string valid =
      read_text_file(std::string(PARLEY_SOURCE_DIR) + "/tests/fuzz/reader_corpus/checkpoint/two_points.jsonl");
  CHECK(fuzz::check_checkpoint_text(valid));
  CHECK_FALSE(fuzz::check_checkpoint_text(""));  // no header line
  for (std::size_t cut = 0; cut < valid.size(); cut += 7) (void)fuzz::check_checkpoint_text(valid.substr(0, cut));
  std::string repeated = valid;
  repeated.insert(1, "\"points\":2,");
  CHECK_FALSE(fuzz::check_checkpoint_text(repeated));
}
