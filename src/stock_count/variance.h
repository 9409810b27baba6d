#pragma once
// Variance of one counted line: delta, percentage and value, in fixed scale.
#include <cstdint>
#include <optional>

namespace core::stock_count {

struct VarianceFigures {
  int64_t delta = 0;                 // counted − expected, thousandths
  std::optional<int64_t> pct;        // thousandths of a percent; none when expected is 0
  int64_t value_minor = 0;           // delta × unit cost, minor units
};

VarianceFigures variance_figures(int64_t expected, int64_t counted, int64_t unit_cost_minor);

// a / b in thousandths of a percent, rounded half away from zero (b ≠ 0).
int64_t percent_milli(int64_t a, int64_t b);

}  // namespace core::stock_count
