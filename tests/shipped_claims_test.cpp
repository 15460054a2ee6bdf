// The shipped claims files (scenarios/claims/, docs/claims-format.md): each loads with its
// variants, every quote a claim or a change rests on is really in its article, each article
// carries at least three claims, and all of them evaluate.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "parley/claims/claims.h"
#include "seed_articles.h"

using namespace parley;
using namespace parley::claims;
namespace fs = std::filesystem;

namespace {

std::vector<ClaimsFile> shipped_claims() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR) / "scenarios" / "claims"))
    if (entry.is_regular_file() && entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<ClaimsFile> files;
  for (const auto& path : paths) files.push_back(load_claims_file(path.string()));
  return files;
}

}  // namespace

TEST_CASE("every shipped claim and every sourced change quotes its article verbatim") {
  const auto files = shipped_claims();
  REQUIRE(files.size() == 5);  // one per policy article (docs/articles.md)
  const bool have_seeds = testing::articles_present();
  std::map<std::string, int> claims_per_article;
  for (const ClaimsFile& file : files) {
    CAPTURE(file.source_name);
    CHECK_FALSE(file.article.empty());
    for (const Claim& claim : file.claims) {
      CAPTURE(claim.id);
      ++claims_per_article[claim.article];
      CHECK_FALSE(claim.quote.empty());
      CHECK_FALSE(claim.statement.empty());
      if (have_seeds) CHECK(testing::quoted_verbatim(claim.article, claim.quote));
    }
    for (const ScenarioVariant& variant : file.variants) {
      CAPTURE(variant.id);
      for (const VariantChange& change : variant.changes) {
        CAPTURE(change.pointer);
        CHECK_FALSE(change.source.empty());
        if (have_seeds && !change.source.article.empty())
          CHECK(testing::quoted_verbatim(change.source.article, change.source.quote));
      }
      // A change's value may carry sources of its own (a distribution, a demand's parameters):
      // they reach the variant's scenario, where every parameter must say where it comes from.
      for_each_parameter(variant.scenario, [&](const ParameterSite& site, const Uncertain& parameter) {
        CAPTURE(site.name);
        CHECK_FALSE(parameter.provenance.empty());
        if (have_seeds && !parameter.provenance.article.empty())
          CHECK(testing::quoted_verbatim(parameter.provenance.article, parameter.provenance.quote));
      });
    }
  }
  CHECK(claims_per_article.size() == 5);
  for (const auto& [article, count] : claims_per_article) {
    CAPTURE(article);
    CHECK(count >= 3);
    if (have_seeds) CHECK(fs::is_regular_file(testing::seeds_directory() / article));
  }
}

TEST_CASE("the shipped claims evaluate at a small trial count, and the opposed claims exist") {
  const auto files = shipped_claims();
  std::vector<std::string> ids;
  std::size_t claims = 0;
  for (const ClaimsFile& file : files) {
    claims += file.claims.size();
    for (const Claim& claim : file.claims) ids.push_back(claim.id);
  }
  ClaimsOptions options;
  options.trials = 300;
  options.seed = 2024;
  const ClaimsReport report = evaluate_claims(files, options);
  REQUIRE(report.results.size() == claims);
  CHECK_FALSE(report.interrupted);
  int opposed = 0;
  for (const ClaimResult& result : report.results) {
    CAPTURE(result.claim.id);
    CHECK(result.trials == 300);
    // Every metric the shipped claims use is defined on a few hundred trials of the flagship:
    // settlements, deals and wars all occur.
    CHECK(result.verdict != Verdict::kUndefined);
    for (const std::string& other : result.claim.opposes) {
      CHECK(std::find(ids.begin(), ids.end(), other) != ids.end());
      ++opposed;
    }
  }
  CHECK(opposed >= 2);  // articles disagree (000 and 004 on the bargaining space, 001 and 003 on a ceasefire)
}
