// Asymmetric Nash bargaining over a multi-issue deal: a solution concept of docs/model.md 10-11.
//
// Where it sits: when talks open, the participants bargain over the on-table issues of an
// IssueTable (utility.h); their disagreement points are their (perceived) war values. The deal
//     z* = argmax_{z in box} sum_i alpha_i log(u_i(z) - d_i)
//          subject to u_i(z) >= d_i for every veto player,
// with off-table issues held at the status quo. Sources: Nash (1950), "The Bargaining Problem",
// Econometrica 18(2); the asymmetric (weighted) solution of Kalai (1977), "Nonsymmetric Nash
// solutions and replications of 2-person bargaining", Int. J. Game Theory 6(3), axiomatised by
// Roth (1979), "Axiomatic Models of Bargaining", Springer. Where no deal gives every participant
// a strict gain the status is "no_bargaining_space" (the phrase of 004_9e880688ebb75433.txt).
//
// Roles: an actor with weight alpha_i > 0 bargains and, because log needs u_i > d_i, holds a
// veto; an actor with alpha_i = 0 and veto[i] set only constrains (u_i >= d_i: an issue owner
// who is not at the table); any other actor is ignored.
//
// Method (specialised, allocation-free once the workspace has grown): the utilities are
// separable over issues and concave, so the problem is a smooth concave programme in variables
//   quadratic loss: y = z (one per issue);
//   linear loss:    y_ks = the part of z_k in the s-th segment between consecutive ideal
//                   points, y_ks in [0, segment length]; each u_i is affine in y. Filling
//                   segments in order maximises every u_i at once (slopes fall along an issue,
//                   because each u_i is concave in z_k), so the relaxation in y has the same
//                   optimal value and z_k = sum_s y_ks recovers an optimal deal.
// Phase I finds a strictly feasible point, or certifies that none exists, by the barrier method
// on max t s.t. u_i - d_i >= t (Boyd & Vandenberghe 2004, "Convex Optimization", 11.4; the
// duality gap at a centred point is (number of constraints) * mu). Phase II maximises the Nash
// product by projected Newton on the box (Bertsekas 1982, "Projected Newton methods for
// optimization problems with simple constraints", SIAM J. Control Optim. 20(2)); the Hessian is
// diagonal plus rank N, so each Newton step solves an N x N system (Woodbury identity).
// Constraint-only veto players enter phase II through a log barrier whose weight is driven to
// 1e-12 of the total weight, so a binding constraint holds with a slack of about 1e-12 times the
// ratio of that weight to the constraint's multiplier; in a space too narrow for that slack to be
// resolved, the solve ends at the last weight Newton centred (docs/model.md, Nash, choice 5).
//
// Linear loss, every veto player bargaining (the common case), is solved first through its dual:
// with s_i = a_i + R_i y and multipliers lambda_i = alpha_i / s_i, the dual function is
//   G(lambda) = sum_i alpha_i (log(alpha_i / lambda_i) - 1) + lambda.a + sum_m u_m max(0, c_m.lambda),
// c_m the m-th column of R and u_m the segment's length: N variables instead of one per
// segment, smooth but for the hinges max(0, .) (Boyd & Vandenberghe 2004, 5.2 and 5.5.3; the
// Eisenberg-Gale programme's dual has the same form). It is minimised by an active-set method
// (Nocedal & Wright 2006, "Numerical Optimization", 16.5, on G written with t_m >= 0,
// t_m >= c_m.lambda): Newton steps on the face where the hinges of a working set sit at their
// kinks, a ratio test that stops at the first hinge crossed and adds it, and a hinge dropped when
// its multiplier (the segment's fill y_m) leaves [0, u_m]. An unbounded dual proves that no deal
// gives every bargainer a gain: lambda >= 0 with max over the box of lambda.s(y) <= 0 is a Farkas
// certificate. The primal deal read off the optimum is accepted only after the KKT conditions
// of the original problem are checked on it (relative 1e-10); when they fail, or the dual
// iteration stalls or meets a degenerate face, the primal method above runs instead.
#pragma once

#include <Eigen/Dense>
#include <string_view>
#include <vector>

#include "parley/bargaining/utility.h"

