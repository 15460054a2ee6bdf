// The policy articles in shared/seeds, beside the repository, for the tests that check quotes
// from them: scenario parameters' sources (shipped_scenarios_test) and claims
// (shipped_claims_test). A quote is verbatim when it appears in the article up to whitespace.
#pragma once

#include <cctype>
#include <filesystem>
#include <string>

#include "parley/core/files.h"

namespace parley::testing {

// Collapses runs of whitespace, so a quote matches across the articles' line breaks.
inline std::string normalise_space(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Where the articles are; the directory is absent in a checkout without shared/ beside it.
inline std::filesystem::path seeds_directory() {
  return std::filesystem::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "seeds";
}

// Whether `quote` appears in the article `name`, whitespace normalised.
inline bool quoted_verbatim(const std::string& name, const std::string& quote) {
  const std::filesystem::path article = seeds_directory() / name;
  if (!std::filesystem::is_regular_file(article)) return false;
  return normalise_space(read_text_file(article.string())).find(normalise_space(quote)) != std::string::npos;
}

}  // namespace parley::testing
