// The trained-memory file: round trips, and every corrupt header field,
// size, checksum and weight refused with a message naming it.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "damlab/data/memory_file.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"
#include "data_error.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
using testing_support::read_le;
using testing_support::write_le;
using testing_support::expect_contains;

damlab::TrainedMemories random_memories(std::size_t K, std::size_t N, std::size_t C,
                                        std::uint64_t seed) {
  damlab::Rng rng(seed);
  damlab::TrainedMemories m;
  m.memories = K;
  m.pixels = N;
  m.classes = C;
  m.f.degree = 3;
  m.temperature = 540.25;
  for (std::size_t k = 0; k < K * (N + C); ++k)
    m.weights.push_back(static_cast<float>(2 * rng.uniform() - 1));
  m.weights.front() = -1.0f;
  m.weights.back() = 1.0f;
  return m;
}

void fix_checksum(Bytes& bytes) {
  write_le(bytes, 40, damlab::fnv1a64(std::span(bytes).subspan(48)), 8);
}

std::string decode_error(const Bytes& bytes) {
  return testing_support::data_error([&] { damlab::decode_memory_file(bytes); });
}

TEST(MemoryFile, RoundTripAndLayout) {
  for (const auto& [K, N, C] : std::vector<std::array<std::size_t, 3>>{{1, 1, 2}, {3, 5, 10}, {20, 784, 10}}) {
    const auto m = random_memories(K, N, C, K + N + C);
    const Bytes bytes = damlab::encode_memory_file(m);
    ASSERT_EQ(bytes.size(), 48 + 4 * K * (N + C));
    // The header read back literally.
    EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 8), std::string("DAMLABM\0", 8));
    EXPECT_EQ(read_le(bytes, 8, 4), 1u);
    EXPECT_EQ(read_le(bytes, 12, 4), K);
    EXPECT_EQ(read_le(bytes, 16, 4), N);
    EXPECT_EQ(read_le(bytes, 20, 4), C);
    EXPECT_EQ(read_le(bytes, 24, 4), 0u);
    EXPECT_EQ(read_le(bytes, 28, 4), 3u);
    EXPECT_EQ(std::bit_cast<double>(read_le(bytes, 32, 8)), 540.25);
    EXPECT_EQ(read_le(bytes, 40, 8), damlab::fnv1a64(std::span(bytes).subspan(48)));
    EXPECT_EQ(damlab::memory_file_checksum(bytes), read_le(bytes, 40, 8));
    for (std::size_t k = 0; k < m.weights.size(); k += 7)
      EXPECT_EQ(std::bit_cast<float>(static_cast<std::uint32_t>(read_le(bytes, 48 + 4 * k, 4))),
                m.weights[k]);
    const auto back = damlab::decode_memory_file(bytes);
    EXPECT_EQ(back, m);
    EXPECT_EQ(damlab::encode_memory_file(back), bytes);
  }
  auto exp = random_memories(2, 3, 2, 1);
  exp.f = damlab::TrainingF{damlab::TrainingF::Kind::exp};
  const Bytes bytes = damlab::encode_memory_file(exp);
  EXPECT_EQ(read_le(bytes, 24, 4), 1u);
  EXPECT_EQ(read_le(bytes, 28, 4), 0u);
  EXPECT_EQ(damlab::decode_memory_file(bytes), exp);
}

