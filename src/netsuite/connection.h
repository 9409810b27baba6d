#pragma once
// A business's NetSuite connection (one account per business): which account,
// how to authenticate (M2M: OAuth 2.0 client credentials with a certificate's
// key; TBA: OAuth 1.0a tokens) and where adjustments are booked. Credentials
// are write-only: the shell seals them (AES-GCM) before they are stored, the
// API only ever says which ones are present.
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"
#include "problem.h"

namespace core::netsuite {

struct SecretField {
  std::string_view body_name;  // in PUT /api/netsuite/connection
  std::string_view column;     // sealed column of netsuite_connections; also the seal's associated data
  std::string_view has_name;   // in the GET answer
  std::string_view mode;       // m2m | tba
};
inline constexpr SecretField kSecretFields[] = {
    {"client_id", "client_id_sealed", "has_client_id", "m2m"},
    {"private_key_pem", "private_key_sealed", "has_private_key", "m2m"},
    {"consumer_key", "consumer_key_sealed", "has_consumer_key", "tba"},
    {"consumer_secret", "consumer_secret_sealed", "has_consumer_secret", "tba"},
    {"token_id", "token_id_sealed", "has_token_id", "tba"},
    {"token_secret", "token_secret_sealed", "has_token_secret", "tba"},
};
inline constexpr std::string_view kPrivateKeyColumn = "private_key_sealed";

inline constexpr const char* kConnectionColumns =
    "business_id, account_id, base_url, auth_mode, subsidiary_id, adjustment_account_id, cert_id, key_alg, "
    "client_id_sealed, private_key_sealed, consumer_key_sealed, consumer_secret_sealed, token_id_sealed, "
    "token_secret_sealed, updated_at, updated_by";

// https://<host>.netsuite.com, or http://127.0.0.1:<port> when loopback is allowed (local runs only).
bool base_url_allowed(std::string_view url, bool allow_loopback);

// A validated PUT: the plain columns, the secrets to seal now (column → text)
// and the sealed values kept from the stored row (column → ciphertext).
struct ConnectionPlan {
  json plain = json::object();
  json to_seal = json::object();
  json kept = json::object();
  std::vector<FieldError> errors;
};
// `stored` is the current row or null; a secret of the chosen mode may be left
// out when the stored row of the same mode has it.
ConnectionPlan plan_connection(const json& body, const json& stored, bool allow_loopback);

// The row as GET shows it: plain fields and has_* flags, never a secret.
json connection_json(const json& row);

// How the shell signs for this connection (turn.h "sign"): M2M with the sealed private key
// (its key_alg), TBA with HMAC-SHA256 over consumer_secret & token_secret, each percent-encoded.
std::string signing_alg(const json& row);
json signing_key(const json& row);
// The shell's "unseal" of the connection's identifiers (client id, consumer key, token id).
json unseal_ids_effect(const std::string& business_id, const json& row);

// The sealed columns a connection of its auth mode cannot push without, that it lacks.
std::vector<std::string> missing_secrets(const json& row);

}  // namespace core::netsuite
