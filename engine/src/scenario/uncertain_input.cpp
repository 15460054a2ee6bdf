#include "parley/scenario/uncertain_input.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace parley::scenario_input {

using input::compact_value;
using input::interval_text;
using input::number_text;
using input::ObjectReader;

const std::vector<DistributionShape>& distribution_shapes() {
  static const std::vector<DistributionShape> shapes{
      {"normal",
       Uncertain::Kind::kNormal,
       {{"mean", true, "mean of the untruncated normal"},
        {"sd", true, "standard deviation of the untruncated normal, > 0"},
        {"min", false, "lower truncation point (draws never fall below it)"},
        {"max", false, "upper truncation point (draws never rise above it)"}},
       "normal, optionally truncated to [min, max]"},
      {"lognormal",
       Uncertain::Kind::kLognormal,
       {{"median", true, "median, > 0"}, {"log_sd", true, "standard deviation of the logarithm, > 0"}},
       "lognormal, support (0, inf)"},
      {"uniform",
       Uncertain::Kind::kUniform,
       {{"min", true, "lower end"}, {"max", true, "upper end, > min"}},
       "uniform on [min, max]"},
      {"beta",
       Uncertain::Kind::kBeta,
       {{"alpha", true, "first shape parameter, > 0"},
        {"beta", true, "second shape parameter, > 0"},
        {"min", false, "lower end of the rescaled support (default 0)"},
        {"max", false, "upper end of the rescaled support (default 1)"}},
       "beta(alpha, beta) rescaled to [min, max]"},
      {"triangular",
       Uncertain::Kind::kTriangular,
       {{"min", true, "lower end"},
        {"mode", true, "most likely value, in [min, max]"},
        {"max", true, "upper end, > min"}},
       "triangular on [min, max] with its peak at mode"},
  };
  return shapes;
}

const std::vector<SourceKey>& source_keys() {
  static const std::vector<SourceKey> keys{
      {"article", "file name of the seed article the figure comes from (needs \"quote\")"},
      {"quote", "the short passage that supports the figure"},
      {"reference", "a published source that is not one of the articles (author, year)"},
      {"assumption", "why this value, when it is a modelling assumption"},
  };
  return keys;
}

Provenance read_source(const Json& value, const std::string& pointer, IssueCollector& issues) {
  Provenance provenance;
  const ObjectReader reader(value, pointer, issues);
  if (!reader.is_object()) return provenance;
  std::vector<std::string> known;
  for (const auto& key : source_keys()) known.emplace_back(key.key);
  reader.reject_unknown_keys(known);
  provenance.article = reader.string("article", false).value_or("");
  provenance.quote = reader.string("quote", false).value_or("");
  provenance.reference = reader.string("reference", false).value_or("");
  provenance.assumption = reader.string("assumption", false).value_or("");
  if (provenance.article.find_first_of("/\\") != std::string::npos)
    issues.add(reader.pointer_of("article"), "must be a file name in the seeds folder, without a directory",
               compact_value(*reader.find("article")));
  if (!provenance.article.empty() && !reader.has("quote"))
    reader.require("quote", "an article is cited with the passage that supports the figure");
  // A misspelt key is reported as such; that the source then names nothing would repeat it.
  bool all_known = true;
  for (const auto& item : value.items())
    all_known = all_known && std::find(known.begin(), known.end(), item.key()) != known.end();
  if (all_known && !reader.has("article") && !reader.has("reference") && !reader.has("assumption"))
    issues.add(pointer, "must give at least one of \"article\", \"reference\" or \"assumption\"", compact_value(value));
  return provenance;
}

namespace {

const char* const kFormsRule =
    "must be a number, {\"value\": x, \"source\": {...}}, or a distribution {\"dist\": \"normal\" | \"lognormal\" | "
    "\"uniform\" | \"beta\" | \"triangular\", ...}";

// The support's lower end lies inside the domain's (an open end admits only values above it).
bool lower_within(double lower, bool lower_open, const Domain& domain) {
  if (lower > domain.lower) return true;
  return lower == domain.lower && (!domain.lower_open || lower_open);
}
bool upper_within(double upper, bool upper_open, const Domain& domain) {
  if (upper < domain.upper) return true;
  return upper == domain.upper && (!domain.upper_open || upper_open);
}

// The interval a distribution's draws fall in; an open end is one the draws never reach.
struct DrawSupport {
  double lower = 0.0;
  double upper = 0.0;
  bool lower_open = false;
  bool upper_open = false;
};

// Builds one family's Uncertain from its keywords (all read and numeric), checking how they
// relate: scales positive, min below max, the mode between them.
class DistributionBuilder {
 public:
  DistributionBuilder(const ObjectReader& reader, std::map<std::string, double> p)
      : reader_(reader), p_(std::move(p)) {}

