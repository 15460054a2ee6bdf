#include "parley/bargaining/utility.h"

#include <cmath>
#include <string>

#include "parley/core/error.h"

namespace parley::bargaining {
namespace {

// The message is built only on failure: a table is checked once per trial.
void require(bool ok, const char* message) {
  if (!ok) throw Error(std::string("make_issue_table: ") + message);
}

}  // namespace

IssueTable make_issue_table(Eigen::MatrixXd ideal_point, Eigen::MatrixXd salience, Eigen::VectorXd status_quo,
                            std::vector<std::vector<int>> owners, std::vector<bool> on_table, LossShape loss) {
  IssueTable table{std::move(ideal_point), std::move(salience), std::move(status_quo),
                   std::move(owners),      std::move(on_table), loss};
  check_issue_table(table);
  return table;
}

void check_issue_table(IssueTable& table) {
  const Eigen::MatrixXd& ideal_point = table.ideal_point;
  Eigen::MatrixXd& salience = table.salience;
  const Eigen::VectorXd& status_quo = table.status_quo;
  const auto n = ideal_point.rows();
  const auto k = ideal_point.cols();
  require(n >= 1 && k >= 1, "ideal_point must have at least one actor and one issue");
  require(salience.rows() == n && salience.cols() == k, "salience must have the shape of ideal_point");
  require(status_quo.size() == k, "status_quo must have one entry per issue");
  require(static_cast<Eigen::Index>(table.owners.size()) == k, "owners must have one list per issue");
  require(static_cast<Eigen::Index>(table.on_table.size()) == k, "on_table must have one flag per issue");
  require(ideal_point.allFinite() && ideal_point.minCoeff() >= 0.0 && ideal_point.maxCoeff() <= 1.0,
          "ideal_point entries must lie in [0, 1]");
  require(status_quo.allFinite() && status_quo.minCoeff() >= 0.0 && status_quo.maxCoeff() <= 1.0,
          "status_quo entries must lie in [0, 1]");
  require(salience.allFinite() && salience.minCoeff() >= 0.0, "salience entries must be finite and >= 0");
  for (Eigen::Index i = 0; i < n; ++i) {
    const double total = salience.row(i).sum();
    if (!(total > 0.0)) throw Error("make_issue_table: actor " + std::to_string(i) + " has all saliences zero");
    salience.row(i) /= total;
  }
  for (const auto& list : table.owners) {
    for (const int actor : list) {
      if (!(actor >= 0 && actor < n))
        throw Error("make_issue_table: owners names actor " + std::to_string(actor) + ", which does not exist");
    }
  }
}

double actor_utility(const IssueTable& table, int actor, const Eigen::Ref<const Eigen::VectorXd>& deal) {
  double utility = 0.0;
  for (int k = 0; k < table.issue_count(); ++k) {
    const double distance = std::abs(deal[k] - table.ideal_point(actor, k));
    const double loss = table.loss == LossShape::kLinear ? distance : distance * distance;
    utility -= table.salience(actor, k) * loss;
  }
  return utility;
}

Eigen::VectorXd with_status_quo_off_table(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& deal) {
  Eigen::VectorXd full = deal;
  for (int k = 0; k < table.issue_count(); ++k) {
    if (!table.on_table[k]) full[k] = table.status_quo[k];
  }
  return full;
}

std::vector<bool> veto_players(const IssueTable& table) {
  std::vector<bool> veto(table.actor_count(), false);
  for (int k = 0; k < table.issue_count(); ++k) {
    if (!table.on_table[k]) continue;
    for (const int actor : table.owners[k]) veto[actor] = true;
  }
  return veto;
}

}  // namespace parley::bargaining
