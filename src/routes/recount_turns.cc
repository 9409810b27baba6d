#include "routes/recount_turns.h"

#include "business_scope.h"
#include "pipeline/guardrail.h"
#include "pipeline/queries/guardrails.h"
#include "pipeline/queries/recounts.h"
#include "pipeline/recount.h"
#include "query.h"
#include "stock_count/queries/transition_writes.h"
#include "steps.h"
#include "turn.h"

namespace core::routes {

using stock_count::EntryStep;

stock_count::AlsoReads recount_reads(const Ctx& ctx, const std::string& session_id) {
  std::string business_id = ctx.principal.business_id;
  return [business_id, session_id](Batch& batch, json& state, const json& entry_ids) {
    keep(state, "recount_lines", batch.add(pipeline::first_count_lines(business_id, session_id, entry_ids)));
    keep(state, "recount_guardrail", batch.add(pipeline::guardrail_row(BusinessScope::of_business(business_id))));
    keep(state, "recount_counters", batch.add(pipeline::counter_names(business_id)));
    keep(state, "recounted_tasks", batch.add(pipeline::recounted_tasks(business_id, entry_ids)));
  };
}

json after_counts(const Ctx& ctx, const std::string& session_id, json answer) {
  const json* respond = member(answer, "respond");
  if (!respond || int_or(*respond, "status", 0) != 201 || !member(ctx.state, "recount_lines")) return answer;
  const json& d1 = ctx.first_result();
  const json& guardrail = rows(d1, kept(ctx.state, "recount_guardrail"));
  std::vector<std::string> counters;
  for (const auto& c : rows(d1, kept(ctx.state, "recount_counters"))) counters.push_back(string_or(c, "name", ""));
  auto asks = pipeline::recounts_to_ask(rows(d1, kept(ctx.state, "recount_lines")),
                                        pipeline::guardrail_from_row(guardrail.empty() ? nullptr : &guardrail[0]), counters);
  json done = json::array();  // recount tasks whose line these entries counted
  for (const auto& t : rows(d1, kept(ctx.state, "recounted_tasks"))) done.push_back(t["id"]);
  if (asks.empty() && done.empty()) return answer;
  IdMaker ids{ctx.nonce, 900000};
  Batch batch;
  batch.add_all(pipeline::recount_task_writes(ctx.principal.business_id, session_id, asks, ids, ctx.now));
  if (!done.empty()) {
    batch.add(stock_count::tasks_transition_statement(ctx.principal.business_id, done, stock_count::TaskEvent::kComplete, ctx.now));
  }
  return ask_d1(batch.take(), at_step(EntryStep::kRecounted, {{"answer", std::move(answer)}}));
}

json recounts_written(const Ctx& ctx) {
  json answer = ctx.state.value("answer", json::object());
  const json& d1 = ctx.first_result();
  // The counts are recorded whatever happened here: the close then sends the line to a person
  // without a recount, and the log says why.
  if (!d1_ok(d1)) answer["log"] = "recount tasks not written: " + d1_error(d1);
  return answer;
}

}  // namespace core::routes
