#include "parley/bargaining/nash.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

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
  for (auto* v : {&lower_, &upper_, &x_, &trial_x_, &grad_, &step_, &diag_, &linear_, &last_centre_}) v->setZero(m);
  issue_of_.setZero(m);
  free_index_.setZero(m);
  for (auto* v : {&segment_scale_, &hinge_low_, &hinge_high_, &hinge_fill_, &hinge_at_dual_, &hinge_rate_})
    v->setZero(m);
  hinge_coefficients_.setZero(m, n);
  for (auto* v : {&segment_group_, &hinge_, &hinge_pivot_, &hinge_signs_, &hinge_state_}) v->setZero(m);
  working_set_.setZero(n);
  small_.setZero(n, n);
  packed_.setZero(n * (n + 1) / 2);
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
// Actors in one problem: the solver's per-row scratch lives on the stack.
constexpr int kMaxRows = 64;
// Variables the Armijo search takes in pairs (the rest one by one).
constexpr int kMaxArmijoPairs = 16;

// Checks the shapes and weights of a problem; returns the weights' sum.
double checked_total_weight(int n, const Eigen::Ref<const Eigen::VectorXd>& weight,
                            const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto) {
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
  return total_weight;
}

// Column k of a column-major workspace matrix (rows: the capacity in actors).
double* column(Eigen::MatrixXd& m, Eigen::Index k) {
  return m.data() + k * m.rows();
}

// Two rows' doubles in one vector register (SSE2 on x86-64; GCC and Clang lower it to scalar
// code where there is none). With an even fixed row count the hot loops take the rows in pairs:
// each lane does exactly the scalar operation on its row, and the sums over rows still add
// lane by lane in row order, so the results keep their bits.
using Pair = double __attribute__((vector_size(16)));

template <int R>
constexpr bool kPairedRows = R > 0 && R % 2 == 0;

Pair load_pair(const double* p) {
  Pair v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store_pair(double* p, Pair v) {
  std::memcpy(p, &v, sizeof v);
}

Pair broadcast(double x) {
  return Pair{x, x};
}

}  // namespace

// The solver proper; a friend of the workspace so that the scratch stays private. The hot loops
// index raw arrays (__restrict where they never overlap) rather than the workspace's Eigen
// objects: every access through `w` reloaded its data pointer and stride, about half the
// instructions of a solve (callgrind on the bench's problems). Each sum still adds its terms in
// the order it always did, so that the results keep their bits.
struct NashSolverAccess {
  explicit NashSolverAccess(NashWorkspace& workspace) : w(workspace) {}

  NashWorkspace& w;
  int rows = 0;        // actors in the problem (bargainers and constraint-only veto players)
  int bargainers = 0;  // the first rows; the others are constraint-only veto players
  int vars = 0;        // variables y (phase II); phase I uses one more, t, at index vars
  int steps = 0;
  int actor_row[kMaxRows];  // the actor of each row
  // beta_i / s_i at the current point of the primal method (projected_gradient sets it,
  // newton_direction reuses it).
  double barrier_slope[kMaxRows];
  // log s_i at the last point objective_rows evaluated in full (when newton returns: at x_).
  double log_slack[kMaxRows];
  // The dual method: hinges compiled, and how many of them sit on their kinks (working_set_);
  // log lambda_r at the current multipliers (once log_dual_valid) and at a trial step.
  int hinges = 0;
  int working = 0;
  bool log_dual_valid = false;
  // Whether face_offset_ holds b for the hinges' current sides.
  bool face_offset_valid = false;
  double log_dual[kMaxRows], trial_log[kMaxRows];

  // Calls body(std::integral_constant<int, R>{}) with R the row count where it is one the
  // solver has fixed-size loops for (the compiler unrolls them and keeps each row's sums in
  // registers: about half the instructions of a 4 x 5 solve), R = 0 (loops over `rows`) otherwise.
  template <class Body>
  decltype(auto) with_fixed_rows(Body&& body) const {
    switch (rows) {
      case 2:
        return body(std::integral_constant<int, 2>{});
      case 3:
        return body(std::integral_constant<int, 3>{});
      case 4:
        return body(std::integral_constant<int, 4>{});
      default:
        return body(std::integral_constant<int, 0>{});
    }
  }
  template <int R>
  int row_count() const {
    return R > 0 ? R : rows;
  }

  // s_i(x) into slack_ (where only the slacks are wanted, not f and its logs).
  void slacks(const Eigen::VectorXd& x, int nvar) {
    with_fixed_rows([&](auto r) { slacks_rows<decltype(r)::value>(x.data(), nvar); });
  }

  template <int R>
  void slacks_rows(const double* __restrict xs, int nvar) {
    const int n = row_count<R>();
    double* __restrict slack = w.slack_.data();
    if constexpr (kPairedRows<R>) {
      Pair s[R / 2];
      for (int h = 0; h < R / 2; ++h) s[h] = load_pair(w.offset_.data() + 2 * h);
      const Eigen::Index stride = w.gradient_rows_.rows();  // the coefficient matrices' shared one
      const double* __restrict gradient = w.gradient_rows_.data();
      const double* __restrict curvature = w.curvature_.data();
      for (int k = 0; k < nvar; ++k, gradient += stride, curvature += stride) {
        const Pair xk = broadcast(xs[k]);
        for (int h = 0; h < R / 2; ++h)
          s[h] += (load_pair(gradient + 2 * h) - broadcast(0.5) * load_pair(curvature + 2 * h) * xk) * xk;
      }
      for (int h = 0; h < R / 2; ++h) store_pair(slack + 2 * h, s[h]);
      return;
    }
    // Issue by issue, for every row at once: each s_i still adds its issues in order.
    double s[R > 0 ? R : kMaxRows];
    for (int i = 0; i < n; ++i) s[i] = w.offset_[i];
    for (int k = 0; k < nvar; ++k) {
      const double* __restrict gradient = column(w.gradient_rows_, k);
      const double* __restrict curvature = column(w.curvature_, k);
      const double xk = xs[k];
      for (int i = 0; i < n; ++i) s[i] += (gradient[i] - 0.5 * curvature[i] * xk) * xk;
    }
    for (int i = 0; i < n; ++i) slack[i] = s[i];
  }

  // s_i(x) into slack_, and f(x) = -lin.x - sum beta_i log s_i, +inf outside the domain; the
  // logs are kept in log_slack. The caller may promise lin_k = 0 below first_linear: those terms
  // leave f at +0 (x is finite in the box, and a NaN x makes the slacks NaN and f +inf), so they
  // are skipped.
  template <int R>
  double objective_rows(const Eigen::VectorXd& x, int nvar, int first_linear = 0) {
    slacks_rows<R>(x.data(), nvar);
    return objective_from_logs<R>(x.data(), nvar, first_linear, false);
  }

