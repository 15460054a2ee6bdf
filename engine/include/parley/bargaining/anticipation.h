// War values when the actors know an aid cut-off is coming (docs/model.md 10): an `until` policy's end
// month, or an election that may stop a patron's aid, or start it. The drift each side expects then changes
// at a known month, and the value of fighting on is the backward solution of war_value_solver.h
// rather than the constant-drift closed form of war_value.h.
//
// Where it sits: sim/model.h's compile() builds the tables once per run (or sweep point) with
// build_anticipation_tables(); bargaining::Table::prepare() is handed them for each trial, and
// Table::war_value_of adds exit_shift() to the closed-form exit transforms every time it prices war. A scenario
// without anticipated cut-offs has no tables, and its war values are the closed form, unchanged.
//
// What a table holds. The value of fighting on is linear in its payoffs, and the flow term is
// (1 - D1 - D0) for any drift path, so two functionals carry everything: the discounted exit
// transforms D1 = E[e^{-rT}; exit at 1] and D0 = E[e^{-rT}; exit at 0]. For each set S of
// cut-offs that happen, each discount factor and each perceived drift m on a grid, the solver
// gives D(t, x; m) with drift m + Δ_S(t) (Δ_S the shift of beta ln(E_holder / E_opponent) as S's
// flows stop) and the closed form at m + Δ_S(after the last cut) as the terminal value. The table
// stores the correction D(t, x; m) - D_closed(x; m). A trial's transforms are its own closed form
// (its own sigma, delta and perceived drift) plus the correction looked up at (month, front,
// perceived drift), averaged over the sets S with the trial's election probabilities (exact:
// elections are independent of the front, and the value is linear in the branch weights).
//
// Parameter uncertainty. The tables are solved at the central parameter point (every
// distribution at its mean). When the trial's parameters are the central ones the lookup equals
// the solver's value (to interpolation error); otherwise the trial keeps its exact constant-drift
// part and borrows only the anticipation correction from the centre, scaled by the ratio of its
// own drift shift to the centre's (the correction vanishes with the shift): an error of order
// (deviation of sigma, curvature in the shift) x (size of the correction). docs/model.md gives
// the reasons and docs/performance.md the measured errors.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "parley/bargaining/war_value.h"
#include "parley/bargaining/war_value_solver.h"
#include "parley/scenario/draw.h"

namespace parley {
struct WarState;
}

namespace parley::bargaining {

// A change of aid the actors anticipate (a "cut-off" for short, the common case): from
// `first_month` on, `flows` stop, or with `starts` they begin; certain for an `until` end month
// (event -1), with the election's probability for an election (event index).
struct AnticipatedCutoff {
  int first_month = 0;
  std::vector<std::size_t> flows;
  int event = -1;
  bool starts = false;
};

// The scenario's anticipated cut-offs, in aid-then-event order: `until` policies with an end
// month, elections whose new policy is `none` for a patron with aid (its flows stop), and
// elections whose new policy is `as_long_as_it_takes` for a patron without aid (its flows
// start). Empty when aid or (for elections) events are switched off.
[[nodiscard]] std::vector<AnticipatedCutoff> anticipated_cutoffs(const Scenario& scenario);

inline constexpr std::size_t kMaxAnticipatedCutoffs = 4;

class AnticipationTables;

// The cut-offs still pending at one month of a trial, as the branches exit_shift averages: each
// set of them that may happen, with its weight times the trial's drift shift relative to the
// centre's. Computed once where several actors or drifts are priced on the same state.
struct PendingCutoffs {
  struct Branch {
    unsigned set = 0;
    double scale = 0.0;
  };
  int month = 0;
  unsigned count = 0;
  Branch branch[std::size_t{1} << kMaxAnticipatedCutoffs];
};

// Whether the actors of `scenario` anticipate a change of aid that the tables price: a
// bargaining block, aid switched on, and an `until` end month or an election that stops or
// starts aid.
[[nodiscard]] bool anticipates_cutoffs(const Scenario& scenario);

// The scenario's tables, solved at its central parameter point; nullptr when it anticipates no
// cut-off (its war values are then the closed form). Built once per run or sweep point by
// sim/model.h's compile() and shared read-only by every trial and thread.
[[nodiscard]] std::shared_ptr<const AnticipationTables> build_anticipation_tables(const Scenario& scenario);

struct AnticipationGrid {
  WarValueGrid front{200, 4};
  int drift_levels = 33;  // odd: the central drift is a grid point
};

class AnticipationTables {
 public:
  // Solves every table at the scenario's central parameter point. Throws parley::Error when the
  // scenario has more than kMaxAnticipatedCutoffs cut-offs or the tables would exceed kMaxValues.
  explicit AnticipationTables(const Scenario& scenario, AnticipationGrid grid = {});

