#include "damlab/data/grey_asset.hpp"

#include <cstdio>
#include <cstring>

#include "damlab/data/binary_fields.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace damlab {

namespace {

using binary_fields::read_le;
using binary_fields::round_up_8;
using binary_fields::write_le;

constexpr char grey_magic[8] = {'D', 'A', 'M', 'L', 'A', 'B', 'G', '\0'};
constexpr std::size_t fixed_header = 32;

[[noreturn]] void grey_asset_error(const std::string& message) { throw DataError("grey asset: " + message); }

}  // namespace

GreyImages parse_grey_asset(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < fixed_header)
    grey_asset_error("header truncated: " + std::to_string(bytes.size()) +
         " bytes present, the header needs at least 32");
  if (!binary_fields::has_magic(bytes, grey_magic)) grey_asset_error(binary_fields::wrong_magic(bytes, grey_magic));
  const auto version = read_le(bytes.data() + 8, 4);
  if (version != grey_asset_version)
    grey_asset_error("version " + std::to_string(version) + " is not supported: only " +
         std::to_string(grey_asset_version) + " is");
  const auto pixels = read_le(bytes.data() + 12, 4);
  const auto count = read_le(bytes.data() + 16, 4);
  const auto source_length = read_le(bytes.data() + 20, 4);
  const auto checksum = read_le(bytes.data() + 24, 8);
  if (pixels == 0 || pixels > grey_max_pixels)
    grey_asset_error("pixels = " + std::to_string(pixels) + " is outside [1, " + std::to_string(grey_max_pixels) +
         "]");
  if (source_length > grey_max_source)
    grey_asset_error("source text length " + std::to_string(source_length) + " is above the limit " +
         std::to_string(grey_max_source));
  // pixels <= 2^24 and count < 2^32: every size fits 64 bits; once it matches
  // the bytes present it also fits size_t.
  const std::uint64_t header = fixed_header + round_up_8(source_length);
  const std::uint64_t expected = header + count * pixels + count;
  if (bytes.size() < expected)
    grey_asset_error("truncated: " + std::to_string(count) + " images of " + std::to_string(pixels) +
         " pixels with labels and a " + std::to_string(header) + "-byte header need " +
         std::to_string(expected) + " bytes, " + std::to_string(bytes.size()) + " present");
  if (bytes.size() > expected)
    grey_asset_error(std::to_string(bytes.size() - expected) + " trailing bytes after the " +
         std::to_string(expected) + " bytes of " + std::to_string(count) + " images of " +
         std::to_string(pixels) + " pixels with labels");
  for (auto k = static_cast<std::size_t>(fixed_header + source_length); k < header; ++k)
    if (bytes[k] != 0) grey_asset_error("byte " + std::to_string(k) + " (padding after the source text) is not 0");
  const auto payload = bytes.subspan(static_cast<std::size_t>(header));
  const std::uint64_t actual = fnv1a64(payload);
  if (actual != checksum)
    grey_asset_error("checksum mismatch: the header says " + hex64(checksum) + ", the payload's FNV-1a 64 is " +
         hex64(actual));
  GreyImages out;
  out.pixels = static_cast<std::size_t>(pixels);
  const auto image_bytes = static_cast<std::size_t>(count * pixels);
  out.bytes.assign(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(image_bytes));
  out.labels.assign(payload.begin() + static_cast<std::ptrdiff_t>(image_bytes), payload.end());
  out.source.assign(reinterpret_cast<const char*>(bytes.data()) + fixed_header,
                    static_cast<std::size_t>(source_length));
  return out;
}

std::vector<std::uint8_t> pack_grey_asset(const GreyImages& images) {
  require(images.pixels >= 1 && images.pixels <= grey_max_pixels, "pixels", images.pixels,
          "in [1, " + std::to_string(grey_max_pixels) + "]");
  require(images.count() <= 0xFFFFFFFFu, "count", images.count(), "at most 2^32 - 1");
  require(images.bytes.size() == images.count() * images.pixels, "bytes.length",
          images.bytes.size(),
          "count × pixels = " + std::to_string(images.count() * images.pixels));
  require(images.source.size() <= grey_max_source, "source.length", images.source.size(),
          "at most " + std::to_string(grey_max_source));
  std::vector<std::uint8_t> out(grey_magic, grey_magic + sizeof grey_magic);
  write_le(out, grey_asset_version, 4);
  write_le(out, images.pixels, 4);
  write_le(out, images.count(), 4);
  write_le(out, images.source.size(), 4);
  write_le(out, 0, 8);  // checksum, filled in below
  out.insert(out.end(), images.source.begin(), images.source.end());
  out.resize(static_cast<std::size_t>(round_up_8(out.size())), 0);
  const std::size_t header = out.size();
  out.insert(out.end(), images.bytes.begin(), images.bytes.end());
  out.insert(out.end(), images.labels.begin(), images.labels.end());
  const std::uint64_t checksum = fnv1a64(std::span(out).subspan(header));
  for (int k = 0; k < 8; ++k) out[24 + k] = static_cast<std::uint8_t>(checksum >> (8 * k));
  return out;
}

GreyImages grey_images_from_idx(const IdxArray& images, const IdxArray& labels,
                                const std::string& what) {
  if (images.dims.size() < 2)
    throw DataError(what + " images: an IDX array of " + std::to_string(images.dims.size()) +
                    " dimension(s), images need at least 2 (count, then the image's shape)");
  GreyImages out;
  out.labels = idx_labels(labels);
  if (out.labels.size() != images.dims[0])
    throw DataError(what + ": " + std::to_string(images.dims[0]) + " images but " +
                    std::to_string(out.labels.size()) + " labels");
  out.pixels = images.dims[0] == 0 ? 0 : images.data.size() / images.dims[0];
  if (images.dims[0] == 0 || out.pixels == 0 || out.pixels > grey_max_pixels)
    throw DataError(what + " images: " + std::to_string(images.dims[0]) + " images of " +
                    std::to_string(out.pixels) + " pixels; need at least 1 image of 1 to " +
                    std::to_string(grey_max_pixels) + " pixels");
  out.bytes = images.data;
  return out;
}

}  // namespace damlab
