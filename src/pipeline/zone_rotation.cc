#include "pipeline/zone_rotation.h"

#include <algorithm>

namespace core::pipeline {

std::optional<RotationSlot> next_zone(std::vector<RotationSlot> rotation, std::string_view last_zone_id) {
  std::stable_sort(rotation.begin(), rotation.end(),
                   [](const RotationSlot& a, const RotationSlot& b) { return a.position < b.position; });
  size_t start = 0;
  for (size_t i = 0; i < rotation.size(); ++i) {
    if (!last_zone_id.empty() && rotation[i].zone_id == last_zone_id) {
      start = i + 1;
      break;
    }
  }
  for (size_t k = 0; k < rotation.size(); ++k) {
    const RotationSlot& slot = rotation[(start + k) % rotation.size()];
    if (slot.active) return slot;
  }
  return std::nullopt;
}

}  // namespace core::pipeline
