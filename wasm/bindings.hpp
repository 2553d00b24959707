// Shared pieces of the Embind layer: argument conversion, progress callbacks
// and the conversion of C++ exceptions into JS Errors. No numerics here: every
// computation is the core's.
//
// Rules every binding follows, because a JS exception thrown out of wasm skips
// all C++ destructors between the throw and JS:
//  - its body runs inside guard(), so C++ objects are destroyed by ordinary
//    C++ unwinding before the JS Error is thrown;
//  - numbers arrive as double, other values as emscripten::val moved into the
//    body with take() (Embind's own copies of std::string arguments would leak);
//  - values a caller passed in are read only through js_get / js_apply (and
//    the helpers below built on them): a getter, Proxy trap or toString of
//    the caller's may throw, and a JS exception crossing wasm frames would
//    skip the destructors of every val between (their handles would leak);
//  - pre.js restores the wasm stack pointer around every Embind call and
//    unboxes the thrown value (see throw_js).
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/util/progress.hpp"
#include "damlab/dam/separation.hpp"
#include "damlab/models/model.hpp"

namespace damlab::wasm {

using emscripten::val;

// A JS exception thrown by a user callback (onProgress), carried as a C++
// exception through the core so its destructors run, then rethrown unchanged.
struct CallbackError {
  val error;
};

// The JS Error for a caught exception: name InvalidArgument (with .field),
// DataError, Cancelled or Error, and the core's message unchanged.
val js_error(std::exception_ptr exception);
// Throws value as a JS exception (boxed until pre.js's wrapper, so that a
// thrown number is not mistaken for a C++ exception on the way), releasing the
// handle the caller's val keeps (that val's destructor never runs).
[[noreturn]] void throw_js(const val& value);

// Runs body; any exception leaves as a JS Error (see js_error).
template <typename Body>
auto guard(Body&& body) -> decltype(body()) {
  val error = val::undefined();
  try {
    return body();
  } catch (...) {
    error = js_error(std::current_exception());
  }
  throw_js(error);
}

// Reflect.apply(fn, self, args) and Reflect.get(object, key) run in JS with
// any exception caught and rethrown as a CallbackError (so guard ends the
// call with it unchanged, after C++ unwinding released every handle).
val js_apply(const val& fn, const val& self, const val& args);
val js_get(const val& object, const std::string& key);
// [value], a JS array of one element.
val array_of(const val& value);
// The length of v, a real typed array of the given type (e.g. "Uint8Array");
// throws InvalidArgument naming field otherwise.
std::size_t typed_length(const val& v, const std::string& type, const std::string& field);
// Copies the elements of typed array v into view (TypedArray.prototype.set).
void copy_typed(const val& v, const val& view);

// Patterns the bindings accept, with the limits of specs (max_spec_N,
// max_spec_S, max_pattern_bits): N at most 2^20, count at most 2^20 and
// N x count at most 2^31 bits, so sizes never wrap wasm32's 32-bit size_t.
void check_pattern_sizes(std::size_t N, std::size_t count);

// Moves a val argument into the guarded body, so the body owns it.
inline val take(val& argument) { return std::move(argument); }

// JS numbers as the core's integer types, with the core's style of message
// ("N = 2.5: must be an integer in [0, 4294967295]"); the core then checks
// the narrower range of each argument itself.
std::uint64_t safe_integer(double x, const std::string& field);  // [0, 2^53 - 1]
std::size_t size(double x, const std::string& field);            // [0, 2^32 - 1]
int integer(double x, const std::string& field);
std::size_t index(double x, const std::string& field, std::size_t size,
                  const std::string& size_name);                 // [0, size)
// x for an error message: whole numbers in full ("9007199254740992"), others
// with the digits that round-trip.
std::string number_text(double x);
// A JS value that must be a number.
double number(const val& v, const std::string& field);

// Throws unless object is a JS object whose own keys are all in allowed (a
// typo must not fall back to a default silently).
void check_keys(const val& object, const std::string& what,
                const std::vector<std::string>& allowed);

// threads as a core call may use: in the threads build at most the idle
// workers of the pthread pool (a thread beyond them would wait for the event
// loop to start a new worker, which the blocking join never lets turn); the
// other builds run one thread whatever they are given (the core's fallback).
// Values outside [1, max_threads] pass unchanged, for the core to refuse by name.
std::size_t pool_threads(std::size_t threads);

// Whether v is undefined or null (an omitted optional argument).
inline bool absent(const val& v) { return v.isUndefined() || v.isNull(); }

// A short description of a JS value for error messages ("Array", "abc", "undefined").
std::string describe(const val& v);

// The elements of a JS typed array of the given type (e.g. "Uint8Array"),
// copied into wasm memory with one TypedArray.set (no per-element calls).
template <typename T>
std::vector<T> typed_array(const val& v, const std::string& type, const std::string& field) {
  std::vector<T> out(typed_length(v, type, field));
  copy_typed(v, val(emscripten::typed_memory_view(out.size(), out.data())));
  return out;
}

// A copy of data as a new JS typed array of the given type.
template <typename T>
val to_typed_array(const std::vector<T>& data) {
  return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
}

// {F: 'poly' | 'rectpoly' | 'exp', n, beta} -> the core's Separation (validated by it).
Separation separation(const val& model);
val separation_object(const Separation& F);

// The recall trajectory (measures/trajectory.hpp) of probe options.index
// (default 0) of probes under model, as a JS object: {states: [Int8Array],
// overlaps: [Int32Array] (each state with every memory), energies:
// Float64Array (empty when the model has none), flips: Uint32Array (per
// step), converged}. options: {mode: 'sync' | 'async' (default sync), steps
// (default 10, in [1, 2^20]), seed (async: a fresh order per sweep from
// Rng(seed); none: order 0..N-1), index, clamped (Uint8Array of N flags)};
// size_name names probes' size in the index error. Runs inside a guard.
val trajectory_value(const Model& model, const PatternSet& probes, const val& options,
                     const std::string& size_name);

// A JS callback fraction => boolean as the core's Progress: returning false
// cancels (the core throws Cancelled); a throwing callback ends the call with
// its own exception. undefined or null gives no progress reporting.
Progress progress(const val& callback);

}  // namespace damlab::wasm
