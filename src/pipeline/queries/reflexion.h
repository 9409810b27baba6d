#pragma once
// reflexion_log: why each decision was taken, by whom, on which figures.
#include <string>
#include <vector>

#include "turn.h"

namespace core::pipeline {

struct ReflexionEntry {
  std::string id;
  std::string tag;          // auto_adjust | approved | rejected | posted
  std::string reason;
  std::string approved_by;  // "" for the system's own decisions
  std::string ref_type;     // cycle_count_variance | proposed_action | stock_count_session
  std::string ref_id;
  json numbers = json::object();
};

std::vector<Statement> reflexion_inserts(const std::string& business_id, const std::string& now,
                                         const std::vector<ReflexionEntry>& entries);

}  // namespace core::pipeline
