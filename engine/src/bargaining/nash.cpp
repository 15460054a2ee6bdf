#include "parley/bargaining/nash.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
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
  for (auto* v : {&offset_, &slack_, &weight_, &inv_w_, &rhs_, &multiplier_, &dual_, &dual_step_, &dual_offset_,
                  &face_offset_, &face_gradient_, &inverse_curvature_})
    v->setZero(n);
  for (auto* v : {&lower_, &upper_, &x_, &trial_x_, &grad_, &step_, &diag_, &linear_}) v->setZero(m);
  issue_of_.setZero(m);
  free_index_.setZero(m);
  for (auto* v : {&segment_scale_, &hinge_low_, &hinge_high_, &hinge_fill_}) v->setZero(m);
  for (auto* v : {&segment_group_, &hinge_, &hinge_state_}) v->setZero(m);
  working_set_.setZero(n);
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
// The dual method for linear loss: iteration cap before the primal method takes over; the
// relative Newton step at which a face counts as solved (one more full step follows); the step
// below which the fills are accurate enough to drop a hinge from the working set; how far a
// segment's fill may stray outside [0, u] (relative to u) at a solved face; and the KKT
// tolerance the primal deal read off the dual must meet.
constexpr int kMaxDualSteps = 80;
constexpr double kDualStepTolerance = 1e-9;
constexpr double kDualEarlyDropStep = 0.1;
constexpr double kFillTolerance = 1e-12;
constexpr double kDualKktTolerance = 1e-10;

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
      if (!cholesky_solve_leading(rows))
        throw Error("nash_bargaining: internal error, Newton system not positive definite");
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

  // Solves the leading size x size block of small_ (symmetric positive definite) against rhs_
  // into multiplier_ by Cholesky, by hand so that nothing is allocated. Returns false when a
  // pivot falls to `min_pivot` times its diagonal entry or below (a singular system).
  bool cholesky_solve_leading(int size, double min_pivot = 0.0) {
    auto& a = w.small_;
    for (int j = 0; j < size; ++j) {
      double d = a(j, j);
      const double diagonal = d;
      for (int k = 0; k < j; ++k) d -= a(j, k) * a(j, k);
      if (!(d > min_pivot * diagonal)) return false;
      d = std::sqrt(d);
      a(j, j) = d;
      for (int i = j + 1; i < size; ++i) {
        double s = a(i, j);
        for (int k = 0; k < j; ++k) s -= a(i, k) * a(j, k);
        a(i, j) = s / d;
      }
    }
    for (int i = 0; i < size; ++i) {
      double s = w.rhs_[i];
      for (int k = 0; k < i; ++k) s -= a(i, k) * w.multiplier_[k];
      w.multiplier_[i] = s / a(i, i);
    }
    for (int i = size - 1; i >= 0; --i) {
      double s = w.multiplier_[i];
      for (int k = i + 1; k < size; ++k) s -= a(k, i) * w.multiplier_[k];
      w.multiplier_[i] = s / a(i, i);
    }
    return true;
  }

  // The dual active-set method for linear loss (header). Every row bargains, with weight_ its
  // alpha; the segments are compiled and x_ holds the start. Returns kAgreement with an optimal
  // y in x_, kNoBargainingSpace with a Farkas certificate found, or nothing: then the primal
  // method must run.
  std::optional<NashStatus> linear_dual() {
    const int n = rows, m = vars;
    const auto& R = w.gradient_rows_;
    auto& lambda = w.dual_;
    auto& p = w.dual_step_;
    // Start from the multipliers of the primal start point, with each gain floored at a share
    // of the largest (the start may not be feasible; only the scale matters).
    objective(w.x_, m);
    const double floor = std::max(1e-3, 0.3 * w.slack_.head(n).maxCoeff());
    for (int r = 0; r < n; ++r) lambda[r] = w.weight_[r] / std::max(w.slack_[r], floor);
    // Segments every row wants full (no negative slope) are full at the optimum, those no row
    // wants are empty; the others split the rows and become hinges of the dual. Segments whose
    // columns are parallel (c_k = gamma c_g, as when two issues divide the rows alike) kink
    // together, so they form one hinge max(low h, high h), h = c_g.lambda, whose fill F in
    // [low, high] is shared out afterwards: high sums gamma u_k over gamma > 0, low over gamma < 0.
    w.dual_offset_.head(n) = w.offset_.head(n);
    int hinges = 0;
    for (int k = 0; k < m; ++k) {
      bool up = false, down = false;
      for (int r = 0; r < n; ++r) {
        up = up || R(r, k) > 0.0;
        down = down || R(r, k) < 0.0;
      }
      if (!(up && down)) {
        w.segment_group_[k] = -1;
        w.x_[k] = up ? w.upper_[k] : 0.0;
        if (up) w.dual_offset_.head(n) += w.upper_[k] * R.col(k).head(n);
        continue;
      }
      int group = -1;
      double gamma = 1.0;
      for (int g = 0; g < hinges && group < 0; ++g) {
        const int base = w.hinge_[g];
        int pivot = 0;
        while (R(pivot, base) == 0.0) ++pivot;
        gamma = R(pivot, k) / R(pivot, base);
        bool parallel = gamma != 0.0;
        for (int r = 0; r < n && parallel; ++r)
          parallel = std::abs(R(r, k) - gamma * R(r, base)) <= 1e-14 * std::abs(R(r, k));
        if (parallel) group = g;
      }
      if (group < 0) {
        group = hinges++;
        gamma = 1.0;
        w.hinge_[group] = k;
        w.hinge_low_[group] = 0.0;
        w.hinge_high_[group] = 0.0;
      }
      (gamma > 0.0 ? w.hinge_high_[group] : w.hinge_low_[group]) += gamma * w.upper_[k];
      w.segment_group_[k] = group;
      w.segment_scale_[k] = gamma;
    }
    const auto hinge_value = [&](int g, const Eigen::VectorXd& v) {
      double h = 0.0;
      for (int r = 0; r < n; ++r) h += R(r, w.hinge_[g]) * v[r];
      return h;
    };
    auto& state = w.hinge_state_;  // +1: h > 0 side (fill high), -1: h < 0 side (fill low), 0: on the kink
    for (int g = 0; g < hinges; ++g) state[g] = hinge_value(g, lambda) >= 0.0 ? 1 : -1;
    int working = 0;           // hinges on their kinks: w.working_set_[0, working)
    auto& nu = w.multiplier_;  // their fills (the face's multipliers)
    bool converged = false;
    for (int iteration = 0; iteration < kMaxDualSteps && !converged; ++iteration) {
      ++steps;
      // The face's objective -sum alpha log lambda + b.lambda, b the offset with each hinge off
      // its kink at the fill of its side.
      auto& b = w.face_offset_;
      b.head(n) = w.dual_offset_.head(n);
      // Farkas: lambda >= 0 and max over the box of lambda.s(y) <= 0 means no y gives every row
      // a gain; the dual is unbounded along lambda.
      double best_pairing = w.dual_offset_.head(n).dot(lambda.head(n));
      for (int g = 0; g < hinges; ++g) {
        const double h = hinge_value(g, lambda);
        best_pairing += std::max(w.hinge_low_[g] * h, w.hinge_high_[g] * h);
        if (state[g] != 0)
          b.head(n) += (state[g] == 1 ? w.hinge_high_[g] : w.hinge_low_[g]) * R.col(w.hinge_[g]).head(n);
      }
      if (best_pairing <= 0.0) return NashStatus::kNoBargainingSpace;
      for (int r = 0; r < n; ++r) {
        w.face_gradient_[r] = b[r] - w.weight_[r] / lambda[r];
        w.inverse_curvature_[r] = lambda[r] * lambda[r] / w.weight_[r];
      }
      // Newton on the face {c_g.lambda = 0, g in the working set}: the Schur complement of the
      // diagonal Hessian gives the fills nu, then the step p.
      for (int a = 0; a < working; ++a) {
        const int ka = w.hinge_[w.working_set_[a]];
        double rhs = 0.0;
        for (int r = 0; r < n; ++r) rhs -= R(r, ka) * w.inverse_curvature_[r] * w.face_gradient_[r];
        w.rhs_[a] = rhs;
        for (int c = 0; c <= a; ++c) {
          const int kc = w.hinge_[w.working_set_[c]];
          double s = 0.0;
          for (int r = 0; r < n; ++r) s += R(r, ka) * w.inverse_curvature_[r] * R(r, kc);
          w.small_(a, c) = s;
          w.small_(c, a) = s;
        }
      }
      // Kinks that depend on each other otherwise than in parallel are left to the primal method.
      if (working > 0 && !cholesky_solve_leading(working, 1e-12)) return std::nullopt;
      double relative_step = 0.0;
      for (int r = 0; r < n; ++r) {
        double g = w.face_gradient_[r];
        for (int a = 0; a < working; ++a) g += R(r, w.hinge_[w.working_set_[a]]) * nu[a];
        p[r] = -w.inverse_curvature_[r] * g;
        relative_step = std::max(relative_step, std::abs(p[r]) / lambda[r]);
      }
      if (relative_step <= kDualEarlyDropStep) {
        // Near the face's optimum, a fill clearly outside its hinge's range (by more than the
        // step suggests the estimate can still move) puts the hinge on one side: leave the face
        // now rather than solve it exactly. A wrong guess is undone by the ratio test.
        int drop = -1;
        double worst = std::max(kFillTolerance, relative_step);
        for (int a = 0; a < working; ++a) {
          const int g = w.working_set_[a];
          const double outside =
              std::max(w.hinge_low_[g] - nu[a], nu[a] - w.hinge_high_[g]) / (w.hinge_high_[g] - w.hinge_low_[g]);
          if (outside > worst) {
            worst = outside;
            drop = a;
          }
        }
        if (drop < 0 && relative_step <= kDualStepTolerance) {
          // Newton's quadratic convergence: this last step brings the error to about its square,
          // below rounding, which an Armijo test could no longer resolve.
          lambda.head(n) += p.head(n);
          converged = true;
          break;
        }
        if (drop >= 0) {
          state[w.working_set_[drop]] = nu[drop] < w.hinge_low_[w.working_set_[drop]] ? -1 : 1;
          w.working_set_[drop] = w.working_set_[working - 1];
          nu[drop] = nu[working - 1];
          --working;
          continue;
        }
      }
      // Step length: stay inside lambda > 0, stop at the first hinge crossed, then Armijo.
      double t = 1.0;
      for (int r = 0; r < n; ++r)
        if (p[r] < 0.0) t = std::min(t, 0.99 * lambda[r] / -p[r]);
      int blocking = -1;
      for (int g = 0; g < hinges; ++g) {
        if (state[g] == 0) continue;
        const double rate = hinge_value(g, p);
        if (state[g] * rate >= 0.0) continue;
        const double crossing = std::max(0.0, -hinge_value(g, lambda) / rate);
        if (crossing < t) {
          t = crossing;
          blocking = g;
        }
      }
      const auto face_objective = [&](double step) {
        double f = 0.0;
        for (int r = 0; r < n; ++r) {
          const double l = lambda[r] + step * p[r];
          f += b[r] * l - w.weight_[r] * std::log(l);
        }
        return f;
      };
      double slope = 0.0;
      for (int r = 0; r < n; ++r) slope += w.face_gradient_[r] * p[r];
      const double f0 = face_objective(0.0);
      while (t > 0.0 && !(face_objective(t) <= f0 + 1e-4 * t * slope + 1e-15 * std::abs(f0))) {
        t *= 0.5;
        blocking = -1;
        if (t < 1e-20) return std::nullopt;  // no descent representable: let the primal method decide
      }
      lambda.head(n) += t * p.head(n);
      if (blocking >= 0) {
        if (working == n) return std::nullopt;  // more kinks than rows: degenerate
        state[blocking] = 0;
        w.working_set_[working] = blocking;
        nu[working++] = 0.0;
      }
    }
    if (!converged) return std::nullopt;
    // The primal deal. Each hinge's fill F: its side's end, or nu on the kink; F >= 0 fills its
    // parallel segments (gamma > 0) in order, F < 0 its opposite ones.
    for (int g = 0; g < hinges; ++g) w.hinge_fill_[g] = state[g] == 1 ? w.hinge_high_[g] : w.hinge_low_[g];
    for (int a = 0; a < working; ++a) {
      const int g = w.working_set_[a];
      w.hinge_fill_[g] = std::clamp(nu[a], w.hinge_low_[g], w.hinge_high_[g]);
    }
    for (int k = 0; k < m; ++k) {
      const int g = w.segment_group_[k];
      if (g < 0) continue;
      const double gamma = w.segment_scale_[k];
      double& remaining = w.hinge_fill_[g];
      w.x_[k] = 0.0;
      if ((remaining > 0.0) == (gamma > 0.0) && remaining != 0.0) {
        w.x_[k] = std::min(w.upper_[k], remaining / gamma);
        remaining -= gamma * w.x_[k];
      }
    }
    // Certify it on the original problem: every gain positive and, with lambda_i = alpha_i / s_i,
    // no segment's fill can move in a direction that raises sum alpha_i log s_i.
    if (!std::isfinite(objective(w.x_, m))) return std::nullopt;
    for (int k = 0; k < m; ++k) {
      double slope_k = 0.0, scale = 0.0;
      for (int r = 0; r < n; ++r) {
        const double q = w.weight_[r] / w.slack_[r];
        slope_k += q * R(r, k);
        scale += q * std::abs(R(r, k));
      }
      if (w.x_[k] < w.upper_[k] && slope_k > kDualKktTolerance * scale) return std::nullopt;
      if (w.x_[k] > 0.0 && slope_k < -kDualKktTolerance * scale) return std::nullopt;
    }
    return NashStatus::kAgreement;
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
  // z_k is the sum of its segments (linear loss) or its one variable.
  const auto assemble_deal = [&] {
    for (int m = 0; m < vars; ++m) result.deal[w.issue_of_[m]] = 0.0;
    for (int m = 0; m < vars; ++m) result.deal[w.issue_of_[m]] += w.x_[m];
    for (int k = 0; k < issues; ++k) result.deal[k] = std::clamp(result.deal[k], 0.0, 1.0);
  };
  result.method = NashMethod::kPrimal;
  auto finish = [&](NashStatus status) {
    result.status = status;
    result.newton_steps = solver.steps;
    for (int i = 0; i < n; ++i) result.gain[i] = actor_utility(table, i, result.deal) - disagreement[i];
  };

  // Start: on each issue the bargainers' weight-and-salience-weighted mean ideal point (the
  // maximiser of sum alpha_i u_i under quadratic loss), moved a little into the box interior;
  // for linear loss its segments are filled in order. Phase I runs only if it is infeasible.
  const auto set_start = [&] {
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
  };
  set_start();

  if (linear && rows == bargainers) {
    for (int r = 0; r < rows; ++r) w.weight_[r] = weight[actor_row[r]];
    if (const auto status = solver.linear_dual()) {
      result.method = NashMethod::kLinearDual;
      if (*status == NashStatus::kNoBargainingSpace) {
        finish(NashStatus::kNoBargainingSpace);
        return;
      }
      assemble_deal();
      finish(NashStatus::kAgreement);
      return;
    }
    // The primal method starts afresh from the start point.
    set_start();
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

  assemble_deal();
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
