#include "parley/treaty/draft_input.h"

#include <nlohmann/json.hpp>

#include "parley/bargaining/table.h"
#include "parley/input/json_reader.h"
#include "parley/scenario/load.h"
#include "parley/sim/model.h"
#include "parley/treaty/draft_search.h"

namespace parley::treaty {

void resolve_war_value_reservations(TreatySpec& spec, const Scenario& scenario) {
  const bargaining::SolveReport solved = bargaining::solve_at_month_zero(with_solved_expectations(scenario));
  const std::size_t n = spec.actors.size();
  // Provisional zero reservations: the table's contributions, all best_draft_utility reads, do
  // not depend on them; the real ones are set below.
  spec.reservation.assign(n, Uncertain::fixed(0.0));
  const AcceptanceTable table = nominal_table(spec);
  spec.war_value_reservations.clear();
  IssueCollector issues;
  for (std::size_t a = 0; a < n; ++a) {
    const int actor = scenario.actor_index(spec.actors[a]);
    if (actor < 0) throw Error("treaty actor '" + spec.actors[a] + "' is not in the scenario");
    WarValueReservation out;
    out.disagreement_value = solved.view.disagreement[static_cast<std::size_t>(actor)];
    out.best_draft_utility = best_draft_utility(spec, table, a);
    if (!(out.best_draft_utility > 0.0))
      issues.add("/treaty/reservation",
                 "needs every actor to value some article (salience x score > 0) to put its war value on the "
                 "treaty's scale; '" +
                     spec.actors[a] + "' values none",
                 "\"war_values\"");
    // A deal sure to be broken (d = +inf) is refused whatever the treaty; inf x U* is inf.
    out.reservation = out.disagreement_value * out.best_draft_utility;
    spec.reservation[a] = Uncertain::fixed(out.reservation);
    spec.war_value_reservations.push_back(out);
  }
  issues.throw_if_any(scenario.source_path.empty() ? scenario.name : scenario.source_path);
}

std::optional<TreatySpec> read_scenario_treaty(const nlohmann::json& document, const Scenario& scenario,
                                               const std::string& source) {
  const auto block = document.find("treaty");
  if (block == document.end()) return std::nullopt;
  std::vector<std::string> actor_ids;
  for (const auto& actor : scenario.actors) actor_ids.push_back(actor.id);
  IssueCollector issues;
  TreatySpec spec = parse_treaty_block(*block, "/treaty", actor_ids, issues);
  if (spec.reservation_source == ReservationSource::kWarValues && !document.contains("bargaining"))
    issues.add("/treaty/reservation", "\"war_values\" needs a \"bargaining\" block, which gives the war values",
               "\"war_values\"");
  issues.throw_if_any(source);
  return spec;
}

TreatyDocument read_draft_input(const nlohmann::json& document, const std::string& source) {
  if (is_treaty_document(document)) return parse_treaty_document(document, source);
  const Scenario scenario = parse_scenario_json(document, source);
  auto spec = read_scenario_treaty(document, scenario, source);
  if (!spec)
    throw InputError(source, {{"",
                               "needs \"treaty\": parley draft reads a treaty document or a scenario with a "
                               "\"treaty\" block",
                               "", ""}});
  TreatyDocument out;
  out.name = scenario.name;
  out.description = scenario.description;
  out.source_path = source;
  out.content_hash = scenario.content_hash;
  out.spec = std::move(*spec);
  if (out.spec.reservation_source == ReservationSource::kWarValues) resolve_war_value_reservations(out.spec, scenario);
  return out;
}

TreatyDocument load_draft_input(const std::string& path) {
  return read_draft_input(input::read_json_file(path, kScenarioSizeLimit), path);
}

}  // namespace parley::treaty
