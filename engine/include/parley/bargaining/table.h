// The bargaining layer inside a trial (docs/model.md, "The bargaining layer"): each month it
// asks whether the war is ripe for talks, what each side's war is worth by its own beliefs,
// whether a deal exists that every veto player prefers to fighting once it prices the risk that
// the rival reneges, and, after a deal, whether the side that gains from the ceasefire breaks it.
//
// Where it sits: sim/trial.cpp owns one Table per worker, calls prepare() after a trial's
// parameters are drawn and review() after each month, each with the trial (bargaining/trial.h:
// the compiled model's scenario and anticipation tables, the drawn parameters, the state, the
// keyed streams); during a peace window or a frozen ceasefire the trial advances with
// step_ceasefire_month() instead of fighting. The table's state is TrialState's `table`
// (table_state.h). The implementation is split by concept, one file each in
// engine/src/bargaining/table/: seating (who sits, which issues, weights), war_values,
// ripeness (the month's assessment), solving, commitment (the ceasefire and reneging),
// coercion, attrition, screening (private information), review (the month's sequence) and month_zero (`parley solve`).
// The solution concepts are in nash.h, war values in war_value.h, anticipated cut-offs in anticipation.h.
//
// Sources: the hurting stalemate (Zartman 1989, "Ripe for Resolution"; Zartman 2000); war as a
// costly lottery and the bargaining range (Fearon 1995); asymmetric Nash bargaining (Nash 1950;
// Kalai 1977); alternating offers as Nash with weights from patience (Binmore, Rubinstein &
// Wolinsky 1986), or played one offer per review (Rubinstein 1982; Stahl 1972); the war of
// attrition (Maynard Smith 1974; Hendricks, Weiss & Wilson 1988); the commitment problem (Fearon 1995; Powell 2006);
// coercive diplomacy (George 1991; Schelling 1966); learning in war (Slantchev 2003; Smith & Stam 2004).
#pragma once

#include <Eigen/Dense>
#include <memory>
#include <vector>

#include "parley/bargaining/anticipation.h"
#include "parley/bargaining/nash.h"
#include "parley/bargaining/table_state.h"
#include "parley/bargaining/trial.h"
#include "parley/bargaining/utility.h"
#include "parley/core/random.h"

namespace parley {
struct AidMultipliers;  // parley/model/dynamics.h
}  // namespace parley

namespace parley::bargaining {

// A set of a responder's types (cost weights), [lower, upper]; empty when lower > upper.
struct TypeInterval {
  double lower = 0.0;
  double upper = 0.0;
};

// What the table sees in one month; also the answer of `parley solve` at month 0. An assessment
// that stops at ripeness (assess without solve_always, in a month that cannot be ripe) fills only
// `ripe`, `solver_failed` and the deal's status: the rest is computed only where a decision reads
// it.
struct TableView {
  std::vector<double> war_value;        // per actor: perceived value of fighting on, in deal units
  std::vector<double> disagreement;     // per actor: war value raised by the fear of reneging
  std::vector<double> perceived_drift;  // per actor
  std::vector<double> monthly_cost;     // per actor, utility units
  std::vector<bool> stalemate;          // belligerents: no decisive change expected soon
  std::vector<bool> pain;               // belligerents: the war hurts
  bool ripe = false;                    // both belligerents in a hurting stalemate
  bool solver_failed = false;           // the Nash solve did not converge: reported, treated as no deal
  NashResult deal;                      // the solution at the table (status: agreement or not)
  std::vector<bool> at_table;           // participants
  std::vector<double> weight;           // per actor: the weight the solution concept gives it
  std::vector<bool> on_table;           // issues negotiable in this format
  // Screening (BargainingSpec::private_cost): whether the proposer made an ultimatum, the types
  // that accept it and their share of the proposer's posterior. `deal` is the ultimatum, its
  // status an agreement iff the responder accepted.
  bool offer_made = false;
  TypeInterval accepting;
  double acceptance_prob = 0.0;
};

class Table {
 public:
  // Builds the trial's issue table and weights from the drawn parameters.
  void prepare(const Trial& trial);

  // Looks at the table without acting: perceptions, ripeness and, when `solve_always` or the war
  // is ripe, the war values and the solution (review skips both in months when no talks could
  // open).
  void assess(const Trial& trial, TableView& view, bool solve_always = true);

