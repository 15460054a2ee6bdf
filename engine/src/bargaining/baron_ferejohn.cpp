#include "parley/bargaining/baron_ferejohn.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "parley/core/error.h"

namespace parley::bargaining {
namespace {

// For proposer k: buy the quota - 1 cheapest others; players tied with the marginal one share
// the remaining slots uniformly (the proposer is indifferent among them).
void fill_inclusion(const Eigen::VectorXd& v, int quota, Eigen::MatrixXd& inclusion, std::vector<int>& order) {
  const int n = static_cast<int>(v.size());
  inclusion.setZero();
  for (int k = 0; k < n; ++k) {
    order.clear();
    for (int j = 0; j < n; ++j)
      if (j != k) order.push_back(j);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return v[a] < v[b]; });
    const int slots = quota - 1;
    if (slots == 0) continue;
    const double marginal = v[order[slots - 1]];
    const double tie = 1e-12 * std::max(1.0, std::abs(marginal));
    int strictly_cheaper = 0, tied = 0;
    for (const int j : order) {
      if (v[j] < marginal - tie)
        ++strictly_cheaper;
      else if (v[j] <= marginal + tie)
        ++tied;
    }
    const double share = static_cast<double>(slots - strictly_cheaper) / tied;
    for (const int j : order) {
      if (v[j] < marginal - tie)
        inclusion(k, j) = 1.0;
      else if (v[j] <= marginal + tie)
        inclusion(k, j) = share;
    }
  }
}

// One application of the value map.
void value_map(const Eigen::VectorXd& p, double delta, const Eigen::VectorXd& v, const Eigen::MatrixXd& inclusion,
               Eigen::VectorXd& out) {
  const int n = static_cast<int>(v.size());
  for (int i = 0; i < n; ++i) {
    const double bought = inclusion.row(i).dot(v);
    double included = 0.0;
    for (int k = 0; k < n; ++k)
      if (k != i) included += p[k] * inclusion(k, i);
    out[i] = p[i] * (1.0 - delta * bought) + delta * v[i] * included;
  }
}

}  // namespace

BaronFerejohnShares baron_ferejohn_shares(const Eigen::Ref<const Eigen::VectorXd>& recognition_prob, double delta,
                                          int quota) {
  const int n = static_cast<int>(recognition_prob.size());
  if (n < 1) throw Error("baron_ferejohn_shares: needs at least one player");
  if (quota < 1 || quota > n) throw Error("baron_ferejohn_shares: quota must lie in 1..n");
  if (!std::isfinite(delta) || delta < 0.0 || delta > 1.0)
    throw Error("baron_ferejohn_shares: delta must lie in [0, 1]");
  if (!recognition_prob.allFinite() || recognition_prob.minCoeff() < 0.0 ||
      std::abs(recognition_prob.sum() - 1.0) > 1e-12) {
    throw Error("baron_ferejohn_shares: recognition_prob must be >= 0 and sum to 1");
  }
  const Eigen::VectorXd p = recognition_prob;
  BaronFerejohnShares out;
  out.inclusion_prob.setZero(n, n);
  std::vector<int> order;
  order.reserve(static_cast<std::size_t>(n));
  // Start from v = p: the fixed point for unanimity and for symmetric recognition.
  Eigen::VectorXd v = p, next(n);
  constexpr int kMaxIterations = 10000;
  for (out.iterations = 0; out.iterations < kMaxIterations; ++out.iterations) {
    fill_inclusion(v, quota, out.inclusion_prob, order);
    value_map(p, delta, v, out.inclusion_prob, next);
    out.residual = (next - v).cwiseAbs().maxCoeff();
    if (out.residual <= 1e-15) break;
    v = 0.5 * (v + next);  // damping: the undamped map can cycle between tie patterns
  }
  fill_inclusion(v, quota, out.inclusion_prob, order);
  value_map(p, delta, v, out.inclusion_prob, next);
  out.residual = (next - v).cwiseAbs().maxCoeff();
  if (out.residual > 1e-14) {
    throw Error(
        "baron_ferejohn_shares: no stationary equilibrium with uniform mixing found (asymmetric "
        "recognition under a quota below n needs non-uniform mixing, Eraslan 2002)");
  }
  out.continuation_value = v;
  out.proposer_share.resize(n);
  for (int i = 0; i < n; ++i) out.proposer_share[i] = 1.0 - delta * out.inclusion_prob.row(i).dot(v);
  return out;
}

}  // namespace parley::bargaining
