#include "pipeline/count_candidates.h"

#include "quantity.h"

namespace core::pipeline {

namespace {

constexpr size_t kBinsNamed = 3;

std::string qty_text(int64_t q) { return qty_json(q).dump(); }

}  // namespace

std::optional<std::string> candidate_why(int64_t on_hand, const std::vector<Placement>& placed) {
  if (on_hand < 0) return "on-hand is " + qty_text(on_hand);
  if (on_hand > 0) return std::nullopt;
  std::string bins;
  size_t listing = 0;
  for (const auto& p : placed) {
    if (p.quantity <= 0) continue;
    if (++listing <= kBinsNamed) {
      bins += (bins.empty() ? "" : ", ") + (p.bin.empty() ? std::string("the location") : p.bin) + " lists " + qty_text(p.quantity);
    }
  }
  if (listing == 0) return std::nullopt;
  if (listing > kBinsNamed) bins += " and " + std::to_string(listing - kBinsNamed) + " more";
  return "on-hand is 0 while " + bins;
}

std::optional<json> candidate_json(const json& row) {
  std::vector<Placement> placed;
  json shown = json::array();
  int64_t placed_qty = 0;
  auto parsed = parse_json(string_or(row, "placed", "[]"));
  for (const auto& p : parsed && parsed->is_array() ? *parsed : json::array()) {
    Placement one{string_or(p, "bin", ""), int_or(p, "quantity", 0)};
    placed_qty += one.quantity;
    shown.push_back({{"bin", one.bin.empty() ? json() : json(one.bin)}, {"quantity", qty_json(one.quantity)}});
    placed.push_back(std::move(one));
  }
  int64_t on_hand = int_or(row, "on_hand", 0);
  auto why = candidate_why(on_hand, placed);
  if (!why) return std::nullopt;
  return json{{"location_id", value_or_null(row, "location_id")}, {"location_code", value_or_null(row, "location_code")},
              {"item_id", value_or_null(row, "item_id")},         {"sku", value_or_null(row, "sku")},
              {"item_name", value_or_null(row, "item_name")},     {"on_hand", qty_json(on_hand)},
              {"placed_qty", qty_json(placed_qty)},               {"placed", std::move(shown)},
              {"why", *why}};
}

}  // namespace core::pipeline
