// `parley solve`: the table at month 0 at the central parameter point, the deal without the
// fear of reneging, and per issue the values every veto player accepts.
#include "parley/bargaining/table.h"

#include <cmath>

#include "parley/core/error.h"

namespace parley::bargaining {

SolveReport solve_at_month_zero(const Scenario& scenario) {
  if (!scenario.bargaining)
    throw InputError(scenario.source_path.empty() ? scenario.name : scenario.source_path,
                     {{"/bargaining", "is required by 'parley solve' (the bargaining layer's settings)", "", ""}});
  TrialParameters params;
  central_trial_parameters(scenario, params);

  TrialState state;
  init_trial_state(scenario, params, state);
  const auto anticipation = build_anticipation_tables(scenario);
  const Trial trial{scenario, anticipation.get(), params, state, TrialKey{}};
  Table table;
  table.prepare(trial);
  SolveReport report;
  table.assess(trial, report.view);

  // The same table without the fear of reneging: a deal there but not here is a commitment
  // problem (Fearon 1995; Powell 2006).
  TrialParameters fearless = params;
  fearless.commitment.mistrust_prob = 0.0;
  TableView without;
  table.assess(trial.with(fearless), without);
  report.deal_without_fear = without.deal;
  report.commitment_problem =
      without.deal.status == NashStatus::kAgreement && report.view.deal.status != NashStatus::kAgreement;

  // Per issue: the values every veto player accepts with the other issues at the deal (at the
  // status quo when there is none), on a fine grid refined by bisection at both ends.
  const std::size_t k = scenario.issues.size();
  report.issue_ranges.assign(k, {std::nan(""), std::nan("")});
  const Eigen::VectorXd base = report.view.deal.deal.size() == static_cast<Eigen::Index>(k)
                                   ? report.view.deal.deal
                                   : Eigen::VectorXd(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(k)));
  const auto acceptable = [&](std::size_t issue, double value) {
    Eigen::VectorXd z = base;
    z(static_cast<Eigen::Index>(issue)) = value;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      if (report.view.at_table[i] && table.terms_value(static_cast<int>(i), z) < report.view.disagreement[i])
        return false;
    return true;
  };
  for (std::size_t issue = 0; issue < k; ++issue) {
    if (!report.view.on_table[issue]) continue;
    constexpr int kSteps = 1000;
    int first = -1, last = -1;
    for (int s = 0; s <= kSteps; ++s)
      if (acceptable(issue, static_cast<double>(s) / kSteps)) {
        if (first < 0) first = s;
        last = s;
      }
    if (first < 0) continue;
    const auto refine = [&](double inside, double outside) {
      for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (inside + outside);
        (acceptable(issue, mid) ? inside : outside) = mid;
      }
      return inside;
    };
    const double lo =
        first == 0 ? 0.0 : refine(static_cast<double>(first) / kSteps, static_cast<double>(first - 1) / kSteps);
    const double hi =
        last == kSteps ? 1.0 : refine(static_cast<double>(last) / kSteps, static_cast<double>(last + 1) / kSteps);
    report.issue_ranges[issue] = {lo, hi};
  }
  return report;
}

}  // namespace parley::bargaining
