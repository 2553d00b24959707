#include "damlab/dam/network.hpp"

#include <algorithm>
#include <array>
#include <bit>

#include "damlab/util/error.hpp"
#include "damlab/kernels/overlaps.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

Network::Network(PatternSet memories, const Separation& F)
    : Model(std::move(memories)), columns_(this->memories()), terms_(F, N()) {}

std::optional<double> Network::energy(const PatternSet& states, std::size_t p) const {
  double sum = 0;
  for (std::int32_t m : overlaps(states, p))
    sum += separation().normalized(m, N());
  return -sum;
}

int Network::field_sign(const PatternSet& states, std::size_t p,
                        std::size_t i) const {
  require(i < N(), "bit", i, "below N = " + std::to_string(N()));
  return field_sign(overlaps(states, p), i, states.sign(p, i));
}

int Network::decide(const Work& work, std::size_t i) const {
  const int sigma = work.sigma[i];
  return updated_sign(field_sign(work.overlaps, i, sigma), sigma);
}

int Network::field_sign(std::span<const std::int32_t> ov, std::size_t i,
                        int sigma) const {
  double field_c = 0, field_d = 0, magnitude = 0;
  for (std::size_t mu = 0; mu < ov.size(); ++mu) {
    const double c = terms_.c(ov[mu]);
    field_c += memories().bit(mu, i) ? c : -c;
    field_d += terms_.d(ov[mu]);
    magnitude += terms_.magnitude(ov[mu]);
  }
  const int s = certain_sign(field_c + sigma * field_d,
                             FieldTerms::error_bound(ov.size(), magnitude));
  return s != 0 ? s : terms_.exact_field_sign(memories(), ov, i, sigma);
}

std::size_t Network::synchronous_update(PatternSet& states,
                                       std::span<const std::uint8_t> clamped,
                                       std::size_t threads) const {
  check_states(states);
  check_clamped(clamped);
  require(threads >= 1 && threads <= 1024, "threads", threads, "in [1, 1024]");
  // Each state is its own words, so threads on disjoint ranges of states
  // never share a word; decisions are exact, so the split changes nothing.
  threads = std::min(usable_threads(threads), std::max<std::size_t>(1, states.size() / 16));
  if (threads == 1) return update_states(states, 0, states.size(), clamped);
  std::vector<std::size_t> flips(threads, 0);
  const std::size_t share = (states.size() + threads - 1) / threads;
  parallel_for(threads, threads, [&](std::size_t t) {
    const std::size_t first = std::min(states.size(), t * share);
    flips[t] = update_states(states, first, std::min(states.size(), first + share), clamped);
  });
  std::size_t total = 0;
  for (std::size_t f : flips) total += f;
  return total;
}

std::size_t Network::update_states(PatternSet& states, std::size_t first, std::size_t last,
                                   std::span<const std::uint8_t> clamped) const {
  const std::size_t K = memories().size(), n_bits = N();
  // Overlaps for a block of states at a time: never a full states x memories matrix.
  constexpr std::size_t block = 16;
  std::vector<std::int32_t> block_overlaps(block * K);
  std::vector<double> field(n_bits), coefficients(K);
  std::size_t flips = 0;
  for (std::size_t p0 = first; p0 < last; p0 += block) {
    const std::size_t count = std::min(block, last - p0);
    overlap_block(states, p0, count, memories(), std::span(block_overlaps).first(count * K));
    for (std::size_t p = p0; p < p0 + count; ++p) {
      const std::span<const std::int32_t> ov(block_overlaps.data() + (p - p0) * K, K);
      // field_i = Σ_μ ξ_i^μ c_μ + σ_i Σ_μ d_μ, the first sum eight memories per lookup.
      std::fill(field.begin(), field.end(), 0.0);
      double d_total = 0, magnitude = 0;
      for (std::size_t mu = 0; mu < K; ++mu) {
        coefficients[mu] = terms_.c(ov[mu]);
        d_total += terms_.d(ov[mu]);
        magnitude += terms_.magnitude(ov[mu]);
      }
      accumulate_signed_sums(columns_, coefficients, 0, K, {}, field);
      const double bound = FieldTerms::error_bound(K, magnitude);
      for (std::size_t i = 0; i < n_bits; ++i) {
        if (!clamped.empty() && clamped[i]) continue;
        const int sigma = states.sign(p, i);
        int s = certain_sign(field[i] + sigma * d_total, bound);
        if (s == 0) s = terms_.exact_field_sign(memories(), ov, i, sigma);
        // Only σ_i changes here, and the overlaps were taken before: every
        // bit still sees the same σ.
        if (updated_sign(s, sigma) != sigma) {
          states.flip(p, i);
          ++flips;
        }
      }
    }
  }
  return flips;
}

std::size_t Network::asynchronous_sweep(
    PatternSet& states, std::size_t p, std::span<const std::uint32_t> order,
    std::span<const std::uint8_t> clamped) const {
  check_clamped(clamped);
  auto ov = overlaps(states, p);
  const std::size_t K = memories().size(), n_bits = N();
  check_order(order);
  std::size_t flips = 0;
  for (std::size_t step = 0; step < n_bits; ++step) {
    const std::size_t i = order.empty() ? step : order[step];
    if (!clamped.empty() && clamped[i]) continue;
    const int sigma = states.sign(p, i);
    if (updated_sign(field_sign(ov, i, sigma), sigma) == sigma) continue;
    states.flip(p, i);
    ++flips;
    // σ_i went from sigma to -sigma: m_μ changes by -2 sigma ξ_i^μ.
    for (std::size_t mu = 0; mu < K; ++mu)
      ov[mu] -= 2 * sigma * memories().sign(mu, i);
  }
  return flips;
}

bool Network::is_fixed_point(const PatternSet& states, std::size_t p) const {
  PatternSet copy = states.slice(p, 1);
  return synchronous_update(copy) == 0;
}

}  // namespace damlab
