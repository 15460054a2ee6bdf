// The scenario loader: walks a document section by section, fills the typed Scenario and
// collects every problem on the way (load.h says what is checked and how it is reported).
//
// Sections are read in dependency order: issues (their ids), actors (which need the issue ids
// for positions), then everything that refers to actors. Invalid ids are kept as "" so that
// later references to them fail once without shifting anyone else's index.
#include "parley/scenario/load.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "parley/core/error.h"
#include "parley/core/files.h"
#include "parley/core/random.h"
#include "parley/input/json_reader.h"
#include "scenario/format_keys.h"
#include "scenario/parameter_input.h"

namespace parley {

namespace {

using namespace scenario_input;
using namespace input;

// A limit of load.h, as a rule that enforces it names it.
constexpr Limit load_limit(const char* name) {
  return {name, kScenarioLimitsHeader};
}

std::vector<std::string> concat(std::vector<std::string> keys, const std::vector<std::string>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

std::string quoted(const std::string& text) {
  return Json(text).dump();
}

class Loader {
 public:
  explicit Loader(const Json& doc) : doc_(doc), top_(doc, "", issues_) {}

  Scenario run(const std::string& source_name) {
    if (!top_.is_object()) issues_.throw_if_any(source_name);
    top_.reject_unknown_keys(kScenarioKeys);
    read_header();
    read_issues();
    read_actors();
    resolve_issue_owners();
    read_battlefield();
    read_aid();
    read_sanctions();
    read_events();
    read_bargaining();
    check_line_of_control();
    issues_.throw_if_any(source_name);
    scenario_.content_hash = fnv1a64(doc_.dump(-1, ' ', false, Json::error_handler_t::replace));
    return std::move(scenario_);
  }

 private:
  // --- top level ------------------------------------------------------------------------------

  void read_header() {
    scenario_.name = top_.string("name", true).value_or("");
    if (const Json* description = top_.find("description")) {
      if (description->is_string()) {
        scenario_.description = description->get<std::string>();
      } else {
        issues_.add("/description", "must be a string", compact_value(*description));
      }
    }
    if (const auto horizon =
            top_.integer("horizon_months", 1, kMaxHorizonMonths, true, load_limit("kMaxHorizonMonths"))) {
      scenario_.horizon_months = static_cast<int>(*horizon);
      horizon_limit_ = scenario_.horizon_months;
    }
    scenario_.default_trials =
        top_.integer("trials", 1, kMaxTrials, false, load_limit("kMaxTrials")).value_or(kDefaultTrials);
    scenario_.default_seed = kDefaultSeed;
    if (const Json* seed = top_.find("seed")) read_seed(*seed);
    if (const Json* mechanisms = top_.find("mechanisms")) {
      const ObjectReader reader(*mechanisms, "/mechanisms", issues_);
      std::vector<std::string> known;
      for (const auto& flag : kMechanismFlags) known.emplace_back(flag.key);
      reader.reject_unknown_keys(known);
      for (const auto& flag : kMechanismFlags)
        if (const auto on = reader.boolean(flag.key, false)) scenario_.mechanisms.*flag.member = *on;
    }
  }

  void read_seed(const Json& seed) {
    if (seed.is_number_unsigned()) {
      scenario_.default_seed = seed.get<std::uint64_t>();
      return;
    }
    // 2^53: the largest range in which a double (1e6 written as 1e6) names one integer.
    if (seed.is_number_float()) {
      const double value = seed.get<double>();
      if (value >= 0.0 && value <= 9007199254740992.0 && std::floor(value) == value) {
        scenario_.default_seed = static_cast<std::uint64_t>(value);
        return;
      }
    }
    issues_.add("/seed", "must be an integer in [0, " + std::to_string(std::numeric_limits<std::uint64_t>::max()) + "]",
                compact_value(seed));
  }

  // --- issues ---------------------------------------------------------------------------------

  void read_issues() {
    issues_listed_ = !top_.has("issues");
    const Json* list = top_.array("issues", kMaxIssues, load_limit("kMaxIssues"), false);
    if (list == nullptr) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string pointer = child_pointer("/issues", i);
      const ObjectReader reader((*list)[i], pointer, issues_);
      IssueSpec issue;
      issue_ids_.push_back(unique_id(reader, issue_ids_, "/issues"));
      issue.id = issue_ids_.back();
      if (reader.is_object()) {
        reader.reject_unknown_keys(kIssueKeys);
        issue.name = reader.string("name", false).value_or(issue.id);
        issue.status_quo = reader.number("status_quo", kShare, false).value_or(0.0);
        issue.line_of_control = reader.boolean("line_of_control", false).value_or(false);
        // Its status quo is the front, month by month: a fixed one would contradict it.
        if (issue.line_of_control && reader.has("status_quo"))
          issues_.add(reader.pointer_of("status_quo"),
                      "must be absent on a line of control (its status quo is the front, "
                      "/battlefield/initial_front_share at month 0)");
        if (const Json* owners = reader.array("owners", kMaxActors, load_limit("kMaxActors"), true))
          pending_owners_.push_back({owners, reader.pointer_of("owners"), i});
      }
      scenario_.issues.push_back(std::move(issue));
    }
    issues_listed_ =
        std::none_of(issue_ids_.begin(), issue_ids_.end(), [](const std::string& id) { return id.empty(); });
  }

  // An id that must be unique within `ids` (the ids read so far); "" when invalid.
  std::string unique_id(const ObjectReader& reader, const std::vector<std::string>& ids, const std::string& list) {
    const auto id = reader.identifier("id", true);
    if (!id) return "";
    for (std::size_t j = 0; j < ids.size(); ++j) {
      if (ids[j] == *id) {
        issues_.add(reader.pointer_of("id"), "must be unique: " + child_pointer(list, j) + " has the same id",
                    quoted(*id));
        return "";
      }
    }
    return *id;
  }

  void resolve_issue_owners() {
    for (const auto& pending : pending_owners_) {
      auto& owners = scenario_.issues[pending.issue].owners;
      if (pending.list->empty())
        issues_.add(pending.pointer, "must name at least one owner (an actor whose consent the issue needs)");
      read_actor_list(*pending.list, pending.pointer, owners, "owner");
    }
  }

  // A list of actor ids without repeats, into indices.
  void read_actor_list(const Json& list, const std::string& pointer, std::vector<int>& out, const char* what) {
    for (std::size_t j = 0; j < list.size(); ++j) {
      const std::string entry = child_pointer(pointer, j);
      if (!actors_listed_) continue;
      const int index = resolve_name(list[j], entry, actor_ids_, "an actor", issues_);
      if (index < 0) continue;
      if (std::find(out.begin(), out.end(), index) != out.end()) {
        issues_.add(entry, std::string("must not repeat an ") + what, compact_value(list[j]));
        continue;
      }
      out.push_back(index);
    }
  }

  // --- actors ---------------------------------------------------------------------------------

  void read_actors() {
    const Json* list = top_.array("actors", kMaxActors, load_limit("kMaxActors"), true);
    if (list == nullptr) return;
    if (list->empty()) issues_.add("/actors", "must list at least one actor", "[]");
    for (std::size_t i = 0; i < list->size(); ++i) read_actor((*list)[i], child_pointer("/actors", i));
    actors_listed_ = !list->empty() && std::none_of(actor_ids_.begin(), actor_ids_.end(),
                                                    [](const std::string& id) { return id.empty(); });
  }

  // An actor reference. While the actor list itself is broken (already reported), a name that
  // does not resolve says nothing new, so only its absence is reported.
  int actor_reference(const ObjectReader& reader, const char* key) {
    if (actors_listed_) return reader.reference(key, actor_ids_, "an actor", true);
    if (!reader.has(key)) reader.require(key);
    return -1;
  }

  void read_actor(const Json& node, const std::string& pointer) {
    const ObjectReader reader(node, pointer, issues_);
    ActorSpec actor;
    actor_ids_.push_back(unique_id(reader, actor_ids_, "/actors"));
    actor.id = actor_ids_.back();
    std::optional<Role> role;
    if (reader.is_object()) {
      reader.reject_unknown_keys(kActorKeys);
      actor.name = reader.string("name", false).value_or(actor.id);
      if (const auto name = reader.choice("role", names_of(kRoleNames), true)) role = value_of(kRoleNames, *name);
      const std::string logical = "/actors/" + actor.id;
      actor.preferences = read_group<BasicPreferences<Uncertain>>(reader, "preferences", logical + "/preferences");
      actor.support = read_group<BasicSupport<Uncertain>>(reader, "support", logical + "/support");
      if (role == Role::kBelligerent) {
        if (reader.has("forces")) {
          actor.forces = read_group<BasicForces<Uncertain>>(reader, "forces", logical + "/forces");
        } else {
          reader.require("forces", "a belligerent needs its military strength");
        }
        if (reader.has("belief")) {
          actor.belief = read_group<BasicBelief<Uncertain>>(reader, "belief", logical + "/belief");
        } else {
          reader.require("belief", "a belligerent needs its prior belief about the front's drift");
        }
      } else if (role == Role::kThirdParty) {
        reader.forbid("forces", "must be absent for a third party: only belligerents have forces");
        reader.forbid("belief", "must be absent for a third party: only belligerents hold beliefs about the front");
      }
      actor.positions = read_positions(reader, logical);
    }
    actor.role = role.value_or(Role::kBelligerent);
    roles_.push_back(role);
    scenario_.actors.push_back(std::move(actor));
  }

  // One position per issue in the scenario's order; an issue the actor does not mention sits
  // at its status quo with no weight.
  std::vector<BasicPosition<Uncertain>> read_positions(const ObjectReader& actor, const std::string& logical) {
    std::vector<BasicPosition<Uncertain>> positions(scenario_.issues.size());
    for (std::size_t k = 0; k < positions.size(); ++k) {
      positions[k] = read_fields<BasicPosition<Uncertain>>(nullptr, logical + "/positions/" + issue_ids_[k]);
      positions[k].ideal = Uncertain::fixed(scenario_.issues[k].status_quo);
      positions[k].salience = Uncertain::fixed(0.0);
      positions[k].ideal.set_key(fnv1a64(logical + "/positions/" + issue_ids_[k] + "/ideal"));
      positions[k].salience.set_key(fnv1a64(logical + "/positions/" + issue_ids_[k] + "/salience"));
    }
    const Json* node = actor.find("positions");
    if (node == nullptr) return positions;
    const ObjectReader reader(*node, actor.pointer_of("positions"), issues_);
    if (!reader.is_object()) return positions;
    for (const auto& [issue_id, value] : node->items()) {
      const std::string pointer = reader.pointer_of(issue_id);
      if (!issues_listed_) continue;
      const int k = resolve_name(Json(issue_id), pointer, issue_ids_, "an issue", issues_);
      if (k < 0) continue;
      const ObjectReader position(value, pointer, issues_);
      position.reject_unknown_keys(field_keys<BasicPosition<Uncertain>>());
      positions[static_cast<std::size_t>(k)] = read_fields<BasicPosition<Uncertain>>(
          position.is_object() ? &position : nullptr, logical + "/positions/" + issue_id);
    }
    return positions;
  }

  // An actor reference that must be a belligerent; -1 (reported) otherwise.
  int belligerent(const ObjectReader& reader, const char* key) {
    const int index = actor_reference(reader, key);
    if (index >= 0 && roles_[static_cast<std::size_t>(index)] == Role::kThirdParty) {
      issues_.add(reader.pointer_of(key),
                  "must be a belligerent: '" + actor_ids_[static_cast<std::size_t>(index)] + "' is a third party",
                  compact_value(*reader.find(key)));
      return -1;
    }
    return index;
  }

  // --- battlefield ----------------------------------------------------------------------------

  void read_battlefield() {
    const Json* node = top_.find("battlefield");
    if (node == nullptr) {
      top_.require("battlefield", "who holds the contested territory and how the front moves");
      return;
    }
    const ObjectReader reader(*node, "/battlefield", issues_);
    if (!reader.is_object()) return;
    reader.reject_unknown_keys(concat(kBattlefieldKeys, field_keys<BasicBattlefield<Uncertain>>()));
    BattlefieldSpec& battlefield = scenario_.battlefield;
    battlefield.holder = belligerent(reader, "holder");
    battlefield.opponent = belligerent(reader, "opponent");
    if (battlefield.holder >= 0 && battlefield.holder == battlefield.opponent)
      issues_.add("/battlefield/opponent", "must differ from the holder", compact_value(*reader.find("opponent")));
    if (const auto process = reader.choice("process", names_of(kProcessNames), false))
      battlefield.process = value_of(kProcessNames, *process);
    if (battlefield.process != FrontProcess::kRandomWalk)
      reader.forbid("walk_step_share", "applies only to \"process\": \"random_walk\"");
    battlefield.params = read_fields<BasicBattlefield<Uncertain>>(&reader, "/battlefield");
  }

  // --- aid ------------------------------------------------------------------------------------

  std::optional<AidPolicy> read_policy(const Json& node, const std::string& pointer) {
    const ObjectReader reader(node, pointer, issues_);
    if (!reader.is_object()) return std::nullopt;
    reader.reject_unknown_keys(kAidPolicyKeys);
    const auto kind = reader.choice("kind", names_of(kAidPolicyNames), true);
    if (!kind) return std::nullopt;
    AidPolicy policy;
    policy.kind = value_of(kAidPolicyNames, *kind);
    if (policy.kind != AidPolicyKind::kUntil) {
      for (std::size_t k = 1; k < kAidPolicyKeys.size(); ++k)
        reader.forbid(kAidPolicyKeys[k], "applies only to policy kind \"until\"");
      return policy;
    }
    policy.end_month = static_cast<int>(reader.integer("end_month", 1, horizon_limit_, false).value_or(-1));
    policy.stop_on_stalemate = reader.boolean("stop_on_stalemate", false).value_or(false);
    policy.stalemate_window_months = static_cast<int>(
        reader.integer("stalemate_window_months", 1, kMaxHorizonMonths, false, load_limit("kMaxHorizonMonths"))
            .value_or(policy.stalemate_window_months));
    policy.stalemate_band_share =
        reader.number("stalemate_band_share", kShare, false).value_or(policy.stalemate_band_share);
    if (!reader.has("end_month") && !policy.stop_on_stalemate)
      issues_.add(pointer, "kind \"until\" needs \"end_month\" or \"stop_on_stalemate\": true", compact_value(node));
    return policy;
  }

  void read_aid() {
    const Json* list = top_.array("aid", kMaxAidFlows, load_limit("kMaxAidFlows"), false);
    patrons_known_ = list != nullptr || !top_.has("aid");
    if (list == nullptr) return;
    std::map<std::pair<int, int>, std::size_t> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string pointer = child_pointer("/aid", i);
      const ObjectReader reader((*list)[i], pointer, issues_);
      if (!reader.is_object()) {
        patrons_known_ = false;
        continue;
      }
      reader.reject_unknown_keys(concat(kAidKeys, field_keys<BasicAidFlow<Uncertain>>()));
      AidSpec aid;
      aid.patron = actor_reference(reader, "patron");
      patrons_known_ = patrons_known_ && aid.patron >= 0;
      aid.recipient = belligerent(reader, "recipient");
      if (aid.patron >= 0 && aid.patron == aid.recipient)
        issues_.add(reader.pointer_of("recipient"), "must differ from the patron",
                    compact_value(*reader.find("recipient")));
      if (const Json* policy = reader.find("policy")) {
        if (auto parsed = read_policy(*policy, reader.pointer_of("policy"))) aid.policy = *parsed;
      }
      std::string logical = "/aid/" + std::to_string(i);
      if (aid.patron >= 0 && aid.recipient >= 0) {
        const std::string flow = actor_ids_[static_cast<std::size_t>(aid.patron)] + "->" +
                                 actor_ids_[static_cast<std::size_t>(aid.recipient)];
        logical = "/aid/" + flow;
        const auto [it, inserted] = seen.emplace(std::make_pair(aid.patron, aid.recipient), i);
        if (!inserted)
          issues_.add(pointer,
                      "must not repeat the flow " + flow + " already given at " + child_pointer("/aid", it->second));
      }
      aid.flow = read_fields<BasicAidFlow<Uncertain>>(&reader, logical);
      scenario_.aid.push_back(std::move(aid));
    }
  }

