// Experiment specs: one JSON description of data, model and measurement that
// the native runner, the WebAssembly module and the playground all run through
// the same call, so their records can be compared byte for byte.
//
//   {
//     "measure": "capacity",
//     "data":  {"source": "rademacher", "N": 784, "S": 50, "p": 0.6, "seed": 1}
//           |  {"source": "idx", "path": "digits.idx", "threshold": 128, "first": 50}
//           |  {"source": "trained", "path": "kh.memories", "per_class": 100, "seed": 1}
//              (measure = convergence only; trained_source.hpp),
//     "model": {"name": "hopfield-covariance", "a": 0.1}   (any registry model,
//              models/model.hpp, "dam" among them)
//           |  {"F": "rectpoly", "n": 7}  |  {"F": "exp", "beta": 1.0}
//              (the DAM without a name: ModelSpec::short_form)
//   }
//
// "measure": "train" has its own data, model and "train" sections
// (train_spec.hpp). "measure": "trajectory" follows one probe step by step
// (trajectory_measure.hpp): its probe section names the memory probed, the
// noise, a half-side occlusion and clamping.
//
// Unknown keys are errors (a typo must not silently fall back to a default).
// Seeds are integers in [0, 2^53 - 1], the range a JSON number keeps exactly
// in every language. An idx source names its file for the record; the front
// end reads the bytes and hands them to run_spec.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "damlab/data/subsets.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/train_spec.hpp"
#include "damlab/measures/occlusion.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/models/model.hpp"
#include "damlab/dam/separation.hpp"

namespace damlab {

inline constexpr std::uint64_t max_seed = (std::uint64_t{1} << 53) - 1;
inline constexpr std::size_t max_spec_N = std::size_t{1} << 20;
inline constexpr std::size_t max_spec_S = std::size_t{1} << 20;

struct DataSpec {
  enum class Source { rademacher, idx, mnist, fashion_mnist, trained };
  Source source = Source::rademacher;
  // rademacher: S patterns of N bits, each bit +1 with probability p
  std::size_t N = 0, S = 0;
  double p = 0.5;
  std::uint64_t seed = 1;  // also the seed of random and greedy selections
  // idx: a file of unsigned bytes, binarized at threshold; the first items
  std::string path;  // for mnist / fashion-mnist: the packed asset's file name
  int threshold = 128;
  std::optional<std::size_t> first;
  // mnist / fashion-mnist (packed assets, see docs/data.md): S patterns
  // (0: all) chosen by selection = first | random | greedy, from the given
  // classes (empty: all); greedy approaches a mean pairwise HD of target_hd
  // by its rule (band, with tolerance band, or strict: data/subsets.hpp).
  enum class Selection { first, random, greedy };
  Selection selection = Selection::first;
  std::vector<std::uint8_t> classes;
  SubsetRule rule = SubsetRule::band;
  double target_hd = 0, band = 1;
  std::size_t max_candidates = 1000;
  // trained (trained_source.hpp): the memory file at path, probed with D =
  // per_class digits of each class of the MNIST grey asset (the test part of
  // balanced_split with this seed), for measure = convergence.
  std::size_t per_class = 100;

  bool is_asset() const { return source == Source::mnist || source == Source::fashion_mnist; }
};

// Parameters of the probe-based measures (recall, convergence,
// classification, retrievability): store the first K patterns, probe with
// δ-noisy copies of stored patterns or with the patterns after the first K.
struct ProbeSpec {
  std::size_t K = 0;              // memories: the first K patterns; 0 = all
  enum class Probes { stored, held_out };
  Probes probes = Probes::stored;
  std::size_t count = 0;          // probes used; 0 = all available
  double delta = 0;               // bit-flip probability of each probe bit
  std::size_t steps = 1;          // updates per probe
  UpdateMode update = UpdateMode::synchronous;  // "sync" | "async"
  std::vector<double> epsilons = {0, 0.05, 0.1, 0.2, 0.3};  // convergence
  std::size_t trials = 20;        // retrievability
  double epsilon = 0.05;          // retrievability
  std::uint64_t seed = 1;         // noise and update order
  Occlusion occlusion;            // recall, classification: after the bit flips
  // trajectory (trajectory_measure.hpp): the memory probed (an index into
  // the K memories), an occlusion of half the image side at a fixed
  // position (none when empty) and whether the pixels outside it are clamped.
  std::size_t memory = 0;
  std::optional<OcclusionPosition> half_occlusion;
  bool clamp = false;
};

enum class Measure { capacity, recall, convergence, classification, retrievability, train, trajectory };

struct Spec {
  Measure measure = Measure::capacity;
  DataSpec data;
  // Without a "model" section: the DAM with F = rectpoly, n = 3, in the
  // {"F": ...} form.
  ModelSpec model{.name = "dam", .F = Separation::rectpoly(3), .short_form = true};
  ProbeSpec probe;
  // measure = train (train_spec.hpp): its labelled grey data and training;
  // data and model above are unused then.
  LabelledDataSpec labelled;
  TrainingOptions training;
};

// Validates a spec; errors name the field by its path ("data.p").
Spec parse_spec(const Json& json);
// A spec's "model" section alone, with the same checks (errors name model.<key>).
ModelSpec parse_model(const Json& json);
Spec parse_spec_text(const std::string& text);
// The spec with every default filled in, as recorded in results.
Json to_json(const Spec& spec);

}  // namespace damlab
