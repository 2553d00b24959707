#include "damlab/data/idx.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {

constexpr std::uint8_t ubyte_type = 0x08;

std::string hex_byte(std::uint8_t value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(value));
  return text;
}

// The IDX type codes, so an unsupported file says what it holds.
std::string type_name(std::uint8_t code) {
  switch (code) {
    case 0x08: return "ubyte";
    case 0x09: return "signed byte";
    case 0x0B: return "int16";
    case 0x0C: return "int32";
    case 0x0D: return "float32";
    case 0x0E: return "float64";
  }
  return "not an IDX type";
}

std::string dims_text(const std::vector<std::uint32_t>& dims) {
  std::string text;
  for (std::size_t d = 0; d < dims.size(); ++d)
    text += (d ? " x " : "") + std::to_string(dims[d]);
  return text;
}

[[noreturn]] void idx_error(const std::string& message) {
  throw DataError("IDX: " + message);
}

// The dimensions and data size of the header at the start of bytes, after
// the checks parse_idx makes; nullopt when bytes end inside the header and
// complete is false (a reader still filling its buffer).
struct IdxHeader {
  std::size_t length = 0;  // header bytes
  std::vector<std::uint32_t> dims;
  std::uint64_t data_bytes = 0;
};

std::optional<IdxHeader> read_header(std::span<const std::uint8_t> bytes,
                                     std::uint64_t max_data_bytes, bool complete) {
  if (bytes.size() < 4) {
    if (!complete) return std::nullopt;
    idx_error("header truncated: " + std::to_string(bytes.size()) +
         " bytes present, the magic number needs 4");
  }
  if (bytes[0] != 0 || bytes[1] != 0)
    idx_error("wrong magic number: first two bytes are " + hex_byte(bytes[0]) +
         " " + hex_byte(bytes[1]) + ", must be 0x00 0x00");
  const std::uint8_t type = bytes[2];
  if (type != ubyte_type)
    idx_error("data type " + hex_byte(type) + " (" + type_name(type) +
         ") is not supported: only 0x08 (ubyte) is");
  const std::size_t ndims = bytes[3];
  if (ndims == 0) idx_error("number of dimensions is 0, must be at least 1");

  IdxHeader out;
  out.length = 4 + 4 * ndims;
  if (bytes.size() < out.length) {
    if (!complete) return std::nullopt;
    idx_error("header truncated: " + std::to_string(ndims) + " dimensions need " +
         std::to_string(out.length) + " header bytes, " +
         std::to_string(bytes.size()) + " present");
  }
  for (std::size_t d = 0; d < ndims; ++d) {
    const std::uint8_t* b = bytes.data() + 4 + 4 * d;
    out.dims.push_back(std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 |
                       std::uint32_t{b[2]} << 8 | std::uint32_t{b[3]});
  }

  // With every dimension >= 1 the running product never decreases, so
  // stopping once it passes the limit also rules out 64-bit overflow
  // (limit * 2^32 < 2^64 while the limit is at most 2^32).
  const std::uint64_t limit = std::min(max_data_bytes, std::uint64_t{1} << 32);
  std::uint64_t size = 1;
  for (const auto dim : out.dims)
    if (dim == 0) size = 0;
  for (std::size_t d = 0; d < ndims && size > 0; ++d) {
    size *= out.dims[d];
    if (size > limit)
      idx_error("dimensions " + dims_text(out.dims) + " ask for more than " +
           std::to_string(limit) + " data bytes (the limit)");
  }
  out.data_bytes = size;
  return out;
}

}  // namespace

std::optional<std::uint64_t> idx_declared_size(std::span<const std::uint8_t> prefix,
                                               std::uint64_t max_data_bytes) {
  const auto header = read_header(prefix, max_data_bytes, false);
  if (!header) return std::nullopt;
  return header->length + header->data_bytes;
}

IdxArray parse_idx(std::span<const std::uint8_t> bytes,
                   std::uint64_t max_data_bytes) {
  IdxHeader parsed = *read_header(bytes, max_data_bytes, true);
  const std::size_t header = parsed.length;
  const std::uint64_t size = parsed.data_bytes;
  IdxArray array;
  array.dims = std::move(parsed.dims);

  const std::size_t present = bytes.size() - header;
  if (present < size)
    idx_error("data truncated: dimensions " + dims_text(array.dims) + " need " +
         std::to_string(size) + " data bytes, " + std::to_string(present) +
         " present");
  if (present > size)
    idx_error(std::to_string(present - size) + " trailing bytes after the " +
         std::to_string(size) + " data bytes of dimensions " +
         dims_text(array.dims));

  array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header),
                    bytes.end());
  return array;
}

PatternSet idx_patterns(const IdxArray& array, std::uint8_t threshold) {
  if (array.dims.size() < 2)
    throw DataError("IDX: patterns need at least 2 dimensions (items x item "
                    "shape), the array has " +
                    std::to_string(array.dims.size()) + " (" +
                    dims_text(array.dims) + ")");
  // Checked as in parse_idx: with 0 items the data size says nothing about N.
  std::uint64_t N = 1;
  for (std::size_t d = 1; d < array.dims.size() && N > 0; ++d) {
    N *= array.dims[d];
    if (N > idx_max_data_bytes)
      throw DataError("IDX: items of shape " +
                      dims_text({array.dims.begin() + 1, array.dims.end()}) +
                      " have more than " + std::to_string(idx_max_data_bytes) +
                      " values (the limit)");
  }
  if (N == 0)
    throw DataError("IDX: items of shape " +
                    dims_text({array.dims.begin() + 1, array.dims.end()}) +
                    " have 0 values, patterns need at least 1");
  // An IdxArray built by hand (not by parse_idx) may disagree with its dims.
  if (array.data.size() != array.dims[0] * N)
    throw DataError("IDX: dimensions " + dims_text(array.dims) + " need " +
                    std::to_string(array.dims[0] * N) + " data bytes, " +
                    std::to_string(array.data.size()) + " present");
  return PatternSet::from_bytes(array.data, static_cast<std::size_t>(N),
                                threshold);
}

std::vector<std::uint8_t> idx_labels(const IdxArray& array) {
  if (array.dims.size() != 1)
    throw DataError("IDX: labels need exactly 1 dimension, the array has " +
                    std::to_string(array.dims.size()) + " (" +
                    dims_text(array.dims) + ")");
  if (array.data.size() != array.dims[0])
    throw DataError("IDX: " + std::to_string(array.dims[0]) + " labels need " +
                    std::to_string(array.dims[0]) + " data bytes, " +
                    std::to_string(array.data.size()) + " present");
  return array.data;
}

}  // namespace damlab
