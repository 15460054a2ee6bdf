// The battlefield alone against the closed forms of docs/model.md section 3: Brownian motion with drift
// between two absorbing barriers, and the simple random walk (gambler's ruin).
//
// The engine observes the front once a month and catches crossings inside a month with the
// Brownian-bridge test, so the month M in which a war ends is exactly ceil(T), T the continuous
// first-passage time. The closed forms compared are therefore:
//   P(exit at 1) = (1 - exp(-2 mu x / s^2)) / (1 - exp(-2 mu / s^2))   (Cox & Miller 1965, 5.7)
//   P(T > t) = 2 exp(-a x - mu^2 t / (2 s^2)) sum_k sin(k pi x) exp(-s^2 k^2 pi^2 t / 2) I_k,
//     I_k = k pi (1 - (-1)^k e^a) / (a^2 + k^2 pi^2), a = mu / s^2 (eigenfunction expansion of
//     the absorbed transition density; Cox & Miller 1965, 5.7; Borodin & Salminen 2002)
//   E[min(M, H)] = sum_{n=0}^{H-1} P(T > n).
// Tolerances: 4 Monte Carlo standard errors, from the binomial variance for shares and the
// sample variance for means.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "parley/sim/trial.h"
#include "scenario_builders.h"

using namespace parley;

namespace {

double upper_exit_probability(double x, double mu, double sigma) {
  if (mu == 0.0) return x;
  const double a = 2.0 * mu / (sigma * sigma);
  return -std::expm1(-a * x) / -std::expm1(-a);
}

double survival(double t, double x, double mu, double sigma) {
  if (t <= 0.0) return 1.0;
  const double a = mu / (sigma * sigma);
  double sum = 0.0;
  for (int k = 1; k < 20000; ++k) {
    const double kpi = k * M_PI;
    const double decay = std::exp(-sigma * sigma * kpi * kpi * t / 2.0);
    const double integral = kpi * (1.0 - ((k % 2 == 0) ? 1.0 : -1.0) * std::exp(a)) / (a * a + kpi * kpi);
    sum += std::sin(kpi * x) * decay * integral;
    if (decay < 1e-18) break;
  }
  return 2.0 * std::exp(-a * x - mu * mu * t / (2.0 * sigma * sigma)) * sum;
}

struct Simulated {
  double upper_share = 0.0;
  double mean_truncated_month = 0.0;
  double sd_truncated_month = 0.0;
  std::vector<double> survival;  // P(M > n)
  int trials = 0;
};

Simulated simulate(const Scenario& scenario, int trials, std::uint64_t seed) {
  Simulated out;
  out.trials = trials;
  out.survival.assign(static_cast<std::size_t>(scenario.horizon_months) + 1, 0.0);
  TrialScratch scratch;
  double sum = 0.0, sum_sq = 0.0;
  int upper = 0;
  const Model model = compile(scenario);
  for (int t = 0; t < trials; ++t) {
    simulate_trial(model, TrialKey{seed, static_cast<std::uint64_t>(t)}, scratch);
    const auto& state = scratch.state;
    if (state.outcome == Outcome::kHolderVictory) ++upper;
    const double month = state.end_month;  // == horizon when ongoing
    sum += month;
    sum_sq += month * month;
    for (int n = 0; n < state.end_month || (state.outcome == Outcome::kOngoing && n <= scenario.horizon_months); ++n)
      if (n <= scenario.horizon_months) out.survival[static_cast<std::size_t>(n)] += 1.0;
  }
  for (auto& s : out.survival) s /= trials;
  out.upper_share = static_cast<double>(upper) / trials;
  out.mean_truncated_month = sum / trials;
  out.sd_truncated_month = std::sqrt(sum_sq / trials - out.mean_truncated_month * out.mean_truncated_month);
  return out;
}

}  // namespace

