#include "pipeline/guardrail.h"

#include "quantity.h"
#include "stock_count/variance.h"

namespace core::pipeline {

namespace {
int64_t magnitude(int64_t v) { return v < 0 ? -v : v; }
}  // namespace

std::string percent_text(int64_t pct_milli) {
  std::string sign = pct_milli < 0 ? "-" : "";
  int64_t m = magnitude(pct_milli);
  std::string out = sign + std::to_string(m / 1000);
  if (int64_t frac = m % 1000; frac != 0) {
    std::string digits = std::to_string(1000 + frac).substr(1);
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

Classification classify_delta(int64_t system_at_count, int64_t delta, int64_t value_minor, const Guardrail& g) {
  if (delta == 0) return {Decision::kConfirmed, "the count matches the system"};
  if (system_at_count == 0) {
    return {Decision::kReview, "stock found where the system expected none; a percentage cannot judge it"};
  }
  // |delta| / |expected| × 100 ≤ pct  ⇔  |delta| × 100 000 ≤ pct_milli × |expected|
  __int128 lhs = static_cast<__int128>(magnitude(delta)) * 100'000;
  __int128 rhs = static_cast<__int128>(g.auto_pct_milli) * magnitude(system_at_count);
  std::string pct = percent_text(stock_count::percent_milli(delta, system_at_count));
  std::string limit = percent_text(g.auto_pct_milli);
  if (lhs > rhs) return {Decision::kReview, "|" + pct + "%| is above the " + limit + "% guardrail"};
  if (g.auto_value_minor && magnitude(value_minor) > *g.auto_value_minor) {
    return {Decision::kReview, "value " + money_text(value_minor) + " is above the " + money_text(*g.auto_value_minor) +
                                   " cap (" + pct + "% is within " + limit + "%)"};
  }
  std::string why = "|" + pct + "%| is within the " + limit + "% guardrail";
  if (g.auto_value_minor) why += " and value " + money_text(value_minor) + " within the " + money_text(*g.auto_value_minor) + " cap";
  return {Decision::kAuto, why};
}

std::optional<std::string> beyond_recount(int64_t system_at_count, int64_t delta, int64_t value_minor, const Guardrail& g) {
  if (delta == 0) return std::nullopt;
  if (system_at_count == 0) return "stock found where the system expected none";
  __int128 lhs = static_cast<__int128>(magnitude(delta)) * 100'000;
  __int128 rhs = static_cast<__int128>(g.recount_pct_milli()) * magnitude(system_at_count);
  if (lhs > rhs) {
    return "|" + percent_text(stock_count::percent_milli(delta, system_at_count)) + "%| is above the " +
           percent_text(g.recount_pct_milli()) + "% recount threshold";
  }
  if (auto cap = g.recount_value_minor(); cap && magnitude(value_minor) > *cap) {
    return "value " + money_text(value_minor) + " is above the " + money_text(*cap) + " recount threshold";
  }
  return std::nullopt;
}

Guardrail guardrail_from_row(const json* row) {
  Guardrail g;
  if (row == nullptr || !row->is_object()) return g;
  g.auto_pct_milli = int_or(*row, "inventory_auto_pct", 0);
  auto optional = [row](const char* key) -> std::optional<int64_t> {
    const json* v = member(*row, key);
    return v && v->is_number_integer() ? std::optional<int64_t>(as_int(*v)) : std::nullopt;
  };
  g.auto_value_minor = optional("inventory_auto_value");
  g.recount_pct_set = optional("recount_pct");
  g.recount_value_set = optional("recount_value");
  return g;
}

Classification classify_move(int64_t moved_value_minor, const std::string& moves, const Guardrail& g) {
  std::string what = "moved " + moves + " (value " + money_text(moved_value_minor) + ")";
  if (g.auto_pct_milli == 0) return {Decision::kReview, what + "; the guardrail fixes nothing automatically"};
  if (g.auto_value_minor && magnitude(moved_value_minor) > *g.auto_value_minor) {
    return {Decision::kReview, what + " is above the " + money_text(*g.auto_value_minor) + " cap"};
  }
  if (g.auto_value_minor) return {Decision::kAuto, what + " is within the " + money_text(*g.auto_value_minor) + " cap"};
  return {Decision::kAuto, what + "; a move changes no on-hand and no value cap is set"};
}

Classification combine(const Classification& change, const Classification& move) {
  if (change.decision == Decision::kConfirmed) return move;
  Decision d = change.decision == Decision::kReview || move.decision == Decision::kReview ? Decision::kReview : Decision::kAuto;
  return {d, change.reason + "; " + move.reason};
}

std::optional<Guardrail> guardrail_from_body(const json& body, std::vector<FieldError>& errors) {
  size_t before = errors.size();
  Guardrail g;
  const json* pct_field = member(body, "inventory_auto_pct");
  std::optional<int64_t> pct = pct_field ? qty_from_json(*pct_field) : std::nullopt;
  if (!pct_field) errors.push_back({"inventory_auto_pct", "required"});
  else if (!pct || *pct < 0 || *pct > 100 * kQtyScale) {
    errors.push_back({"inventory_auto_pct", "must be a number from 0 to 100 with at most 3 decimals"});
  } else {
    g.auto_pct_milli = *pct;
  }
  if (const json* cap_field = member(body, "inventory_auto_value"); cap_field && !cap_field->is_null()) {
    auto minor = money_from_json(*cap_field);
    if (!minor || *minor < 0) errors.push_back({"inventory_auto_value", "must be an amount ≥ 0 with at most 2 decimals, or null"});
    else g.auto_value_minor = *minor;
  }
  if (const json* r = member(body, "recount_pct"); r && !r->is_null()) {
    auto v = qty_from_json(*r);
    if (!v || *v < 0 || *v > 100 * kQtyScale) errors.push_back({"recount_pct", "must be a number from 0 to 100 with at most 3 decimals, or null"});
    else if (*v < g.auto_pct_milli) errors.push_back({"recount_pct", "must be at least inventory_auto_pct: a recount is asked above the guardrail"});
    else g.recount_pct_set = *v;
  }
  if (const json* r = member(body, "recount_value"); r && !r->is_null()) {
    auto v = money_from_json(*r);
    if (!v || *v < 0) errors.push_back({"recount_value", "must be an amount ≥ 0 with at most 2 decimals, or null"});
    else if (g.auto_value_minor && *v < *g.auto_value_minor) errors.push_back({"recount_value", "must be at least inventory_auto_value"});
    else g.recount_value_set = *v;
  }
  if (errors.size() != before) return std::nullopt;
  return g;
}

}  // namespace core::pipeline
