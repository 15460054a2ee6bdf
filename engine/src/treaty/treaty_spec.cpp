#include "parley/treaty/treaty_spec.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "parley/core/random.h"
#include "parley/core/text.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/scenario/uncertain_input.h"
#include "treaty/treaty_format.h"

namespace parley::treaty {

using input::child_pointer;
using input::compact_value;
using input::ObjectReader;
using nlohmann::json;
using namespace treaty_input;

const char* rule_name(AggregationRule rule) noexcept {
  return rule == AggregationRule::kAverage ? "average" : "additive";
}

const char* search_method_name(SearchMethod method) noexcept {
  return method == SearchMethod::kExact ? "exact" : "heuristic";
}

int TreatySpec::article_index(const std::string& id) const {
  for (std::size_t i = 0; i < articles.size(); ++i)
    if (articles[i].id == id) return static_cast<int>(i);
  return -1;
}

bool TreatySpec::has_uncertainty() const {
  for (const auto& article : articles)
    for (const auto& score : article.scores)
      if (!score.is_fixed()) return true;
  return std::any_of(reservation.begin(), reservation.end(), [](const Uncertain& u) { return !u.is_fixed(); });
}

namespace {

std::string did_you_mean(const std::string& near) {
  return near.empty() ? "" : "did you mean '" + near + "'?";
}

// Article ids may be written as strings or as non-negative integers (the CSIS data numbers them).
std::optional<std::string> read_id(const json& value) {
  if (value.is_string() && !value.get<std::string>().empty()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) return std::to_string(value.get<std::int64_t>());
  return std::nullopt;
}

// Reads {ACTOR: value}, with every actor present when `every_actor`; calls
// `store(actor, value, pointer)` for each known actor.
template <class Store>
void read_actor_map(const json& value, const std::string& pointer, const std::vector<std::string>& actors,
                    bool every_actor, IssueCollector& issues, Store&& store) {
  if (!value.is_object()) {
    issues.add(pointer, "must be an object keyed by actor id", compact_value(value));
    return;
  }
  for (const auto& item : value.items()) {
    const auto found = std::find(actors.begin(), actors.end(), item.key());
    if (found == actors.end()) {
      issues.add(child_pointer(pointer, item.key()), "is not an actor; actors: " + joined(actors), "",
                 did_you_mean(closest_match(item.key(), actors)));
      continue;
    }
    store(static_cast<std::size_t>(found - actors.begin()), item.value(), child_pointer(pointer, item.key()));
  }
  if (!every_actor) return;
  for (const auto& actor : actors)
    if (!value.contains(actor)) issues.add(pointer, "needs a value for actor '" + actor + "'");
}

// {ACTOR: number in `domain`} into `out` (one slot per actor).
void read_actor_numbers(const json& value, const std::string& pointer, const std::vector<std::string>& actors,
                        bool every_actor, const Domain& domain, std::vector<double>& out, IssueCollector& issues) {
  read_actor_map(value, pointer, actors, every_actor, issues,
                 [&](std::size_t actor, const json& number, const std::string& where) {
                   if (const auto x = input::number_in(number, where, domain, issues)) out[actor] = *x;
                 });
}

// {ACTOR: uncertain value in `domain`} into `out`; each value's draw key is key_prefix + actor.
void read_actor_uncertain(const json& value, const std::string& pointer, const std::vector<std::string>& actors,
                          const Domain& domain, const std::string& key_prefix, std::vector<Uncertain>& out,
                          IssueCollector& issues) {
  read_actor_map(value, pointer, actors, true, issues,
                 [&](std::size_t actor, const json& item, const std::string& where) {
                   if (auto u = scenario_input::read_uncertain(item, where, domain, issues)) {
                     u->set_key(fnv1a64(key_prefix + actors[actor]));
                     out[actor] = *u;
                   }
                 });
}

std::vector<std::string> string_list(const json& value, const std::string& pointer, const char* what,
                                     IssueCollector& issues) {
  std::vector<std::string> out;
  if (!value.is_array()) {
    issues.add(pointer, std::string("must be an array of ") + what, compact_value(value));
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto id = read_id(value[i]);
    if (!id) {
      issues.add(child_pointer(pointer, i), std::string("must be ") + what, compact_value(value[i]));
      continue;
    }
    out.push_back(*id);
  }
  return out;
}

// Resolves article ids to positions; unknown ids are issues with a did-you-mean hint.
std::vector<int> resolve_articles(const json& value, const std::string& pointer, const TreatySpec& spec,
                                  const std::vector<std::string>& article_ids, IssueCollector& issues) {
  std::vector<int> out;
  if (!value.is_array()) {
    issues.add(pointer, "must be an array of article ids", compact_value(value));
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = child_pointer(pointer, i);
    const auto id = read_id(value[i]);
    if (!id) {
      issues.add(at, "must be an article id (a string or a non-negative integer)", compact_value(value[i]));
      continue;
    }
    const int index = spec.article_index(*id);
    if (index < 0) {
      issues.add(at, "is not an article of this treaty", compact_value(value[i]),
                 did_you_mean(closest_match(*id, article_ids)));
      continue;
    }
    out.push_back(index);
  }
  return out;
}

// Reads one "treaty" block section by section (the scenario Loader's pattern): the rule and
// search first, since what the articles and the acceptance keys may hold depends on them.
class TreatyBlockReader {
 public:
  TreatyBlockReader(const json& block, std::string pointer, const std::vector<std::string>& actor_ids,
                    IssueCollector& issues)
      : reader_(block, std::move(pointer), issues), actors_(actor_ids), issues_(issues) {
    spec_.actors = actor_ids;
  }

