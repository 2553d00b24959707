// The data section of a train spec (train_spec.hpp) made into the training
// and test sets the trainer reads: grey bytes from the files it names, split
// (mnist) or taken as the files give them (fashion-mnist, idx), scaled to
// [−1, 1], with the checksum that identifies them in records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/train_spec.hpp"
#include "damlab/train/labelled_view.hpp"

namespace damlab {

struct LabelledData {
  std::size_t pixels = 0, classes = 0;
  std::vector<float> train_images, test_images;  // count × pixels, in [−1, 1]
  std::vector<std::uint8_t> train_labels, test_labels;
  std::string source;    // what the data is (the grey asset's source text, or the files)
  std::string checksum;  // FNV-1a 64, hex: see checksum_of

  LabelledView train() const { return {train_images, train_labels, pixels, classes}; }
  LabelledView test() const { return {test_images, test_labels, pixels, classes}; }
  bool has_test() const { return !test_labels.empty(); }
};

inline constexpr const char* labelled_checksum_of =
    "FNV-1a 64 of the training images' grey bytes, then their labels, then the test images' "
    "bytes and labels, each set in the order used";

// files holds the bytes of every name data.files() lists. Throws
// InvalidArgument naming data.<field> (test_per_class, train, test) and
// DataError (prefixed with the file's name) for malformed files.
LabelledData load_labelled(const LabelledDataSpec& data, const FileBytes& files);

}  // namespace damlab