  // --- sanctions ------------------------------------------------------------------------------

  void read_sanctions() {
    const Json* node = top_.find("sanctions");
    if (node == nullptr) return;
    const ObjectReader reader(*node, "/sanctions", issues_);
    if (!reader.is_object()) return;
    reader.reject_unknown_keys(concat(kSanctionsKeys, field_keys<BasicSanctions<Uncertain>>()));
    SanctionsSpec sanctions;
    sanctions.target = belligerent(reader, "target");
    if (const Json* holders = reader.array("holders", kMaxActors, load_limit("kMaxActors"), true)) {
      if (holders->empty())
        issues_.add("/sanctions/holders", "must name at least one actor who imposes the sanctions", "[]");
      read_actor_list(*holders, "/sanctions/holders", sanctions.holders, "holder");
      for (std::size_t j = 0; j < holders->size(); ++j)
        if (sanctions.target >= 0 && resolve_quietly((*holders)[j]) == sanctions.target)
          issues_.add(child_pointer("/sanctions/holders", j), "must not include the target",
                      compact_value((*holders)[j]));
    }
    sanctions.params = read_fields<BasicSanctions<Uncertain>>(&reader, "/sanctions");
    scenario_.sanctions = std::move(sanctions);
  }

  int resolve_quietly(const Json& value) const {
    if (!value.is_string()) return -1;
    const auto it = std::find(actor_ids_.begin(), actor_ids_.end(), value.get<std::string>());
    return it == actor_ids_.end() || it->empty() ? -1 : static_cast<int>(it - actor_ids_.begin());
  }

