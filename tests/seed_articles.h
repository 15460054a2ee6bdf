// The policy articles (docs/articles.md), for the tests that check quotes from them: scenario
// parameters' sources (shipped_scenarios_test) and claims (shipped_claims_test). The articles
// are not distributed with Parley, so those checks are optional: they run where the folder
// PARLEY_ARTICLES_DIR names holds them (by default the project's working copy, ../shared/seeds
// beside the repository) and are skipped, with a message, elsewhere. A quote is verbatim when it
// appears in the article up to whitespace.
#pragma once

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
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

// Where the articles are; absent in a clone on its own, where the quote checks are skipped.
inline std::filesystem::path seeds_directory() {
  if (const char* directory = std::getenv("PARLEY_ARTICLES_DIR"); directory != nullptr && *directory != '\0')
    return directory;
  return std::filesystem::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "seeds";
}

// Whether the articles are there to check quotes against; says so on stderr when they are not,
// so the note shows in every run of the test, passing or not.
inline bool articles_present() {
  if (std::filesystem::is_directory(seeds_directory())) return true;
  std::cerr << "note: the policy articles are not in " << seeds_directory().string()
            << " (set PARLEY_ARTICLES_DIR to a folder holding them; docs/articles.md): quotes not checked\n";
  return false;
}

// Whether `quote` appears in the article `name`, whitespace normalised.
inline bool quoted_verbatim(const std::string& name, const std::string& quote) {
  const std::filesystem::path article = seeds_directory() / name;
  if (!std::filesystem::is_regular_file(article)) return false;
  return normalise_space(read_text_file(article.string())).find(normalise_space(quote)) != std::string::npos;
}

}  // namespace parley::testing
