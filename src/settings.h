#pragma once
// The Worker's configuration as the shell hands it to the core (input
// `settings`: the vars of wrangler.toml / .dev.vars, as text). Defaults live
// here, so the shell passes values through without judging them.
#include <cstdint>
#include <string>
#include <string_view>

#include "json_access.h"

namespace core {

struct Settings {
  int64_t retry_base_ms;    // NS_RETRY_BASE_MS: backoff base of NetSuite pushes (default 30000)
  int64_t fetch_timeout_ms; // NS_TIMEOUT_MS: one NetSuite request at most (default 20000)
  bool allow_loopback;      // NS_ALLOW_LOOPBACK=1: a connection may point at http://127.0.0.1 (local runs)
  // NS_SECRETS_KEY_STATUS: the shell's check of the sealing key (never the key itself):
  // "ok", or why it cannot seal; empty when the shell did not say.
  std::string secrets_key_status;
  // COUNT_PAGE_LINES: about how many lines one page of a long session operation holds (default 2000;
  // src/stock_count/queries/item_pages.h). Small values let tests page through small sessions.
  int64_t page_lines;
  // D1_STATEMENT_BUDGET: the most D1 statements one invocation spends on paged work before it
  // pauses (default 800, under Workers' 1,000 queries per invocation; a request answers 202, the
  // weekly tick leaves the rest to its next tick). Small values let tests see the pause.
  int64_t statement_budget;
  // NS_SYNC_MINUTES: how often PushMutexDO reads NetSuite's changes (default 15; 1 to 1440).
  int64_t sync_minutes;
  // NS_MAX_CONCURRENCY: NetSuite calls one business's PushMutexDO has in flight at once (default 1;
  // 1 to 10): NetSuite limits concurrent requests per account and answers 429 over the limit.
  int64_t max_concurrency;
};

// `settings`: input.settings (an object of strings); absent or bad values take the defaults.
Settings settings_of(const json& settings);

}  // namespace core
