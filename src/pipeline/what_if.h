#pragma once
// The guardrail editor's what-if preview (admin-dashboard.html), run in the
// browser by the Worker's own core.wasm: the lines a session would close with, as
// GET /stock-count/sessions/{id}/variance lists them, decided under a guardrail
// not saved yet — by the same aggregation and rule the close uses
// (item_variances → classify_delta), never a copy of them.
//
//   in:  { kind: "what_if", guardrail: { inventory_auto_pct, inventory_auto_value?, recount_pct?, recount_value? },
//          lines: [ { item_id, status, system_qty_at_count, counted_qty, unit_cost_minor } ] }
//   out: { done: { items, auto: { items, value_minor, value }, recount: {…}, review: {…}, confirmed: {…},
//                  decisions: [ { item_id, decision, reason, recount } ] } }  or a 422 problem
// recount: the review items whose difference is beyond the recount threshold (guardrail.h
// beyond_recount) — counted again by another counter first; review: the rest, straight to a person.
#include "json_access.h"

namespace core::pipeline {

json what_if_turn(const json& input);

}  // namespace core::pipeline
