#include "damlab/data/rademacher.hpp"

#include "damlab/util/error.hpp"
#include "damlab/data/rng.hpp"

namespace damlab {

PatternSet rademacher(std::size_t N, std::size_t count, double p,
                      std::uint64_t seed, const Progress& progress) {
  require(N >= 1, "N", N, "at least 1");
  require(p >= 0.0 && p <= 1.0, "p", p, "in [0, 1]");
  PatternSet set(N, count);
  Rng rng(seed);
  std::size_t since_report = 0;
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t i = 0; i < N; ++i)
      if (rng.bernoulli(p)) set.set_sign(k, i, 1);
    since_report += N;
    if (since_report >= report_interval) {
      since_report = 0;
      report(progress, static_cast<double>(k + 1) / static_cast<double>(count));
    }
  }
  return set;
}

double rademacher_mean_hd(std::size_t N, double p) {
  require(p >= 0.0 && p <= 1.0, "p", p, "in [0, 1]");
  return 2 * p * (1 - p) * static_cast<double>(N);
}

}  // namespace damlab
