#pragma once
// What closing a session writes, in the batch of the close itself: one
// cycle_count_variances row per item, a proposed action per review row, the
// automatic adjustments (one per direction, through the outbox) and a
// reflexion_log row per automatic decision.
#include <string>
#include <vector>

#include "pipeline/variance_workflow.h"
#include "request.h"
#include "turn.h"

namespace core::pipeline {

struct ClosingSession {
  std::string business_id, session_id, location_id, ns_location_id;
  std::string actor;  // the token name, or the weekly schedule
  std::string now;
  std::string page_key = {};  // "" for a session's first page; later pages key their adjustments apart
};

struct WorkflowTally {
  int auto_adjusted = 0, staged_for_review = 0, confirmed = 0;
};

std::vector<Statement> variance_workflow_statements(const ClosingSession& session,
                                                    const std::vector<ItemVariance>& variances,
                                                    const Guardrail& guardrail, IdMaker& ids, WorkflowTally& tally);

}  // namespace core::pipeline
