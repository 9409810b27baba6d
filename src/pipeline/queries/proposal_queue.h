#pragma once
// The approvals queue (routes/proposed_actions.cc): proposals as a supervisor reads them —
// item, location, zone, the variance's figures — and a decision's reads.
#include <string>

#include "business_scope.h"
#include "queries/listing.h"
#include "query.h"

namespace core::pipeline {

// One proposal as the queue shows it.
Statement queue_row(const BusinessScope& business, const std::string& proposal_id);
Listing queue_listing();

// A decision first reads the proposal as decide_proposal needs it (kProposalColumns) and as the
// queue shows it (who decided it, when), and the business's settings (its reason codes).
struct DecisionRead {
  Batch batch;
  Read<json> proposal, shown, settings;
};
DecisionRead decision_read(const BusinessScope& business, const std::string& proposal_id);
// …and after its writes, the proposal as the queue shows it and the adjustments it booked.
struct DecisionAnswer {
  Batch batch;
  Read<json> shown, adjustments;
};
DecisionAnswer decision_answer(const BusinessScope& business, const std::string& proposal_id);

}  // namespace core::pipeline