TEST(MemoryFile, EveryCorruptHeaderFieldIsNamed) {
  const Bytes good = damlab::encode_memory_file(random_memories(3, 5, 10, 2));
  const auto with = [&](std::size_t at, std::uint64_t value, int size) {
    Bytes bad = good;
    write_le(bad, at, value, size);
    return decode_error(bad);
  };
  expect_contains(decode_error(Bytes(good.begin(), good.begin() + 47)), {"header truncated", "47", "48"});
  expect_contains(with(0, 0x50, 1), {"wrong magic", "50 41 4D", "DAMLABM"});
  expect_contains(with(8, 2, 4), {"version 2", "only 1"});
  expect_contains(with(12, 0, 4), {"K = 0", "[1, 1000000]"});
  expect_contains(with(12, 1000001, 4), {"K = 1000001"});
  expect_contains(with(16, 0, 4), {"N = 0", "[1, 16777216]"});
  expect_contains(with(16, (1u << 24) + 1, 4), {"N = 16777217"});
  expect_contains(with(20, 1, 4), {"C = 1", "[2, 255]"});
  expect_contains(with(20, 256, 4), {"C = 256"});
  expect_contains(with(24, 2, 4), {"F = 2", "rectpoly", "exp"});
  expect_contains(with(28, 0, 4), {"n = 0", "[1, 100]"});
  expect_contains(with(28, 101, 4), {"n = 101"});
  Bytes exp = good;
  write_le(exp, 24, 1, 4);
  expect_contains(decode_error(exp), {"n = 3", "0 for F = exp"});
  expect_contains(with(32, std::bit_cast<std::uint64_t>(0.0), 8), {"T = 0", "finite and > 0"});
  expect_contains(with(32, std::bit_cast<std::uint64_t>(-2.0), 8), {"T = -2"});
  expect_contains(with(32, std::bit_cast<std::uint64_t>(std::numeric_limits<double>::infinity()), 8),
                  {"T = inf"});
  expect_contains(with(32, std::bit_cast<std::uint64_t>(std::numeric_limits<double>::quiet_NaN()), 8),
                  {"T = nan"});
  // Sizes: K one more than the bytes hold, one fewer.
  expect_contains(with(12, 4, 4), {"truncated", "K = 4", "need 288 bytes", "228 present"});
  expect_contains(with(12, 2, 4), {"60 trailing bytes"});
  Bytes longer = good;
  longer.push_back(0);
  expect_contains(decode_error(longer), {"1 trailing bytes"});
}

TEST(MemoryFile, ChecksumMismatchIsRefused) {
  Bytes bad = damlab::encode_memory_file(random_memories(3, 5, 10, 2));
  bad[100] ^= 0x01;
  expect_contains(decode_error(bad), {"checksum mismatch", "the header says"});
  Bytes header = damlab::encode_memory_file(random_memories(3, 5, 10, 2));
  header[40] ^= 0x01;
  expect_contains(decode_error(header), {"checksum mismatch"});
}

TEST(MemoryFile, WeightsOutsideTheRangeAreRefused) {
  const Bytes good = damlab::encode_memory_file(random_memories(3, 5, 10, 2));
  for (const float w : {1.0001f, -1.5f, std::numeric_limits<float>::infinity(),
                        std::numeric_limits<float>::quiet_NaN()}) {
    Bytes bad = good;
    write_le(bad, 48 + 4 * 17, std::bit_cast<std::uint32_t>(w), 4);
    fix_checksum(bad);
    expect_contains(decode_error(bad), {"weight 17", "memory 1", "value 2", "in [-1, 1]"});
  }
}

TEST(MemoryFile, EncoderRefusesWhatTheFormatCannotHold) {
  const auto field_of = [](damlab::TrainedMemories m) {
    try {
      damlab::encode_memory_file(m);
    } catch (const damlab::InvalidArgument& e) {
      return e.field();
    }
    return std::string("no error");
  };
  auto m = random_memories(3, 5, 10, 2);
  m.classes = 1;
  EXPECT_EQ(field_of(m), "C");
  m = random_memories(3, 5, 10, 2);
  m.temperature = 0;
  EXPECT_EQ(field_of(m), "T");
  m = random_memories(3, 5, 10, 2);
  m.weights.pop_back();
  EXPECT_EQ(field_of(m), "weights");
  m = random_memories(3, 5, 10, 2);
  m.weights[4] = 2;
  EXPECT_EQ(field_of(m), "weights");
  m = random_memories(3, 5, 10, 2);
  m.f.degree = 0;
  EXPECT_EQ(field_of(m), "n");
}

}  // namespace
