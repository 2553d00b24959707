#include "damlab/dam/capacity.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>

#include "damlab/kernels/bit_columns.hpp"
#include "damlab/util/error.hpp"
#include "damlab/kernels/field_terms.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

namespace {

void check_set(const PatternSet& set) {
  require(set.size() >= 1, "patterns.length", set.size(), "at least 1");
}

// Margins of one stored pattern ν: margin_i = ξ_i^ν field_i
//   = Σ_μ ξ_i^ν ξ_i^μ c(m_νμ) + Σ_μ d(m_νμ) = agree[i] + d_sum.
// Pattern ν is a fixed point iff no margin is negative.
//
// The margins are brought up to date lazily. A memory stored since the last
// update only moves the bounds: each margin changes by ±c + d, so it lies in
// [min + Σ(d - |c|), ...] and the pattern at the smallest margin stays below
// min + Σ(d + |c|). While those bounds settle the verdict (beyond the error
// bound, as for any sum of the same terms), no bit is touched; otherwise the
// pending memories are applied eight at a time through BitColumns.
enum class Verdict { fixed, not_fixed, unknown };

// Thrown by ExactBudget::spend; the scan turns it into InvalidArgument
// ("S") once it knows what to advise.
struct TiesOverBudget {};

// The exact big-integer terms one scan may still sum (shared by its threads):
// max_work less the S^2 x N margin updates, exact_term_work per term.
class ExactBudget {
 public:
  ExactBudget(std::size_t N, std::size_t S) : N_(N), S_(S), limit_(limit(S)) {}
  // Counts terms for the scan and for one part of it (part: that part's own
  // count); throws TiesOverBudget past the limit.
  void spend(std::size_t terms, std::uint64_t& part) {
    part += terms;
    if (used_.fetch_add(terms) + terms > limit_) throw TiesOverBudget{};
  }
  // The terms a scan of the first S patterns may sum.
  std::uint64_t limit(std::size_t S) const {
    const double updates = static_cast<double>(S) * static_cast<double>(S) * static_cast<double>(N_);
    return static_cast<std::uint64_t>(std::max(0.0, static_cast<double>(max_work) - updates) /
                                      exact_term_work);
  }
  // advice: a smaller S whose ties are known to fit (0: none known).
  [[noreturn]] void refuse(std::size_t advice = 0) const {
    throw InvalidArgument(
        "S", "S = " + std::to_string(S_) + " with N = " + std::to_string(N_) +
                 ": ties among the margins need exact big-integer sums of more than " +
                 std::to_string(limit_) + " terms (" + std::to_string(exact_term_work) +
                 " operations each, with S² × N margin updates above the limit of 2^40); " +
                 (advice > 0 ? "the ties of the first " + std::to_string(advice) +
                                   " patterns fit: S can be at most " + std::to_string(advice) +
                                   ", or raise N"
                             : "lower S or raise N"));
  }

 private:
  std::size_t N_, S_;
  std::uint64_t limit_ = 0;
  std::atomic<std::uint64_t> used_{0};
};

class Margins {
 public:
  explicit Margins(std::size_t N) : agree_(N, 0.0) {}

  // Memory with overlap m stored, not yet applied.
  void defer(const FieldTerms& terms, std::int32_t m) {
    const double c = std::abs(terms.c(m)), d = terms.d(m);
    pending_low_ += d - c;
    pending_high_ += d + c;
    pending_magnitude_ += terms.magnitude(m);
    ++memories_;
  }

  Verdict bounded() const {
    if (applied_ == 0) return Verdict::unknown;
    const double bound = FieldTerms::error_bound(memories_, magnitude_ + pending_magnitude_);
    if (min_ + pending_low_ > bound) return Verdict::fixed;
    if (min_ + pending_high_ < -bound) return Verdict::not_fixed;
    return Verdict::unknown;
  }

  // Applies memories [applied, K) of set to the margins of pattern nu.
  void update(const PatternSet& set, const BitColumns& columns, const FieldTerms& terms,
              std::size_t nu, std::size_t K, std::vector<std::uint8_t>& flip,
              std::vector<double>& coefficients) {
    if (applied_ == K) return;
    flip_bytes(set, nu, flip);
    coefficients.resize(K);
    for (std::size_t mu = applied_; mu < K; ++mu) {
      const std::int32_t m = overlap(set.row(nu), set.row(mu), set.N());
      coefficients[mu] = terms.c(m);
      d_sum_ += terms.d(m);
      magnitude_ += terms.magnitude(m);
    }
    accumulate_signed_sums(columns, coefficients, applied_, K, flip, agree_);
    applied_ = memories_ = K;
    pending_low_ = pending_high_ = pending_magnitude_ = 0;
    min_ = agree_[0] + d_sum_;
    for (double a : agree_) min_ = std::min(min_, a + d_sum_);
  }

