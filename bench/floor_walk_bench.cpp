// The floor walk on its own (bench/floor_walk.h): time and steps for a number of trials, for
// bench/instructions.sh to count its instructions per step under callgrind.
#include <nlohmann/json.hpp>

#include <iostream>

#include "bench_util.h"
#include "floor_walk.h"

using namespace parley::bench;

int main(int argc, char** argv) {
  return main_guarded("floor_walk_bench", "[--trials N] [--repeats R]", argc, argv, [](Arguments& args) {
    std::int64_t trials = 20000, repeats = 3;
    while (!args.at_end())
      if (!args.take_integer("--trials", 1, kMaxCount, trials) && !args.take_integer("--repeats", 1, 100, repeats))
        args.reject_next();
    FloorWalkTotals totals;
    const double seconds =
        best_seconds_of(static_cast<int>(repeats), [&] { totals = floor_walk(FloorWalkSpec{}, trials); });
    const nlohmann::json line = {
        {"bench", "floor_walk"},       {"trials", trials},
        {"repeats", repeats},          {"steps", totals.steps},
        {"absorbed", totals.absorbed}, {"final_share_sum", totals.final_share_sum},
        {"seconds", seconds},          {"ns_per_step", seconds * 1e9 / static_cast<double>(totals.steps)}};
    std::cout << line.dump() << std::endl;
  });
}
