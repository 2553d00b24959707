// A labelled image set as the trainer reads it: `count` images of `pixels`
// values each, row-major, every value in [-1, 1] (a grey byte b becomes
// 2b/255 - 1), and one class label in [0, classes) per image. The view owns
// nothing; the caller keeps the arrays alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace damlab {

struct LabelledView {
  std::span<const float> images;        // count × pixels, row-major
  std::span<const std::uint8_t> labels;  // count labels, each < classes
  std::size_t pixels = 0;
  std::size_t classes = 0;

  std::size_t count() const { return labels.size(); }
  std::span<const float> image(std::size_t a) const { return images.subspan(a * pixels, pixels); }

  // Throws InvalidArgument naming `name` + ".pixels", ".classes", ".images"
  // or ".labels": pixels >= 1, classes in [2, 255], images.size() ==
  // count * pixels, at least one image, every label < classes and every
  // pixel value finite and in [-1, 1].
  void validate(const char* name = "data") const;
};

// Throws InvalidArgument naming field + "[k]" for the first value that is not
// in [-1, 1] (NaN included): the pixel check of labelled and unlabelled images.
void check_pixel_values(std::span<const float> images, const std::string& field);

}  // namespace damlab
