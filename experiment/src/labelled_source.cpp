#include "damlab/experiment/labelled_source.hpp"

#include <algorithm>
#include <numeric>

#include "damlab/data/grey_asset.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace damlab {

namespace {

// Scaled pixels and labels must fit 32-bit sizes in the browser as well:
// at most 2^28 values (1 GiB of floats) in all.
constexpr std::uint64_t max_values = std::uint64_t{1} << 28;

const std::vector<std::uint8_t>& file(const FileBytes& files, const std::string& name) {
  const auto found = files.find(name);
  require(found != files.end(), "data", name, "a file the front end has read");
  return found->second;
}

GreyImages idx_pair(const FileBytes& files, const std::string& images, const std::string& labels,
                    const std::string& what) {
  const auto parse = [&](const std::string& name) {
    try {
      return parse_idx(file(files, name));
    } catch (const DataError& e) {
      throw DataError(name + ": " + e.what());
    }
  };
  return grey_images_from_idx(parse(images), parse(labels), what + " (" + images + ", " + labels + ")");
}

std::vector<std::uint32_t> first(std::size_t count, std::vector<std::uint32_t> indices,
                                 const std::string& field) {
  require(count <= indices.size(), field, count,
          "at most the " + std::to_string(indices.size()) + " items available (0: all)");
  if (count != 0) indices.resize(count);
  return indices;
}

std::vector<std::uint32_t> all(const GreyImages& images) {
  std::vector<std::uint32_t> out(images.count());
  std::iota(out.begin(), out.end(), 0u);
  return out;
}

void add_set(Fnv1a64& hash, const GreyImages& images, const std::vector<std::uint32_t>& indices) {
  for (const std::uint32_t k : indices)
    hash.add(std::span(images.bytes).subspan(std::size_t{k} * images.pixels, images.pixels));
  for (const std::uint32_t k : indices) hash.add(images.labels[k]);
}

// The training part split again: per_class items of each class held out of
// it (a balanced_split of its labels, train keeping the part's order of the
// rest), as indices into images; the held-out ones ascending.
LabelledSplit validation_split(const GreyImages& images, const std::vector<std::uint32_t>& part,
                               std::size_t per_class, std::uint64_t seed) {
  LabelledSplit inner;
  try {
    inner = balanced_split(labels_at(images, part), per_class, seed);
  } catch (const InvalidArgument& e) {
    // e reads "test_per_class = V: must be below the M items of the smallest class …"
    // of the training part.
    const std::string what = e.what();
    throw InvalidArgument("data.validation_per_class",
                          "data.validation_per_class" + what.substr(what.find(" = ")) + " of the training part");
  }
  LabelledSplit out;
  for (const std::uint32_t k : inner.train) out.train.push_back(part[k]);
  for (const std::uint32_t k : inner.test) out.test.push_back(part[k]);
  std::sort(out.test.begin(), out.test.end());
  return out;
}

}  // namespace

LabelledData load_labelled(const LabelledDataSpec& data, const FileBytes& files) {
  using Source = LabelledDataSpec::Source;
  GreyImages train_set, test_set;
  std::vector<std::uint32_t> train, test;
  LabelledData out;
  if (data.source == Source::mnist) {
    try {
      train_set = parse_grey_asset(file(files, mnist_grey_asset));
    } catch (const DataError& e) {
      throw DataError(std::string(mnist_grey_asset) + ": " + e.what());
    }
    LabelledSplit split;
    try {
      split = balanced_split(train_set.labels, data.test_per_class, data.seed);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument("data.test_per_class", std::string("data.") + e.what());
    }
    out.source = train_set.source + "; test: " + std::to_string(data.test_per_class) +
                 " digits of each class, seed " + std::to_string(data.seed);
    if (data.validation_per_class != 0) {
      split = validation_split(train_set, split.train, data.validation_per_class, data.seed);
      out.source += "; evaluated on validation: " + std::to_string(data.validation_per_class) +
                    " digits of each class held out of the training part (same seed), the test "
                    "digits not read";
    }
    train = first(data.train, split.train, "data.train");
    test = split.test;
    test_set = train_set;
  } else {
    const bool fashion = data.source == Source::fashion_mnist;
    const auto files_of = data.files();
    train_set = idx_pair(files, files_of[0], files_of[1], "train");
    train = first(data.train, all(train_set), "data.train");
    if (files_of.size() == 4) {
      test_set = idx_pair(files, files_of[2], files_of[3], "test");
      test = first(data.test, all(test_set), "data.test");
      if (test_set.pixels != train_set.pixels)
        throw DataError("the test images have " + std::to_string(test_set.pixels) +
                        " pixels, the training images " + std::to_string(train_set.pixels));
    }
    out.source = fashion ? "Fashion-MNIST (Debian dataset-fashion-mnist): train then t10k"
                         : "IDX files " + files_of[0] + (files_of.size() == 4 ? " and " + files_of[2] : "");
  }
  out.pixels = train_set.pixels;
  std::size_t largest = 0;
  for (const std::uint32_t k : train) largest = std::max<std::size_t>(largest, train_set.labels[k]);
  for (const std::uint32_t k : test) largest = std::max<std::size_t>(largest, test_set.labels[k]);
  out.classes = data.source == Source::idx ? largest + 1 : 10;
  if (out.classes < 2 || out.classes > 255)
    throw DataError("labels up to " + std::to_string(largest) + ": " + std::to_string(largest + 1) +
                    " classes, training needs 2 to 255 (labels 0 to 254, at least one label 1 or above)");
  if (largest >= out.classes)
    throw DataError("a label " + std::to_string(largest) + " is outside the data set's 10 classes");
  const std::uint64_t values = (std::uint64_t{train.size()} + test.size()) * out.pixels;
  require(values <= max_values, data.train != 0 ? "data.train" : "data.source",
          std::to_string(train.size()) + " training and " + std::to_string(test.size()) +
              " test images of " + std::to_string(out.pixels) + " pixels",
          "at most 2^28 pixel values in all (lower data.train or data.test)");
  out.train_images = unit_pixels(train_set, train);
  out.train_labels = labels_at(train_set, train);
  out.test_images = unit_pixels(test_set, test);
  out.test_labels = labels_at(test_set, test);
  Fnv1a64 hash;
  add_set(hash, train_set, train);
  add_set(hash, test_set, test);
  out.checksum = hex64(hash.value);
  return out;
}

}  // namespace damlab