  // Whether pattern ν, once up to date, has no negative margin. Exact:
  // uncertain margins go to big integers (their terms counted in exact_terms).
  bool nonnegative(const PatternSet& set, const FieldTerms& terms, std::size_t nu,
                   ExactBudget& exact_terms, std::uint64_t& exact_spent) const {
    const double bound = FieldTerms::error_bound(memories_, magnitude_);
    if (min_ > bound) return true;
    std::vector<std::int32_t> ov;
    for (std::size_t i = 0; i < agree_.size(); ++i) {
      const int s = certain_sign(agree_[i] + d_sum_, bound);
      if (s > 0) continue;
      if (s < 0) return false;
      if (ov.empty())
        for (std::size_t mu = 0; mu < memories_; ++mu)
          ov.push_back(overlap(set.row(nu), set.row(mu), set.N()));
      exact_terms.spend(memories_, exact_spent);
      const int sigma = set.sign(nu, i);
      if (sigma * terms.exact_field_sign(set, ov, i, sigma) < 0) return false;
    }
    return true;
  }

 private:
  std::vector<double> agree_;
  double d_sum_ = 0, magnitude_ = 0, min_ = 0;
  double pending_low_ = 0, pending_high_ = 0, pending_magnitude_ = 0;
  std::size_t applied_ = 0, memories_ = 0;
};

// Everything the margins of one set share.
struct MarginContext {
  const PatternSet& set;
  const FieldTerms& terms;
  const BitColumns& columns;
  std::vector<std::uint8_t> flip;
  std::vector<double> coefficients;  // c(m_νμ) by μ, scratch
  ExactBudget& exact_terms;
  std::uint64_t exact_spent = 0;  // this context's terms

  MarginContext(const PatternSet& s, const FieldTerms& t, const BitColumns& c, ExactBudget& e)
      : set(s), terms(t), columns(c), flip(s.N()), exact_terms(e) {}

  // Whether pattern nu is a fixed point with the first K memories.
  bool fixed(Margins& margins, std::size_t nu, std::size_t K) {
    switch (margins.bounded()) {
      case Verdict::fixed: return true;
      case Verdict::not_fixed: return false;
      case Verdict::unknown: break;
    }
    margins.update(set, columns, terms, nu, K, flip, coefficients);
    return margins.nonnegative(set, terms, nu, exact_terms, exact_spent);
  }
};

bool retrieved_with(MarginContext& context, std::size_t K) {
  for (std::size_t nu = 0; nu < K; ++nu) {
    Margins margins(context.set.N());
    if (!context.fixed(margins, nu, K)) return false;
  }
  return true;
}

}  // namespace

CapacityEstimate capacity_estimate(const PatternSet& set, std::size_t kmax) {
  return {kmax, kmax == set.size(), pairwise_distance(set, kmax)};
}

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

namespace {

// The profile restricted to the patterns ν ≡ part (mod parts): failed[K - 1]
// says whether one of them is not a fixed point with the first K memories.
// Parts never share a pattern, so threads run them without talking, except
// that with stop_at_first_failure each stops past the first failure any
// part has found. spent_through[K - 1]: the exact terms the part summed up
// to K.
std::vector<std::uint8_t> failures_of_part(const PatternSet& set, const FieldTerms& terms,
                                           const BitColumns& columns, std::size_t part,
                                           std::size_t parts, bool stop_at_first_failure,
                                           std::atomic<std::size_t>& first_failure,
                                           ExactBudget& exact_terms,
                                           std::vector<std::uint64_t>& spent_through,
                                           const Progress& progress) {
  MarginContext context(set, terms, columns, exact_terms);
  const std::size_t S = set.size();
  std::vector<Margins> rows;  // rows[k]: pattern part + k * parts
  rows.reserve(S / parts + 1);
  std::vector<std::size_t> unsettled;
  std::size_t suspect = 0;  // the row that failed last: often fails again
  std::vector<std::uint8_t> failed;
  for (std::size_t K = 1; K <= S && K <= first_failure.load(); ++K) {
    const std::size_t newest = K - 1;
    // The newest memory joins every earlier pattern (as a bound), the newest
    // pattern joins with every memory (itself included).
    for (std::size_t k = 0; k < rows.size(); ++k)
      rows[k].defer(terms, overlap(set.row(part + k * parts), set.row(newest), set.N()));
    if (newest % parts == part) rows.emplace_back(set.N());
    auto pattern = [&](std::size_t k) { return part + k * parts; };
    // One pattern that is not a fixed point settles K: first the ones the
    // bounds settle, then the rest brought up to date.
    bool all_fixed = rows.empty() || context.fixed(rows[suspect], pattern(suspect), K);
    unsettled.clear();
    for (std::size_t k = 0; all_fixed && k < rows.size(); ++k) {
      const Verdict verdict = rows[k].bounded();
      if (verdict == Verdict::not_fixed) {
        all_fixed = false;
        suspect = k;
      } else if (verdict == Verdict::unknown) {
        unsettled.push_back(k);
      }
    }
    for (std::size_t j = 0; all_fixed && j < unsettled.size(); ++j) {
      const std::size_t k = unsettled[j];
      if (!context.fixed(rows[k], pattern(k), K)) {
        all_fixed = false;
        suspect = k;
      }
    }
    failed.push_back(all_fixed ? 0 : 1);
    spent_through.push_back(context.exact_spent);
    if (!all_fixed && stop_at_first_failure) {
      std::size_t seen = first_failure.load();
      while (K < seen && !first_failure.compare_exchange_weak(seen, K)) {
      }
    }
    // Work up to K grows as K^2.
    if (part == 0) report(progress, static_cast<double>(K) * K / (static_cast<double>(S) * S));
  }
  return failed;
}

}  // namespace

