#pragma once
// Token-based authentication (NetSuite TBA): OAuth 1.0a with HMAC-SHA256,
// RFC 5849. The core builds the signature base string and the Authorization
// header; the shell computes the HMAC with the sealed consumer and token
// secrets (worker/secrets.js), so the secrets never enter the core.
#include <string>
#include <string_view>
#include <vector>

namespace core::netsuite {

// RFC 5849 §3.6: every byte but ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper hex).
std::string percent_encode(std::string_view text);

struct OAuthParam {
  std::string name, value;  // decoded
};

// §3.4.1.2: scheme and host lower-cased, the default port dropped, the path
// exactly as sent, no query.
std::string base_string_uri(std::string_view url);

// §3.4.1: METHOD & encode(base string URI) & encode(normalized parameters),
// the parameters encoded, sorted by name then value, joined name=value with "&".
std::string signature_base_string(std::string_view method, std::string_view url, std::vector<OAuthParam> params);

// NetSuite's realm: the account id upper-cased with "-" → "_" (sandbox 1234567-sb1 → 1234567_SB1).
std::string realm_of(std::string_view account_id);

struct TbaRequest {
  std::string method, url;  // url as sent, query included (its parameters are signed too)
  std::string account_id, consumer_key, token_id;
  std::string nonce;      // fresh per request
  int64_t timestamp = 0;  // seconds since the epoch
};

std::vector<OAuthParam> tba_oauth_params(const TbaRequest& request);
std::string tba_base_string(const TbaRequest& request);
// `OAuth realm="…", oauth_consumer_key="…", …, oauth_signature="…"` with the base64 signature.
std::string tba_authorization_header(const TbaRequest& request, std::string_view signature_base64);

}  // namespace core::netsuite
