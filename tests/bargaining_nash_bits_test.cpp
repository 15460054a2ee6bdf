// The Nash solver's results keep their bits: a fingerprint of deal, gains, step count, method and
// status (or the error's message) over 20,000 varied problems, pinned. Speed work on the solver
// (issue 18) must leave every bit as it was; a change meant to move results re-pins it and says
// why. The problems: 1 to 7 actors and issues, ties among ideal points and saliences, zero
// saliences, issues off the table, both losses, constraint-only veto players and ignored actors,
// spaces wide, narrow and empty, workspaces fresh and reused.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <string_view>
#include <vector>

#include "parley/bargaining/nash.h"
#include "parley/bargaining/utility.h"

using namespace parley::bargaining;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// splitmix64: the problems must not depend on the engine's own random streams.
class Draws {
 public:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_ = 0x12345678abcdefULL;
};

// FNV-1a over 64-bit words, byte by byte.
class Fingerprint {
 public:
  void add(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= (v >> (8 * i)) & 0xff;
      hash_ *= 1099511628211ULL;
    }
  }
  void add(double d) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    add(bits);
  }
  void add(std::string_view text) {
    for (const char c : text) add(static_cast<std::uint64_t>(static_cast<unsigned char>(c)));
  }
  [[nodiscard]] std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 1469598103934665603ULL;
};

struct Problem {
  IssueTable table;
  VectorXd weight, disagreement;
  std::vector<bool> veto;
};

// One varied problem; false when the table itself is refused (no such draws at present).
bool draw_table(Draws& draws, IssueTable& table) {
  const int n = 1 + draws.below(7), issues = 1 + draws.below(7);
  const bool ties = draws.below(3) == 0;
  const auto value = [&] { return ties ? draws.below(5) / 4.0 : draws.uniform(); };
  MatrixXd ideal(n, issues), salience(n, issues);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < issues; ++k) {
      ideal(i, k) = value();
      salience(i, k) = draws.below(9) == 0 ? 0.0 : (ties ? 0.25 + draws.below(3) : draws.uniform());
    }
  for (int i = 0; i < n; ++i) salience(i, draws.below(issues)) += 0.1;
  VectorXd status_quo(issues);
  for (int k = 0; k < issues; ++k) status_quo[k] = value();
  std::vector<bool> on_table(static_cast<std::size_t>(issues));
  for (int k = 0; k < issues; ++k) on_table[static_cast<std::size_t>(k)] = draws.below(6) != 0;
  const LossShape loss = draws.below(2) != 0 ? LossShape::kLinear : LossShape::kQuadratic;
  try {
    table = make_issue_table(ideal, salience, status_quo, std::vector<std::vector<int>>(issues, std::vector<int>{0}),
                             on_table, loss);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// Weights, vetoes and disagreement points around a random anchor deal: margins wide, negative
// (no space), tiny or mixed.
void draw_parties(Draws& draws, Problem& problem) {
  const int n = problem.table.actor_count(), issues = problem.table.issue_count();
  VectorXd anchor(issues);
  for (int k = 0; k < issues; ++k) anchor[k] = draws.uniform();
  problem.weight.resize(n);
  problem.disagreement.resize(n);
  problem.veto.assign(static_cast<std::size_t>(n), false);
  const int mode = draws.below(4);
  for (int i = 0; i < n; ++i) {
    problem.weight[i] = draws.below(5) == 0 ? 0.0 : 0.2 + draws.uniform();
    problem.veto[static_cast<std::size_t>(i)] = draws.below(3) != 0;
    const double margin = mode == 0   ? 0.05 * draws.uniform() + 1e-3
                          : mode == 1 ? -0.02 * draws.uniform()
                          : mode == 2 ? 1e-6 * draws.uniform()
                                      : 0.3 * draws.uniform() - 0.1;
    problem.disagreement[i] = actor_utility(problem.table, i, anchor) - margin;
  }
  if (draws.below(4) == 0) problem.weight[0] = 1.0;
}

std::uint64_t fingerprint_of_problems(int count) {
  Draws draws;
  Fingerprint fingerprint;
  NashWorkspace reused;
  NashResult reused_result;
  for (int p = 0; p < count; ++p) {
    Problem problem;
    if (!draw_table(draws, problem.table)) {
      fingerprint.add(std::uint64_t{7});
      continue;
    }
    draw_parties(draws, problem);
    const bool fresh = draws.below(2) != 0;
    NashResult result;
    try {
      if (fresh) {
        result = nash_bargaining(problem.table, problem.weight, problem.disagreement, problem.veto);
      } else {
        nash_bargaining(problem.table, problem.weight, problem.disagreement, problem.veto, reused, reused_result);
        result = reused_result;
      }
    } catch (const std::exception& error) {
      fingerprint.add(std::uint64_t{99});
      fingerprint.add(std::string_view(error.what()));
      continue;
    }
    fingerprint.add(static_cast<std::uint64_t>(result.status));
    fingerprint.add(static_cast<std::uint64_t>(result.method));
    fingerprint.add(static_cast<std::uint64_t>(result.newton_steps));
    for (const double z : result.deal) fingerprint.add(z);
    for (const double g : result.gain) fingerprint.add(g);
  }
  return fingerprint.value();
}

}  // namespace

TEST_CASE("Nash results keep their bits over 20,000 varied problems (the pinned fingerprint)") {
  // Pinned on main at 50db866, before issue 18's second round of Nash speed work.
  CHECK(fingerprint_of_problems(20'000) == 0x36138372bc8ff92cULL);
}
