// The one-step label update of the Krotov–Hopfield (2016) classifier, Eq. 9:
// the label neurons start at -1 and, for each class α,
//   c_α = tanh(β Σ_μ [F(ξ^μ_α - Σ_{γ≠α} ξ^μ_γ + Σ_i ξ^μ_i v_i)
//                     - F(-ξ^μ_α - Σ_{γ≠α} ξ^μ_γ + Σ_i ξ^μ_i v_i)]).
// The predicted class is argmax_α c_α (the lowest α on a tie). For rectpoly
// the temperature only scales every field (β = 1/T^n), so the prediction
// does not depend on it; for exp it does.
//
// Fast form: h_μA = Σ_i ξ^μ_i v_iA is one K × N × B float product shared by
// all classes; with s_μ = Σ_γ ξ^μ_γ the "off" argument is h - s_μ for every
// class and the "on" argument is h - s_μ + 2 ξ^μ_α.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/kernels/float_products.hpp"
#include "damlab/train/labelled_view.hpp"
#include "damlab/train/trained_memories.hpp"

namespace damlab {

// The part of the label update shared with the gradient, for `count` images.
struct ForwardPass {
  std::size_t count = 0;
  std::vector<float> h;        // K × count: h_μA = Σ_i ξ^μ_i v_iA (float product)
  std::vector<double> label_sums;  // K: s_μ = Σ_γ ξ^μ_γ
  std::vector<double> fields;  // count × C: β Σ_μ [F(on_μαA) - F(off_μA)], c = tanh(field)
};

// Images per forward pass inside label_scores, predictions and error_rate
// (bounds the K × count buffer).
inline constexpr std::size_t forward_chunk = 1024;

// The forward pass of images (count × N values). Throws InvalidArgument
// ("temperature") when β F overflows a double for these memories.
ForwardPass forward_pass(const TrainedMemories& memories, std::span<const float> images,
                         std::size_t threads = 1, FloatPath path = best_float_path());

// argmax_α of one image's fields (the lowest α on a tie): argmax_α c_α
// without the ties tanh makes when it rounds large fields to 1.
std::uint8_t predicted_class(std::span<const double> fields);

// c_α of every image: count × classes row-major, each in [-1, 1].
// images: count × memories.pixels values in [-1, 1].
std::vector<double> label_scores(const TrainedMemories& memories, std::span<const float> images,
                                 std::size_t threads = 1,
                                 FloatPath path = best_float_path());

// argmax_α c_α of every image.
std::vector<std::uint8_t> predictions(const TrainedMemories& memories,
                                      std::span<const float> images, std::size_t threads = 1,
                                      FloatPath path = best_float_path());

// The fraction of images whose prediction differs from their label.
double error_rate(const TrainedMemories& memories, const LabelledView& data,
                  std::size_t threads = 1, FloatPath path = best_float_path());

}  // namespace damlab
