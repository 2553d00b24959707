#include "damlab/models/hebbian.hpp"

#include <cmath>

#include "damlab/util/error.hpp"

namespace damlab {

HebbianRule hebbian_rule(const std::string& name) {
  if (name == "hopfield-activity-product") return HebbianRule::activity_product;
  if (name == "hopfield-willshaw") return HebbianRule::willshaw;
  if (name == "hopfield-covariance") return HebbianRule::covariance;
  if (name == "hopfield-presynaptic-covariance") return HebbianRule::presynaptic_covariance;
  require(name == "hopfield-bcpnn", "model.name", name, "a hopfield-* model name");
  return HebbianRule::bcpnn;
}

HebbianModel::HebbianModel(PatternSet memories, HebbianRule rule, double a, double epsilon)
    : Model(std::move(memories)), rule_(rule), a_(a) {
  const std::size_t n = N(), K = this->memories().size();
  require(n <= max_hebbian_N, "data.N", n,
          "at most " + std::to_string(max_hebbian_N) + " for hopfield-* models (an N x N weight matrix)");
  // Pair counts c_ij = #patterns with x_i = x_j = 1 (c_ii = c_i), from the
  // active units of each pattern only (sparse codes make this cheap). Every
  // rule's weight follows exactly; the ±1 products too, since
  // ξ_i ξ_j = (2x_i - 1)(2x_j - 1) sums to K - 2(c_i + c_j) + 4 c_ij.
  std::vector<double> count(n * n, 0);
  std::vector<std::size_t> active;
  for (std::size_t mu = 0; mu < K; ++mu) {
    active.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (this->memories().bit(mu, i)) active.push_back(i);
    for (std::size_t i : active)
      for (std::size_t j : active) count[i * n + j] += 1;
  }
  const double k = static_cast<double>(K);
  w_.assign(n * n, 0);
  bias_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) bias_[i] = std::log(count[i * n + i] / k + epsilon);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const double cij = count[i * n + j], ci = count[i * n + i], cj = count[j * n + j];
      double& w = w_[i * n + j];
      switch (rule) {
        case HebbianRule::activity_product: w = k - 2 * (ci + cj) + 4 * cij; break;
        case HebbianRule::willshaw: w = cij > 0 ? 1 : 0; break;
        // Σ_μ (x_i - a)(x_j - a) = c_ij - a(c_i + c_j) + a² K
        case HebbianRule::covariance: w = cij - a * (ci + cj) + a * a * k; break;
        // Σ_μ (x_i - a) x_j = c_ij - a c_j
        case HebbianRule::presynaptic_covariance: w = cij - a * cj; break;
        case HebbianRule::bcpnn:
          w = std::log((cij / k + epsilon * epsilon) / ((ci / k + epsilon) * (cj / k + epsilon)));
          break;
      }
    }
}

int HebbianModel::decide(const Work& work, std::size_t i) const {
  const bool pm = rule_ == HebbianRule::activity_product;
  const double* row = w_.data() + i * N();
  // Fixed order over j: the same doubles added the same way in every build.
  double h = 0, active_others = 0;
  for (std::size_t j = 0; j < N(); ++j) {
    if (j == i) continue;
    const int s = work.sigma[j];
    if (pm)
      h += row[j] * s;
    else if (s > 0) {
      h += row[j];
      active_others += 1;
    }
  }
  // Willshaw: connected to every other active unit. Covariance rules: the
  // midpoint between the expected fields of an active and an inactive unit
  // when the state is a stored pattern with active_others active units
  // (0 at a = 1/2). BCPNN: support above log(1/2), estimated P(active) > 1/2.
  double threshold = 0;
  if (rule_ == HebbianRule::willshaw) threshold = active_others - 0.5;
  if (rule_ == HebbianRule::covariance) threshold = (1 - a_) * (1 - 2 * a_) * active_others / 2;
  if (rule_ == HebbianRule::presynaptic_covariance) threshold = (1 - 2 * a_) * active_others / 2;
  if (rule_ == HebbianRule::bcpnn) {
    h += bias_[i];
    threshold = -std::log(2.0);
  }
  const int sigma = work.sigma[i];
  return h > threshold ? 1 : (h < threshold ? -1 : sigma);
}

}  // namespace damlab
