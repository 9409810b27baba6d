#pragma once
// Counts where stock says "look here" (issue 27): an item whose on-hand at a location cannot be
// right is counted without waiting for its zone's turn. A candidate is an item whose on-hand there
//   * is negative (shelves never hold less than nothing), or
//   * is zero while a placement there still lists stock (the bins say otherwise).
// The on-hand is the mirror's (our confirmed adjustments and the NetSuite sync alike); an item
// already in an open session at the location is being counted and is no candidate. The weekly
// tick, or POST /api/count-candidates/open, opens one CYCLE session of a location's candidates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"

namespace core::pipeline {

struct Placement {
  std::string bin;   // "" : not in a bin
  int64_t quantity;  // thousandths
};

// Why the item must be counted now ("on-hand is -3", "on-hand is 0 while A-01-02 lists 5"), or
// nullopt when its figures may be right.
std::optional<std::string> candidate_why(int64_t on_hand, const std::vector<Placement>& placed);

// A candidate row (pipeline/queries/count_candidates.h) as the API shows it, or nullopt when the
// row is no candidate: { location_id, location_code, item_id, sku, item_name, on_hand, placed_qty,
// placed: [{ bin, quantity }], why }.
std::optional<json> candidate_json(const json& row);

}  // namespace core::pipeline
