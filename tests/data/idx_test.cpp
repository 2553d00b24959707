#include "damlab/data/idx.hpp"

#include <gtest/gtest.h>

#include "data_error.hpp"

#include <string>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/data/rng.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

// An IDX file written independently of the parser: magic, type, ndims,
// big-endian dims, data.
Bytes encode(const std::vector<std::uint32_t>& dims, const Bytes& data,
             std::uint8_t type = 0x08) {
  Bytes out = {0x00, 0x00, type, static_cast<std::uint8_t>(dims.size())};
  for (const std::uint32_t dim : dims)
    for (int shift = 24; shift >= 0; shift -= 8)
      out.push_back(static_cast<std::uint8_t>(dim >> shift));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Bytes random_bytes(damlab::Rng& rng, std::size_t count) {
  Bytes out(count);
  for (auto& b : out) b = static_cast<std::uint8_t>(rng.below(256));
  return out;
}

// The message of the DataError that parsing throws ("" and a failure if none).
std::string idx_parse_error(const Bytes& bytes,
                        std::uint64_t limit = damlab::idx_max_data_bytes) {
  return testing_support::data_error([&] { damlab::parse_idx(bytes, limit); });
}

using testing_support::expect_contains;

TEST(Idx, RoundTripRandomShapes) {
  damlab::Rng rng(2024);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::uint32_t> dims(1 + rng.below(4));
    std::size_t size = 1;
    for (auto& dim : dims) {
      dim = static_cast<std::uint32_t>(rng.below(7));
      size *= dim;
    }
    const Bytes data = random_bytes(rng, size);
    const auto array = damlab::parse_idx(encode(dims, data));
    ASSERT_EQ(array.dims, dims) << trial;
    ASSERT_EQ(array.data, data) << trial;
  }
}

TEST(Idx, DimsAreBigEndian) {
  // 00 00 01 02 is 258, not 0x02010000.
  const auto array = damlab::parse_idx(encode({258, 1}, Bytes(258, 7)));
  EXPECT_EQ(array.dims, (std::vector<std::uint32_t>{258, 1}));
}

TEST(Idx, PatternsBinarizeAt128) {
  damlab::Rng rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const std::uint32_t items = 1 + static_cast<std::uint32_t>(rng.below(12));
    const std::uint32_t h = 1 + static_cast<std::uint32_t>(rng.below(30));
    const std::uint32_t w = 1 + static_cast<std::uint32_t>(rng.below(30));
    const Bytes data = random_bytes(rng, std::size_t{items} * h * w);
    const auto set =
        damlab::idx_patterns(damlab::parse_idx(encode({items, h, w}, data)), 128);
    const std::size_t N = std::size_t{h} * w;
    ASSERT_EQ(set.N(), N);
    ASSERT_EQ(set.size(), items);
    for (std::size_t p = 0; p < items; ++p)
      for (std::size_t i = 0; i < N; ++i)
        ASSERT_EQ(set.sign(p, i), data[p * N + i] >= 128 ? 1 : -1)
            << "trial " << trial << " item " << p << " value " << i;
  }
}

