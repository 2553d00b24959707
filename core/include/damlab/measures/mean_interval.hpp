// Confidence intervals of the replicate summaries (docs/science.md,
// "Replicates and intervals"): the mean of independent replicates with its
// Student t interval, the difference of two means with Welch's interval, and
// the slope of a least-squares line with its t interval. Student t rather
// than a bootstrap: no random stream, so the native runner and the browser
// print the same interval for the same rows.
#pragma once

#include <cstddef>
#include <span>

namespace damlab {

// P(T <= t) for Student's t with df > 0 degrees of freedom (df need not be
// an integer: Welch's df is not), through the regularized incomplete beta
// function.
double student_t_cdf(double t, double df);
// The t with P(T <= t) = probability, probability in (0, 1).
double student_t_quantile(double probability, double df);

// A mean (or difference, or slope) with its two-sided interval at the
// requested confidence. low = high = NaN when there is no spread to estimate
// (fewer than two values, or fewer than three points for a slope); an empty
// sample has mean NaN too.
struct Interval {
  double estimate = 0, low = 0, high = 0;
  double df = 0;  // degrees of freedom of the t quantile used (0: none)
};

// mean ± t_{(1+c)/2, k-1} · s / √k over the k values; s the sample standard
// deviation (divisor k - 1). confidence in (0, 1).
Interval mean_interval(std::span<const double> values, double confidence);

// mean(a) - mean(b) ± t_{(1+c)/2, ν} · √(s_a²/k_a + s_b²/k_b), ν the
// Welch-Satterthwaite degrees of freedom. Needs two values on each side.
// When both samples have no spread the interval is the point itself.
Interval welch_interval(std::span<const double> a, std::span<const double> b,
                        double confidence);

// Least squares y = a + slope · x over the points; the slope with its
// t_{(1+c)/2, k-2} interval (standard error √(SSres / (k - 2) / Sxx)), the
// intercept and R² beside it. Needs two distinct x.
struct LineFit {
  Interval slope;
  double intercept = 0, r2 = 0;
  std::size_t points = 0;
};
LineFit line_fit(std::span<const double> x, std::span<const double> y, double confidence);

}  // namespace damlab
