#include "parley/bargaining/nash.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "parley/core/error.h"

namespace parley::bargaining {

std::string_view to_string(NashStatus status) noexcept {
  return status == NashStatus::kAgreement ? "agreement" : "no_bargaining_space";
}

void NashWorkspace::reserve(int actors, int issues) {
  if (actors <= actor_capacity_ && issues <= issue_capacity_) return;
  actor_capacity_ = std::max(actors, actor_capacity_);
  issue_capacity_ = std::max(issues, issue_capacity_);
  const int n = actor_capacity_;
  // Linear loss splits an issue at most at every actor's ideal point: N + 1 segments; +1 for the
  // phase-I variable t.
  const int m = issue_capacity_ * (n + 1) + 1;
  gradient_rows_.setZero(n, m);
  curvature_.setZero(n, m);
  jacobian_.setZero(n, m);
  for (auto* v : {&offset_, &slack_, &weight_, &inv_w_, &rhs_, &multiplier_}) v->setZero(n);
  for (auto* v : {&lower_, &upper_, &x_, &trial_x_, &grad_, &step_, &diag_, &linear_}) v->setZero(m);
  issue_of_.setZero(m);
  free_index_.setZero(m);
  small_.setZero(n, n);
  breakpoints_.reserve(static_cast<std::size_t>(n) + 2);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Relative size of the projected gradient at which a Newton solve counts as converged.
constexpr double kGradientTolerance = 1e-12;
// Levenberg term relative to the Gauss-Newton diagonal: with linear loss the Hessian has rank N
// in M > N variables; the term only shapes the path, never the fixed point (zero projected
// gradient).
constexpr double kRegularisation = 1e-9;
constexpr int kMaxNewtonSteps = 200;
// Predicted decreases of f below this share of |f| are rounding (f is a sum of logs computed to
// about 1e-16 each).
constexpr double kRoundingDecrease = 1e-13;

}  // namespace

// The solver proper; a friend of the workspace so that the scratch stays private.
struct NashSolverAccess {
  NashWorkspace& w;
  int rows = 0;  // actors in the problem (bargainers and constraint-only veto players)
  int vars = 0;  // variables y (phase II); phase I uses one more, t, at index vars
  int steps = 0;

  // s_i(x) into slack_, and f(x) = -lin.x - sum beta_i log s_i, +inf outside the domain.
  double objective(const Eigen::VectorXd& x, int nvar) {
    double f = 0.0;
    for (int k = 0; k < nvar; ++k) f -= w.linear_[k] * x[k];
    for (int i = 0; i < rows; ++i) {
      double s = w.offset_[i];
      for (int k = 0; k < nvar; ++k) {
        s += (w.gradient_rows_(i, k) - 0.5 * w.curvature_(i, k) * x[k]) * x[k];
      }
      w.slack_[i] = s;
    }
    for (int i = 0; i < rows; ++i) {
      if (!(w.slack_[i] > 0.0)) return kInf;
      f -= w.weight_[i] * std::log(w.slack_[i]);
    }
    return f;
  }

