// Labelled grey images (pixel bytes 0..255 with one label each) and their
// packed file, the grey asset: what training reads (docs/data.md), where the
// packed pattern asset (packed_asset.hpp) holds binarized bits. Parsed from
// bytes in memory: the core never opens files.
//
// All integers little-endian:
//   offset  size   field
//   0       8      magic "DAMLABG\0"
//   8       4      version, 1
//   12      4      pixels per image P, in [1, grey_max_pixels]
//   16      4      count, number of images
//   20      4      L, length of the source text in bytes, <= grey_max_source
//   24      8      FNV-1a 64 (util/fnv1a.hpp) of the payload (every byte after the header)
//   32      L      source text (UTF-8), then 0 bytes up to a multiple of 8
//   H = 32 + L rounded up to a multiple of 8: the payload,
//   H       P·count the pixel bytes, image after image, row-major
//   H+P·count count labels, one byte each
// and nothing after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "damlab/data/idx.hpp"

namespace damlab {

inline constexpr std::uint32_t grey_asset_version = 1;
inline constexpr std::size_t grey_max_source = 4096;
inline constexpr std::uint64_t grey_max_pixels = std::uint64_t{1} << 24;

struct GreyImages {
  std::size_t pixels = 0;            // per image
  std::vector<std::uint8_t> bytes;   // count × pixels, image after image
  std::vector<std::uint8_t> labels;  // one per image
  std::string source;                // what the data is, for records
  std::size_t count() const { return labels.size(); }
};

// Checks magic, version, pixels, sizes, zero padding and the checksum; a
// malformed asset throws DataError stating the numbers involved.
GreyImages parse_grey_asset(std::span<const std::uint8_t> bytes);

// The asset bytes of a set. Throws InvalidArgument when bytes is not
// count × pixels, pixels is outside [1, grey_max_pixels], the count does not
// fit 32 bits, or the source is longer than grey_max_source.
std::vector<std::uint8_t> pack_grey_asset(const GreyImages& images);

// An IDX pair as grey images: images of any item shape (e.g. 28 × 28) and a
// 1-dimensional label array of the same count. Throws DataError naming what
// differs (what = "train" or "test" in messages).
GreyImages grey_images_from_idx(const IdxArray& images, const IdxArray& labels,
                                const std::string& what);

}  // namespace damlab
