// The typed scenario: everything a run needs, validated, with no JSON left in it.
//
// Where it sits: scenario JSON -> load_scenario_file() (scenario/load.h) -> Scenario -> draw one
// trial's parameters (scenario/draw.h) -> model and bargaining. docs/model.md sections 2-8 name the
// quantities and give the equations that use them, docs/scenario-format.md the JSON spelling of
// each field.
//
// Parameter groups are templates over the value type: `BasicX<Uncertain>` is what the user
// wrote (a number or a distribution per field) and `BasicX<double>` is one trial's draw. Each
// group lists its fields once, in `for_each_field`, with the JSON key, the allowed domain, a
// default where one is sensible, and a description; the loader, the JSON Schema, the docs and
// the per-trial draw all read that one list.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/scenario/solution_concept.h"
#include "parley/scenario/talks_format.h"
#include "parley/scenario/uncertain.h"

namespace parley {

// Describes one field of a parameter group.
struct FieldInfo {
  const char* key;                      // JSON key
  Domain domain;                        // allowed values (for distributions: the whole support)
  std::optional<double> default_value;  // absent: the field is required
  const char* description;              // one line, with the unit
};

// Calls fn(FieldInfo, getter) where getter(group) returns a reference to the field; the same
// getter works for BasicX<Uncertain> and BasicX<double>.
#define PARLEY_FIELD(member, domain, default_value, description) \
  fn(                                                            \
      ::parley::FieldInfo{#member, domain, default_value, description}, [](auto& g) -> auto& { return g.member; })

inline constexpr std::optional<double> kRequired = std::nullopt;

enum class Role { kBelligerent, kThirdParty };

// --- per-actor groups -------------------------------------------------------------------------

template <class V>
struct BasicPreferences {
  V discount_per_month{};  // delta: weight of next month's utility relative to this month's
  V cost_weight{};         // resolve: utility lost per unit of the actor's monthly cost
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(discount_per_month, kDiscountFactor, kRequired, "monthly discount factor delta in (0, 1]");
    PARLEY_FIELD(cost_weight, kNonNegative, 1.0, "utility lost per unit of monthly cost (resolve is its inverse)");
  }
};

template <class V>
struct BasicSupport {
  V initial_share{};      // P_0: share of the relevant public/elite backing the war effort
  V fatigue_per_month{};  // drift of P towards zero with the war's length
  V cost_sensitivity{};   // loss of P per unit of the actor's monthly cost
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_share, kShare, kRequired, "political support for the war effort at month 0, share in [0, 1]");
    PARLEY_FIELD(fatigue_per_month, kNonNegative, 0.0, "war fatigue: support lost per month, share per month");
    PARLEY_FIELD(cost_sensitivity, kNonNegative, 0.0,
                 "support lost per unit of the actor's monthly cost, share per cost unit");
  }
};

// Belligerents only: military strength (abstract force units).
template <class V>
struct BasicForces {
  V initial_strength{};        // S_0
  V mobilisation_per_month{};  // new force units per month at full support and a healthy economy
  V lethality_per_month{};     // Lanchester coefficient: opponent units destroyed per unit of own effective power per
                               // month
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_strength, kPositive, kRequired, "military strength at month 0, force units");
    PARLEY_FIELD(mobilisation_per_month, kNonNegative, 0.0,
                 "force units raised per month at full support and a healthy economy");
    PARLEY_FIELD(lethality_per_month, kNonNegative, 0.0,
                 "opponent force units destroyed per unit of own effective power per month");
  }
};

// Belligerents only: a normal belief about the front's drift, updated by the Kalman rule.
template <class V>
struct BasicBelief {
  V prior_mean_drift_per_month{};  // m_0
  V prior_sd_drift_per_month{};    // sqrt(v_0)
  V drift_volatility_per_month{};  // sd of the believed month-to-month change of the drift (process noise)
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(prior_mean_drift_per_month, kAnyReal, kRequired,
                 "prior mean of the front's drift, territory share per month (positive favours the holder)");
    PARLEY_FIELD(prior_sd_drift_per_month, kPositive, kRequired,
                 "prior standard deviation of the drift, territory share per month");
    PARLEY_FIELD(drift_volatility_per_month, kNonNegative, 0.0,
                 "believed month-to-month change of the drift (Kalman process noise), share per month");
  }
};

