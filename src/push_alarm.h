#pragma once
// PushMutexDO's alarm: one turn of draining ns_pending_pushes.
#include "json_access.h"

namespace core {

json push_alarm_turn(const json& input);

}  // namespace core
