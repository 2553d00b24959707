// Every registry model against its literal formula (models_reference.hpp) on
// random small cases: synchronous updates, asynchronous sweeps and fixed
// points give exactly the reference's decisions. Also the Network path
// against the generic per-bit rule, and the lse -> exp(β/N) conversion.
#include <gtest/gtest.h>

#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/models/model.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/data/rng.hpp"
#include "models_reference.hpp"

namespace {

using damlab::ModelSpec;
using damlab::PatternSet;
using damlab::Rng;
namespace ref = models_reference;

// The reference's decision for bit i of state x (0 keeps the bit).
int reference_decision(const ModelSpec& spec, const ref::Mat& xi, const ref::Vec& x, std::size_t i) {
  const auto& name = spec.name;
  if (name == "cmm") return ref::projection(xi, x, i, 1);
  if (name == "minerva2") return ref::projection(xi, x, i, 3);
  if (name == "nearest") return ref::nearest(xi, x, i);
  if (name == "lse" || name == "lsr") return ref::energy_rule(name, xi, x, i, spec.beta);
  return ref::hebbian(name, xi, x, i, spec.a, spec.epsilon);
}

// Random parameters; a and β dyadic so the sums of both sides are exact.
ModelSpec random_spec(const std::string& name, Rng& rng) {
  ModelSpec spec;
  spec.name = name;
  spec.beta = name == "lsr" ? 0.25 * static_cast<double>(1 + rng.below(8))
                            : 0.5 * static_cast<double>(1 + rng.below(40));
  spec.a = 0.125 * static_cast<double>(1 + rng.below(7));
  spec.epsilon = name == "hopfield-bcpnn" ? 0.01 + 0.1 * rng.uniform() : 1e-3;
  return spec;
}

struct Case {
  PatternSet memories{1, 0}, state{1, 0};
};

Case random_case(Rng& rng) {
  const std::size_t N = 4 + rng.below(28), K = 1 + rng.below(8);
  const double p = 0.15 + 0.7 * rng.uniform();
  Case c{damlab::rademacher(N, K, p, rng.next() >> 12), PatternSet(N, 1)};
  // A memory with a few flips, or a random state: both exact and near ties.
  const std::size_t source = rng.below(K);
  for (std::size_t i = 0; i < N; ++i) {
    const bool random = rng.bernoulli(0.3);
    const int s = random ? (rng.bernoulli(p) ? 1 : -1) : c.memories.sign(source, i);
    c.state.set_sign(0, i, rng.bernoulli(0.1) ? -s : s);
  }
  return c;
}

const std::vector<std::string> literal_models = {
    "lse", "lsr", "cmm", "nearest", "minerva2", "hopfield-activity-product", "hopfield-willshaw",
    "hopfield-covariance", "hopfield-presynaptic-covariance", "hopfield-bcpnn"};

TEST(Models, EveryModelEqualsItsLiteralFormula) {
  Rng rng(8);
  for (const auto& name : literal_models) {
    std::size_t decided = 0, changed = 0;
    for (int trial = 0; trial < 150; ++trial) {
      const ModelSpec spec = random_spec(name, rng);
      const Case c = random_case(rng);
      const auto model = damlab::make_model(spec, c.memories);
      const ref::Mat xi = ref::Mat([&] {
        ref::Mat out;
        for (std::size_t mu = 0; mu < c.memories.size(); ++mu) out.push_back(c.memories.signs(mu));
        return out;
      }());
      ref::Vec x = c.state.signs(0);
      const std::size_t N = x.size();

      // Synchronous: every bit from the same state.
      PatternSet sync = c.state;
      model->synchronous_update(sync);
      bool undecidable = false, fixed = true;
      for (std::size_t i = 0; i < N; ++i) {
        const int r = reference_decision(spec, xi, x, i);
        if (r == 2) {
          undecidable = true;
          continue;
        }
        const int expected = r == 0 ? x[i] : r;
        ASSERT_EQ(sync.sign(0, i), expected) << name << " trial " << trial << " bit " << i;
        fixed = fixed && expected == x[i];
        ++decided;
        changed += expected != x[i];
      }
      if (!undecidable) {
        EXPECT_EQ(model->is_fixed_point(c.state, 0), fixed) << name;
      }

      // Asynchronous: each bit from the state as it is then.
      const auto order = rng.permutation(static_cast<std::uint32_t>(N));
      PatternSet async = c.state;
      model->asynchronous_sweep(async, 0, order);
      for (std::uint32_t i : order) {
        const int r = reference_decision(spec, xi, x, i);
        if (r == 2) break;  // the rest depends on an undecidable bit
        if (r != 0) x[i] = r;
        ASSERT_EQ(async.sign(0, i), x[i]) << name << " async trial " << trial << " bit " << i;
      }
    }
    // The cases must exercise both outcomes, or the comparison says little.
    EXPECT_GT(decided, 1000u) << name;
    EXPECT_GT(changed, 20u) << name;
  }
}

// The registry's "dam" is the Network; its closed-form updates equal the
// generic per-bit rule of the Model interface (decide) bit for bit.
TEST(Models, RegistryDamIsTheNetworkAndEqualsTheGenericRule) {
  const auto memories = damlab::rademacher(64, 12, 0.6, 3);
  const damlab::Separation F = damlab::Separation::rectpoly(3);
  const damlab::Network net(memories, F);
  ModelSpec spec;
  spec.name = "dam";
  spec.F = F;
  const auto model = damlab::make_model(spec, memories);
  ASSERT_NE(dynamic_cast<const damlab::Network*>(model.get()), nullptr);
  for (const auto mode : {damlab::UpdateMode::synchronous, damlab::UpdateMode::asynchronous}) {
    Rng noise(5);
    const PatternSet probes = damlab::flip_bits(memories, 0.2, noise);
    PatternSet a = probes, b = probes;
    Rng r1(9), r2(9);
    damlab::run_updates(net, a, 5, mode, r1);
    damlab::run_updates(*model, b, 5, mode, r2);
    EXPECT_EQ(a, b);
  }
  // Network's fast paths against the base class's generic paths.
  Rng noise(6);
  const PatternSet probes = damlab::flip_bits(memories, 0.2, noise);
  std::vector<std::uint8_t> clamped(64, 0);
  for (std::size_t i = 0; i < 64; i += 5) clamped[i] = 1;
  PatternSet fast = probes, generic = probes;
  for (int step = 0; step < 4; ++step) {
    EXPECT_EQ(net.synchronous_update(fast, clamped), net.Model::synchronous_update(generic, clamped));
    ASSERT_EQ(fast, generic) << step;
  }
  fast = generic = probes;
  Rng o(7);
  for (std::size_t p = 0; p < probes.size(); ++p) {
    const auto order = o.permutation(64);
    EXPECT_EQ(net.asynchronous_sweep(fast, p, order, clamped),
              net.Model::asynchronous_sweep(generic, p, order, clamped));
    EXPECT_EQ(net.is_fixed_point(fast, p), net.Model::is_fixed_point(generic, p));
  }
  EXPECT_EQ(fast, generic);
}

// The lse -> exp(β/N) conversion, written once in ModelSpec.
TEST(Models, DamSeparationOfDamAndLse) {
  ModelSpec spec;
  spec.name = "lse";
  spec.beta = 8;
  EXPECT_EQ(*spec.dam_separation(64), damlab::Separation::exponential(8.0 / 64));
  spec.name = "dam";
  spec.F = damlab::Separation::poly(3);
  EXPECT_EQ(*spec.dam_separation(64), damlab::Separation::poly(3));
  spec.name = "cmm";
  EXPECT_FALSE(spec.dam_separation(64).has_value());
}

}  // namespace