  // f from slack_ (which must be s(x)), taking log s_i from log_slack where `logs_known` (they
  // are the logs of these very slacks), else computing them into it.
  template <int R>
  double objective_from_logs(const double* __restrict xs, int nvar, int first_linear, bool logs_known) {
    const int n = row_count<R>();
    const double* __restrict linear = w.linear_.data();
    const double* __restrict slack = w.slack_.data();
    double f = 0.0;
    for (int k = first_linear; k < nvar; ++k) f -= linear[k] * xs[k];
    const double* __restrict weight = w.weight_.data();
    // Every slack tested before any log is taken, so that the logs' calls run back to back.
    for (int i = 0; i < n; ++i)
      if (!(slack[i] > 0.0)) return kInf;
    if (!logs_known)
      for (int i = 0; i < n; ++i) log_slack[i] = std::log(slack[i]);
    for (int i = 0; i < n; ++i) f -= weight[i] * log_slack[i];
    return f;
  }

  // ---- The primal method: projected Newton on f.

  // Projected Newton from w.x_ on the first nvar variables. In phase I (phase_one), returns as
  // soon as t = x[nvar-1] turns positive. Returns true on convergence or early exit.
  // `resume`: x_ and the variables are those the last call returned with, only lin has changed;
  // slack_ and log_slack still hold s(x_) and their logs, which f then reuses.
  bool newton(int nvar, bool phase_one, bool resume = false) {
    return with_fixed_rows([&](auto r) { return newton_rows<decltype(r)::value>(nvar, phase_one, resume); });
  }

  template <int R>
  bool newton_rows(int nvar, bool phase_one, bool resume) {
    // Only phase I's t has a linear term (find_feasible_point zeroes the others).
    const int first_linear = phase_one ? nvar - 1 : nvar;
    double f = resume ? objective_from_logs<R>(w.x_.data(), nvar, first_linear, true)
                      : objective_rows<R>(w.x_, nvar, first_linear);
    if (!std::isfinite(f)) throw Error("nash_bargaining: internal error, start point outside the domain");
    double* __restrict x = w.x_.data();
    const double* __restrict trial_x = w.trial_x_.data();
    for (int iteration = 0; iteration < kMaxNewtonSteps; ++iteration) {
      if (phase_one && x[nvar - 1] > 0.0) return true;
      const GradientTest gradient = projected_gradient<R>(nvar);
      if (gradient.converged) return true;
      newton_direction<R>(nvar, gradient.largest_projected);
      const ArmijoStep step = projected_armijo<R>(nvar, first_linear, step_length_the_box_holds(nvar), f);
      ++steps;
      if (!step.accepted) return newton_decrement_at_rounding<R>(nvar, first_linear, f);
      f = step.f;
      // A full Newton step below rounding level moves nothing: the point is as good as doubles allow.
      const bool full_step_at_rounding = step.alpha == 1.0 && moved_at_most(nvar, 1e-15);
      for (int k = 0; k < nvar; ++k) x[k] = trial_x[k];
      if (full_step_at_rounding) return true;  // (alpha < 1 would mean a damped step)
    }
    return false;
  }

  struct GradientTest {
    bool converged;            // no free variable has a gradient above tolerance
    double largest_projected;  // the projected gradient's largest entry
  };

  // Gradient of f into grad_ and of each s_i into jacobian_, at x_. (Results are returned, not
  // written through references, so that they stay in registers.)
  template <int R>
  GradientTest projected_gradient(int nvar) {
    const int n = row_count<R>();
    const double* __restrict x = w.x_.data();
    const double* __restrict linear = w.linear_.data();
    const double* __restrict lower = w.lower_.data();
    const double* __restrict upper = w.upper_.data();
    double* __restrict q = barrier_slope;
    for (int i = 0; i < n; ++i) q[i] = w.weight_[i] / w.slack_[i];
    double pg_norm = 0.0;
    bool converged = true;
    const Eigen::Index stride = w.gradient_rows_.rows();  // the coefficient matrices' shared one
    const double* __restrict gradient = w.gradient_rows_.data();
    const double* __restrict curvature = w.curvature_.data();
    double* __restrict jacobian = w.jacobian_.data();
    for (int k = 0; k < nvar; ++k, gradient += stride, curvature += stride, jacobian += stride) {
      const double xk = x[k];
      // The products row by row first (in pairs of rows where the count allows), then each sum
      // in its order.
      double slope[R > 0 ? R : kMaxRows];
      if constexpr (kPairedRows<R>) {
        for (int i = 0; i < R; i += 2) {
          const Pair j = load_pair(gradient + i) - load_pair(curvature + i) * broadcast(xk);
          store_pair(jacobian + i, j);
          store_pair(slope + i, load_pair(q + i) * j);
        }
      } else {
        for (int i = 0; i < n; ++i) {
          const double j = gradient[i] - curvature[i] * xk;
          jacobian[i] = j;
          slope[i] = q[i] * j;
        }
      }
      double g = -linear[k];
      for (int i = 0; i < n; ++i) g -= slope[i];
      w.grad_[k] = g;
      // Once one variable fails the test the others' scales are not needed.
      if (converged) {
        const bool blocked = (xk <= lower[k] && g > 0.0) || (xk >= upper[k] && g < 0.0);
        if (!blocked && std::abs(g) > kGradientTolerance * gradient_scale<R>(k)) converged = false;
      }
      const double projected = std::clamp(xk - g, lower[k], upper[k]) - xk;
      pg_norm = std::max(pg_norm, std::abs(projected));
    }
    return {converged, pg_norm};
  }

  // The size |lin_k| + sum_i beta_i / s_i |ds_i/dx_k| of variable k's gradient terms, from
  // projected_gradient's Jacobian column and beta_i / s_i.
  template <int R>
  double gradient_scale(int k) const {
    const double* __restrict jacobian = column(w.jacobian_, k);
    double scale = std::abs(w.linear_[k]);
    for (int i = 0; i < row_count<R>(); ++i) scale += barrier_slope[i] * std::abs(jacobian[i]);
    return scale;
  }

  // The Newton step into step_. Bertsekas's epsilon-active set: variables near a bound and
  // pushed onto it are moved to the bound; Newton acts on the rest. Forced inline: called out of
  // line, the primal method ran about 3% more instructions (callgrind on the bench's problems).
  template <int R>
  [[gnu::always_inline]] void newton_direction(int nvar, double pg_norm) {
    const int n = row_count<R>();
    const double eps = std::min(1e-6, pg_norm);
    // The Woodbury system W^{-1} + J D^{-1} J^T (its upper triangle: column j's rows 0..j from
    // column(j)) and its right-hand side J D^{-1} g, on the stack when the row count is fixed.
    constexpr int kFixed = R > 0 ? R : 1;
    double full_fixed[kFixed * kFixed], packed_fixed[kFixed * (kFixed + 1) / 2], rhs_fixed[kFixed];
    double* __restrict rhs = R > 0 ? rhs_fixed : w.rhs_.data();
    double* __restrict system = kPairedRows<R> ? full_fixed : R > 0 ? packed_fixed : w.packed_.data();
    const auto column_of = [system](int j) { return kPairedRows<R> ? system + j * R : system + j * (j + 1) / 2; };
    int free_count = 0;
    if constexpr (kPairedRows<R>)
      free_count = newton_system_paired<R>(nvar, eps, system, rhs);
    else
      free_count = newton_system<R>(nvar, eps, system, rhs);
    // Woodbury: (D + J^T W J)^{-1} g = D^{-1} (g - J^T m), m = (W^{-1} + J D^{-1} J^T)^{-1} J D^{-1} g.
    double* __restrict m = w.multiplier_.data();
    if (!cholesky_solve<R>(n, column_of, rhs, m))
      throw Error("nash_bargaining: internal error, Newton system not positive definite");
    const double* __restrict grad = w.grad_.data();
    const double* __restrict diag = w.diag_.data();
    double* __restrict step = w.step_.data();
    for (int f_i = 0; f_i < free_count; ++f_i) {
      const int k = w.free_index_[f_i];
      const double* __restrict jacobian = column(w.jacobian_, k);
      double jm = 0.0;
      for (int i = 0; i < n; ++i) jm += jacobian[i] * m[i];
      step[k] = -(grad[k] - jm) / diag[k];
    }
  }