  // Empty after reporting when the keywords do not fit together.
  std::optional<Uncertain> build(Uncertain::Kind kind) {
    switch (kind) {
      case Uncertain::Kind::kNormal:
        return normal();
      case Uncertain::Kind::kLognormal:
        return lognormal();
      case Uncertain::Kind::kUniform:
        return uniform();
      case Uncertain::Kind::kBeta:
        return beta();
      case Uncertain::Kind::kTriangular:
        return triangular();
      case Uncertain::Kind::kFixed:
        break;
    }
    return Uncertain();
  }

  [[nodiscard]] const DrawSupport& support() const noexcept { return support_; }

 private:
  [[nodiscard]] bool has(const char* key) const { return p_.count(key) != 0; }

  bool positive(const char* key) {
    if (p_.at(key) > 0.0) return true;
    reader_.issues().add(reader_.pointer_of(key), "must be > 0", number_text(p_.at(key)));
    return false;
  }

  bool ordered(double lower, double upper) {
    if (lower < upper) return true;
    reader_.issues().add(reader_.pointer_of("max"), "must be greater than \"min\" (" + number_text(lower) + ")",
                         number_text(upper));
    return false;
  }

  std::optional<Uncertain> normal() {
    support_ = {has("min") ? p_["min"] : -kInf, has("max") ? p_["max"] : kInf, !has("min"), !has("max")};
    bool ok = positive("sd");
    if (has("min") && has("max")) ok = ordered(support_.lower, support_.upper) && ok;
    if (!ok) return std::nullopt;
    return Uncertain::normal(p_["mean"], p_["sd"], support_.lower, support_.upper);
  }

  std::optional<Uncertain> lognormal() {
    bool ok = positive("median");
    ok = positive("log_sd") && ok;
    support_ = {0.0, kInf, true, true};
    if (!ok) return std::nullopt;
    return Uncertain::lognormal(p_["median"], p_["log_sd"]);
  }

  std::optional<Uncertain> uniform() {
    support_ = {p_["min"], p_["max"]};
    if (!ordered(support_.lower, support_.upper)) return std::nullopt;
    return Uncertain::uniform(support_.lower, support_.upper);
  }

  // A shape at most kMaxBetaShape, so that a draw's cost stays bounded.
  bool drawable_shape(const char* key) {
    if (p_.at(key) <= kMaxBetaShape) return true;
    reader_.issues().add(reader_.pointer_of(key),
                         "must be at most " + number_text(kMaxBetaShape) +
                             " (a beta draw's cost grows with its shapes, to a second a draw at 1e20, and past 1e8 its "
                             "standard deviation is under 5e-5 of its range: give the mean as a number; " +
                             input::limit_note({"kMaxBetaShape", "engine/include/parley/scenario/uncertain_input.h"}) +
                             ")",
                         number_text(p_.at(key)));
    return false;
  }

  std::optional<Uncertain> beta() {
    support_ = {has("min") ? p_["min"] : 0.0, has("max") ? p_["max"] : 1.0};
    bool ok = positive("alpha") && drawable_shape("alpha");
    ok = positive("beta") && drawable_shape("beta") && ok;
    ok = ordered(support_.lower, support_.upper) && ok;
    if (!ok) return std::nullopt;
    return Uncertain::beta(p_["alpha"], p_["beta"], support_.lower, support_.upper);
  }

  std::optional<Uncertain> triangular() {
    support_ = {p_["min"], p_["max"]};
    if (!ordered(support_.lower, support_.upper)) return std::nullopt;
    const double mode = p_["mode"];
    if (mode < support_.lower || mode > support_.upper) {
      reader_.issues().add(reader_.pointer_of("mode"),
                           "must lie in [min, max] = " + interval_text(support_.lower, false, support_.upper, false),
                           number_text(mode));
      return std::nullopt;
    }
    return Uncertain::triangular(support_.lower, mode, support_.upper);
  }

