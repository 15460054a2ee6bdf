// War of attrition: how long each side holds out when neither can force the other.
//
// Where it sits: a stalemate in which both belligerents pay a flow cost c per month for a prize
// worth V; the bargaining layer (bargaining/table/attrition.cpp) lets each side concede at the equilibrium hazard,
// which with unequal sides is the rival's c / V (Hendricks, Weiss & Wilson 1988, "The war of
// attrition in continuous time with complete information", IER 29(4)). Sources:
// Maynard Smith (1974), "The theory of games and the evolution of animal conflicts", J. Theor.
// Biol. 47(1); Bishop & Cannings (1978), "A generalized war of attrition", J. Theor. Biol.
// 70(1); Fudenberg & Tirole (1986), "A theory of exit in duopoly", Econometrica 54(4). In the
// symmetric equilibrium (no discounting) each player quits at an exponential time with hazard
// c / V: at every instant the cost of waiting, c dt, equals the expected gain, V * hazard * dt.
#pragma once

#include "parley/core/random.h"

namespace parley::bargaining {

// c / V, per month. Throws parley::Error unless both are finite and > 0.
[[nodiscard]] double attrition_quit_hazard_per_month(double cost_per_month, double prize_value);

// One equilibrium quitting time in months: -ln(U) V / c with U uniform on (0, 1).
[[nodiscard]] double sample_attrition_quit_months(double cost_per_month, double prize_value, parley::Rng& rng);

}  // namespace parley::bargaining