  // Whether variable k is held at a bound this step (then its step, to the bound, is written).
  [[gnu::always_inline]] bool held_at_bound(int k, double eps) {
    const double g = w.grad_[k], xk = w.x_[k], lower = w.lower_[k], upper = w.upper_[k];
    if ((xk <= lower + eps && g > 0.0) || (xk >= upper - eps && g < 0.0)) {
      w.step_[k] = g > 0.0 ? lower - xk : upper - xk;
      return true;
    }
    return false;
  }

  // The Woodbury system, packed column by column into `packed`, and its right-hand side; the
  // free variables into free_index_ with their diagonal in diag_. Returns their count.
  template <int R>
  [[gnu::always_inline]] int newton_system(int nvar, double eps, double* __restrict packed, double* __restrict rhs) {
    const int n = row_count<R>();
    const double* __restrict q = barrier_slope;
    double inv_w_fixed[R > 0 ? R : 1];
    double* __restrict inv_w = R > 0 ? inv_w_fixed : w.inv_w_.data();
    for (int i = 0; i < n; ++i) inv_w[i] = w.slack_[i] * w.slack_[i] / w.weight_[i];
    for (int a = 0; a < n; ++a) rhs[a] = 0.0;
    for (int e = 0; e < n * (n + 1) / 2; ++e) packed[e] = 0.0;
    int free_count = 0;
    for (int k = 0; k < nvar; ++k) {
      if (held_at_bound(k, eps)) continue;
      const double g = w.grad_[k];
      const double* __restrict curvature = column(w.curvature_, k);
      const double* __restrict jacobian = column(w.jacobian_, k);
      double d = 0.0, gauss_newton = 0.0;
      for (int i = 0; i < n; ++i) {
        d += q[i] * curvature[i];
        gauss_newton += jacobian[i] * jacobian[i] / inv_w[i];
      }
      d += kRegularisation * gauss_newton + 1e-300;
      w.diag_[k] = d;
      w.free_index_[free_count++] = k;
      for (int a = 0; a < n; ++a) {
        const double ja = jacobian[a] / d;
        rhs[a] += ja * g;
        double* __restrict packed_column = packed + a * (a + 1) / 2;
        for (int b = 0; b <= a; ++b) packed_column[b] += ja * jacobian[b];
      }
    }
    for (int a = 0; a < n; ++a) packed[a * (a + 1) / 2 + a] += inv_w[a];
    return free_count;
  }

  // newton_system with the rows in pairs, into `full` (R x R, column-major; each column's
  // entries below the diagonal hold sums nothing reads).
  template <int R>
  [[gnu::always_inline]] int newton_system_paired(int nvar, double eps, double* __restrict full,
                                                  double* __restrict rhs) {
    constexpr int kPairs = R / 2;
    Pair q[kPairs], inv_w[kPairs], rhs_sum[kPairs], system[R][kPairs];
    for (int h = 0; h < kPairs; ++h) {
      const Pair slack = load_pair(w.slack_.data() + 2 * h);
      q[h] = load_pair(barrier_slope + 2 * h);
      inv_w[h] = slack * slack / load_pair(w.weight_.data() + 2 * h);
      rhs_sum[h] = broadcast(0.0);
      for (int a = 0; a < R; ++a) system[a][h] = broadcast(0.0);
    }
    int free_count = 0;
    const Eigen::Index stride = w.curvature_.rows();
    const double* __restrict curvature = w.curvature_.data();
    const double* __restrict jacobian = w.jacobian_.data();
    for (int k = 0; k < nvar; ++k, curvature += stride, jacobian += stride) {
      if (held_at_bound(k, eps)) continue;
      const double g = w.grad_[k];
      Pair jac[kPairs], bend[kPairs], fit[kPairs];
      for (int h = 0; h < kPairs; ++h) {
        jac[h] = load_pair(jacobian + 2 * h);
        bend[h] = q[h] * load_pair(curvature + 2 * h);
        fit[h] = jac[h] * jac[h] / inv_w[h];
      }
      double d = 0.0, gauss_newton = 0.0;
      for (int h = 0; h < kPairs; ++h) d = (d + bend[h][0]) + bend[h][1];
      for (int h = 0; h < kPairs; ++h) gauss_newton = (gauss_newton + fit[h][0]) + fit[h][1];
      d += kRegularisation * gauss_newton + 1e-300;
      w.diag_[k] = d;
      w.free_index_[free_count++] = k;
      Pair ja[kPairs];
      for (int h = 0; h < kPairs; ++h) {
        ja[h] = jac[h] / broadcast(d);
        rhs_sum[h] += ja[h] * broadcast(g);
      }
      // Column a's rows b <= a: the pairs up to a's own.
      for (int a = 0; a < R; ++a)
        for (int h = 0; 2 * h <= a; ++h) system[a][h] += broadcast(ja[a / 2][a % 2]) * jac[h];
    }
    for (int a = 0; a < R; ++a)
      for (int h = 0; h < kPairs; ++h) store_pair(full + a * R + 2 * h, system[a][h]);
    for (int h = 0; h < kPairs; ++h) store_pair(rhs + 2 * h, rhs_sum[h]);
    for (int a = 0; a < R; ++a) full[a * R + a] += inv_w[a / 2][a % 2];
    return free_count;
  }

  // In directions the regularised Hessian barely curves (linear loss) the Newton step can be
  // huge; the search starts at a length the box (or, for t, the current scale) can hold, instead
  // of halving down from there.
  double step_length_the_box_holds(int nvar) const {
    const double* __restrict x = w.x_.data();
    const double* __restrict lower = w.lower_.data();
    const double* __restrict upper = w.upper_.data();
    const double* __restrict step = w.step_.data();
    double alpha = 1.0;
    for (int k = 0; k < nvar; ++k) {
      const double room = std::isfinite(upper[k] - lower[k]) ? upper[k] - lower[k] : 1.0 + std::abs(x[k]);
      if (std::abs(step[k]) * alpha > room) alpha = room / std::abs(step[k]);
    }
    return alpha;
  }

  struct ArmijoStep {
    bool accepted;
    double alpha;  // the step length taken
    double f;      // the objective at the new point, in trial_x_
  };

