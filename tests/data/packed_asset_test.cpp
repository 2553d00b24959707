#include "damlab/data/packed_asset.hpp"

#include <gtest/gtest.h>

#include "data_error.hpp"

#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/data/rng.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
using testing_support::read_le;
using testing_support::write_le;

damlab::LabeledPatterns random_data(damlab::Rng& rng, std::size_t N,
                                    std::size_t count, std::string source) {
  damlab::LabeledPatterns data;
  data.patterns = damlab::PatternSet(N, count);
  for (std::size_t p = 0; p < count; ++p) {
    for (std::size_t i = 0; i < N; ++i) data.patterns.set_sign(p, i, rng.below(2) ? 1 : -1);
    data.labels.push_back(static_cast<std::uint8_t>(rng.below(256)));
  }
  data.source = std::move(source);
  return data;
}

// Recomputes the header checksum after an edit of the payload, so the check
// under test is reached.
void fix_checksum(Bytes& bytes, std::size_t header) {
  write_le(bytes, 24, damlab::fnv1a64(std::span(bytes).subspan(header)), 8);
}

std::string asset_parse_error(const Bytes& bytes) {
  return testing_support::data_error([&] { damlab::parse_packed_asset(bytes); });
}

using testing_support::expect_contains;

TEST(PackedAsset, Fnv1a64KnownValues) {
  const std::string foobar = "foobar";
  EXPECT_EQ(damlab::fnv1a64({}), 0xcbf29ce484222325ULL);
  EXPECT_EQ(damlab::fnv1a64(Bytes{'a'}), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(damlab::fnv1a64(Bytes(foobar.begin(), foobar.end())), 0x85944171f73967e8ULL);
}

TEST(PackedAsset, RoundTrip) {
  damlab::Rng rng(7);
  for (const std::size_t N : {1, 5, 63, 64, 65, 128, 130, 784})
    for (const std::size_t count : {0, 1, 17})
      for (const std::string source : {"", "x", "eight ch", "nine char", "Fashion-MNIST ✓"}) {
        const auto data = random_data(rng, N, count, source);
        const Bytes bytes = damlab::pack_asset(data);
        const std::size_t header = 32 + (source.size() + 7) / 8 * 8;
        ASSERT_EQ(bytes.size(), header + count * ((N + 63) / 64) * 8 + count);
        const auto back = damlab::parse_packed_asset(bytes);
        EXPECT_EQ(back.patterns, data.patterns) << "N " << N << " count " << count;
        EXPECT_EQ(back.patterns.N(), N);
        EXPECT_EQ(back.labels, data.labels);
        EXPECT_EQ(back.source, source);
        EXPECT_EQ(damlab::pack_asset(back), bytes);
      }
}

// The documented layout, byte by byte, for a 2-pattern set of N = 70.
TEST(PackedAsset, LayoutMatchesTheDocumentation) {
  damlab::LabeledPatterns data;
  data.patterns = damlab::PatternSet(70, 2);
  data.patterns.set_sign(0, 0, 1);
  data.patterns.set_sign(0, 9, 1);
  data.patterns.set_sign(1, 69, 1);
  data.labels = {3, 250};
  data.source = "tiny";
  const Bytes bytes = damlab::pack_asset(data);
  ASSERT_EQ(bytes.size(), 40u + 2 * 16 + 2);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 8), std::string("DAMLABP\0", 8));
  EXPECT_EQ(read_le(bytes, 8, 4), 1u);   // version
  EXPECT_EQ(read_le(bytes, 12, 4), 70u);  // N
  EXPECT_EQ(read_le(bytes, 16, 4), 2u);   // count
  EXPECT_EQ(read_le(bytes, 20, 4), 4u);   // source length
  EXPECT_EQ(read_le(bytes, 24, 8), damlab::fnv1a64(std::span(bytes).subspan(40)));
  EXPECT_EQ(std::string(bytes.begin() + 32, bytes.begin() + 36), "tiny");
  for (std::size_t k = 36; k < 40; ++k) EXPECT_EQ(bytes[k], 0) << k;
  EXPECT_EQ(read_le(bytes, 40, 8), (1u << 0) | (1u << 9));  // pattern 0, word 0
  EXPECT_EQ(read_le(bytes, 48, 8), 0u);                      // pattern 0, word 1
  EXPECT_EQ(read_le(bytes, 56, 8), 0u);                      // pattern 1, word 0
  EXPECT_EQ(read_le(bytes, 64, 8), 1u << 5);                 // bit 69 = word 1, bit 5
  EXPECT_EQ(bytes[72], 3);
  EXPECT_EQ(bytes[73], 250);
}

class CorruptAsset : public ::testing::Test {
 protected:
  void SetUp() override {
    damlab::Rng rng(11);
    data = random_data(rng, 70, 3, "src");  // header 40 bytes, 16 per pattern
    bytes = damlab::pack_asset(data);
  }
  damlab::LabeledPatterns data;
  Bytes bytes;
};

TEST_F(CorruptAsset, HeaderTruncated) {
  expect_contains(asset_parse_error(Bytes(bytes.begin(), bytes.begin() + 20)),
                  {"header truncated", "20 bytes", "32"});
  expect_contains(asset_parse_error({}), {"header truncated", "0 bytes"});
}

