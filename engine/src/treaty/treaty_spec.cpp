#include "parley/treaty/treaty_spec.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "parley/core/files.h"
#include "parley/core/random.h"

namespace parley::treaty {

using nlohmann::json;

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

// RFC 6901: '~' and '/' inside a key are escaped.
std::string pointer_token(const std::string& key) {
  std::string out;
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// Adds an issue for every key of `object` not in `allowed`, with a did-you-mean hint.
void check_keys(const json& object, const std::string& pointer, const std::vector<std::string>& allowed,
                IssueCollector& issues) {
  for (const auto& item : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    const std::string near = closest_match(item.key(), allowed);
    issues.add(pointer + "/" + pointer_token(item.key()), "is not a known key; valid keys: " + join(allowed), "",
               near.empty() ? "" : "did you mean '" + near + "'?");
  }
}

// Article ids may be written as strings or as non-negative integers (the CSIS data numbers them).
std::optional<std::string> read_id(const json& value) {
  if (value.is_string() && !value.get<std::string>().empty()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) return std::to_string(value.get<std::int64_t>());
  return std::nullopt;
}

std::optional<double> read_number(const json& value, const std::string& pointer, const Domain& domain,
                                  IssueCollector& issues) {
  if (!value.is_number()) {
    issues.add(pointer, "must be a number", value.dump());
    return std::nullopt;
  }
  const double x = value.get<double>();
  if (!domain.contains(x)) {
    issues.add(pointer, domain.describe(), value.dump());
    return std::nullopt;
  }
  return x;
}

void read_provenance(const json& source, const std::string& pointer, Provenance& provenance, IssueCollector& issues) {
  if (source.is_string()) {
    provenance.reference = source.get<std::string>();
    return;
  }
  if (!source.is_object()) {
    issues.add(pointer, "must be a string or an object with article, quote, reference, assumption", source.dump());
    return;
  }
  check_keys(source, pointer, {"article", "quote", "reference", "assumption"}, issues);
  for (const auto& item : source.items()) {
    if (!item.value().is_string()) {
      issues.add(pointer + "/" + pointer_token(item.key()), "must be a string", item.value().dump());
      continue;
    }
    const std::string text = item.value().get<std::string>();
    if (item.key() == "article") provenance.article = text;
    if (item.key() == "quote") provenance.quote = text;
    if (item.key() == "reference") provenance.reference = text;
    if (item.key() == "assumption") provenance.assumption = text;
  }
}

// Parley's parameter forms: a number, {"value", "source"}, or {"dist": ..., parameters}. The
// whole support of a distribution must lie inside `domain`.
std::optional<Uncertain> read_uncertain(const json& value, const std::string& pointer, const Domain& domain,
                                        IssueCollector& issues) {
  if (value.is_number()) {
    const auto x = read_number(value, pointer, domain, issues);
    if (!x) return std::nullopt;
    return Uncertain::fixed(*x);
  }
  if (!value.is_object()) {
    issues.add(pointer, "must be a number, {\"value\": x} or a distribution {\"dist\": ...}", value.dump());
    return std::nullopt;
  }
  Provenance provenance;
  if (value.contains("source")) read_provenance(value["source"], pointer + "/source", provenance, issues);
  if (!value.contains("dist")) {
    check_keys(value, pointer, {"value", "source"}, issues);
    if (!value.contains("value")) {
      issues.add(pointer, "needs \"value\" (a number) or \"dist\" (a distribution)");
      return std::nullopt;
    }
    const auto x = read_number(value["value"], pointer + "/value", domain, issues);
    if (!x) return std::nullopt;
    Uncertain u = Uncertain::fixed(*x);
    u.provenance = provenance;
    return u;
  }
  const json& dist = value["dist"];
  const std::vector<std::string> kinds{"normal", "uniform", "triangular", "beta", "lognormal"};
  const std::string kind = dist.is_string() ? dist.get<std::string>() : std::string();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    const std::string near = closest_match(kind, kinds);
    issues.add(pointer + "/dist", "must be one of " + join(kinds), dist.dump(),
               near.empty() ? "" : "did you mean '" + near + "'?");
    return std::nullopt;
  }
  std::vector<std::string> fields;
  if (kind == "normal") fields = {"mean", "sd", "min", "max"};
  if (kind == "uniform") fields = {"min", "max"};
  if (kind == "triangular") fields = {"min", "mode", "max"};
  if (kind == "beta") fields = {"alpha", "beta", "min", "max"};
  if (kind == "lognormal") fields = {"median", "log_sd"};
  std::vector<std::string> allowed = fields;
  allowed.insert(allowed.end(), {"dist", "source"});
  check_keys(value, pointer, allowed, issues);

  const std::size_t before = issues.issues().size();
  auto field = [&](const std::string& name, std::optional<double> fallback) -> double {
    if (!value.contains(name)) {
      if (fallback) return *fallback;
      issues.add(pointer, "a " + kind + " distribution needs \"" + name + "\"");
      return 0.0;
    }
    const auto x = read_number(value[name], pointer + "/" + name, kAnyReal, issues);
    return x.value_or(0.0);
  };
  Uncertain u;
  if (kind == "normal") {
    // A normal on a bounded scale must be truncated inside it; without bounds it would leave it.
    const double mean = field("mean", std::nullopt), sd = field("sd", std::nullopt);
    const double lo = field("min", std::isfinite(domain.lower) ? std::nullopt : std::optional<double>(-kInf));
    const double hi = field("max", std::isfinite(domain.upper) ? std::nullopt : std::optional<double>(kInf));
    if (issues.issues().size() == before) {
      if (!(sd > 0.0)) issues.add(pointer + "/sd", "must be > 0", value["sd"].dump());
      if (!(lo < hi)) issues.add(pointer, "needs min < max");
    }
    u = Uncertain::normal(mean, sd, lo, hi);
  } else if (kind == "uniform") {
    const double lo = field("min", std::nullopt), hi = field("max", std::nullopt);
    if (issues.issues().size() == before && !(lo < hi)) issues.add(pointer, "needs min < max");
    u = Uncertain::uniform(lo, hi);
  } else if (kind == "triangular") {
    const double lo = field("min", std::nullopt), mode = field("mode", std::nullopt), hi = field("max", std::nullopt);
    if (issues.issues().size() == before && !(lo <= mode && mode <= hi && lo < hi))
      issues.add(pointer, "needs min <= mode <= max and min < max");
    u = Uncertain::triangular(lo, mode, hi);
  } else if (kind == "beta") {
    const double a = field("alpha", std::nullopt), b = field("beta", std::nullopt);
    const double lo = field("min", 0.0), hi = field("max", 1.0);
    if (issues.issues().size() == before) {
      if (!(a > 0.0)) issues.add(pointer + "/alpha", "must be > 0", value["alpha"].dump());
      if (!(b > 0.0)) issues.add(pointer + "/beta", "must be > 0", value["beta"].dump());
      if (!(lo < hi)) issues.add(pointer, "needs min < max");
    }
    u = Uncertain::beta(a, b, lo, hi);
  } else {
    const double median = field("median", std::nullopt), log_sd = field("log_sd", std::nullopt);
    if (issues.issues().size() == before) {
      if (!(median > 0.0)) issues.add(pointer + "/median", "must be > 0", value["median"].dump());
      if (!(log_sd > 0.0)) issues.add(pointer + "/log_sd", "must be > 0", value["log_sd"].dump());
    }
    u = Uncertain::lognormal(median, log_sd);
  }
  if (issues.issues().size() != before) return std::nullopt;
  const double lower = u.support_lower(), upper = u.support_upper();
  // An infinite bound of the domain admits any support on that side, including an unbounded one.
  const bool inside =
      (!std::isfinite(domain.lower) || (domain.lower_open ? lower > domain.lower : lower >= domain.lower)) &&
      (!std::isfinite(domain.upper) || (domain.upper_open ? upper < domain.upper : upper <= domain.upper));
  if (!inside) {
    issues.add(pointer, "the distribution's support must lie inside the allowed values: " + domain.describe(),
               value.dump());
    return std::nullopt;
  }
  u.provenance = provenance;
  return u;
}

// Reads {ACTOR: value} with every actor present; calls `store(actor, value, pointer)`.
template <class Store>
void read_actor_map(const json& value, const std::string& pointer, const std::vector<std::string>& actors,
                    bool every_actor, IssueCollector& issues, Store&& store) {
  if (!value.is_object()) {
    issues.add(pointer, "must be an object keyed by actor id", value.dump());
    return;
  }
  for (const auto& item : value.items()) {
    const auto found = std::find(actors.begin(), actors.end(), item.key());
    if (found == actors.end()) {
      const std::string near = closest_match(item.key(), actors);
      issues.add(pointer + "/" + pointer_token(item.key()), "is not an actor; actors: " + join(actors), "",
                 near.empty() ? "" : "did you mean '" + near + "'?");
      continue;
    }
    store(static_cast<std::size_t>(found - actors.begin()), item.value(), pointer + "/" + pointer_token(item.key()));
  }
  if (!every_actor) return;
  for (const auto& actor : actors)
    if (!value.contains(actor)) issues.add(pointer, "needs a value for actor '" + actor + "'");
}

std::vector<std::string> string_list(const json& value, const std::string& pointer, const char* what,
                                     IssueCollector& issues) {
  std::vector<std::string> out;
  if (!value.is_array()) {
    issues.add(pointer, std::string("must be an array of ") + what, value.dump());
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto id = read_id(value[i]);
    if (!id) {
      issues.add(pointer + "/" + std::to_string(i), std::string("must be ") + what, value[i].dump());
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
    issues.add(pointer, "must be an array of article ids", value.dump());
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    const auto id = read_id(value[i]);
    if (!id) {
      issues.add(at, "must be an article id (a string or a non-negative integer)", value[i].dump());
      continue;
    }
    const int index = spec.article_index(*id);
    if (index < 0) {
      const std::string near = closest_match(*id, article_ids);
      issues.add(at, "is not an article of this treaty", value[i].dump(),
                 near.empty() ? "" : "did you mean '" + near + "'?");
      continue;
    }
    out.push_back(index);
  }
  return out;
}

}  // namespace

TreatySpec parse_treaty_block(const json& block, const std::string& pointer, const std::vector<std::string>& actor_ids,
                              IssueCollector& issues) {
  TreatySpec spec;
  spec.actors = actor_ids;
  if (!block.is_object()) {
    issues.add(pointer, "must be an object", block.dump());
    return spec;
  }
  check_keys(block, pointer,
             {"articles", "exclusions", "thresholds", "rule", "reservation", "required", "presets", "search"}, issues);
  const std::size_t n_actors = actor_ids.size();

  if (block.contains("rule")) {
    const json& rule = block["rule"];
    if (rule == "average")
      spec.rule = AggregationRule::kAverage;
    else if (rule == "additive")
      spec.rule = AggregationRule::kAdditive;
    else {
      const std::string near = rule.is_string() ? closest_match(rule.get<std::string>(), {"average", "additive"}) : "";
      issues.add(pointer + "/rule", "must be \"average\" (the published CSIS rule) or \"additive\"", rule.dump(),
                 near.empty() ? "" : "did you mean '" + near + "'?");
    }
  }
  if (block.contains("search")) {
    const json& search = block["search"];
    if (search == "exact")
      spec.search = SearchMethod::kExact;
    else if (search == "heuristic")
      spec.search = SearchMethod::kHeuristic;
    else
      issues.add(pointer + "/search", "must be \"exact\" or \"heuristic\"", search.dump());
  }

  // --- articles ---
  std::vector<std::string> article_ids;
  const std::string articles_at = pointer + "/articles";
  if (!block.contains("articles")) {
    issues.add(pointer, "needs \"articles\"");
  } else if (!block["articles"].is_array() || block["articles"].empty()) {
    issues.add(articles_at, "must be a non-empty array of articles", block["articles"].dump());
  } else {
    const json& articles = block["articles"];
    for (std::size_t i = 0; i < articles.size(); ++i) {
      const std::string at = articles_at + "/" + std::to_string(i);
      const json& item = articles[i];
      Article article;
      article.scores.assign(n_actors, Uncertain::fixed(0.0));
      article.salience.assign(n_actors, 1.0);
      if (!item.is_object()) {
        issues.add(at, "must be an object", item.dump());
        continue;
      }
      check_keys(item, at, {"id", "title", "category", "scores", "negotiability", "salience"}, issues);
      if (!item.contains("id")) {
        issues.add(at, "needs \"id\"");
      } else if (const auto id = read_id(item["id"]); !id) {
        issues.add(at + "/id", "must be a non-empty string or a non-negative integer", item["id"].dump());
      } else if (std::find(article_ids.begin(), article_ids.end(), *id) != article_ids.end()) {
        issues.add(at + "/id", "repeats an earlier article's id", item["id"].dump());
      } else {
        article.id = *id;
      }
      for (const char* text_key : {"title", "category"}) {
        if (!item.contains(text_key)) continue;
        if (!item[text_key].is_string()) {
          issues.add(at + "/" + text_key, "must be a string", item[text_key].dump());
          continue;
        }
        (std::string(text_key) == "title" ? article.title : article.category) = item[text_key].get<std::string>();
      }
      if (!item.contains("scores")) {
        issues.add(at, "needs \"scores\" (per actor, 0-10)");
      } else {
        read_actor_map(item["scores"], at + "/scores", actor_ids, true, issues,
                       [&](std::size_t actor, const json& value, const std::string& where) {
                         if (auto u = read_uncertain(value, where, kScoreDomain, issues)) {
                           u->set_key(fnv1a64("treaty/articles/" + article.id + "/scores/" + actor_ids[actor]));
                           article.scores[actor] = *u;
                         }
                       });
      }
      if (item.contains("negotiability")) {
        article.negotiability = std::vector<double>(n_actors, 0.0);
        read_actor_map(item["negotiability"], at + "/negotiability", actor_ids, true, issues,
                       [&](std::size_t actor, const json& value, const std::string& where) {
                         if (const auto x = read_number(value, where, kScoreDomain, issues))
                           (*article.negotiability)[actor] = *x;
                       });
      }
      if (item.contains("salience")) {
        if (spec.rule != AggregationRule::kAdditive)
          issues.add(at + "/salience", "is used only by the \"additive\" rule");
        read_actor_map(item["salience"], at + "/salience", actor_ids, false, issues,
                       [&](std::size_t actor, const json& value, const std::string& where) {
                         if (const auto x = read_number(value, where, kNonNegative, issues))
                           article.salience[actor] = *x;
                       });
      }
      if (!article.id.empty()) article_ids.push_back(article.id);
      spec.articles.push_back(std::move(article));
    }
    if (spec.articles.size() > kMaxArticles) {
      issues.add(articles_at, "has " + std::to_string(spec.articles.size()) + " articles; at most " +
                                  std::to_string(kMaxArticles) + " are supported");
    } else if (spec.articles.size() > kExactSearchLimit && spec.search == SearchMethod::kExact) {
      issues.add(articles_at,
                 "has " + std::to_string(spec.articles.size()) + " articles; the exact search handles at most " +
                     std::to_string(kExactSearchLimit),
                 "", "set \"search\": \"heuristic\" in the treaty block for a local search");
    }
  }

  // --- exclusions ---
  if (block.contains("exclusions")) {
    const json& exclusions = block["exclusions"];
    if (!exclusions.is_array()) {
      issues.add(pointer + "/exclusions", "must be an array of [id, id] pairs", exclusions.dump());
    } else {
      std::set<std::pair<int, int>> seen;
      for (std::size_t i = 0; i < exclusions.size(); ++i) {
        const std::string at = pointer + "/exclusions/" + std::to_string(i);
        if (!exclusions[i].is_array() || exclusions[i].size() != 2) {
          issues.add(at, "must be a pair [id, id]", exclusions[i].dump());
          continue;
        }
        const auto pair = resolve_articles(exclusions[i], at, spec, article_ids, issues);
        if (pair.size() != 2) continue;
        if (pair[0] == pair[1]) {
          issues.add(at, "names the same article twice", exclusions[i].dump());
          continue;
        }
        const auto key = std::minmax(pair[0], pair[1]);
        if (seen.insert(key).second) spec.exclusions.emplace_back(key.first, key.second);
      }
    }
  }

  // --- acceptance: thresholds (average) or reservation values (additive) ---
  const bool average = spec.rule == AggregationRule::kAverage;
  if (block.contains("thresholds")) {
    if (!average) issues.add(pointer + "/thresholds", "is used only by the \"average\" rule; use \"reservation\"");
    spec.thresholds.assign(n_actors, 0.0);
    read_actor_map(block["thresholds"], pointer + "/thresholds", actor_ids, true, issues,
                   [&](std::size_t actor, const json& value, const std::string& where) {
                     if (const auto x = read_number(value, where, kScoreDomain, issues)) spec.thresholds[actor] = *x;
                   });
  } else if (average) {
    issues.add(pointer, "needs \"thresholds\" (per actor, 0-10) for the average rule");
  }
  if (block.contains("reservation") && block["reservation"].is_string()) {
    const std::string source = block["reservation"].get<std::string>();
    if (average) issues.add(pointer + "/reservation", "is used only by the \"additive\" rule; use \"thresholds\"");
    if (source == kWarValuesReservation) {
      spec.reservation_source = ReservationSource::kWarValues;
    } else {
      const std::string near = closest_match(source, {kWarValuesReservation});
      issues.add(pointer + "/reservation",
                 "must be {ACTOR: value} or \"war_values\" (each actor's disagreement value from the bargaining "
                 "block)",
                 block["reservation"].dump(), near.empty() ? "" : "did you mean '" + near + "'?");
    }
  } else if (block.contains("reservation")) {
    if (average) issues.add(pointer + "/reservation", "is used only by the \"additive\" rule; use \"thresholds\"");
    spec.reservation.assign(n_actors, Uncertain::fixed(0.0));
    read_actor_map(block["reservation"], pointer + "/reservation", actor_ids, true, issues,
                   [&](std::size_t actor, const json& value, const std::string& where) {
                     if (auto u = read_uncertain(value, where, kAnyReal, issues)) {
                       u->set_key(fnv1a64("treaty/reservation/" + actor_ids[actor]));
                       spec.reservation[actor] = *u;
                     }
                   });
  } else if (!average) {
    issues.add(pointer,
               "needs \"reservation\" (per actor: the value of continuing the war, or \"war_values\") for the "
               "additive rule");
  }

  // --- required parties ---
  if (block.contains("required")) {
    const auto ids = string_list(block["required"], pointer + "/required", "actor ids", issues);
    if (block["required"].is_array() && block["required"].empty())
      issues.add(pointer + "/required", "must name at least one actor", "[]");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto found = std::find(actor_ids.begin(), actor_ids.end(), ids[i]);
      const std::string at = pointer + "/required/" + std::to_string(i);
      if (found == actor_ids.end()) {
        const std::string near = closest_match(ids[i], actor_ids);
        issues.add(at, "is not an actor; actors: " + join(actor_ids), "\"" + ids[i] + "\"",
                   near.empty() ? "" : "did you mean '" + near + "'?");
        continue;
      }
      const int index = static_cast<int>(found - actor_ids.begin());
      if (std::find(spec.required.begin(), spec.required.end(), index) != spec.required.end())
        issues.add(at, "repeats an actor", "\"" + ids[i] + "\"");
      else
        spec.required.push_back(index);
    }
    std::sort(spec.required.begin(), spec.required.end());
  } else {
    for (std::size_t a = 0; a < n_actors; ++a) spec.required.push_back(static_cast<int>(a));
  }

