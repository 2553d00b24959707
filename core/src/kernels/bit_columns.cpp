#include "damlab/kernels/bit_columns.hpp"

#include <algorithm>
#include <cstring>

#include "damlab/kernels/cpu.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

BitColumns::BitColumns(const PatternSet& set)
    : N_(set.N()), groups_((set.size() + 7) / 8), bytes_(groups_ * set.N(), 0) {
  for (std::size_t p = 0; p < set.size(); ++p) {
    std::uint8_t* column = bytes_.data() + (p / 8) * N_;
    const auto bit = static_cast<std::uint8_t>(1U << (p % 8));
    const auto row = set.row(p);
    for (std::size_t w = 0; w < row.size(); ++w)
      for (std::uint64_t bits = row[w]; bits != 0; bits &= bits - 1)
        column[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))] |= bit;
  }
}

// The table and apply loops are each written once as an inlined body and
// compiled for AVX-512, AVX2 and the baseline; the variant is chosen once from
// simd_level() (kernels/cpu.hpp). Every variant does the same operations on
// each entry and element in the same order, so results are bit-identical.
#define DAMLAB_BODY [[gnu::always_inline]] inline
#ifdef DAMLAB_X86_SIMD
#include <immintrin.h>
#define DAMLAB_AVX2 __attribute__((target("avx2")))
#define DAMLAB_AVX512 __attribute__((target("avx512f")))
#endif

namespace {

// table[b] = Σ_{k<Terms} (bit k of b ? c[k] : -c[k]), built one bit at a
// time so that each entry is a sequential sum of its own terms.
template <std::size_t Terms>
DAMLAB_BODY void fill_signed_sums(const double* c, double* table) {
  table[0] = -c[0];
  table[1] = c[0];
  for (std::size_t k = 1; k < Terms; ++k) {
    const std::size_t half = std::size_t{1} << k;
    for (std::size_t b = 0; b < half; ++b) {
      table[b + half] = table[b] + c[k];
      table[b] = table[b] - c[k];
    }
  }
}

// The eight coefficients of group g, those of patterns outside [first, last) 0.
std::array<double, 8> group_coefficients(std::span<const double> c, std::size_t first,
                                         std::size_t last, std::size_t g) {
  std::array<double, 8> out{};
  for (std::size_t mu = std::max(first, g * 8); mu < std::min(last, g * 8 + 8); ++mu)
    out[mu - g * 8] = c[mu];
  return out;
}

DAMLAB_BODY void table_body(const double* c, double* table) { fill_signed_sums<8>(c, table); }

DAMLAB_BODY void group_body(const double* table, const std::uint8_t* column,
                            const std::uint8_t* flip, double* out, std::size_t n) {
  if (flip == nullptr) {
    for (std::size_t i = 0; i < n; ++i) out[i] += table[column[i]];
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] += table[column[i] ^ flip[i]];
  }
}

// Four groups in one pass: out[i] += (T0[b0] + T1[b1]) + (T2[b2] + T3[b3]).
DAMLAB_BODY void four_body(const SignedSumTable* tables, const std::uint8_t* const* columns,
                           const std::uint8_t* flip, double* out, std::size_t n) {
  const double *t0 = tables[0].data(), *t1 = tables[1].data(), *t2 = tables[2].data(),
               *t3 = tables[3].data();
  const std::uint8_t *b0 = columns[0], *b1 = columns[1], *b2 = columns[2], *b3 = columns[3];
  if (flip == nullptr) {
    for (std::size_t i = 0; i < n; ++i)
      out[i] += (t0[b0[i]] + t1[b1[i]]) + (t2[b2[i]] + t3[b3[i]]);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t f = flip[i];
      out[i] += (t0[b0[i] ^ f] + t1[b1[i] ^ f]) + (t2[b2[i] ^ f] + t3[b3[i] ^ f]);
    }
  }
}

