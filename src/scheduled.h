#pragma once
// The weekly cron (0 6 * * MON): one turn of the scheduled conversation.
#include "json_access.h"

namespace core {

json scheduled_turn(const json& input);

}  // namespace core
