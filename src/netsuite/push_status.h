#pragma once
// An outbox row's status (ns_pending_pushes.status): pending (due at next_attempt_at),
// in_flight (leased to a drainer until lease_until), done (NetSuite holds the record), dead
// (NetSuite refused it, or every attempt failed: a person retries it).
#include "status_names.h"

namespace core::netsuite {

enum class PushStatus { kPending, kInFlight, kDone, kDead };
constexpr std::array<std::string_view, 4> status_names(PushStatus) { return {"pending", "in_flight", "done", "dead"}; }

}  // namespace core::netsuite
