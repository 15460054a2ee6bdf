// Alternating-offers bargaining over a unit pie: a solution concept of docs/model.md 10-11.
//
// Where it sits: a protocol alternative to the Nash solution (nash.h) for two belligerents; the
// shares map onto the bargaining range above the war values. Sources: Rubinstein (1982),
// "Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 97-109 (infinite horizon:
// the first proposer's share is (1 - d2) / (1 - d1 d2)); Stahl (1972), "Bargaining Theory",
// Stockholm School of Economics (finite horizon by backward induction: the proposer in the last
// round takes everything; in an earlier round the proposer offers the responder exactly the
// discounted share the responder would get as next proposer, x_t = 1 - d_resp * x_{t+1}).
#pragma once

namespace parley::bargaining {

// Player 1 (discount factor d1 per round) proposes first to player 2 (d2). Throws parley::Error
// unless both lie in [0, 1] with d1 * d2 < 1.
[[nodiscard]] double rubinstein_proposer_share(double d1, double d2);

// The first proposer's share when bargaining ends with nothing after `rounds` rounds (>= 1).
[[nodiscard]] double finite_horizon_proposer_share(double d1, double d2, int rounds);

}  // namespace parley::bargaining
