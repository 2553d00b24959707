#include "damlab/measures/mean_interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::Rng;

// The literal Student t density, integrated from 0 by Simpson's rule on a fine
// grid (after t = tan θ, so the heavy tails of small df stay on a finite
// range), and inverted by bisection: no incomplete beta function anywhere.
long double literal_cdf(long double t, long double df) {
  const long double scale = std::exp(std::lgamma((df + 1) / 2) - std::lgamma(df / 2)) /
                            std::sqrt(df * std::numbers::pi_v<long double>);
  const auto t_density = [&](long double x) {
    return scale * std::pow(static_cast<double>(1 + x * x / df), static_cast<double>(-(df + 1) / 2));
  };
  const long double end = std::atan(std::fabs(t));
  const int steps = 1000;
  const long double h = end / steps;
  long double sum = 0;
  for (int i = 0; i <= steps; ++i) {
    const long double theta = i * h;
    const long double weight = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
    const long double c = std::cos(theta);
    sum += weight * t_density(std::tan(theta)) / (c * c);
  }
  const long double half = sum * h / 3;
  return t >= 0 ? 0.5L + half : 0.5L - half;
}

long double literal_quantile(long double p, long double df) {
  // Quantiles asked for here stay within ±700 (df >= 1, p <= 0.9995).
  long double low = -700, high = 700;
  for (int i = 0; i < 52; ++i) {
    const long double mid = (low + high) / 2;
    (literal_cdf(mid, df) < p ? low : high) = mid;
  }
  return (low + high) / 2;
}

double random_df(Rng& rng) {
  // Integers 1 … 40 and non-integer values (Welch's df) alike.
  return rng.bernoulli(0.5) ? 1 + static_cast<double>(rng.below(40)) : 1 + 60 * rng.uniform();
}

std::vector<double> random_values(Rng& rng, std::size_t k) {
  std::vector<double> v(k);
  const double scale = 0.1 + 50 * rng.uniform();
  for (auto& x : v) x = scale * (rng.uniform() - 0.3) + static_cast<double>(rng.below(3));
  return v;
}

TEST(MeanInterval, QuantilesMatchPrintedTables) {
  // Two-sided 95% critical values from any t table.
  EXPECT_NEAR(damlab::student_t_quantile(0.975, 1), 12.7062047, 1e-6);
  EXPECT_NEAR(damlab::student_t_quantile(0.975, 4), 2.7764451, 1e-6);
  EXPECT_NEAR(damlab::student_t_quantile(0.975, 10), 2.2281389, 1e-6);
  EXPECT_NEAR(damlab::student_t_quantile(0.975, 30), 2.0422725, 1e-6);
  EXPECT_NEAR(damlab::student_t_quantile(0.995, 3), 5.8409093, 1e-6);
  EXPECT_NEAR(damlab::student_t_quantile(0.5, 7), 0.0, 1e-12);
}

TEST(MeanInterval, CdfAndQuantileAgreeWithTheIntegratedDensity) {
  Rng rng(20251202);
  for (int trial = 0; trial < 30; ++trial) {
    const double df = random_df(rng);
    const double t = 8 * (rng.uniform() - 0.5);
    EXPECT_NEAR(damlab::student_t_cdf(t, df), static_cast<double>(literal_cdf(t, df)), 1e-9)
        << "t " << t << " df " << df;
    const double p = 0.5 + 0.499 * rng.uniform();
    const double q = damlab::student_t_quantile(p, df);
    EXPECT_NEAR(q, static_cast<double>(literal_quantile(p, df)), 1e-6 * (1 + std::fabs(q)))
        << "p " << p << " df " << df;
    EXPECT_NEAR(damlab::student_t_quantile(1 - p, df), -q, 1e-9 * (1 + std::fabs(q)));
  }
}

TEST(MeanInterval, MeanIntervalIsTheLiteralFormula) {
  Rng rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    const auto v = random_values(rng, 2 + rng.below(12));
    const double confidence = trial % 2 ? 0.95 : 0.5 + 0.49 * rng.uniform();
    long double sum = 0;
    for (double x : v) sum += x;
    const long double k = v.size(), mean = sum / k;
    long double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    const long double half =
        literal_quantile((1 + confidence) / 2, k - 1) * std::sqrt(ss / (k - 1) / k);
    const auto got = damlab::mean_interval(v, confidence);
    EXPECT_NEAR(got.estimate, static_cast<double>(mean), 1e-12 * (1 + std::fabs(got.estimate)));
    EXPECT_NEAR(got.low, static_cast<double>(mean - half), 1e-6 * (1 + half));
    EXPECT_NEAR(got.high, static_cast<double>(mean + half), 1e-6 * (1 + half));
    EXPECT_EQ(got.df, v.size() - 1);
  }
}

