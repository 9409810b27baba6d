#pragma once
// The weekly cron (0 6 * * MON): one turn of the scheduled conversation.
#include "json_access.h"

namespace core {

json scheduled_turn(const json& input);
// One message of the weekly-count queue (input kind "queue"): { message: { week, location_id },
// attempts, dead? } — the tick's work for that location alone, with the whole D1 budget. Its
// answer tells the shell to ack, requeue (the budget ran out) or retry (a failure) the message.
json weekly_message_turn(const json& input);

}  // namespace core