  // --- presets ---
  if (block.contains("presets")) {
    const json& presets = block["presets"];
    if (!presets.is_array()) {
      issues.add(pointer + "/presets", "must be an array of {\"name\", \"articles\"}", presets.dump());
    } else {
      for (std::size_t i = 0; i < presets.size(); ++i) {
        const std::string at = pointer + "/presets/" + std::to_string(i);
        const json& item = presets[i];
        if (!item.is_object()) {
          issues.add(at, "must be an object", item.dump());
          continue;
        }
        check_keys(item, at, {"name", "articles"}, issues);
        Preset preset;
        if (!item.contains("name") || !item["name"].is_string())
          issues.add(at + "/name", "must be a string", item.value("name", json()).dump());
        else
          preset.name = item["name"].get<std::string>();
        if (!item.contains("articles")) {
          issues.add(at, "needs \"articles\"");
          continue;
        }
        preset.articles = resolve_articles(item["articles"], at + "/articles", spec, article_ids, issues);
        if (item["articles"].is_array() && item["articles"].empty())
          issues.add(at + "/articles", "must name at least one article (the empty draft is not a treaty)", "[]");
        std::vector<int> sorted = preset.articles;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
          issues.add(at + "/articles", "names an article twice", item["articles"].dump());
        spec.presets.push_back(std::move(preset));
      }
    }
  }
  return spec;
}