  // After a month of war: ripeness, coercive demands that fall due, talks and possibly a deal or
  // a ceasefire. After a month of ceasefire: breakdown or the end of the peace window.
  void review(const Trial& trial);

  // Strength regained per month of ceasefire, per actor.
  [[nodiscard]] const std::vector<double>& regroup_share_per_month() const noexcept { return regroup_; }

  // During a peace window: the value to `side` of breaking the deal with terms `terms` now, the
  // war from the ceasefire line at today's forces, re-priced for what a violation triggers (a
  // guarantee's intervention, monitoring's snap-back sanctions). The side breaks the deal when
  // this exceeds terms_value(side, terms).
  [[nodiscard]] double renewed_war_value(const Trial& trial, int side,
                                         const Eigen::Ref<const Eigen::VectorXd>& terms) const;

  // During a ceasefire: whether `side` breaks the deal with terms `terms` this month. It does
  // when the renewed war (renewed_war_value) beats the deal and, in a peace window, also beats
  // waiting: the side anticipates its own and its rival's regrouping over the window's remaining
  // months (strengths projected by regroup_in_ceasefire; support, the economy and the sanctions
  // level held at today's) and reneges now only if no later month is better, by backward
  // induction over the window (W months; the deal is a settlement at its end)
  //   V_W = v(z),   V_h = max(w(h), (1 - delta) v(z) + delta V_{h+1}),
  // w(h) its renewed war at window month h (Powell 2006: the rising side strikes once it has
  // risen; the Minsk pattern of 003). A freeze without a deal has no end to wait for: there a
  // renewed war that beats the status quo ends it at once.
  [[nodiscard]] bool reneges(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms);

  // u_i(z) + 1: actor i's value of terms z on the scale where war values live ([0, 1]).
  [[nodiscard]] double terms_value(int actor, const Eigen::Ref<const Eigen::VectorXd>& terms) const;

 private:
  // prepare's steps, in order: each reads what the one before it set.
  void fill_issue_table(const Trial& trial);
  void seat(const Trial& trial);
  void set_weights_and_vetoes(const Trial& trial);
  void set_trial_constants(const Trial& trial);
  // A line of control's status quo is the front (docs/model.md 10): where the front has moved
  // since the last call, the line's status quo and each actor's value of it follow, and during
  // the war the line in force (the state's terms) is the front. In a
  // ceasefire the front stands still, so nothing changes there (ExitBracket stays valid).
  void follow_front(const Trial& trial);
  void exact_offer_weights(const Trial& trial);
  void concede(const Trial& trial);
  double war_value_of(const Trial& trial, int actor, double drift, double cost_utility) const;
  // The same from the actor's discounted exit transforms (exit_of).
  [[nodiscard]] double war_value_of(const DiscountedExit& exit, int actor, double cost_utility) const;
  [[nodiscard]] DiscountedExit exit_of(const Trial& trial, int actor, double drift) const;
  // exit_of in two steps: the closed form at the drift, then the anticipation correction on it.
  [[nodiscard]] DiscountedExit closed_form_exit(const Trial& trial, int actor, double drift) const;
  [[nodiscard]] DiscountedExit exit_of(const Trial& trial, int actor, double drift,
                                       const DiscountedExit& closed_form) const;
  // What raising the sanctions level to `raised_level` for the rest of the war takes off
  // `actor`'s war value (zero unless it is the sanctions target); `exit` is exit_of at `drift`.
  [[nodiscard]] double sanctions_strain_loss(const Trial& trial, int actor, double drift, double raised_level,
                                             const DiscountedExit& exit) const;
  // A renewed war's inputs: the drift `side` prices it at and its monthly cost (a guarantee's
  // deterrence included), with the month's observed drift (observed_drift) given.
  struct RenewedWar {
    double drift = 0.0;
    double cost = 0.0;
  };
  // `would_flow`: the month's would_flow_multipliers, which `truth` was taken with.
  [[nodiscard]] RenewedWar renewed_war(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms,
                                       double truth, const AidMultipliers& would_flow) const;
  // renewed_war_value from its inputs and the exit transforms at its drift.
  [[nodiscard]] double renewed_war_value(const Trial& trial, int side, const RenewedWar& war,
                                         const DiscountedExit& exit) const;
  // reneges with the month's observed drift and the deal's value to `side` given.
  [[nodiscard]] bool reneges(const Trial& trial, int side, const Eigen::Ref<const Eigen::VectorXd>& terms, double truth,
                             const AidMultipliers& would_flow, double deal);

