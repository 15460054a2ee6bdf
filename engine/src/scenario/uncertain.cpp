#include "parley/scenario/uncertain.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>

#include "parley/core/random.h"

namespace parley {

Uncertain Uncertain::fixed(double value) {
  Uncertain u;
  u.kind_ = Kind::kFixed;
  u.p1 = value;
  return u;
}
Uncertain Uncertain::normal(double mean, double sd, double lower, double upper) {
  Uncertain u;
  u.kind_ = Kind::kNormal;
  u.p1 = mean, u.p2 = sd, u.p3 = lower, u.p4 = upper;
  return u;
}
Uncertain Uncertain::lognormal(double median, double log_sd) {
  Uncertain u;
  u.kind_ = Kind::kLognormal;
  u.p1 = median, u.p2 = log_sd;
  return u;
}
Uncertain Uncertain::uniform(double lower, double upper) {
  Uncertain u;
  u.kind_ = Kind::kUniform;
  u.p1 = lower, u.p2 = upper;
  return u;
}
Uncertain Uncertain::beta(double alpha, double beta_, double lower, double upper) {
  Uncertain u;
  u.kind_ = Kind::kBeta;
  u.p1 = alpha, u.p2 = beta_, u.p3 = lower, u.p4 = upper;
  return u;
}
Uncertain Uncertain::triangular(double lower, double mode, double upper) {
  Uncertain u;
  u.kind_ = Kind::kTriangular;
  u.p1 = lower, u.p2 = mode, u.p3 = upper;
  return u;
}

const char* Uncertain::kind_name() const noexcept {
  switch (kind_) {
    case Kind::kFixed:
      return "fixed";
    case Kind::kNormal:
      return "normal";
    case Kind::kLognormal:
      return "lognormal";
    case Kind::kUniform:
      return "uniform";
    case Kind::kBeta:
      return "beta";
    case Kind::kTriangular:
      return "triangular";
  }
  return "unknown";
}

double Uncertain::quantile(double u) const {
  namespace bm = boost::math;
  switch (kind_) {
    case Kind::kFixed:
      return p1;
    case Kind::kNormal: {
      const bm::normal_distribution<double> dist(p1, p2);
      // Truncation by restricting u to [F(lower), F(upper)]: one uniform per draw, no rejection,
      // so common random numbers stay aligned.
      const double lo = std::isfinite(p3) ? bm::cdf(dist, p3) : 0.0;
      const double hi = std::isfinite(p4) ? bm::cdf(dist, p4) : 1.0;
      const double v = lo + u * (hi - lo);
      if (v <= 0.0) return p3;
      if (v >= 1.0) return p4;
      return std::clamp(bm::quantile(dist, v), p3, p4);
    }
    case Kind::kLognormal:
      return bm::quantile(bm::lognormal_distribution<double>(std::log(p1), p2), u);
    case Kind::kUniform:
      return p1 + u * (p2 - p1);
    case Kind::kBeta:
      return p3 + (p4 - p3) * bm::quantile(bm::beta_distribution<double>(p1, p2), u);
    case Kind::kTriangular:
      return bm::quantile(bm::triangular_distribution<double>(p1, p2, p3), u);
  }
  return p1;
}

double Uncertain::cdf(double x) const {
  namespace bm = boost::math;
  if (std::isnan(x)) return x;
  if (x < support_lower()) return 0.0;
  if (x >= support_upper()) return 1.0;
  switch (kind_) {
    case Kind::kFixed:
      return x >= p1 ? 1.0 : 0.0;
    case Kind::kNormal: {
      const bm::normal_distribution<double> dist(p1, p2);
      const double lo = std::isfinite(p3) ? bm::cdf(dist, p3) : 0.0;
      const double hi = std::isfinite(p4) ? bm::cdf(dist, p4) : 1.0;
      return std::clamp((bm::cdf(dist, x) - lo) / (hi - lo), 0.0, 1.0);
    }
    case Kind::kLognormal:
      return x <= 0.0 ? 0.0 : bm::cdf(bm::lognormal_distribution<double>(std::log(p1), p2), x);
    case Kind::kUniform:
      return (x - p1) / (p2 - p1);
    case Kind::kBeta:
      return bm::cdf(bm::beta_distribution<double>(p1, p2), (x - p3) / (p4 - p3));
    case Kind::kTriangular:
      return bm::cdf(bm::triangular_distribution<double>(p1, p2, p3), x);
  }
  return x >= p1 ? 1.0 : 0.0;
}

double Uncertain::draw(std::uint64_t seed, std::uint64_t trial) const {
  if (kind_ == Kind::kFixed) return p1;
  return quantile(open_unit_interval(stream_key(seed, trial, key_ ^ static_cast<std::uint64_t>(Stream::kParameters))));
}

double Uncertain::mean() const {
  namespace bm = boost::math;
  switch (kind_) {
    case Kind::kFixed:
      return p1;
    case Kind::kNormal: {
      if (!std::isfinite(p3) && !std::isfinite(p4)) return p1;
      // Mean of a truncated normal: mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
      const bm::normal_distribution<double> standard;
      const double a = std::isfinite(p3) ? (p3 - p1) / p2 : -kInf;
      const double b = std::isfinite(p4) ? (p4 - p1) / p2 : kInf;
      const double pa = std::isfinite(a) ? bm::pdf(standard, a) : 0.0;
      const double pb = std::isfinite(b) ? bm::pdf(standard, b) : 0.0;
      const double mass =
          (std::isfinite(b) ? bm::cdf(standard, b) : 1.0) - (std::isfinite(a) ? bm::cdf(standard, a) : 0.0);
      return p1 + p2 * (pa - pb) / mass;
    }
    case Kind::kLognormal:
      return p1 * std::exp(0.5 * p2 * p2);
    case Kind::kUniform:
      return 0.5 * (p1 + p2);
    case Kind::kBeta:
      return p3 + (p4 - p3) * p1 / (p1 + p2);
    case Kind::kTriangular:
      return (p1 + p2 + p3) / 3.0;
  }
  return p1;
}

double Uncertain::support_lower() const noexcept {
  switch (kind_) {
    case Kind::kFixed:
      return p1;
    case Kind::kNormal:
      return p3;
    case Kind::kLognormal:
      return 0.0;
    case Kind::kUniform:
      return p1;
    case Kind::kBeta:
      return p3;
    case Kind::kTriangular:
      return p1;
  }
  return p1;
}

double Uncertain::support_upper() const noexcept {
  switch (kind_) {
    case Kind::kFixed:
      return p1;
    case Kind::kNormal:
      return p4;
    case Kind::kLognormal:
      return kInf;
    case Kind::kUniform:
      return p2;
    case Kind::kBeta:
      return p4;
    case Kind::kTriangular:
      return p3;
  }
  return p1;
}

}  // namespace parley
