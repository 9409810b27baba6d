#pragma once
// What a route handler sees of one turn of an HTTP conversation.
#include <map>
#include <optional>
#include <string>

#include "approval_limits.h"
#include "business_scope.h"
#include "json_access.h"
#include "problem.h"
#include "role.h"

namespace core {

struct Principal {
  std::string business_id;
  std::string token_name;
  Role role = Role::kPublic;
  // The token's hash when its last_used_at should move (once a minute at most); else empty.
  std::string touch_token_hash = {};
  // While a request's first reads ride in the token lookup's batch: the token's hash (and
  // business_id, token_name hold kUncheckedToken). Empty once the token is checked.
  std::string unchecked_token_hash = {};
  // A scanner of a business that counts blind: its answers leave out the figures (blind.h).
  bool blind = false;
  // The character the business's scanners send for FNC1 besides GS ('\0': none; scan/gs1.h).
  char gs1_separator = '\0';
  // The largest proposal the token may decide (approval_limits.h); none set: any.
  ApprovalLimits limits = {};

  // The business the statements name (business_scope.h).
  BusinessScope business() const {
    return unchecked_token_hash.empty() ? BusinessScope::of_business(business_id)
                                        : BusinessScope::of_token(unchecked_token_hash);
  }
};

struct Ctx {
  const json& request;   // input.request: method, path, query, body, ...
  const json& query;     // input.request.query (object of strings)
  std::map<std::string, std::string> params;  // path parameters (":id" → value)
  Principal principal;
  const json& state;     // the handler's own state from its previous turn (null at first)
  const json& results;   // results of the effects asked for in the previous turn
  std::string now;       // ISO-8601 UTC, from the shell
  std::string nonce;     // fresh random text from the shell, for ids
  const json& settings;  // input.settings: the Worker's vars (settings.h reads them)

  std::string param(const std::string& name) const;
  std::string query_string(std::string_view name) const;  // "" when absent
  // The first effect result (most turns ask for one D1 batch).
  const json& first_result() const;
};

// The request body as a JSON object, or the answer to give instead: 400 when
// it is not JSON, 422 when it is not an object. An empty body is {} unless required.
struct JsonBody {
  json value = json::object();
  std::optional<json> problem;
};
// Any text in a body longer than kMaxTextLength, or with a control character
// other than tab/newline/CR, is refused (422, its path named): a body may be
// large in rows, never in one field.
inline constexpr size_t kMaxTextLength = 16384;
// Why a text in a body cannot be stored (too long, or a control character), or nullopt.
std::optional<std::string> unstorable_text(std::string_view text);
// The reference stays valid while the core answers this call (bodies are kept across calls).
const JsonBody& json_body(const Ctx& ctx, bool required = true);
// What json_body() answers for a body it cannot read (stock_count/count_lines.h reads alike).
json body_not_json();
json body_not_object();
json body_text_unstorable(const FieldError& where);

// Field lengths people type: names and reasons.
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxNoteLength = 2000;
// A FieldError when body[field] is text longer than `max`.
std::optional<FieldError> text_too_long(const json& body, std::string_view field, size_t max);

// A new opaque id: prefix + the turn's nonce + a counter the caller advances.
std::string make_id(std::string_view prefix, std::string_view nonce, int serial);

// The ids of one turn's new rows: make_id with a counter it advances itself.
struct IdMaker {
  std::string nonce;
  int serial = 0;
  std::string next(std::string_view prefix) { return make_id(prefix, nonce, serial++); }
};

}  // namespace core
