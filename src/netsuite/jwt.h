#pragma once
// OAuth 2.0 client credentials for NetSuite M2M: a JWT client assertion
// (RFC 7523) signed with the certificate's private key. The core writes the
// header and claims; the shell signs "header.claims" with the sealed key
// (ES256 for EC P-256, PS256 for RSA) and the core appends the signature.
#include <cstdint>
#include <string>
#include <string_view>

#include "json_access.h"

namespace core::netsuite {

std::string base64url(std::string_view bytes);  // RFC 4648 §5, no padding

inline constexpr int64_t kAssertionLifetimeSeconds = 300;  // NetSuite accepts at most 3600

struct ClientAssertion {
  std::string alg;        // ES256 | PS256
  std::string cert_id;    // kid: the certificate id NetSuite shows for the uploaded certificate
  std::string client_id;  // iss: the integration record's client id
  std::string token_url;  // aud: the exact token endpoint URL
  int64_t issued_at = 0;  // iat, seconds
};

json assertion_header(const ClientAssertion& a);
json assertion_claims(const ClientAssertion& a);
// base64url(header) "." base64url(claims): the bytes the signature covers.
std::string assertion_signing_input(const ClientAssertion& a);

std::string token_url_of(std::string_view base_url);
// The token request's form body with the signed assertion.
std::string client_credentials_form(std::string_view signed_assertion);

}  // namespace core::netsuite