  // Projected Armijo search along the arc P(x + alpha p) from f, halving alpha.
  template <int R>
  ArmijoStep projected_armijo(int nvar, int first_linear, double alpha, double f) {
    const double* __restrict x = w.x_.data();
    const double* __restrict lower = w.lower_.data();
    const double* __restrict upper = w.upper_.data();
    const double* __restrict step = w.step_.data();
    const double* __restrict grad = w.grad_.data();
    double* __restrict trial_x = w.trial_x_.data();
    for (int halving = 0; halving < 80; ++halving, alpha *= 0.5) {
      // The trial point two variables to a pair of vector lanes (std::clamp's comparisons lane by
      // lane), then the predicted decrease summed in order.
      double decrease[kMaxArmijoPairs * 2];
      int k = 0;
      for (; k + 1 < nvar && k < kMaxArmijoPairs * 2; k += 2) {
        const Pair moved = load_pair(x + k) + broadcast(alpha) * load_pair(step + k);
        const Pair low = load_pair(lower + k), high = load_pair(upper + k);
        const Pair raised = moved < low ? low : moved;  // std::clamp: min(max(v, lo), hi)
        const Pair clamped = high < raised ? high : raised;
        store_pair(trial_x + k, clamped);
        store_pair(decrease + k, load_pair(grad + k) * (clamped - load_pair(x + k)));
      }
      double descent = 0.0;
      for (int p = 0; p < k; ++p) descent += decrease[p];
      for (; k < nvar; ++k) {
        trial_x[k] = std::clamp(x[k] + alpha * step[k], lower[k], upper[k]);
        descent += grad[k] * (trial_x[k] - x[k]);
      }
      const double f_trial = objective_rows<R>(w.trial_x_, nvar, first_linear);
      // A full step whose predicted decrease is below f's rounding cannot be judged by
      // comparing f: when the gains are tiny (a narrow bargaining space) the Hessian is huge,
      // the optimum lies a few hundred ulps away and f is flat to rounding there, so Armijo
      // would reject the step, a halved step would move nothing and the gradient test would
      // never pass. Such a step lies deep in Newton's region of quadratic convergence: take it.
      const bool below_rounding = alpha == 1.0 && -descent <= kRoundingDecrease * (1.0 + std::abs(f));
      // The last term forgives rounding once f has converged to machine precision.
      if ((below_rounding && std::isfinite(f_trial)) || f_trial <= f + 1e-4 * descent + 1e-15 * std::abs(f)) {
        return {true, alpha, f_trial};
      }
    }
    return {false, alpha, f};
  }

  // No decrease representable in floating point: converged if the Newton decrement (the
  // predicted decrease) is at rounding level, as happens when a constraint-only veto player's
  // slack is tiny and its barrier gradient carries rounding noise.
  template <int R>
  bool newton_decrement_at_rounding(int nvar, int first_linear, double f) {
    double decrement = 0.0;
    for (int k = 0; k < nvar; ++k) decrement -= w.grad_[k] * w.step_[k];
    objective_rows<R>(w.x_, nvar, first_linear);  // restore slack_ for the caller
    return decrement <= 1e-12 * (1.0 + std::abs(f));
  }

  // Whether the largest relative move from x_ to trial_x_ is at most `tolerance`, stopping at
  // the first variable that moved more (a NaN move, which the largest would pass over, is
  // passed over here too): away from the optimum the first variable settles it.
  bool moved_at_most(int nvar, double tolerance) const {
    const double* __restrict x = w.x_.data();
    const double* __restrict trial_x = w.trial_x_.data();
    for (int k = 0; k < nvar; ++k)
      if (std::abs(trial_x[k] - x[k]) / (1.0 + std::abs(x[k])) > tolerance) return false;
    return true;
  }

  // Solves A m = rhs for m by Cholesky, A = U^T U symmetric positive definite (size x size, S
  // when fixed), by hand so that nothing is allocated. Only A's upper triangle is read:
  // upper(j) points at its column j, A(0..j, j), and U is written over it. Returns false when a
  // pivot falls to `min_pivot` times its diagonal entry or below (a singular system).
  template <int S, class Upper>
  static bool cholesky_solve(int dynamic_size, Upper upper, const double* __restrict rhs, double* __restrict m,
                             double min_pivot = 0.0) {
    const int size = S > 0 ? S : dynamic_size;
#pragma GCC unroll 8
    for (int j = 0; j < size; ++j) {
      double* __restrict uj = upper(j);
      double d = uj[j];
      const double diagonal = d;
#pragma GCC unroll 8
      for (int k = 0; k < j; ++k) d -= uj[k] * uj[k];
      if (!(d > min_pivot * diagonal)) return false;
      d = std::sqrt(d);
      uj[j] = d;
#pragma GCC unroll 8
      for (int i = j + 1; i < size; ++i) {
        double* __restrict ui = upper(i);
        double s = ui[j];
#pragma GCC unroll 8
        for (int k = 0; k < j; ++k) s -= ui[k] * uj[k];
        ui[j] = s / d;
      }
    }
#pragma GCC unroll 8
    for (int i = 0; i < size; ++i) {
      const double* __restrict ui = upper(i);
      double s = rhs[i];
#pragma GCC unroll 8
      for (int k = 0; k < i; ++k) s -= ui[k] * m[k];
      m[i] = s / ui[i];
    }
#pragma GCC unroll 8
    for (int i = size - 1; i >= 0; --i) {
      double s = m[i];
#pragma GCC unroll 8
      for (int k = i + 1; k < size; ++k) s -= upper(k)[i] * m[k];
      m[i] = s / upper(i)[i];
    }
    return true;
  }

  // The dual method's system: small_'s leading size x size block against rhs_, into multiplier_.
  bool cholesky_solve_leading(int size, double min_pivot) {
    return cholesky_solve<0>(
        size, [this](int j) { return column(w.small_, j); }, w.rhs_.data(), w.multiplier_.data(), min_pivot);
  }

  // ---- The dual active-set method for linear loss (header). Per row, dual_ holds lambda and
  // dual_step_ its Newton step p; per hinge on its kink, multiplier_ holds its fill nu.

  // Every row bargains, with weight_ its alpha; the segments are compiled and x_ holds the
  // start. Returns kAgreement with an optimal y in x_, kNoBargainingSpace with a Farkas
  // certificate found, or nothing: then the primal method must run.
  std::optional<NashStatus> linear_dual() {
    return with_fixed_rows([&](auto r) { return linear_dual_rows<decltype(r)::value>(); });
  }

