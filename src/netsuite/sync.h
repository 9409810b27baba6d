#pragma once
// PushMutexDO's sync of one business from NetSuite (DESIGN.md "Real data in"), a conversation
// with the shell run after each drain, so pulls and pushes share the account's one client:
//   read     the connection and the open run; queue one when it is due (every NS_SYNC_MINUTES,
//            a full run once a week), or say when to wake
//   page     for the run's phase and cursor, one SuiteQL page (authorized.h), then the rows it
//            needs from D1, then one batch writing the page and moving the cursor
// until the run is done or this invocation's budget is spent (then the alarm fires again at
// once and the run resumes at its cursor). A page NetSuite refuses is retried with the push's
// backoff; 401 authenticates again once; a query NetSuite calls invalid fails the run.
#include "json_access.h"

namespace core::netsuite {

// input: { kind: "sync", business_id, now, nonce, settings, token_cache?, turn? }
// done:  { business_id, run_id?, status?, pages, next_alarm_ms?, token_cache, note?, error? }
json sync_turn(const json& input);

// The SuiteQL date text of an instant ("YYYY-MM-DD HH24:MI:SS", UTC) from ISO-8601.
std::string suiteql_time(const std::string& iso);

}  // namespace core::netsuite