  // Projected Newton from w.x_ on the first nvar variables. In phase I (phase_one), returns as
  // soon as t = x[nvar-1] turns positive. Returns true on convergence or early exit.
  bool newton(int nvar, bool phase_one) {
    double f = objective(w.x_, nvar);
    if (!std::isfinite(f)) throw Error("nash_bargaining: internal error, start point outside the domain");
    for (int iteration = 0; iteration < kMaxNewtonSteps; ++iteration) {
      if (phase_one && w.x_[nvar - 1] > 0.0) return true;
      // Gradient of f and of each s_i.
      double pg_norm = 0.0;
      bool converged = true;
      for (int k = 0; k < nvar; ++k) {
        double g = -w.linear_[k];
        double scale = std::abs(w.linear_[k]);
        for (int i = 0; i < rows; ++i) {
          const double j = w.gradient_rows_(i, k) - w.curvature_(i, k) * w.x_[k];
          w.jacobian_(i, k) = j;
          const double q = w.weight_[i] / w.slack_[i];
          g -= q * j;
          scale += q * std::abs(j);
        }
        w.grad_[k] = g;
        const bool blocked = (w.x_[k] <= w.lower_[k] && g > 0.0) || (w.x_[k] >= w.upper_[k] && g < 0.0);
        if (!blocked && std::abs(g) > kGradientTolerance * scale) converged = false;
        const double projected = std::clamp(w.x_[k] - g, w.lower_[k], w.upper_[k]) - w.x_[k];
        pg_norm = std::max(pg_norm, std::abs(projected));
      }
      if (converged) return true;
      // Bertsekas's epsilon-active set: variables near a bound and pushed onto it are moved to
      // the bound; Newton acts on the rest.
      const double eps = std::min(1e-6, pg_norm);
      int free_count = 0;
      for (int i = 0; i < rows; ++i) w.inv_w_[i] = w.slack_[i] * w.slack_[i] / w.weight_[i];
      w.small_.topLeftCorner(rows, rows).setZero();
      w.rhs_.head(rows).setZero();
      for (int k = 0; k < nvar; ++k) {
        const double g = w.grad_[k];
        if ((w.x_[k] <= w.lower_[k] + eps && g > 0.0) || (w.x_[k] >= w.upper_[k] - eps && g < 0.0)) {
          w.step_[k] = g > 0.0 ? w.lower_[k] - w.x_[k] : w.upper_[k] - w.x_[k];
          continue;
        }
        double d = 0.0, gauss_newton = 0.0;
        for (int i = 0; i < rows; ++i) {
          d += w.weight_[i] / w.slack_[i] * w.curvature_(i, k);
          gauss_newton += w.jacobian_(i, k) * w.jacobian_(i, k) / w.inv_w_[i];
        }
        d += kRegularisation * gauss_newton + 1e-300;
        w.diag_[k] = d;
        w.free_index_[free_count++] = k;
        for (int a = 0; a < rows; ++a) {
          const double ja = w.jacobian_(a, k) / d;
          w.rhs_[a] += ja * g;
          for (int b = 0; b <= a; ++b) w.small_(a, b) += ja * w.jacobian_(b, k);
        }
      }
      for (int i = 0; i < rows; ++i) w.small_(i, i) += w.inv_w_[i];
      // Woodbury: (D + J^T W J)^{-1} g = D^{-1} (g - J^T m), m = (W^{-1} + J D^{-1} J^T)^{-1} J D^{-1} g.
      for (int a = 0; a < rows; ++a)
        for (int b = 0; b < a; ++b) w.small_(b, a) = w.small_(a, b);
      cholesky_solve_leading();
      for (int f_i = 0; f_i < free_count; ++f_i) {
        const int k = w.free_index_[f_i];
        double jm = 0.0;
        for (int i = 0; i < rows; ++i) jm += w.jacobian_(i, k) * w.multiplier_[i];
        w.step_[k] = -(w.grad_[k] - jm) / w.diag_[k];
      }
      // Projected Armijo search along the arc P(x + alpha p). In directions the regularised
      // Hessian barely curves (linear loss) the step can be huge; start it at a length the box
      // (or, for t, the current scale) can hold, instead of halving down from there.
      double alpha = 1.0;
      for (int k = 0; k < nvar; ++k) {
        const double room =
            std::isfinite(w.upper_[k] - w.lower_[k]) ? w.upper_[k] - w.lower_[k] : 1.0 + std::abs(w.x_[k]);
        if (std::abs(w.step_[k]) * alpha > room) alpha = room / std::abs(w.step_[k]);
      }
      bool accepted = false;
      for (int halving = 0; halving < 80; ++halving, alpha *= 0.5) {
        double descent = 0.0;
        for (int k = 0; k < nvar; ++k) {
          w.trial_x_[k] = std::clamp(w.x_[k] + alpha * w.step_[k], w.lower_[k], w.upper_[k]);
          descent += w.grad_[k] * (w.trial_x_[k] - w.x_[k]);
        }
        const double f_trial = objective(w.trial_x_, nvar);
        // A full step whose predicted decrease is below f's rounding cannot be judged by
        // comparing f: when the gains are tiny (a narrow bargaining space) the Hessian is huge,
        // the optimum lies a few hundred ulps away and f is flat to rounding there, so Armijo
        // would reject the step, a halved step would move nothing and the gradient test would
        // never pass. Such a step lies deep in Newton's region of quadratic convergence: take it.
        const bool below_rounding = alpha == 1.0 && -descent <= kRoundingDecrease * (1.0 + std::abs(f));
        // The last term forgives rounding once f has converged to machine precision.
        if ((below_rounding && std::isfinite(f_trial)) || f_trial <= f + 1e-4 * descent + 1e-15 * std::abs(f)) {
          accepted = true;
          f = f_trial;
          break;
        }
      }
      ++steps;
      if (!accepted) {
        // No decrease representable in floating point: converged if the Newton decrement
        // (the predicted decrease) is at rounding level, as happens when a constraint-only veto
        // player's slack is tiny and its barrier gradient carries rounding noise.
        double decrement = 0.0;
        for (int k = 0; k < nvar; ++k) decrement -= w.grad_[k] * w.step_[k];
        objective(w.x_, nvar);  // restore slack_ for the caller
        return decrement <= 1e-12 * (1.0 + std::abs(f));
      }
      // A full Newton step below rounding level moves nothing: the point is as good as doubles allow.
      double moved = 0.0;
      for (int k = 0; k < nvar; ++k) {
        moved = std::max(moved, std::abs(w.trial_x_[k] - w.x_[k]) / (1.0 + std::abs(w.x_[k])));
      }
      w.x_.head(nvar) = w.trial_x_.head(nvar);
      if (alpha == 1.0 && moved <= 1e-15) return true;  // (alpha < 1 would mean a damped step)
    }
    return false;
  }