  template <int R>
  std::optional<NashStatus> linear_dual_rows() {
    start_multipliers();
    compile_hinges<R>();
    bool converged = false;
    for (int iteration = 0; iteration < kMaxDualSteps && !converged; ++iteration) {
      ++steps;
      if (face_offset_and_best_pairing<R>() <= 0.0) return NashStatus::kNoBargainingSpace;
      face_derivatives<R>();
      assemble_face_system<R>();
      // Kinks that depend on each other otherwise than in parallel are left to the primal method.
      if (working > 0 && !cholesky_solve_leading(working, 1e-12)) return std::nullopt;
      const double relative_step = face_newton_step<R>();
      if (relative_step <= kDualEarlyDropStep) {
        const int drop = kink_to_leave_early(relative_step);
        if (drop < 0 && relative_step <= kDualStepTolerance) {
          // Newton's quadratic convergence: this last step brings the error to about its square,
          // below rounding, which an Armijo test could no longer resolve.
          for (int r = 0; r < row_count<R>(); ++r) w.dual_[r] += w.dual_step_[r];
          converged = true;
          break;
        }
        if (drop >= 0) {
          leave_kink(drop);
          continue;
        }
      }
      // Step length: stay inside lambda > 0, stop at the first hinge crossed, then Armijo.
      int blocking = -1;
      double t = step_to_first_crossing<R>(blocking);
      if (!face_armijo<R>(t, blocking)) return std::nullopt;  // no descent representable: the primal method decides
      for (int r = 0; r < row_count<R>(); ++r) w.dual_[r] += t * w.dual_step_[r];
      if (blocking >= 0) {
        if (working == rows) return std::nullopt;  // more kinks than rows: degenerate
        enter_kink(blocking);
      }
    }
    if (!converged) return std::nullopt;
    read_primal_deal();
    if (!primal_deal_certified<R>()) return std::nullopt;
    return NashStatus::kAgreement;
  }

  // Start from the multipliers of the primal start point, with each gain floored at a share of
  // the largest (the start may not be feasible; only the scale matters).
  void start_multipliers() {
    auto& lambda = w.dual_;
    slacks(w.x_, vars);
    const double floor = std::max(1e-3, 0.3 * w.slack_.head(rows).maxCoeff());
    for (int r = 0; r < rows; ++r) lambda[r] = w.weight_[r] / std::max(w.slack_[r], floor);
  }

  // Segments every row wants full (no negative slope) are full at the optimum, those no row
  // wants are empty; the others split the rows and become hinges of the dual. Segments whose
  // columns are parallel (c_k = gamma c_g, as when two issues divide the rows alike) kink
  // together, so they form one hinge max(low h, high h), h = c_g.lambda, whose fill F in
  // [low, high] is shared out afterwards: high sums gamma u_k over gamma > 0, low over gamma < 0.
  // Each hinge starts on the side of its kink that lambda lies on.
  template <int R>
  void compile_hinges() {
    const int n = row_count<R>();
    double* __restrict dual_offset = w.dual_offset_.data();
    for (int r = 0; r < n; ++r) dual_offset[r] = w.offset_[r];
    hinges = 0;
    for (int k = 0; k < vars; ++k) {
      const double* __restrict c = column(w.gradient_rows_, k);
      const int signs = sign_pattern<R>(c);
      bool up = (signs & 0xff) != 0, down = (signs >> 8) != 0;
      if constexpr (R == 0) {
        for (int r = 0; r < n; ++r) {
          up = up || c[r] > 0.0;
          down = down || c[r] < 0.0;
        }
      }
      if (!(up && down)) {
        w.segment_group_[k] = -1;
        w.x_[k] = up ? w.upper_[k] : 0.0;
        if (up)
          for (int r = 0; r < n; ++r) dual_offset[r] += w.upper_[k] * c[r];
        continue;
      }
      double gamma = 1.0;
      int group = parallel_hinge<R>(k, signs, gamma);
      if (group < 0) {
        group = hinges++;
        gamma = 1.0;
        w.hinge_[group] = k;
        w.hinge_signs_[group] = signs;
        for (int r = 0; r < n; ++r) w.hinge_coefficients_(group, r) = c[r];
        int pivot = 0;
        while (c[pivot] == 0.0) ++pivot;
        w.hinge_pivot_[group] = pivot;
        w.hinge_low_[group] = 0.0;
        w.hinge_high_[group] = 0.0;
      }
      (gamma > 0.0 ? w.hinge_high_[group] : w.hinge_low_[group]) += gamma * w.upper_[k];
      w.segment_group_[k] = group;
      w.segment_scale_[k] = gamma;
    }
    hinge_values<R>(w.dual_.data(), w.hinge_at_dual_.data());
    for (int g = 0; g < hinges; ++g) w.hinge_state_[g] = w.hinge_at_dual_[g] >= 0.0 ? 1 : -1;
    face_offset_valid = false;
  }

  // With the row count fixed (at most 8 rows), a column's signs: bit r set where c_r > 0, bit 8 + r
  // where c_r < 0. Otherwise 0 (unused).
  template <int R>
  static int sign_pattern(const double* __restrict c) {
    static_assert(R <= 8);
    int signs = 0;
    for (int r = 0; r < R; ++r) signs |= (c[r] > 0.0 ? 1 << r : 0) | (c[r] < 0.0 ? 1 << (r + 8) : 0);
    return signs;
  }

  // The hinge whose column segment k's (signs: its sign_pattern) is parallel to (with the scale
  // into gamma), or -1. The scale is read off the hinge column's first nonzero entry, its pivot.
  template <int R>
  int parallel_hinge(int k, int signs, double& gamma) const {
    const int n = row_count<R>();
    const double* __restrict c = column(w.gradient_rows_, k);
    for (int g = 0; g < hinges; ++g) {
      const int pivot = w.hinge_pivot_[g];
      if (R > 0 && !signs_allow_parallel(signs, w.hinge_signs_[g], pivot)) continue;
      const double* __restrict base = hinge_column(g);
      gamma = c[pivot] / base[pivot];
      bool parallel = gamma != 0.0;
      for (int r = 0; r < n && parallel; ++r) parallel = std::abs(c[r] - gamma * base[r]) <= 1e-14 * std::abs(c[r]);
      if (parallel) return g;
    }
    return -1;
  }

  // Whether columns with these sign patterns can pass parallel_hinge's test, which needs
  // c_r = gamma base_r to 1e-14 of c_r: wherever c_r != 0, base_r has c_r's sign times gamma's,
  // and gamma's is that of c and base at base's pivot. (A false "can" is only slower.)
  static bool signs_allow_parallel(int signs, int base_signs, int pivot) {
    const bool same_sign = ((signs >> pivot) & 1) == ((base_signs >> pivot) & 1);
    const int expected = same_sign ? base_signs : ((base_signs >> 8) | ((base_signs & 0xff) << 8));
    return (signs & ~expected) == 0;
  }

  const double* hinge_column(int g) const {
    return column(w.gradient_rows_, w.hinge_[g]);
  }

  // c_g.v into out_g for every hinge, each sum adding its rows in order, from the hinge-major copy
  // of the columns (no lookup of a hinge's segment and column).
  template <int R>
  void hinge_values(const double* __restrict v, double* __restrict out) const {
    const double* __restrict coefficients = w.hinge_coefficients_.data();
    const Eigen::Index stride = w.hinge_coefficients_.rows();
    for (int g = 0; g < hinges; ++g) {
      double h = 0.0;
      for (int r = 0; r < row_count<R>(); ++r) h += coefficients[g + r * stride] * v[r];
      out[g] = h;
    }
  }