// An actor's stance on one issue.
template <class V>
struct BasicPosition {
  V ideal{};     // ideal point on the issue in [0, 1]
  V salience{};  // weight of the issue in the actor's utility
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(ideal, kShare, kRequired, "ideal point on the issue, in [0, 1]");
    PARLEY_FIELD(salience, kNonNegative, kRequired,
                 "weight of the issue in the actor's utility (saliences are normalised per actor)");
  }
};

// --- battlefield ------------------------------------------------------------------------------

enum class FrontProcess {
  kDiffusion,   // Brownian motion with drift, Brownian-bridge barrier test inside each month
  kRandomWalk,  // steps of +-walk_step_share; the gambler's-ruin reduction
};

template <class V>
struct BasicBattlefield {
  V initial_front_share{};         // x_0: share of the contested territory the holder holds
  V volatility_per_sqrt_month{};   // sigma
  V power_elasticity_per_month{};  // beta in mu = beta ln(E_holder / E_opponent) + bias
  V defence_bias_per_month{};      // drift at equal power (positive favours the holder)
  V intensity{};                   // scales attrition (fighting intensity)
  V walk_step_share{};             // random walk only: step size h; x moves +-h each month
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_front_share, kOpenShare, kRequired,
                 "x_0: share of the contested territory held by the holder, in (0, 1)");
    PARLEY_FIELD(volatility_per_sqrt_month, kNonNegative, kRequired,
                 "sigma: standard deviation of the front's monthly change, share per sqrt(month)");
    PARLEY_FIELD(power_elasticity_per_month, kNonNegative, 0.0,
                 "beta: drift per unit of log power ratio, share per month");
    PARLEY_FIELD(defence_bias_per_month, kAnyReal, 0.0,
                 "drift at equal effective power, share per month (positive favours the holder)");
    PARLEY_FIELD(intensity, kNonNegative, 1.0, "fighting intensity: multiplies attrition");
    PARLEY_FIELD(walk_step_share, (Domain{0.0, 0.5, true, false}), 0.05,
                 "random-walk process only: step size h, share of territory");
  }
};

struct BattlefieldSpec {
  int holder = 0;    // actor index whose share of the territory is x (Ukraine in shipped scenarios)
  int opponent = 1;  // the other belligerent (Russia)
  FrontProcess process = FrontProcess::kDiffusion;
  BasicBattlefield<Uncertain> params;
};

// --- aid --------------------------------------------------------------------------------------

enum class AidPolicyKind {
  kAsLongAsItTakes,     // flows while the patron's support stays above its floor
  kUntil,               // stops at end_month, or earlier at a perceived stalemate (003)
  kConditionalOnTalks,  // withheld while the recipient refuses talks its rival offers (001;
                        // bargaining/table/conditional_aid.cpp); without a bargaining block, flows
  kNone,                // no aid (e.g. after an election switch)
};

struct AidPolicy {
  AidPolicyKind kind = AidPolicyKind::kAsLongAsItTakes;
  int end_month = -1;               // kUntil: last month with aid; -1 = no date
  bool stop_on_stalemate = false;   // kUntil: stop once the front has stalled
  int stalemate_window_months = 6;  // a stalemate: the front moved less than the band over this window
  double stalemate_band_share = 0.02;
};

template <class V>
struct BasicAidFlow {
  V amount_per_month{};     // aid units per month
  V effectiveness{};        // E_recipient = S_recipient (1 + sum effectiveness * amount)
  V support_floor_share{};  // aid stops while the patron's support is below this
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(amount_per_month, kNonNegative, kRequired,
                 "aid delivered per month while it flows, aid units (also the patron's monthly cost)");
    PARLEY_FIELD(effectiveness, kNonNegative, kRequired, "gain in the recipient's effective power per aid unit");
    PARLEY_FIELD(support_floor_share, kShare, 0.0, "aid stops while the patron's support is below this share");
  }
};

struct AidSpec {
  int patron = -1;
  int recipient = -1;
  AidPolicy policy;
  BasicAidFlow<Uncertain> flow;
};

// --- sanctions and the target's economy -------------------------------------------------------

