#pragma once
// Rejecting a session whose adjustments were already booked (automatic ones at
// close, approved proposals, a session approval). Their ledger rows moved the
// expected on-hand and their pushes reach NetSuite, so a rejection cannot act
// as if nothing happened: without {"reverse": true} it is refused naming them;
// with it, each booked adjustment gets a reversing one (opposite direction,
// the same lines, its own external id, linked by reverses_adjustment_id) that
// is pushed like any other, in the rejection's own batch.
#include <string>
#include <vector>

#include "request.h"
#include "turn.h"
#include "pipeline/queries/proposal_decisions.h"

namespace core::pipeline {

// The session's booked adjustments that nothing reverses yet, with their lines (sku and
// NetSuite item id for the record) and outbox state.
Statement booked_adjustments(const BusinessScope& business, const std::string& session_id);

// "adj_… (DECREASE, pushed as cc-…)" for each row, for the 409 that names them.
std::string booked_list(const json& rows);

// The reversing adjustments of `rows` (booked_adjustments), each with its ledger rows,
// outbox row and a reflexion_log "reversed" row; they carry the rejection's reason code.
std::vector<Statement> reversal_statements(const std::string& business_id, const json& session_row, const json& rows,
                                           const DecisionBy& rejection, const std::string& now, IdMaker& ids);

}  // namespace core::pipeline