  // The face's objective is -sum alpha log lambda + b.lambda, b (into face_offset_) the offset
  // with each hinge off its kink at the fill of its side. Returns the best pairing of lambda with
  // a deal in the box (Farkas: lambda >= 0 and max over the box of lambda.s(y) <= 0 means no y
  // gives every row a gain; the dual is unbounded along lambda).
  template <int R>
  double face_offset_and_best_pairing() {
    const int n = row_count<R>();
    const double* __restrict lambda = w.dual_.data();
    // b depends on the hinges' sides only: while none has moved it stands.
    if (!face_offset_valid) sum_face_offset<R>();
    face_offset_valid = true;
    // Eigen's dot, whose order of summation the results depend on.
    double best_pairing = w.dual_offset_.head(n).dot(w.dual_.head(n));
    hinge_values<R>(lambda, w.hinge_at_dual_.data());
    for (int g = 0; g < hinges; ++g) {
      const double h = w.hinge_at_dual_[g];
      best_pairing += std::max(w.hinge_low_[g] * h, w.hinge_high_[g] * h);
    }
    return best_pairing;
  }

  // b = the offset plus each hinge off its kink at its side's fill, summed in hinge order.
  template <int R>
  void sum_face_offset() {
    const int* __restrict state = w.hinge_state_.data();
    double* __restrict b = w.face_offset_.data();
    if constexpr (kPairedRows<R>) {
      Pair sum[R / 2];
      for (int h = 0; h < R / 2; ++h) sum[h] = load_pair(w.dual_offset_.data() + 2 * h);
      for (int g = 0; g < hinges; ++g) {
        if (state[g] == 0) continue;
        const Pair fill = broadcast(state[g] == 1 ? w.hinge_high_[g] : w.hinge_low_[g]);
        const double* __restrict c = hinge_column(g);
        for (int h = 0; h < R / 2; ++h) sum[h] += fill * load_pair(c + 2 * h);
      }
      for (int h = 0; h < R / 2; ++h) store_pair(b + 2 * h, sum[h]);
      return;
    }
    for (int r = 0; r < row_count<R>(); ++r) b[r] = w.dual_offset_[r];
    for (int g = 0; g < hinges; ++g) {
      if (state[g] == 0) continue;
      const double fill = state[g] == 1 ? w.hinge_high_[g] : w.hinge_low_[g];
      const double* __restrict c = hinge_column(g);
      for (int r = 0; r < row_count<R>(); ++r) b[r] += fill * c[r];
    }
  }

  template <int R>
  void face_derivatives() {
    const double* __restrict lambda = w.dual_.data();
    const double* __restrict weight = w.weight_.data();
    double* __restrict gradient = w.face_gradient_.data();
    double* __restrict inverse_curvature = w.inverse_curvature_.data();
    if constexpr (kPairedRows<R>) {
      for (int r = 0; r < R; r += 2) {
        const Pair l = load_pair(lambda + r), alpha = load_pair(weight + r);
        store_pair(gradient + r, load_pair(w.face_offset_.data() + r) - alpha / l);
        store_pair(inverse_curvature + r, l * l / alpha);
      }
    } else {
      for (int r = 0; r < row_count<R>(); ++r) {
        gradient[r] = w.face_offset_[r] - weight[r] / lambda[r];
        inverse_curvature[r] = lambda[r] * lambda[r] / weight[r];
      }
    }
  }

  // Newton on the face {c_g.lambda = 0, g in the working set}: the Schur complement of the
  // diagonal Hessian gives the fills nu (this system, solved into multiplier_), then the step p.
  template <int R>
  void assemble_face_system() {
    const int n = row_count<R>();
    const double* __restrict inverse_curvature = w.inverse_curvature_.data();
    const double* __restrict face_gradient = w.face_gradient_.data();
    for (int a = 0; a < working; ++a) {
      const double* __restrict ca = hinge_column(w.working_set_[a]);
      double rhs = 0.0;
      for (int r = 0; r < n; ++r) rhs -= ca[r] * inverse_curvature[r] * face_gradient[r];
      w.rhs_[a] = rhs;
      for (int c = 0; c <= a; ++c) {
        const double* __restrict cc = hinge_column(w.working_set_[c]);
        double s = 0.0;
        for (int r = 0; r < n; ++r) s += ca[r] * inverse_curvature[r] * cc[r];
        w.small_(a, c) = s;
        w.small_(c, a) = s;
      }
    }
  }

  // The step p from the fills nu; returns its largest size relative to lambda.
  template <int R>
  double face_newton_step() {
    const double* __restrict lambda = w.dual_.data();
    const double* __restrict nu = w.multiplier_.data();
    double* __restrict p = w.dual_step_.data();
    const double* kinked[kMaxRows];  // the working set's columns (it never holds more hinges than rows)
    for (int a = 0; a < working; ++a) kinked[a] = hinge_column(w.working_set_[a]);
    double relative_step = 0.0;
    if constexpr (kPairedRows<R>) {
      double relative[R];
      for (int r = 0; r < R; r += 2) {
        Pair g = load_pair(w.face_gradient_.data() + r);
        for (int a = 0; a < working; ++a) g += load_pair(kinked[a] + r) * broadcast(nu[a]);
        const Pair step = -load_pair(w.inverse_curvature_.data() + r) * g;
        store_pair(p + r, step);
        for (int lane = 0; lane < 2; ++lane) relative[r + lane] = std::abs(step[lane]) / lambda[r + lane];
      }
      for (int r = 0; r < R; ++r) relative_step = std::max(relative_step, relative[r]);
      return relative_step;
    }
    for (int r = 0; r < row_count<R>(); ++r) {
      double g = w.face_gradient_[r];
      for (int a = 0; a < working; ++a) g += kinked[a][r] * nu[a];
      p[r] = -w.inverse_curvature_[r] * g;
      relative_step = std::max(relative_step, std::abs(p[r]) / lambda[r]);
    }
    return relative_step;
  }

  // Near the face's optimum, a fill clearly outside its hinge's range (by more than the step
  // suggests the estimate can still move) puts the hinge on one side: leave the face now rather
  // than solve it exactly. A wrong guess is undone by the ratio test. Returns the working-set
  // position of the hinge to drop, or -1.
  int kink_to_leave_early(double relative_step) const {
    const auto& nu = w.multiplier_;
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
    return drop;
  }

  void leave_kink(int drop) {
    face_offset_valid = false;
    auto& nu = w.multiplier_;
    w.hinge_state_[w.working_set_[drop]] = nu[drop] < w.hinge_low_[w.working_set_[drop]] ? -1 : 1;
    w.working_set_[drop] = w.working_set_[working - 1];
    nu[drop] = nu[working - 1];
    --working;
  }

  void enter_kink(int hinge) {
    face_offset_valid = false;
    w.hinge_state_[hinge] = 0;
    w.working_set_[working] = hinge;
    w.multiplier_[working++] = 0.0;
  }