TEST_CASE("the diffusion front matches Brownian motion between two barriers") {
  struct Point {
    double x, mu, sigma;
    int horizon;
    const char* label;
  };
  const Point points[] = {
      {0.5, 0.0, 0.05, 2000, "no drift, centre"},
      {0.3, 0.005, 0.05, 1500, "weak drift"},
      {0.5, -0.03, 0.05, 600, "strong drift towards 0"},
      {0.03, 0.002, 0.04, 2000, "start near the lower barrier"},
      {0.5, 0.01, 0.2, 400, "high volatility: many crossings inside a month"},
  };
  const int trials = 20000;
  for (const auto& point : points) {
    CAPTURE(point.label);
    const Scenario scenario = testing::battlefield_only(point.x, point.mu, point.sigma, point.horizon);
    const Simulated sim = simulate(scenario, trials, 2024);

    const double p_upper = upper_exit_probability(point.x, point.mu, point.sigma);
    CHECK(std::abs(sim.upper_share - p_upper) <= 4.0 * std::sqrt(p_upper * (1.0 - p_upper) / trials) + 1e-12);

    double expected_month = 0.0;
    for (int n = 0; n < point.horizon; ++n) expected_month += survival(n, point.x, point.mu, point.sigma);
    CHECK(std::abs(sim.mean_truncated_month - expected_month) <= 4.0 * sim.sd_truncated_month / std::sqrt(trials));

    for (const int month : {1, 3, 12, 36, 120}) {
      if (month > point.horizon) continue;
      CAPTURE(month);
      const double s = survival(month, point.x, point.mu, point.sigma);
      const double se = std::sqrt(std::max(s * (1.0 - s), 1e-4) / trials);
      CHECK(std::abs(sim.survival[static_cast<std::size_t>(month)] - s) <= 4.0 * se);
    }
  }
}

TEST_CASE("the random-walk front is the gambler's ruin") {
  // Steps of h = 1/N; from k, P(reach N) = (1 - r^k) / (1 - r^N) with r = q/p, and the expected
  // duration k/(q-p) - (N/(q-p)) (1 - r^k)/(1 - r^N); k (N - k) when p = q (Feller 1968, XIV.2-3).
  struct Point {
    int k;
    int n;
    double p;
    const char* label;
  };
  const Point points[] = {
      {6, 20, 0.55, "favourable"}, {10, 20, 0.5, "fair"}, {1, 20, 0.45, "near ruin"}, {3, 10, 0.7, "strong drift"}};
  const int trials = 40000;
  for (const auto& point : points) {
    CAPTURE(point.label);
    const double h = 1.0 / point.n;
    const double mu = h * (2.0 * point.p - 1.0);
    const Scenario scenario = testing::battlefield_only(point.k * h, mu, 0.0, 20000, FrontProcess::kRandomWalk, h);
    const Simulated sim = simulate(scenario, trials, 7);
    const double q = 1.0 - point.p;
    double win, duration;
    if (point.p == 0.5) {
      win = static_cast<double>(point.k) / point.n;
      duration = static_cast<double>(point.k) * (point.n - point.k);
    } else {
      const double r = q / point.p;
      win = (1.0 - std::pow(r, point.k)) / (1.0 - std::pow(r, point.n));
      duration = point.k / (q - point.p) - point.n / (q - point.p) * win;
    }
    CHECK(std::abs(sim.upper_share - win) <= 4.0 * std::sqrt(win * (1.0 - win) / trials));
    CHECK(std::abs(sim.mean_truncated_month - duration) <= 4.0 * sim.sd_truncated_month / std::sqrt(trials));
  }
}

TEST_CASE("a front with no volatility moves deterministically and ends on the predicted month") {
  // Binary-exact numbers, so the month of arrival is not blurred by rounding.
  const Scenario scenario = testing::battlefield_only(0.5, 0.125, 0.0, 100);
  TrialScratch scratch;
  simulate_trial(compile(scenario), TrialKey{1, 0}, scratch);
  CHECK(scratch.state.outcome == Outcome::kHolderVictory);
  CHECK(scratch.state.end_month == 4);  // 0.5 + 4 * 0.125 = 1
}