template <class V>
struct BasicSanctions {
  V initial_level_share{};           // s_0 in [0, 1]
  V economy_drag_per_month{};        // fall of the economy index per unit of sanctions per month
  V economy_recovery_per_month{};    // share of the gap to the unsanctioned level closed per month
  V crisis_base_hazard_per_month{};  // crisis hazard with no strain
  V crisis_hazard_per_strain{};      // extra hazard per unit of strain (1 - economy index)
  V crisis_support_drop_share{};     // the target's support lost in a crisis
  V crisis_strength_loss_share{};    // share of the target's strength lost in a crisis
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_level_share, kShare, kRequired, "sanctions level s at month 0, in [0, 1]");
    PARLEY_FIELD(economy_drag_per_month, kNonNegative, 0.0, "economy index lost per unit of sanctions per month");
    PARLEY_FIELD(economy_recovery_per_month, kShare, 0.0,
                 "share of the gap to full economic health closed per month (adaptation)");
    PARLEY_FIELD(crisis_base_hazard_per_month, kNonNegative, 0.0,
                 "hazard of an economic/political crisis with no strain, per month");
    PARLEY_FIELD(crisis_hazard_per_strain, kNonNegative, 0.0,
                 "extra crisis hazard per unit of strain (1 - economy index), per month");
    PARLEY_FIELD(crisis_support_drop_share, kShare, 0.0, "share of the target's support lost when a crisis strikes");
    PARLEY_FIELD(crisis_strength_loss_share, kShare, 0.0, "share of the target's strength lost when a crisis strikes");
  }
};

struct SanctionsSpec {
  std::vector<int> holders;  // actors who impose (and can lift) the sanctions
  int target = -1;           // the sanctioned belligerent
  BasicSanctions<Uncertain> params;
};

// --- events -----------------------------------------------------------------------------------

enum class EventKind {
  kElection,      // at `month`, with `probability`, the actor's aid switches to `new_aid_policy`
  kSupportShock,  // at `month` (or each month with `probability` when month is -1), support moves by delta
};

template <class V>
struct BasicEventParams {
  V probability{};  // election: chance of the policy switch; shock: chance it happens
  V delta_share{};  // shock: change of the actor's support
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(probability, kShare, 1.0, "chance the event happens (per month when it has no month)");
    PARLEY_FIELD(delta_share, (Domain{-1.0, 1.0}), 0.0, "support shock: change of the actor's support share");
  }
};

struct EventSpec {
  std::string id;
  EventKind kind = EventKind::kSupportShock;
  int actor = -1;
  int month = -1;                           // 1-based month at which it fires; -1: may fire any month (shocks only)
  std::optional<AidPolicy> new_aid_policy;  // elections
  BasicEventParams<Uncertain> params;
};

// --- bargaining (docs/model.md section 10, "The bargaining layer") -----------------------------

// TalksFormat (talks_format.h) and SolutionConcept (solution_concept.h): one row each.
enum class UtilityShape { kLinear, kQuadratic };

template <class V>
struct BasicTalks {
  V stalemate_horizon_months{};  // a stalemate: no decisive change expected within this many months
  V stalemate_band_share{};      // a decisive change: expected front movement of at least this
  V pain_threshold{};            // monthly cost, in utility, above which a belligerent is hurting
  V pain_share_of_stakes{};      // the same as a share of what the war decides for the side (its stakes)
  V mediation_share{};           // mediated talks: share of the gap between the sides' beliefs closed
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(stalemate_horizon_months, kPositive, 12.0,
                 "a stalemate: no decisive change of the front expected within this many months");
    PARLEY_FIELD(stalemate_band_share, kOpenShare, 0.05,
                 "a decisive change: expected movement of the front of at least this share");
    PARLEY_FIELD(pain_threshold, kNonNegative, 0.0,
                 "monthly cost, in utility units (cost_weight times cost), above which a belligerent is hurting");
    PARLEY_FIELD(pain_share_of_stakes, kNonNegative, 0.0,
                 "monthly cost as a share of the side's stakes (the value of its own victory against its rival's) "
                 "above which, on top of pain_threshold, a belligerent is hurting; draw it per trial for a "
                 "perception that differs between trials");
    PARLEY_FIELD(mediation_share, kShare, 0.5,
                 "mediated talks: share of the gap between the belligerents' beliefs that the mediator closes");
  }
};

