#pragma once
// The effect protocol between the shell (worker/) and the core.
//
// The shell calls the core with an input: the event (an HTTP request, a cron
// tick, a Durable Object alarm), the time, a nonce for ids, and — after the
// first turn — the state the core handed out plus the results of the effects
// it asked for. The core answers with one of:
//   { "respond": { "status", "content_type", "headers", "body" } }   final answer
//   { "effects": [ ... ], "state": ... }                             run these, call back
//   { "effects": [ ... ], "respond": ... }                           run these, then answer
//   { "done": ... }                                                  a cron/alarm turn ended
// An answer may carry "after": [effects] that the shell runs once the response is sent
// (ctx.waitUntil), off the answer's path and without calling back (a token's last use).
// The core keeps nothing between calls: all a conversation needs rides in `state`.
//
// Effects: { "type": "d1", "statements": [ { "sql", "params" } ] } runs as ONE
// D1 batch (one transaction); a parameter that is an array is bound as its JSON text; its result is { "ok": true, "results": [ { "rows",
// "changes" } ] } or { "ok": false, "error" }. With "wake_pushers": [business…]
// the shell wakes those businesses' push drainers after the batch committed.
// The NetSuite push adds (netsuite/drain.h):
//   { "type": "fetch", method, url, headers, body, timeout_ms }  → { ok, status, headers, body } | { ok: false, error }
//   { "type": "sign", business_id, alg, key: [parts], data, encoding } → { ok, signature }
//   { "type": "unseal", business_id, sealed: { column: ciphertext } } → { ok, values: { column: text } }
//   { "type": "seal", business_id, secrets: { column: text } }      → { ok, sealed: { column: ciphertext }, key_alg? }
//   { "type": "wake_pusher", business_id }                          → { ok }
//   { "type": "sleep", ms }                                         → { ok }  (a duplicate waiting for the first answer)
// (the shell holds NS_SECRETS_KEY; secrets and keys never travel back as plain text except unsealed identifiers).
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"

namespace core {

struct Statement {
  std::string sql;
  json params = json::array();
  // Set on a statement that writes outbox rows: once its batch commits, the
  // shell wakes that business's PushMutexDO (effect field "wake_pushers").
  std::string wakes_pusher_of = {};
};

json d1_effect(std::vector<Statement> statements);
json wake_pusher_effect(const std::string& business_id);

// While a blind counter's handler runs (blind.h BlindAnswers), the body leaves without its figures.
json respond_json(int status, json body);
json respond_text(int status, std::string_view content_type, std::string body);

// Ask the shell to run `effects` and call back with `state`.
json ask(json effects, json state);
json ask_d1(std::vector<Statement> statements, json state);

bool is_response(const json& out);

// A non-HTTP conversation's input (the drain, the sync): the results of the effects its last turn
// asked for (an empty array on the first turn), and the i-th of them (null when absent).
const json& turn_results(const json& input);
const json& turn_result(const json& input, size_t i);

// Rows of the i-th statement of a d1 result; an empty array when absent.
const json& rows_of(const json& d1_result, size_t statement_index);
bool d1_ok(const json& d1_result);
std::string d1_error(const json& d1_result);

}  // namespace core
