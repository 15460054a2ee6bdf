#include <filesystem>
#include <map>
#include <set>

#include "claims/claims_format.h"
#include "parley/claims/claims.h"
#include "parley/core/random.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/scenario/referenced_scenario.h"
#include "parley/scenario/uncertain_input.h"

namespace parley::claims {

namespace {

using input::child_pointer;
using input::compact_value;
using input::Json;
using input::ObjectReader;
using namespace claims_input;

constexpr const char* kClaimsLimitsHeader = "engine/include/parley/claims/claims.h";
constexpr input::SizeLimit kClaimsSizeLimit{kMaxClaimsBytes, {"kMaxClaimsBytes", kClaimsLimitsHeader}};

// Why `pointer` cannot take a value in `document`, or "" when it can: it must name an existing
// location, or a new key of an existing object.
std::string check_change_pointer(const Json& document, const std::string& pointer) {
  Json::json_pointer parsed;
  try {
    parsed = Json::json_pointer(pointer);
  } catch (const Json::exception&) {
    return "must be a JSON pointer (RFC 6901) such as \"/bargaining/format\"";
  }
  if (pointer.empty()) return "must name a place inside the scenario, not the whole document";
  try {
    if (document.contains(parsed)) return {};
    const Json& parent = document.at(parsed.parent_pointer());
    if (parent.is_object()) return {};
  } catch (const Json::exception&) {
  }
  return "must name an existing place in the scenario, or a new key of an existing object";
}

// The change whose pointer is the longest prefix of a scenario problem's pointer: where the
// user should look.
std::optional<std::size_t> responsible_change(const std::vector<VariantChange>& changes, const std::string& problem) {
  std::optional<std::size_t> best;
  for (std::size_t j = 0; j < changes.size(); ++j) {
    const std::string& p = changes[j].pointer;
    const bool prefix =
        problem.compare(0, p.size(), p) == 0 && (problem.size() == p.size() || problem[p.size()] == '/');
    if (prefix && (!best || p.size() > changes[*best].pointer.size())) best = j;
  }
  return best;
}

struct VariantDraft {
  ScenarioVariant variant;
  Json document;
  bool valid = false;
};

VariantDraft baseline_draft(const Json& baseline_document, const Scenario& baseline_scenario) {
  VariantDraft base;
  base.variant.id = kBaselineId;
  base.variant.description = "the baseline scenario, unchanged";
  base.variant.scenario = baseline_scenario;
  base.document = baseline_document;
  base.valid = true;
  return base;
}

// The variant that `draft` builds on, or nullptr (reported) when no earlier one has its id.
const VariantDraft* variant_parent(const ObjectReader& reader, const VariantDraft& draft,
                                   const std::vector<VariantDraft>& drafts, IssueCollector& issues) {
  for (const VariantDraft& earlier : drafts)
    if (earlier.variant.id == draft.variant.builds_on) return &earlier;
  std::vector<std::string> ids;
  for (const VariantDraft& earlier : drafts) ids.push_back(earlier.variant.id);
  (void)input::resolve_name(*reader.find("builds_on"), reader.pointer_of("builds_on"), ids,
                            "\"baseline\" or a variant defined earlier in the file", issues);
  return nullptr;
}

// One change of a variant, applied to draft.document when its pointer is usable there (the
// parent is known). False when the change cannot be applied.
bool read_change(const ObjectReader& change_reader, const VariantDraft* parent, std::set<std::string>& seen,
                 VariantDraft& draft, IssueCollector& issues) {
  if (!change_reader.is_object()) return false;
  change_reader.reject_unknown_keys(kChangeKeys);
  VariantChange change;
  const auto pointer = change_reader.string("pointer", true);
  if (!change_reader.has("value")) change_reader.require("value", "the value written at the pointer");
  if (!change_reader.has("source"))
    change_reader.require("source", "the article (with a quote) or assumption the change comes from");
  if (const Json* source = change_reader.find("source"))
    change.source = scenario_input::read_source(*source, change_reader.pointer_of("source"), issues);
  if (!pointer || !change_reader.has("value")) return false;
  change.pointer = *pointer;
  change.value = *change_reader.find("value");
  if (!seen.insert(change.pointer).second) {
    issues.add(change_reader.pointer_of("pointer"), "must not repeat a pointer changed earlier in this variant",
               compact_value(change.pointer));
    return false;
  }
  if (parent == nullptr) return true;
  const std::string problem = check_change_pointer(draft.document, change.pointer);
  if (!problem.empty()) {
    issues.add(change_reader.pointer_of("pointer"), problem, compact_value(change.pointer));
    return false;
  }
  draft.document[Json::json_pointer(change.pointer)] = change.value;
  draft.variant.changes.push_back(std::move(change));
  return true;
}

// Loads the changed scenario; its problems are reported at the change responsible for them.
void load_variant_scenario(const ObjectReader& reader, const std::string& source_name, VariantDraft& draft,
                           IssueCollector& issues) {
  try {
    draft.variant.scenario = parse_scenario_json(draft.document, source_name + " variant " + draft.variant.id);
    draft.valid = true;
  } catch (const InputError& error) {
    for (const InputIssue& problem : error.issues()) {
      const auto j = responsible_change(draft.variant.changes, problem.pointer);
      issues.add(j ? child_pointer(child_pointer(reader.pointer_of("changes"), *j), "value") : reader.pointer(),
                 "gives an invalid scenario: " + problem.message());
    }
  }
}

VariantDraft read_variant(const ObjectReader& reader, const std::vector<VariantDraft>& drafts,
                          const std::string& source_name, IssueCollector& issues) {
  reader.reject_unknown_keys(kVariantKeys);
  VariantDraft draft;
  draft.variant.id = reader.identifier("id", true).value_or("");
  draft.variant.description = reader.string("description", true).value_or("");
  draft.variant.builds_on = reader.identifier("builds_on", false).value_or(kBaselineId);
  bool usable = !draft.variant.id.empty();
  for (const VariantDraft& earlier : drafts)
    if (earlier.variant.id == draft.variant.id) {
      issues.add(reader.pointer_of("id"),
                 draft.variant.id == kBaselineId ? "must not be \"baseline\", the name of the file's baseline"
                                                 : "must differ from every earlier variant's id",
                 compact_value(draft.variant.id));
      usable = false;
    }
  const VariantDraft* parent = variant_parent(reader, draft, drafts, issues);
  // A parent's own problems are reported where it is defined.
  if (parent == nullptr || !parent->valid) usable = false;
  const Json* changes = reader.array("changes", kMaxVariantChanges, {"kMaxVariantChanges", kClaimsLimitsHeader}, true);
  if (changes != nullptr && changes->empty()) {
    issues.add(reader.pointer_of("changes"), "must list at least one change to the scenario", "[]");
    usable = false;
  }
  if (parent != nullptr) draft.document = parent->document;
  std::set<std::string> seen;
  for (std::size_t j = 0; changes != nullptr && j < changes->size(); ++j) {
    const ObjectReader change_reader((*changes)[j], child_pointer(reader.pointer_of("changes"), j), issues);
    if (!read_change(change_reader, parent, seen, draft, issues)) usable = false;
  }
  if (usable) load_variant_scenario(reader, source_name, draft, issues);
  return draft;
}

void read_variants(const ObjectReader& root, const Json& baseline_document, const Scenario& baseline_scenario,
                   const std::string& source_name, std::vector<VariantDraft>& drafts, IssueCollector& issues) {
  drafts.push_back(baseline_draft(baseline_document, baseline_scenario));
  const Json* variants = root.array("variants", kMaxClaimVariants, {"kMaxClaimVariants", kClaimsLimitsHeader}, false);
  if (variants == nullptr) return;
  for (std::size_t i = 0; i < variants->size(); ++i) {
    const ObjectReader reader((*variants)[i], child_pointer("/variants", i), issues);
    if (!reader.is_object()) continue;
    drafts.push_back(read_variant(reader, drafts, source_name, issues));
  }
}

void check_metric(const std::string& metric, const std::string& pointer, const ScenarioVariant& variant,
                  IssueCollector& issues) {
  if (parse_metric(metric, variant.scenario, MetricUse::kPerTrial)) return;
  const auto names = example_metric_names(variant.scenario, MetricUse::kPerTrial);
  std::string hint = closest_match(metric, names);
  hint =
      hint.empty() ? "metrics of this scenario include " + compact_value(Json(names)) : "did you mean '" + hint + "'?";
  issues.add(pointer,
             "must name a metric of variant '" + variant.id +
                 "' (N in p_settled_by_N and p_over_by_N is any month in [1, horizon]; docs/claims-format.md)",
             compact_value(metric), hint);
}

// What the claim expects and its margin ("higher"/"lower": by_at_least) or level
// ("above"/"below": threshold). True for a level claim.
bool read_expectation(const ObjectReader& reader, Claim& claim) {
  const auto expect = reader.choice("expect", kExpectationNames, true);
  const bool level = expect && (*expect == "above" || *expect == "below");
  if (expect)
    claim.expectation = *expect == "higher"  ? Expectation::kHigher
                        : *expect == "lower" ? Expectation::kLower
                        : *expect == "above" ? Expectation::kAbove
                                             : Expectation::kBelow;
  // Domains hold finite numbers only, so these say "must be a finite number" to "Infinity".
  const Domain& any_number = kAnyReal;
  const Domain& non_negative = kNonNegative;
  if (level) {
    claim.threshold = reader.number("threshold", any_number, true).value_or(0.0);
    reader.forbid("by_at_least", "a level claim (\"above\"/\"below\") compares one scenario with its threshold");
    reader.forbid("baseline", "a level claim (\"above\"/\"below\") is about one scenario, named by \"variant\"");
  } else {
    claim.by_at_least = reader.number("by_at_least", non_negative, false).value_or(0.0);
    reader.forbid("threshold", "\"higher\" and \"lower\" compare two scenarios; use \"by_at_least\" for a margin");
  }
  return level;
}

// The variants the claim compares (or, for a level claim, the one it is about); returns those
// that loaded, against which its metric is checked.
std::vector<const ScenarioVariant*> read_compared_variants(const ObjectReader& reader, bool level,
                                                           const std::vector<VariantDraft>& drafts, Claim& claim) {
  std::vector<std::string> variant_ids;
  for (const VariantDraft& draft : drafts) variant_ids.push_back(draft.variant.id);
  std::vector<const ScenarioVariant*> involved;
  for (const char* role : {"baseline", "variant"}) {
    if (level && std::string(role) == "baseline") continue;
    const int index = reader.reference(role, variant_ids, "\"baseline\" or a variant of this file", true);
    if (index < 0) continue;
    (std::string(role) == "baseline" ? claim.baseline : claim.variant) = variant_ids[static_cast<std::size_t>(index)];
    if (drafts[static_cast<std::size_t>(index)].valid)
      involved.push_back(&drafts[static_cast<std::size_t>(index)].variant);
  }
  if (!level && !claim.baseline.empty() && claim.baseline == claim.variant)
    reader.issues().add(reader.pointer_of("variant"), "must differ from \"baseline\": a claim compares two scenarios",
                        compact_value(claim.variant));
  return involved;
}

// "opposes": one claim id or a list of them.
void read_opposes(const ObjectReader& reader, Claim& claim) {
  const Json* opposes = reader.find("opposes");
  if (opposes == nullptr) return;
  const Json list_of = opposes->is_array() ? *opposes : Json::array({*opposes});
  for (std::size_t k = 0; k < list_of.size(); ++k) {
    if (list_of[k].is_string() && input::is_identifier(list_of[k].get<std::string>())) {
      claim.opposes.push_back(list_of[k].get<std::string>());
    } else {
      reader.issues().add(
          opposes->is_array() ? child_pointer(reader.pointer_of("opposes"), k) : reader.pointer_of("opposes"),
          "must be a claim id (letters, digits, underscores) or a list of them", compact_value(list_of[k]));
    }
  }
}

Claim read_claim(const ObjectReader& reader, const std::string& default_article,
                 const std::vector<VariantDraft>& drafts, std::set<std::string>& ids, IssueCollector& issues) {
  reader.reject_unknown_keys(kClaimKeys);
  Claim claim;
  claim.id = reader.identifier("id", true).value_or("");
  if (!claim.id.empty() && !ids.insert(claim.id).second)
    issues.add(reader.pointer_of("id"), "must differ from every other claim's id", compact_value(claim.id));
  claim.article = reader.string("article", default_article.empty()).value_or(default_article);
  if (claim.article.find_first_of("/\\") != std::string::npos)
    issues.add(reader.pointer_of("article"), "must be a file name in the seeds folder, without a directory",
               compact_value(claim.article));
  claim.quote = reader.string("quote", true).value_or("");
  if (reader.has("quote") && claim.quote.empty())
    issues.add(reader.pointer_of("quote"), "must give the article's words the claim rests on", "\"\"");
  claim.statement = reader.string("statement", false).value_or("");
  claim.metric = reader.string("metric", true).value_or("");
  const bool level = read_expectation(reader, claim);
  const auto involved = read_compared_variants(reader, level, drafts, claim);
  if (!claim.metric.empty())
    for (const ScenarioVariant* variant : involved)
      check_metric(claim.metric, reader.pointer_of("metric"), *variant, issues);
  read_opposes(reader, claim);
  return claim;
}

void read_claims(const ObjectReader& root, const std::string& default_article, const std::vector<VariantDraft>& drafts,
                 std::vector<Claim>& claims, IssueCollector& issues) {
  const Json* list = root.array("claims", kMaxClaimsPerFile, {"kMaxClaimsPerFile", kClaimsLimitsHeader}, true);
  if (list == nullptr) return;
  if (list->empty()) issues.add("/claims", "must list at least one claim", "[]");
  std::set<std::string> ids;
  for (std::size_t c = 0; c < list->size(); ++c) {
    const ObjectReader reader((*list)[c], child_pointer("/claims", c), issues);
    if (!reader.is_object()) continue;
    claims.push_back(read_claim(reader, default_article, drafts, ids, issues));
  }
}

}  // namespace

const char* to_string(Expectation expectation) noexcept {
  switch (expectation) {
    case Expectation::kHigher:
      return "higher";
    case Expectation::kLower:
      return "lower";
    case Expectation::kAbove:
      return "above";
    case Expectation::kBelow:
      return "below";
  }
  return "?";
}

const ScenarioVariant& ClaimsFile::variant(const std::string& id) const {
  for (const ScenarioVariant& v : variants)
    if (v.id == id) return v;
  throw Error("claims file " + source_name + " has no variant '" + id + "'");
}

ClaimsFile load_claims_file(const std::string& path) {
  const Json doc = input::read_json_file(path, kClaimsSizeLimit);
  const std::string directory = std::filesystem::path(path).parent_path().string();
  ClaimsFile file = parse_claims_json(doc, path, directory);
  file.directory = directory.empty() ? "." : directory;
  return file;
}

ClaimsFile parse_claims_json(const nlohmann::json& doc, const std::string& source_name,
                             const std::string& base_directory) {
  IssueCollector issues;
  ClaimsFile file;
  file.source_name = source_name;
  file.directory = base_directory;
  file.content_hash = fnv1a64(doc.dump());
  const ObjectReader root(doc, "", issues);
  if (!root.is_object()) issues.throw_if_any(source_name);
  root.reject_unknown_keys(kClaimsFileKeys);
  file.name = root.identifier("name", true).value_or("");
  file.title = root.string("title", false).value_or("");
  (void)root.string("description", false);
  file.article = root.string("article", false).value_or("");
  if (file.article.find_first_of("/\\") != std::string::npos)
    issues.add("/article", "must be a file name in the seeds folder, without a directory", compact_value(file.article));

  std::vector<VariantDraft> drafts;
  if (const auto baseline = root.string("baseline", true)) {
    if (auto referenced = scenario_input::read_referenced_scenario(*baseline, base_directory, "/baseline", issues)) {
      file.baseline_path = referenced->path;
      read_variants(root, referenced->document, referenced->scenario, source_name, drafts, issues);
    }
  }
  if (!drafts.empty()) read_claims(root, file.article, drafts, file.claims, issues);
  issues.throw_if_any(source_name);
  for (VariantDraft& draft : drafts) file.variants.push_back(std::move(draft.variant));
  return file;
}

namespace {

// The claim ids of the claims files in `directory` but `self`; files that are not claims files
// (or not JSON, or too large) add none. Bounded, so that a folder of a million files is no cost.
std::set<std::string> claim_ids_beside(const std::string& directory, const std::string& self) {
  constexpr std::size_t kMaxFilesRead = 256;
  std::set<std::string> ids;
  std::error_code error;
  std::size_t read = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".json" || std::filesystem::equivalent(entry.path(), self, error)) continue;
    if (++read > kMaxFilesRead) break;
    try {
      const Json doc = input::read_json_file(entry.path().string(), kClaimsSizeLimit);
      const auto claims = doc.is_object() ? doc.find("claims") : doc.end();
      if (claims == doc.end() || !claims->is_array()) continue;
      for (const Json& claim : *claims)
        if (claim.is_object() && claim.contains("id") && claim.at("id").is_string())
          ids.insert(claim.at("id").get<std::string>());
    } catch (const Error&) {
    }
  }
  return ids;
}

}  // namespace

void check_opposed_claims(const std::vector<ClaimsFile>& files) {
  std::set<std::string> known;
  for (const ClaimsFile& file : files)
    for (const Claim& claim : file.claims) known.insert(claim.id);
  for (const ClaimsFile& file : files) {
    IssueCollector issues;
    std::optional<std::set<std::string>> beside;  // read at the first id the run lacks
    for (std::size_t i = 0; i < file.claims.size(); ++i) {
      for (const std::string& id : file.claims[i].opposes) {
        if (known.count(id) != 0) continue;
        if (!beside && !file.directory.empty()) beside = claim_ids_beside(file.directory, file.source_name);
        if (beside && beside->count(id) != 0) continue;
        std::vector<std::string> candidates(known.begin(), known.end());
        if (beside) candidates.insert(candidates.end(), beside->begin(), beside->end());
        const std::string near = closest_match(id, candidates);
        issues.add(child_pointer(child_pointer("/claims", i), "opposes"),
                   "must name a claim of the files tested or of a claims file in the same folder", compact_value(id),
                   near.empty() ? "" : "did you mean '" + near + "'?");
      }
    }
    issues.throw_if_any(file.source_name);
  }
}

}  // namespace parley::claims
