#include "damlab/train/labelled_view.hpp"

#include <string>

#include "damlab/util/error.hpp"

namespace damlab {

void LabelledView::validate(const char* name) const {
  const std::string field = name;
  require(pixels >= 1, field + ".pixels", pixels, "at least 1");
  require(classes >= 2 && classes <= 255, field + ".classes", classes, "in [2, 255]");
  require(count() >= 1, field + ".labels", "none", "at least one image");
  require(images.size() / pixels == count() && images.size() % pixels == 0,
          field + ".images", std::to_string(images.size()) + " values",
          std::to_string(count()) + " × " + std::to_string(pixels) + " (one image per label)");
  for (std::size_t a = 0; a < count(); ++a)
    if (labels[a] >= classes)
      fail_field(field + ".labels[" + std::to_string(a) + "]", int(labels[a]),
                 "below classes = " + std::to_string(classes));
  check_pixel_values(images, field + ".images");
}

void check_pixel_values(std::span<const float> images, const std::string& field) {
  for (std::size_t k = 0; k < images.size(); ++k) {
    const float v = images[k];
    // Written so NaN fails too; the field's name is built only for a bad
    // value (once per pixel it cost more than the training of small runs).
    if (!(v >= -1.0f && v <= 1.0f)) fail_field(field + "[" + std::to_string(k) + "]", v, "in [-1, 1]");
  }
}

}  // namespace damlab