  // The change of (D1, D0) that the cut-offs still pending in `state` make for `actor` at the
  // front and perceived drift given. A cut-off is pending before its first month while one of its
  // flows would flow (a start: while none of them would).
  [[nodiscard]] DiscountedExit exit_shift(const Scenario& scenario, const TrialParameters& params,
                                          const WarState& state, int actor, double front_share,
                                          double drift_per_month) const;
  // The same in two steps: the pending branches of `state`, then the shift they make.
  [[nodiscard]] PendingCutoffs pending(const Scenario& scenario, const TrialParameters& params,
                                       const WarState& state) const;
  // pending() in two steps: the bit sets of the cut-offs pending in `state` (returned) and of
  // those among them that are certain (`certain`); then the branches they make, which depend on
  // the state only through its month and the aid amounts in force.
  [[nodiscard]] unsigned pending_sets(const Scenario& scenario, const TrialParameters& params, const WarState& state,
                                      unsigned& certain) const;
  void fill_branches(const Scenario& scenario, const TrialParameters& params, const WarState& state, unsigned pending,
                     unsigned certain, PendingCutoffs& branches) const;
  [[nodiscard]] DiscountedExit exit_shift(const PendingCutoffs& branches, int actor, double front_share,
                                          double drift_per_month) const;
  // Bounds on |exit_shift(branches, actor, front_share, m)| for every perceived drift m: each
  // branch's weight times the largest correction any drift level interpolates at this month and
  // front. It lets a bound over drifts (Table's ExitBracket) hold while cut-offs are pending.
  [[nodiscard]] DiscountedExit shift_bound(const PendingCutoffs& branches, int actor, double front_share) const;

  [[nodiscard]] const std::vector<AnticipatedCutoff>& cutoffs() const noexcept { return cutoffs_; }
  // From this month on no cut-off is pending: exit_shift is zero.
  [[nodiscard]] int no_cutoff_pending_from() const noexcept { return last_first_month_; }
  // Level k of the perceived-drift grid; the middle level is the central drift, exactly.
  [[nodiscard]] double drift_level(int k) const noexcept { return centre_ + (k - (levels_ - 1) / 2) * drift_step_; }
  [[nodiscard]] int drift_levels() const noexcept { return levels_; }

  static constexpr std::size_t kMaxValues = std::size_t{1} << 24;  // 128 MiB of doubles

 private:
  [[nodiscard]] const WarValueTable& table(std::size_t discount, unsigned set, int level, int side) const;
  void build_envelopes(std::size_t discounts);

  std::vector<AnticipatedCutoff> cutoffs_;
  int last_first_month_ = 0;                    // from this month on no cut-off is pending
  std::vector<std::size_t> discount_of_actor_;  // index into the distinct discount factors
  std::size_t sets_ = 0;                        // 2^cutoffs
  int levels_ = 0;
  double centre_ = 0.0, drift_step_ = 0.0;
  std::vector<double> central_shift_;  // per set: the drift shift after its last cut, at the centre
  std::vector<WarValueTable> tables_;  // [discount][set][level][side: 0 for D1, 1 for D0]
  // [discount][set][side]: the largest absolute correction over the drift levels, entry by entry.
  std::vector<WarValueTable> envelopes_;
};

}  // namespace parley::bargaining