TreatyDocument parse_treaty_document(const json& document, const std::string& source) {
  IssueCollector issues;
  TreatyDocument out;
  out.source_path = source;
  out.content_hash = fnv1a64(document.dump());
  if (!document.is_object()) {
    issues.add("", "must be a JSON object with \"name\", \"actors\" and \"treaty\"", "");
    issues.throw_if_any(source);
  }
  check_keys(document, "", {"name", "description", "actors", "treaty"}, issues);
  if (!document.contains("name") || !document["name"].is_string() || document["name"].get<std::string>().empty())
    issues.add("/name", "must be a non-empty string", document.value("name", json()).dump());
  else
    out.name = document["name"].get<std::string>();
  if (document.contains("description")) {
    if (!document["description"].is_string())
      issues.add("/description", "must be a string", document["description"].dump());
    else
      out.description = document["description"].get<std::string>();
  }
  std::vector<std::string> actors;
  if (!document.contains("actors")) {
    issues.add("", "needs \"actors\" (an array of actor ids)");
  } else {
    const json& list = document["actors"];
    if (!list.is_array() || list.empty()) {
      issues.add("/actors", "must be a non-empty array of actor id strings", list.dump());
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "/actors/" + std::to_string(i);
        if (!list[i].is_string() || list[i].get<std::string>().empty()) {
          issues.add(at, "must be a non-empty string", list[i].dump());
          continue;
        }
        const std::string id = list[i].get<std::string>();
        if (std::find(actors.begin(), actors.end(), id) != actors.end())
          issues.add(at, "repeats an actor", list[i].dump());
        else
          actors.push_back(id);
      }
    }
  }
  if (!document.contains("treaty"))
    issues.add("", "needs \"treaty\"");
  else
    out.spec = parse_treaty_block(document["treaty"], "/treaty", actors, issues);
  if (out.spec.reservation_source == ReservationSource::kWarValues)
    issues.add("/treaty/reservation",
               "\"war_values\" needs a scenario with a \"bargaining\" block; a stand-alone treaty document has "
               "none: give {ACTOR: value}",
               "\"war_values\"");
  issues.throw_if_any(source);
  return out;
}

TreatyDocument load_treaty_document(const std::string& path) {
  const std::string text = read_text_file(path);
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    throw InputError(path, {{"", std::string("is not valid JSON: ") + error.what(), "", ""}});
  }
  return parse_treaty_document(document, path);
}

bool is_treaty_document(const nlohmann::json& document) {
  return document.is_object() && document.contains("treaty") && !document.contains("battlefield");
}

}  // namespace parley::treaty