RetrievalProfile retrieval_profile(const PatternSet& set, const Separation& F,
                                   bool stop_at_first_failure, const Progress& progress,
                                   std::size_t threads) {
  check_set(set);
  require(threads >= 1 && threads <= 256, "threads", threads, "in [1, 256]");
  threads = std::min(usable_threads(threads), set.size());
  const FieldTerms terms(F, set.N());
  const BitColumns columns(set);
  const std::size_t S = set.size();
  std::atomic<std::size_t> first_failure{S};
  ExactBudget exact_terms(set.N(), S);
  std::vector<std::vector<std::uint8_t>> failed(threads);
  std::vector<std::vector<std::uint64_t>> spent(threads);
  try {
    parallel_for(threads, threads, [&](std::size_t t) {
      try {
        failed[t] = failures_of_part(set, terms, columns, t, threads, stop_at_first_failure,
                                     first_failure, exact_terms, spent[t], progress);
      } catch (...) {
        first_failure = 0;  // the others stop at their next K
        throw;
      }
    });
  } catch (const TiesOverBudget&) {
    // The scan of the first K patterns is the start of this one, so the
    // terms every part summed up to K are those of data of S = K.
    std::size_t known = S;
    for (const auto& part : spent) known = std::min(known, part.size());
    for (std::size_t K = std::min(known, S - 1); K >= 1; --K) {
      std::uint64_t total = 0;
      for (const auto& part : spent) total += part[K - 1];
      if (total <= exact_terms.limit(K)) exact_terms.refuse(K);
    }
    exact_terms.refuse();
  }
  // K is retrieved when no part failed; with stop_at_first_failure the
  // profile ends at the first failure.
  RetrievalProfile profile;
  const std::size_t length = stop_at_first_failure ? std::min(S, first_failure.load()) : S;
  for (std::size_t K = 1; K <= length; ++K) {
    bool any = false;
    for (const auto& part : failed) any = any || part[K - 1];
    profile.retrieved.push_back(any ? 0 : 1);
  }
  return profile;
}

bool first_k_retrieved(const PatternSet& set, std::size_t K,
                       const Separation& F) {
  check_set(set);
  require(K >= 1 && K <= set.size(), "K", K,
          "in [1, S = " + std::to_string(set.size()) + "]");
  const FieldTerms terms(F, set.N());
  const BitColumns columns(set);
  ExactBudget exact_terms(set.N(), K);
  MarginContext context(set, terms, columns, exact_terms);
  try {
    return retrieved_with(context, K);
  } catch (const TiesOverBudget&) {
    exact_terms.refuse();
  }
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
  const BitColumns columns(set);
  ExactBudget exact_terms(set.N(), set.size());
  MarginContext context(set, terms, columns, exact_terms);
  try {
    return binary_search(
        set.size(), [&](std::size_t K) { return retrieved_with(context, K); }, progress);
  } catch (const TiesOverBudget&) {
    exact_terms.refuse();
  }
}

BinarySearchResult binary_search_capacity(const RetrievalProfile& profile) {
  return binary_search(
      profile.retrieved.size(), [&](std::size_t K) { return profile.retrieved[K - 1] != 0; }, {});
}

CapacityResult capacity(const PatternSet& set, const Separation& F,
                        const Progress& progress, std::size_t threads) {
  check_set(set);
  F.validate();
  CapacityResult result;
  result.N = set.N();
  result.S = set.size();
  result.profile = retrieval_profile(set, F, false, progress, threads);
  // Both modes decide "the first K are retrieved" the same way, so the
  // binary search reads its answers off the profile.
  const auto binary = binary_search_capacity(*result.profile);
  result.exact = capacity_estimate(set, result.profile->kmax());
  result.binary = BinarySearchEstimate{capacity_estimate(set, binary.kmax), binary.evaluations};
  return result;
}

}  // namespace damlab
