#pragma once
// A business's NetSuite connection as stored (netsuite/connection.h plans and shows it).
#include <string>

#include "business_scope.h"
#include "netsuite/connection.h"
#include "query.h"
#include "turn.h"

namespace core::netsuite {

// The row (kConnectionColumns: sealed secrets and all).
Statement connection_row(const BusinessScope& business);

// Who saves it and when.
struct ConnectionSave {
  std::string business_id, now, updated_by;
};
// The whole row as planned: plain columns, sealed secrets (new or kept), the other mode's
// secrets cleared. Saving it wakes the drainer: adjustments may have waited for it.
Statement connection_upsert(const ConnectionSave& save, const ConnectionPlan& plan, const json& sealed,
                            const json& key_alg);

}  // namespace core::netsuite
