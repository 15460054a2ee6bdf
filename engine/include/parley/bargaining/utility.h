// Actors' utilities over deals: the bargaining space of docs/model.md section 2.
//
// Where it sits: the scenario's issues and actors become an IssueTable once per parameter
// point; the solution concepts (nash.h) and the deal values (docs/model.md 10) evaluate deals with it.
// A deal is z in [0,1]^K. Actor i's utility is the spatial (weighted-distance) utility of
// Enelow & Hinich (1984, "The Spatial Theory of Voting"), as used for multi-issue bargaining by
// Bueno de Mesquita (1994) and in the EU decision-making models of Thomson, Stokman, Achen &
// Koenig (2006, "The European Union Decides"):
//     u_i(z) = - sum_k w_ik * loss(|z_k - ideal_ik|),   sum_k w_ik = 1,
// with loss(d) = d (linear) or d^2 (quadratic). Both make u_i concave in z, which is what makes
// the Nash bargaining problem a concave programme with a unique solution in utilities.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace parley::bargaining {

enum class LossShape {
  kLinear,     // loss(d) = d: constant marginal disutility; solutions sit at kinks (medians)
  kQuadratic,  // loss(d) = d^2: risk-averse over terms; solutions are weighted means
};

// Who wants what on which issue, and which issues a given format puts on the table.
// Build it with make_issue_table, which checks shapes and normalises saliences.
struct IssueTable {
  Eigen::MatrixXd ideal_point;           // N x K, each in [0, 1]
  Eigen::MatrixXd salience;              // N x K, >= 0, each row sums to 1
  Eigen::VectorXd status_quo;            // K, in [0, 1]: the value of an issue left off the table
  std::vector<std::vector<int>> owners;  // per issue: the actors whose consent it needs
  std::vector<bool> on_table;            // per issue: negotiable in this format
  LossShape loss = LossShape::kQuadratic;

  [[nodiscard]] int actor_count() const noexcept { return static_cast<int>(ideal_point.rows()); }
  [[nodiscard]] int issue_count() const noexcept { return static_cast<int>(ideal_point.cols()); }
};

// Checks every shape and range (throws parley::Error naming the argument) and divides each
// actor's saliences by their sum. An actor whose saliences are all zero is rejected: such an
// actor has no preferences and no place at the table.
[[nodiscard]] IssueTable make_issue_table(Eigen::MatrixXd ideal_point, Eigen::MatrixXd salience,
                                          Eigen::VectorXd status_quo, std::vector<std::vector<int>> owners,
                                          std::vector<bool> on_table, LossShape loss);

// make_issue_table's checks and normalisation on a table filled in place (its storage reused).
void check_issue_table(IssueTable& table);

// u_i(z) for the full deal vector z (K entries; off-table entries are used as given).
[[nodiscard]] double actor_utility(const IssueTable& table, int actor, const Eigen::Ref<const Eigen::VectorXd>& deal);

// The deal with every off-table issue reset to the status quo.
[[nodiscard]] Eigen::VectorXd with_status_quo_off_table(const IssueTable& table,
                                                        const Eigen::Ref<const Eigen::VectorXd>& deal);

// Actors whose consent some on-table issue needs (owners of on-table issues).
[[nodiscard]] std::vector<bool> veto_players(const IssueTable& table);

}  // namespace parley::bargaining
