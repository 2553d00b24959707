#include "damlab/data/labelled_split.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

LabelledSplit balanced_split(std::span<const std::uint8_t> labels, std::size_t test_per_class,
                             std::uint64_t seed) {
  std::array<std::vector<std::uint32_t>, 256> by_class;
  for (std::uint32_t k = 0; k < labels.size(); ++k) by_class[labels[k]].push_back(k);
  std::size_t smallest = labels.size();
  for (const auto& items : by_class)
    if (!items.empty()) smallest = std::min(smallest, items.size());
  require(labels.empty() || test_per_class < smallest, "test_per_class", test_per_class,
          "below the " + std::to_string(smallest) +
              " items of the smallest class (each class keeps a training item)");
  Rng rng(seed);
  LabelledSplit out;
  for (auto& items : by_class) {
    // Partial Fisher–Yates from the front: position k gets a uniform pick of
    // the items not yet drawn.
    for (std::size_t k = 0; k < test_per_class && k < items.size(); ++k)
      std::swap(items[k], items[k + static_cast<std::size_t>(rng.below(items.size() - k))]);
    if (items.empty()) continue;
    out.test.insert(out.test.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(test_per_class));
    out.train.insert(out.train.end(), items.begin() + static_cast<std::ptrdiff_t>(test_per_class), items.end());
  }
  std::sort(out.test.begin(), out.test.end());
  std::sort(out.train.begin(), out.train.end());
  // Fisher–Yates from the end, as Rng::permutation.
  for (std::size_t k = out.train.size(); k > 1; --k)
    std::swap(out.train[k - 1], out.train[static_cast<std::size_t>(rng.below(k))]);
  return out;
}

float unit_pixel(std::uint8_t byte) { return static_cast<float>(2.0 * byte / 255.0 - 1.0); }

std::vector<float> unit_pixels(const GreyImages& images, std::span<const std::uint32_t> indices) {
  std::array<float, 256> table;
  for (int b = 0; b < 256; ++b) table[static_cast<std::size_t>(b)] = unit_pixel(static_cast<std::uint8_t>(b));
  std::vector<float> out;
  out.reserve(indices.size() * images.pixels);
  for (const std::uint32_t index : indices) {
    require(index < images.count(), "indices", index,
            "below the " + std::to_string(images.count()) + " images");
    const std::uint8_t* image = images.bytes.data() + std::size_t{index} * images.pixels;
    for (std::size_t i = 0; i < images.pixels; ++i) out.push_back(table[image[i]]);
  }
  return out;
}

std::vector<std::uint8_t> labels_at(const GreyImages& images, std::span<const std::uint32_t> indices) {
  std::vector<std::uint8_t> out;
  out.reserve(indices.size());
  for (const std::uint32_t index : indices) {
    require(index < images.count(), "indices", index,
            "below the " + std::to_string(images.count()) + " images");
    out.push_back(images.labels[index]);
  }
  return out;
}

}  // namespace damlab
