#pragma once
// Automatic recount before a person (issue 27; DESIGN.md "The weekly pipeline"). While a
// session is ACTIVE, a line's first count whose difference is beyond the recount threshold
// (guardrail.h beyond_recount) gets a recount task at once: the line moves to it (count index 2,
// so the recount supersedes the first count, as any recount does), assigned to another counter of
// the business when there is one. The close judges the latest count; the queue says, per proposal,
// whether its recount happened and both counts (proposal_recount).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"
#include "pipeline/guardrail.h"

namespace core::pipeline {

struct RecountAsk {
  std::string item_id, sku, bin_id, bin, zone, batch_number, serial_number;
  std::string why;       // beyond_recount's words
  std::string assignee;  // "" : nobody else counts for the business
};

// `line_rows`: the first counts of lines just recorded (queries/recounts.h first_count_lines):
// item_id, sku, bin_id, bin, zone, batch_number, serial_number, counted, system, avg_cost_minor,
// counted_by. `counters`: the names of the business's scanner tokens.
std::vector<RecountAsk> recounts_to_ask(const json& line_rows, const Guardrail& guardrail,
                                        const std::vector<std::string>& counters);

// Who recounts after `first_counter`: the first other counter by name, "" when there is none.
std::string recount_assignee(const std::string& first_counter, const std::vector<std::string>& counters);

// A proposal's recount as the queue shows it, from its row's recount_* columns: null when its
// item was never sent for a recount; { status: "recounted", first_count, recount } or
// { status: "not recounted", first_count } (the close came before the recount).
json proposal_recount(const json& row);

}  // namespace core::pipeline
