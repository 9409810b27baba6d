#include "core.h"

#include "http_conversation.h"
#include "netsuite/drain.h"
#include "netsuite/sync.h"
#include "pipeline/what_if.h"
#include "json_access.h"
#include "problem.h"
#include "router.h"
#include "scan/label_turn.h"
#include "scheduled.h"

namespace core {

std::string_view version() { return CORE_VERSION; }

namespace {

json turn_of(std::string_view input_text, std::optional<std::string_view> request_body = std::nullopt) {
  json out;
  auto input = parse_json(input_text);
  if (input && request_body) {
    if (json* request = input->is_object() && input->contains("request") ? &(*input)["request"] : nullptr;
        request && request->is_object()) {
      (*request)["body"] = std::string(*request_body);
    }
  }
  if (!input || !input->is_object()) {
    out = problem(500, "Core input malformed", "the shell sent input the core cannot read");
  } else {
    std::string kind = string_or(*input, "kind", "");
    if (kind == "http") out = http_turn(*input);
    else if (kind == "scheduled") out = scheduled_turn(*input);
    else if (kind == "queue") out = weekly_message_turn(*input);
    else if (kind == "alarm") out = netsuite::drain_turn(*input);
    else if (kind == "sync") out = netsuite::sync_turn(*input);
    else if (kind == "what_if") out = pipeline::what_if_turn(*input);
    else if (kind == "gs1") out = scan::label_turn(*input);
    else if (kind == "routes") out = routes_turn();
    else out = problem(500, "Core input malformed", "unknown input kind '" + kind + "'");
  }
  return out;
}

std::string text_of(const json& out) { return out.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string handle(std::string_view input_text) { return text_of(turn_of(input_text)); }

HandledParts handle_parts(std::string_view input_text, std::optional<std::string_view> request_body) {
  json out = turn_of(input_text, request_body);
  HandledParts parts;
  if (json* respond = out.is_object() && out.contains("respond") ? &out["respond"] : nullptr;
      respond && respond->is_object() && respond->contains("body") && (*respond)["body"].is_string()) {
    parts.body = std::move((*respond)["body"].get_ref<std::string&>());
    respond->erase("body");
    (*respond)["body_follows"] = true;
  }
  parts.output = text_of(out);
  return parts;
}

}  // namespace core