  // --- events ---------------------------------------------------------------------------------

  void read_events() {
    const Json* list = top_.array("events", kMaxEvents, load_limit("kMaxEvents"), false);
    if (list == nullptr) return;
    std::vector<std::string> event_ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string pointer = child_pointer("/events", i);
      const ObjectReader reader((*list)[i], pointer, issues_);
      EventSpec event;
      event_ids.push_back(unique_id(reader, event_ids, "/events"));
      event.id = event_ids.back();
      if (!reader.is_object()) continue;
      reader.reject_unknown_keys(concat(kEventKeys, field_keys<BasicEventParams<Uncertain>>()));
      event.actor = actor_reference(reader, "actor");
      const auto kind = reader.choice("kind", names_of(kEventKindNames), true);
      if (kind) event.kind = value_of(kEventKindNames, *kind);
      const bool election = kind && event.kind == EventKind::kElection;
      event.month = static_cast<int>(reader.integer("month", 1, horizon_limit_, election).value_or(-1));
      if (election) {
        reader.forbid("delta_share", "applies only to kind \"support_shock\"");
        if (const Json* policy = reader.find("new_aid_policy")) {
          event.new_aid_policy = read_policy(*policy, reader.pointer_of("new_aid_policy"));
        } else {
          reader.require("new_aid_policy", "the aid policy the actor switches to if the election changes it");
        }
        const bool patron = std::any_of(scenario_.aid.begin(), scenario_.aid.end(),
                                        [&](const AidSpec& aid) { return aid.patron == event.actor; });
        if (event.actor >= 0 && patrons_known_ && !patron)
          issues_.add(reader.pointer_of("actor"),
                      "must be the patron of an aid flow: an election switches that patron's aid policy",
                      compact_value(*reader.find("actor")));
      } else if (kind) {
        reader.forbid("new_aid_policy", "applies only to kind \"election\"");
      }
      event.params = read_fields<BasicEventParams<Uncertain>>(&reader, "/events/" + event.id);
      scenario_.events.push_back(std::move(event));
    }
  }

