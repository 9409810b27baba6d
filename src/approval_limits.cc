#include "approval_limits.h"

#include <cstdlib>

#include "quantity.h"

namespace core {

namespace {

std::optional<int64_t> optional_int(const json& row, const char* key) {
  const json* v = member(row, key);
  return v && v->is_number_integer() ? std::optional<int64_t>(v->get<int64_t>()) : std::nullopt;
}

json or_null(const std::optional<int64_t>& v, json (*shown)(int64_t)) { return v ? shown(*v) : json(); }

json qty_shown(int64_t v) { return qty_json(v); }
json money_shown(int64_t v) { return money_text(v); }

}  // namespace

std::optional<ApprovalLimits> limits_from_json(const json& body, const std::string& at, std::vector<FieldError>& errors) {
  if (body.is_null()) return ApprovalLimits{};
  if (!body.is_object()) {
    errors.push_back({at, "an object { qty?, pct?, value? } or null"});
    return std::nullopt;
  }
  size_t before = errors.size();
  ApprovalLimits limits;
  for (const auto& [key, value] : body.items()) {
    if (key != "qty" && key != "pct" && key != "value") errors.push_back({at + "." + key, "not a limit (qty, pct and value are)"});
  }
  if (const json* q = member(body, "qty"); q && !q->is_null()) {
    auto v = qty_from_json(*q);
    if (!v || *v < 0) errors.push_back({at + ".qty", "a quantity ≥ 0 with at most 3 decimals"});
    else limits.qty = v;
  }
  if (const json* p = member(body, "pct"); p && !p->is_null()) {
    auto v = qty_from_json(*p);
    if (!v || *v < 0 || *v > 100000 * kQtyScale) errors.push_back({at + ".pct", "a percent ≥ 0 with at most 3 decimals"});
    else limits.pct = v;
  }
  if (const json* m = member(body, "value"); m && !m->is_null()) {
    auto v = money_from_json(*m);
    if (!v || *v < 0) errors.push_back({at + ".value", "an amount ≥ 0 as money text, e.g. \"500.00\""});
    else limits.value_minor = v;
  }
  if (errors.size() != before) return std::nullopt;
  return limits;
}

ApprovalLimits limits_of_row(const json& row) {
  return {optional_int(row, "limit_qty"), optional_int(row, "limit_pct"), optional_int(row, "limit_value_minor")};
}

json limits_json(const ApprovalLimits& limits) {
  if (!limits.any()) return nullptr;
  return {{"qty", or_null(limits.qty, qty_shown)}, {"pct", or_null(limits.pct, qty_shown)},
          {"value", or_null(limits.value_minor, money_shown)}};
}

json limits_params(const ApprovalLimits& limits) {
  auto v = [](const std::optional<int64_t>& x) { return x ? json(*x) : json(); };
  return json::array({v(limits.qty), v(limits.pct), v(limits.value_minor)});
}

ProposalSize size_of_proposal(const json& row) {
  ProposalSize size;
  size.qty = std::llabs(int_or(row, "delta", 0));
  if (auto pct = optional_int(row, "pct")) size.pct = std::llabs(*pct);
  size.value_minor = std::llabs(int_or(row, "value_minor", 0)) + std::llabs(int_or(row, "moved_value_minor", 0));
  return size;
}

std::optional<std::string> over_limit(const ApprovalLimits& limits, const ProposalSize& size) {
  if (limits.qty && size.qty > *limits.qty) {
    return "quantity " + qty_json(size.qty).dump() + " is over the limit " + qty_json(*limits.qty).dump();
  }
  if (limits.pct && (!size.pct || *size.pct > *limits.pct)) {
    return size.pct ? "percent " + qty_json(*size.pct).dump() + " is over the limit " + qty_json(*limits.pct).dump()
                    : "percent is undefined (nothing was expected), over the limit " + qty_json(*limits.pct).dump();
  }
  if (limits.value_minor && size.value_minor > *limits.value_minor) {
    return "value " + money_text(size.value_minor) + " is over the limit " + money_text(*limits.value_minor);
  }
  return std::nullopt;
}

}  // namespace core
