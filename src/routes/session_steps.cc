#include "routes/session_steps.h"

#include "problem.h"
#include "settings.h"
#include "stock_count/queries/store.h"
#include "stock_count/queries/transition_writes.h"
#include "write_guard.h"
#include "steps.h"

namespace core::routes {

using namespace stock_count;

std::optional<json> check_transition(const json& session, SessionEvent event) {
  auto from = session_status_from(string_or(session, "status", ""));
  if (!from || !next_session_status(*from, event)) {
    return conflict("cannot " + std::string(session_event_name(event)) + " a session that is " +
                    string_or(session, "status", "?"));
  }
  if (std::string running = string_or(session, "run_kind", ""); !running.empty()) {
    return conflict("the session's " + running + " has not finished; send the same " + running +
                    " request again to resume it");
  }
  return std::nullopt;
}

std::vector<Statement> transition_statements(const Ctx& ctx, const json& session, SessionEvent event,
                                             const std::string& extra_set, json extra_params) {
  return *session_transition_statements(ctx.principal.business_id, session, event, ctx.now, extra_set,
                                        std::move(extra_params));
}

json next_page(const Ctx& ctx, const std::string& session_id, std::vector<Statement> batch, std::vector<Statement> next) {
  size_t spent = static_cast<size_t>(int_or(ctx.state, "spent", 0)) + batch.size();
  size_t read_at = batch.size();
  size_t budget = static_cast<size_t>(settings_of(ctx.settings).statement_budget);
  if (spent + 2 * (batch.size() + next.size()) > budget) {
    batch.push_back(load_session_of(ctx.principal.business_id, session_id));
    return ask_d1(std::move(batch), at_step(PageStep::kPaused, {{"read_at", read_at}}));
  }
  batch.insert(batch.end(), std::make_move_iterator(next.begin()), std::make_move_iterator(next.end()));
  return ask_d1(std::move(batch), at_step(PageStep::kPage, {{"read_at", read_at}, {"spent", spent + next.size()}}));
}

json after_write(const Ctx& ctx, int status_code, size_t session_statement, const json& report) {
  const json& d1 = ctx.first_result();
  if (failed_on_guard(d1)) return conflict("the session changed while this request ran; reload and retry");
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& rows = rows_of(d1, session_statement);
  if (rows.empty()) return storage_failure("session vanished");
  json out = session_json(rows[0]);
  if (report.is_object()) out.update(report);
  return respond_json(status_code, out);
}

}  // namespace core::routes