namespace parley::bargaining {

enum class NashStatus {
  kAgreement,          // z* exists and every bargainer gains strictly
  kNoBargainingSpace,  // no deal in the box gives every bargainer a strict gain and every veto
                       // player at least its disagreement value
};

// "agreement" or "no_bargaining_space".
[[nodiscard]] std::string_view to_string(NashStatus status) noexcept;

// Which method produced a result: the dual active-set method (linear loss, every veto player
// bargaining) or the primal barrier and projected-Newton method (everything else, and the
// dual's fallback).
enum class NashMethod { kPrimal, kLinearDual };

struct NashResult {
  NashStatus status = NashStatus::kNoBargainingSpace;
  Eigen::VectorXd deal;  // K entries; off-table issues at the status quo; the status quo itself
                         // when there is no bargaining space
  Eigen::VectorXd gain;  // N entries: u_i(deal) - d_i (for every actor, bargainer or not)
  int newton_steps = 0;  // phase I and phase II together (with the dual's steps before a fallback)
  NashMethod method = NashMethod::kPrimal;
};

struct NashResult;
class NashWorkspace;
void nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                     const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto,
                     NashWorkspace& workspace, NashResult& result);

// Scratch space of the solver. Reuse one per thread: after the first solve of a given size
// (actors, issues) a solve allocates nothing.
class NashWorkspace {
 public:
  NashWorkspace() = default;

 private:
  friend struct NashSolverAccess;
  friend void nash_bargaining(const IssueTable&, const Eigen::Ref<const Eigen::VectorXd>&,
                              const Eigen::Ref<const Eigen::VectorXd>&, const std::vector<bool>&, NashWorkspace&,
                              NashResult&);
  void reserve(int actors, int issues);
  int actor_capacity_ = 0, issue_capacity_ = 0;
  Eigen::MatrixXd gradient_rows_;  // N x M: affine part of s_i(y) = a_i + R_i y - 1/2 H_i y^2
  Eigen::MatrixXd curvature_;      // N x M: H_i (diagonal curvature)
  Eigen::MatrixXd jacobian_;       // N x M: gradient of s_i at the current point
  Eigen::VectorXd offset_, slack_, weight_, lower_, upper_, x_, trial_x_, grad_, step_, diag_, linear_, inv_w_, rhs_,
      multiplier_;
  Eigen::VectorXd last_centre_;  // the last barrier centre phase II found (constraint-only veto players)
  Eigen::VectorXi issue_of_, free_index_;
  // The dual method for linear loss. Per row: multipliers, their Newton step, the offset with
  // every segment that all rows want full folded in, the face's offset, gradient and inverse
  // curvature. Per segment: its hinge (-1 if none) and its column's scale against the hinge's.
  // Per hinge: its first segment, that column's first nonzero row and signs (with 8 rows or
  // fewer), fill range, side (+1, -1, 0 on the kink), final fill, value c_g.lambda at the
  // current multipliers and rate c_g.p along their step.
  Eigen::VectorXd dual_, dual_step_, dual_offset_, face_offset_, face_gradient_, inverse_curvature_;
  Eigen::VectorXd segment_scale_, hinge_low_, hinge_high_, hinge_fill_, hinge_at_dual_, hinge_rate_;
  Eigen::MatrixXd hinge_coefficients_;  // M x N: row g is hinge g's column c_g
  Eigen::VectorXi segment_group_, hinge_, hinge_pivot_, hinge_signs_, hinge_state_, working_set_;
  Eigen::MatrixXd small_;   // N x N Woodbury system
  Eigen::VectorXd packed_;  // its upper triangle, packed, while it is summed (N > 4)
};

// Solves the problem above. `weight` (alpha, >= 0) and `disagreement` (d) have one entry per
// actor; `veto` one flag per actor. Throws parley::Error on inconsistent shapes, on a negative
// or non-finite weight, or when no actor has a positive weight.
void nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                     const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto,
                     NashWorkspace& workspace, NashResult& result);

// Convenience form that allocates its own workspace and result.
[[nodiscard]] NashResult nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                                         const Eigen::Ref<const Eigen::VectorXd>& disagreement,
                                         const std::vector<bool>& veto);

}  // namespace parley::bargaining