  const ObjectReader& reader_;
  std::map<std::string, double> p_;
  DrawSupport support_;
};

// The family "dist" names, with the unknown keys for it reported; nullptr when "dist" is bad.
const DistributionShape* read_shape(const ObjectReader& reader) {
  std::vector<std::string> names;
  for (const auto& shape : distribution_shapes()) names.emplace_back(shape.name);
  const auto name = reader.choice("dist", names, true);
  if (!name) return nullptr;
  const DistributionShape* shape = nullptr;
  for (const auto& candidate : distribution_shapes())
    if (*name == candidate.name) shape = &candidate;
  std::vector<std::string> known{"dist", "source"};
  for (const auto& key : shape->keys) known.emplace_back(key.key);
  reader.reject_unknown_keys(known);
  return shape;
}

// The family's keywords that are present and numeric; a missing required one is reported.
std::map<std::string, double> read_keywords(const ObjectReader& reader, const DistributionShape& shape) {
  std::map<std::string, double> p;
  for (const auto& key : shape.keys) {
    if (const auto number = reader.number(key.key, kAnyReal, false)) {
      p[key.key] = *number;
    } else if (key.required && !reader.has(key.key)) {
      reader.require(key.key, std::string("a ") + shape.name + " distribution needs it (" + key.description + ")");
    }
  }
  return p;
}

// A distribution must be allowed (not for an integer field) and its support inside the domain.
bool check_support(const Json& value, const std::string& pointer, const Domain& domain, const DistributionShape& shape,
                   const DrawSupport& support, IssueCollector& issues) {
  if (domain.integer) {
    issues.add(pointer, "must be a fixed integer, not a distribution", compact_value(value));
    return false;
  }
  if (lower_within(support.lower, support.lower_open, domain) &&
      upper_within(support.upper, support.upper_open, domain))
    return true;
  issues.add(pointer,
             "support " + interval_text(support.lower, support.lower_open, support.upper, support.upper_open) +
                 " must lie within " + interval_text(domain.lower, domain.lower_open, domain.upper, domain.upper_open) +
                 (shape.kind == Uncertain::Kind::kNormal ? " (truncate the normal with \"min\" and \"max\")" : ""),
             compact_value(value));
  return false;
}

std::optional<Uncertain> read_distribution(const Json& value, const std::string& pointer, const Domain& domain,
                                           IssueCollector& issues) {
  const ObjectReader reader(value, pointer, issues);
  const DistributionShape* shape = read_shape(reader);
  if (shape == nullptr) return std::nullopt;
  // Read every keyword first, so each bad one is reported, then check how they relate.
  const std::size_t issues_before = issues.issues().size();
  auto keywords = read_keywords(reader, *shape);
  Provenance provenance;
  if (const Json* source = reader.find("source"))
    provenance = read_source(*source, reader.pointer_of("source"), issues);
  if (issues.issues().size() != issues_before) return std::nullopt;
  DistributionBuilder builder(reader, std::move(keywords));
  auto result = builder.build(shape->kind);
  if (!result || !check_support(value, pointer, domain, *shape, builder.support(), issues)) return std::nullopt;
  result->provenance = std::move(provenance);
  return result;
}

std::optional<Uncertain> read_sourced_value(const Json& value, const std::string& pointer, const Domain& domain,
                                            IssueCollector& issues) {
  const ObjectReader reader(value, pointer, issues);
  reader.reject_unknown_keys({"value", "source"});
  const auto number = reader.number("value", domain, true);
  Provenance provenance;
  if (const Json* source = reader.find("source"))
    provenance = read_source(*source, reader.pointer_of("source"), issues);
  if (!number) return std::nullopt;
  Uncertain result = Uncertain::fixed(*number);
  result.provenance = std::move(provenance);
  return result;
}

}  // namespace

std::optional<Uncertain> read_uncertain(const Json& value, const std::string& pointer, const Domain& domain,
                                        IssueCollector& issues) {
  if (value.is_number()) {
    const double number = value.get<double>();
    if (!domain.contains(number)) {
      issues.add(pointer, domain.describe(), compact_value(value));
      return std::nullopt;
    }
    return Uncertain::fixed(number);
  }
  if (value.is_object() && value.contains("dist")) return read_distribution(value, pointer, domain, issues);
  if (value.is_object() && value.contains("value")) return read_sourced_value(value, pointer, domain, issues);
  issues.add(pointer, kFormsRule, compact_value(value));
  return std::nullopt;
}

}  // namespace parley::scenario_input