  // Cholesky of the leading rows x rows block of small_, by hand so that nothing is allocated.
  void cholesky_solve_leading() {
    auto& a = w.small_;
    for (int j = 0; j < rows; ++j) {
      double d = a(j, j);
      for (int k = 0; k < j; ++k) d -= a(j, k) * a(j, k);
      if (!(d > 0.0)) throw Error("nash_bargaining: internal error, Newton system not positive definite");
      d = std::sqrt(d);
      a(j, j) = d;
      for (int i = j + 1; i < rows; ++i) {
        double s = a(i, j);
        for (int k = 0; k < j; ++k) s -= a(i, k) * a(j, k);
        a(i, j) = s / d;
      }
    }
    for (int i = 0; i < rows; ++i) {
      double s = w.rhs_[i];
      for (int k = 0; k < i; ++k) s -= a(i, k) * w.multiplier_[k];
      w.multiplier_[i] = s / a(i, i);
    }
    for (int i = rows - 1; i >= 0; --i) {
      double s = w.multiplier_[i];
      for (int k = i + 1; k < rows; ++k) s -= a(k, i) * w.multiplier_[k];
      w.multiplier_[i] = s / a(i, i);
    }
  }
};

void nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                     const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto,
                     NashWorkspace& workspace, NashResult& result) {
  const int n = table.actor_count();
  const int issues = table.issue_count();
  if (weight.size() != n || disagreement.size() != n || static_cast<int>(veto.size()) != n) {
    throw Error("nash_bargaining: weight, disagreement and veto need one entry per actor");
  }
  if (!disagreement.allFinite()) throw Error("nash_bargaining: disagreement must be finite");
  double total_weight = 0.0;
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(weight[i]) || weight[i] < 0.0) throw Error("nash_bargaining: weight must be finite and >= 0");
    total_weight += weight[i];
  }
  if (!(total_weight > 0.0)) throw Error("nash_bargaining: at least one actor needs a positive weight");

  workspace.reserve(n, issues);
  NashSolverAccess solver{workspace};
  auto& w = workspace;

  // Rows: bargainers, then constraint-only veto players. actor_of maps a row to its actor; it
  // reuses free_index_'s storage before the Newton phase needs it.
  int bargainers = 0;
  Eigen::VectorXi& actor_of = w.free_index_;
  for (int i = 0; i < n; ++i)
    if (weight[i] > 0.0) actor_of[bargainers++] = i;
  int rows = bargainers;
  for (int i = 0; i < n; ++i)
    if (weight[i] == 0.0 && veto[i]) actor_of[rows++] = i;
  solver.rows = rows;
  int actor_row[64];
  if (rows > 64) throw Error("nash_bargaining: at most 64 actors in one problem");
  for (int r = 0; r < rows; ++r) actor_row[r] = actor_of[r];

  // Compile the utilities into s_r(y) = offset_r + R_r y - 1/2 H_r y^2 (y: the variables).
  const int width = static_cast<int>(w.gradient_rows_.cols());
  w.gradient_rows_.topLeftCorner(rows, width).setZero();
  w.curvature_.topLeftCorner(rows, width).setZero();
  const bool linear = table.loss == LossShape::kLinear;
  int vars = 0;
  for (int r = 0; r < rows; ++r) w.offset_[r] = -disagreement[actor_row[r]];
  for (int k = 0; k < issues; ++k) {
    if (!table.on_table[k]) {
      for (int r = 0; r < rows; ++r) {
        const int i = actor_row[r];
        const double dist = std::abs(table.status_quo[k] - table.ideal_point(i, k));
        w.offset_[r] -= table.salience(i, k) * (linear ? dist : dist * dist);
      }
      continue;
    }
    if (!linear) {
      for (int r = 0; r < rows; ++r) {
        const int i = actor_row[r];
        const double s = table.salience(i, k), a = table.ideal_point(i, k);
        w.offset_[r] -= s * a * a;
        w.gradient_rows_(r, vars) = 2.0 * s * a;
        w.curvature_(r, vars) = 2.0 * s;
      }
      w.lower_[vars] = 0.0;
      w.upper_[vars] = 1.0;
      w.issue_of_[vars++] = k;
      continue;
    }
    auto& cuts = w.breakpoints_;
    cuts.clear();
    cuts.push_back(0.0);
    cuts.push_back(1.0);
    for (int r = 0; r < rows; ++r) cuts.push_back(table.ideal_point(actor_row[r], k));
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (int r = 0; r < rows; ++r) {
      const int i = actor_row[r];
      w.offset_[r] -= table.salience(i, k) * table.ideal_point(i, k);  // u at z_k = 0
    }
    for (std::size_t s = 1; s < cuts.size(); ++s) {
      for (int r = 0; r < rows; ++r) {
        const int i = actor_row[r];
        const double sal = table.salience(i, k);
        w.gradient_rows_(r, vars) = cuts[s] <= table.ideal_point(i, k) ? sal : -sal;
      }
      w.lower_[vars] = 0.0;
      w.upper_[vars] = cuts[s] - cuts[s - 1];
      w.issue_of_[vars++] = k;
    }
  }
  solver.vars = vars;

  result.deal.resize(issues);
  result.gain.resize(n);
  for (int k = 0; k < issues; ++k) result.deal[k] = table.status_quo[k];
  auto finish = [&](NashStatus status) {
    result.status = status;
    result.newton_steps = solver.steps;
    for (int i = 0; i < n; ++i) result.gain[i] = actor_utility(table, i, result.deal) - disagreement[i];
  };

  // Start: on each issue the bargainers' weight-and-salience-weighted mean ideal point (the
  // maximiser of sum alpha_i u_i under quadratic loss), moved a little into the box interior;
  // for linear loss its segments are filled in order. Phase I runs only if it is infeasible.
  for (int m = 0; m < vars;) {
    const int k = w.issue_of_[m];
    double num = 0.0, den = 0.0;
    for (int r = 0; r < bargainers; ++r) {
      const int i = actor_row[r];
      num += weight[i] * table.salience(i, k) * table.ideal_point(i, k);
      den += weight[i] * table.salience(i, k);
    }
    double remaining = std::clamp(den > 0.0 ? num / den : 0.5, 0.01, 0.99);
    for (; m < vars && w.issue_of_[m] == k; ++m) {
      const double length = w.upper_[m] - w.lower_[m];
      const double take = std::clamp(remaining, 0.01 * length, 0.99 * length);
      w.x_[m] = w.lower_[m] + take;
      remaining -= take;
    }
  }
  // Phase I: max t subject to s_r(y) >= t, by the barrier method.
  w.linear_.head(vars + 1).setZero();
  w.weight_.head(rows).setOnes();
  for (int r = 0; r < rows; ++r) {
    w.gradient_rows_(r, vars) = -1.0;
    w.curvature_(r, vars) = 0.0;
  }
  w.x_[vars] = 0.0;
  solver.objective(w.x_, vars);  // s_r at the start, with t = 0
  const double min_slack = w.slack_.head(rows).minCoeff();
  if (!(min_slack > 0.0)) {
    w.lower_[vars] = -kInf;
    w.upper_[vars] = kInf;
    w.x_[vars] = min_slack - 1.0;
    bool feasible = false;
    for (double mu = 1.0; mu > 1e-14; mu *= 0.1) {
      w.linear_[vars] = 1.0 / mu;
      const bool ok = solver.newton(vars + 1, true);
      if (w.x_[vars] > 0.0) {
        feasible = true;
        break;
      }
      // At a centred point the duality gap bounds the best t: t* <= t + rows * mu.
      if (ok && w.x_[vars] + rows * mu <= 0.0) break;
    }
    if (!feasible) {
      finish(NashStatus::kNoBargainingSpace);
      return;
    }
  }
  for (int r = 0; r < rows; ++r) w.gradient_rows_(r, vars) = 0.0;
  w.linear_.head(vars + 1).setZero();

  // Phase II: the Nash product, with constraint-only veto players behind a vanishing barrier.
  for (int r = 0; r < bargainers; ++r) w.weight_[r] = weight[actor_row[r]];
  bool converged = false;
  if (rows == bargainers) {
    converged = solver.newton(vars, false);
  } else {
    for (double tau = 1e-2 * total_weight; tau >= 1e-12 * total_weight; tau *= 1e-2) {
      for (int r = bargainers; r < rows; ++r) w.weight_[r] = tau;
      converged = solver.newton(vars, false);
    }
  }
  if (!converged)
    throw Error("nash_bargaining: Newton did not converge in " + std::to_string(kMaxNewtonSteps) + " steps");

  for (int m = 0; m < vars; ++m) {
    const int k = w.issue_of_[m];
    result.deal[k] = 0.0;
  }
  for (int m = 0; m < vars; ++m) result.deal[w.issue_of_[m]] += w.x_[m];
  for (int k = 0; k < issues; ++k) result.deal[k] = std::clamp(result.deal[k], 0.0, 1.0);
  finish(NashStatus::kAgreement);
}

NashResult nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                           const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto) {
  NashWorkspace workspace;
  NashResult result;
  nash_bargaining(table, weight, disagreement, veto, workspace, result);
  return result;
}

}  // namespace parley::bargaining
