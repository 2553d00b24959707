#include "damlab/capacity.hpp"

#include "damlab/error.hpp"
#include "damlab/field_terms.hpp"

namespace damlab {

namespace {

void check_set(const PatternSet& set) {
  require(set.size() >= 1, "patterns.length", set.size(), "at least 1");
}

// Running margins of one stored pattern ν: margin_i = ξ_i^ν field_i
//   = Σ_μ ξ_i^ν ξ_i^μ c(m_νμ) + Σ_μ d(m_νμ) = agree[i] + d_sum.
// Pattern ν is a fixed point iff no margin is negative.
class Margins {
 public:
  explicit Margins(std::size_t N) : agree_(N, 0.0) {}

  void add_memory(const PatternSet& set, const FieldTerms& terms,
                  std::size_t nu, std::size_t mu) {
    const std::int32_t m = overlap(set.row(nu), set.row(mu), set.N());
    const double c = terms.c(m);
    d_sum_ += terms.d(m);
    magnitude_ += terms.magnitude(m);
    ++memories_;
    const double signed_c[2] = {c, -c};  // agree, differ
    const auto a = set.row(nu), b = set.row(mu);
    for (std::size_t w = 0; w < a.size(); ++w) {
      const std::uint64_t differ = a[w] ^ b[w];
      const std::size_t end = std::min<std::size_t>(64, agree_.size() - w * 64);
      double* out = agree_.data() + w * 64;
      for (std::size_t bit = 0; bit < end; ++bit) out[bit] += signed_c[(differ >> bit) & 1U];
    }
  }

  // Whether pattern ν, with the memories added so far (the set's first ones),
  // has no negative margin. Exact: uncertain margins go to big integers.
  bool nonnegative(const PatternSet& set, const FieldTerms& terms,
                   std::size_t nu) const {
    const double bound = FieldTerms::error_bound(memories_, magnitude_);
    std::vector<std::int32_t> ov;
    for (std::size_t i = 0; i < agree_.size(); ++i) {
      const int s = certain_sign(agree_[i] + d_sum_, bound);
      if (s > 0) continue;
      if (s < 0) return false;
      if (ov.empty())
        for (std::size_t mu = 0; mu < memories_; ++mu)
          ov.push_back(overlap(set.row(nu), set.row(mu), set.N()));
      const int sigma = set.sign(nu, i);
      if (sigma * terms.exact_field_sign(set, ov, i, sigma) < 0) return false;
    }
    return true;
  }

 private:
  std::vector<double> agree_;
  double d_sum_ = 0, magnitude_ = 0;
  std::size_t memories_ = 0;
};

bool retrieved_with(const PatternSet& set, std::size_t K,
                    const FieldTerms& terms) {
  for (std::size_t nu = 0; nu < K; ++nu) {
    Margins margins(set.N());
    for (std::size_t mu = 0; mu < K; ++mu)
      margins.add_memory(set, terms, nu, mu);
    if (!margins.nonnegative(set, terms, nu)) return false;
  }
  return true;
}

CapacityEstimate estimate(const PatternSet& set, std::size_t kmax) {
  return {kmax, kmax == set.size(), pairwise_distance(set, kmax)};
}

}  // namespace

std::size_t RetrievalProfile::kmax() const {
  std::size_t K = 0;
  while (K < retrieved.size() && retrieved[K]) ++K;
  return K;
}

bool RetrievalProfile::monotone() const {
  const std::size_t first_failure = kmax();
  for (std::size_t K = first_failure; K < retrieved.size(); ++K)
    if (retrieved[K]) return false;
  return true;
}

RetrievalProfile retrieval_profile(const PatternSet& set, const Separation& F,
                                   bool stop_at_first_failure,
                                   const Progress& progress) {
  check_set(set);
  const FieldTerms terms(F, set.N());
  const std::size_t S = set.size();
  std::vector<Margins> rows;
  rows.reserve(S);
  RetrievalProfile profile;
  for (std::size_t K = 1; K <= S; ++K) {
    const std::size_t newest = K - 1;
    // The newest pattern joins with every earlier memory, then the newest
    // memory joins every pattern (itself included).
    rows.emplace_back(set.N());
    for (std::size_t mu = 0; mu < newest; ++mu)
      rows[newest].add_memory(set, terms, newest, mu);
    bool all_fixed = true;
    for (std::size_t nu = 0; nu < K; ++nu) {
      rows[nu].add_memory(set, terms, nu, newest);
      all_fixed = all_fixed && rows[nu].nonnegative(set, terms, nu);
    }
    profile.retrieved.push_back(all_fixed ? 1 : 0);
    // Work up to K grows as K^2.
    report(progress, static_cast<double>(K) * K / (static_cast<double>(S) * S));
    if (!all_fixed && stop_at_first_failure) break;
  }
  return profile;
}

bool first_k_retrieved(const PatternSet& set, std::size_t K,
                       const Separation& F) {
  check_set(set);
  require(K >= 1 && K <= set.size(), "K", K,
          "in [1, S = " + std::to_string(set.size()) + "]");
  return retrieved_with(set, K, FieldTerms(F, set.N()));
}

namespace {
// The paper's binary search over K in [0, S] with a given predicate.
// Invariant: the first lo are retrieved (K = 0 trivially); hi is the largest
// K not yet ruled out.
template <typename Retrieved>
BinarySearchResult binary_search(std::size_t S, Retrieved&& retrieved, const Progress& progress) {
  std::size_t lo = 0, hi = S, steps = 0;
  for (std::size_t span = S; span > 0; span /= 2) ++steps;
  BinarySearchResult result;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo + 1) / 2;
    ++result.evaluations;
    if (retrieved(mid))
      lo = mid;
    else
      hi = mid - 1;
    report(progress, std::min(1.0, static_cast<double>(result.evaluations) / static_cast<double>(steps)));
  }
  result.kmax = lo;
  return result;
}
}  // namespace

BinarySearchResult binary_search_capacity(const PatternSet& set, const Separation& F,
                                          const Progress& progress) {
  check_set(set);
  const FieldTerms terms(F, set.N());
  return binary_search(
      set.size(), [&](std::size_t K) { return retrieved_with(set, K, terms); }, progress);
}

BinarySearchResult binary_search_capacity(const RetrievalProfile& profile) {
  return binary_search(
      profile.retrieved.size(), [&](std::size_t K) { return profile.retrieved[K - 1] != 0; }, {});
}

CapacityResult capacity(const PatternSet& set, const Separation& F,
                        const Progress& progress) {
  check_set(set);
  F.validate();
  CapacityResult result;
  result.N = set.N();
  result.S = set.size();
  result.profile = retrieval_profile(set, F, false, progress);
  // Both modes decide "the first K are retrieved" the same way, so the
  // binary search reads its answers off the profile.
  const auto binary = binary_search_capacity(result.profile);
  result.exact = estimate(set, result.profile.kmax());
  result.binary = estimate(set, binary.kmax);
  result.binary_evaluations = binary.evaluations;
  return result;
}

}  // namespace damlab
