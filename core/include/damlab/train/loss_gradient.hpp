// The loss of the Krotov–Hopfield (2016) classifier on a minibatch, Eq. 14,
//   L = Σ_A Σ_α (t_αA - c_αA)^(2m),  t = +1 for the true class, -1 otherwise,
// and its exact gradient with respect to every memory value ξ^μ_I.
//
// With on/off arguments as in classifier.hpp and
//   e_αA = -2m (t_αA - c_αA)^(2m-1) (1 - c_αA^2)     (∂L/∂(β·score_αA))
//   g_μA = Σ_α e_αA [β F'(on_μαA) - β F'(off_μA)],
// the pixel gradient is ∂L/∂ξ^μ_i = Σ_A g_μA v_iA (a second K × B × N float
// product) and the label gradient is
//   ∂L/∂ξ^μ_γ = Σ_A [2 e_γA β F'(on_μγA) - g_μA].
#pragma once

#include <cstddef>
#include <span>

#include "damlab/kernels/float_products.hpp"
#include "damlab/train/labelled_view.hpp"
#include "damlab/train/trained_memories.hpp"

namespace damlab {

struct BatchOutcome {
  double loss = 0;       // Σ over the batch's images of Σ_α (t_α - c_α)^(2m)
  std::size_t wrong = 0;  // images whose prediction differs from their label
};

// The loss and errors of `batch` under `memories` (at memories.temperature),
// and ∂L/∂ξ into gradient (K × (N + C), overwritten) unless it is empty.
// loss_power is m >= 1. The result is the same for every thread count.
BatchOutcome loss_gradient(const TrainedMemories& memories, const LabelledView& batch,
                           unsigned loss_power, std::span<double> gradient,
                           std::size_t threads = 1, FloatPath path = best_float_path());

}  // namespace damlab