using TableFn = void (*)(const double*, double*);
using GroupFn = void (*)(const double*, const std::uint8_t*, const std::uint8_t*, double*,
                         std::size_t);
using FourFn = void (*)(const SignedSumTable*, const std::uint8_t* const*, const std::uint8_t*,
                        double*, std::size_t);

void table_baseline(const double* c, double* t) { table_body(c, t); }
void group_baseline(const double* t, const std::uint8_t* b, const std::uint8_t* f, double* o,
                    std::size_t n) { group_body(t, b, f, o, n); }
void four_baseline(const SignedSumTable* t, const std::uint8_t* const* b, const std::uint8_t* f,
                   double* o, std::size_t n) { four_body(t, b, f, o, n); }
#ifdef DAMLAB_X86_SIMD
DAMLAB_AVX2 void table_avx2(const double* c, double* t) { table_body(c, t); }
DAMLAB_AVX2 void group_avx2(const double* t, const std::uint8_t* b, const std::uint8_t* f,
                            double* o, std::size_t n) { group_body(t, b, f, o, n); }
DAMLAB_AVX2 void four_avx2(const SignedSumTable* t, const std::uint8_t* const* b,
                           const std::uint8_t* f, double* o, std::size_t n) { four_body(t, b, f, o, n); }
DAMLAB_AVX512 void table_avx512(const double* c, double* t) { table_body(c, t); }
DAMLAB_AVX512 void group_avx512(const double* t, const std::uint8_t* b, const std::uint8_t* f,
                                double* o, std::size_t n) { group_body(t, b, f, o, n); }
DAMLAB_AVX512 void four_avx512(const SignedSumTable* t, const std::uint8_t* const* b,
                               const std::uint8_t* f, double* o, std::size_t n) { four_body(t, b, f, o, n); }
#endif

// The variants for this CPU, chosen on first use.
struct TableKernels {
  TableFn table;
  GroupFn group;
  FourFn four;
};
const TableKernels& table_kernels() {
  static const TableKernels chosen = []() -> TableKernels {
#ifdef DAMLAB_X86_SIMD
    if (cpu_runs(SimdLevel::avx512f)) return {table_avx512, group_avx512, four_avx512};
    if (cpu_runs(SimdLevel::avx2)) return {table_avx2, group_avx2, four_avx2};
#endif
    return {table_baseline, group_baseline, four_baseline};
  }();
  return chosen;
}

#ifdef DAMLAB_X86_SIMD
// AVX-512: a 16-entry table is two registers, and one two-source permute
// looks up eight bits at once (low nibble: patterns 0-3 of the group, high
// nibble: 4-7), so no table ever goes through memory in the inner loop.
__attribute__((target("avx512f"))) void accumulate_pass_avx512(
    const double (*low)[16], const double (*high)[16], const std::uint8_t* const* columns,
    std::size_t count, const std::uint8_t* flip, double* out, std::size_t n) {
  __m512d lo_a[4], lo_b[4], hi_a[4], hi_b[4];
  for (std::size_t g = 0; g < count; ++g) {
    lo_a[g] = _mm512_loadu_pd(low[g]);
    lo_b[g] = _mm512_loadu_pd(low[g] + 8);
    hi_a[g] = _mm512_loadu_pd(high[g]);
    hi_b[g] = _mm512_loadu_pd(high[g] + 8);
  }
  const __m512i nibble = _mm512_set1_epi64(15);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t f = 0;
    if (flip != nullptr) std::memcpy(&f, flip + i, 8);
    __m512d sum = _mm512_setzero_pd();
    for (std::size_t g = 0; g < count; ++g) {
      std::uint64_t bytes;
      std::memcpy(&bytes, columns[g] + i, 8);
      const __m512i index = _mm512_cvtepu8_epi64(_mm_cvtsi64_si128(static_cast<long long>(bytes ^ f)));
      const __m512d part = _mm512_add_pd(
          _mm512_permutex2var_pd(lo_a[g], _mm512_and_si512(index, nibble), lo_b[g]),
          _mm512_permutex2var_pd(hi_a[g], _mm512_srli_epi64(index, 4), hi_b[g]));
      sum = _mm512_add_pd(sum, part);
    }
    _mm512_storeu_pd(out + i, _mm512_add_pd(_mm512_loadu_pd(out + i), sum));
  }
  for (; i < n; ++i) {
    double sum = 0;
    for (std::size_t g = 0; g < count; ++g) {
      const std::uint8_t b = columns[g][i] ^ (flip != nullptr ? flip[i] : 0);
      sum += low[g][b & 15] + high[g][b >> 4];
    }
    out[i] += sum;
  }
}

