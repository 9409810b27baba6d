#include "stock_count/variance.h"

#include "quantity.h"

namespace core::stock_count {

int64_t percent_milli(int64_t a, int64_t b) {
  __int128 num = static_cast<__int128>(a) * 100'000;
  __int128 den = b;
  bool negative = (num < 0) != (den < 0);
  if (num < 0) num = -num;
  if (den < 0) den = -den;
  __int128 q = (num * 2 + den) / (den * 2);
  return saturate_int64(negative ? -q : q);
}

VarianceFigures variance_figures(int64_t expected, int64_t counted, int64_t unit_cost_minor) {
  VarianceFigures f;
  f.delta = counted - expected;
  if (expected != 0) f.pct = percent_milli(f.delta, expected);
  f.value_minor = value_minor(f.delta, unit_cost_minor);
  return f;
}

}  // namespace core::stock_count
