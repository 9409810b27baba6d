// The routing table (router.h): method, path, least role, handler.
// Literal segments come before captures where two patterns could meet.
#include "router.h"
#include "routes/audit.h"
#include "routes/count_candidates.h"
#include "routes/cycle_count_schedule.h"
#include "routes/debug.h"
#include "routes/business_settings.h"
#include "routes/guardrails.h"
#include "routes/health.h"
#include "routes/import.h"
#include "routes/tokens.h"
#include "routes/inventory_count.h"
#include "routes/master_data.h"
#include "routes/netsuite_connection.h"
#include "routes/netsuite_sync.h"
#include "routes/proposed_actions.h"
#include "routes/reason_code_list.h"
#include "routes/pushes.h"
#include "routes/stock_count_entries.h"
#include "routes/stock_count_scopes.h"
#include "routes/stock_count_sessions.h"
#include "routes/stock_count_tasks.h"
#include "routes/stock_count_variance.h"
#include "routes/schedule_runs.h"
#include "routes/variance_report.h"

namespace core {

std::span<const Route> route_table() {
  using namespace routes;
  constexpr Role kScanner = Role::kScanner, kApprover = Role::kApprover, kAdmin = Role::kAdmin;
  static const Route kRoutes[] = {
      {"GET", "/health", Role::kPublic, health},
      {"GET", "/__core/trap", kAdmin, debug_trap},
      {"GET", "/api/locations", kScanner, list_locations},
      {"GET", "/api/items", kScanner, list_items},
      {"GET", "/api/balances", kScanner, list_balances},

      {"POST", "/api/inventory/count", kScanner, post_inventory_counts},
      {"POST", "/api/inventory/adjust", kApprover, decide_adjustment},
      {"GET", "/api/proposed-actions", kApprover, list_proposed_actions},
      {"GET", "/inventory/variances", kApprover, variance_report},
      {"GET", "/inventory/variances/summary", kApprover, variance_summary},
      {"GET", "/inventory/variances/by-reason", kApprover, variance_by_reason},
      {"GET", "/api/events", kApprover, events_feed},
      {"GET", "/api/reflexion-log", kApprover, list_reflexion_log},
      {"GET", "/api/guardrails", kAdmin, get_guardrails},
      {"PUT", "/api/guardrails", kAdmin, put_guardrails},
      {"GET", "/api/settings", kAdmin, get_settings},
      {"PUT", "/api/settings", kAdmin, put_settings},
      {"GET", "/api/reason-codes", kApprover, get_reason_codes},
      {"PUT", "/api/reason-codes", kAdmin, put_reason_codes},
      {"GET", "/api/cycle-count-schedule", kApprover, get_schedule},
      {"PUT", "/api/cycle-count-schedule", kAdmin, put_schedule},
      {"GET", "/api/schedule/runs", kApprover, list_schedule_runs},
      {"GET", "/api/count-candidates", kApprover, list_count_candidates},
      {"POST", "/api/count-candidates/open", kApprover, open_count_candidates},
      {"POST", "/api/schedule/runs/:location_id/retry", kAdmin, retry_schedule_run},
      {"GET", "/api/netsuite/connection", kAdmin, get_netsuite_connection},
      {"PUT", "/api/netsuite/connection", kAdmin, put_netsuite_connection},
      {"POST", "/api/netsuite/connection/test", kAdmin, test_netsuite_connection},
      {"GET", "/api/netsuite/sync", kAdmin, get_netsuite_sync},
      {"POST", "/api/netsuite/sync", kAdmin, post_netsuite_sync},
      {"GET", "/api/pushes", kAdmin, list_pushes},
      {"POST", "/api/tokens", kAdmin, create_token},
      {"GET", "/api/tokens", kAdmin, list_tokens},
      {"DELETE", "/api/tokens/:id", kAdmin, revoke_token},
      {"PATCH", "/api/tokens/:id", kAdmin, update_token},
      {"POST", "/api/pushes/:id/retry", kAdmin, retry_push},
      {"GET", "/api/import/:kind/template.csv", kAdmin, import_template},
      {"POST", "/api/import/:kind", kAdmin, post_import},

      {"POST", "/stock-count/sessions", kApprover, create_session},
      {"GET", "/stock-count/sessions", kScanner, list_sessions},
      {"GET", "/stock-count/sessions/:id", kScanner, get_session},
      {"PATCH", "/stock-count/sessions/:id/start", kApprover, start_session},
      {"PATCH", "/stock-count/sessions/:id/close", kApprover, close_session},
      {"PATCH", "/stock-count/sessions/:id/approve", kApprover, approve_session},
      {"PATCH", "/stock-count/sessions/:id/reject", kApprover, reject_session},
      {"POST", "/stock-count/sessions/:id/snapshot", kApprover, take_snapshot},
      {"GET", "/stock-count/sessions/:id/snapshots", kScanner, list_snapshot_lines},
      {"POST", "/stock-count/sessions/:id/post", kApprover, post_session},
      {"GET", "/stock-count/sessions/:id/variance", kScanner, session_variance},
      {"GET", "/stock-count/sessions/:id/postings", kScanner, session_postings},
      {"GET", "/stock-count/sessions/:id/ledger-entries", kScanner, session_ledger_entries},

      {"POST", "/stock-count/sessions/:id/scopes", kApprover, add_scope},
      {"GET", "/stock-count/sessions/:id/scopes", kScanner, list_scopes},
      {"DELETE", "/stock-count/sessions/:sessionId/scopes/:scopeId", kApprover, delete_scope},
      {"POST", "/stock-count/sessions/:id/tasks/generate", kApprover, generate_tasks},

      {"GET", "/stock-count/tasks", kScanner, list_tasks},
      {"GET", "/stock-count/tasks/:id", kScanner, get_task},
      {"PATCH", "/stock-count/tasks/:id", kScanner, update_task},
      {"PATCH", "/stock-count/tasks/:id/approve", kApprover, approve_task},
      {"PATCH", "/stock-count/tasks/:id/recount", kApprover, recount_task},
      {"GET", "/stock-count/tasks/:id/walk", kScanner, task_walk},
      {"POST", "/stock-count/tasks/:id/uncounted", kApprover, send_uncounted},

      {"POST", "/stock-count/entries", kScanner, submit_entries},
      {"GET", "/stock-count/entries", kScanner, list_entries},
      {"GET", "/stock-count/entries/:id", kScanner, get_entry},
      {"PATCH", "/stock-count/entries/:id", kScanner, update_entry},
  };
  return kRoutes;
}

}  // namespace core
