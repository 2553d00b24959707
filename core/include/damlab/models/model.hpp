// Memory models behind one dynamics interface, and the registry that builds
// them by name (docs/science.md, "Models", has each literal definition).
//
// Every model stores ±1 patterns and updates ±1 states bit by bit: the new
// value of bit i is a function of the current state, and a bit whose rule
// gives no decision (a tie) keeps its value. So a synchronous update takes
// every bit from the same state, an asynchronous sweep takes each bit from the
// state as it is at that moment, and a state is a fixed point exactly when a
// synchronous update changes nothing. Every measurement (measures/) takes a
// Model; the Dense Associative Memory (dam/network.hpp) is one of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/dam/separation.hpp"
#include "damlab/models/registry.hpp"

namespace damlab {

// A model's name and parameters, as the spec's "model" section gives them.
// Parameters a model does not read keep their defaults and are not recorded.
struct ModelSpec {
  std::string name = "dam";     // a registry name, see model_names()
  Separation F;                 // "dam": separation function
  double beta = 1;              // "lse", "lsr": inverse width (normalized overlaps)
  double a = 0.5;               // coding level of 0/1 codes ("hopfield-covariance", ...)
  double epsilon = 1e-3;        // "hopfield-bcpnn": probability floor
  // The spec's {"F": ...} form without a name: the DAM as the first specs
  // wrote it, recorded in that form, whose capacity measure reports the full
  // analysis (measures/model_capacity.hpp) as its records always have.
  bool short_form = false;

  // Throws InvalidArgument naming the field ("model.a") and its range.
  void validate() const;
  // The real parameter of a registry key: "beta", "a" or "epsilon".
  double& parameter(const std::string& key);
  double parameter(const std::string& key) const;
  // The separation function of a Dense Associative Memory model ("dam", and
  // "lse", whose decisions are exactly those of exp with β/N on raw overlaps,
  // docs/science.md), for memories of N bits; none for the other models.
  std::optional<Separation> dam_separation(std::size_t N) const;
  bool operator==(const ModelSpec&) const = default;
};

class Model {
 public:
  explicit Model(PatternSet memories);
  virtual ~Model() = default;

  const PatternSet& memories() const { return memories_; }
  std::size_t N() const { return memories_.N(); }

  // ξ^μ·σ of pattern p of states with every memory.
  std::vector<std::int32_t> overlaps(const PatternSet& states, std::size_t p) const;
  // The energy of pattern p of states, for models that define one (the DAM:
  // E(σ) / F(N)); none otherwise.
  virtual std::optional<double> energy(const PatternSet& states, std::size_t p) const;

  // clamped (empty, or N flags) marks bits that never change.
  // One synchronous update of every state; returns bits flipped over all
  // states. threads > 1 splits the states between threads where the model
  // has a parallel path (same result); the others use one.
  virtual std::size_t synchronous_update(PatternSet& states,
                                         std::span<const std::uint8_t> clamped = {},
                                         std::size_t threads = 1) const;
  // One asynchronous sweep of state p: bits in the given order (a
  // permutation of 0..N-1, or empty for 0..N-1), each from the current state.
  // Returns bits flipped.
  virtual std::size_t asynchronous_sweep(PatternSet& states, std::size_t p,
                                         std::span<const std::uint32_t> order = {},
                                         std::span<const std::uint8_t> clamped = {}) const;
  // Whether no bit of state p would change.
  virtual bool is_fixed_point(const PatternSet& states, std::size_t p) const;

 protected:
  // Per-state working values (overlaps, or the state in the model's coding),
  // prepared once per state and kept current by flip().
  struct Work {
    std::vector<int> sigma;             // the state, ±1
    std::vector<std::int32_t> overlaps;  // with every memory, when the model reads them
  };
  virtual bool reads_overlaps() const { return true; }
  // The new value (±1) of bit i; sigma[i] itself on a tie.
  virtual int decide(const Work& work, std::size_t i) const = 0;

  void check_states(const PatternSet& states) const;
  void check_states(const PatternSet& states, std::size_t p) const;
  void check_clamped(std::span<const std::uint8_t> clamped) const;
  void check_order(std::span<const std::uint32_t> order) const;

 private:
  Work prepare(const PatternSet& states, std::size_t p) const;
  void flip(Work& work, std::size_t i) const;

  PatternSet memories_;
};

// The model spec's model with the given memories (at least one pattern).
std::unique_ptr<Model> make_model(const ModelSpec& spec, PatternSet memories);

}  // namespace damlab