  // A line of control is the front's own scale: one at most, a change of it needs exactly the
  // two belligerents, and the talks link it to the front as their territory issue.
  void check_line_of_control() {
    int line = -1;
    for (std::size_t j = 0; j < scenario_.issues.size(); ++j) {
      const IssueSpec& issue = scenario_.issues[j];
      if (!issue.line_of_control) continue;
      const std::string pointer = child_pointer("/issues", j) + "/line_of_control";
      if (line >= 0) {
        issues_.add(pointer, "must be declared on one issue at most: " +
                                 child_pointer("/issues", static_cast<std::size_t>(line)) +
                                 " is a line of control already");
        continue;
      }
      line = static_cast<int>(j);
      const BattlefieldSpec& field = scenario_.battlefield;
      std::vector<int> owners = issue.owners;
      std::sort(owners.begin(), owners.end());
      std::vector<int> belligerents{field.holder, field.opponent};
      std::sort(belligerents.begin(), belligerents.end());
      if (field.holder >= 0 && field.opponent >= 0 && actors_listed_ && owners != belligerents)
        issues_.add(pointer, "needs the issue owned by exactly the two belligerents (the holder and the opponent)");
      if (scenario_.bargaining && scenario_.bargaining->territory_issue != line)
        issues_.add(pointer, "needs /bargaining/territory_issue to name this issue (the issue linked to the front)");
    }
  }