TEST(MeanInterval, WelchIntervalIsTheLiteralFormula) {
  Rng rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    const auto a = random_values(rng, 2 + rng.below(10));
    const auto b = random_values(rng, 2 + rng.below(10));
    auto moments = [](const std::vector<double>& v, long double& mean, long double& var) {
      long double s = 0;
      for (double x : v) s += x;
      mean = s / v.size();
      long double ss = 0;
      for (double x : v) ss += (x - mean) * (x - mean);
      var = ss / (v.size() - 1);
    };
    long double ma, va, mb, vb;
    moments(a, ma, va);
    moments(b, mb, vb);
    const long double ea = va / a.size(), eb = vb / b.size();
    const long double df =
        (ea + eb) * (ea + eb) / (ea * ea / (a.size() - 1) + eb * eb / (b.size() - 1));
    const long double half = literal_quantile(0.975L, df) * std::sqrt(ea + eb);
    const auto got = damlab::welch_interval(a, b, 0.95);
    EXPECT_NEAR(got.estimate, static_cast<double>(ma - mb), 1e-9);
    EXPECT_NEAR(got.df, static_cast<double>(df), 1e-9 * df);
    EXPECT_NEAR(got.low, static_cast<double>(ma - mb - half), 1e-6 * (1 + half));
    EXPECT_NEAR(got.high, static_cast<double>(ma - mb + half), 1e-6 * (1 + half));
  }
}

TEST(MeanInterval, LineFitIsTheLiteralFormula) {
  Rng rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t k = 3 + rng.below(15);
    std::vector<double> x(k), y(k);
    for (std::size_t i = 0; i < k; ++i) {
      x[i] = 400 * rng.uniform();
      y[i] = 0.5 + 0.02 * x[i] + rng.uniform();
    }
    // Normal equations solved by Cramer's rule on raw sums.
    long double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < k; ++i) {
      sx += x[i]; sy += y[i]; sxx += (long double)x[i] * x[i]; sxy += (long double)x[i] * y[i];
    }
    const long double det = k * sxx - sx * sx;
    const long double slope = (k * sxy - sx * sy) / det, a = (sy * sxx - sx * sxy) / det;
    long double res = 0, tot = 0;
    for (std::size_t i = 0; i < k; ++i) {
      res += (y[i] - a - slope * x[i]) * (y[i] - a - slope * x[i]);
      tot += (y[i] - sy / k) * (y[i] - sy / k);
    }
    const long double se = std::sqrt(res / (k - 2) / (sxx - sx * sx / k));
    const long double half = literal_quantile(0.975L, k - 2.0L) * se;
    const auto fit = damlab::line_fit(x, y, 0.95);
    EXPECT_NEAR(fit.slope.estimate, static_cast<double>(slope), 1e-10);
    EXPECT_NEAR(fit.intercept, static_cast<double>(a), 1e-8);
    EXPECT_NEAR(fit.r2, static_cast<double>(1 - res / tot), 1e-9);
    EXPECT_NEAR(fit.slope.low, static_cast<double>(slope - half), 1e-6 * (1e-3 + half));
    EXPECT_NEAR(fit.slope.high, static_cast<double>(slope + half), 1e-6 * (1e-3 + half));
    EXPECT_EQ(fit.points, k);
  }
}

TEST(MeanInterval, CoversTheTrueMeanAtTheStatedRate) {
  // Normal samples (Box-Muller) of size 5: a correct t interval covers the
  // true mean in 95% of draws; a z interval (1.96) would cover only ~88%.
  Rng rng(3);
  int covered = 0;
  const int draws = 4000;
  for (int d = 0; d < draws; ++d) {
    std::vector<double> v(5);
    for (auto& x : v)
      x = 10 + 3 * std::sqrt(-2 * std::log(1 - rng.uniform())) *
                   std::cos(2 * std::numbers::pi * rng.uniform());
    const auto i = damlab::mean_interval(v, 0.95);
    covered += i.low <= 10 && 10 <= i.high;
  }
  EXPECT_NEAR(covered / double(draws), 0.95, 0.012);
}

TEST(MeanInterval, EdgeCasesAndBadArguments) {
  const std::vector<double> one{4.0}, none, same{2, 2, 2};
  EXPECT_EQ(damlab::mean_interval(one, 0.95).estimate, 4.0);
  EXPECT_TRUE(std::isnan(damlab::mean_interval(one, 0.95).low));
  EXPECT_TRUE(std::isnan(damlab::mean_interval(none, 0.95).estimate));
  const auto flat = damlab::mean_interval(same, 0.95);
  EXPECT_EQ(flat.low, 2.0);
  EXPECT_EQ(flat.high, 2.0);
  EXPECT_THROW(damlab::mean_interval(same, 1.0), damlab::InvalidArgument);
  EXPECT_THROW(damlab::mean_interval(same, 0.0), damlab::InvalidArgument);
  EXPECT_THROW(damlab::student_t_quantile(1.0, 3), damlab::InvalidArgument);
  EXPECT_THROW(damlab::student_t_cdf(1.0, 0), damlab::InvalidArgument);
  EXPECT_THROW(damlab::line_fit(same, same, 0.95), damlab::InvalidArgument);
}

}  // namespace