  // reneges' shortcut (renewed_war_bound.cpp). In a ceasefire the front stands still, so a side's
  // exit transforms change only with the drift it prices war at, D1 rising and D0 falling with
  // it; transforms computed exactly at two drifts bound them at any drift between, and so bound
  // the renewed war's value. Where that bound is below the deal by a margin far above rounding,
  // the side holds on without the exact value; elsewhere the value is computed as before.
  struct ExitBracket {
    bool low_set = false, high_set = false;
    double front_share = -1.0;  // the front they were computed at
    double low_drift = 0.0, high_drift = 0.0;
    DiscountedExit at_low, at_high;
    double last_drift = 0.0;  // the drift priced the month before (its trend sets the next bracket)
    bool last_set = false;
    double lookahead_months = 0.0;  // how far ahead along the trend the next bracket reaches
  };
  // Whether `side`'s renewed war is certainly below `deal` by the bracket (false when the bracket
  // cannot tell, or where the bound does not apply).
  [[nodiscard]] bool renewed_war_below(const Trial& trial, int side, const RenewedWar& war, double deal);
  // After an exact evaluation at war.drift, whose closed-form transforms are `closed_form`
  // (closed_form_exit): the side's bracket around it, reaching ahead along the drift's trend.
  void update_bracket(const Trial& trial, int side, const RenewedWar& war, const DiscountedExit& closed_form,
                      double deal);
  [[nodiscard]] ExitBracket* bracket_of(const Trial& trial, int side);
  [[nodiscard]] bool bracket_applies(const Trial& trial, int side) const;
  [[nodiscard]] double bracket_bound(const Trial& trial, const ExitBracket& bracket, int side, const RenewedWar& war,
                                     const DiscountedExit& slack) const;
  [[nodiscard]] DiscountedExit shift_slack(const Trial& trial, int side) const;
  // The war values and disagreement values of every actor, from the view's drifts and costs.
  void price_war(const Trial& trial, TableView& view) const;
  // Screening (screening.cpp): the responder's disagreement value as a function of its type,
  // from what the proposer knows (everything but the type).
  struct TypeDisagreement {
    double monthly_cost = 0.0;  // the responder's, in cost units (its cost weight's multiplicand)
    double status_quo = 0.0, holder_victory = 0.0, opponent_victory = 0.0;
    DiscountedExit exit, after;  // at its drift, and at the drift after the rival regroups
    double fear = 0.0;           // of reneging (price_war)
    [[nodiscard]] double war_value(const DiscountedExit& at, double type) const;
    [[nodiscard]] double at(double type) const;
    // The types whose disagreement value is at most `offered`.
    [[nodiscard]] TypeInterval accepting(double offered) const;
  };
  [[nodiscard]] TypeDisagreement responder_disagreement(const Trial& trial, const TableView& view, int responder) const;
  // The proposer's posterior chance that the responder accepts a deal worth `offered` to it.
  [[nodiscard]] double posterior_mass(const Trial& trial, const TypeDisagreement& d, double offered) const;
  void learn_from_talks_opening(const Trial& trial, const TableView& view, const TypeDisagreement& d, int responder);
  // The proposer's best ultimatum over types whose disagreement values span [low, high], low <
  // high, left in view.deal (its status: whether the proposer prefers it to fighting on); returns
  // the proposer's expected value of it.
  double best_ultimatum(const Trial& trial, TableView& view, const TypeDisagreement& d, int proposer, int responder,
                        double low, double high);
  // In place of solve under private information: the proposer's best ultimatum and the answer.
  void screen(const Trial& trial, TableView& view);
  // After an assessment at a review: counts view_'s ultimatum, if one was made, and its rejection.
  void record_offer(const Trial& trial);
  // After a rejected ultimatum: the proposer's posterior drops the types that accept.
  static void learn_from_rejection(const Trial& trial, const TableView& view);
  void solve(const Trial& trial, TableView& view);
  void sign_deal(const Trial& trial, const Eigen::VectorXd& terms);
  void review_ceasefire(const Trial& trial);
  void apply_coercion(const Trial& trial);