  // --- bargaining ------------------------------------------------------------------------------

  void read_bargaining() {
    const Json* node = top_.find("bargaining");
    if (node == nullptr) return;
    const ObjectReader reader(*node, "/bargaining", issues_);
    if (!reader.is_object()) return;
    reader.reject_unknown_keys(kBargainingKeys);
    // Talks bargain over the issues' positions: without an issue there is no table to set.
    if (issues_listed_ && issue_ids_.empty())
      issues_.add("/bargaining",
                  "needs at least one issue in /issues to bargain over (there is none); add an issue or drop the "
                  "bargaining block");
    BargainingSpec spec;
    if (const auto format = reader.choice("format", names_of(kTalksFormatNames), false))
      spec.format = value_of(kTalksFormatNames, *format);
    if (const auto solution = reader.choice("solution", names_of(kSolutionNames), false))
      spec.solution = value_of(kSolutionNames, *solution);
    if (const auto utility = reader.choice("utility", names_of(kUtilityNames), false))
      spec.utility = value_of(kUtilityNames, *utility);
    spec.forced_talks_month =
        static_cast<int>(reader.integer("forced_talks_month", 1, horizon_limit_, false).value_or(-1));
    spec.review_every_months =
        static_cast<int>(reader.integer("review_every_months", 1, horizon_limit_, false).value_or(1));
    spec.peace_window_months =
        static_cast<int>(reader.integer("peace_window_months", 1, kMaxHorizonMonths, false).value_or(60));
    spec.armistice_after_months = static_cast<int>(
        reader.integer("armistice_after_months", 1, kMaxHorizonMonths, false).value_or(spec.peace_window_months));
    spec.small_steps = reader.boolean("small_steps", false).value_or(false);
    int* const linked[] = {&spec.territory_issue, &spec.guarantee_issue, &spec.sanctions_issue};
    for (std::size_t k = 0; k < kLinkedIssues.size(); ++k) {
      const auto& [key, default_id] = kLinkedIssues[k];
      if (reader.has(key)) {
        if (issues_listed_) *linked[k] = reader.reference(key, issue_ids_, "an issue", false);
      } else {
        const auto it = std::find(issue_ids_.begin(), issue_ids_.end(), default_id);
        *linked[k] = it == issue_ids_.end() ? -1 : static_cast<int>(it - issue_ids_.begin());
      }
      // A line of control is the front's issue whatever its id.
      if (linked[k] == &spec.territory_issue && !reader.has(key))
        for (std::size_t j = 0; j < scenario_.issues.size(); ++j)
          if (scenario_.issues[j].line_of_control) spec.territory_issue = static_cast<int>(j);
    }
    read_offer_protocol(reader, spec);
    if (const auto fear = reader.choice("feared_breakdown", {"mistrust", "consistent"}, false)) {
      spec.consistent_fear = *fear == "consistent";
      const Json* commitment = reader.find("commitment");
      if (spec.consistent_fear && commitment != nullptr && commitment->is_object() &&
          commitment->contains("mistrust_prob"))
        issues_.add("/bargaining/commitment/mistrust_prob",
                    "must be absent with \"feared_breakdown\": \"consistent\", which solves it (the breakdown rate "
                    "of the model's own deals)");
    }
    spec.talks = read_group<BasicTalks<Uncertain>>(reader, "talks", "/bargaining/talks");
    spec.commitment = read_group<BasicCommitment<Uncertain>>(reader, "commitment", "/bargaining/commitment");
    read_actor_bargaining(reader, spec);
    read_coercion(reader, spec);
    scenario_.bargaining = std::move(spec);
  }