  // The longest step along p that keeps lambda > 0 and crosses no hinge's kink; the first hinge
  // it reaches into blocking (-1 if none). Lambda has not moved since face_offset_and_best_pairing
  // took the hinges' values at it.
  template <int R>
  double step_to_first_crossing(int& blocking) {
    const double* __restrict lambda = w.dual_.data();
    const double* __restrict p = w.dual_step_.data();
    const int* __restrict state = w.hinge_state_.data();
    double* __restrict rates = w.hinge_rate_.data();
    hinge_values<R>(p, rates);  // (those of the hinges on their kinks are not read)
    double t = 1.0;
    for (int r = 0; r < row_count<R>(); ++r)
      if (p[r] < 0.0) t = std::min(t, 0.99 * lambda[r] / -p[r]);
    for (int g = 0; g < hinges; ++g) {
      if (state[g] == 0) continue;
      const double rate = rates[g];
      if (state[g] * rate >= 0.0) continue;
      const double crossing = std::max(0.0, -w.hinge_at_dual_[g] / rate);
      if (crossing < t) {
        t = crossing;
        blocking = g;
      }
    }
    return t;
  }

  // The face's objective at lambda + step p, with log l_r from `logs` where given, else computed
  // into trial_log.
  template <int R>
  double face_objective(double step, const double* __restrict logs) {
    const double* __restrict lambda = w.dual_.data();
    const double* __restrict p = w.dual_step_.data();
    double f = 0.0;
    for (int r = 0; r < row_count<R>(); ++r) {
      const double l = lambda[r] + step * p[r];
      const double log_l = logs != nullptr ? logs[r] : (trial_log[r] = std::log(l));
      f += w.face_offset_[r] * l - w.weight_[r] * log_l;
    }
    return f;
  }

  // Armijo backtracking from t on the face's objective; a shortened step blocks no hinge. False
  // when no descent is representable. On success log_dual holds the logs at lambda + t p, where
  // the caller moves. (At step 0, l = lambda exactly unless p is not finite, and then l and the
  // objective are NaN whatever the log.)
  template <int R>
  bool face_armijo(double& t, int& blocking) {
    double slope = 0.0;
    for (int r = 0; r < row_count<R>(); ++r) slope += w.face_gradient_[r] * w.dual_step_[r];
    if (!log_dual_valid)
      for (int r = 0; r < row_count<R>(); ++r) log_dual[r] = std::log(w.dual_[r]);
    log_dual_valid = true;
    const double f0 = face_objective<R>(0.0, log_dual);
    bool evaluated = false;
    while (t > 0.0) {
      evaluated = true;
      if (face_objective<R>(t, nullptr) <= f0 + 1e-4 * t * slope + 1e-15 * std::abs(f0)) break;
      t *= 0.5;
      blocking = -1;
      if (t < 1e-20) return false;
    }
    if (evaluated) std::copy_n(trial_log, row_count<R>(), log_dual);
    return true;
  }

