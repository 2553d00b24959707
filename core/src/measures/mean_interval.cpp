#include "damlab/measures/mean_interval.hpp"

#include <cmath>
#include <limits>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The continued fraction of the regularized incomplete beta function
// (modified Lentz), converging fast for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double step = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    for (int half = 0; half < 2; ++half) {
      d = 1 + step * d;
      if (std::fabs(d) < tiny) d = tiny;
      c = 1 + step / c;
      if (std::fabs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
      step = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    }
    if (std::fabs(d * c - 1) < 1e-15) break;
  }
  return h;
}

// I_x(a, b), the regularized incomplete beta function, with y = 1 - x
// given by the caller: near t = 0, x = df / (df + t²) rounds to 1 while
// y = t² / (df + t²) still carries t.
double incomplete_beta(double a, double b, double x, double y) {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log(y));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, y) / b;
}

void check_confidence(double confidence) {
  require(confidence > 0 && confidence < 1, "confidence", confidence, "in (0, 1)");
}

double mean_of(std::span<const double> values) {
  double sum = 0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Σ (v - mean)², the two-pass form (no cancellation between large squares).
double squares_about(std::span<const double> values, double mean) {
  double sum = 0;
  for (const double v : values) sum += (v - mean) * (v - mean);
  return sum;
}

Interval around(double estimate, double standard_error, double df, double confidence) {
  if (standard_error == 0) return {estimate, estimate, estimate, df};
  const double t = student_t_quantile((1 + confidence) / 2, df);
  return {estimate, estimate - t * standard_error, estimate + t * standard_error, df};
}

}  // namespace

double student_t_cdf(double t, double df) {
  require(df > 0 && std::isfinite(df), "df", df, "a positive finite number");
  require(!std::isnan(t), "t", t, "a number");
  if (std::isinf(t)) return t > 0 ? 1 : 0;
  const double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t), t * t / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}

double student_t_quantile(double probability, double df) {
  require(probability > 0 && probability < 1, "probability", probability, "in (0, 1)");
  require(df > 0 && std::isfinite(df), "df", df, "a positive finite number");
  // Bisection on the monotone cdf: slow but sure, and a summary asks for a
  // few hundred quantiles at most.
  double low = -1, high = 1;
  while (student_t_cdf(low, df) > probability) low *= 2;
  while (student_t_cdf(high, df) < probability) high *= 2;
  for (int step = 0; step < 200 && high - low > 1e-13 * (1 + std::fabs(low)); ++step) {
    const double middle = (low + high) / 2;
    (student_t_cdf(middle, df) < probability ? low : high) = middle;
  }
  return (low + high) / 2;
}

Interval mean_interval(std::span<const double> values, double confidence) {
  check_confidence(confidence);
  const std::size_t k = values.size();
  if (k == 0) return {nan, nan, nan, 0};
  const double mean = mean_of(values);
  if (k == 1) return {mean, nan, nan, 0};
  const double variance = squares_about(values, mean) / static_cast<double>(k - 1);
  return around(mean, std::sqrt(variance / static_cast<double>(k)),
                static_cast<double>(k - 1), confidence);
}

Interval welch_interval(std::span<const double> a, std::span<const double> b,
                        double confidence) {
  check_confidence(confidence);
  if (a.empty() || b.empty()) return {nan, nan, nan, 0};
  const double difference = mean_of(a) - mean_of(b);
  if (a.size() < 2 || b.size() < 2) return {difference, nan, nan, 0};
  const double ka = static_cast<double>(a.size()), kb = static_cast<double>(b.size());
  const double va = squares_about(a, mean_of(a)) / (ka - 1) / ka;  // s_a² / k_a
  const double vb = squares_about(b, mean_of(b)) / (kb - 1) / kb;
  if (va + vb == 0) return {difference, difference, difference, ka + kb - 2};
  const double df = (va + vb) * (va + vb) / (va * va / (ka - 1) + vb * vb / (kb - 1));
  return around(difference, std::sqrt(va + vb), df, confidence);
}

LineFit line_fit(std::span<const double> x, std::span<const double> y, double confidence) {
  check_confidence(confidence);
  require(x.size() == y.size(), "y", y.size(), "as many values as x (" +
                                                    std::to_string(x.size()) + ")");
  LineFit fit;
  fit.points = x.size();
  const double mx = x.empty() ? 0 : mean_of(x), my = y.empty() ? 0 : mean_of(y);
  const double sxx = squares_about(x, mx);
  require(x.size() >= 2 && sxx > 0, "x", std::to_string(x.size()) + " points",
          "at least two distinct values");
  double sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sxy += (x[i] - mx) * (y[i] - my);
  const double slope = sxy / sxx;
  fit.intercept = my - slope * mx;
  double ss_res = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - fit.intercept - slope * x[i];
    ss_res += r * r;
  }
  const double ss_tot = squares_about(y, my);
  fit.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : nan;
  if (x.size() < 3) {
    fit.slope = {slope, nan, nan, 0};
    return fit;
  }
  const double df = static_cast<double>(x.size() - 2);
  fit.slope = around(slope, std::sqrt(ss_res / df / sxx), df, confidence);
  return fit;
}

}  // namespace damlab