  // Exact alternating offers (first_proposer, offer_rounds): a protocol between exactly two
  // bargainers, so it needs the alternating-offers solution and a two-seat format.
  void read_offer_protocol(const ObjectReader& reader, BargainingSpec& spec) {
    if (reader.has("first_proposer")) {
      if (actors_listed_) spec.first_proposer = belligerent(reader, "first_proposer");
      if (traits_of(spec.solution).table_weights != ConceptWeights::kPatience)
        reader.forbid("first_proposer", "applies only to \"solution\": \"alternating_offers\"");
      else if (traits_of(spec.format).third_parties_seated)
        reader.forbid("first_proposer",
                      "needs exactly two bargainers: \"format\" must be \"bilateral\" or \"mediated\"");
    }
    if (reader.has("offer_rounds")) {
      if (!reader.has("first_proposer"))
        reader.forbid("offer_rounds", "applies only with \"first_proposer\" (the exact alternating-offers protocol)");
      else
        spec.offer_rounds = static_cast<int>(reader.integer("offer_rounds", 1, kMaxHorizonMonths, false).value_or(0));
    }
    if (reader.has("private_cost")) {
      // Screening is an ultimatum game: the uninformed side proposes, the informed side answers.
      if (spec.offer_rounds != 1)
        reader.forbid("private_cost",
                      "applies only with \"first_proposer\" and \"offer_rounds\": 1 (an ultimatum "
                      "at each review, the screening game)");
      else if (actors_listed_) {
        spec.private_cost = belligerent(reader, "private_cost");
        if (spec.private_cost >= 0 && spec.private_cost == spec.first_proposer)
          issues_.add(reader.pointer_of("private_cost"),
                      "must name the responder, not the first proposer: the uninformed side makes the offer",
                      compact_value(*reader.find("private_cost")));
      }
    }
  }