  // The primal deal into x_. Each hinge's fill F: its side's end, or nu on the kink; F >= 0 fills
  // its parallel segments (gamma > 0) in order, F < 0 its opposite ones.
  void read_primal_deal() {
    const auto& state = w.hinge_state_;
    const auto& nu = w.multiplier_;
    for (int g = 0; g < hinges; ++g) w.hinge_fill_[g] = state[g] == 1 ? w.hinge_high_[g] : w.hinge_low_[g];
    for (int a = 0; a < working; ++a) {
      const int g = w.working_set_[a];
      w.hinge_fill_[g] = std::clamp(nu[a], w.hinge_low_[g], w.hinge_high_[g]);
    }
    for (int k = 0; k < vars; ++k) {
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
  }

  // Certifies the deal on the original problem: every gain positive and, with lambda_i =
  // alpha_i / s_i, no segment's fill can move in a direction that raises sum alpha_i log s_i.
  template <int R>
  bool primal_deal_certified() {
    const int n = row_count<R>();
    if (!std::isfinite(objective_rows<R>(w.x_, vars))) return false;
    double* __restrict q = barrier_slope;
    for (int r = 0; r < n; ++r) q[r] = w.weight_[r] / w.slack_[r];
    for (int k = 0; k < vars; ++k) {
      const double* __restrict c = column(w.gradient_rows_, k);
      double slope_k = 0.0;
      for (int r = 0; r < n; ++r) slope_k += q[r] * c[r];
      // Each test needs the slope's sign (the tolerance is >= 0): the scale only then.
      const bool may_rise = w.x_[k] < w.upper_[k] && slope_k > 0.0;
      const bool may_fall = w.x_[k] > 0.0 && slope_k < 0.0;
      if (!may_rise && !may_fall) continue;
      double scale = 0.0;
      for (int r = 0; r < n; ++r) scale += q[r] * std::abs(c[r]);
      if (may_rise && slope_k > kDualKktTolerance * scale) return false;
      if (may_fall && slope_k < -kDualKktTolerance * scale) return false;
    }
    return true;
  }

  // ---- The problem: rows, variables and the start point.

  // Rows: bargainers, then constraint-only veto players.
  void seat_rows(int n, const Eigen::Ref<const Eigen::VectorXd>& weight, const std::vector<bool>& veto) {
    // actor_of reuses free_index_'s storage before the Newton phase needs it.
    Eigen::VectorXi& actor_of = w.free_index_;
    bargainers = 0;
    for (int i = 0; i < n; ++i)
      if (weight[i] > 0.0) actor_of[bargainers++] = i;
    rows = bargainers;
    for (int i = 0; i < n; ++i)
      if (weight[i] == 0.0 && veto[i]) actor_of[rows++] = i;
    if (rows > kMaxRows) throw Error("nash_bargaining: at most 64 actors in one problem");
    for (int r = 0; r < rows; ++r) actor_row[r] = actor_of[r];
  }

  // Compiles the utilities into s_r(y) = offset_r + R_r y - 1/2 H_r y^2 (y: the variables). Only
  // the variables' columns are written, and nothing reads the others.
  void compile_utilities(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& disagreement) {
    const bool linear = table.loss == LossShape::kLinear;
    vars = 0;
    for (int r = 0; r < rows; ++r) w.offset_[r] = -disagreement[actor_row[r]];
    for (int k = 0; k < table.issue_count(); ++k) {
      if (!table.on_table[k]) {
        for (int r = 0; r < rows; ++r) {
          const int i = actor_row[r];
          const double dist = std::abs(table.status_quo[k] - table.ideal_point(i, k));
          w.offset_[r] -= table.salience(i, k) * (linear ? dist : dist * dist);
        }
      } else if (linear) {
        compile_linear_issue(table, k);
      } else {
        compile_quadratic_issue(table, k);
      }
    }
  }

  // Quadratic loss: one variable, the issue's position.
  void compile_quadratic_issue(const IssueTable& table, int k) {
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
  }

  // Linear loss: one variable per segment between consecutive ideal points (and 0, 1), each
  // utility linear on it.
  void compile_linear_issue(const IssueTable& table, int k) {
    with_fixed_rows([&](auto r) { compile_linear_issue_rows<decltype(r)::value>(table, k); });
  }

  template <int R>
  void compile_linear_issue_rows(const IssueTable& table, int k) {
    const int n = row_count<R>();
    double ideal[R > 0 ? R : kMaxRows], salience[R > 0 ? R : kMaxRows];
    for (int r = 0; r < n; ++r) {
      ideal[r] = table.ideal_point(actor_row[r], k);
      salience[r] = table.salience(actor_row[r], k);
    }
    double cuts[(R > 0 ? R : kMaxRows) + 2];
    cuts[0] = 0.0;
    cuts[1] = 1.0;
    for (int r = 0; r < n; ++r) cuts[r + 2] = ideal[r];
    std::sort(cuts, cuts + n + 2);
    const int cut_count = static_cast<int>(std::unique(cuts, cuts + n + 2) - cuts);
    for (int r = 0; r < n; ++r) w.offset_[r] -= salience[r] * ideal[r];  // u at z_k = 0
    for (int s = 1; s < cut_count; ++s) {
      double* __restrict gradient = column(w.gradient_rows_, vars);
      double* __restrict curvature = column(w.curvature_, vars);
      if constexpr (kPairedRows<R>) {
        for (int r = 0; r < R; r += 2) {
          const Pair sal = load_pair(salience + r);
          store_pair(gradient + r, broadcast(cuts[s]) <= load_pair(ideal + r) ? sal : -sal);
          store_pair(curvature + r, broadcast(0.0));
        }
      } else {
        for (int r = 0; r < n; ++r) {
          gradient[r] = cuts[s] <= ideal[r] ? salience[r] : -salience[r];
          curvature[r] = 0.0;
        }
      }
      w.lower_[vars] = 0.0;
      w.upper_[vars] = cuts[s] - cuts[s - 1];
      w.issue_of_[vars++] = k;
    }
  }

  // Start: on each issue the bargainers' weight-and-salience-weighted mean ideal point (the
  // maximiser of sum alpha_i u_i under quadratic loss), moved a little into the box interior;
  // for linear loss its segments are filled in order. Phase I runs only if it is infeasible.
  void set_start(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight) {
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
  }

  void set_bargainer_weights(const Eigen::Ref<const Eigen::VectorXd>& weight) {
    for (int r = 0; r < bargainers; ++r) w.weight_[r] = weight[actor_row[r]];
  }

  // Phase I: max t subject to s_r(y) >= t, by the barrier method, from the start point. False
  // when no point gives every row a positive slack.
  bool find_feasible_point() {
    w.linear_.head(vars + 1).setZero();
    w.weight_.head(rows).setOnes();
    for (int r = 0; r < rows; ++r) {
      w.gradient_rows_(r, vars) = -1.0;
      w.curvature_(r, vars) = 0.0;
    }
    w.x_[vars] = 0.0;
    slacks(w.x_, vars);  // s_r at the start, with t = 0
    const double min_slack = w.slack_.head(rows).minCoeff();
    if (!(min_slack > 0.0)) {
      w.lower_[vars] = -kInf;
      w.upper_[vars] = kInf;
      w.x_[vars] = min_slack - 1.0;
      bool feasible = false;
      for (double mu = 1.0; mu > 1e-14; mu *= 0.1) {
        w.linear_[vars] = 1.0 / mu;
        const bool ok = newton(vars + 1, true, mu < 1.0);
        if (w.x_[vars] > 0.0) {
          feasible = true;
          break;
        }
        // At a centred point the duality gap bounds the best t: t* <= t + rows * mu.
        if (ok && w.x_[vars] + rows * mu <= 0.0) break;
      }
      if (!feasible) return false;
    }
    for (int r = 0; r < rows; ++r) w.gradient_rows_(r, vars) = 0.0;
    w.linear_.head(vars + 1).setZero();
    return true;
  }

  // Phase II: the Nash product, with constraint-only veto players behind a vanishing barrier.
  // True on convergence.
  bool maximise_nash_product(const Eigen::Ref<const Eigen::VectorXd>& weight, double total_weight) {
    set_bargainer_weights(weight);
    if (rows == bargainers) return newton(vars, false);
    // A binding constraint's slack at barrier weight tau is about tau times a bargainer's gain
    // (tau / multiplier). In a narrow space (gains near 1e-5 and below) the last weights ask for
    // slacks below the resolution of the deal's doubles (about 1e-16), and Newton cannot centre:
    // the solve then ends at the last weight whose centre it found. That point's Nash product is
    // within (constraint rows) * tau / total weight of the optimum (the barrier's duality gap;
    // Boyd & Vandenberghe 2004, 11.2.2), and its deal lies within its slacks of the edge.
    bool converged = false, centred_once = false;
    for (double tau = 1e-2 * total_weight; tau >= 1e-12 * total_weight; tau *= 1e-2) {
      for (int r = bargainers; r < rows; ++r) w.weight_[r] = tau;
      converged = newton(vars, false);
      if (converged) {
        w.last_centre_.head(vars) = w.x_.head(vars);
        centred_once = true;
      }
    }
    if (!converged && centred_once) {
      w.x_.head(vars) = w.last_centre_.head(vars);
      converged = true;
    }
    return converged;
  }

  // z_k is the sum of its segments (linear loss) or its one variable.
  void assemble_deal(NashResult& result) const {
    for (int m = 0; m < vars; ++m) result.deal[w.issue_of_[m]] = 0.0;
    for (int m = 0; m < vars; ++m) result.deal[w.issue_of_[m]] += w.x_[m];
    for (Eigen::Index k = 0; k < result.deal.size(); ++k) result.deal[k] = std::clamp(result.deal[k], 0.0, 1.0);
  }
};

void nash_bargaining(const IssueTable& table, const Eigen::Ref<const Eigen::VectorXd>& weight,
                     const Eigen::Ref<const Eigen::VectorXd>& disagreement, const std::vector<bool>& veto,
                     NashWorkspace& workspace, NashResult& result) {
  const int n = table.actor_count();
  const int issues = table.issue_count();
  const double total_weight = checked_total_weight(n, weight, disagreement, veto);

  workspace.reserve(n, issues);
  NashSolverAccess solver{workspace};
  solver.seat_rows(n, weight, veto);
  solver.compile_utilities(table, disagreement);

  result.deal.resize(issues);
  result.gain.resize(n);
  for (int k = 0; k < issues; ++k) result.deal[k] = table.status_quo[k];
  result.method = NashMethod::kPrimal;
  const auto finish = [&](NashStatus status) {
    if (status == NashStatus::kAgreement) solver.assemble_deal(result);
    result.status = status;
    result.newton_steps = solver.steps;
    for (int i = 0; i < n; ++i) result.gain[i] = actor_utility(table, i, result.deal) - disagreement[i];
  };

  solver.set_start(table, weight);
  if (table.loss == LossShape::kLinear && solver.rows == solver.bargainers) {
    solver.set_bargainer_weights(weight);
    if (const auto status = solver.linear_dual()) {
      result.method = NashMethod::kLinearDual;
      finish(*status);
      return;
    }
    // The primal method starts afresh from the start point.
    solver.set_start(table, weight);
  }
  if (!solver.find_feasible_point()) {
    finish(NashStatus::kNoBargainingSpace);
    return;
  }
  if (!solver.maximise_nash_product(weight, total_weight))
    throw Error("nash_bargaining: Newton did not converge in " + std::to_string(kMaxNewtonSteps) + " steps");
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