  TreatySpec run() {
    if (!reader_.is_object()) return std::move(spec_);
    reader_.reject_unknown_keys(kBlockKeys);
    read_rule_and_search();
    read_articles();
    read_exclusions();
    read_thresholds();
    read_reservation();
    read_required();
    read_presets();
    return std::move(spec_);
  }

 private:
  [[nodiscard]] std::string at(std::string_view key) const { return reader_.pointer_of(key); }
  [[nodiscard]] const std::string& pointer() const { return reader_.pointer(); }
  [[nodiscard]] bool average() const { return spec_.rule == AggregationRule::kAverage; }

  void read_rule_and_search() {
    if (const auto rule = reader_.choice("rule", kRuleNames, false))
      spec_.rule =
          *rule == rule_name(AggregationRule::kAverage) ? AggregationRule::kAverage : AggregationRule::kAdditive;
    if (const auto search = reader_.choice("search", kSearchNames, false))
      spec_.search =
          *search == search_method_name(SearchMethod::kExact) ? SearchMethod::kExact : SearchMethod::kHeuristic;
  }

  // --- articles -------------------------------------------------------------------------------

  void read_articles() {
    const json* articles = reader_.find("articles");
    if (articles == nullptr) {
      issues_.add(pointer(), "needs \"articles\"");
      return;
    }
    if (!articles->is_array() || articles->empty()) {
      issues_.add(at("articles"), "must be a non-empty array of articles", compact_value(*articles));
      return;
    }
    for (std::size_t i = 0; i < articles->size(); ++i) {
      const ObjectReader item((*articles)[i], child_pointer(at("articles"), i), issues_);
      if (!item.is_object()) continue;
      Article article = read_article(item);
      if (!article.id.empty()) article_ids_.push_back(article.id);
      spec_.articles.push_back(std::move(article));
    }
    check_article_count();
  }

