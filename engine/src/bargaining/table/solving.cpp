// Solving the table: the solution concept over the seated actors' issue table, with a cheap
// test for no bargaining space first, and two-track talks as two solves in sequence (003).
#include "parley/bargaining/table.h"

#include <cstddef>

#include "bargaining/table/table_detail.h"

namespace parley::bargaining {

using table_detail::is_belligerent;
using table_detail::observed_drift;

void Table::solve(const Trial& trial, TableView& view) {
  const Scenario& scenario = trial.scenario;
  const auto n = static_cast<Eigen::Index>(scenario.actors.size());
  // No deal can give a veto player more than its ideal (value 1): a cheap test that spares the
  // solver most months of a war without bargaining space.
  for (Eigen::Index i = 0; i < n; ++i) {
    disagreement_(i) = view.disagreement[static_cast<std::size_t>(i)] - 1.0;
    if (veto_[static_cast<std::size_t>(i)] && !(disagreement_(i) < 0.0)) {
      view.deal.status = NashStatus::kNoBargainingSpace;
      view.deal.deal = table_.status_quo;
      view.deal.gain.setZero(n);
      return;
    }
  }
  if (weight_.sum() <= 0.0) {
    view.deal.status = NashStatus::kNoBargainingSpace;
    view.deal.deal = table_.status_quo;
    view.deal.gain.setZero(n);
    return;
  }
  if (!traits_of(scenario.bargaining->format).two_tracks) {
    nash_bargaining(table_, weight_, disagreement_, veto_, workspace_, view.deal);
    return;
  }
  // Two tracks (003): Russia and NATO on the third parties' issues, then Ukraine and Russia on
  // theirs with the first track's terms fixed. No trade across tracks.
  const int holder = scenario.battlefield.holder;
  const int opponent = scenario.battlefield.opponent;
  track_ = table_;
  Eigen::VectorXd track_weight = weight_;
  for (std::size_t j = 0; j < track_.on_table.size(); ++j) {
    bool belligerents_only = true;
    for (const int owner : track_.owners[j]) belligerents_only = belligerents_only && is_belligerent(scenario, owner);
    track_.on_table[j] = table_.on_table[j] && !belligerents_only;
  }
  track_weight(holder) = 0.0;
  nash_bargaining(track_, track_weight, disagreement_, veto_, workspace_, track_result_);
  if (track_result_.status != NashStatus::kAgreement) {
    view.deal = track_result_;
    return;
  }
  track_.status_quo = track_result_.deal;
  for (std::size_t j = 0; j < track_.on_table.size(); ++j)
    track_.on_table[j] = table_.on_table[j] && !track_.on_table[j];
  track_weight.setZero();
  track_weight(holder) = weight_(holder);
  track_weight(opponent) = weight_(opponent);
  nash_bargaining(track_, track_weight, disagreement_, veto_, workspace_, view.deal);
}

}  // namespace parley::bargaining