void accumulate_signed_sums_avx512(const BitColumns& columns, std::span<const double> c,
                                   std::size_t first, std::size_t last,
                                   std::span<const std::uint8_t> flip, std::span<double> out) {
  double low[4][16], high[4][16];
  const std::uint8_t* column[4];
  std::size_t filled = 0;
  const std::size_t g_last = (last + 7) / 8;
  for (std::size_t g = first / 8; g < g_last; ++g) {
    const auto coefficients = group_coefficients(c, first, last, g);
    fill_signed_sums<4>(coefficients.data(), low[filled]);
    fill_signed_sums<4>(coefficients.data() + 4, high[filled]);
    column[filled++] = columns.group(g).data();
    if (filled == 4 || g + 1 == g_last) {
      accumulate_pass_avx512(low, high, column, filled, flip.empty() ? nullptr : flip.data(),
                             out.data(), out.size());
      filled = 0;
    }
  }
}
#endif

}  // namespace

void signed_sum_table(std::span<const double, 8> c, SignedSumTable& table) {
  table_kernels().table(c.data(), table.data());
}

void accumulate_group(const SignedSumTable& table, std::span<const std::uint8_t> column,
                      std::span<const std::uint8_t> flip, std::span<double> out) {
  table_kernels().group(table.data(), column.data(), flip.empty() ? nullptr : flip.data(),
                        out.data(), out.size());
}

bool accumulate_in_registers_available() {
#ifdef DAMLAB_X86_SIMD
  return cpu_runs(SimdLevel::avx512f);
#else
  return false;
#endif
}

void accumulate_signed_sums(const BitColumns& columns, std::span<const double> c,
                            std::size_t first, std::size_t last,
                            std::span<const std::uint8_t> flip, std::span<double> out,
                            bool in_registers) {
  require(last <= c.size() && first <= last, "patterns", last, "at most c.length");
  require(out.size() == columns.N(), "out.length", out.size(), "N = " + std::to_string(columns.N()));
  if (first == last) return;
  const std::size_t g_first = first / 8, g_last = (last + 7) / 8;
  require(g_last <= columns.groups(), "patterns", last, "within the columns' patterns");
#ifdef DAMLAB_X86_SIMD
  if (in_registers && cpu_runs(SimdLevel::avx512f)) return accumulate_signed_sums_avx512(columns, c, first, last, flip, out);
#endif
  const TableKernels& kernels = table_kernels();
  SignedSumTable tables[4];
  const std::uint8_t* column[4];
  std::size_t filled = 0;
  for (std::size_t g = g_first; g < g_last; ++g) {
    kernels.table(group_coefficients(c, first, last, g).data(), tables[filled].data());
    column[filled++] = columns.group(g).data();
    if (filled == 4) {
      kernels.four(tables, column, flip.empty() ? nullptr : flip.data(), out.data(), out.size());
      filled = 0;
    }
  }
  for (std::size_t k = 0; k < filled; ++k)
    accumulate_group(tables[k], {column[k], columns.N()}, flip, out);
}

void flip_bytes(const PatternSet& set, std::size_t p, std::span<std::uint8_t> out) {
  require(out.size() == set.N(), "flip.length", out.size(), "N = " + std::to_string(set.N()));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = set.bit(p, i) ? 0x00 : 0xFF;
}

}  // namespace damlab