  Article read_article(const ObjectReader& item) {
    const std::size_t n_actors = actors_.size();
    Article article;
    article.scores.assign(n_actors, Uncertain::fixed(0.0));
    article.salience.assign(n_actors, 1.0);
    item.reject_unknown_keys(kArticleKeys);
    article.id = read_article_id(item);
    article.title = read_text(item, "title");
    article.category = read_text(item, "category");
    if (const json* scores = item.find("scores")) {
      read_actor_uncertain(*scores, item.pointer_of("scores"), actors_, kScoreDomain,
                           "treaty/articles/" + article.id + "/scores/", article.scores, issues_);
    } else {
      issues_.add(item.pointer(), "needs \"scores\" (per actor, 0-10)");
    }
    if (const json* negotiability = item.find("negotiability")) {
      article.negotiability = std::vector<double>(n_actors, 0.0);
      read_actor_numbers(*negotiability, item.pointer_of("negotiability"), actors_, true, kScoreDomain,
                         *article.negotiability, issues_);
    }
    if (const json* salience = item.find("salience")) {
      if (spec_.rule != AggregationRule::kAdditive)
        issues_.add(item.pointer_of("salience"), "is used only by the \"additive\" rule");
      read_actor_numbers(*salience, item.pointer_of("salience"), actors_, false, kNonNegative, article.salience,
                         issues_);
    }
    return article;
  }

  // The article's id, or "" (reported) when it is missing, malformed or repeated.
  std::string read_article_id(const ObjectReader& item) {
    const json* id_value = item.find("id");
    if (id_value == nullptr) {
      issues_.add(item.pointer(), "needs \"id\"");
      return {};
    }
    const auto id = read_id(*id_value);
    if (!id) {
      issues_.add(item.pointer_of("id"), "must be a non-empty string or a non-negative integer",
                  compact_value(*id_value));
      return {};
    }
    if (std::find(article_ids_.begin(), article_ids_.end(), *id) != article_ids_.end()) {
      issues_.add(item.pointer_of("id"), "repeats an earlier article's id", compact_value(*id_value));
      return {};
    }
    return *id;
  }

  // An optional free text (any string, even empty).
  std::string read_text(const ObjectReader& item, const char* key) {
    const json* text = item.find(key);
    if (text == nullptr) return {};
    if (!text->is_string()) {
      issues_.add(item.pointer_of(key), "must be a string", compact_value(*text));
      return {};
    }
    return text->get<std::string>();
  }

  void check_article_count() {
    const std::size_t count = spec_.articles.size();
    if (count > kMaxArticles) {
      issues_.add(at("articles"), "has " + std::to_string(count) + " articles; at most " +
                                      std::to_string(kMaxArticles) + " are supported");
    } else if (count > kExactSearchLimit && spec_.search == SearchMethod::kExact) {
      issues_.add(at("articles"),
                  "has " + std::to_string(count) + " articles; the exact search handles at most " +
                      std::to_string(kExactSearchLimit),
                  "", "set \"search\": \"heuristic\" in the treaty block for a local search");
    }
  }

  // --- exclusions -----------------------------------------------------------------------------

  void read_exclusions() {
    const json* exclusions = reader_.find("exclusions");
    if (exclusions == nullptr) return;
    if (!exclusions->is_array()) {
      issues_.add(at("exclusions"), "must be an array of [id, id] pairs", compact_value(*exclusions));
      return;
    }
    std::set<std::pair<int, int>> seen;
    for (std::size_t i = 0; i < exclusions->size(); ++i) {
      const json& item = (*exclusions)[i];
      const std::string item_at = child_pointer(at("exclusions"), i);
      if (!item.is_array() || item.size() != 2) {
        issues_.add(item_at, "must be a pair [id, id]", compact_value(item));
        continue;
      }
      const auto pair = resolve_articles(item, item_at, spec_, article_ids_, issues_);
      if (pair.size() != 2) continue;
      if (pair[0] == pair[1]) {
        issues_.add(item_at, "names the same article twice", compact_value(item));
        continue;
      }
      const auto key = std::minmax(pair[0], pair[1]);
      if (seen.insert(key).second) spec_.exclusions.emplace_back(key.first, key.second);
    }
  }

