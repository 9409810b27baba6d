#pragma once
// A NetSuite sync run (ns_sync_runs): its status — queued (asked for, not begun), running, done,
// failed (a page NetSuite refused, or a read that does not answer: last_error says) — its kind,
// and the phase it is in. A run walks the phases in this order.
#include "status_names.h"

namespace core::netsuite {

enum class SyncStatus { kQueued, kRunning, kDone, kFailed };
constexpr std::array<std::string_view, 4> status_names(SyncStatus) { return {"queued", "running", "done", "failed"}; }

enum class SyncKind { kFull, kIncremental };
constexpr std::array<std::string_view, 2> status_names(SyncKind) { return {"full", "incremental"}; }

enum class SyncPhase { kLocations, kBins, kItems, kBalances };
constexpr std::array<std::string_view, 4> status_names(SyncPhase) { return {"locations", "bins", "items", "balances"}; }

}  // namespace core::netsuite