  // "actors": {"UKR": {"weight": 2}, ...}; an actor left out takes the defaults.
  void read_actor_bargaining(const ObjectReader& parent, BargainingSpec& spec) {
    spec.actors.resize(actor_ids_.size());
    static const Json kNoActors = Json::object();  // outlives the reader, which keeps a reference
    const Json* node = parent.find("actors");
    const ObjectReader reader(node != nullptr ? *node : kNoActors, "/bargaining/actors", issues_);
    if (node != nullptr && !reader.is_object()) return;
    if (node != nullptr && actors_listed_) reader.reject_unknown_keys(actor_ids_);
    int attrition_prizes = 0;  // belligerents that name a war-of-attrition prize
    for (std::size_t i = 0; i < actor_ids_.size(); ++i) {
      const std::string logical = "/bargaining/actors/" + actor_ids_[i];
      const bool listed = node != nullptr && reader.has(actor_ids_[i]);
      spec.actors[i] = listed ? read_group<BasicActorBargaining<Uncertain>>(reader, actor_ids_[i].c_str(), logical)
                              : read_fields<BasicActorBargaining<Uncertain>>(nullptr, logical);
      if (!listed || !reader.find(actor_ids_[i])->is_object()) continue;
      const ObjectReader actor(*reader.find(actor_ids_[i]), reader.pointer_of(actor_ids_[i]), issues_);
      if (roles_[i] == Role::kThirdParty)
        actor.forbid("attrition_prize", "must be absent for a third party: only belligerents fight a war of attrition");
      else if (actor.has("attrition_prize"))
        ++attrition_prizes;
    }
    // The war of attrition is a game between the two belligerents: each side's quitting rate is
    // set by the other's cost and prize, so a prize for one side alone has no meaning.
    if (attrition_prizes == 1)
      issues_.add("/bargaining/actors", "must give \"attrition_prize\" for both belligerents or for neither");
  }

