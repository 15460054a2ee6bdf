// What `parley draft` reads: a stand-alone treaty document, or a war scenario with a "treaty"
// block; and, for the additive rule with "reservation": "war_values", each actor's reservation
// value taken from the scenario's bargaining layer.
//
// Where it sits: above the scenario loader (scenario/load.h) and the bargaining layer
// (bargaining/table.h), below the CLI and the bindings: file or JSON -> read_draft_input() ->
// TreatyDocument (treaty/treaty_spec.h) -> make_draft_report() (treaty/draft_report.h). A
// scenario does not hold its treaty block: the scenario loader leaves it alone and
// read_scenario_treaty() reads it here, against the loaded scenario's actors.
//
// War values as reservations (docs/treaty-drafting.md, "Reservations from war values"; docs/
// model.md section 10). The bargaining layer values terms z at v_i(z) = 1 + u_i(z) in [0, 1]:
// 0 for the worst terms (every issue as far from the actor's ideal as it goes), 1 for its ideal
// on every issue; its disagreement value d_i (the war value w_i, raised by the fear of reneging
// for the side a ceasefire would disfavour) is the bar a deal must clear, v_i(z) >= d_i, at the
// scenario's central parameter point at month 0 (bargaining::solve_at_month_zero, what
// `parley solve` reports). The additive rule values a draft D at U_i(D) = sum of salience x score
// over its articles, from 0 (nothing the actor values) to U_i* = the most any draft respecting
// the exclusions gives it. Both are additive value functions, each unique only up to a positive
// affine map (von Neumann & Morgenstern 1944; Keeney & Raiffa 1976, ch. 3), so identifying them
// takes two anchors; the ones both scales already have are the ends: nothing of value <-> the
// worst terms, the actor's best treaty <-> its ideal terms. Then
//     reservation_i = d_i x U_i*,   i.e. i accepts D iff U_i(D) / U_i* >= d_i:
// a draft is accepted when it gives the actor at least the share of its best treaty that war
// gives it of its best deal. U_i* is computed at the scores' means, like the war values at the
// central point, so the reservation is a number even when scores are uncertain. d_i < 0 (war
// worse than the worst terms) accepts every draft; d_i > 1, or +inf (a deal that will surely be
// broken), none. An actor that values no article (U_i* = 0) cannot be scaled: an InputError.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "parley/scenario/scenario.h"
#include "parley/treaty/treaty_spec.h"

namespace parley::treaty {

// A treaty document (treaty::is_treaty_document) or a scenario with a "treaty" block, whose war
// values are resolved into reservations when the block asks for them. Throws InputError listing
// every problem, located by JSON pointer.
[[nodiscard]] TreatyDocument read_draft_input(const nlohmann::json& document, const std::string& source);
// Reads and parses a file; a syntax error is an InputError too.
[[nodiscard]] TreatyDocument load_draft_input(const std::string& path);

// The "treaty" block of a war scenario's document, read against the loaded `scenario` (which
// must come from `document`); empty when the document has none. Throws InputError naming
// `source`, located under "/treaty", when the block is invalid or asks for war values without a
// bargaining block. War values are not resolved here (resolve_war_value_reservations does that).
[[nodiscard]] std::optional<TreatySpec> read_scenario_treaty(const nlohmann::json& document, const Scenario& scenario,
                                                             const std::string& source);

// Sets spec.reservation and spec.war_value_reservations from the scenario's bargaining layer as
// the header says. `spec` is the scenario's treaty block (its actors are the scenario's).
void resolve_war_value_reservations(TreatySpec& spec, const Scenario& scenario);

}  // namespace parley::treaty
