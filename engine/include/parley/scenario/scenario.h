// The typed scenario: everything a run needs, validated, with no JSON left in it.
//
// Where it sits: scenario JSON -> load_scenario_file() (scenario/load.h) -> Scenario -> draw one
// trial's parameters (scenario/draw.h) -> model and bargaining. MODEL.md sections 2-4 name the
// quantities; docs/model.md gives the equations that use them and docs/scenario-format.md the
// JSON spelling of each field.
//
// Parameter groups are templates over the value type: `BasicX<Uncertain>` is what the user
// wrote (a number or a distribution per field) and `BasicX<double>` is one trial's draw. Each
// group lists its fields once, in `for_each_field`, with the JSON key, the allowed domain, a
// default where one is sensible, and a description; the loader, the JSON Schema, the docs and
// the per-trial draw all read that one list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/scenario/uncertain.h"

namespace parley {

// Describes one field of a parameter group.
struct FieldInfo {
  const char* key;                        // JSON key
  Domain domain;                          // allowed values (for distributions: the whole support)
  std::optional<double> default_value;    // absent: the field is required
  const char* description;                // one line, with the unit
};

// Calls fn(FieldInfo, getter) where getter(group) returns a reference to the field; the same
// getter works for BasicX<Uncertain> and BasicX<double>.
#define PARLEY_FIELD(member, domain, default_value, description) \
  fn(::parley::FieldInfo{#member, domain, default_value, description}, [](auto& g) -> auto& { return g.member; })

inline constexpr std::optional<double> kRequired = std::nullopt;

enum class Role { kBelligerent, kThirdParty };

// --- per-actor groups -------------------------------------------------------------------------

template <class V>
struct BasicPreferences {
  V discount_per_month{};  // delta: weight of next month's utility relative to this month's
  V cost_weight{};         // resolve: utility lost per unit of the actor's monthly cost
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(discount_per_month, kDiscountFactor, kRequired, "monthly discount factor delta in (0, 1]");
    PARLEY_FIELD(cost_weight, kNonNegative, 1.0, "utility lost per unit of monthly cost (resolve is its inverse)");
  }
};

template <class V>
struct BasicSupport {
  V initial_share{};       // P_0: share of the relevant public/elite backing the war effort
  V fatigue_per_month{};   // drift of P towards zero with the war's length
  V cost_sensitivity{};    // loss of P per unit of the actor's monthly cost
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_share, kShare, kRequired, "political support for the war effort at month 0, share in [0, 1]");
    PARLEY_FIELD(fatigue_per_month, kNonNegative, 0.0, "war fatigue: support lost per month, share per month");
    PARLEY_FIELD(cost_sensitivity, kNonNegative, 0.0, "support lost per unit of the actor's monthly cost, share per cost unit");
  }
};

// Belligerents only: military strength (abstract force units).
template <class V>
struct BasicForces {
  V initial_strength{};          // S_0
  V mobilisation_per_month{};    // new force units per month at full support and a healthy economy
  V lethality_per_month{};       // Lanchester coefficient: opponent units destroyed per unit of own effective power per month
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_strength, kPositive, kRequired, "military strength at month 0, force units");
    PARLEY_FIELD(mobilisation_per_month, kNonNegative, 0.0, "force units raised per month at full support and a healthy economy");
    PARLEY_FIELD(lethality_per_month, kNonNegative, 0.0, "opponent force units destroyed per unit of own effective power per month");
  }
};

// Belligerents only: a normal belief about the front's drift, updated by the Kalman rule.
template <class V>
struct BasicBelief {
  V prior_mean_drift_per_month{};  // m_0
  V prior_sd_drift_per_month{};    // sqrt(v_0)
  V drift_volatility_per_month{};  // sd of the believed month-to-month change of the drift (process noise)
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(prior_mean_drift_per_month, kAnyReal, kRequired, "prior mean of the front's drift, territory share per month (positive favours the holder)");
    PARLEY_FIELD(prior_sd_drift_per_month, kPositive, kRequired, "prior standard deviation of the drift, territory share per month");
    PARLEY_FIELD(drift_volatility_per_month, kNonNegative, 0.0, "believed month-to-month change of the drift (Kalman process noise), share per month");
  }
};