  void read_coercion(const ObjectReader& parent, BargainingSpec& spec) {
    const Json* list = parent.array("coercion", kMaxEvents, load_limit("kMaxEvents"), false);
    if (list == nullptr) return;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string pointer = child_pointer("/bargaining/coercion", i);
      const ObjectReader reader((*list)[i], pointer, issues_);
      CoercionSpec coercion;
      ids.push_back(unique_id(reader, ids, "/bargaining/coercion"));
      coercion.id = ids.back();
      if (!reader.is_object()) continue;
      reader.reject_unknown_keys(concat(kCoercionKeys, field_keys<BasicCoercion<Uncertain>>()));
      coercion.by = actor_reference(reader, "by");
      if (coercion.by >= 0 && roles_[static_cast<std::size_t>(coercion.by)] != Role::kThirdParty)
        issues_.add(reader.pointer_of("by"), "must be a third party (coercive diplomacy is a patron's tool)",
                    compact_value(*reader.find("by")));
      coercion.target = belligerent(reader, "target");
      if (issues_listed_) coercion.issue = reader.reference("issue", issue_ids_, "an issue", true);
      coercion.deadline_month = static_cast<int>(reader.integer("deadline_month", 1, horizon_limit_, true).value_or(1));
      coercion.params = read_fields<BasicCoercion<Uncertain>>(&reader, "/bargaining/coercion/" + coercion.id);
      spec.coercion.push_back(std::move(coercion));
    }
  }

  struct PendingOwners {
    const Json* list;
    std::string pointer;
    std::size_t issue;
  };

  const Json& doc_;
  IssueCollector issues_;
  ObjectReader top_;
  Scenario scenario_;
  int horizon_limit_ = kMaxHorizonMonths;  // bound for months until the horizon itself is known valid
  std::vector<std::string> issue_ids_;     // by index; "" where the id was invalid
  std::vector<std::string> actor_ids_;
  std::vector<std::optional<Role>> roles_;  // empty where the role was invalid
  std::vector<PendingOwners> pending_owners_;
  // False while a list is broken (reported where it breaks): references into it go unchecked.
  bool issues_listed_ = true;
  bool actors_listed_ = false;
  bool patrons_known_ = true;  // every aid flow's patron resolved
};

}  // namespace

Scenario parse_scenario_json(const nlohmann::json& doc, const std::string& source_name) {
  // A document built in memory has not passed the text pre-scan; the walk and the hash recurse.
  if (nested_deeper_than(doc, kMaxJsonDepth)) throw InputError(source_name, {{"", too_deep_rule(), "", ""}});
  Loader loader(doc);
  return loader.run(source_name);
}

Scenario parse_scenario_text(std::string_view text, const std::string& source_name) {
  IssueCollector issues;
  const auto doc = parse_json_text(text, kScenarioSizeLimit, issues);
  issues.throw_if_any(source_name);
  return parse_scenario_json(*doc, source_name);
}

Scenario load_scenario_file(const std::string& path) {
  // The reader refuses an oversized regular file by its size, before reading it.
  Scenario scenario = parse_scenario_text(read_text_file(path, read_limit(kScenarioSizeLimit)), path);
  scenario.source_path = path;
  return scenario;
}

}  // namespace parley