template <class V>
struct BasicCommitment {
  V mistrust_prob{};              // perceived chance the rival reneges during the peace window
  V guarantee_deterrence{};       // rise of a violator's monthly cost of renewed war, per unit of guarantee
  V monitoring_detection_prob{};  // chance a violation is seen (OSCE monitoring)
  V snapback_sanctions_share{};   // sanctions restored to at least this level after a seen violation
  V trust_gain_per_month{};       // small steps: share of mistrust removed per month of partial deals
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(mistrust_prob, kShare, 0.5,
                 "perceived chance that the rival reneges on a deal during the peace window, before guarantees");
    PARLEY_FIELD(guarantee_deterrence, kNonNegative, 0.0,
                 "share by which a full security guarantee (issue at 1) raises the monthly cost of a renewed war "
                 "to the side that broke the deal");
    PARLEY_FIELD(monitoring_detection_prob, kShare, 0.0,
                 "chance a violation is detected (monitoring), which triggers sanction snap-back");
    PARLEY_FIELD(snapback_sanctions_share, kShare, 0.0, "sanctions level restored after a detected violation");
    PARLEY_FIELD(trust_gain_per_month, kShare, 0.0,
                 "small steps: share of mistrust removed per month of partial agreements");
  }
};

// An actor's place at the table.
template <class V>
struct BasicActorBargaining {
  V weight{};                   // Nash bargaining weight (bargaining power)
  V regroup_share_per_month{};  // strength gained per month of ceasefire (the Minsk pattern, 003)
  V attrition_prize{};          // belligerents: the prize of a war of attrition, utility units; 0: none
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(weight, kNonNegative, 1.0, "bargaining weight (power) in the Nash product");
    PARLEY_FIELD(regroup_share_per_month, kNonNegative, 0.0,
                 "share of strength regained per month of ceasefire (regrouping)");
    PARLEY_FIELD(attrition_prize, kNonNegative, 0.0,
                 "belligerents: value of the rival's concession in a war of attrition, in the utility units of "
                 "cost_weight times monthly cost (0: no war of attrition)");
  }
};

// A third party's demand on a belligerent with a deadline, backed by a threat and an inducement
// (George 1991; Schelling 1966).
template <class V>
struct BasicCoercion {
  V demand{};                   // the value of the demanded issue
  V threat_aid_per_month{};     // extra aid to the other side if the demand is refused
  V threat_sanctions_share{};   // extra sanctions if refused
  V threat_credibility{};       // chance a threat is carried out
  V inducement_relief_share{};  // sanctions lifted on compliance
  V inducement_credibility{};   // chance the inducement is delivered
  template <class Fn>
  static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(demand, kShare, kRequired, "the demanded value of the issue");
    PARLEY_FIELD(threat_aid_per_month, kNonNegative, 0.0,
                 "stick: extra aid units per month to the target's opponent if the demand is refused");
    PARLEY_FIELD(threat_sanctions_share, kShare, 0.0,
                 "stick: increase of the sanctions level if the demand is refused");
    PARLEY_FIELD(threat_credibility, kShare, 0.0, "chance the threat is carried out");
    PARLEY_FIELD(inducement_relief_share, kShare, 0.0,
                 "carrot: sanctions relief on compliance, share of the current level");
    PARLEY_FIELD(inducement_credibility, kShare, 0.0, "chance the inducement is delivered");
  }
};

struct CoercionSpec {
  std::string id;
  int by = -1;      // the coercing third party
  int target = -1;  // the belligerent coerced
  int issue = -1;   // the demand is about this issue
  int deadline_month = 1;
  BasicCoercion<Uncertain> params;
};

