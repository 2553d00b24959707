#include "damlab/kernels/patterns.hpp"

#include <cmath>
#include <limits>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {
// The word mask of the bits that belong to a pattern in its last word.
std::uint64_t last_word_mask(std::size_t N) {
  const std::size_t used = N % 64;
  return used == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << used) - 1;
}
}  // namespace

PatternSet::PatternSet(std::size_t N, std::size_t count)
    : N_(N), count_(count), words_(words_per_pattern(N)) {
  require(N >= 1, "N", N, "at least 1");
  // count x words x 8 bytes must fit size_t (32 bits on wasm32), or the
  // buffer would wrap to a small one and every write past it corrupt memory.
  const std::size_t most = std::numeric_limits<std::size_t>::max() / sizeof(std::uint64_t) / words_;
  require(count <= most, "count", count,
          "at most " + std::to_string(most) + " patterns of N = " + std::to_string(N) +
              " bits (the words must fit the address space)");
  bits_.assign(count_ * words_, 0);
}

PatternSet PatternSet::from_bytes(std::span<const std::uint8_t> values,
                                  std::size_t N, std::uint8_t threshold) {
  require(N >= 1, "N", N, "at least 1");
  require(values.size() % N == 0, "values.length", values.size(),
          "a multiple of N = " + std::to_string(N));
  PatternSet set(N, values.size() / N);
  for (std::size_t p = 0; p < set.count_; ++p)
    for (std::size_t i = 0; i < N; ++i)
      if (values[p * N + i] >= threshold)
        set.bits_[p * set.words_ + i / 64] |= std::uint64_t{1} << (i % 64);
  return set;
}

PatternSet PatternSet::from_signs(std::span<const int> signs, std::size_t N) {
  require(N >= 1, "N", N, "at least 1");
  require(signs.size() % N == 0, "signs.length", signs.size(),
          "a multiple of N = " + std::to_string(N));
  PatternSet set(N, signs.size() / N);
  for (std::size_t k = 0; k < signs.size(); ++k) {
    // The field's name is built only for a bad value: once per element it
    // would cost more than the check.
    if (signs[k] != 1 && signs[k] != -1)
      fail_field("signs[" + std::to_string(k) + "]", signs[k], "+1 or -1");
    if (signs[k] > 0) set.set_sign(k / N, k % N, 1);
  }
  return set;
}

PatternSet PatternSet::from_words(std::span<const std::uint64_t> words,
                                  std::size_t N) {
  require(N >= 1, "N", N, "at least 1");
  const std::size_t per = words_per_pattern(N);
  require(words.size() % per == 0, "words.length", words.size(),
          "a multiple of " + std::to_string(per) + " (64-bit words per pattern)");
  PatternSet set(N, words.size() / per);
  const std::uint64_t mask = last_word_mask(N);
  for (std::size_t p = 0; p < set.count_; ++p)
    require((words[p * per + per - 1] & ~mask) == 0,
            "words (pattern " + std::to_string(p) + " padding)", "nonzero",
            "0 in the bits past N");
  set.bits_.assign(words.begin(), words.end());
  return set;
}

void PatternSet::set_sign(std::size_t p, std::size_t i, int s) {
  const std::uint64_t bit = std::uint64_t{1} << (i % 64);
  auto& word = bits_[p * words_ + i / 64];
  word = s > 0 ? (word | bit) : (word & ~bit);
}

PatternSet PatternSet::slice(std::size_t first, std::size_t count) const {
  require(first <= count_ && count <= count_ - first, "slice", first + count,
          "at most the set size " + std::to_string(count_));
  PatternSet out(N_, count);
  std::copy(bits_.begin() + first * words_,
            bits_.begin() + (first + count) * words_, out.bits_.begin());
  return out;
}

void PatternSet::append(const PatternSet& other) {
  require(other.N_ == N_, "N", other.N_, "equal to " + std::to_string(N_));
  bits_.insert(bits_.end(), other.bits_.begin(), other.bits_.end());
  count_ += other.count_;
}

void PatternSet::append_row(const PatternSet& other, std::size_t p) {
  require(other.N_ == N_, "N", other.N_, "equal to " + std::to_string(N_));
  const auto r = other.row(p);
  bits_.insert(bits_.end(), r.begin(), r.end());
  ++count_;
}

std::vector<int> PatternSet::signs(std::size_t p) const {
  std::vector<int> out(N_);
  for (std::size_t i = 0; i < N_; ++i) out[i] = sign(p, i);
  return out;
}

double PairwiseDistance::mean() const {
  if (pairs == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(distance_sum) / static_cast<double>(pairs);
}

PairwiseDistance pairwise_distance(const PatternSet& set, std::size_t prefix,
                                   const Progress& progress) {
  require(prefix <= set.size(), "prefix", prefix,
          "at most the set size " + std::to_string(set.size()));
  PairwiseDistance result;
  const double total = static_cast<double>(prefix) * static_cast<double>(prefix);
  std::size_t since_report = 0;
  for (std::size_t a = 0; a < prefix; ++a) {
    for (std::size_t b = 0; b < a; ++b)
      result.distance_sum += hamming(set.row(a), set.row(b));
    since_report += a * set.words();
    if (since_report >= report_interval) {
      since_report = 0;
      report(progress, static_cast<double>(a) * static_cast<double>(a) / total);
    }
  }
  result.pairs = static_cast<std::uint64_t>(prefix) * (prefix - (prefix > 0)) / 2;
  return result;
}

std::vector<PairwiseDistance> prefix_pairwise_distances(const PatternSet& set) {
  std::vector<PairwiseDistance> out(set.size() + 1);
  for (std::size_t k = 1; k <= set.size(); ++k) {
    out[k] = out[k - 1];
    for (std::size_t b = 0; b + 1 < k; ++b)
      out[k].distance_sum += hamming(set.row(k - 1), set.row(b));
    out[k].pairs += k - 1;
  }
  return out;
}

}  // namespace damlab