TEST_F(CorruptAsset, WrongMagic) {
  bytes[6] = 'Q';
  expect_contains(asset_parse_error(bytes),
                  {"wrong magic", "44 41 4D 4C 41 42 51 00", "DAMLABP"});
}

TEST_F(CorruptAsset, UnsupportedVersion) {
  write_le(bytes, 8, 2, 4);
  expect_contains(asset_parse_error(bytes), {"version 2", "only 1"});
}

TEST_F(CorruptAsset, NOutOfRange) {
  write_le(bytes, 12, 0, 4);
  expect_contains(asset_parse_error(bytes), {"N = 0", "[1, 16777216]"});
  write_le(bytes, 12, 0xFFFFFFFF, 4);
  expect_contains(asset_parse_error(bytes), {"N = 4294967295", "[1, 16777216]"});
}

TEST_F(CorruptAsset, SourceTooLong) {
  write_le(bytes, 20, 5000, 4);
  expect_contains(asset_parse_error(bytes), {"source text length 5000", "4096"});
}

TEST_F(CorruptAsset, PayloadTruncated) {
  bytes.pop_back();
  // 40 + 3 * 16 + 3 = 91 bytes expected.
  expect_contains(asset_parse_error(bytes),
                  {"truncated", "3 patterns of N = 70", "need 91 bytes", "90 present"});
  write_le(bytes, 16, 1000000, 4);  // a count far beyond the bytes present
  expect_contains(asset_parse_error(bytes), {"truncated", "1000000 patterns"});
}

TEST_F(CorruptAsset, TrailingBytes) {
  bytes.push_back(0);
  bytes.push_back(0);
  expect_contains(asset_parse_error(bytes), {"2 trailing bytes", "91 bytes"});
}

TEST_F(CorruptAsset, SourcePaddingNotZero) {
  bytes[36] = 1;  // "src" ends at 35
  expect_contains(asset_parse_error(bytes), {"byte 36", "padding after the source"});
}

TEST_F(CorruptAsset, ChecksumMismatch) {
  const std::uint64_t stored = read_le(bytes, 24, 8);
  bytes.back() ^= 1;  // a label
  const std::uint64_t actual = damlab::fnv1a64(std::span(bytes).subspan(40));
  char stored_text[17], actual_text[17];
  std::snprintf(stored_text, sizeof stored_text, "%016llx", static_cast<unsigned long long>(stored));
  std::snprintf(actual_text, sizeof actual_text, "%016llx", static_cast<unsigned long long>(actual));
  expect_contains(asset_parse_error(bytes), {"checksum mismatch", stored_text, actual_text});
}

TEST_F(CorruptAsset, PaddingBitsSet) {
  // Pattern 1's second word starts at 40 + 16 + 8; bit 70 is bit 6 of it.
  bytes[40 + 16 + 8] |= 1 << 6;
  fix_checksum(bytes, 40);
  expect_contains(asset_parse_error(bytes), {"pattern 1", "padding bits", "bit 70", "N = 70"});
  bytes[40 + 16 + 8] &= static_cast<std::uint8_t>(~(1 << 6));
  bytes[40 + 32 + 15] |= 0x80;  // pattern 2, bit 127
  fix_checksum(bytes, 40);
  expect_contains(asset_parse_error(bytes), {"pattern 2", "bit 127"});
}

TEST(PackedAsset, PackValidatesItsInput) {
  damlab::LabeledPatterns data;
  data.patterns = damlab::PatternSet(10, 3);
  data.labels = {1, 2};
  try {
    damlab::pack_asset(data);
    FAIL() << "no InvalidArgument";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "labels.length");
    expect_contains(e.what(), {"2", "3"});
  }
  data.labels = {1, 2, 3};
  data.source = std::string(4097, 'x');
  EXPECT_THROW(damlab::pack_asset(data), damlab::InvalidArgument);
  data.source.resize(4096);
  EXPECT_EQ(damlab::parse_packed_asset(damlab::pack_asset(data)).source.size(), 4096u);
}

// The size a header declares, known from its first 32 bytes (a reader of
// gzip stops there): the whole asset's size, for any N, count and source.
TEST(PackedAsset, DeclaredSizeIsTheAssetSize) {
  damlab::Rng rng(3);
  for (const auto& [N, count, source] : std::vector<std::tuple<std::size_t, std::size_t, std::string>>{
           {1, 1, ""}, {64, 3, "abc"}, {784, 10, "MNIST, threshold 128"}, {65, 7, std::string(9, 'x')}}) {
    const Bytes bytes = damlab::pack_asset(random_data(rng, N, count, source));
    EXPECT_EQ(damlab::packed_asset_declared_size(bytes), bytes.size());
    EXPECT_EQ(damlab::packed_asset_declared_size(std::span(bytes).first(32)), bytes.size());
    EXPECT_EQ(damlab::packed_asset_declared_size(std::span(bytes).first(31)), std::nullopt);
    EXPECT_TRUE(damlab::has_asset_magic(bytes));
  }
  EXPECT_FALSE(damlab::has_asset_magic(Bytes{'D', 'A', 'M'}));
  EXPECT_THROW(damlab::packed_asset_declared_size(Bytes(32, 0)), damlab::DataError);
}

}  // namespace
