#pragma once
// PushMutexDO's alarm as a conversation with the shell: drain one business's
// outbox (ns_pending_pushes) into NetSuite. Per round:
//   scan     the connection and the rows that are pending or in flight
//   claim    lease the claimable ones (lease.h), compare-and-swap on what was read
//   auth     unseal the connection's identifiers; M2M: sign a JWT assertion and
//            fetch an access token unless the cached one is still good; TBA:
//            sign each request's base string
//   push     PUT each record by external id, in parallel, each bounded by a timeout
//   write    one batch with every row's outcome (confirmation_writes.h)
// until nothing is claimable or the rounds of one wake are used; the answer
// says when to wake again and which access token the object may keep in memory.
#include "json_access.h"

namespace core::netsuite {

// input: { kind: "alarm", business_id, now, nonce, settings, token_cache?, turn? }
json drain_turn(const json& input);

}  // namespace core::netsuite