// An actor's stance on one issue.
template <class V>
struct BasicPosition {
  V ideal{};     // ideal point on the issue in [0, 1]
  V salience{};  // weight of the issue in the actor's utility
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(ideal, kShare, kRequired, "ideal point on the issue, in [0, 1]");
    PARLEY_FIELD(salience, kNonNegative, kRequired, "weight of the issue in the actor's utility (saliences are normalised per actor)");
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
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_front_share, kOpenShare, kRequired, "x_0: share of the contested territory held by the holder, in (0, 1)");
    PARLEY_FIELD(volatility_per_sqrt_month, kNonNegative, kRequired, "sigma: standard deviation of the front's monthly change, share per sqrt(month)");
    PARLEY_FIELD(power_elasticity_per_month, kNonNegative, 0.0, "beta: drift per unit of log power ratio, share per month");
    PARLEY_FIELD(defence_bias_per_month, kAnyReal, 0.0, "drift at equal effective power, share per month (positive favours the holder)");
    PARLEY_FIELD(intensity, kNonNegative, 1.0, "fighting intensity: multiplies attrition");
    PARLEY_FIELD(walk_step_share, (Domain{0.0, 0.5, true, false}), 0.05, "random-walk process only: step size h, share of territory");
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
  kAsLongAsItTakes,   // flows while the patron's support stays above its floor
  kUntil,             // stops at end_month, or earlier at a perceived stalemate (003)
  kConditionalOnTalks,// flows only while the recipient is willing to negotiate (001); the
                      // bargaining layer decides willingness; before it, treated as flowing
  kNone,              // no aid (e.g. after an election switch)
};

struct AidPolicy {
  AidPolicyKind kind = AidPolicyKind::kAsLongAsItTakes;
  int end_month = -1;                  // kUntil: last month with aid; -1 = no date
  bool stop_on_stalemate = false;      // kUntil: stop once the front has stalled
  int stalemate_window_months = 6;     // a stalemate: the front moved less than the band over this window
  double stalemate_band_share = 0.02;
};

template <class V>
struct BasicAidFlow {
  V amount_per_month{};       // aid units per month
  V effectiveness{};          // E_recipient = S_recipient (1 + sum effectiveness * amount)
  V support_floor_share{};    // aid stops while the patron's support is below this
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(amount_per_month, kNonNegative, kRequired, "aid delivered per month while it flows, aid units (also the patron's monthly cost)");
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
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(initial_level_share, kShare, kRequired, "sanctions level s at month 0, in [0, 1]");
    PARLEY_FIELD(economy_drag_per_month, kNonNegative, 0.0, "economy index lost per unit of sanctions per month");
    PARLEY_FIELD(economy_recovery_per_month, kShare, 0.0, "share of the gap to full economic health closed per month (adaptation)");
    PARLEY_FIELD(crisis_base_hazard_per_month, kNonNegative, 0.0, "hazard of an economic/political crisis with no strain, per month");
    PARLEY_FIELD(crisis_hazard_per_strain, kNonNegative, 0.0, "extra crisis hazard per unit of strain (1 - economy index), per month");
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
  template <class Fn> static void for_each_field(Fn&& fn) {
    PARLEY_FIELD(probability, kShare, 1.0, "chance the event happens (per month when it has no month)");
    PARLEY_FIELD(delta_share, (Domain{-1.0, 1.0}), 0.0, "support shock: change of the actor's support share");
  }
};

struct EventSpec {
  std::string id;
  EventKind kind = EventKind::kSupportShock;
  int actor = -1;
  int month = -1;  // 1-based month at which it fires; -1: may fire any month (shocks only)
  std::optional<AidPolicy> new_aid_policy;  // elections
  BasicEventParams<Uncertain> params;
};

// --- actors, issues, scenario -----------------------------------------------------------------

struct IssueSpec {
  std::string id;
  std::string name;
  std::vector<int> owners;   // actors whose consent a change on this issue needs
  double status_quo = 0.0;   // value while off the table or without a deal
};

struct ActorSpec {
  std::string id;    // short name used for references: "UKR"
  std::string name;  // display name
  Role role = Role::kBelligerent;
  BasicPreferences<Uncertain> preferences;
  BasicSupport<Uncertain> support;
  std::optional<BasicForces<Uncertain>> forces;  // belligerents
  std::optional<BasicBelief<Uncertain>> belief;  // belligerents
  std::vector<BasicPosition<Uncertain>> positions;  // one per issue, in the scenario's issue order
};

// Which mechanisms run. Switching them off reduces the model to its canonical special cases.
struct Mechanisms {
  bool strength = true;   // mobilisation and attrition; off: strengths stay at their initial values
  bool aid = true;
  bool support = true;    // support dynamics; off: support stays at its initial value
  bool sanctions = true;  // economy drag and the crisis hazard
  bool beliefs = true;
  bool events = true;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;       // file it was loaded from, "" for a string
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

  // Index of the actor with this id, or -1.
  [[nodiscard]] int actor_index(const std::string& id) const;
  [[nodiscard]] int issue_index(const std::string& id) const;
};

}  // namespace parley