  // Per actor, constants of the trial: the exit transforms' rate and the values war pays out.
  struct ActorConstants {
    ExitRate exit_rate;
    // terms_value of the status quo (on a line of control, of the front: follow_front), holder
    // and opponent victory
    double status_quo_value = 0.0;
    double holder_victory_value = 0.0;
    double opponent_victory_value = 0.0;
  };
  // Mutable for status_quo_value(): on a line of control the status-quo values follow the front,
  // and are recomputed when a war value next needs them, not every month the front moves.
  mutable std::vector<ActorConstants> actor_constants_;
  mutable bool status_quo_values_stale_ = false;
  // Inline: the bound on a renewed war asks it twice a month in a ceasefire.
  [[nodiscard]] double status_quo_value(int actor) const {
    if (status_quo_values_stale_) refresh_status_quo_values();
    return actor_constants_[static_cast<std::size_t>(actor)].status_quo_value;
  }
  void refresh_status_quo_values() const;
  int line_issue_ = -1;       // the issue that is a line of control, if any
  double line_front_ = -1.0;  // the front its status quo and status_quo_value were set at
  // Per actor, what the war decides for it: its value of the holder's victory against the
  // opponent's, in absolute value (relative pain, ripeness.cpp); a constant of the trial.
  std::vector<double> stakes_;
  IssueTable table_;
  IssueTable track_;  // two-track talks: the table of one track
  // The drift shift a renewed war starts from after half a peace window of both sides'
  // regrouping (the fear of reneging prices it); a constant of the trial.
  double regroup_shift_ = 0.0;
  Eigen::VectorXd weight_, disagreement_, holder_victory_, opponent_victory_, scratch_terms_;
  std::vector<bool> veto_;
  std::vector<bool> seated_;
  std::vector<bool> cares_;  // per actor: some issue is salient to it
  std::vector<double> regroup_;
  std::vector<std::uint64_t> concession_key_;  // per actor: names its war-of-attrition draws
  NashWorkspace workspace_;
  NashResult track_result_;
  Eigen::VectorXd screen_weight_;  // screening with a point prior: all the weight on the proposer
  TableView view_;
  ExitBracket brackets_[2];  // the holder's and the opponent's
  // The ceasefire's terms and their values to the holder and the opponent (review_ceasefire).
  std::vector<double> deal_terms_;
  double deal_values_[2] = {0.0, 0.0};
  bool deal_values_set_ = false;
  TrialState projection_;  // reneges: the ceasefire projected month by month

  // exit_of's pending cut-offs (AnticipationTables::pending), kept for the state and month they
  // were computed at while a PendingCutoffsScope is open: in its scope no state's aid, support or
  // amounts change, so every actor and drift priced on one state and month shares them.
  class PendingCutoffsScope {
   public:
    explicit PendingCutoffsScope(const Table& table) : table_(table) {
      table_.pending_open_ = true;
      table_.pending_state_ = nullptr;
    }
    ~PendingCutoffsScope() { table_.pending_open_ = false; }
    PendingCutoffsScope(const PendingCutoffsScope&) = delete;
    PendingCutoffsScope& operator=(const PendingCutoffsScope&) = delete;

   private:
    const Table& table_;
  };
  [[nodiscard]] const PendingCutoffs& pending_cutoffs(const Trial& trial) const;
  mutable PendingCutoffs pending_;
  mutable const TrialState* pending_state_ = nullptr;
  mutable bool pending_open_ = false;
  // What pending_'s branches were filled from (pending_cutoffs reuses them while these hold).
  mutable bool pending_branches_set_ = false;
  mutable unsigned pending_sets_ = 0, pending_certain_ = 0;
  mutable std::vector<double> pending_amounts_;
};

// `parley solve`: the table at month 0 at the scenario's central parameter point (every
// distribution at its mean).
struct SolveReport {
  TableView view;
  std::vector<std::pair<double, double>>
      issue_ranges;                 // per issue: values every veto player accepts (others at the deal), or (nan, nan)
  bool commitment_problem = false;  // a deal exists without the fear of reneging, but not with it
  NashResult deal_without_fear;
};
[[nodiscard]] SolveReport solve_at_month_zero(const Scenario& scenario);

}  // namespace parley::bargaining