  // --- acceptance: thresholds (average) or reservation values (additive) ----------------------

  void read_thresholds() {
    if (const json* thresholds = reader_.find("thresholds")) {
      if (!average()) issues_.add(at("thresholds"), "is used only by the \"average\" rule; use \"reservation\"");
      spec_.thresholds.assign(actors_.size(), 0.0);
      read_actor_numbers(*thresholds, at("thresholds"), actors_, true, kScoreDomain, spec_.thresholds, issues_);
    } else if (average()) {
      issues_.add(pointer(), "needs \"thresholds\" (per actor, 0-10) for the average rule");
    }
  }

  void read_reservation() {
    const json* reservation = reader_.find("reservation");
    if (reservation == nullptr) {
      if (!average())
        issues_.add(pointer(),
                    "needs \"reservation\" (per actor: the value of continuing the war, or \"war_values\") for the "
                    "additive rule");
      return;
    }
    if (average()) issues_.add(at("reservation"), "is used only by the \"additive\" rule; use \"thresholds\"");
    if (!reservation->is_string()) {
      spec_.reservation.assign(actors_.size(), Uncertain::fixed(0.0));
      read_actor_uncertain(*reservation, at("reservation"), actors_, kAnyReal, "treaty/reservation/", spec_.reservation,
                           issues_);
      return;
    }
    const std::string source = reservation->get<std::string>();
    if (source == kWarValuesReservation) {
      spec_.reservation_source = ReservationSource::kWarValues;
      return;
    }
    issues_.add(at("reservation"),
                "must be {ACTOR: value} or \"war_values\" (each actor's disagreement value from the bargaining "
                "block)",
                compact_value(*reservation), did_you_mean(closest_match(source, {kWarValuesReservation})));
  }

  // --- required parties and presets -----------------------------------------------------------

  void read_required() {
    const json* required = reader_.find("required");
    if (required == nullptr) {
      for (std::size_t a = 0; a < actors_.size(); ++a) spec_.required.push_back(static_cast<int>(a));
      return;
    }
    const auto ids = string_list(*required, at("required"), "actor ids", issues_);
    if (required->is_array() && required->empty()) issues_.add(at("required"), "must name at least one actor", "[]");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto found = std::find(actors_.begin(), actors_.end(), ids[i]);
      const std::string item_at = child_pointer(at("required"), i);
      if (found == actors_.end()) {
        issues_.add(item_at, "is not an actor; actors: " + joined(actors_), "\"" + ids[i] + "\"",
                    did_you_mean(closest_match(ids[i], actors_)));
        continue;
      }
      const int index = static_cast<int>(found - actors_.begin());
      if (std::find(spec_.required.begin(), spec_.required.end(), index) != spec_.required.end())
        issues_.add(item_at, "repeats an actor", "\"" + ids[i] + "\"");
      else
        spec_.required.push_back(index);
    }
    std::sort(spec_.required.begin(), spec_.required.end());
  }

  void read_presets() {
    const json* presets = reader_.find("presets");
    if (presets == nullptr) return;
    if (!presets->is_array()) {
      issues_.add(at("presets"), "must be an array of {\"name\", \"articles\"}", compact_value(*presets));
      return;
    }
    for (std::size_t i = 0; i < presets->size(); ++i) {
      const ObjectReader item((*presets)[i], child_pointer(at("presets"), i), issues_);
      if (!item.is_object()) continue;
      if (auto preset = read_preset(item)) spec_.presets.push_back(std::move(*preset));
    }
  }

