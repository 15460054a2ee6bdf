// Timings of the sweep statistics: designs and Sobol' indices for d = 8, N = 2^14, and PRIM and
// the split ranking on 10^5 points. One JSON object per line; the median of a few repetitions.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "parley/core/random.h"
#include "parley/sweep/design.h"
#include "parley/sweep/robustness.h"
#include "parley/sweep/sensitivity.h"

namespace {

template <typename Work>
double median_seconds(int repetitions, Work work) {
  std::vector<double> seconds;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = std::chrono::steady_clock::now();
    work();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

void report(const char* name, const char* detail, double seconds) {
  std::printf("{\"bench\": \"%s\", \"case\": \"%s\", \"seconds\": %.6f, \"threads\": %d}\n", name, detail, seconds,
              tbb::info::default_concurrency());
}

// Sobol' g-function (Saltelli & Sobol' 1995) with a_i = (i - 1) / 2: cheap, with interactions.
double g_function(const Eigen::VectorXd& x) {
  double product = 1.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double a = static_cast<double>(i) / 2.0;
    product *= (std::abs(4.0 * x[i] - 2.0) + a) / (1.0 + a);
  }
  return product;
}

}  // namespace

int main() {
  using namespace parley;
  constexpr int kDimensions = 8;
  constexpr int kBaseRows = 1 << 14;
  constexpr int kRepetitions = 5;
  double sink = 0.0;  // keeps results alive

  report("sobol_points", "n=16384 d=8",
         median_seconds(kRepetitions, [&] { sink += sobol_points(kBaseRows, kDimensions)(7, 3); }));
  report("latin_hypercube", "n=16384 d=8", median_seconds(kRepetitions, [&] {
           Rng rng(1, 0, Stream::kParameters);
           sink += latin_hypercube(kBaseRows, kDimensions, rng)(7, 3);
         }));
  SaltelliDesign design;
  report("saltelli_design", "d=8 N=16384 sobol base (163840 points)",
         median_seconds(kRepetitions, [&] { design = saltelli_design(kDimensions, kBaseRows, 1); }));

  Eigen::VectorXd outputs(design.points.rows());
  for (Eigen::Index k = 0; k < outputs.size(); ++k) outputs[k] = g_function(design.points.row(k).transpose());
  SobolOptions options;
  options.seed = 5;
  SobolIndices indices;
  report("sobol_indices", "d=8 N=16384 bootstrap=500",
         median_seconds(kRepetitions, [&] { indices = sobol_indices(kDimensions, outputs, options); }));
  {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    report("sobol_indices", "d=8 N=16384 bootstrap=500 one thread",
           median_seconds(kRepetitions, [&] { sink += sobol_indices(kDimensions, outputs, options).variance; }));
  }
  options.bootstrap_resamples = 0;
  report("sobol_indices", "d=8 N=16384 no bootstrap",
         median_seconds(kRepetitions, [&] { sink += sobol_indices(kDimensions, outputs, options).variance; }));

  const int points = 100000;
  Rng rng(9, 0, Stream::kParameters);
  Eigen::MatrixXd sweep(points, kDimensions);
  std::vector<bool> holds(points);
  for (int k = 0; k < points; ++k) {
    for (int j = 0; j < kDimensions; ++j) sweep(k, j) = rng.uniform();
    holds[static_cast<std::size_t>(k)] = !(sweep(k, 0) > 0.7 && sweep(k, 2) < 0.3);
  }
  std::vector<bool> fails(holds.size());
  for (std::size_t k = 0; k < holds.size(); ++k) fails[k] = !holds[k];
  PrimResult prim;
  report("prim_box", "n=100000 d=8 alpha=0.05", median_seconds(kRepetitions, [&] { prim = prim_box(sweep, fails); }));
  report("rank_single_splits", "n=100000 d=8",
         median_seconds(kRepetitions, [&] { sink += rank_single_splits(sweep, fails).front().threshold; }));

  std::printf(
      "{\"check\": \"results\", \"S1\": %.4f, \"ST1\": %.4f, \"prim_steps\": %zu, \"prim_density\": %.4f, "
      "\"prim_x0_lower\": %.4f, \"sink\": %.3g}\n",
      indices.first_order[0].value, indices.total[0].value, prim.trajectory.size() - 1, prim.box.density,
      prim.box.lower[0], sink);
  return 0;
}
