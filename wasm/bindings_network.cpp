// Network: stored memories plus a separation function, with its energy and
// update rule. Calls are coarse (a whole update, sweep or recall run per
// call) because each crossing into wasm costs far more than one bit's work.
#include <algorithm>
#include <cmath>

#include "bindings.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/data/rng.hpp"

namespace damlab::wasm {

namespace {

Network* make_network(const PatternSet& memories, val model_arg) {
  return guard([&] {
    const val model = take(model_arg);
    return new Network(memories, separation(model));
  });
}

// Optional N flags: nonzero marks a bit that never updates.
std::vector<std::uint8_t> clamp_flags(const val& clamped) {
  if (absent(clamped)) return {};
  return typed_array<std::uint8_t>(clamped, "Uint8Array", "clamped");
}

double energy(const Network& net, const PatternSet& states, double p) {
  return guard([&] { return *net.energy(states, size(p, "p")); });
}

val overlaps(const Network& net, const PatternSet& states, double p) {
  return guard([&] { return to_typed_array(net.overlaps(states, size(p, "p"))); });
}

int field_sign(const Network& net, const PatternSet& states, double p, double i) {
  return guard([&] { return net.field_sign(states, size(p, "p"), size(i, "i")); });
}

bool is_fixed_point(const Network& net, const PatternSet& states, double p) {
  return guard([&] { return net.is_fixed_point(states, size(p, "p")); });
}

// threads > 1 splits the states between threads in the threads build, at
// most as many as its pool has idle workers; the other builds run one (the
// core's fallback). The result is the same either way.
double synchronous_update_threads(const Network& net, PatternSet& states, val clamped_arg,
                                  val threads_arg) {
  return guard([&] {
    const val clamped = take(clamped_arg), threads_value = take(threads_arg);
    const std::size_t threads = pool_threads(
        absent(threads_value) ? 1 : size(number(threads_value, "threads"), "threads"));
    return static_cast<double>(net.synchronous_update(states, clamp_flags(clamped), threads));
  });
}
double synchronous_update(const Network& net, PatternSet& states, val clamped) {
  return synchronous_update_threads(net, states, std::move(clamped), val::undefined());
}
double synchronous_update_all(const Network& net, PatternSet& states) {
  return synchronous_update_threads(net, states, val::undefined(), val::undefined());
}

double asynchronous_sweep(const Network& net, PatternSet& states, double p, val order_arg,
                          val clamped_arg) {
  return guard([&] {
    const val order = take(order_arg), clamped = take(clamped_arg);
    const auto sequence = absent(order) ? std::vector<std::uint32_t>{}
                                        : typed_array<std::uint32_t>(order, "Uint32Array", "order");
    return static_cast<double>(
        net.asynchronous_sweep(states, size(p, "p"), sequence, clamp_flags(clamped)));
  });
}
double asynchronous_sweep_ordered(const Network& net, PatternSet& states, double p, val order) {
  return asynchronous_sweep(net, states, p, std::move(order), val::undefined());
}
double asynchronous_sweep_plain(const Network& net, PatternSet& states, double p) {
  return asynchronous_sweep(net, states, p, val::undefined(), val::undefined());
}

// Runs up to `steps` synchronous updates or asynchronous sweeps of pattern
// `index` of states (states itself is not changed), stopping early at a fixed
// point. Asynchronous sweeps go in order 0..N-1, or in a fresh permutation
// from Rng(seed) per sweep when a seed is given.
//   options: {mode: 'sync' | 'async', steps = 10, seed, index = 0, clamped}
// Returns {energies (Float64Array, steps + 1, the first for the start state),
// flips (Uint32Array, bits flipped per step), states (Int8Array per entry of
// energies), overlaps (Int32Array per state, with every memory), converged
// (the last step flipped nothing)}: the trajectory of any model
// (trajectory_value, bindings_trajectory.cpp), for this DAM.
val recall(const Network& net, const PatternSet& states, val options_arg) {
  return guard([&] {
    const val options = take(options_arg);
    return trajectory_value(net, states, options, "states.size");
  });
}
val recall_default(const Network& net, const PatternSet& states) {
  return recall(net, states, val::undefined());
}

val model_of(const Network& net) {
  return guard([&] { return separation_object(net.separation()); });
}
std::size_t memory_count(const Network& net) { return net.memories().size(); }

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_network) {
  using namespace emscripten;
  class_<Network>("Network")
      .constructor(&make_network)
      .property("N", &Network::N)
      .property("size", &memory_count)
      .property("model", &model_of)
      .function("energy", &energy)
      .function("overlaps", &overlaps)
      .function("fieldSign", &field_sign)
      .function("isFixedPoint", &is_fixed_point)
      .function("synchronousUpdate", &synchronous_update_threads)
      .function("synchronousUpdate", &synchronous_update)
      .function("synchronousUpdate", &synchronous_update_all)
      .function("asynchronousSweep", &asynchronous_sweep)
      .function("asynchronousSweep", &asynchronous_sweep_ordered)
      .function("asynchronousSweep", &asynchronous_sweep_plain)
      .function("recall", &recall)
      .function("recall", &recall_default);
}

}  // namespace damlab::wasm
