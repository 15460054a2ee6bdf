// An uncertain scenario parameter: a number, or a distribution that each trial draws from.
//
// Where it sits: the loader (scenario/load.cpp) builds these from JSON; draw.cpp turns them into
// one trial's numbers. A draw uses the inverse CDF at one uniform that depends only on
// (seed, trial, parameter path) — so a parameter's value in a trial does not change when other
// parameters are added, removed or reordered, which keeps common random numbers aligned between
// policy variants of a scenario (Glasserman 2004, "Monte Carlo Methods in Financial
// Engineering", sec. 4.1). Quantiles come from Boost.Math.
#pragma once

#include <cstdint>
#include <string>

#include "parley/core/domain.h"

namespace parley {

// Where a parameter's value comes from; shipped scenarios must say (docs/scenario-format.md).
struct Provenance {
  std::string article;     // one of the policy articles (docs/articles.md), by file name
  std::string quote;       // the short passage that supports it
  std::string reference;   // a published source (author, year) that is not one of the articles
  std::string assumption;  // why this value, when it is a modelling assumption
  [[nodiscard]] bool empty() const noexcept { return article.empty() && reference.empty() && assumption.empty(); }
};

class Uncertain {
 public:
  enum class Kind { kFixed, kNormal, kLognormal, kUniform, kBeta, kTriangular };

  Uncertain() = default;
  static Uncertain fixed(double value);
  // Truncated to [lower, upper] when either is finite.
  static Uncertain normal(double mean, double sd, double lower = -kInf, double upper = kInf);
  static Uncertain lognormal(double median, double log_sd);
  static Uncertain uniform(double lower, double upper);
  static Uncertain beta(double alpha, double beta, double lower = 0.0, double upper = 1.0);
  static Uncertain triangular(double lower, double mode, double upper);

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  [[nodiscard]] bool is_fixed() const noexcept { return kind_ == Kind::kFixed; }
  [[nodiscard]] const char* kind_name() const noexcept;

  // The inverse CDF at u in (0, 1).
  [[nodiscard]] double quantile(double u) const;
  // The CDF at x: the share of draws at or below x (0 below the support, 1 above it; a fixed
  // value's is a step at it). The inverse of quantile.
  [[nodiscard]] double cdf(double x) const;
  // This parameter's value in one trial; a fixed value costs nothing.
  [[nodiscard]] double draw(std::uint64_t seed, std::uint64_t trial) const;
  [[nodiscard]] double mean() const;
  // The smallest and largest values a draw can take.
  [[nodiscard]] double support_lower() const noexcept;
  [[nodiscard]] double support_upper() const noexcept;

  // Identity for the per-trial draw: a hash of the parameter's logical path (set by the loader).
  void set_key(std::uint64_t key) noexcept { key_ = key; }
  [[nodiscard]] std::uint64_t key() const noexcept { return key_; }

  Provenance provenance;

  // Raw parameters, named per kind in the constructors above.
  double p1 = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0;

 private:
  Kind kind_ = Kind::kFixed;
  std::uint64_t key_ = 0;
};

}  // namespace parley