  // A named draft; empty when it names no articles at all.
  std::optional<Preset> read_preset(const ObjectReader& item) {
    item.reject_unknown_keys(kPresetKeys);
    Preset preset;
    const json* name = item.find("name");
    if (name == nullptr || !name->is_string())
      issues_.add(item.pointer_of("name"), "must be a string", name == nullptr ? "null" : compact_value(*name));
    else
      preset.name = name->get<std::string>();
    const json* articles = item.find("articles");
    if (articles == nullptr) {
      issues_.add(item.pointer(), "needs \"articles\"");
      return std::nullopt;
    }
    preset.articles = resolve_articles(*articles, item.pointer_of("articles"), spec_, article_ids_, issues_);
    if (articles->is_array() && articles->empty())
      issues_.add(item.pointer_of("articles"), "must name at least one article (the empty draft is not a treaty)",
                  "[]");
    std::vector<int> sorted = preset.articles;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      issues_.add(item.pointer_of("articles"), "names an article twice", compact_value(*articles));
    return preset;
  }

  ObjectReader reader_;
  const std::vector<std::string>& actors_;
  IssueCollector& issues_;
  TreatySpec spec_;
  std::vector<std::string> article_ids_;  // of the articles read so far, for repeats and references
};

}  // namespace

TreatySpec parse_treaty_block(const json& block, const std::string& pointer, const std::vector<std::string>& actor_ids,
                              IssueCollector& issues) {
  return TreatyBlockReader(block, pointer, actor_ids, issues).run();
}

namespace {

// A stand-alone document's "actors": distinct non-empty strings.
std::vector<std::string> read_document_actors(const ObjectReader& root, IssueCollector& issues) {
  std::vector<std::string> actors;
  const json* list = root.find("actors");
  if (list == nullptr) {
    issues.add("", "needs \"actors\" (an array of actor ids)");
    return actors;
  }
  if (!list->is_array() || list->empty()) {
    issues.add("/actors", "must be a non-empty array of actor id strings", compact_value(*list));
    return actors;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string at = child_pointer("/actors", i);
    if (!item.is_string() || item.get<std::string>().empty()) {
      issues.add(at, "must be a non-empty string", compact_value(item));
      continue;
    }
    const std::string id = item.get<std::string>();
    if (std::find(actors.begin(), actors.end(), id) != actors.end())
      issues.add(at, "repeats an actor", compact_value(item));
    else
      actors.push_back(id);
  }
  return actors;
}

}  // namespace

TreatyDocument parse_treaty_document(const json& document, const std::string& source) {
  IssueCollector issues;
  TreatyDocument out;
  out.source_path = source;
  out.content_hash = fnv1a64(document.dump());
  if (!document.is_object()) {
    issues.add("", "must be a JSON object with \"name\", \"actors\" and \"treaty\"", "");
    issues.throw_if_any(source);
  }
  const ObjectReader root(document, "", issues);
  root.reject_unknown_keys(kDocumentKeys);
  out.name = root.string("name", true).value_or("");
  if (const json* description = root.find("description")) {
    if (description->is_string())
      out.description = description->get<std::string>();
    else
      issues.add("/description", "must be a string", compact_value(*description));
  }
  const std::vector<std::string> actors = read_document_actors(root, issues);
  if (const json* treaty = root.find("treaty"))
    out.spec = parse_treaty_block(*treaty, "/treaty", actors, issues);
  else
    issues.add("", "needs \"treaty\"");
  if (out.spec.reservation_source == ReservationSource::kWarValues)
    issues.add("/treaty/reservation",
               "\"war_values\" needs a scenario with a \"bargaining\" block; a stand-alone treaty document has "
               "none: give {ACTOR: value}",
               "\"war_values\"");
  issues.throw_if_any(source);
  return out;
}

TreatyDocument load_treaty_document(const std::string& path) {
  // A treaty document is held to a scenario's size limit: `parley draft` reads either.
  return parse_treaty_document(input::read_json_file(path, kScenarioSizeLimit), path);
}

bool is_treaty_document(const nlohmann::json& document) {
  return document.is_object() && document.contains("treaty") && !document.contains("battlefield");
}

}  // namespace parley::treaty
