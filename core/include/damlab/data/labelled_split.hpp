// A seeded, class-balanced train/test split of labelled data, and grey pixel
// bytes scaled to the [−1, 1] that training reads (b → 2b/255 − 1, as in
// Krotov & Hopfield 2016). The split draws from damlab::Rng only, so a seed
// gives the same split natively and in the browser (docs/data.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/data/grey_asset.hpp"

namespace damlab {

struct LabelledSplit {
  std::vector<std::uint32_t> train;  // in a seeded random order (a prefix mixes the classes)
  std::vector<std::uint32_t> test;   // ascending
};

// For each class present in labels, in ascending label order, a uniformly
// random test_per_class of its items go to test (a partial Fisher–Yates over
// the class's items in their order, one Rng(seed) stream for all classes);
// every other item goes to train, which is then shuffled by the same stream.
// Throws InvalidArgument("test_per_class") unless every class keeps at least
// one training item.
LabelledSplit balanced_split(std::span<const std::uint8_t> labels, std::size_t test_per_class,
                             std::uint64_t seed);

// A pixel byte scaled to [−1, 1]: 2b/255 − 1, computed in double and rounded
// once to float (0 → −1, 255 → 1 exactly).
float unit_pixel(std::uint8_t byte);

// The images at indices (in that order) scaled by unit_pixel, image after image.
std::vector<float> unit_pixels(const GreyImages& images, std::span<const std::uint32_t> indices);
// Their labels, in the same order.
std::vector<std::uint8_t> labels_at(const GreyImages& images, std::span<const std::uint32_t> indices);

}  // namespace damlab