TEST(Idx, PatternsThresholdBounds) {
  const Bytes data = {0, 1, 127, 128, 254, 255};
  const auto array = damlab::parse_idx(encode({2, 3}, data));
  EXPECT_EQ(damlab::idx_patterns(array, 0).signs(0), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(damlab::idx_patterns(array, 255).signs(1),
            (std::vector<int>{-1, -1, 1}));
  EXPECT_EQ(damlab::idx_patterns(array, 128).signs(0),
            (std::vector<int>{-1, -1, -1}));
  EXPECT_EQ(damlab::idx_patterns(array, 128).signs(1), (std::vector<int>{1, 1, 1}));
}

TEST(Idx, PatternsNeedTwoDimensions) {
  const auto labels = damlab::parse_idx(encode({4}, {1, 2, 3, 4}));
  try {
    damlab::idx_patterns(labels, 128);
    FAIL() << "no DataError thrown";
  } catch (const damlab::DataError& e) {
    expect_contains(e.what(), {"at least 2 dimensions", "has 1"});
  }
}

TEST(Idx, PatternsNeedNonEmptyItems) {
  const auto array = damlab::parse_idx(encode({3, 0}, {}));
  EXPECT_THROW(damlab::idx_patterns(array, 128), damlab::DataError);
}

TEST(Idx, LabelsRoundTrip) {
  const Bytes labels = {5, 0, 4, 1, 9};
  EXPECT_EQ(damlab::idx_labels(damlab::parse_idx(encode({5}, labels))), labels);
  EXPECT_THROW(damlab::idx_labels(damlab::parse_idx(encode({1, 5}, labels))),
               damlab::DataError);
}

TEST(Idx, WrongMagic) {
  Bytes bytes = encode({2, 2}, {1, 2, 3, 4});
  bytes[0] = 0x1F;
  expect_contains(idx_parse_error(bytes), {"magic", "0x1F 0x00", "0x00 0x00"});
  bytes[0] = 0x00;
  bytes[1] = 0x8B;
  expect_contains(idx_parse_error(bytes), {"magic", "0x00 0x8B"});
}

TEST(Idx, FloatTypeIsRejected) {
  const Bytes bytes = encode({2, 2}, Bytes(16, 0), 0x0D);
  expect_contains(idx_parse_error(bytes), {"0x0D", "float32", "only 0x08 (ubyte)"});
}

TEST(Idx, EveryOtherTypeIsRejected) {
  for (const std::uint8_t type : {0x00, 0x09, 0x0B, 0x0C, 0x0E, 0xFF})
    EXPECT_THROW(damlab::parse_idx(encode({1, 1}, {0}, type)), damlab::DataError)
        << int{type};
}

TEST(Idx, TruncatedHeader) {
  expect_contains(idx_parse_error({}), {"header truncated", "0 bytes present"});
  expect_contains(idx_parse_error({0, 0, 8}), {"header truncated", "3 bytes present"});
  Bytes bytes = encode({20, 6, 7}, {});
  bytes.resize(10);
  expect_contains(idx_parse_error(bytes),
                  {"header truncated", "3 dimensions", "16 header bytes",
                   "10 present"});
}

TEST(Idx, TruncatedData) {
  Bytes bytes = encode({20, 6, 7}, Bytes(840, 1));
  bytes.resize(bytes.size() - 5);
  expect_contains(idx_parse_error(bytes), {"data truncated", "20 x 6 x 7",
                                       "840 data bytes", "835 present"});
}

TEST(Idx, TrailingBytes) {
  Bytes bytes = encode({2, 3}, Bytes(6, 1));
  bytes.insert(bytes.end(), {9, 9, 9});
  expect_contains(idx_parse_error(bytes), {"3 trailing bytes", "6 data bytes"});
}

TEST(Idx, ZeroDimensions) {
  expect_contains(idx_parse_error({0, 0, 8, 0}), {"number of dimensions is 0"});
}

TEST(Idx, SizeLimit) {
  // 60000^3 bytes is far past 2^31; the product must not wrap around.
  expect_contains(idx_parse_error(encode({60000, 60000, 60000}, {})),
                  {"60000 x 60000 x 60000", "2147483648"});
  expect_contains(idx_parse_error(encode({0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, {})),
                  {"more than 2147483648"});
  // A stated limit applies exactly.
  expect_contains(idx_parse_error(encode({10, 10}, Bytes(100, 0)), 99),
                  {"10 x 10", "more than 99"});
  EXPECT_NO_THROW(damlab::parse_idx(encode({10, 10}, Bytes(100, 0)), 100));
}

TEST(Idx, ZeroItemsParse) {
  // A zero dimension means no data; huge other dims are then harmless.
  const auto array = damlab::parse_idx(encode({0, 0xFFFFFFFF}, {}));
  EXPECT_TRUE(array.data.empty());
}

}  // namespace