struct BargainingSpec {
  TalksFormat format = TalksFormat::kBilateral;
  SolutionConcept solution = SolutionConcept::kNash;
  UtilityShape utility = UtilityShape::kQuadratic;
  int forced_talks_month = -1;   // talks open at this month whatever ripeness says (pressure, a summit)
  int review_every_months = 1;   // talks are considered every this many months
  int peace_window_months = 60;  // months after a deal in which it can break down
  // Months a ceasefire without a deal (a freeze) must hold to end the war as an armistice; the
  // loader's default is peace_window_months, the test a deal passes to be a settlement.
  int armistice_after_months = 60;
  bool small_steps = false;  // partial agreements while no full deal is possible (002)
  int territory_issue = -1;  // the issue linked to the front (victory terms, ceasefire line)
  int guarantee_issue = -1;  // the issue whose value deters violations
  int sanctions_issue = -1;  // the issue whose value lifts sanctions after a deal
  // Alternating offers with one offer per review (Rubinstein 1982; Stahl 1972) instead of the
  // frequent-offers limit: the belligerent who proposes first, and the number of rounds before
  // talks fail (0: no limit).
  int first_proposer = -1;
  int offer_rounds = 0;
  // One-sided private information (Fearon 1995; Powell 2004): the responder whose cost weight is
  // its private type. The proposer knows only the scenario's prior of it, makes the ultimatum
  // that screens best at each review, and learns from each rejection (bargaining/table/screening.cpp).
  int private_cost = -1;
  // "feared_breakdown": "consistent": the chance of a breakdown a side fears (commitment's
  // mistrust_prob) is not stated but solved by compile() as the breakdown rate of the deals the
  // model itself produces with that fear, a fixed point (sim/model.cpp; docs/model.md 10).
  bool consistent_fear = false;
  BasicTalks<Uncertain> talks;
  BasicCommitment<Uncertain> commitment;
  std::vector<BasicActorBargaining<Uncertain>> actors;  // one per actor
  std::vector<CoercionSpec> coercion;
};

// --- actors, issues, scenario -----------------------------------------------------------------

struct IssueSpec {
  std::string id;
  std::string name;
  std::vector<int> owners;  // actors whose consent a change on this issue needs
  double status_quo = 0.0;  // value while off the table or without a deal
  // A line of control: measured as the front is (the holder's share of the contested territory),
  // its status quo each month is the front, a victory the victor's full claim (docs/model.md 10).
  bool line_of_control = false;
};

struct ActorSpec {
  std::string id;    // short name used for references: "UKR"
  std::string name;  // display name
  Role role = Role::kBelligerent;
  BasicPreferences<Uncertain> preferences;
  BasicSupport<Uncertain> support;
  std::optional<BasicForces<Uncertain>> forces;     // belligerents
  std::optional<BasicBelief<Uncertain>> belief;     // belligerents
  std::vector<BasicPosition<Uncertain>> positions;  // one per issue, in the scenario's issue order
};

// Which mechanisms run. Switching them off reduces the model to its canonical special cases.
struct Mechanisms {
  bool strength = true;  // mobilisation and attrition; off: strengths stay at their initial values
  bool aid = true;
  bool support = true;    // support dynamics; off: support stays at its initial value
  bool sanctions = true;  // economy drag and the crisis hazard
  bool beliefs = true;
  bool events = true;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;         // file it was loaded from, "" for a string
  std::uint64_t content_hash = 0;  // FNV-1a of the canonical JSON (key order and spacing do not matter)
  int horizon_months = 0;
  std::int64_t default_trials = 0;
  std::uint64_t default_seed = 0;
  Mechanisms mechanisms;
  std::vector<ActorSpec> actors;
  std::vector<IssueSpec> issues;
  BattlefieldSpec battlefield;
  std::vector<AidSpec> aid;
  std::optional<SanctionsSpec> sanctions;
  std::vector<EventSpec> events;
  std::optional<BargainingSpec> bargaining;  // absent: the war ends only on the battlefield
  // A "treaty" block is not read here: treaty/ reads it from the document (treaty/draft_input.h).

  // Index of the actor with this id, or -1.
  [[nodiscard]] int actor_index(const std::string& id) const;
  [[nodiscard]] int issue_index(const std::string& id) const;
};

// Where an uncertain parameter sits. `name` names actors, aid flows and events by id, for people
// ("/actors/UKR/support/initial_share", "/aid/USA->UKR/amount_per_month"); `pointer` is the JSON
// pointer of the same value in the scenario document ("/actors/0/support/initial_share",
// "/aid/0/amount_per_month"), the one sweeps and with_changes edit.
struct ParameterSite {
  std::string name;
  std::string pointer;
};

// Calls fn(site, parameter) for every uncertain parameter of the scenario, in a fixed order.
void for_each_parameter(const Scenario& scenario,
                        const std::function<void(const ParameterSite& site, const Uncertain& parameter)>& fn);

}  // namespace parley
